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
    for (const Scope& s : ctx.scopes) {
      for (const ConditionalParameter& entry : s.spec->required_if) {
        const std::string& param = entry.parameter.name;
        if (ctx.Value(s, entry.parameter) != nullptr) continue;
        bool holds = true;
        for (const Condition& c : entry.conditions) holds = holds && Matches(ctx, s, c);
        if (!holds) continue;
        uint32_t pos = s.node->pos;
        for (const Condition& c : entry.conditions) {
          if (const Member* m = ctx.MemberOf(s, c.param)) pos = m->key_pos;
        }
        ctx.Emit(id(), "MissingParameter", param, param + " is required because " + Describe(entry.conditions),
                 ctx.Pointer(s, param), ctx.Parameter(s, param), pos);
      }
    }
  }
};

}  // namespace

const Rule& RequiredIfRule() {
  static const RequiredIf rule;
  return rule;
}

}  // namespace tairlint::detail
