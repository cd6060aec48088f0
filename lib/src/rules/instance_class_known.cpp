// instance-class-known: an instance class that tairlint's catalog does not
// know. Only a warning: classes change faster than any list, and only the
// service knows what a region sells. Extend the catalog with --catalog.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class InstanceClassKnown : public AnnotatedRule<PropertyAnnotations<bool>> {
 public:
  std::string_view id() const override { return "instance-class-known"; }

 protected:
  bool Read(AnnotationReader& reader, PropertyAnnotations<bool>* config) const override {
    return reader.Properties<bool>("x-knownInstanceClass", config,
                                   [](const nlohmann::json&, const ObjectSpec&, bool*) { return true; });
  }
  void Run(Context& ctx, const PropertyAnnotations<bool>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, bool) {
      const Node* v = ctx.ValidValue(s, p);  // a class of the wrong family has its error already
      if (v == nullptr || ctx.model.catalogs.instance_classes.contains(v->text)) return;
      ctx.Emit(id(), "", ctx.ValueAt(s, p.name, *v),
               p.name + " " + ShowValue(*v) +
                   " is not in tairlint's catalog of instance classes; check the spelling, or add it to a catalog "
                   "file if it is new");
    });
  }
};

}  // namespace

const Rule& InstanceClassKnownRule() {
  static const InstanceClassKnown rule;
  return rule;
}

}  // namespace tairlint::detail
