// GitHub Actions workflow commands: one annotation per finding.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "output/writers.h"
#include "tairlint/tairlint.h"

namespace tairlint::output {
namespace {

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
// A message (data) escapes %, CR and LF; a property also : and , .
std::string Escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string EscapeData(std::string_view s) { return Escape(s, false); }
std::string EscapeProperty(std::string_view s) { return Escape(s, true); }

const char* GithubCommand(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "notice";
}


class GithubWriter : public ReportWriter {
 public:
  explicit GithubWriter(Sink sink) : sink_(std::move(sink)) {}
  void Add(const FileReport& file) override { AddRendered(file, *Render(file)); }
  void AddRendered(const FileReport&, const std::string& rendered) override {
    if (!rendered.empty()) sink_(rendered);
  }
  std::optional<std::string> Render(const FileReport& file) const override {
    // Every text goes through Printable first (so no control character,
    // C1 or raw, reaches the log; no line break survives), then through the
    // workflow commands' own escapes: one line per finding, whose
    // properties hold no ':' or ',', so no value can start a command or end
    // the properties early.
    std::string out;
    const std::string path = EscapeProperty(Printable(file.path == "-" ? "stdin" : RepoPath(file.path)));
    for (const Finding& f : file.result.findings) {
      out += "::";
      out += GithubCommand(f.severity);
      out += " file=" + path;
      // Line 0 (no position): a file-level annotation.
      if (f.line >= 1) {
        out += ",line=" + std::to_string(f.line);
        if (f.column >= 1) out += ",col=" + std::to_string(f.column);
        // The end as the finding has it (exclusive); GitHub takes columns
        // only within one line, so a range over lines gives its end line.
        const int end_line = std::max(f.end_line, f.line);
        out += ",endLine=" + std::to_string(end_line);
        if (end_line == f.line && f.column >= 1) {
          out += ",endColumn=" + std::to_string(std::max(f.end_column, f.column));
        }
      }
      out += ",title=" + EscapeProperty(Printable(f.code.empty() ? f.rule : f.code));
      std::string message = CauseFirst(f);
      out += "::" + EscapeData(Printable(message)) + "\n";
    }
    return out;
  }
  void Finish(double) override {}

 private:
  Sink sink_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeGithubWriter(ReportWriter::Sink sink) {
  return std::make_unique<GithubWriter>(std::move(sink));
}

}  // namespace tairlint::output
