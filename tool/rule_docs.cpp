#include "rule_docs.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "io.h"

namespace tairlint::cli {
namespace {

std::string Joined(const std::vector<std::string>& items, const char* quote) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + std::string(quote) + s + quote;
  return out;
}

// A fence longer than any run of backticks in `text`.
std::string FenceFor(const std::string& text) {
  size_t run = 0, longest = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

}  // namespace

std::string RulePage(const RuleInfo& rule) {
  std::string out = "# " + rule.id + "\n\n" + rule.summary + "\n\n";
  out += "- **Default severity:** " + std::string(SeverityName(rule.severity)) + "\n";
  if (!rule.actions.empty()) out += "- **Actions:** " + Joined(rule.actions, "") + "\n";
  if (!rule.source.empty()) out += "- **Source:** " + rule.source + "\n";
  if (!rule.explanation.empty()) out += "\n" + rule.explanation + "\n";
  if (!rule.codes.empty()) {
    out += "\n## Error codes\n\n| code | HTTP | the service's message |\n| --- | --- | --- |\n";
    for (const std::string& c : rule.codes) {
      const CodeInfo* code = FindCode(c);
      std::string messages;
      if (code != nullptr) {
        for (const auto& [action, message] : code->messages) {
          messages += (messages.empty() ? "" : "<br>") + action + ": " + message;
        }
      }
      out += "| `" + c + "` | " + (code ? std::to_string(code->http_status) : "") + " | " + messages + " |\n";
    }
  }
  if (!rule.example.empty()) {
    const char first = rule.example[0];
    if (first == '{' || first == '[' || rule.example.rfind("Action=", 0) == 0) {
      const std::string fence = FenceFor(rule.example);
      out += "\n## Example\n\nA request that draws it:\n\n" + fence + "\n" + rule.example + "\n" + fence + "\n";
    } else {
      out += "\n## Example\n\n" + rule.example + "\n";
    }
  }
  out += "\n## Turning it off or changing its severity\n\nIn `.tairlint.toml`, under `[rules]`: `" + rule.id +
         " = \"off\"` (or `\"error\"`, `\"warning\"`, `\"info\"`). `tairlint explain " + rule.id +
         "` prints this page's facts.\n";
  return out;
}

std::string RulesIndex() {
  std::string out =
      "# tairlint's rules\n\nOne page per rule, made from `schemas/rules.json` by `tairlint rules --write-docs "
      "docs/rules`.\n\n| rule | severity | codes | what it checks |\n| --- | --- | --- | --- |\n";
  for (const RuleInfo& r : Rules()) {
    out += "| [`" + r.id + "`](" + r.id + ".md) | " + SeverityName(r.severity) + " | " + Joined(r.codes, "`") + " | " +
           r.summary + " |\n";
  }
  return out;
}

bool WriteRuleDocs(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto write = [&](const std::string& name, const std::string& text) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) Diagnose("cannot write " + path + ": " + std::strerror(errno));
    return static_cast<bool>(out);
  };
  if (!write("README.md", RulesIndex())) return false;
  for (const RuleInfo& r : Rules()) {
    if (!write(r.id + ".md", RulePage(r))) return false;
  }
  return true;
}

}  // namespace tairlint::cli
