// zone-region: a zone ID should start with its region ID (cn-hangzhou-b,
// ap-southeast-1a, cn-hangzhou-MAZ6(b,f)); a zone of another region is a
// warning (x-zoneOf names the region parameter).
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class ZoneRegion : public AnnotatedRule<PropertyAnnotations<ParamRef>> {
 public:
  std::string_view id() const override { return "zone-region"; }

 protected:
  // x-zoneOf: the parameter holding the zone's region.
  bool Read(AnnotationReader& reader, PropertyAnnotations<ParamRef>* config) const override {
    return reader.Properties<ParamRef>("x-zoneOf", config, [&](const nlohmann::json& a, const ObjectSpec& object, ParamRef* out) {
      if (!a.is_string()) return reader.Fail(" must name a parameter");
      *out = AnnotationReader::Ref(object, a.get<std::string>());
      return true;
    });
  }
  void Run(Context& ctx, const PropertyAnnotations<ParamRef>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, const ParamRef& region_param) {
      const Node* zone = ctx.ValidValue(s, p);
      if (zone == nullptr || !ctx.Valid(s, region_param)) return;
      const Node& region_node = *ctx.Value(s, region_param);
      const std::string region_text = WireText(region_node);
      if (zone->text.size() > region_text.size() && zone->text.compare(0, region_text.size(), region_text) == 0) return;
      const std::string region = ShowWireText(region_node);
      ctx.Emit(id(), "", ctx.ValueAt(s, p.name, *zone),
               p.name + " " + ShowValue(*zone) + " is not a zone of region " + region + " (" + region_param.name +
                   "): a zone ID starts with its region ID, like " + region + "-b");
    });
  }
};

}  // namespace

const Rule& ZoneRegionRule() {
  static const ZoneRegion rule;
  return rule;
}

}  // namespace tairlint::detail
