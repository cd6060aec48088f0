// The SARIF 2.1.0 report, for code scanning.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <filesystem>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "document/document.h"
#include "output/writers.h"
#include "tairlint/tairlint.h"

namespace tairlint::output {
namespace {

using ojson = nlohmann::ordered_json;
namespace fs = std::filesystem;

const char* SarifLevel(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "none";
}

// GitHub code scanning's `problem.severity`.
const char* ProblemSeverity(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "recommendation";
  }
  return "recommendation";
}

// "password-format" -> "PasswordFormat".
std::string CamelCase(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_' || c == '.' || c == ' ') {
      upper = true;
    } else if (upper) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      upper = false;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Bytes of a path as a URI reference (RFC 3986) keeps them: those outside
// the unreserved and sub-delims sets (and ':', which would read as a scheme
// in a relative reference) are percent-encoded, UTF-8 byte by byte.
std::string PercentEncoded(const std::string& p) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : p) {
    if (std::isalnum(c) || std::strchr("-._~/!$&'()*+,;=@", c) != nullptr) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// An artifact's location: "-" is standard input; a file below the source
// root is its path relative to the root under %SRCROOT%; any other is its
// path as given, normalised (relative, without "./" or "a/../"), or a
// file:// URI when absolute.
ojson ArtifactLocation(const std::string& path, const fs::path& root) {
  if (path == "-") return {{"uri", "stdin"}};
  const fs::path given = fs::path(RepoPath(path)).lexically_normal();
  if (!root.empty()) {
    std::error_code ec;
    const fs::path rel = fs::absolute(given, ec).lexically_normal().lexically_relative(root);
    if (!ec && !rel.empty() && *rel.begin() != "..") {
      return {{"uri", PercentEncoded(rel.generic_string())}, {"uriBaseId", "%SRCROOT%"}};
    }
  }
  const std::string p = given.generic_string();
  return {{"uri", (given.is_absolute() ? "file://" : "") + PercentEncoded(p)}};
}

std::string Hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// Backslash-escapes the characters that Markdown would read as markup.
std::string MarkdownText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::strchr("\\`*_[]<>#|", c) != nullptr && c != '\0') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool LooksLikeRequest(std::string_view example) {
  return !example.empty() && (example[0] == '{' || example[0] == '[' || example.rfind("Action=", 0) == 0);
}

std::string CodesLine(const RuleInfo& rule, bool markdown) {
  if (rule.codes.empty()) {
    return markdown ? "**Error codes:** none; this rule's findings carry no service error code."
                    : "Error codes: none; this rule's findings carry no service error code.";
  }
  std::string out = markdown ? "**Error codes:** " : "Error codes: ";
  for (size_t i = 0; i < rule.codes.size(); ++i) {
    if (i) out += ", ";
    out += markdown ? "`" + rule.codes[i] + "`" : rule.codes[i];
    if (const CodeInfo* code = FindCode(rule.codes[i])) out += " (HTTP " + std::to_string(code->http_status) + ")";
  }
  return out + ".";
}

ojson RuleJson(const RuleInfo& rule, const std::string& help_uri_base) {
  const std::string full = rule.explanation.empty() ? rule.summary : rule.explanation;
  std::string text = full;
  std::string markdown = MarkdownText(full);
  if (!rule.example.empty()) {
    text += "\n\nExample:\n" + rule.example;
    if (LooksLikeRequest(rule.example)) {
      // A fence longer than any run of backticks in the example.
      size_t run = 0, longest = 0;
      for (char c : rule.example) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
      }
      std::string fence(std::max<size_t>(3, longest + 1), '`');
      markdown += "\n\n**Example:**\n\n" + fence + "\n" + rule.example + "\n" + fence;
    } else {
      markdown += "\n\n**Example:** " + MarkdownText(rule.example);
    }
  }
  text += "\n\n" + CodesLine(rule, false);
  markdown += "\n\n" + CodesLine(rule, true);
  if (!rule.source.empty()) {
    text += "\nSource: " + rule.source;
    markdown += "\n\n**Source:** " + MarkdownText(rule.source);
  }

  ojson r;
  r["id"] = rule.id;
  r["name"] = CamelCase(rule.id);
  r["shortDescription"] = {{"text", rule.summary.empty() ? rule.id : rule.summary}};
  r["fullDescription"] = {{"text", full.empty() ? rule.id : full}};
  r["help"] = {{"text", text}, {"markdown", markdown}};
  if (!help_uri_base.empty()) r["helpUri"] = help_uri_base + PercentEncoded(rule.id) + ".md";
  r["defaultConfiguration"] = {{"level", SarifLevel(rule.severity)}};
  ojson tags = ojson::array();
  tags.push_back("tairlint");
  for (const std::string& action : rule.actions) {
    if (!action.empty() && action != "tairlint") tags.push_back(action);
  }
  ojson props;
  props["tags"] = std::move(tags);
  props["precision"] = "very-high";
  props["problem.severity"] = ProblemSeverity(rule.severity);
  if (!rule.codes.empty()) props["codes"] = rule.codes;
  r["properties"] = std::move(props);
  return r;
}
// The run's results are streamed; its tool (with every rule, including any
// a finding named that the catalog does not list) follows them, written at
// the end. Key order means nothing to SARIF readers.
class SarifWriter : public ReportWriter {
 public:
  SarifWriter(const ReportOptions& options, Sink sink) : options_(options), baseline_(options.baseline), sink_(std::move(sink)) {
    if (!options_.source_root.empty()) root_ = fs::path(options_.source_root).lexically_normal();
    for (const RuleInfo& rule : Rules()) {
      if (rule_index_.count(rule.id)) continue;
      rule_index_[rule.id] = rules_.size();
      rules_.push_back(RuleJson(rule, options_.help_uri_base));
    }
    results_ = std::make_unique<StreamedArray>(Doc());
    sink_(results_->head());
  }
  void Add(const FileReport& file) override {
    if (file.result.findings.empty() && file.baselined.empty()) return;
    const ojson artifact = ArtifactLocation(file.path, root_);
    const std::string uri = artifact["uri"].get<std::string>();
    std::string out;
    for (const auto& [finding, unchanged] : InBaselineOrder(file)) {
      const Finding& f = *finding;
      auto it = rule_index_.find(f.rule);
      if (it == rule_index_.end()) {
        // A rule the catalog does not list: describe it from the finding,
        // so that every result's ruleIndex points at its rule.
        RuleInfo info;
        info.id = f.rule;
        info.severity = f.severity;
        info.summary = f.message.empty() ? f.rule : f.message;
        if (!f.code.empty()) info.codes.push_back(f.code);
        it = rule_index_.emplace(f.rule, rules_.size()).first;
        rules_.push_back(RuleJson(info, options_.help_uri_base));
      }

      ojson region;
      if (f.line >= 1) {
        // The end is exclusive, as SARIF counts it; a finding without
        // extent (or with an end before its start) is an empty region.
        const int column = f.column >= 1 ? f.column : 1;
        const bool later_line = f.end_line > f.line;
        region["startLine"] = f.line;
        region["startColumn"] = column;
        region["endLine"] = later_line ? f.end_line : f.line;
        region["endColumn"] = later_line ? std::max(f.end_column, 1) : std::max(f.end_column, column);
      } else {
        region["startLine"] = 1;
        region["startColumn"] = 1;
      }
      ojson location;
      location["physicalLocation"] = {{"artifactLocation", artifact}, {"region", std::move(region)}};

      // Occurrences are counted per key, so memory grows with findings,
      // not with files.
      std::string key = uri + '\0' + f.rule + '\0' + f.pointer;
      int occurrence = ++occurrences_[key];

      ojson r;
      r["ruleId"] = f.rule;
      r["ruleIndex"] = it->second;
      r["level"] = SarifLevel(f.severity);
      r["message"] = {{"text", CauseFirst(f)}};
      r["locations"] = ojson::array({std::move(location)});
      r["partialFingerprints"] = {{"tairlint/v1", Hex64(detail::Fnv1a(key)) + ":" + std::to_string(occurrence)}};
      ojson props = ojson::object();
      if (!f.code.empty()) props["code"] = f.code;
      if (f.http_status != 0) props["http_status"] = f.http_status;
      if (!f.pointer.empty()) props["pointer"] = f.pointer;
      if (!f.parameter.empty()) props["parameter"] = f.parameter;
      if (!props.empty()) r["properties"] = std::move(props);
      if (baseline_) r["baselineState"] = unchanged ? "unchanged" : "new";
      out += results_->Element(r);
    }
    sink_(out);
  }
  void Finish(double) override { sink_(results_->Tail(Doc())); }

 private:
  ojson Doc() const {
    ojson driver;
    driver["name"] = "tairlint";
    driver["version"] = Version();
    driver["semanticVersion"] = Version();
    if (!options_.help_uri_base.empty()) driver["informationUri"] = options_.help_uri_base + "README.md";
    driver["rules"] = rules_;
    ojson run;
    if (!root_.empty()) {
      std::string root = root_.generic_string();
      if (root.back() != '/') root += '/';
      run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + PercentEncoded(root)}}}};
    }
    run["results"] = StreamedArray::kPlaceholder;
    run["columnKind"] = "unicodeCodePoints";
    run["tool"] = {{"driver", std::move(driver)}};
    ojson out;
    out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    out["version"] = "2.1.0";
    out["runs"] = ojson::array({std::move(run)});
    return out;
  }

  // A file's findings, new and baselined (`true`): in the order of their
  // positions when some are baselined, else as the report has them.
  static std::vector<std::pair<const Finding*, bool>> InBaselineOrder(const FileReport& file) {
    std::vector<std::pair<const Finding*, bool>> all;
    for (const Finding& f : file.result.findings) all.emplace_back(&f, false);
    if (file.baselined.empty()) return all;  // the report's own order
    for (const Finding& f : file.baselined) all.emplace_back(&f, true);
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.first->line != b.first->line ? a.first->line < b.first->line : a.first->column < b.first->column;
    });
    return all;
  }

  ReportOptions options_;
  bool baseline_;
  fs::path root_;  // normalised source_root; empty: none
  Sink sink_;
  ojson rules_ = ojson::array();
  std::map<std::string, size_t> rule_index_;
  std::map<std::string, int> occurrences_;  // fingerprint key -> times seen
  std::unique_ptr<StreamedArray> results_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeSarifWriter(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<SarifWriter>(options, std::move(sink));
}

}  // namespace tairlint::output
