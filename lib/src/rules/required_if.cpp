// required-if: a parameter that another parameter's value makes mandatory
// (x-requiredIf in the schemas), e.g. Period when ChargeType is PrePaid.
// The condition counts only when its parameter is valid on its own.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class RequiredIf : public AnnotatedRule<ObjectAnnotations<ConditionalParameter>> {
 public:
  std::string_view id() const override { return "required-if"; }

 protected:
  bool Read(AnnotationReader& reader, ObjectAnnotations<ConditionalParameter>* config) const override {
    return reader.Objects<ConditionalParameter>("x-requiredIf", config,
                                                [&](const nlohmann::json& e, const ObjectSpec& object, ConditionalParameter* out) {
                                                  return ReadConditionalParameter(reader, e, object, out);
                                                });
  }
  void Run(Context& ctx, const ObjectAnnotations<ConditionalParameter>& config) const override {
    for (const Scope& s : ctx.scopes) {
      for (const ObjectAnnotation<ConditionalParameter>& a : config) {
        if (a.object != s.spec) continue;
        const ConditionalParameter& entry = a.value;
        const std::string& param = entry.parameter.name;
        if (ctx.Value(s, entry.parameter) != nullptr) continue;
        bool holds = true;
        for (const Condition& c : entry.conditions) holds = holds && Matches(ctx, s, c);
        if (!holds) continue;
        Place place = ctx.MissingAt(s, param);  // at the key of the last condition given
        for (const Condition& c : entry.conditions) {
          if (const Member* m = ctx.MemberOf(s, c.param)) place = ctx.KeyAt(s, param, *m);
        }
        ctx.Emit(id(), "MissingParameter", std::move(place), param + " is required because " + Describe(entry.conditions),
                 param);
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
