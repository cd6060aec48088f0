// parameter-case: a key that is a documented parameter written in another
// case. Request parameters are matched exactly, so the service does not see
// it; an Instances element's keys are matched ignoring case, so the service
// takes it (a warning either way, naming the page's spelling).
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class ParameterCase : public Rule {
 public:
  std::string_view id() const override { return "parameter-case"; }
  void Check(Context& ctx, const RuleConfig*) const override {
    // Request parameters are matched exactly: the documented one is absent.
    for (const Scope& s : ctx.scopes) {
      for (size_t i = 0; i < s.node->members.size(); ++i) {
        const Member& m = s.node->members[i];
        if (s.specs[i] != nullptr) continue;
        const PropSpec* p = s.spec->find_ignoring_case(m.key);
        if (p == nullptr) continue;
        ctx.Emit(id(), "", ctx.KeyAt(s, m.key, m),
                 Excerpt(m.key) + " is spelled " + p->name +
                     " in the API: parameter names are case-sensitive, so the service does not see " + p->name);
      }
    }
    // An Instances element's keys are matched ignoring case: the key is the
    // documented one (BuildScopes), spelled otherwise.
    for (const Context::Respelled& r : ctx.respelled) {
      const Scope& s = ctx.scopes[r.scope];
      const std::string name(std::string_view(r.member->key));
      ctx.Emit(id(), "", ctx.KeyAt(s, name, *r.member),
               r.written + " is spelled " + name + " on the " + ActionName(ctx.action) +
                   " page; the service reads the keys of an Instances element ignoring case, so it takes " +
                   r.written + " as " + name);
    }
  }
};

}  // namespace

const Rule& ParameterCaseRule() {
  static const ParameterCase rule;
  return rule;
}

}  // namespace tairlint::detail
