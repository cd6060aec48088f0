// engine-version-mismatch: a request-level parameter given again in an
// element with another value (x-sameAsIn), e.g. EngineVersion 4.0 at the top
// and 5.0 in an element: which one wins is not documented.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

class EngineVersionMismatch : public Rule {
 public:
  std::string_view id() const override { return "engine-version-mismatch"; }
  void Check(Context& ctx) const override {
    const Scope& top = ctx.scopes.front();  // the request
    for (const SameAsIn& same : top.spec->same_as_in) {
      const std::string& param = same.in_request.name;
      if (!ctx.Valid(top, same.in_request)) continue;
      const Node& request_value = *ctx.Value(top, same.in_request);
      const std::string want = WireText(request_value);
      const ParamRef& in_element = same.in_element;
      for (const Scope& s : ctx.scopes) {
        if (s.where != Scope::Where::Element || !ctx.Valid(s, in_element)) continue;
        const Node& v = *ctx.Value(s, in_element);
        if (WireText(v) == want) continue;
        ctx.Emit(id(), "", "",
                 param + " is " + ShowWireText(request_value) + " for the request but " + ShowWireText(v) + " in Instances element " +
                     std::to_string(s.index) + "; which one applies is not documented",
                 ctx.Pointer(s, param), ctx.Parameter(s, param), v.pos);
      }
    }
  }
};

}  // namespace

const Rule& EngineVersionMismatchRule() {
  static const EngineVersionMismatch rule;
  return rule;
}

}  // namespace tairlint::detail
