// recommended-value: a parameter that the page says to set to one value
// (x-recommended), e.g. AutoPay=true for a VNode: false leaves an unpaid order.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class RecommendedValue : public AnnotatedRule<PropertyAnnotations<std::string>> {
 public:
  std::string_view id() const override { return "recommended-value"; }

 protected:
  // x-recommended: the value to set, read as wire text.
  bool Read(AnnotationReader& reader, PropertyAnnotations<std::string>* config) const override {
    return reader.Properties<std::string>("x-recommended", config,
                                          [](const nlohmann::json& a, const ObjectSpec&, std::string* want) {
                                            *want = a.is_string() ? a.get<std::string>() : a.dump();
                                            return true;
                                          });
  }
  void Run(Context& ctx, const PropertyAnnotations<std::string>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, const std::string& want) {
      const Node* v = ctx.ValidValue(s, p);
      if (v == nullptr || WireText(*v) == want) return;
      ctx.Emit(id(), "", ctx.ValueAt(s, p.name, *v),
               p.name + " is " + ShowWireText(*v) + "; the API reference says to set it to " + want +
                   " (otherwise the order waits for a manual payment)");
    });
  }
};

}  // namespace

const Rule& RecommendedValueRule() {
  static const RecommendedValue rule;
  return rule;
}

}  // namespace tairlint::detail
