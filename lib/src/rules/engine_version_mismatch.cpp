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
    ForEachObjectAnnotation(ctx, "x-sameAsIn", [&](const Scope& top, const nlohmann::json& entry) {
      const std::string& param = AnnotationText(entry, "parameter");
      if (top.where != Scope::Where::Request || !ctx.Valid(top, param)) return;
      std::string want = WireText(*ctx.Value(top, param));
      for (const Scope& s : ctx.scopes) {
        if (s.where != Scope::Where::Element || !ctx.Valid(s, param)) continue;
        const Node& v = *ctx.Value(s, param);
        if (WireText(v) == want) continue;
        ctx.Emit(id(), "", "",
                 param + " is " + want + " for the request but " + WireText(v) + " in Instances element " +
                     std::to_string(s.index) + "; which one applies is not documented",
                 ctx.Pointer(s, param), ctx.Parameter(s, param), v.pos);
      }
    });
  }
};

}  // namespace

const Rule& EngineVersionMismatchRule() {
  static const EngineVersionMismatch rule;
  return rule;
}

}  // namespace tairlint::detail
