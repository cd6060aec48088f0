// password-complexity: a password must mix at least N of the four kinds of
// characters (upper case, lower case, digits, specials), x-passwordKinds.
// RE2 has no lookahead, so this is code. It runs only on a password that
// passed its length and character rules, and never prints the password.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class PasswordComplexity : public AnnotatedRule<PropertyAnnotations<int>> {
 public:
  std::string_view id() const override { return "password-complexity"; }

 protected:
  // x-passwordKinds: how many of the four kinds a password must mix.
  bool Read(AnnotationReader& reader, PropertyAnnotations<int>* config) const override {
    return reader.Properties<int>("x-passwordKinds", config, [&](const nlohmann::json& a, const ObjectSpec&, int* kinds) {
      if (!a.is_number_unsigned() || a.get<uint64_t>() > 4) return reader.Fail(" must be 0 to 4");
      *kinds = a.get<int>();
      return true;
    });
  }
  void Run(Context& ctx, const PropertyAnnotations<int>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, int need) {
      const Node* v = ctx.ValidValue(s, p);
      if (v == nullptr || v->kind != Kind::String) return;
      bool upper = false, lower = false, digit = false, special = false;
      for (char c : v->text) {
        if (c >= 'A' && c <= 'Z') upper = true;
        else if (c >= 'a' && c <= 'z') lower = true;
        else if (c >= '0' && c <= '9') digit = true;
        else special = true;
      }
      int kinds = upper + lower + digit + special;
      if (kinds >= need) return;
      ctx.Emit(id(), p.error_code, ctx.ValueAt(s, p.name, *v),
               p.name + " must mix at least " + std::to_string(need) +
                   " of upper-case letters, lower-case letters, digits and special characters; it has " +
                   std::to_string(kinds));
    });
  }
};

}  // namespace

const Rule& PasswordComplexityRule() {
  static const PasswordComplexity rule;
  return rule;
}

}  // namespace tairlint::detail
