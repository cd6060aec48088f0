// recommended-value: a parameter that the page says to set to one value
// (x-recommended), e.g. AutoPay=true for a VNode: false leaves an unpaid order.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kRecommended("x-recommended");

class RecommendedValue : public Rule {
 public:
  std::string_view id() const override { return "recommended-value"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kRecommended, [&](const Scope& s, const PropSpec& p) {
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr) return;
      const Node& v = *valid;
      const std::string& want = p.recommended;
      if (WireText(v) == want) return;
      ctx.Emit(id(), "", "",
               p.name + " is " + ShowWireText(v) + "; the API reference says to set it to " + want +
                   " (otherwise the order waits for a manual payment)",
               ctx.Pointer(s, p.name), ctx.Parameter(s, p.name), v.pos);
    });
  }
};

}  // namespace

const Rule& RecommendedValueRule() {
  static const RecommendedValue rule;
  return rule;
}

}  // namespace tairlint::detail
