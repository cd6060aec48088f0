// instance-class-family: an instance class must belong to the family of the
// instance type (x-classFamily): redis. or tair. for Redis, memcache. for
// Memcache, kvcache. for a VNode. Runs only when both values are valid.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

// The prefixes a class may start with in this scope, or nullptr when the
// type it depends on is invalid. `type_name` gets the type ("*": any).
// (Read in place, without copies: this runs on every check.)
const nlohmann::json* AllowedClassPrefixes(const Context& ctx, const Scope& s, const nlohmann::json& ann,
                                           std::string* type_name) {
  static const std::string any = "*";
  auto default_type = ann.find("defaultType");
  const std::string* type = default_type != ann.end() ? &AnnotationText(*default_type) : &any;
  std::string wire;  // the type parameter's wire text, when it is not a string
  if (auto tp = ann.find("typeParameter"); tp != ann.end()) {
    const std::string& param = AnnotationText(*tp);
    if (const Node* v = ctx.Value(s, param); v != nullptr) {
      if (!ctx.Valid(s, param)) return nullptr;
      if (v->kind == Kind::String) {
        type = &v->text;
      } else {
        wire = WireText(*v);
        type = &wire;
      }
    }
  }
  auto prefixes = ann.find("prefixes");
  if (prefixes == ann.end()) return nullptr;
  auto it = prefixes->find(*type);
  if (it == prefixes->end()) it = prefixes->find(any);
  if (it == prefixes->end() || !it->is_array()) return nullptr;
  *type_name = *type;
  return &*it;
}

class InstanceClassFamily : public Rule {
 public:
  std::string_view id() const override { return "instance-class-family"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, "x-classFamily", [&](const Scope& s, const PropSpec& p, const nlohmann::json& ann) {
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr) return;
      const Node& v = *valid;
      std::string type;
      const nlohmann::json* prefixes = AllowedClassPrefixes(ctx, s, ann, &type);
      if (prefixes == nullptr || prefixes->empty()) return;
      for (const nlohmann::json& pre : *prefixes) {
        const std::string& prefix = AnnotationText(pre);
        if (v.text.compare(0, prefix.size(), prefix) == 0) return;
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
