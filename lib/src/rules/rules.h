// One function per engine rule, each defined in its own file of this folder
// and listed once in registry.cpp. A rule's id, severity, codes and texts are
// in schemas/rules.json.
#pragma once

#include "rules/rule.h"

namespace tairlint::detail {

const Rule& DuplicateKeyRule();
const Rule& UnknownParameterRule();
const Rule& ParameterCaseRule();
const Rule& RequiredIfRule();
const Rule& RequiredOneOfRule();
const Rule& PasswordComplexityRule();
const Rule& CapacityKnownRule();
const Rule& InstanceClassFamilyRule();
const Rule& InstanceClassKnownRule();
const Rule& RegionKnownRule();
const Rule& ZoneRegionRule();
const Rule& TagLimitRule();
const Rule& TagKeyRule();
const Rule& TagKeyDuplicateRule();
const Rule& IdPrefixRule();
const Rule& EngineVersionMismatchRule();
const Rule& RecommendedValueRule();
const Rule& IgnoredParameterRule();
const Rule& PlaintextSecretRule();
const Rule& DryRunRule();

}  // namespace tairlint::detail
