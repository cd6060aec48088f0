// tag-key: every tag pair needs a non-empty Key (a pair without a Key
// member has an empty one).
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class TagKey : public Rule {
 public:
  std::string_view id() const override { return "tag-key"; }
  void Check(Context& ctx, const RuleConfig*) const override {
    for (const Scope& s : ctx.scopes) {
      if (s.where != Scope::Where::TagPair || ctx.report.HasError(s.pointer)) continue;
      if (ctx.report.HasErrorAt(s.pointer, "Key")) continue;
      const Node* key = ctx.Value(s, "Key");
      if (key != nullptr && !(key->kind == Kind::String && key->text.empty())) continue;
      Place place = key != nullptr ? ctx.ValueAt(s, "Key", *key) : ctx.MissingAt(s, "Key");
      const std::string param = place.parameter;
      ctx.Emit(id(), "InvalidParameter", std::move(place),
               param + (key == nullptr ? " is missing" : " is empty") + ": every tag needs a non-empty Key");
    }
  }
};

}  // namespace

const Rule& TagKeyRule() {
  static const TagKey rule;
  return rule;
}

}  // namespace tairlint::detail
