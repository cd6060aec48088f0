// plaintext-secret: a password or credential (x-secret) written in the
// request file, i.e. kept in a repository. The value is never printed.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kSecret("x-secret");

class PlaintextSecret : public Rule {
 public:
  std::string_view id() const override { return "plaintext-secret"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kSecret, [&](const Scope& s, const PropSpec& p) {
      if (!p.stored_secret) return;  // "x-secret": false, or "one-off" (a signature)
      const Member* m = ctx.MemberOf(s, p);
      if (m == nullptr || m->value.is_null()) return;
      ctx.Emit(id(), "", "",
               p.name + " is written in plain text in this request; keep secrets out of files in a repository "
                        "and inject them when the request is sent",
               ctx.Pointer(s, p.name), ctx.Parameter(s, p.name), m->key_pos);
    });
  }
};

}  // namespace

const Rule& PlaintextSecretRule() {
  static const PlaintextSecret rule;
  return rule;
}

}  // namespace tairlint::detail
