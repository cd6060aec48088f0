// capacity-known: a well-formed Capacity (MB) that is not a known capacity
// answers InvalidCapacity.NotFound. Known capacities are catalog data
// (schemas/catalogs/capacities.json, extendable with --catalog).
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kKnownCapacity("x-knownCapacity");

class CapacityKnown : public Rule {
 public:
  std::string_view id() const override { return "capacity-known"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kKnownCapacity, [&](const Scope& s, const PropSpec& p) {
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr) return;
      const Node& v = *valid;
      if (v.kind != Kind::Integer || ctx.model.catalogs.capacities.count(v.integer) != 0) return;
      std::string known;
      for (int64_t c : ctx.model.catalogs.capacities) {
        if (!known.empty()) known += ", ";
        known += std::to_string(c);
      }
      std::string ptr = ctx.Pointer(s, p.name);
      std::string param = ctx.Parameter(s, p.name);
      ctx.Emit(id(), "InvalidCapacity.NotFound", param,
               p.name + " " + std::to_string(v.integer) + " MB is not a known capacity (known: " + known +
                   "); if it is new, add it to a catalog file",
               ptr, param, v.pos);
    });
  }
};

}  // namespace

const Rule& CapacityKnownRule() {
  static const CapacityKnown rule;
  return rule;
}

}  // namespace tairlint::detail
