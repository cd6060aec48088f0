// region-known: a well-formed region ID that tairlint's catalog does not
// know (x-knownRegion). A warning: regions open, and only the service knows.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class RegionKnown : public AnnotatedRule<PropertyAnnotations<bool>> {
 public:
  std::string_view id() const override { return "region-known"; }

 protected:
  bool Read(AnnotationReader& reader, PropertyAnnotations<bool>* config) const override {
    return reader.Properties<bool>("x-knownRegion", config, [](const nlohmann::json&, const ObjectSpec&, bool*) { return true; });
  }
  void Run(Context& ctx, const PropertyAnnotations<bool>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, bool) {
      const Node* v = ctx.ValidValue(s, p);
      if (v == nullptr || ctx.model.catalogs.regions.contains(v->text)) return;
      ctx.Emit(id(), "", ctx.ValueAt(s, p.name, *v),
               p.name + " " + ShowValue(*v) +
                   " is well-formed but not a region tairlint knows; check the spelling, or add it to a catalog file");
    });
  }
};

}  // namespace

const Rule& RegionKnownRule() {
  static const RegionKnown rule;
  return rule;
}

}  // namespace tairlint::detail
