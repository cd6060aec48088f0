// The JSON and text reports (contract section 4).
#include <nlohmann/json.hpp>

#include "tairlint/tairlint.h"

namespace tairlint {

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
  return j;
}
}  // namespace

std::string FormatJson(const std::vector<FileReport>& files) {
  nlohmann::ordered_json out;
  out["tool"] = {{"name", "tairlint"}, {"version", Version()}};
  out["files"] = nlohmann::ordered_json::array();
  size_t errors = 0, warnings = 0, infos = 0;
  for (const FileReport& file : files) {
    nlohmann::ordered_json f;
    f["path"] = file.path;
    const char* action = ActionName(file.result.action);
    f["action"] = *action ? nlohmann::ordered_json(action) : nlohmann::ordered_json(nullptr);
    f["format"] = file.result.format == InputFormat::Auto ? nlohmann::ordered_json(nullptr)
                                                          : nlohmann::ordered_json(InputFormatName(file.result.format));
    f["findings"] = nlohmann::ordered_json::array();
    for (const Finding& finding : file.result.findings) {
      f["findings"].push_back(FindingJson(finding));
      switch (finding.severity) {
        case Severity::Error: ++errors; break;
        case Severity::Warning: ++warnings; break;
        case Severity::Info: ++infos; break;
      }
    }
    out["files"].push_back(std::move(f));
  }
  out["summary"] = {{"files", files.size()}, {"errors", errors}, {"warnings", warnings}, {"infos", infos}};
  // Values are valid UTF-8 by construction; `replace` keeps a report whole
  // even if one were not.
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string FormatText(const std::vector<FileReport>& files) {
  std::string out;
  for (const FileReport& file : files) {
    for (const Finding& f : file.result.findings) {
      out += file.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " +
             SeverityName(f.severity) + " ";
      if (!f.code.empty()) out += f.code + " ";
      out += f.message + " [" + f.rule + "]\n";
      if (!f.detail.empty() && f.detail != f.message) out += "    " + f.detail + "\n";
    }
  }
  return out;
}

}  // namespace tairlint
