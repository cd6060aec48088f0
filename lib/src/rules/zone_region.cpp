// zone-region: a zone ID should start with its region ID (cn-hangzhou-b,
// ap-southeast-1a, cn-hangzhou-MAZ6(b,f)); a zone of another region is a
// warning (x-zoneOf names the region parameter).
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kZoneOf("x-zoneOf");

class ZoneRegion : public Rule {
 public:
  std::string_view id() const override { return "zone-region"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kZoneOf, [&](const Scope& s, const PropSpec& p) {
      const std::string& region_param = p.zone_of.name;
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr || !ctx.Valid(s, p.zone_of)) return;
      const Node& zone = *valid;
      const Node& region_node = *ctx.Value(s, p.zone_of);
      const std::string region_text = WireText(region_node);
      if (zone.text.size() > region_text.size() && zone.text.compare(0, region_text.size(), region_text) == 0) return;
      const std::string region = ShowWireText(region_node);
      ctx.Emit(id(), "", "",
               p.name + " " + ShowValue(zone) + " is not a zone of region " + region + " (" + region_param +
                   "): a zone ID starts with its region ID, like " + region + "-b",
               ctx.Pointer(s, p.name), ctx.Parameter(s, p.name), zone.pos);
    });
  }
};

}  // namespace

const Rule& ZoneRegionRule() {
  static const ZoneRegion rule;
  return rule;
}

}  // namespace tairlint::detail
