// The command line's usage errors, each with "did you mean" (io.h's
// DidYouMean): option values checked against the names they may take
// (aliases such as `warn` included), rule ids, and, when CLI11 refuses the
// arguments, the first one that names no subcommand or option.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tairlint::cli {

// Accepts one of `names`, after `canonical` (when given) has made an alias
// the name it stands for (CanonicalSeverity: "warn" -> "warning"; use it
// with CLI11's transform() so that the value is replaced); refuses anything
// else, naming the nearest.
CLI::Validator OneOf(std::vector<std::string> names, std::string (*canonical)(std::string) = nullptr);

// Accepts a rule id of the catalog (`tairlint rules`).
CLI::Validator RuleId();

// What to say when `app` refused `args` (the arguments after the program's
// name): the first one that is neither a subcommand of `app` nor an option
// of the subcommand it follows, with the nearest name. "" when there is none
// (CLI11's message says what is wrong then).
std::string UnknownArgument(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace tairlint::cli
