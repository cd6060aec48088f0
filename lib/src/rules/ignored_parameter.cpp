// ignored-parameter: a parameter that is valid only when another has some
// value (x-ignoredUnless), e.g. Period without ChargeType=PrePaid. The
// service ignores it; its value is still checked, since the service checks
// values before it acts on them. With "ifAny": "Instances", the condition
// holds when any element of Instances meets it.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

class IgnoredParameter : public Rule {
 public:
  std::string_view id() const override { return "ignored-parameter"; }
  void Check(Context& ctx) const override {
    ForEachObjectAnnotation(ctx, "x-ignoredUnless", [&](const Scope& s, const nlohmann::json& entry) {
      const std::string& param = AnnotationText(entry, "parameter");
      const Member* m = s.node->member(param);
      if (m == nullptr || m->value.is_null()) return;
      const nlohmann::json& cond = entry["if"];
      const std::string& any = AnnotationText(entry, "ifAny");
      // Relating two parameters needs both valid: an invalid condition
      // parameter (ChargeType "Prepaid") has its own error and says nothing.
      bool holds = false, unknowable = false;
      if (any.empty()) {
        holds = AllMatch(ctx, s, cond);
        unknowable = AnyInvalid(ctx, s, cond);
      } else {
        for (const Scope& e : ctx.scopes) {
          if (e.where != Scope::Where::Element) continue;
          holds = holds || AllMatch(ctx, e, cond);
          unknowable = unknowable || AnyInvalid(ctx, e, cond);
        }
      }
      if (holds || unknowable) return;
      std::string when;
      for (auto it = cond.begin(); it != cond.end(); ++it) {
        if (!when.empty()) when += " and ";
        when += AnnotationText(*it) == "*" ? it.key() + " is given" : it.key() + " is " + AnnotationText(*it);
      }
      ctx.Emit(id(), "", "",
               param + " takes effect only when " + when + (any.empty() ? "" : " in some element of " + any) +
                   "; the service ignores it here",
               ctx.Pointer(s, param), ctx.Parameter(s, param), m->key_pos);
    });
  }

 private:
  static bool AnyInvalid(const Context& ctx, const Scope& s, const nlohmann::json& cond) {
    if (!ctx.report.HasAnyError()) return false;
    for (auto it = cond.begin(); it != cond.end(); ++it) {
      if (ctx.Value(s, it.key()) != nullptr && !ctx.Valid(s, it.key())) return true;
    }
    return false;
  }
  static bool AllMatch(const Context& ctx, const Scope& s, const nlohmann::json& cond) {
    for (auto it = cond.begin(); it != cond.end(); ++it) {
      if (!Matches(ctx, s, it.key(), AnnotationText(*it))) return false;
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
