// instance-class-family: an instance class must belong to the family of the
// instance type (x-classFamily): redis. or tair. for Redis, memcache. for
// Memcache, kvcache. for a VNode. Runs only when both values are valid.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

const AnnotationKey kClassFamily("x-classFamily");

// The prefixes a class may start with in this scope, or nullptr when the
// type it depends on is invalid. `type_name` gets the type ("*": any).
const std::vector<std::string>* AllowedClassPrefixes(const Context& ctx, const Scope& s, const ClassFamily& family,
                                                     std::string* type_name) {
  std::string_view type = family.default_type;
  std::string wire;  // the type parameter's wire text, when it is not a string
  if (!family.type_parameter.name.empty()) {
    if (const Node* v = ctx.Value(s, family.type_parameter); v != nullptr) {
      if (!ctx.Valid(s, family.type_parameter)) return nullptr;
      if (v->kind == Kind::String) {
        type = v->text;
      } else {
        wire = WireText(*v);
        type = wire;
      }
    }
  }
  const std::vector<std::string>* prefixes = family.PrefixesOf(type);
  if (prefixes != nullptr) *type_name = std::string(type);
  return prefixes;
}

class InstanceClassFamily : public Rule {
 public:
  std::string_view id() const override { return "instance-class-family"; }
  void Check(Context& ctx) const override {
    ForEachAnnotated(ctx, kClassFamily, [&](const Scope& s, const PropSpec& p) {
      const Node* valid = ctx.ValidValue(s, p);
      if (valid == nullptr) return;
      const Node& v = *valid;
      std::string type;
      const std::vector<std::string>* prefixes = AllowedClassPrefixes(ctx, s, *p.class_family, &type);
      if (prefixes == nullptr || prefixes->empty()) return;
      for (const std::string& prefix : *prefixes) {
        if (v.text.compare(0, prefix.size(), prefix) == 0) return;
      }
      std::string list;
      for (const std::string& prefix : *prefixes) list += (list.empty() ? "" : " or ") + prefix;
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
