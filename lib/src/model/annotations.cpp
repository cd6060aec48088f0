// The rule engine's annotations, compiled once when an action loads.
#include <re2/re2.h>

#include <algorithm>

#include "model/model.h"

namespace tairlint::detail {

// ---- Annotations compiled at load (model.h)

namespace {

// Reads one object's annotations into its ObjectSpec and PropSpecs. `items`
// is the spec that x-ignoredUnless's "ifAny" conditions are read in (the
// Instances element). `where` names the object in errors.
class AnnotationCompiler {
 public:
  AnnotationCompiler(ObjectSpec* spec, const ObjectSpec* items, std::string where, std::string* error)
      : spec_(spec), items_(items), where_(std::move(where)), error_(error) {}

  bool Run() {
    const nlohmann::json& schema = *spec_->schema;
    for (const char* key : {"x-requiredIf", "x-ignoredUnless"}) {
      auto list = schema.find(key);
      if (list == schema.end()) continue;
      auto& out = std::string_view(key) == "x-requiredIf" ? spec_->required_if : spec_->ignored_unless;
      if (!Each(*list, key, [&](const nlohmann::json& e, const std::string& at) {
            ConditionalParameter c;
            c.if_any = Text(e, "ifAny", at, /*required=*/false);
            if (!c.if_any.empty() && items_ == nullptr) return Fail(at + ".ifAny names no array of objects");
            c.parameter = Ref(*spec_, Text(e, "parameter", at));
            auto cond = e.find("if");
            if (cond == e.end() || !cond->is_object() || cond->empty()) return Fail(at + ".if must be an object of conditions");
            for (auto it = cond->begin(); it != cond->end(); ++it) {
              if (!it->is_string()) return Fail(at + ".if." + it.key() + " must be a string");
              c.conditions.push_back({Ref(c.if_any.empty() ? *spec_ : *items_, it.key()), it->get<std::string>()});
            }
            out.push_back(std::move(c));
            return ok_;
          })) {
        return false;
      }
    }
    if (auto list = schema.find("x-requiredOneOf"); list != schema.end()) {
      if (!Each(*list, "x-requiredOneOf", [&](const nlohmann::json& e, const std::string& at) {
            OneOfParameters o;
            o.name = Text(e, "name", at);
            auto params = e.find("parameters");
            if (params == e.end() || !params->is_array() || params->empty()) return Fail(at + ".parameters must be a list");
            for (const nlohmann::json& p : *params) {
              if (!p.is_string()) return Fail(at + ".parameters must hold names");
              o.parameters.push_back(Ref(*spec_, p.get<std::string>()));
            }
            spec_->required_one_of.push_back(std::move(o));
            return ok_;
          })) {
        return false;
      }
    }
    if (auto list = schema.find("x-sameAsIn"); list != schema.end()) {
      if (!Each(*list, "x-sameAsIn", [&](const nlohmann::json& e, const std::string& at) {
            if (Text(e, "in", at) != "Instances" || items_ == nullptr) return Fail(at + ".in must be Instances");
            const std::string name = Text(e, "parameter", at);
            spec_->same_as_in.push_back({Ref(*spec_, name), Ref(*items_, name)});
            return ok_;
          })) {
        return false;
      }
    }
    for (PropSpec& p : spec_->props) {
      if (!Property(p)) return false;
    }
    return true;
  }

 private:
  bool Fail(const std::string& what) {
    if (ok_) *error_ = where_ + ": " + what;
    ok_ = false;
    return false;
  }
  ParamRef Ref(const ObjectSpec& in, const std::string& name) { return {name, in.find(name)}; }
  std::string Text(const nlohmann::json& e, const char* key, const std::string& at, bool required = true) {
    auto it = e.is_object() ? e.find(key) : e.end();
    if (it != e.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) return it->get<std::string>();
    if (required || it != e.end()) Fail(at + "." + key + " must be a non-empty string");
    return "";
  }
  template <typename Fn>
  bool Each(const nlohmann::json& list, const char* key, Fn fn) {
    if (!list.is_array()) return Fail(std::string(key) + " must be a list");
    for (size_t i = 0; i < list.size(); ++i) {
      if (!fn(list[i], std::string(key) + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
  }

  bool Property(PropSpec& p) {
    const nlohmann::json& s = *p.schema;
    const std::string at = "properties." + p.name + ".";
    if (auto a = s.find("x-idPrefix"); a != s.end()) {
      p.id_prefix = Text(*a, "prefix", at + "x-idPrefix");
      if (a->contains("code")) p.id_prefix_code = Text(*a, "code", at + "x-idPrefix");
    }
    if (auto a = s.find("x-zoneOf"); a != s.end()) {
      if (!a->is_string()) return Fail(at + "x-zoneOf must name a parameter");
      p.zone_of = Ref(*spec_, a->get<std::string>());
    }
    if (auto a = s.find("x-passwordKinds"); a != s.end()) {
      if (!a->is_number_unsigned() || a->get<uint64_t>() > 4) return Fail(at + "x-passwordKinds must be 0 to 4");
      p.password_kinds = a->get<int>();
    }
    if (auto a = s.find("x-maxPairs"); a != s.end()) {
      if (!a->is_number_unsigned()) return Fail(at + "x-maxPairs must be a count");
      p.max_pairs = a->get<size_t>();
    }
    if (auto a = s.find("x-recommended"); a != s.end()) p.recommended = a->is_string() ? a->get<std::string>() : a->dump();
    if (auto a = s.find("x-ignored"); a != s.end()) {
      if (!a->is_string() || a->get_ref<const std::string&>().empty()) return Fail(at + "x-ignored must say why");
      p.ignored = a->get<std::string>();
    }
    if (auto a = s.find("x-classFamily"); a != s.end()) {
      auto family = std::make_shared<ClassFamily>();
      const std::string fat = at + "x-classFamily";
      if (a->contains("typeParameter")) family->type_parameter = Ref(*spec_, Text(*a, "typeParameter", fat));
      if (a->contains("defaultType")) family->default_type = Text(*a, "defaultType", fat);
      auto prefixes = a->find("prefixes");
      if (prefixes == a->end() || !prefixes->is_object()) return Fail(fat + ".prefixes must be an object");
      for (auto it = prefixes->begin(); it != prefixes->end(); ++it) {
        std::vector<std::string> list;
        if (!it->is_array()) return Fail(fat + ".prefixes." + it.key() + " must be a list");
        for (const nlohmann::json& pre : *it) {
          if (!pre.is_string()) return Fail(fat + ".prefixes." + it.key() + " must hold strings");
          list.push_back(pre.get<std::string>());
        }
        family->prefixes.emplace_back(it.key(), std::move(list));
      }
      p.class_family = std::move(family);
    }
    return ok_;
  }

  ObjectSpec* spec_;
  const ObjectSpec* items_;
  std::string where_;
  std::string* error_;
  bool ok_ = true;
};

}  // namespace

bool CompileAnnotations(ObjectSpec* spec, const ObjectSpec* items, const std::string& where, std::string* error) {
  return AnnotationCompiler(spec, items, where, error).Run();
}

}  // namespace tairlint::detail
