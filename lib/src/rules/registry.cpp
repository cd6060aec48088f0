// The rule engine's rules, in the order they run. One line per rule.
#include "rules/rules.h"

namespace tairlint::detail {

const std::vector<const Rule*>& EngineRules() {
  static const std::vector<const Rule*> rules = {
      &DuplicateKeyRule(),
      &UnknownParameterRule(),
      &ParameterCaseRule(),
      // rules about one value, before the rules that relate two values
      // (which run only when both values are valid on their own)
      &PasswordComplexityRule(),
      &CapacityKnownRule(),
      &RequiredIfRule(),
      &RequiredOneOfRule(),
      &InstanceClassFamilyRule(),
      &InstanceClassKnownRule(),
      &RegionKnownRule(),
      &ZoneRegionRule(),
      &TagLimitRule(),
      &TagKeyRule(),
      &TagKeyDuplicateRule(),
      &IdPrefixRule(),
      &EngineVersionMismatchRule(),
      &RecommendedValueRule(),
      &IgnoredParameterRule(),
      &PlaintextSecretRule(),
      &DryRunRule(),  // last: it speaks only when nothing else was an error
  };
  return rules;
}

}  // namespace tairlint::detail
