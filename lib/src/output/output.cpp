// The reports: JSON and text (contract section 4), SARIF 2.1.0 and GitHub
// Actions workflow commands.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "document/document.h"
#include "tairlint/tairlint.h"

namespace tairlint {

namespace {

// JSON text, byte for byte as nlohmann's dump(2, ' ', false, replace)
// writes it. nlohmann's serializer reads the C locale through localeconv(),
// which writes one process-wide struct: two threads dumping at once ran no
// faster than one (1.04x), and every CLI worker renders reports. Strings of
// valid UTF-8, integers, booleans and null are written here; any other value
// (a float, a string that is not valid UTF-8) is dumped on its own, which
// gives the same bytes. output_test compares both ways on every shape.
void AppendQuoted(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\t': out->append("\\t"); break;
      case '\n': out->append("\\n"); break;
      case '\f': out->append("\\f"); break;
      case '\r': out->append("\\r"); break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out->append(buf);
      }
    }
  }
  out->append(s.data() + plain, s.size() - plain);
  out->push_back('"');
}

void AppendJson(const nlohmann::ordered_json& j, size_t depth, std::string* out);

void AppendString(const std::string& s, std::string* out) {
  if (detail::IsValidUtf8(s)) {
    AppendQuoted(s, out);
  } else {
    AppendJson(nlohmann::ordered_json(s), 0, out);
  }
}

void AppendJson(const nlohmann::ordered_json& j, size_t depth, std::string* out) {
  using V = nlohmann::ordered_json::value_t;
  switch (j.type()) {
    case V::object:
    case V::array: {
      const bool object = j.is_object();
      if (j.empty()) {
        out->append(object ? "{}" : "[]");
        return;
      }
      out->append(object ? "{\n" : "[\n");
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out->append(",\n");
        first = false;
        out->append(2 * (depth + 1), ' ');
        if (object) {
          AppendString(it.key(), out);
          out->append(": ");
        }
        AppendJson(*it, depth + 1, out);
      }
      out->push_back('\n');
      out->append(2 * depth, ' ');
      out->push_back(object ? '}' : ']');
      return;
    }
    case V::string: {
      const std::string& s = j.get_ref<const std::string&>();
      if (!detail::IsValidUtf8(s)) break;
      AppendQuoted(s, out);
      return;
    }
    case V::number_integer: out->append(std::to_string(j.get<int64_t>())); return;
    case V::number_unsigned: out->append(std::to_string(j.get<uint64_t>())); return;
    case V::boolean: out->append(j.get<bool>() ? "true" : "false"); return;
    case V::null: out->append("null"); return;
    default: break;
  }
  out->append(j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

nlohmann::ordered_json FindingJson(const Finding& f) {
  nlohmann::ordered_json j;
  j["rule"] = f.rule;
  j["severity"] = SeverityName(f.severity);
  if (!f.code.empty()) {
    j["code"] = f.code;
    j["http_status"] = f.http_status;
  }
  j["message"] = f.message;
  j["detail"] = f.detail;
  j["pointer"] = f.pointer;
  j["parameter"] = f.parameter;
  j["line"] = f.line;
  j["column"] = f.column;
  return j;
}

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

 private:
  friend class JsonWriter;
  // As j.dump(2, ' ', false, replace): values are valid UTF-8 by
  // construction; `replace` keeps a report whole even if one were not.
  static std::string Dump(const nlohmann::ordered_json& j) {
    std::string out;
    AppendJson(j, 0, &out);
    return out;
  }
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
  void Add(const FileReport& file) {
    ++files;
    for (const Finding& f : file.result.findings) {
      switch (f.severity) {
        case Severity::Error: ++errors; break;
        case Severity::Warning: ++warnings; break;
        case Severity::Info: ++infos; break;
      }
    }
  }
};

class JsonWriter : public ReportWriter {
 public:
  explicit JsonWriter(Sink sink) : sink_(std::move(sink)), files_(Doc()) { sink_(files_.head()); }
  void Add(const FileReport& file) override { AddRendered(file, *Render(file)); }
  void AddRendered(const FileReport& file, const std::string& rendered) override {
    counts_.Add(file);
    sink_(files_.Separator());
    sink_(rendered);
  }
  std::optional<std::string> Render(const FileReport& file) const override {
    const char* action = ActionName(file.result.action);
    if (file.result.findings.empty()) {
      // The usual entry, written directly: the same bytes as the dump
      // below, without building a JSON object per file.
      std::string text = "{\n  \"path\": ";
      AppendString(file.path, &text);
      text += ",\n  \"action\": ";
      text += *action ? "\"" + std::string(action) + "\"" : "null";
      text += ",\n  \"format\": ";
      text += file.result.format == InputFormat::Auto ? "null"
                                                      : "\"" + std::string(InputFormatName(file.result.format)) + "\"";
      text += ",\n  \"findings\": []\n}";
      return files_.Indented(text);
    }
    nlohmann::ordered_json f;
    f["path"] = file.path;
    f["action"] = *action ? nlohmann::ordered_json(action) : nlohmann::ordered_json(nullptr);
    f["format"] = file.result.format == InputFormat::Auto ? nlohmann::ordered_json(nullptr)
                                                          : nlohmann::ordered_json(InputFormatName(file.result.format));
    f["findings"] = nlohmann::ordered_json::array();
    for (const Finding& finding : file.result.findings) f["findings"].push_back(FindingJson(finding));
    return files_.Indented(StreamedArray::Dump(f));
  }
  void Finish(double) override { sink_(files_.Tail(Doc())); }

 private:
  nlohmann::ordered_json Doc() const {
    nlohmann::ordered_json out;
    out["tool"] = {{"name", "tairlint"}, {"version", Version()}};
    out["files"] = StreamedArray::kPlaceholder;
    out["summary"] = {
        {"files", counts_.files}, {"errors", counts_.errors}, {"warnings", counts_.warnings}, {"infos", counts_.infos}};
    return out;
  }
  Sink sink_;
  Counts counts_;
  StreamedArray files_;
};

}  // namespace

// ---- text

std::string Printable(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c < 0x80) {  // C0 and DEL
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else {
        out += "\\x";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      }
      ++i;
      continue;
    }
    const size_t n = detail::Utf8SequenceLength(s.substr(i));
    if (n == 0) {
      // A byte that is not part of valid UTF-8 (a raw 0x9b is a C1 CSI to
      // a terminal that reads Latin-1, and garbles one that reads UTF-8).
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
      ++i;
      continue;
    }
    const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (n == 2 && c == 0xc2 && c1 <= 0x9f) {  // C1: U+0080..U+009F
      out += "\\u00";
      out.push_back(hex[c1 >> 4]);
      out.push_back(hex[c1 & 15]);
    } else if (n == 3 && c == 0xe2 && c1 == 0x80 && (s[i + 2] == '\xa8' || s[i + 2] == '\xa9')) {
      // U+2028 and U+2029 end a line for some readers (JavaScript, editors).
      out += s[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
    } else {
      out.append(s.data() + i, n);
    }
    i += n;
  }
  return out;
}


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


class TextWriter : public ReportWriter {
 public:
  TextWriter(const ReportOptions& options, Sink sink) : options_(options), sink_(std::move(sink)) {}
  void Add(const FileReport& file) override { AddRendered(file, *Render(file)); }
  void AddRendered(const FileReport& file, const std::string& rendered) override {
    counts_.Add(file);
    if (!rendered.empty()) sink_(rendered);
  }
  std::optional<std::string> Render(const FileReport& file) const override {
    if (file.result.findings.empty()) return std::string();
    const bool color = options_.color;
    auto paint = [color](const char* style, const std::string& text) {
      return color ? std::string(style) + text + kReset : text;
    };
    std::string out;
    const std::string path = Printable(file.path);
    for (const Finding& f : file.result.findings) {
      out += paint(kBold, path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column)) + ": ";
      out += paint(SeverityColor(f.severity), SeverityName(f.severity)) + " ";
      if (!f.code.empty()) out += paint(kBold, Printable(f.code)) + " ";
      out += Printable(f.message) + " " + paint(kDim, "[" + Printable(f.rule) + "]") + "\n";
      if (!f.detail.empty() && f.detail != f.message) out += "    " + Printable(f.detail) + "\n";
    }
    return out;
  }
  void Finish(double seconds_now) override {
    if (!options_.summary) return;
    double s = seconds_now >= 0 ? seconds_now : options_.seconds;
    char seconds[64];
    std::snprintf(seconds, sizeof seconds, "%.2f", s < 0 ? 0.0 : s);
    sink_(Counted(counts_.files, "file", "files") + " checked: " + Counted(counts_.errors, "error", "errors") + ", " +
          Counted(counts_.warnings, "warning", "warnings") + ", " + Counted(counts_.infos, "info", "infos") + " in " +
          seconds + " s\n");
  }

 private:
  ReportOptions options_;
  Sink sink_;
  Counts counts_;
};

}  // namespace

// ---- SARIF 2.1.0

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

// A path as code scanning and annotations match it against the repository:
// without a leading "./" (and, on Windows, with forward slashes).
std::string RepoPath(const std::string& path) {
  std::string p = path;
#ifdef _WIN32
  std::replace(p.begin(), p.end(), '\\', '/');
#endif
  while (p.size() > 2 && p[0] == '.' && p[1] == '/') {
    p.erase(0, 2);
    while (p.size() > 1 && p[0] == '/') p.erase(0, 1);
  }
  return p;
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
        region["startLine"] = f.line;
        region["startColumn"] = f.column >= 1 ? f.column : 1;
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
    driver["informationUri"] = "https://github.com/tairlint/tairlint";
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

// ---- GitHub Actions workflow commands

namespace {

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
std::string EscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

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
      }
      out += ",title=" + EscapeProperty(Printable(f.code.empty() ? f.rule : f.code));
      std::string message = f.message.empty() ? f.detail : f.message;
      if (!f.message.empty() && !f.detail.empty() && f.detail != f.message) message += " \xE2\x80\x94 " + f.detail;
      if (message.empty()) message = f.rule;
      out += "::" + EscapeData(Printable(message)) + "\n";
    }
    return out;
  }
  void Finish(double) override {}

 private:
  Sink sink_;
};

}  // namespace

std::optional<std::string> ReportWriter::Render(const FileReport&) const { return std::nullopt; }
void ReportWriter::AddRendered(const FileReport& file, const std::string&) { Add(file); }

std::unique_ptr<ReportWriter> ReportWriter::Create(std::string_view format, const ReportOptions& options, Sink sink) {
  if (format == "json") return std::make_unique<JsonWriter>(std::move(sink));
  if (format == "text") return std::make_unique<TextWriter>(options, std::move(sink));
  if (format == "sarif") return std::make_unique<SarifWriter>(std::move(sink));
  if (format == "github") return std::make_unique<GithubWriter>(std::move(sink));
  return nullptr;
}

namespace {
std::string WriteAll(std::string_view format, const std::vector<FileReport>& files, const ReportOptions& options) {
  std::string out;
  auto writer = ReportWriter::Create(format, options, [&out](std::string_view s) { out.append(s); });
  for (const FileReport& f : files) writer->Add(f);
  writer->Finish();
  return out;
}
}  // namespace

std::string FormatJson(const std::vector<FileReport>& files) { return WriteAll("json", files, {}); }
std::string FormatText(const std::vector<FileReport>& files, const ReportOptions& options) {
  return WriteAll("text", files, options);
}
std::string FormatSarif(const std::vector<FileReport>& files) { return WriteAll("sarif", files, {}); }
std::string FormatGithub(const std::vector<FileReport>& files) { return WriteAll("github", files, {}); }

}  // namespace tairlint
