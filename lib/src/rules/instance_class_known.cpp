// instance-class-known: an instance class that tairlint's catalog does not
// know. Only a warning: classes change faster than any list, and only the
// service knows what a region sells. Extend the catalog with --catalog.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kKnownInstanceClass("x-knownInstanceClass");

class InstanceClassKnown : public Rule {
 public:
  std::string_view id() const override { return "instance-class-known"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kKnownInstanceClass, [&](const Scope& s, const PropSpec& p) {
      const Node* valid = ctx.ValidValue(s, p);  // a class of the wrong family has its error already
      if (valid == nullptr) return;
      const Node& v = *valid;
      if (ctx.model.catalogs.instance_classes.contains(v.text)) return;
      ctx.Emit(id(), "", "",
               p.name + " " + ShowValue(v) +
                   " is not in tairlint's catalog of instance classes; check the spelling, or add it to a catalog "
                   "file if it is new",
               ctx.Pointer(s, p.name), ctx.Parameter(s, p.name), v.pos);
    });
  }
};

}  // namespace

const Rule& InstanceClassKnownRule() {
  static const InstanceClassKnown rule;
  return rule;
}

}  // namespace tairlint::detail
