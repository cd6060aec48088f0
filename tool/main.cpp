// tairlint: the command line. It reads files, hands them to the library and
// prints what the library found; every check lives in lib/.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tairlint/tairlint.h"

namespace fs = std::filesystem;

namespace {

// Exit statuses (contract section 4).
constexpr int kClean = 0;
constexpr int kFindings = 1;
constexpr int kToolError = 2;

const char* const kRequestExtensions[] = {".json", ".yaml", ".yml", ".query"};
const char* const kSkippedDirs[] = {".git", ".hg", ".svn", "node_modules", "build", "out", "dist", ".venv"};

bool HasRequestExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* e : kRequestExtensions) {
    if (ext == e) return true;
  }
  return false;
}

bool SkippedDir(const fs::path& p) {
  std::string name = p.filename().string();
  for (const char* d : kSkippedDirs) {
    if (name == d) return true;
  }
  return name.rfind("build-", 0) == 0 || name.rfind("cmake-build-", 0) == 0;
}

struct Input {
  std::string path;       // as shown in reports
  std::string read_error; // set when it cannot be read
  bool is_stdin = false;
};

// Expands the command line's paths: files as given, directories searched
// (sorted, so that output is stable) for request files.
std::vector<Input> Expand(const std::vector<std::string>& paths) {
  std::vector<Input> out;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back({"-", "", true});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      out.push_back({p, "no such file or directory", false});
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back({p, "", false});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      out.push_back({p, "cannot read the directory: " + ec.message(), false});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& e = *it;
      std::error_code ec2;
      if (e.is_directory(ec2)) {
        if (SkippedDir(e.path())) it.disable_recursion_pending();
        continue;
      }
      if (HasRequestExtension(e.path())) found.push_back(e.path().lexically_normal().string());
    }
    std::sort(found.begin(), found.end());
    for (std::string& f : found) out.push_back({std::move(f), "", false});
  }
  return out;
}

bool ReadAll(std::istream& in, std::string* out, uint64_t limit) {
  std::ostringstream ss;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    ss.write(buf, in.gcount());
    if (static_cast<uint64_t>(ss.tellp()) > limit) break;
  }
  *out = ss.str();
  return !in.bad();
}

bool ReadFile(const std::string& path, std::string* out, std::string* error, uint64_t limit) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    *error = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  if (!ReadAll(in, out, limit)) {
    *error = "read failed";
    return false;
  }
  return true;
}

tairlint::Result ReadError(const std::string& why) {
  tairlint::Result r;
  tairlint::Finding f;
  f.rule = "read-error";
  f.severity = tairlint::Severity::Error;
  f.message = f.detail = "cannot read the file: " + why;
  f.line = 1;
  f.column = 1;
  r.findings.push_back(std::move(f));
  return r;
}

int RunCheck(const std::vector<std::string>& paths, const std::string& action_name, const std::string& format_name,
             const std::string& output_format, const std::vector<std::string>& catalogs) {
  tairlint::CheckOptions options;
  if (!action_name.empty()) {
    options.action = tairlint::ParseAction(action_name);
  }
  tairlint::ParseInputFormat(format_name, &options.format);
  tairlint::CheckerConfig config;
  config.catalog_files = catalogs;
  tairlint::Checker checker(config);
  if (!checker.ok()) {
    std::cerr << "tairlint: " << checker.error() << "\n";
    return kToolError;
  }
  std::vector<tairlint::FileReport> reports;
  tairlint::TokenLedger ledger;
  for (const Input& in : Expand(paths)) {
    tairlint::FileReport rep;
    rep.path = in.path;
    std::string text, error;
    bool ok = in.read_error.empty();
    if (!ok) {
      error = in.read_error;
    } else if (in.is_stdin) {
      ok = ReadAll(std::cin, &text, options.limits.max_bytes);
      if (!ok) error = "read failed";
    } else {
      ok = ReadFile(in.path, &text, &error, options.limits.max_bytes);
    }
    if (ok) {
      rep.result = checker.Check(text, options);
      ledger.Record(checker, rep.path, &rep.result, options);
    } else {
      rep.result = ReadError(error);
    }
    reports.push_back(std::move(rep));
  }
  std::string out = output_format == "json" ? tairlint::FormatJson(reports) : tairlint::FormatText(reports);
  fwrite(out.data(), 1, out.size(), stdout);
  if (fflush(stdout) != 0) return kToolError;
  for (const auto& r : reports) {
    if (r.result.errors() > 0) return kFindings;
  }
  return kClean;
}

int RunCodes(const std::string& format) {
  const auto& codes = tairlint::Codes();
  if (format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& c : codes) {
      out.push_back({{"code", c.code},
                     {"http_status", c.http_status},
                     {"messages", c.messages},
                     {"meaning", c.meaning},
                     {"offline", c.offline},
                     {"pages", c.actions}});
    }
    std::cout << out.dump(2) << "\n";
    return kClean;
  }
  size_t w = 4;
  for (const auto& c : codes) w = std::max(w, c.code.size());
  std::printf("%-*s  %-4s  %-7s  %s\n", static_cast<int>(w), "CODE", "HTTP", "OFFLINE", "MESSAGE (CreateInstances)");
  for (const auto& c : codes) {
    auto m = c.messages.find("CreateInstances");
    std::printf("%-*s  %-4d  %-7s  %s\n", static_cast<int>(w), c.code.c_str(), c.http_status,
                c.offline ? "yes" : "no", m == c.messages.end() ? "" : m->second.c_str());
  }
  return kClean;
}

// The rule catalog as a table, JSON, or the Markdown list that the README
// embeds (a test keeps the two in step).
int RunRules(const std::string& format) {
  const auto& rules = tairlint::Rules();
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  };
  if (format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : rules) {
      out.push_back({{"id", r.id},
                     {"severity", tairlint::SeverityName(r.severity)},
                     {"codes", r.codes},
                     {"actions", r.actions},
                     {"summary", r.summary},
                     {"explanation", r.explanation},
                     {"source", r.source},
                     {"example", r.example}});
    }
    std::cout << out.dump(2) << "\n";
    return kClean;
  }
  if (format == "markdown") {
    std::cout << "| rule | severity | codes | what it checks |\n| --- | --- | --- | --- |\n";
    for (const auto& r : rules) {
      std::cout << "| `" << r.id << "` | " << tairlint::SeverityName(r.severity) << " | " << join(r.codes) << " | "
                << r.summary << " |\n";
    }
    return kClean;
  }
  size_t w = 4;
  for (const auto& r : rules) w = std::max(w, r.id.size());
  std::printf("%-*s  %-8s  %s\n", static_cast<int>(w), "RULE", "SEVERITY", "SUMMARY");
  for (const auto& r : rules) {
    std::printf("%-*s  %-8s  %s\n", static_cast<int>(w), r.id.c_str(), tairlint::SeverityName(r.severity),
                r.summary.c_str());
  }
  return kClean;
}

int RunExplain(const std::string& name) {
  if (const tairlint::CodeInfo* c = tairlint::FindCode(name)) {
    std::printf("%s (HTTP %d)\n\n", c->code.c_str(), c->http_status);
    for (const auto& [action, msg] : c->messages) std::printf("  %s: %s\n", action.c_str(), msg.c_str());
    std::printf("\n%s\n\n", c->meaning.c_str());
    std::printf("Checked offline by tairlint: %s\n", c->offline ? "yes" : "no (only the service can tell)");
    std::string rules;
    for (const auto& r : tairlint::Rules()) {
      if (std::find(r.codes.begin(), r.codes.end(), c->code) != r.codes.end()) rules += (rules.empty() ? "" : ", ") + r.id;
    }
    if (!rules.empty()) std::printf("Rules that yield it: %s\n", rules.c_str());
    for (const auto& r : tairlint::Rules()) {
      if (!r.example.empty() && std::find(r.codes.begin(), r.codes.end(), c->code) != r.codes.end()) {
        std::printf("\nExample (%s):\n  %s\n", r.id.c_str(), r.example.c_str());
        break;
      }
    }
    return kClean;
  }
  if (const tairlint::RuleInfo* r = tairlint::FindRule(name)) {
    std::printf("%s (%s)\n\n%s\n", r->id.c_str(), tairlint::SeverityName(r->severity), r->summary.c_str());
    if (!r->explanation.empty()) std::printf("\n%s\n", r->explanation.c_str());
    if (!r->codes.empty()) {
      std::string codes;
      for (const auto& c : r->codes) codes += (codes.empty() ? "" : ", ") + c;
      std::printf("\nCodes: %s\n", codes.c_str());
    }
    if (!r->source.empty()) std::printf("Source: %s\n", r->source.c_str());
    if (!r->example.empty()) std::printf("\nExample:\n  %s\n", r->example.c_str());
    return kClean;
  }
  std::fprintf(stderr, "tairlint: no rule or code named '%s' (see `tairlint codes` and `tairlint rules`)\n",
               name.c_str());
  return kToolError;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tairlint: checks Alibaba Cloud Tair CreateInstances and CreateTairKVCacheVNode requests offline, "
               "answering with the error codes the service would answer."};
  app.set_version_flag("--version", std::string("tairlint ") + tairlint::Version());
  app.require_subcommand(1);

  std::vector<std::string> paths;
  std::string action, input_format = "auto", format = "text";
  std::vector<std::string> catalogs;
  CLI::App* check = app.add_subcommand("check", "Check request files (JSON, YAML or query string)");
  check->add_option("paths", paths, "Files, directories (searched for *.json, *.yaml, *.yml, *.query) or - for stdin")
      ->required();
  check->add_option("--action", action, "The action, when the requests do not say")
      ->check(CLI::IsMember({"CreateInstances", "CreateTairKVCacheVNode"}));
  check->add_option("--input-format", input_format, "The input form (default: detected from the content)")
      ->check(CLI::IsMember({"auto", "json", "yaml", "query"}));
  check->add_option("--format", format, "The report format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--catalog", catalogs, "A catalog file adding capacities, instance classes, regions")
      ->check(CLI::ExistingFile);

  std::string codes_format = "text";
  CLI::App* codes = app.add_subcommand("codes", "List every error code the two actions document");
  codes->add_option("--format", codes_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string rules_format = "text";
  CLI::App* rules = app.add_subcommand("rules", "List every rule with its default severity and codes");
  rules->add_option("--format", rules_format, "text, json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));

  std::string explain_name;
  CLI::App* explain = app.add_subcommand("explain", "Explain an error code or a rule");
  explain->add_option("name", explain_name, "An error code (InvalidPassword.Malformed) or a rule id")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kClean : kToolError;
  }
  if (*check) return RunCheck(paths, action, input_format, format, catalogs);
  if (*codes) return RunCodes(codes_format);
  if (*rules) return RunRules(rules_format);
  if (*explain) return RunExplain(explain_name);
  return kToolError;
}
