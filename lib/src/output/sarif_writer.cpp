// The SARIF 2.1.0 report, for code scanning.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "document/document.h"
#include "output/writers.h"
#include "tairlint/tairlint.h"

namespace tairlint::output {
namespace {

using ojson = nlohmann::ordered_json;

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

// A file path as a URI reference (RFC 3986): "-" is standard input, a
// relative path stays relative (without a leading "./"), an absolute path
// becomes a file:// URI. Bytes outside the unreserved and sub-delims sets
// (and ':', which would read as a scheme in a relative reference) are
// percent-encoded, UTF-8 byte by byte.
std::string PathUri(const std::string& path) {
  if (path == "-") return "stdin";
  const std::string p = RepoPath(path);
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  const bool absolute = !p.empty() && p[0] == '/';
  if (absolute) out = "file://";
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

ojson RuleJson(const RuleInfo& rule) {
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
// The message of a finding: "CODE: message — detail".
std::string ResultMessage(const Finding& f) {
  std::string text = f.code.empty() ? "" : f.code + ": ";
  if (!f.message.empty()) {
    text += f.message;
    if (!f.detail.empty() && f.detail != f.message) text += " \xE2\x80\x94 " + f.detail;
  } else {
    text += f.detail.empty() ? f.rule : f.detail;
  }
  return text;
}


// The run's results are streamed; its tool (with every rule, including any
// a finding named that the catalog does not list) follows them, written at
// the end. Key order means nothing to SARIF readers.
class SarifWriter : public ReportWriter {
 public:
  explicit SarifWriter(Sink sink) : sink_(std::move(sink)) {
    for (const RuleInfo& rule : Rules()) {
      if (rule_index_.count(rule.id)) continue;
      rule_index_[rule.id] = rules_.size();
      rules_.push_back(RuleJson(rule));
    }
    results_ = std::make_unique<StreamedArray>(Doc());
    sink_(results_->head());
  }
  void Add(const FileReport& file) override {
    if (file.result.findings.empty()) return;
    const std::string uri = PathUri(file.path);
    std::string out;
    for (const Finding& f : file.result.findings) {
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
        rules_.push_back(RuleJson(info));
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
      location["physicalLocation"] = {{"artifactLocation", {{"uri", uri}}}, {"region", std::move(region)}};

      // Occurrences are counted per key, so memory grows with findings,
      // not with files.
      std::string key = uri + '\0' + f.rule + '\0' + f.pointer;
      int occurrence = ++occurrences_[key];

      ojson r;
      r["ruleId"] = f.rule;
      r["ruleIndex"] = it->second;
      r["level"] = SarifLevel(f.severity);
      r["message"] = {{"text", ResultMessage(f)}};
      r["locations"] = ojson::array({std::move(location)});
      r["partialFingerprints"] = {{"tairlint/v1", Hex64(detail::Fnv1a(key)) + ":" + std::to_string(occurrence)}};
      ojson props = ojson::object();
      if (!f.code.empty()) props["code"] = f.code;
      if (f.http_status != 0) props["http_status"] = f.http_status;
      if (!f.pointer.empty()) props["pointer"] = f.pointer;
      if (!f.parameter.empty()) props["parameter"] = f.parameter;
      if (!props.empty()) r["properties"] = std::move(props);
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
    // No informationUri: tairlint has no public home yet, and the field is optional.
    driver["rules"] = rules_;
    ojson run;
    run["results"] = StreamedArray::kPlaceholder;
    run["columnKind"] = "unicodeCodePoints";
    run["tool"] = {{"driver", std::move(driver)}};
    ojson out;
    out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    out["version"] = "2.1.0";
    out["runs"] = ojson::array({std::move(run)});
    return out;
  }

  Sink sink_;
  ojson rules_ = ojson::array();
  std::map<std::string, size_t> rule_index_;
  std::map<std::string, int> occurrences_;  // fingerprint key -> times seen
  std::unique_ptr<StreamedArray> results_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeSarifWriter(ReportWriter::Sink sink) {
  return std::make_unique<SarifWriter>(std::move(sink));
}

}  // namespace tairlint::output
