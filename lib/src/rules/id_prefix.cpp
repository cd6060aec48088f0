// id-prefix: resource IDs have a prefix (vpc-, vsw-, tk-, r-, rg-; see
// x-idPrefix). A wrong one is a warning, naming the code the service would
// likely answer: only the service knows whether a resource exists.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kIdPrefix("x-idPrefix");

class IdPrefix : public Rule {
 public:
  std::string_view id() const override { return "id-prefix"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kIdPrefix, [&](const Scope& s, const PropSpec& p) {
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr) return;
      const Node& v = *valid;
      const std::string& prefix = p.id_prefix;
      if (v.text.rfind(prefix, 0) == 0) return;
      const std::string& code = p.id_prefix_code;
      ctx.Emit(id(), "", "",
               p.name + " " + ShowValue(v) + " does not start with " + prefix + " as such IDs do; the service would " +
                   (code.empty() ? std::string("likely not find it") : "likely answer " + code),
               ctx.Pointer(s, p.name), ctx.Parameter(s, p.name), v.pos);
    });
  }
};

}  // namespace

const Rule& IdPrefixRule() {
  static const IdPrefix rule;
  return rule;
}

}  // namespace tairlint::detail
