// plaintext-secret: a password or credential (x-secret) written in the
// request file, i.e. kept in a repository. The value is never printed.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

// The properties annotated "x-secret": true (a stored secret; "one-off",
// a signature, is not one), found once when the action loads.
class PlaintextSecret : public AnnotatedRule<PropertyAnnotations<bool>> {
 public:
  std::string_view id() const override { return "plaintext-secret"; }

 protected:
  bool Read(AnnotationReader& reader, PropertyAnnotations<bool>* config) const override {
    return reader.Properties<bool>("x-secret", config, [](const nlohmann::json& a, const ObjectSpec&, bool* stored) {
      *stored = a.is_boolean() && a.get<bool>();
      return true;
    });
  }
  void Run(Context& ctx, const PropertyAnnotations<bool>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, bool stored) {
      const Member* m = ctx.MemberOf(s, p);  // the last of a repeated key
      if (!stored || m == nullptr || m->value.is_null()) return;
      ctx.Emit(id(), "", ctx.KeyAt(s, p.name, *m),
               p.name + " is written in plain text in this request; keep secrets out of files in a repository "
                        "and inject them when the request is sent");
    });
  }
};

}  // namespace

const Rule& PlaintextSecretRule() {
  static const PlaintextSecret rule;
  return rule;
}

}  // namespace tairlint::detail
