// tairlint: offline checks for Alibaba Cloud Tair (R-kvstore, API 2015-01-01)
// request payloads of the actions CreateInstances and CreateTairKVCacheVNode.
//
// A Checker answers, before a request is sent, with the error codes the
// service would answer (InvalidPassword.Malformed, MissingParameter, ...),
// each with the line and column of the offending value.
//
// Quick start:
//
//   #include <tairlint/tairlint.h>
//
//   tairlint::Checker checker;            // parses the schemas once
//   if (!checker.ok()) { /* checker.error() says why */ }
//
//   tairlint::Result r = checker.Check(R"({"Action": "CreateInstances", ...})");
//   for (const tairlint::Finding& f : r.findings)
//     printf("%d:%d %s %s\n", f.line, f.column, f.code.c_str(), f.detail.c_str());
//   if (r.errors() == 0) { /* the service would accept the parameters */ }
//
// Threads: a Checker is immutable once constructed. Any number of threads may
// call Check() on one Checker at the same time. TokenLedger is internally
// synchronised too.
//
// Errors: nothing here throws for bad input. Input that cannot be read or
// parsed is reported as a finding (rule "parse-error", "not-a-request",
// "unknown-action"). A Checker whose own configuration is broken (a bad
// catalog file) reports ok() == false and error(); Check() on it returns a
// single finding of rule "checker-error".
//
// Secrets: no Password, AccessKeyId, Signature, SecurityToken or BearerToken
// value, nor any part of one, is ever copied into a Finding, nor is any text
// that a YAML alias shares with one (such a key or value shows as "(secret)").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace tairlint {

// The version of the library and tool, e.g. "0.1.0".
const char* Version();

enum class Severity { Info = 0, Warning = 1, Error = 2 };
// "info", "warning", "error".
const char* SeverityName(Severity s);
// Parses "info", "warning", "error"; false for anything else.
bool ParseSeverity(std::string_view name, Severity* out);

enum class Action { Unknown, CreateInstances, CreateTairKVCacheVNode };
// "CreateInstances", "CreateTairKVCacheVNode", or "" for Unknown.
const char* ActionName(Action a);
// Parses an action name; Action::Unknown for anything else.
Action ParseAction(std::string_view name);

enum class InputFormat { Auto, Json, Yaml, Query };
// "auto", "json", "yaml", "query".
const char* InputFormatName(InputFormat f);
// Parses a format name; false for anything else.
bool ParseInputFormat(std::string_view name, InputFormat* out);

// "Did you mean": the name in `names` nearest to `typed`, case ignored, by
// edits (a letter added, dropped or changed, two swapped): at most 1 for a
// name of up to 4 characters, else 2; the first of equally near ones. "" when none
// is that near. The unknown-parameter rule and the command line's messages
// (subcommands, options, rule ids, codes, values) all ask this.
std::string NearestName(std::string_view typed, const std::vector<std::string>& names);

// One thing wrong (or worth knowing) about a request.
// A finding's line of the request, as a report shows it under the finding
// (CheckOptions::source_lines): the line clipped to about 120 terminal cells
// around the range ("…" where cut), control characters escaped, and no
// secret: every value on it but the offending one reads "***", and that one
// too when it is a secret's; a YAML comment is cut off.
struct SourceLine {
  std::string text;         // empty: not asked for, or no line to show
  int underline_begin = 0;  // the offending range in `text`, in terminal cells
  int underline_end = 0;    // (0-based, end exclusive; at least one cell)
};

struct Finding {
  std::string rule;         // stable id of the check, e.g. "password-format"
  Severity severity = Severity::Error;
  std::string code;         // the service's error code; may be empty for warnings/infos
  int http_status = 0;      // the service's HTTP status for `code`; 0 when no code
  std::string message;      // for errors: the service's message for this action
  std::string detail;       // the exact reason, in plain words
  std::string pointer;      // JSON Pointer into the request document, e.g. "/Instances/0/Period"
  std::string parameter;    // the parameter's wire name, e.g. "Instances", "Tag.3.Key"
  int line = 0;             // 1-based line of the offending value, key or object
  int column = 0;           // 1-based column, in Unicode code points
  // Where the offending value, key or object ends: the 1-based line and
  // column of the position just past its last character (exclusive, as
  // SARIF and LSP count; columns in code points). Equal to line and column
  // when the finding has no extent; 0 when line is 0.
  int end_line = 0;
  int end_column = 0;
  SourceLine source;  // filled when CheckOptions::source_lines asks for it
  // A hash (FNV-1a, 64 bits) of the offending value's wire text, for
  // baselines that tell a finding from one about another value at the same
  // place. 0 when the finding is not about one scalar value, or when that
  // value is a secret's (x-secret): a secret is never hashed.
  uint64_t value_hash = 0;
};

// The deepest nesting a check ever parses: a Limits::max_depth above it
// (up to 4294967295) counts as this. The parsers, the checks and the
// document tree's destruction are proven at this depth on an 8 MB stack
// (the default of a thread; the CLI's workers have it), sanitizers on or
// off; a request nested deeper is a parse-error finding.
inline constexpr uint32_t kMaxDepthLimit = 1000;

// Limits applied to every input. Exceeding one is a finding, never a crash.
struct Limits {
  uint64_t max_bytes = 16u << 20;       // size of one input
  uint32_t max_depth = 64;              // nesting of arrays and objects (at most kMaxDepthLimit)
  uint64_t max_string_bytes = 1u << 20; // one string value
  uint32_t max_instances = 1000;        // elements of Instances
  uint32_t max_query_params = 10000;    // parameters of one query string
  uint64_t max_nodes = 1u << 18;        // values in one document (YAML: after alias expansion)
  uint32_t max_yaml_documents = 16;     // YAML documents in one file
  // Findings listed for one input: the first by position; the others are
  // counted in one finding of rule "finding-limit" (as severe as the worst
  // of them). Every finding quotes at most an excerpt of any key or value
  // (64 characters, then an ellipsis and the full length in bytes).
  uint32_t max_findings = 10000;
};

// Per-call options.
struct CheckOptions {
  // The action to check against. Unknown: take it from the document's
  // "Action" parameter, else infer it from the parameters.
  Action action = Action::Unknown;
  // The input form. Auto: detect it from the content.
  InputFormat format = InputFormat::Auto;
  Limits limits;
  // Severity overrides by rule id; std::nullopt turns a rule off.
  std::map<std::string, std::optional<Severity>> severity;
  // Fill each finding's `source` (for a report that shows the lines). Not
  // for parse and read errors, whose text may not be a request's.
  bool source_lines = false;
  // Only judge requests: a document that names no Action and holds no
  // parameter of either action (common ones like Version aside; at its top
  // level, or in an object of a top-level array) is not checked: Result says
  // `skipped`. For files a directory search found (package.json, editor
  // settings); a file that fails to parse is still reported.
  bool skip_non_requests = false;
};

// What Check() found.
struct Result {
  Action action = Action::Unknown;
  InputFormat format = InputFormat::Auto;  // the detected or forced form
  std::vector<Finding> findings;           // sorted by line, then column
  // Not a request, so not checked (CheckOptions::skip_non_requests); no findings.
  bool skipped = false;

  // For TokenLedger: the idempotency token (Token or ClientToken) when the
  // request carries a well-formed one, and a fingerprint of the request's
  // wire parameters (a hash: it holds no secret).
  std::string token;
  uint64_t fingerprint = 0;
  int token_line = 0, token_column = 0;
  // Just past the token's value (as Finding::end_line/end_column); 0 when
  // not known, and then the token's finding ends where it starts.
  int token_end_line = 0, token_end_column = 0;
  std::string token_parameter;

  size_t count(Severity s) const;
  size_t errors() const { return count(Severity::Error); }
  size_t warnings() const { return count(Severity::Warning); }
};

// A finding of `rule` that a front end makes itself (a file it cannot read,
// an unused suppression), as a check makes its own: the rule's severity
// from the rule catalog unless `options` override it, the message of its
// code, else the detail. std::nullopt when the options turn the rule off.
std::optional<Finding> MakeFinding(std::string_view rule, std::string detail, int line, int column,
                                   const CheckOptions& options = {});

// Extra data a Checker loads besides the built-in catalogs.
struct CheckerConfig {
  // Catalog files (JSON) adding known capacities, instance classes and
  // regions, in the format of schemas/catalogs/*.json:
  //   {"capacities": [1024, ...], "instance_classes": ["redis...."],
  //    "regions": ["cn-hangzhou", ...]}
  // Every key is optional. Each must be a regular file of at most 4 MiB,
  // nested at most 16 levels deep (checked before it is parsed); any other
  // makes ok() false, error() naming the file (and line:column).
  std::vector<std::string> catalog_files;
};

class CheckerImpl;

// Checks requests. Construct once (it parses the schemas and catalogs), then
// call Check() from any number of threads.
//
// Memory: each thread that has checked keeps up to 1 MB for its next
// checks (a usual request needs about 30 KB), freed when the thread ends.
class Checker {
 public:
  Checker();
  explicit Checker(const CheckerConfig& config);
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  // False when the configuration could not be loaded; error() says why.
  bool ok() const;
  const std::string& error() const;

  // Checks one request given as text (JSON, YAML or query string).
  Result Check(std::string_view text, const CheckOptions& options = {}) const;
  // Checks one request already parsed as JSON (a separate name, since a
  // std::string converts to both). Findings carry no positions (line and
  // column are 0).
  Result CheckJson(const nlohmann::json& request, const CheckOptions& options = {}) const;

  // Loads an action's schemas for the calling thread now (Action::Unknown:
  // both actions'), so that its first check does not wait for them (about a
  // millisecond). Optional; never throws: a model that fails to load makes
  // the checks report it.
  void Prepare(Action action = Action::Unknown) const;

  // The self-contained JSON Schema (draft 7) of an action's request
  // document, descriptions included, as editors use it: pretty-printed JSON
  // ending in a newline. Empty for Action::Unknown.
  std::string RequestSchema(Action action) const;
  // The same for a request of either action: the action's schema is chosen
  // by the document's Action, or without one as the checks infer it.
  std::string RequestSchema() const;

 private:
  std::unique_ptr<CheckerImpl> impl_;
};

// Detects IdempotentParameterMismatch across the requests of one run: two
// requests with the same token that are not the same request. Feed it the
// results in the order the requests were given; the later of two clashing
// requests gets an error finding naming the earlier one.
class TokenLedger {
 public:
  TokenLedger();
  ~TokenLedger();
  TokenLedger(const TokenLedger&) = delete;
  TokenLedger& operator=(const TokenLedger&) = delete;
  // Records `result` under the name `source` (a file path, say) and appends
  // a finding to it if it clashes with an earlier request. Thread-safe, but
  // call it in a deterministic order to get deterministic output.
  // `options` supplies the severity of rule idempotent-token.
  void Record(std::string_view source, Result* result, const CheckOptions& options = {});
  // Makes room for `requests` more records: a hint for a run that knows its
  // number of files up front (Record works without it).
  void Reserve(size_t requests);

 private:
  struct Table;
  std::unique_ptr<Table> table_;
};

// ---- The rule and code catalogs (from schemas/rules.json, schemas/codes.json)

struct RuleInfo {
  std::string id;
  Severity severity = Severity::Error;
  std::vector<std::string> codes;  // error codes the rule can yield
  std::vector<std::string> actions;
  std::string summary;      // one line
  std::string explanation;  // a paragraph
  std::string source;       // where the rule comes from (page and section)
  std::string example;      // a request that draws it
};

struct CodeInfo {
  std::string code;
  int http_status = 400;
  std::map<std::string, std::string> messages;  // action name -> message
  std::string meaning;
  bool offline = false;  // whether tairlint can tell it before the request is sent
  std::vector<std::string> actions;  // the pages that list it
};

// Every rule and every code, in catalog order.
const std::vector<RuleInfo>& Rules();
const std::vector<CodeInfo>& Codes();
const RuleInfo* FindRule(std::string_view id);
const CodeInfo* FindCode(std::string_view code);

// ---- Reports

struct FileReport {
  std::string path;
  Result result;
  // Findings a baseline already records (the CLI's --baseline): counted in
  // the summaries, listed only by SARIF (baselineState "unchanged").
  std::vector<Finding> baselined;
};

struct ReportOptions {
  bool color = false;    // text: ANSI colours (the CLI decides: a terminal, NO_COLOR, --color)
  bool summary = true;   // text: end with a one-line summary
  double seconds = 0;    // text: the time the run took, for the summary
  bool service_message = false;  // text: the service's message under each finding's cause
  // SARIF: the folder that artifact URIs are relative to (%SRCROOT%, an
  // absolute path; empty: the paths as given), and where each rule's page
  // is (`<help_uri_base><rule id>.md`; empty: no helpUri).
  std::string source_root;
  std::string help_uri_base;
  // The run was compared with a baseline: SARIF results carry their
  // baselineState ("new" or "unchanged"), the JSON summary `baselined`.
  bool baseline = false;
  // text: instead of each finding, one line per rule and code with the
  // number of findings, most first, before the summary.
  bool statistics = false;
};

// Writes a report one file at a time, so that a run over any number of files
// holds one file's findings at a time: the CLI streams through it. Each
// Format* function below is this writer over a whole vector, so both give
// the same bytes.
//
//   auto w = ReportWriter::Create("json", {}, [](std::string_view s) { fwrite(...); });
//   for (...) w->Add(report);
//   w->Finish();
//
// Not thread-safe: one thread adds, in the order the report should show.
class ReportWriter {
 public:
  using Sink = std::function<void(std::string_view text)>;
  // `format` is "text", "json", "sarif" or "github"; nullptr for any other.
  static std::unique_ptr<ReportWriter> Create(std::string_view format, const ReportOptions& options, Sink sink);
  virtual ~ReportWriter() = default;
  virtual void Add(const FileReport& file) = 0;
  // The text Add would write for this file, rendered ahead of time by any
  // thread (const and thread-safe), or std::nullopt when a format's entries
  // depend on the files before them (SARIF). Pass it to AddRendered with the
  // same report, in order: checking threads can render while one thread
  // writes.
  virtual std::optional<std::string> Render(const FileReport& file) const;
  virtual void AddRendered(const FileReport& file, const std::string& rendered);
  // Ends the report (closing brackets, the text summary). `seconds` >= 0
  // replaces options.seconds in the text summary. Call once, last.
  virtual void Finish(double seconds = -1) = 0;
};

// The JSON report of contract section 4, as text (pretty-printed, ending in
// a newline); each finding's end_line and end_column follow its column.
std::string FormatJson(const std::vector<FileReport>& files);
// The text report: `path:line:col: severity CODE cause [rule]` (the cause is
// the finding's detail), the source line with the range underlined when the
// finding has one, the service's message when asked, one finding after
// another, then (optionally) a summary line: files, errors, warnings, time.
std::string FormatText(const std::vector<FileReport>& files, const ReportOptions& options = {});
// SARIF 2.1.0, as GitHub code scanning reads it: one run, the tool's rules
// (short and full descriptions, help, helpUri), one result per finding with
// its level, message (the cause first), artifact URI (relative to
// options.source_root under %SRCROOT% when the file is below it, else the
// path as given) and region (start and, for a finding with a line, end).
std::string FormatSarif(const std::vector<FileReport>& files, const ReportOptions& options = {});
// GitHub Actions workflow commands:
// `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=CODE::message`
// (endColumn only when the finding ends on its own line).
std::string FormatGithub(const std::vector<FileReport>& files);

// Text from a request or a configuration (a key, a file name, a value) made
// safe for a terminal, stderr or a GitHub annotation: C0 and C1 control
// characters and DEL become visible escapes (\n, \t, \x1b, \u009b), so no
// such text can move the cursor, start a new line or forge a workflow
// command. Bytes that are not valid UTF-8 become \xNN too (a raw 0x9b is a
// CSI to a Latin-1 terminal), and U+2028/U+2029 \u2028/\u2029; other UTF-8
// passes unchanged. Backslashes are not escaped, so Printable of its own
// output changes nothing. Every front end prints outside text through this
// one function.
std::string Printable(std::string_view text);

}  // namespace tairlint
