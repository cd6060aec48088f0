// duplicate-key: the same key twice in one object. The service's choice
// between the two values cannot be known, so the request is not what its
// author reads. Reported at the second occurrence, naming the first's line.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class DuplicateKey : public Rule {
 public:
  std::string_view id() const override { return "duplicate-key"; }
  bool BeforeSchema() const override { return true; }
  void Check(Context& ctx, const RuleConfig*) const override {
    if (!ctx.duplicate_keys) return;
    std::string pointer;  // of the node being walked; grows and shrinks
    Walk(ctx, ctx.root, &pointer);
  }

 private:
  // Depth is bounded by the parsers' nesting limit.
  void Walk(Context& ctx, const Node& node, std::string* pointer) const {
    size_t len = pointer->size();
    if (node.is_array()) {
      for (size_t i = 0; i < node.items.size(); ++i) {
        if (node.items[i].is_scalar()) continue;
        *pointer += '/';
        *pointer += std::to_string(i);
        Walk(ctx, node.items[i], pointer);
        pointer->resize(len);
      }
      return;
    }
    for (const Member& m : node.members) {
      if (!m.has_first && m.value.is_scalar()) continue;
      *pointer = PointerAppend(*pointer, m.key);
      if (m.has_first) {
        int first_line = ctx.LineOf(m.first_pos);
        ctx.Emit(id(), GenericCode(*pointer), Place{*pointer, WireName(*pointer, m.key), m.key_pos, KeyEndOf(m)},
                 Excerpt(m.key) + " appears more than once in the same object" +
                     (first_line > 0 ? " (first on line " + std::to_string(first_line) + ")" : std::string()) +
                     "; which value the service would take cannot be known");
      }
      if (!m.value.is_scalar()) Walk(ctx, m.value, pointer);
      pointer->resize(len);
    }
  }
};

}  // namespace

const Rule& DuplicateKeyRule() {
  static const DuplicateKey rule;
  return rule;
}

}  // namespace tairlint::detail
