// `tairlint check`'s policy: the configuration, the inputs, suppressions,
// --fail-on and --quiet, the report's output and the exit status. The
// threads are worker_pool.h's; the inputs are found by inputs.h.
#include "check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "baseline.h"
#include "config.h"
#include "inputs.h"
#include "report_output.h"
#include "io.h"
#include "worker_pool.h"
#include "tairlint/tairlint.h"

namespace fs = std::filesystem;

// Where the rules' pages are installed (docs/rules/ under the install
// prefix's documentation folder), the default of --help-uri-base.
#ifdef TAIRLINT_RULE_DOCS_URI
constexpr const char* kRuleDocsUri = TAIRLINT_RULE_DOCS_URI;
#else
constexpr const char* kRuleDocsUri = "";
#endif

namespace tairlint::cli {
namespace {

bool PointerCovers(const std::string& ignore, const std::string& pointer) {
  return ignore.empty() || pointer == ignore ||
         (pointer.size() > ignore.size() && pointer.compare(0, ignore.size(), ignore) == 0 &&
          pointer[ignore.size()] == '/');
}

// Drops the findings that an [[ignore]] entry covers, marking it used, and
// marks the entries whose glob matches the file.
void Suppress(Config* config, const std::string& match_path, Result* result) {
  if (config->ignores.empty()) return;
  std::vector<Ignore*> for_file;
  for (Ignore& ig : config->ignores) {
    if (!GlobMatch(ig.files, match_path)) continue;
    ig.saw_file = true;
    for_file.push_back(&ig);
  }
  auto& fs = result->findings;
  if (for_file.empty() || fs.empty()) return;
  fs.erase(std::remove_if(fs.begin(), fs.end(),
                          [&](const Finding& f) {
                            bool dropped = false;
                            for (Ignore* ig_of_file : for_file) {
                              Ignore& ig = *ig_of_file;
                              if (PointerCovers(ig.pointer, f.pointer) &&
                                  (ig.rule.empty() || ig.rule == f.rule) && (ig.code.empty() || ig.code == f.code)) {
                                ig.used = true;
                                dropped = true;
                              }
                            }
                            return dropped;
                          }),
           fs.end());
}

// The text report shows each finding's line on a terminal, or when asked.
bool ShowSource(const CheckArgs& args) {
  if (args.format != "text" || args.show_source == "never") return false;
  return args.show_source == "always" || (args.output_file.empty() && isatty(STDOUT_FILENO) != 0);
}

// The git work tree holding the working directory (a folder with `.git`,
// a directory or a worktree's file), or "".
std::string GitWorkTree() {
  std::error_code ec;
  for (fs::path dir = fs::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir.string();
    if (dir == dir.root_path()) break;
  }
  return "";
}

bool UseColor(const CheckArgs& args) {
  if (args.color == "always") return true;
  if (args.color == "never" || !args.output_file.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(STDOUT_FILENO) != 0;
}

// ---- configuration

// What the command line and the configuration file decide together.
struct Settings {
  Config config;
  CheckOptions base;
  CheckOptions searched;  // for files a directory search found: base, skipping what is not a request
  std::string fail_on;
  CheckerConfig checker_config;
  std::unique_ptr<Baseline> baseline;          // --baseline
  std::unique_ptr<BaselineRecorder> recorder;  // --write-baseline
};

// --baseline read, --write-baseline prepared (never over a file the run reads).
bool LoadBaselines(const CheckArgs& args, Settings* s) {
  if (!args.baseline.empty()) {
    s->baseline = std::make_unique<Baseline>();
    std::string error;
    if (!s->baseline->Load(args.baseline, &error)) {
      Diagnose(error);
      return false;
    }
  }
  if (args.write_baseline.empty()) return true;
  std::error_code ec;
  const fs::path target = fs::absolute(args.write_baseline, ec).lexically_normal();
  std::vector<std::string> taken = args.paths;  // the inputs, and the report's file
  if (!args.output_file.empty()) taken.push_back(args.output_file);
  for (const std::string& p : taken) {
    if (p != "-" && fs::absolute(p, ec).lexically_normal() == target) {
      Diagnose("not writing the baseline to " + args.write_baseline + ": the run reads or writes it (" + p + ")");
      return false;
    }
  }
  s->recorder = std::make_unique<BaselineRecorder>(args.write_baseline);
  return true;
}

bool LoadSettings(const CheckArgs& args, Settings* s) {
  std::string config_path;
  if (!args.no_config && !args.config.empty()) {
    config_path = args.config;
  } else if (!args.no_config) {
    std::vector<std::string> skipped;
    config_path = FindConfig(".", &skipped);
    for (const std::string& why : skipped) Diagnose(why);
  }
  if (!config_path.empty()) {
    std::string error;
    if (!LoadConfig(config_path, &s->config, &error)) {
      Diagnose(error);
      return false;
    }
  }
  s->base.limits = args.limits;
  // The library goes no deeper than kMaxDepthLimit whatever it is given; a
  // larger --max-depth is said to be lowered, as --jobs is.
  if (s->base.limits.max_depth > kMaxDepthLimit) {
    Diagnose("--max-depth " + std::to_string(s->base.limits.max_depth) + " is more than " +
             std::to_string(kMaxDepthLimit) + "; using " + std::to_string(kMaxDepthLimit));
    s->base.limits.max_depth = kMaxDepthLimit;
  }
  s->base.action = ParseAction(args.action);
  s->base.source_lines = ShowSource(args);
  ParseInputFormat(args.input_format, &s->base.format);
  s->base.severity = s->config.severity;
  SelectRules(args.select, args.ignore, &s->base.severity);
  s->fail_on = !args.fail_on.empty() ? args.fail_on : !s->config.fail_on.empty() ? s->config.fail_on : "error";
  s->checker_config.catalog_files = s->config.catalogs;
  s->checker_config.catalog_files.insert(s->checker_config.catalog_files.end(), args.catalogs.begin(),
                                         args.catalogs.end());
  s->searched = s->base;
  s->searched.skip_non_requests = true;
  return LoadBaselines(args, s);
}

// A catalog the checker cannot load is its error (said, escaped, exit 2);
// one it cannot even hold (std::bad_alloc) is said the same way rather than
// ending the process. nullptr when said.
std::unique_ptr<Checker> LoadChecker(const CheckerConfig& checker_config) {
  std::unique_ptr<Checker> loaded;
  try {
    loaded = std::make_unique<Checker>(checker_config);
  } catch (const std::exception& e) {
    Diagnose(std::string("cannot load the catalogs: ") + e.what());
    return nullptr;
  }
  if (!loaded->ok()) {
    Diagnose(loaded->error());
    return nullptr;
  }
  return loaded;
}

unsigned MaxJobs(const CheckArgs& args) {
  unsigned max_jobs = args.jobs != 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (max_jobs > kMaxJobs) {
    if (args.jobs != 0) {
      Diagnose("--jobs " + std::to_string(args.jobs) + " is more than " + std::to_string(kMaxJobs) + "; using " +
               std::to_string(kMaxJobs));
    }
    max_jobs = kMaxJobs;
  }
  return max_jobs;
}

// The files read before the inputs: the configuration and the catalogs.
std::vector<std::string> ReadAlready(const Settings& s) {
  std::vector<std::string> read;
  if (!s.config.path.empty()) read.push_back(s.config.path);
  read.insert(read.end(), s.checker_config.catalog_files.begin(), s.checker_config.catalog_files.end());
  return read;
}

std::unique_ptr<ReportWriter> MakeWriter(const CheckArgs& args, ReportOutput* output) {
  ReportOptions ro;
  ro.color = args.format == "text" && UseColor(args);
  ro.summary = !args.quiet;
  ro.service_message = args.service_message;
  if (args.format == "sarif") {
    std::error_code ec;
    const std::string root = !args.source_root.empty() ? args.source_root : GitWorkTree();
    if (!root.empty()) ro.source_root = fs::absolute(root, ec).lexically_normal().string();
    ro.help_uri_base = !args.help_uri_base.empty() ? args.help_uri_base : kRuleDocsUri;
    if (!ro.help_uri_base.empty() && ro.help_uri_base.back() != '/') ro.help_uri_base += '/';
  }
  ro.baseline = !args.baseline.empty();
  ro.statistics = args.statistics;
  auto sink = [output](std::string_view text) { output->Write(text); };
  std::unique_ptr<ReportWriter> writer = ReportWriter::Create(args.format, ro, sink);
  if (writer == nullptr) writer = ReportWriter::Create("text", ro, sink);
  return writer;
}

// ---- one file
class FileChecks {
 public:
  FileChecks(const Settings& s, const Checker& checker, const Inputs& all)
      : s_(s), checker_(checker), all_(all), per_file_action_(s.base.action == Action::Unknown && !s.config.actions.empty()) {
    if (std::any_of(all.sources.begin(), all.sources.end(), [](const Source& src) { return src.is_stdin; })) {
      ReadDescriptor(STDIN_FILENO, &stdin_text_, &stdin_error_, s.base.limits.max_bytes);
    }
  }

  // Any thread.
  FileReport Check(size_t i) const {
    const Input& in = all_.files[i];
    const Source& source = all_.sources[in.source];
    FileReport report;
    report.path = ShownPath(all_, in);
    std::string text, error = in.name_size == 0 ? source.read_error : "";
    bool ok = error.empty();
    if (ok && in.name_size == 0 && source.is_stdin) {
      ok = stdin_error_.empty();
      error = stdin_error_;
      text = stdin_text_;
    } else if (ok) {
      ok = ReadInput(report.path, /*named=*/in.name_size == 0, &text, &error, s_.base.limits.max_bytes);
    }
    if (ok) {
      // A file found by a directory search is checked only if it is a request.
      const CheckOptions& options = in.name_size == 0 ? s_.base : s_.searched;
      report.result = per_file_action_ ? checker_.Check(text, ActionOptions(in, options)) : checker_.Check(text, options);
      return report;
    }
    const bool from_stdin = in.name_size == 0 && source.is_stdin;
    if (auto f = MakeFinding("read-error", (from_stdin ? "cannot read stdin: " : "cannot read the file: ") + error, 1, 1,
                             s_.base)) {
      report.result.findings.push_back(std::move(*f));
    }
    return report;
  }

 private:
  // The configuration's [[actions]] may name a file's action.
  CheckOptions ActionOptions(const Input& in, const CheckOptions& options) const {
    CheckOptions o = options;
    const std::string match = MatchPathOf(all_, in);
    for (const ActionFor& a : s_.config.actions) {
      if (GlobMatch(a.files, match)) o.action = a.action;
    }
    return o;
  }

  const Settings& s_;
  const Checker& checker_;
  const Inputs& all_;
  const bool per_file_action_;
  std::string stdin_text_, stdin_error_;
};

// ---- each file's report, in input order: token clashes across files,
// suppressions, the verdict, --quiet, the report. Then the file's findings
// are gone: memory does not grow with the number of files.
class ReportSteps {
 public:
  ReportSteps(const CheckArgs& args, Settings* s, const Inputs& all, ReportWriter* writer)
      : args_(args), s_(*s), all_(all), writer_(*writer),
        threshold_(s->fail_on == "warning" ? Severity::Warning : Severity::Error) {
    ledger_.Reserve(all.files.size());
  }

  // `in`: the input the report is of (nullptr: the configuration's).
  // `rendered`: the report's text rendered by a worker, used when these
  // steps changed nothing.
  void Emit(FileReport& report, const Input* in, const std::optional<std::string>& rendered) {
    const size_t before = report.result.findings.size();
    size_t after_ledger = before;
    if (in != nullptr) {
      ledger_.Record(report.path, &report.result, s_.base);  // only adds (reads only the severities)
      after_ledger = report.result.findings.size();
      if (!s_.config.ignores.empty()) Suppress(&s_.config, MatchPathOf(all_, *in), &report.result);  // only removes
      if (s_.baseline != nullptr) s_.baseline->Apply(&report);  // only moves to report.baselined
      if (s_.recorder != nullptr) s_.recorder->Record(report);
    }
    for (const Finding& f : report.result.findings) {
      failed_ = failed_ || (s_.fail_on != "never" && f.severity >= threshold_);
    }
    if (args_.quiet) {  // only what fails the run
      auto& fs = report.result.findings;
      fs.erase(std::remove_if(fs.begin(), fs.end(),
                              [&](const Finding& f) { return s_.fail_on == "never" || f.severity < threshold_; }),
               fs.end());
    }
    const bool unchanged = after_ledger == before && report.result.findings.size() == before;
    if (rendered && unchanged) {
      writer_.AddRendered(report, *rendered);
    } else {
      writer_.Add(report);
    }
  }

  // The [[ignore]] entries that matched no finding in the files they name,
  // as the configuration's report. An entry for files this run did not see
  // (pre-commit passes only the files changed) is not said to be unused.
  void EmitUnusedSuppressions() {
    FileReport config_report;
    config_report.path = RelativeToWorkingDirectory(s_.config.path);
    for (const Ignore& ig : s_.config.ignores) {
      if (ig.used || !ig.saw_file) continue;
      if (auto f = MakeFinding("unused-suppression",
                               "this [[ignore]] entry matched no finding; remove it if what it suppressed is gone",
                               ig.line, ig.column, s_.base)) {
        config_report.result.findings.push_back(std::move(*f));
      }
    }
    if (!config_report.result.findings.empty()) Emit(config_report, nullptr, std::nullopt);
  }

  bool failed() const { return failed_; }

 private:
  const CheckArgs& args_;
  Settings& s_;
  const Inputs& all_;
  ReportWriter& writer_;
  const Severity threshold_;
  TokenLedger ledger_;
  bool failed_ = false;
};

}  // namespace

int RunCheck(const CheckArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  if (args.statistics && args.format != "text") {
    Diagnose("--statistics counts findings in the text report; it cannot be used with --format " + args.format);
    return kToolError;
  }
  Settings s;
  if (!LoadSettings(args, &s)) return kToolError;
  const std::unique_ptr<Checker> checker = LoadChecker(s.checker_config);
  if (checker == nullptr) return kToolError;
  ReportOutput output;
  if (!output.Open(args, ReadAlready(s))) return kToolError;
  const std::unique_ptr<ReportWriter> writer = MakeWriter(args, &output);

  // Workers started early, while the files are listed, load the schemas of
  // the actions the files may hold; later, they load them on first use.
  const Action prepared = s.config.actions.empty() ? s.base.action : Action::Unknown;
  WorkerPool pool(MaxJobs(args), [&checker, prepared] { checker->Prepare(prepared); });
  const Inputs all = Expand(args, s.config, output.file(), [&pool] { pool.StartEarly(); });
  output.Truncate();
  const FileChecks files(s, *checker, all);
  ReportSteps steps(args, &s, all, writer.get());
  pool.Run(
      all.files.size(), [&files](size_t i) { return files.Check(i); },
      [&writer](const FileReport& report) { return writer->Render(report); },
      [&steps, &all](size_t i, FileReport& report, const std::optional<std::string>& rendered) {
        steps.Emit(report, &all.files[i], rendered);
      });
  steps.EmitUnusedSuppressions();
  writer->Finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (!output.Close()) return kToolError;
  if (s.recorder != nullptr) {
    // The findings recorded are accepted: the run that records them passes.
    std::string error;
    if (!s.recorder->Write(&error)) {
      Diagnose(error);
      return kToolError;
    }
    return kClean;
  }
  return steps.failed() ? kFindings : kClean;
}

}  // namespace tairlint::cli
