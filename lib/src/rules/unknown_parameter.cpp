// unknown-parameter: a key that is not a documented parameter of its object
// (nor a common request parameter at the top level). The service ignores or
// rejects it; mostly it is a typo, so the warning suggests the closest name.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

class UnknownParameter : public Rule {
 public:
  std::string_view id() const override { return "unknown-parameter"; }
  void Check(Context& ctx, const RuleConfig*) const override {
    for (const Scope& s : ctx.scopes) {
      for (size_t i = 0; i < s.node->members.size(); ++i) {
        const Member& m = s.node->members[i];
        if (s.specs[i] != nullptr || s.spec->find_ignoring_case(m.key) != nullptr) continue;
        // A flattened Instances is the request's error (FlattenedInstances).
        if (s.where == Scope::Where::Request && ctx.action == Action::CreateInstances &&
            IsFlattenedInstancesKey(m.key) && ctx.root.get("Instances") == nullptr) {
          continue;
        }
        std::string detail = Excerpt(m.key) + " is not a parameter of " + Where(ctx, s);
        if (std::string hint = Elsewhere(ctx, s, m.key); !hint.empty()) {
          detail += "; " + hint;
        } else if (std::string near = Closest(*s.spec, m.key); !near.empty()) {
          detail += "; did you mean " + near + "?";
        }
        ctx.Emit(id(), "", ctx.KeyAt(s, m.key, m), detail);
      }
    }
  }

 private:
  static std::string Where(const Context& ctx, const Scope& s) {
    switch (s.where) {
      case Scope::Where::Request: return ActionName(ctx.action);
      case Scope::Where::Element: return "an Instances element";
      case Scope::Where::TagPair: return "a Tag pair (Key, Value)";
    }
    return "";
  }
  // A parameter written at the wrong level.
  static std::string Elsewhere(const Context& ctx, const Scope& s, std::string_view key) {
    if (s.where == Scope::Where::Request && ctx.am.element.find(key) != nullptr) {
      return std::string(key) + " belongs in each element of Instances";
    }
    if (s.where == Scope::Where::Element && ctx.am.request.find(key) != nullptr) {
      return std::string(key) + " is a parameter of the request, not of an Instances element";
    }
    return "";
  }
  static std::string Closest(const ObjectSpec& spec, std::string_view key) {
    std::vector<std::string> names;
    names.reserve(spec.props.size());
    for (const PropSpec& p : spec.props) names.push_back(p.name);
    return NearestName(key, names);
  }
};

}  // namespace

const Rule& UnknownParameterRule() {
  static const UnknownParameter rule;
  return rule;
}


}  // namespace tairlint::detail
