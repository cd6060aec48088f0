// tag-limit: at most maxItems (5) tag pairs; every pair past the limit is
// one error at its own position. (Query strings number their tags: an N
// outside 1..5 is reported while the tags are folded, under this rule too.)
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

// The array properties with a maxItems, found once when the action loads.
class TagLimit : public AnnotatedRule<PropertyAnnotations<bool>> {
 public:
  std::string_view id() const override { return "tag-limit"; }

 protected:
  bool Read(AnnotationReader& reader, PropertyAnnotations<bool>* config) const override {
    return reader.Properties<bool>("maxItems", config, [](const nlohmann::json&, const ObjectSpec&, bool*) { return true; });
  }
  void Run(Context& ctx, const PropertyAnnotations<bool>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, bool) {
      if (p.max_items == 0 || p.type != WireType::Array) return;
      const Node* pairs = ctx.Value(s, p);  // the last of a repeated key
      if (pairs == nullptr || !pairs->is_array()) return;
      const size_t max = p.max_items;
      for (size_t i = max; i < pairs->items.size(); ++i) {
        std::string param = p.name + "." + std::to_string(i + 1) + ".Key";
        ctx.Emit(id(), "InvalidParameter",
                 Place{PointerAppend(ctx.Pointer(s, p.name), i), param, pairs->items[i].pos, EndOf(pairs->items[i])},
                 p.name + " holds " + std::to_string(pairs->items.size()) + " pairs; at most " + std::to_string(max) +
                     " are allowed, so pair " + std::to_string(i + 1) + " is one too many");
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
