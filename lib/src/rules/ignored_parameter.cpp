// ignored-parameter: a parameter that is valid only when another has some
// value (x-ignoredUnless), e.g. Period without ChargeType=PrePaid. The
// service ignores it; its value is still checked, since the service checks
// values before it acts on them. With "ifAny": "Instances", the condition
// holds when any element of Instances meets it. A property annotated
// x-ignored (a reason) is ignored whatever the request holds: a top-level
// RegionId on CreateInstances, which the older SDK cores add.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

// x-ignored (on a property: why the service always ignores it) and
// x-ignoredUnless (on an object: when a parameter takes effect).
struct Ignored {
  PropertyAnnotations<std::string> always;
  ObjectAnnotations<ConditionalParameter> unless;
};

class IgnoredParameter : public AnnotatedRule<Ignored> {
 public:
  std::string_view id() const override { return "ignored-parameter"; }

 protected:
  bool Read(AnnotationReader& reader, Ignored* config) const override {
    return reader.Properties<std::string>("x-ignored", &config->always,
                                          [&](const nlohmann::json& a, const ObjectSpec&, std::string* why) {
                                            if (!a.is_string() || a.get_ref<const std::string&>().empty()) {
                                              return reader.Fail(" must say why");
                                            }
                                            *why = a.get<std::string>();
                                            return true;
                                          }) &&
           reader.Objects<ConditionalParameter>("x-ignoredUnless", &config->unless,
                                                [&](const nlohmann::json& e, const ObjectSpec& object, ConditionalParameter* out) {
                                                  return ReadConditionalParameter(reader, e, object, out);
                                                });
  }
  void Run(Context& ctx, const Ignored& config) const override {
    ForEachAnnotated(ctx, config.always, [&](const Scope& s, const PropSpec& p, const std::string& why) {
      const Member* m = ctx.MemberOf(s, p);
      if (m == nullptr || m->value.is_null()) return;
      ctx.Emit(id(), "", ctx.KeyAt(s, p.name, *m), p.name + " is ignored by " + ActionName(ctx.action) + ": " + why);
    });
    for (const Scope& s : ctx.scopes) {
      for (const ObjectAnnotation<ConditionalParameter>& a : config.unless) {
        if (a.object == s.spec) CheckUnless(ctx, s, a.value);
      }
    }
  }

 private:
  void CheckUnless(const Context& ctx, const Scope& s, const ConditionalParameter& entry) const {
    const std::string& param = entry.parameter.name;
    const Member* m = ctx.MemberOf(s, entry.parameter);
    if (m == nullptr || m->value.is_null()) return;
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
    if (holds || unknowable) return;
    ctx.Emit(id(), "", ctx.KeyAt(s, param, *m),
             param + " takes effect only when " + Describe(entry.conditions) +
                 (any.empty() ? "" : " in some element of " + any) + "; the service ignores it here");
  }
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
