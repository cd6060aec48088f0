// tag-key-duplicate: two tag pairs with the same Key.
#include <unordered_map>

#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class TagKeyDuplicate : public Rule {
 public:
  std::string_view id() const override { return "tag-key-duplicate"; }
  void Check(Context& ctx, const RuleConfig*) const override {
    std::unordered_map<std::string, size_t> first;  // key -> pair index
    for (const Scope& s : ctx.scopes) {
      if (s.where != Scope::Where::TagPair || ctx.report.HasError(s.pointer)) continue;
      if (!ctx.Valid(s, "Key")) continue;
      const Node& key = *ctx.Value(s, "Key");
      auto [it, inserted] = first.emplace(WireText(key), s.index);
      if (inserted) continue;
      Place place = ctx.ValueAt(s, "Key", key);
      const std::string param = place.parameter;
      ctx.Emit(id(), "InvalidParameter", std::move(place),
               param + " " + ShowValue(key) + " repeats the key of Tag." + std::to_string(it->second + 1) +
                   ": tag keys must be unique");
    }
  }
};

}  // namespace

const Rule& TagKeyDuplicateRule() {
  static const TagKeyDuplicate rule;
  return rule;
}

}  // namespace tairlint::detail
