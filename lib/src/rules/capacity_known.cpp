// capacity-known: a well-formed Capacity (MB) that is not a known capacity
// answers InvalidCapacity.NotFound. Known capacities are catalog data
// (schemas/catalogs/capacities.json, extendable with --catalog).
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class CapacityKnown : public AnnotatedRule<PropertyAnnotations<bool>> {
 public:
  std::string_view id() const override { return "capacity-known"; }

 protected:
  bool Read(AnnotationReader& reader, PropertyAnnotations<bool>* config) const override {
    return reader.Properties<bool>("x-knownCapacity", config, [](const nlohmann::json&, const ObjectSpec&, bool*) { return true; });
  }
  void Run(Context& ctx, const PropertyAnnotations<bool>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, bool) {
      const Node* v = ctx.ValidValue(s, p);
      if (v == nullptr || v->kind != Kind::Integer || ctx.model.catalogs.capacities.count(v->integer) != 0) return;
      std::string known;
      for (int64_t c : ctx.model.catalogs.capacities) {
        if (!known.empty()) known += ", ";
        known += std::to_string(c);
      }
      ctx.Emit(id(), "InvalidCapacity.NotFound", ctx.ValueAt(s, p.name, *v),
               p.name + " " + std::to_string(v->integer) + " MB is not a known capacity (known: " + known +
                   "); if it is new, add it to a catalog file");
    });
  }
};

}  // namespace

const Rule& CapacityKnownRule() {
  static const CapacityKnown rule;
  return rule;
}

}  // namespace tairlint::detail
