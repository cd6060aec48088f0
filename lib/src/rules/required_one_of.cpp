// required-one-of: exactly one of a set of parameters (x-requiredOneOf), e.g.
// instanceClass or Capacity in an Instances element. Neither is a missing
// parameter; both is a malformed element, since the page asks for one.
#include "rules/rules.h"

namespace tairlint::detail {
namespace {

class RequiredOneOf : public Rule {
 public:
  std::string_view id() const override { return "required-one-of"; }
  void Check(Context& ctx) const override {
    ForEachObjectAnnotation(ctx, "x-requiredOneOf", [&](const Scope& s, const nlohmann::json& entry) {
      const auto params_it = entry.find("parameters");
      if (params_it == entry.end() || !params_it->is_array()) return;
      const nlohmann::json& listed = *params_it;  // read in place: this runs on every check
      const std::string& name = AnnotationText(entry, "name");
      std::vector<const std::string*> present;
      for (const nlohmann::json& p : listed) {
        if (ctx.Value(s, AnnotationText(p)) != nullptr) present.push_back(&AnnotationText(p));
      }
      if (present.size() == 1) return;
      std::vector<std::string> params;
      for (const nlohmann::json& p : listed) params.push_back(AnnotationText(p));
      if (present.empty()) {
        ctx.Emit(id(), "MissingParameter", name, "give one of " + Join(params) + ": " + name + " is required",
                 ctx.Pointer(s, params.empty() ? "" : params[0]), ctx.Parameter(s, params.empty() ? "" : params[0]),
                 s.node->pos);
        return;
      }
      for (const std::string* p : present) {
        if (!ctx.Valid(s, *p)) return;  // relating two values needs both valid
      }
      const std::string& last = *present.back();
      const Member* m = s.node->member(last);
      std::string ptr = ctx.Pointer(s, last);
      std::string param = ctx.Parameter(s, last);
      ctx.Emit(id(), GenericCode(ptr), param, "give only one of " + Join(params) + ", not both", ptr, param,
               m != nullptr ? m->key_pos : s.node->pos);
    });
  }

 private:
  static std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += i + 1 == v.size() ? " or " : ", ";
      out += v[i];
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
