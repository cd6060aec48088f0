// `tairlint completion bash|zsh|fish`: completion scripts written from the
// command line's definition (tool/help_files.h). An option's value completes
// as its choices, a file name for a text value, nothing for a number.
#include <sstream>

#include "help_files.h"

namespace tairlint::cli {
namespace {

std::string Join(const std::vector<std::string>& words, const std::string& sep = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

// `s` in single quotes for bash and zsh; fish also takes \' and \\ there.
std::string SingleQuoted(const std::string& s, bool fish = false) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += fish ? "\\'" : "'\\''";
    else if (c == '\\' && fish) q += "\\\\";
    else q += c;
  }
  return q + "'";
}

const OptionSpec* Positional(const CommandSpec& c) {
  for (const auto& o : c.options) {
    if (o.positional) return &o;
  }
  return nullptr;
}

std::vector<std::string> OptionNames(const CommandSpec& c) {
  std::vector<std::string> names;
  for (const auto& o : c.options) {
    if (!o.positional) names.insert(names.end(), o.names.begin(), o.names.end());
  }
  return names;
}

std::string Bash(const std::vector<CommandSpec>& commands) {
  std::vector<std::string> subcommands;
  for (size_t i = 1; i < commands.size(); ++i) subcommands.push_back(commands[i].name);
  std::ostringstream out;
  out << "# bash completion for tairlint; written by `tairlint completion bash`.\n"
      << "_tairlint() {\n"
      << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command=\"\" i\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    case ${COMP_WORDS[i]} in\n"
      << "      " << Join(subcommands, "|") << ") command=${COMP_WORDS[i]}; break ;;\n"
      << "    esac\n"
      << "  done\n"
      << "  case $command in\n";
  for (const auto& c : commands) {
    out << "    " << (c.name.empty() ? "\"\"" : c.name) << ")\n      case $prev in\n";
    for (const auto& o : c.options) {
      if (o.positional || o.value.empty()) continue;
      out << "        " << Join(o.names, "|") << ") ";
      if (!o.choices.empty()) out << "COMPREPLY=($(compgen -W " << SingleQuoted(Join(o.choices)) << " -- \"$cur\"))";
      else if (o.path) out << "COMPREPLY=($(compgen -f -- \"$cur\"))";
      else out << ":";  // a number: nothing to offer
      out << "; return ;;\n";
    }
    out << "      esac\n      if [[ $cur == -* ]]; then\n"
        << "        COMPREPLY=($(compgen -W " << SingleQuoted(Join(OptionNames(c))) << " -- \"$cur\"))\n";
    const OptionSpec* p = Positional(c);
    if (c.name.empty()) {
      out << "      else\n        COMPREPLY=($(compgen -W " << SingleQuoted(Join(subcommands)) << " -- \"$cur\"))\n";
    } else if (p != nullptr && !p->choices.empty()) {
      out << "      else\n        COMPREPLY=($(compgen -W " << SingleQuoted(Join(p->choices)) << " -- \"$cur\"))\n";
    } else if (p != nullptr && p->path) {
      out << "      else\n        COMPREPLY=($(compgen -f -- \"$cur\"))\n";
    }
    out << "      fi ;;\n";
  }
  out << "  esac\n}\ncomplete -o filenames -F _tairlint tairlint\n";
  return out.str();
}

// An _arguments spec: '(--output-file -o)'{--output-file,-o}'[...]:FILE:_files'.
std::string ZshSpec(const OptionSpec& o) {
  std::string action = !o.choices.empty() ? "(" + Join(o.choices) + ")" : o.path ? "_files" : " ";
  std::string what = o.value.empty() ? "" : ":" + o.value + ":" + action;
  if (o.positional) return SingleQuoted((o.repeatable ? "*:" : "1:") + o.names[0] + ":" + action);
  std::string description;
  for (char ch : o.description) {
    if (ch == '[' || ch == ']') description += '\\';
    description += ch;
  }
  std::string names = o.names.size() == 1 ? o.names[0] : "{" + Join(o.names, ",") + "}";
  std::string prefix = o.repeatable ? "'*'" : o.names.size() > 1 ? "'(" + Join(o.names) + ")'" : "";
  return prefix + names + SingleQuoted("[" + description + "]" + what);
}

std::string Zsh(const std::vector<CommandSpec>& commands) {
  std::ostringstream out;
  out << "#compdef tairlint\n# zsh completion for tairlint; written by `tairlint completion zsh`.\n"
      << "_tairlint() {\n  local curcontext=$curcontext state line\n  typeset -A opt_args\n  _arguments -C \\\n";
  for (const auto& o : commands[0].options) out << "    " << ZshSpec(o) << " \\\n";
  out << "    '1:command:->command' '*::argument:->argument'\n  case $state in\n"
      << "    command)\n      local -a commands=(\n";
  for (size_t i = 1; i < commands.size(); ++i) {
    out << "        " << SingleQuoted(commands[i].name + ":" + commands[i].description) << "\n";
  }
  out << "      )\n      _describe -t commands command commands ;;\n    argument)\n      case $words[1] in\n";
  for (size_t i = 1; i < commands.size(); ++i) {
    out << "        " << commands[i].name << ") _arguments";
    for (const auto& o : commands[i].options) out << " \\\n            " << ZshSpec(o);
    out << " ;;\n";
  }
  out << "      esac ;;\n  esac\n}\n"
      << "# Autoloaded from fpath, or sourced: source <(tairlint completion zsh)\n"
      << "if [[ $funcstack[1] == _tairlint ]]; then _tairlint \"$@\"; else compdef _tairlint tairlint; fi\n";
  return out.str();
}

std::string Fish(const std::vector<CommandSpec>& commands) {
  std::ostringstream out;
  out << "# fish completion for tairlint; written by `tairlint completion fish`.\ncomplete -c tairlint -f\n";
  for (size_t i = 1; i < commands.size(); ++i) {
    out << "complete -c tairlint -n __fish_use_subcommand -a " << commands[i].name << " -d "
        << SingleQuoted(commands[i].description, true) << "\n";
  }
  for (const auto& c : commands) {
    std::string when = c.name.empty() ? "__fish_use_subcommand" : SingleQuoted("__fish_seen_subcommand_from " + c.name);
    for (const auto& o : c.options) {
      out << "complete -c tairlint -n " << when;
      for (const auto& n : o.positional ? std::vector<std::string>{} : o.names) {
        out << (n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1));
      }
      if (!o.choices.empty()) out << " -x -a " << SingleQuoted(Join(o.choices), true);
      else if (o.path) out << (o.positional ? " -F" : " -r -F");
      else if (!o.value.empty()) out << " -x";
      out << " -d " << SingleQuoted(o.description, true) << "\n";
    }
  }
  return out.str();
}

}  // namespace

std::string Completion(const std::vector<CommandSpec>& commands, const std::string& shell) {
  if (shell == "zsh") return Zsh(commands);
  if (shell == "fish") return Fish(commands);
  return Bash(commands);
}

}  // namespace tairlint::cli
