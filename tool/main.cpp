// tairlint: the command line. It reads files, hands them to the library and
// prints what the library found; every check lives in lib/.
#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "check.h"
#include "config.h"
#include "help_files.h"
#include "io.h"
#include "rule_docs.h"
#include "tairlint/tairlint.h"
#include "usage.h"
#include "version_commit.h"  // TAIRLINT_VERSION_COMMIT, written by CMakeLists.txt

namespace {

using tairlint::cli::Diagnose;
using tairlint::cli::kClean;
using tairlint::cli::kToolError;
using tairlint::cli::OneOf;
using tairlint::cli::RuleId;

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
  std::vector<std::string> names;
  for (const auto& r : tairlint::Rules()) names.push_back(r.id);
  for (const auto& c : tairlint::Codes()) names.push_back(c.code);
  Diagnose("no rule or code named '" + name + "' (see `tairlint codes` and `tairlint rules`)" +
           tairlint::cli::DidYouMean(name, names));
  return kToolError;
}

// Standard input, output and error closed by the caller (`<&-`, `>&-`):
// each is opened on /dev/null the wrong way round, so that reading or
// writing it fails with EBADF, as it would have, while the files the run
// opens do not take its number (a request opened as descriptor 1 would
// have been where the report went).
void ReserveStandardDescriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int got = open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
    if (got >= 0 && got != fd) {
      dup2(got, fd);
      close(got);
    }
  }
}

// Whatever a subcommand printed on standard output reached it: a full disk
// or a closed output is exit 2 and a message, not a clean run.
int Flushed(int rc) {
  if (rc == kToolError) return rc;  // said already
  // std::cout writes through stdout (synced with stdio): its flush is
  // stdout's, and sets errno when it fails.
  errno = 0;
  std::cout.flush();
  int error = errno;
  if (fflush(stdout) != 0 && error == 0) error = errno;
  if (!ferror(stdout) && std::cout) return rc;
  Diagnose(std::string("cannot write to standard output: ") + std::strerror(error != 0 ? error : EIO));
  return kToolError;
}

// `tairlint check`'s arguments and options, into `ca`.
CLI::App* AddCheck(CLI::App* app, tairlint::cli::CheckArgs* ca) {
  CLI::App* check = app->add_subcommand("check", "Check request files (JSON, YAML or query string)");
  check->add_option("paths", ca->paths, "Files, directories (searched for *.json, *.yaml, *.yml, *.query) or - for stdin")
      ->required();
  check->add_option("--action", ca->action, "The action, when the requests do not say")
      ->check(OneOf({"CreateInstances", "CreateTairKVCacheVNode"}));
  check->add_option("--input-format", ca->input_format, "The input form (default: detected from the content)")
      ->check(OneOf({"auto", "json", "yaml", "query"}));
  check->add_option("--format", ca->format, "The report format")->check(OneOf({"text", "json", "sarif", "github"}));
  check->add_option("--output-file,-o", ca->output_file, "Write the report to this file instead of standard output");
  check->add_option("--color", ca->color, "Colour in the text report (auto: on a terminal, unless NO_COLOR is set)")
      ->check(OneOf({"auto", "always", "never"}));
  check->add_flag_callback("--show-source", [ca] { ca->show_source = "always"; },
                           "Show each finding's line with the range underlined (default: on a terminal)");
  check->add_flag_callback("--no-show-source", [ca] { ca->show_source = "never"; }, "Show no source lines");
  check->add_flag("--service-message", ca->service_message,
                  "Show the service's own message under each finding's cause (text report)");
  check->add_option("--source-root", ca->source_root,
                    "SARIF: the folder artifact URIs are relative to, as %SRCROOT% (default: the git work tree)");
  check->add_option("--help-uri-base", ca->help_uri_base,
                    "SARIF: the URL of the folder of the rules' pages, docs/rules/ (default: the installed pages)");
  check->add_option("--config", ca->config, "The configuration file (default: .tairlint.toml here or in a parent)")
      ->check(CLI::ExistingFile);
  check->add_flag("--no-config", ca->no_config, "Read no configuration file");
  check->add_option("--fail-on", ca->fail_on, "The lowest severity that fails the run (default: error; warn is warning)")
      ->transform(OneOf({"error", "warning", "never"}, tairlint::cli::CanonicalSeverity));  // warn becomes warning
  // Rule ids, one value an option (RULE,RULE, or the option again). A
  // list option takes no more values than that (allow_extra_args(false)):
  // CLI11 would take `a.json` in `--exclude 'x*' a.json b.json` for a
  // second glob, and a.json would go unchecked.
  auto rule_ids = [&](const char* name, std::vector<std::string>* ids, const char* what) {
    check->add_option(name, *ids, what)
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->delimiter(',')
        ->check(RuleId());
  };
  rule_ids("--select", &ca->select, "Run only these rules (ids, comma-separated), and those of the input's shape");
  rule_ids("--ignore", &ca->ignore, "Turn these rules off (ids, comma-separated)");
  check->add_flag("--statistics", ca->statistics, "Count the findings by rule and code instead of listing them (text)");
  check->add_flag("--quiet,-q", ca->quiet, "Print only the findings that fail the run, and no summary");
  check->add_option("--stdin-filename", ca->stdin_filename, "The name of - in reports and globs");
  check->add_option("--include", ca->include, "Globs of files to check in directories (default: *.json *.yaml *.yml *.query)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--exclude", ca->exclude, "Globs of files and folders to skip in directories")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--catalog", ca->catalogs, "A catalog file adding capacities, instance classes, regions")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(CLI::ExistingFile);
  check->add_option("--jobs,-j", ca->jobs, "Files checked at once (default: one per core)");
  check->add_option("--baseline", ca->baseline,
                    "Findings this file records (--write-baseline) are not shown and do not fail the run");
  check->add_option("--write-baseline", ca->write_baseline,
                    "Record this run's findings in this file (and pass), for --baseline");
  // Resource limits: exceeding one is a finding (parse-error or
  // instances-format) with a position, never a crash or a hang.
  auto limit = [&](const char* name, auto* value, const char* what) {
    check->add_option(name, *value, what)->capture_default_str()->group("Limits");
  };
  limit("--max-file-size", &ca->limits.max_bytes, "Bytes in one input");
  limit("--max-depth", &ca->limits.max_depth, "Nesting of arrays and objects");
  limit("--max-string-length", &ca->limits.max_string_bytes, "Bytes in one string value");
  limit("--max-instances", &ca->limits.max_instances, "Elements of Instances");
  limit("--max-query-params", &ca->limits.max_query_params, "Parameters of one query string");
  limit("--max-nodes", &ca->limits.max_nodes, "Values in one document (YAML: after alias expansion)");
  limit("--max-yaml-documents", &ca->limits.max_yaml_documents, "YAML documents in one file");
  limit("--max-findings", &ca->limits.max_findings, "Findings listed for one file (the rest are counted in one)");
  return check;
}

// The other subcommands, and what they were given.
struct OtherCommands {
  CLI::App* schema = nullptr;
  CLI::App* codes = nullptr;
  CLI::App* rules = nullptr;
  CLI::App* explain = nullptr;
  std::string schema_action, codes_format = "text", rules_format = "text", explain_name, rules_docs_dir;
};

void AddOthers(CLI::App* app, OtherCommands* c) {
  c->schema = app->add_subcommand("schema", "Print the JSON Schema of a request document (for editors)");
  c->schema->add_option("action", c->schema_action, "CreateInstances or CreateTairKVCacheVNode (none: one schema for both)")
      ->check(OneOf({"CreateInstances", "CreateTairKVCacheVNode"}));

  c->codes = app->add_subcommand("codes", "List every error code the two actions document");
  c->codes->add_option("--format", c->codes_format, "text or json")->check(OneOf({"text", "json"}));

  c->rules = app->add_subcommand("rules", "List every rule with its default severity and codes");
  c->rules->add_option("--format", c->rules_format, "text, json or markdown")
      ->check(OneOf({"text", "json", "markdown"}));
  c->rules->add_option("--write-docs", c->rules_docs_dir, "Write one Markdown page per rule, and an index, into this folder");

  c->explain = app->add_subcommand("explain", "Explain an error code or a rule");
  c->explain->add_option("name", c->explain_name, "An error code (InvalidPassword.Malformed) or a rule id")->required();
}

// The other subcommands print little: all of it is kept until the end, so
// that a failed write is seen with its cause (ENOSPC, EPIPE) by Flushed()
// rather than as a bare error flag.
int RunOther(const OtherCommands& c) {
  static char whole_output[4 << 20];
  if (isatty(STDOUT_FILENO) == 0) setvbuf(stdout, whole_output, _IOFBF, sizeof whole_output);
  if (*c.schema) {
    tairlint::Checker checker;
    std::cout << (c.schema_action.empty() ? checker.RequestSchema()
                                          : checker.RequestSchema(tairlint::ParseAction(c.schema_action)));
    return Flushed(kClean);
  }
  if (*c.codes) return Flushed(RunCodes(c.codes_format));
  if (*c.rules && !c.rules_docs_dir.empty()) return tairlint::cli::WriteRuleDocs(c.rules_docs_dir) ? kClean : kToolError;
  if (*c.rules) return Flushed(RunRules(c.rules_format));
  if (*c.explain) return Flushed(RunExplain(c.explain_name));
  return kToolError;
}

// "tairlint 0.1.0 (v0.1.0-3-g1a2b3c4)": the version and, when built from
// git, the commit (CMakeLists.txt).
std::string VersionLine() {
  std::string commit = TAIRLINT_VERSION_COMMIT;
  return std::string("tairlint ") + tairlint::Version() + (commit.empty() ? "" : " (" + commit + ")");
}

}  // namespace

int main(int argc, char** argv) {
  ReserveStandardDescriptors();
  // A short-lived process: freed memory is kept for reuse instead of handed
  // back to the kernel, and large blocks stay in the heap, since touching
  // fresh pages is what costs (docs/performance.md).
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  CLI::App app{"tairlint: checks Alibaba Cloud Tair CreateInstances and CreateTairKVCacheVNode requests offline, "
               "answering with the error codes the service would answer."};
  app.set_version_flag("--version", VersionLine());
  app.require_subcommand(1);

  tairlint::cli::CheckArgs ca;
  CLI::App* check = AddCheck(&app, &ca);
  OtherCommands others;
  AddOthers(&app, &others);
  tairlint::cli::HelpFileCommands help_files;
  AddHelpFileCommands(&app, &help_files);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and the version go to standard output. An error quotes what was
    // given (an option's value, a path), so it goes out as every other
    // message does, made printable.
    if (e.get_exit_code() == 0) return Flushed(app.exit(e) == 0 ? kClean : kToolError);
    const std::string unknown = tairlint::cli::UnknownArgument(app, std::vector<std::string>(argv + 1, argv + argc));
    Diagnose((unknown.empty() ? std::string(e.what()) : unknown) + " (see tairlint --help)");
    return kToolError;
  }
  if (*check) return Flushed(tairlint::cli::RunCheck(ca));
  if (RunHelpFileCommands(app, help_files)) return Flushed(kClean);
  return RunOther(others);
}
