// dry-run: DryRun=true on a request without errors: the service would only
// precheck it and answer DryRunOperation, creating nothing.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class DryRun : public Rule {
 public:
  std::string_view id() const override { return "dry-run"; }
  void Check(Context& ctx, const RuleConfig*) const override {
    const Scope& s = ctx.scopes[0];
    if (!ctx.Valid(s, "DryRun") || ctx.report.HasAnyError()) return;
    const Node& v = *ctx.Value(s, "DryRun");
    if (v.kind != Kind::Bool || !v.boolean) return;
    ctx.Emit(id(), "", ctx.ValueAt(s, "DryRun", v),
             "DryRun is true: the service would check this request, create nothing and answer DryRunOperation");
  }
};

}  // namespace

const Rule& DryRunRule() {
  static const DryRun rule;
  return rule;
}

}  // namespace tairlint::detail
