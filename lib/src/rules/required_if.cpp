// required-if: a parameter that another parameter's value makes mandatory
// (x-requiredIf in the schemas), e.g. Period when ChargeType is PrePaid.
// The condition counts only when its parameter is valid on its own.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

class RequiredIf : public Rule {
 public:
  std::string_view id() const override { return "required-if"; }
  void Check(Context& ctx) const override {
    ForEachObjectAnnotation(ctx, "x-requiredIf", [&](const Scope& s, const nlohmann::json& entry) {
      const std::string& param = AnnotationText(entry, "parameter");
      if (param.empty() || ctx.Value(s, param) != nullptr) return;
      const nlohmann::json& cond = entry["if"];
      std::string because;
      uint32_t pos = s.node->pos;
      for (auto it = cond.begin(); it != cond.end(); ++it) {
        if (!Matches(ctx, s, it.key(), AnnotationText(*it))) return;
        if (!because.empty()) because += " and ";
        because += AnnotationText(*it) == "*" ? it.key() + " is given" : it.key() + " is " + AnnotationText(*it);
        if (const Member* m = s.node->member(it.key())) pos = m->key_pos;
      }
      ctx.Emit(id(), "MissingParameter", param, param + " is required because " + because,
               ctx.Pointer(s, param), ctx.Parameter(s, param), pos);
    });
  }
};

}  // namespace

const Rule& RequiredIfRule() {
  static const RequiredIf rule;
  return rule;
}

}  // namespace tairlint::detail
