#include "usage.h"

#include <algorithm>

#include "io.h"
#include "tairlint/tairlint.h"

namespace tairlint::cli {
namespace {

std::string Join(const std::vector<std::string>& names, const char* separator) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

// The long options of a command, with their dashes.
std::vector<std::string> OptionNames(const CLI::App& command) {
  std::vector<std::string> out;
  for (const CLI::Option* o : command.get_options()) {
    for (const std::string& name : o->get_lnames()) out.push_back("--" + name);
  }
  return out;
}

}  // namespace

CLI::Validator OneOf(std::vector<std::string> names, std::string (*canonical)(std::string)) {
  const std::string list = Join(names, ", ");
  return CLI::Validator(
      [names, canonical, list](std::string& value) -> std::string {
        if (canonical != nullptr) value = canonical(value);
        if (std::find(names.begin(), names.end(), value) != names.end()) return "";
        return "\"" + value + "\" is not one of " + list + DidYouMean(value, names);
      },
      "{" + Join(names, ",") + "}");
}

CLI::Validator RuleId() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (FindRule(value) != nullptr) return "";
        std::vector<std::string> ids;
        for (const RuleInfo& r : Rules()) ids.push_back(r.id);
        return "no rule \"" + value + "\" (see `tairlint rules`)" + DidYouMean(value, ids);
      },
      "RULE");
}

std::string UnknownArgument(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* command = &app;  // whose options the arguments are
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.size() > 1 && arg[0] == '-') {
      const bool is_long = arg[1] == '-';
      const std::string name = is_long ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
      const CLI::Option* option = command->get_option_no_throw(name);
      if (option == nullptr) {
        return "unknown option " + name + (command == &app ? "" : " of `tairlint " + command->get_name() + "`") +
               (is_long ? DidYouMean(name, OptionNames(*command)) : "");
      }
      // Its value, when it takes one and it is the next argument.
      if (option->get_expected_min() > 0 && arg.find('=') == std::string::npos && (is_long || arg.size() == 2)) ++i;
      continue;
    }
    if (command != &app) continue;  // an argument of the subcommand
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->check_name(arg)) command = sub;
      names.push_back(sub->get_name());
    }
    if (command == &app) return "unknown command \"" + arg + "\"" + DidYouMean(arg, names);
  }
  return "";
}

}  // namespace tairlint::cli
