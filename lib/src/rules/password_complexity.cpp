// password-complexity: a password must mix at least N of the four kinds of
// characters (upper case, lower case, digits, specials), x-passwordKinds.
// RE2 has no lookahead, so this is code. It runs only on a password that
// passed its length and character rules, and never prints the password.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kPasswordKinds("x-passwordKinds");

class PasswordComplexity : public Rule {
 public:
  std::string_view id() const override { return "password-complexity"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kPasswordKinds, [&](const Scope& s, const PropSpec& p) {
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr) return;
      const Node& v = *valid;
      if (v.kind != Kind::String) return;
      bool upper = false, lower = false, digit = false, special = false;
      for (char c : v.text) {
        if (c >= 'A' && c <= 'Z') upper = true;
        else if (c >= 'a' && c <= 'z') lower = true;
        else if (c >= '0' && c <= '9') digit = true;
        else special = true;
      }
      int kinds = upper + lower + digit + special;
      int need = p.password_kinds;
      if (kinds >= need) return;
      std::string ptr = ctx.Pointer(s, p.name);
      std::string param = ctx.Parameter(s, p.name);
      ctx.Emit(id(), p.error_code, param,
               p.name + " must mix at least " + std::to_string(need) +
                   " of upper-case letters, lower-case letters, digits and special characters; it has " +
                   std::to_string(kinds),
               ptr, param, v.pos);
    });
  }
};

}  // namespace

const Rule& PasswordComplexityRule() {
  static const PasswordComplexity rule;
  return rule;
}

}  // namespace tairlint::detail
