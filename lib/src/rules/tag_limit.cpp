// tag-limit: at most maxItems (5) tag pairs; every pair past the limit is
// one error at its own position. (Query strings number their tags: an N
// outside 1..5 is reported while the tags are folded, under this rule too.)
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class TagLimit : public Rule {
 public:
  std::string_view id() const override { return "tag-limit"; }
  void Check(Context& ctx, const RuleConfig*) const override {
    for (const Scope& s : ctx.scopes) {
      for (size_t m = 0; m < s.specs.size(); ++m) {
        const PropSpec* p = s.specs[m];
        if (p == nullptr || p->max_items == 0 || p->type != WireType::Array) continue;
        const Node* pairs = ctx.Value(s, *p);
        if (pairs == nullptr || !pairs->is_array() || ctx.MemberOf(s, *p) != &s.node->members[m]) continue;
        const size_t max = p->max_items;
        for (size_t i = max; i < pairs->items.size(); ++i) {
          std::string param = p->name + "." + std::to_string(i + 1) + ".Key";
          ctx.Emit(id(), "InvalidParameter",
                   Place{PointerAppend(ctx.Pointer(s, p->name), i), param, pairs->items[i].pos, EndOf(pairs->items[i])},
                   p->name + " holds " + std::to_string(pairs->items.size()) + " pairs; at most " + std::to_string(max) +
                       " are allowed, so pair " + std::to_string(i + 1) + " is one too many");
        }
      }
    }
  }
};

}  // namespace

const Rule& TagLimitRule() {
  static const TagLimit rule;
  return rule;
}

}  // namespace tairlint::detail
