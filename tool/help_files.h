// The man page and the shell completions, written from the command line's
// own CLI11 definition, so that they name every subcommand and option it has
// (the build installs what `tairlint manpage` and `tairlint completion SHELL`
// print).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tairlint::cli {

// One option or positional argument, as the help files need it.
struct OptionSpec {
  std::vector<std::string> names;    // "--output-file", "-o" (long first); a positional's name
  std::string description;
  std::string value;                 // "" for a flag, else "TEXT", "FILE", "INT"...
  std::vector<std::string> choices;  // the allowed values, when the option checks them
  std::string default_value;         // when --help shows one
  bool path = false;                 // a text value: completed as a file name
  bool repeatable = false;
  bool positional = false;
  std::string group;                 // "Options", "Limits"...
};

struct CommandSpec {
  std::string name;  // "" for tairlint itself
  std::string description;
  std::vector<OptionSpec> options;
};

// tairlint itself first, then every subcommand that --help shows.
std::vector<CommandSpec> DescribeCommands(const CLI::App& app);

std::string ManPage(const std::vector<CommandSpec>& commands);
// shell: bash, zsh or fish.
std::string Completion(const std::vector<CommandSpec>& commands, const std::string& shell);

// `tairlint completion SHELL`, and `tairlint manpage` (hidden: for the build).
struct HelpFileCommands {
  CLI::App* completion = nullptr;
  CLI::App* manpage = nullptr;
  std::string shell;
};
void AddHelpFileCommands(CLI::App* app, HelpFileCommands* c);
// Prints what the command that ran asks for; false when neither ran.
bool RunHelpFileCommands(const CLI::App& app, const HelpFileCommands& c);

}  // namespace tairlint::cli
