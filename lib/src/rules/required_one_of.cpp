// required-one-of: exactly one of a set of parameters (x-requiredOneOf), e.g.
// instanceClass or Capacity in an Instances element. Neither is a missing
// parameter; both is a malformed element, since the page asks for one.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

// An entry of x-requiredOneOf: exactly one of `parameters` must be given.
struct OneOfParameters {
  std::string name;  // how the message names the group
  std::vector<ParamRef> parameters;
};

class RequiredOneOf : public AnnotatedRule<ObjectAnnotations<OneOfParameters>> {
 public:
  std::string_view id() const override { return "required-one-of"; }

 protected:
  bool Read(AnnotationReader& reader, ObjectAnnotations<OneOfParameters>* config) const override {
    return reader.Objects<OneOfParameters>("x-requiredOneOf", config,
                                           [&](const nlohmann::json& e, const ObjectSpec& object, OneOfParameters* out) {
                                             out->name = reader.Text(e, "name");
                                             auto params = e.find("parameters");
                                             if (params == e.end() || !params->is_array() || params->empty()) {
                                               return reader.Fail(".parameters must be a list");
                                             }
                                             for (const nlohmann::json& p : *params) {
                                               if (!p.is_string()) return reader.Fail(".parameters must hold names");
                                               out->parameters.push_back(AnnotationReader::Ref(object, p.get<std::string>()));
                                             }
                                             return !reader.failed();
                                           });
  }
  void Run(Context& ctx, const ObjectAnnotations<OneOfParameters>& config) const override {
    for (const Scope& s : ctx.scopes) {
      for (const ObjectAnnotation<OneOfParameters>& a : config) {
        if (a.object == s.spec) CheckGroup(ctx, s, a.value);
      }
    }
  }

 private:
  void CheckGroup(const Context& ctx, const Scope& s, const OneOfParameters& entry) const {
    const ParamRef* last = nullptr;  // the last given
    size_t given = 0;
    for (const ParamRef& p : entry.parameters) {
      if (ctx.Value(s, p) == nullptr) continue;
      last = &p;
      ++given;
    }
    if (given == 1) return;
    const std::vector<ParamRef>& params = entry.parameters;  // never empty (Read)
    if (given == 0) {
      ctx.Emit(id(), "MissingParameter", ctx.MissingAt(s, params[0].name),
               "give one of " + Join(params) + ": " + entry.name + " is required", entry.name);
      return;
    }
    for (const ParamRef& p : params) {
      if (ctx.Value(s, p) != nullptr && !ctx.Valid(s, p)) return;  // relating two values needs both valid
    }
    const Member* m = ctx.MemberOf(s, *last);
    Place place = m != nullptr ? ctx.KeyAt(s, last->name, *m) : ctx.MissingAt(s, last->name);
    const std::string code = GenericCode(place.pointer);
    ctx.Emit(id(), code, std::move(place), "give only one of " + Join(params) + ", not both");
  }

  static std::string Join(const std::vector<ParamRef>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += i + 1 == v.size() ? " or " : ", ";
      out += v[i].name;
    }
    return out;
  }
};

}  // namespace

const Rule& RequiredOneOfRule() {
  static const RequiredOneOf rule;
  return rule;
}

}  // namespace tairlint::detail
