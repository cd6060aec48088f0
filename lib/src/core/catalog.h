// The rule and code catalogs (schemas/rules.json, schemas/codes.json),
// parsed once from the embedded files; the public lookups FindRule and
// FindCode (tairlint.h) index them.
#pragma once

#include <vector>

#include "tairlint/tairlint.h"

namespace tairlint::detail {

// Parses the embedded rules.json and codes.json (cached, thread-safe).
const std::vector<RuleInfo>& RuleCatalog();
const std::vector<CodeInfo>& CodeCatalog();

// Applies the options' override for `rule` to `severity`; false when the
// options turn the rule off.
bool ApplyOverride(const CheckOptions& options, std::string_view rule, Severity* severity);

// A rule's default severity in rules.json (Error for an id it lacks).
Severity DefaultSeverity(std::string_view rule);

// The severity of a finding of `rule`: its default from rules.json
// (Error for an id the catalog lacks), then the options' override; false
// when the options turn the rule off.
bool SeverityFor(const CheckOptions& options, std::string_view rule, Severity* severity);

}  // namespace tairlint::detail
