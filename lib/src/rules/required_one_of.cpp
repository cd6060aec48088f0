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
    for (const Scope& s : ctx.scopes) {
      for (const OneOfParameters& entry : s.spec->required_one_of) CheckGroup(ctx, s, entry);
    }
  }

 private:
  void CheckGroup(const Context& ctx, const Scope& s, const OneOfParameters& entry) const {
    const ParamRef* present[2] = {nullptr, nullptr};  // the first and the last given
    size_t given = 0;
    for (const ParamRef& p : entry.parameters) {
      if (ctx.Value(s, p) == nullptr) continue;
      present[given == 0 ? 0 : 1] = &p;
      ++given;
    }
    if (given == 1) return;
    const std::vector<ParamRef>& params = entry.parameters;  // never empty (model.cpp)
    if (given == 0) {
      ctx.Emit(id(), "MissingParameter", entry.name, "give one of " + Join(params) + ": " + entry.name + " is required",
               ctx.Pointer(s, params[0].name), ctx.Parameter(s, params[0].name), s.node->pos);
      return;
    }
    for (const ParamRef& p : params) {
      if (ctx.Value(s, p) != nullptr && !ctx.Valid(s, p)) return;  // relating two values needs both valid
    }
    const ParamRef& last = *present[1];
    const Member* m = ctx.MemberOf(s, last);
    std::string ptr = ctx.Pointer(s, last.name);
    std::string param = ctx.Parameter(s, last.name);
    ctx.Emit(id(), GenericCode(ptr), param, "give only one of " + Join(params) + ", not both", ptr, param,
             m != nullptr ? m->key_pos : s.node->pos);
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
