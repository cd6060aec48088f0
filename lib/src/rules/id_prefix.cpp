// id-prefix: resource IDs have a prefix (vpc-, vsw-, tk-, r-, rg-; see
// x-idPrefix). A wrong one is a warning, naming the code the service would
// likely answer: only the service knows whether a resource exists.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

// x-idPrefix: {"prefix": "vpc-", "code": "InvalidVpcId.NotFound"}.
struct IdPrefixSpec {
  std::string prefix;
  std::string code;  // the code the service would likely answer; may be empty
};

class IdPrefix : public AnnotatedRule<PropertyAnnotations<IdPrefixSpec>> {
 public:
  std::string_view id() const override { return "id-prefix"; }

 protected:
  bool Read(AnnotationReader& reader, PropertyAnnotations<IdPrefixSpec>* config) const override {
    return reader.Properties<IdPrefixSpec>("x-idPrefix", config, [&](const nlohmann::json& a, const ObjectSpec&, IdPrefixSpec* out) {
      out->prefix = reader.Text(a, "prefix");
      if (a.contains("code")) out->code = reader.Text(a, "code");
      return !reader.failed();
    });
  }
  void Run(Context& ctx, const PropertyAnnotations<IdPrefixSpec>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, const IdPrefixSpec& spec) {
      const Node* v = ctx.ValidValue(s, p);
      if (v == nullptr || v->text.rfind(spec.prefix, 0) == 0) return;
      ctx.Emit(id(), "", ctx.ValueAt(s, p.name, *v),
               p.name + " " + ShowValue(*v) + " does not start with " + spec.prefix + " as such IDs do; the service would " +
                   (spec.code.empty() ? std::string("likely not find it") : "likely answer " + spec.code));
    });
  }
};

}  // namespace

const Rule& IdPrefixRule() {
  static const IdPrefix rule;
  return rule;
}

}  // namespace tairlint::detail
