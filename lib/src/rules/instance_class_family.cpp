// instance-class-family: an instance class must belong to the family of the
// instance type (x-classFamily): redis. or tair. for Redis, memcache. for
// Memcache, kvcache. for a VNode. Runs only when both values are valid.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

// The prefixes a class may start with in this scope, or empty when the type
// it depends on is invalid.
const nlohmann::json* AllowedClassPrefixes(const Context& ctx, const Scope& s, const nlohmann::json& ann,
                                           std::string* type_name) {
  std::string type = ann.contains("defaultType") ? AnnotationText(ann, "defaultType") : "*";
  if (ann.contains("typeParameter")) {
    const std::string& tp = AnnotationText(ann, "typeParameter");
    if (ctx.Value(s, tp) != nullptr) {
      if (!ctx.Valid(s, tp)) return nullptr;
      type = WireText(*ctx.Value(s, tp));
    }
  }
  *type_name = type;
  const nlohmann::json& prefixes = ann["prefixes"];
  auto it = prefixes.find(type);
  if (it == prefixes.end()) it = prefixes.find("*");
  if (it == prefixes.end() || !it->is_array()) return nullptr;
  return &*it;
}

class InstanceClassFamily : public Rule {
 public:
  std::string_view id() const override { return "instance-class-family"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, "x-classFamily", [&](const Scope& s, const PropSpec& p, const nlohmann::json& ann) {
      if (!ctx.Valid(s, p.name)) return;
      const Node& v = *ctx.Value(s, p.name);
      std::string type;
      const nlohmann::json* prefixes = AllowedClassPrefixes(ctx, s, ann, &type);
      if (prefixes == nullptr || prefixes->empty()) return;
      for (const nlohmann::json& pre : *prefixes) {
        if (v.text.rfind(AnnotationText(pre), 0) == 0) return;
      }
      std::string list;
      for (const nlohmann::json& pre : *prefixes) list += (list.empty() ? "" : " or ") + AnnotationText(pre);
      std::string ptr = ctx.Pointer(s, p.name);
      std::string param = ctx.Parameter(s, p.name);
      ctx.Emit(id(), "InstanceClass.NotMatch", param,
               p.name + " " + ShowValue(v) + " does not fit " +
                   (type == "*" ? std::string(ActionName(ctx.action)) : "instance type " + type) +
                   ": its class must start with " + list,
               ptr, param, v.pos);
    });
  }
};

}  // namespace

const Rule& InstanceClassFamilyRule() {
  static const InstanceClassFamily rule;
  return rule;
}

}  // namespace tairlint::detail
