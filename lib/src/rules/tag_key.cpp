// tag-key: every tag pair needs a non-empty Key (a pair without a Key
// member has an empty one).
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

class TagKey : public Rule {
 public:
  std::string_view id() const override { return "tag-key"; }
  void Check(Context& ctx) const override {
    for (const Scope& s : ctx.scopes) {
      if (s.where != Scope::Where::TagPair || ctx.report.HasError(s.pointer)) continue;
      std::string ptr = ctx.Pointer(s, "Key");
      if (ctx.report.HasError(ptr)) continue;
      const Node* key = ctx.Value(s, "Key");
      if (key != nullptr && !(key->kind == Kind::String && key->text.empty())) continue;
      std::string param = ctx.Parameter(s, "Key");
      ctx.Emit(id(), "InvalidParameter", param,
               param + (key == nullptr ? " is missing" : " is empty") + ": every tag needs a non-empty Key", ptr,
               param, key != nullptr ? key->pos : s.node->pos);
    }
  }
};

}  // namespace

const Rule& TagKeyRule() {
  static const TagKey rule;
  return rule;
}

}  // namespace tairlint::detail
