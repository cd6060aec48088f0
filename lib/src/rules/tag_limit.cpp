// tag-limit: at most x-maxPairs (5) tag pairs; every pair past the limit is
// one error at its own position. (Query strings number their tags: an N
// outside 1..5 is reported while the tags are folded, under this rule too.)
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kMaxPairs("x-maxPairs");

class TagLimit : public Rule {
 public:
  std::string_view id() const override { return "tag-limit"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kMaxPairs, [&](const Scope& s, const PropSpec& p) {
      const Node* tags = ctx.Value(s, p);
      if (tags == nullptr || !tags->is_array()) return;
      size_t max = p.max_pairs;
      for (size_t i = max; i < tags->items.size(); ++i) {
        std::string ptr = PointerAppend(PointerAppend(s.pointer, p.name), i);
        std::string param = p.name + "." + std::to_string(i + 1) + ".Key";
        ctx.Emit(id(), "InvalidParameter", param,
                 p.name + " holds " + std::to_string(tags->items.size()) + " pairs; at most " + std::to_string(max) +
                     " are allowed, so pair " + std::to_string(i + 1) + " is one too many",
                 ptr, param, tags->items[i].pos);
      }
    });
  }
};

}  // namespace

const Rule& TagLimitRule() {
  static const TagLimit rule;
  return rule;
}

}  // namespace tairlint::detail
