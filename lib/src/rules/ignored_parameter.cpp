// ignored-parameter: a parameter that is valid only when another has some
// value (x-ignoredUnless), e.g. Period without ChargeType=PrePaid. The
// service ignores it; its value is still checked, since the service checks
// values before it acts on them. With "ifAny": "Instances", the condition
// holds when any element of Instances meets it. A property annotated
// x-ignored (a reason) is ignored whatever the request holds: a top-level
// RegionId on CreateInstances, which the older SDK cores add.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kIgnored("x-ignored");

class IgnoredParameter : public Rule {
 public:
  std::string_view id() const override { return "ignored-parameter"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kIgnored, [&](const Scope& s, const PropSpec& p) {
      const Member* m = ctx.MemberOf(s, p);
      if (m == nullptr || m->value.is_null()) return;
      ctx.Emit(id(), "", "", p.name + " is ignored by " + ActionName(ctx.action) + ": " + p.ignored,
               ctx.Pointer(s, p.name), ctx.Parameter(s, p.name), m->key_pos);
    });
    for (const Scope& s : ctx.scopes) {
      for (const ConditionalParameter& entry : s.spec->ignored_unless) {
        const std::string& param = entry.parameter.name;
        const Member* m = ctx.MemberOf(s, entry.parameter);
        if (m == nullptr || m->value.is_null()) continue;
        const std::string& any = entry.if_any;
        // Relating two parameters needs both valid: an invalid condition
        // parameter (ChargeType "Prepaid") has its own error and says nothing.
        bool holds = false, unknowable = false;
        if (any.empty()) {
          holds = AllMatch(ctx, s, entry.conditions);
          unknowable = AnyInvalid(ctx, s, entry.conditions);
        } else {
          for (const Scope& e : ctx.scopes) {
            if (e.where != Scope::Where::Element) continue;
            holds = holds || AllMatch(ctx, e, entry.conditions);
            unknowable = unknowable || AnyInvalid(ctx, e, entry.conditions);
          }
        }
        if (holds || unknowable) continue;
        ctx.Emit(id(), "", "",
                 param + " takes effect only when " + Describe(entry.conditions) +
                     (any.empty() ? "" : " in some element of " + any) +
                     "; the service ignores it here",
                 ctx.Pointer(s, param), ctx.Parameter(s, param), m->key_pos);
      }
    }
  }

 private:
  static bool AnyInvalid(const Context& ctx, const Scope& s, const std::vector<Condition>& conditions) {
    if (!ctx.report.HasAnyError()) return false;
    for (const Condition& c : conditions) {
      if (ctx.Value(s, c.param) != nullptr && !ctx.Valid(s, c.param)) return true;
    }
    return false;
  }
  static bool AllMatch(const Context& ctx, const Scope& s, const std::vector<Condition>& conditions) {
    for (const Condition& c : conditions) {
      if (!Matches(ctx, s, c)) return false;
    }
    return true;
  }
};

}  // namespace

const Rule& IgnoredParameterRule() {
  static const IgnoredParameter rule;
  return rule;
}

}  // namespace tairlint::detail
