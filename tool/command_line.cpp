// What the help files know of the command line: its subcommands and their
// options, read from the CLI11 definition (tool/help_files.h).
#include <algorithm>
#include <iostream>

#include "help_files.h"

namespace tairlint::cli {
namespace {

// CLI11 names an option's value "TEXT", "INT"..., followed by what its
// checks say: "TEXT:{auto,json,yaml,query}" (a set) or "TEXT:FILE".
OptionSpec Describe(const CLI::Option& o) {
  OptionSpec spec;
  spec.positional = !o.nonpositional();
  if (spec.positional) {
    spec.names.push_back(o.get_name(true));
  } else {
    for (const auto& l : o.get_lnames()) spec.names.push_back("--" + l);
    for (const auto& s : o.get_snames()) spec.names.push_back("-" + s);
  }
  spec.description = o.get_description();
  spec.group = o.get_group();
  spec.repeatable = o.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll || o.get_expected_max() > 1;
  if (o.get_type_size_max() == 0) return spec;  // a flag
  spec.default_value = o.get_default_str();
  std::string type = o.get_type_name();
  spec.value = type.substr(0, type.find(':'));
  size_t open = type.find(":{");
  if (open != std::string::npos && type.back() == '}') {
    std::string set = type.substr(open + 2, type.size() - open - 3);
    for (size_t from = 0; from <= set.size();) {
      size_t comma = std::min(set.find(',', from), set.size());
      spec.choices.push_back(set.substr(from, comma - from));
      from = comma + 1;
    }
  }
  if (type.find(":FILE") != std::string::npos) spec.value = "FILE";
  spec.path = spec.choices.empty() && (spec.value == "TEXT" || spec.value == "FILE");
  return spec;
}

CommandSpec DescribeCommand(const CLI::App& app, const std::string& name) {
  CommandSpec command{name, app.get_description(), {}};
  for (const CLI::Option* o : app.get_options()) {
    if (!o->get_group().empty()) command.options.push_back(Describe(*o));  // no group: hidden
  }
  return command;
}

}  // namespace

std::vector<CommandSpec> DescribeCommands(const CLI::App& app) {
  std::vector<CommandSpec> out{DescribeCommand(app, "")};
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) out.push_back(DescribeCommand(*sub, sub->get_name()));
  }
  return out;
}

void AddHelpFileCommands(CLI::App* app, HelpFileCommands* c) {
  c->completion = app->add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  c->completion->add_option("shell", c->shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  c->manpage = app->add_subcommand("manpage", "Print the man page, tairlint(1), in roff");
  c->manpage->group("");  // for the build, which installs it
}

bool RunHelpFileCommands(const CLI::App& app, const HelpFileCommands& c) {
  if (*c.completion) {
    std::cout << Completion(DescribeCommands(app), c.shell);
  } else if (*c.manpage) {
    std::cout << ManPage(DescribeCommands(app));
  } else {
    return false;
  }
  return true;
}

}  // namespace tairlint::cli
