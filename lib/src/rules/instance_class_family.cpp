// instance-class-family: an instance class must belong to the family of the
// instance type (x-classFamily): redis. or tair. for Redis, memcache. for
// Memcache, kvcache. for a VNode. Runs only when both values are valid.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

// x-classFamily of a property: the prefixes an instance class may start
// with, by the value of the type parameter.
struct ClassFamily {
  ParamRef type_parameter;         // name "" when the family does not depend on a type
  std::string default_type = "*";  // the type when that parameter is absent
  // type ("*": any) -> prefixes, in the schema's order
  std::vector<std::pair<std::string, std::vector<std::string>>> prefixes;

  // The prefixes of `type`, else those of "*", else nullptr.
  const std::vector<std::string>* PrefixesOf(std::string_view type) const {
    for (const auto& [t, list] : prefixes) {
      if (t == type) return &list;
    }
    for (const auto& [t, list] : prefixes) {
      if (t == "*") return &list;
    }
    return nullptr;
  }
};

bool ReadFamily(AnnotationReader& reader, const nlohmann::json& a, const ObjectSpec& object, ClassFamily* out) {
  if (a.contains("typeParameter")) out->type_parameter = AnnotationReader::Ref(object, reader.Text(a, "typeParameter"));
  if (a.contains("defaultType")) out->default_type = reader.Text(a, "defaultType");
  auto prefixes = a.find("prefixes");
  if (prefixes == a.end() || !prefixes->is_object()) return reader.Fail(".prefixes must be an object");
  for (auto it = prefixes->begin(); it != prefixes->end(); ++it) {
    std::vector<std::string> list;
    if (!it->is_array()) return reader.Fail(".prefixes." + it.key() + " must be a list");
    for (const nlohmann::json& pre : *it) {
      if (!pre.is_string()) return reader.Fail(".prefixes." + it.key() + " must hold strings");
      list.push_back(pre.get<std::string>());
    }
    out->prefixes.emplace_back(it.key(), std::move(list));
  }
  return !reader.failed();
}

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

class InstanceClassFamily : public AnnotatedRule<PropertyAnnotations<ClassFamily>> {
 public:
  std::string_view id() const override { return "instance-class-family"; }

 protected:
  bool Read(AnnotationReader& reader, PropertyAnnotations<ClassFamily>* config) const override {
    return reader.Properties<ClassFamily>("x-classFamily", config,
                                          [&](const nlohmann::json& a, const ObjectSpec& object, ClassFamily* out) {
                                            return ReadFamily(reader, a, object, out);
                                          });
  }
  void Run(Context& ctx, const PropertyAnnotations<ClassFamily>& config) const override {
    ForEachAnnotated(ctx, config, [&](const Scope& s, const PropSpec& p, const ClassFamily& family) {
      const Node* v = ctx.ValidValue(s, p);
      if (v == nullptr) return;
      std::string type;
      const std::vector<std::string>* prefixes = AllowedClassPrefixes(ctx, s, family, &type);
      if (prefixes == nullptr || prefixes->empty()) return;
      for (const std::string& prefix : *prefixes) {
        if (v->text.compare(0, prefix.size(), prefix) == 0) return;
      }
      std::string list;
      for (const std::string& prefix : *prefixes) list += (list.empty() ? "" : " or ") + prefix;
      ctx.Emit(id(), "InstanceClass.NotMatch", ctx.ValueAt(s, p.name, *v),
               p.name + " " + ShowValue(*v) + " does not fit " +
                   (type == "*" ? std::string(ActionName(ctx.action)) : "instance type " + type) +
                   ": its class must start with " + list);
    });
  }
};

}  // namespace

const Rule& InstanceClassFamilyRule() {
  static const InstanceClassFamily rule;
  return rule;
}

}  // namespace tairlint::detail
