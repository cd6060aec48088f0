// plaintext-secret: a password or credential (x-secret) written in the
// request file, i.e. kept in a repository. The value is never printed.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class PlaintextSecret : public Rule {
 public:
  std::string_view id() const override { return "plaintext-secret"; }
  void Check(Context& ctx, const RuleConfig*) const override {
    for (const Scope& s : ctx.scopes) {
      for (size_t i = 0; i < s.specs.size(); ++i) {
        const PropSpec* p = s.specs[i];
        // x-secret true: a stored secret (not "one-off", a signature)
        if (p == nullptr || !p->stored_secret) continue;
        const Member& m = s.node->members[i];
        if (m.value.is_null() || ctx.MemberOf(s, *p) != &m) continue;  // the last of a repeated key
        ctx.Emit(id(), "", ctx.KeyAt(s, p->name, m),
                 p->name + " is written in plain text in this request; keep secrets out of files in a repository "
                           "and inject them when the request is sent");
      }
    }
  }
};

}  // namespace

const Rule& PlaintextSecretRule() {
  static const PlaintextSecret rule;
  return rule;
}

}  // namespace tairlint::detail
