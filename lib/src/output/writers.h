// What the report writers (json_writer.cpp, text_writer.cpp,
// sarif_writer.cpp, github_writer.cpp) share: JSON text as nlohmann's
// pretty dump writes it, a streamed JSON array, the counts of a summary, and
// each writer's constructor for ReportWriter::Create (report_writer.cpp).
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tairlint/tairlint.h"

namespace tairlint::output {

// JSON text, byte for byte as nlohmann's dump(2, ' ', false, replace)
// writes it (json_writer.cpp). AppendQuoted: `s` is valid UTF-8.
void AppendQuoted(std::string_view s, std::string* out);
void AppendString(const std::string& s, std::string* out);
void AppendJson(const nlohmann::ordered_json& j, size_t depth, std::string* out);

// Streaming a pretty-printed JSON document: the document is dumped once
// with a placeholder where the streamed array goes; the text before it is
// written first, each element is dumped on its own and indented to the
// placeholder's depth, and the text after it closes the document. The bytes
// are those of dumping the whole document at once.
class StreamedArray {
 public:
  static constexpr const char* kPlaceholder = "\u0001tairlint-streamed-array\u0001";
  // `doc` holds the placeholder string where the array goes.
  explicit StreamedArray(const nlohmann::ordered_json& doc) { Split(doc, &head_, nullptr); }
  const std::string& head() const { return head_; }
  // One element, with the separator before it.
  std::string Element(const nlohmann::ordered_json& value) { return ElementText(Dump(value)); }
  // The same for an element already dumped (with an indent of 2).
  std::string ElementText(const std::string& text) { return std::string(Separator()) + Indented(text); }
  // The text before the next element.
  std::string_view Separator() { return count_++ == 0 ? "[\n" : ",\n"; }
  // An element dumped with an indent of 2, indented to the array's depth:
  // what follows Separator(). Const: any thread may indent ahead of time.
  std::string Indented(std::string_view text) const {
    std::string out;
    out.reserve(text.size() + indent_.size() * (1 + static_cast<size_t>(std::count(text.begin(), text.end(), '\n'))));
    out += indent_;
    for (size_t at = 0; at < text.size();) {
      const size_t nl = text.find('\n', at);
      if (nl == std::string_view::npos) {
        out.append(text, at);
        break;
      }
      out.append(text, at, nl + 1 - at);
      out += indent_;
      at = nl + 1;
    }
    return out;
  }
  // The closing bracket and the rest of `doc` (dumped again: it may hold
  // totals known only now).
  std::string Tail(const nlohmann::ordered_json& doc) const {
    std::string tail;
    Split(doc, nullptr, &tail);
    return (count_ == 0 ? "[]" : "\n" + indent_.substr(2) + "]") + tail;
  }

  // As j.dump(2, ' ', false, replace): values are valid UTF-8 by
  // construction; `replace` keeps a report whole even if one were not.
  static std::string Dump(const nlohmann::ordered_json& j) {
    std::string out;
    AppendJson(j, 0, &out);
    return out;
  }

 private:
  void Split(const nlohmann::ordered_json& doc, std::string* head, std::string* tail) const {
    std::string text = Dump(doc) + "\n";
    const std::string mark = "\"\\u0001tairlint-streamed-array\\u0001\"";
    size_t at = text.find(mark);
    if (head != nullptr) {
      *head = text.substr(0, at);
      size_t line = text.rfind('\n', at);
      size_t spaces = 0;
      while (line + 1 + spaces < at && text[line + 1 + spaces] == ' ') ++spaces;
      const_cast<StreamedArray*>(this)->indent_ = std::string(spaces + 2, ' ');
    }
    if (tail != nullptr) *tail = text.substr(at + mark.size());
  }

  std::string head_;
  std::string indent_;
  size_t count_ = 0;
};

struct Counts {
  size_t files = 0, errors = 0, warnings = 0, infos = 0;
  size_t skipped = 0;    // files that are not requests (Result::skipped), not counted in `files`
  size_t baselined = 0;  // findings a baseline records (FileReport::baselined), not shown
  void Add(const FileReport& file) {
    if (file.result.skipped) {
      ++skipped;
      return;
    }
    ++files;
    baselined += file.baselined.size();
    for (const Finding& f : file.result.findings) {
      switch (f.severity) {
        case Severity::Error: ++errors; break;
        case Severity::Warning: ++warnings; break;
        case Severity::Info: ++infos; break;
      }
    }
  }
};

// A path as code scanning and annotations match it against the repository:
// without a leading "./" (and, on Windows, with forward slashes).
std::string RepoPath(const std::string& path);

// A finding's message where one line must stand alone (SARIF, GitHub
// annotations): the cause first, as a sentence, then the service's answer:
// "Period must be one of 1-9, 12, 24, 36, 60; got 10. InvalidInstances.Malformed:
// The Specified parameter "Instances" is not valid."
std::string CauseFirst(const Finding& f);

std::unique_ptr<ReportWriter> MakeJsonWriter(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> MakeTextWriter(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> MakeSarifWriter(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> MakeGithubWriter(ReportWriter::Sink sink);

}  // namespace tairlint::output
