// region-known: a well-formed region ID that tairlint's catalog does not
// know (x-knownRegion). A warning: regions open, and only the service knows.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kKnownRegion("x-knownRegion");

class RegionKnown : public Rule {
 public:
  std::string_view id() const override { return "region-known"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kKnownRegion, [&](const Scope& s, const PropSpec& p) {
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr) return;
      const Node& v = *valid;
      if (ctx.model.catalogs.regions.contains(v.text)) return;
      ctx.Emit(id(), "", "",
               p.name + " " + ShowValue(v) +
                   " is well-formed but not a region tairlint knows; check the spelling, or add it to a catalog file",
               ctx.Pointer(s, p.name), ctx.Parameter(s, p.name), v.pos);
    });
  }
};

}  // namespace

const Rule& RegionKnownRule() {
  static const RegionKnown rule;
  return rule;
}

}  // namespace tairlint::detail
