// The text report: `path:line:col: severity CODE cause [rule]`, the source
// line with the range underlined (when the finding carries it), the
// service's message on request.
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "document/document.h"
#include "output/writers.h"
#include "tairlint/tairlint.h"

namespace tairlint {

namespace output {
namespace {

const char* const kReset = "\x1b[0m";
const char* const kBold = "\x1b[1m";
const char* const kDim = "\x1b[2m";

const char* SeverityColor(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[31m";    // red
    case Severity::Warning: return "\x1b[33m";  // yellow
    case Severity::Info: return "\x1b[36m";     // cyan
  }
  return "";
}

std::string Counted(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}


// The finding's line under it, as compilers show it:
//     |
//  11 |       "Period": 10,
//     |                 ^^
template <typename Paint>
std::string SourceLines(const Finding& f, const Paint& paint) {
  const std::string number = std::to_string(f.line);
  const std::string gutter(number.size() + 2, ' ');
  std::string out = gutter + paint(kDim, "|") + "\n";
  out += " " + paint(kDim, number + " |") + " " + Printable(f.source.text) + "\n";  // printable already, unless made by hand
  out += gutter + paint(kDim, "|") + " " + std::string(static_cast<size_t>(std::max(0, f.source.underline_begin)), ' ');
  out += paint(SeverityColor(f.severity),
               std::string(static_cast<size_t>(std::max(1, f.source.underline_end - f.source.underline_begin)), '^'));
  return out + "\n";
}

class TextWriter : public ReportWriter {
 public:
  TextWriter(const ReportOptions& options, Sink sink) : options_(options), sink_(std::move(sink)) {}
  void Add(const FileReport& file) override { AddRendered(file, *Render(file)); }
  void AddRendered(const FileReport& file, const std::string& rendered) override {
    counts_.Add(file);
    if (options_.statistics) {
      for (const Finding& f : file.result.findings) ++tally_[{f.rule, f.code}];
    }
    if (!rendered.empty()) sink_(rendered);
  }
  std::optional<std::string> Render(const FileReport& file) const override {
    if (file.result.findings.empty() || options_.statistics) return std::string();
    const bool color = options_.color;
    auto paint = [color](const char* style, const std::string& text) {
      return color ? std::string(style) + text + kReset : text;
    };
    std::string out;
    const std::string path = Printable(file.path);
    for (const Finding& f : file.result.findings) {
      const std::string& cause = f.detail.empty() ? f.message : f.detail;
      out += paint(kBold, path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column)) + ": ";
      out += paint(SeverityColor(f.severity), SeverityName(f.severity)) + " ";
      if (!f.code.empty()) out += paint(kBold, Printable(f.code)) + " ";
      out += Printable(cause) + " " + paint(kDim, "[" + Printable(f.rule) + "]") + "\n";
      if (!f.source.text.empty()) out += SourceLines(f, paint);
      if (options_.service_message && !f.message.empty() && f.message != cause) {
        out += "    " + paint(kDim, "the service answers: ") + Printable(f.message) + "\n";
      }
    }
    return out;
  }
  void Finish(double seconds_now) override {
    if (options_.statistics) sink_(Statistics());
    if (!options_.summary) return;
    double s = seconds_now >= 0 ? seconds_now : options_.seconds;
    char seconds[64];
    std::snprintf(seconds, sizeof seconds, "%.2f", s < 0 ? 0.0 : s);
    // What was left out follows, only when something was.
    std::string left_out;
    if (counts_.skipped > 0) {
      left_out += "; " + Counted(counts_.skipped, "file that is not a request", "files that are not requests") +
                  " skipped";
    }
    if (counts_.baselined > 0) {
      left_out += "; " + Counted(counts_.baselined, "finding", "findings") + " in the baseline not shown";
    }
    sink_(Counted(counts_.files, "file", "files") + " checked: " + Counted(counts_.errors, "error", "errors") + ", " +
          Counted(counts_.warnings, "warning", "warnings") + ", " + Counted(counts_.infos, "info", "infos") + " in " +
          seconds + " s" + left_out + "\n");
  }

 private:
  // `count  rule  code` lines, most findings first, then by rule and code.
  std::string Statistics() const {
    std::vector<std::pair<size_t, std::pair<std::string, std::string>>> rows;
    size_t rule_width = 0;
    for (const auto& [key, n] : tally_) {
      rows.push_back({n, key});
      rule_width = std::max(rule_width, key.first.size());
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string out;
    for (const auto& [n, key] : rows) {
      char count[32];
      std::snprintf(count, sizeof count, "%6zu  ", n);
      std::string rule = Printable(key.first);
      rule.resize(std::max(rule.size(), rule_width), ' ');
      std::string line = count + rule + "  " + Printable(key.second);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    return out;
  }

  ReportOptions options_;
  Sink sink_;
  Counts counts_;
  std::map<std::pair<std::string, std::string>, size_t> tally_;  // (rule, code) -> findings
};

}  // namespace

std::unique_ptr<ReportWriter> MakeTextWriter(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<TextWriter>(options, std::move(sink));
}

}  // namespace output
}  // namespace tairlint
