// The JSON report (contract section 4).
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "document/document.h"
#include "output/writers.h"
#include "tairlint/tairlint.h"

namespace tairlint::output {
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

namespace {

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
  j["end_line"] = f.end_line;
  j["end_column"] = f.end_column;
  return j;
}

class JsonWriter : public ReportWriter {
 public:
  JsonWriter(const ReportOptions& options, Sink sink)
      : baseline_(options.baseline), sink_(std::move(sink)), files_(Doc()) {
    sink_(files_.head());
  }
  void Add(const FileReport& file) override { AddRendered(file, *Render(file)); }
  void AddRendered(const FileReport& file, const std::string& rendered) override {
    counts_.Add(file);
    if (file.result.skipped) return;  // only counted
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
    // Extensions of the contract's summary, present only when they apply.
    if (counts_.skipped > 0) out["summary"]["skipped"] = counts_.skipped;
    if (baseline_) out["summary"]["baselined"] = counts_.baselined;
    return out;
  }
  bool baseline_;
  Sink sink_;
  Counts counts_;
  StreamedArray files_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeJsonWriter(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<JsonWriter>(options, std::move(sink));
}

}  // namespace tairlint::output
