// The rules' pages, docs/rules/<id>.md, made from the rule catalog
// (schemas/rules.json): what SARIF's helpUri points at. `tairlint rules
// --write-docs DIR` writes them; a test keeps docs/rules/ in step.
#pragma once

#include <string>

#include "tairlint/tairlint.h"

namespace tairlint::cli {

// One rule's page, in Markdown.
std::string RulePage(const RuleInfo& rule);
// The index of every rule (README.md of the folder).
std::string RulesIndex();
// Writes both into `dir` (created if missing); false, said, on failure.
bool WriteRuleDocs(const std::string& dir);

}  // namespace tairlint::cli
