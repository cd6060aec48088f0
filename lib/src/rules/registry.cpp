// The engine's rules, in the order they run: one line each, naming the
// function at the end of the rule's file (rules/<rule_id>.cpp).
#include <array>

#include "rules/rule.h"

#define TAIRLINT_ENGINE_RULES(RULE)                                       \
  RULE(DuplicateKeyRule)                                                  \
  RULE(UnknownParameterRule)                                              \
  RULE(ParameterCaseRule)                                                 \
  /* rules about one value, before the rules that relate two values */    \
  /* (which run only when both values are valid on their own) */          \
  RULE(PasswordComplexityRule)                                            \
  RULE(CapacityKnownRule)                                                 \
  RULE(RequiredIfRule)                                                    \
  RULE(RequiredOneOfRule)                                                 \
  RULE(InstanceClassFamilyRule)                                           \
  RULE(InstanceClassKnownRule)                                            \
  RULE(RegionKnownRule)                                                   \
  RULE(ZoneRegionRule)                                                    \
  RULE(TagLimitRule)                                                      \
  RULE(TagKeyRule)                                                        \
  RULE(TagKeyDuplicateRule)                                               \
  RULE(IdPrefixRule)                                                      \
  RULE(EngineVersionMismatchRule)                                         \
  RULE(RecommendedValueRule)                                              \
  RULE(IgnoredParameterRule)                                              \
  RULE(PlaintextSecretRule)                                               \
  RULE(DryRunRule) /* last: it speaks only when nothing else was an error */

namespace tairlint::detail {

#define TAIRLINT_DECLARE_RULE(name) const Rule& name();
TAIRLINT_ENGINE_RULES(TAIRLINT_DECLARE_RULE)

const std::vector<const Rule*>& EngineRules() {
#define TAIRLINT_LIST_RULE(name) &name(),
  static const std::vector<const Rule*> rules = {TAIRLINT_ENGINE_RULES(TAIRLINT_LIST_RULE)};
  return rules;
}

void RunRules(Context& ctx, bool before_schema) {
  // The numbers of the rules of each phase, in order: [0] after the schema,
  // [1] before it.
  static const std::array<std::vector<size_t>, 2> phases = [] {
    std::array<std::vector<size_t>, 2> p;
    const std::vector<const Rule*>& rules = EngineRules();
    for (size_t i = 0; i < rules.size(); ++i) p[rules[i]->BeforeSchema() ? 1 : 0].push_back(i);
    return p;
  }();
  const std::vector<const Rule*>& rules = EngineRules();
  for (size_t i : phases[before_schema ? 1 : 0]) rules[i]->Check(ctx, ctx.am.rule_configs[i].get());
}

bool CompileRules(ActionModel* model, std::string* error) {
  const std::vector<const Rule*>& rules = EngineRules();
  model->rule_configs.clear();
  model->rule_configs.resize(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    AnnotationReader reader(*model, error);
    if (!rules[i]->Compile(reader, &model->rule_configs[i])) return false;
  }
  return true;
}

}  // namespace tairlint::detail
