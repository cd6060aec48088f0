// The names of the library's enums, and counting a result's findings.
#include <algorithm>

#include "tairlint/tairlint.h"

namespace tairlint {

const char* Version() { return TAIRLINT_VERSION; }

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

bool ParseSeverity(std::string_view name, Severity* out) {
  if (name == "info") *out = Severity::Info;
  else if (name == "warning") *out = Severity::Warning;
  else if (name == "error") *out = Severity::Error;
  else return false;
  return true;
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::CreateInstances: return "CreateInstances";
    case Action::CreateTairKVCacheVNode: return "CreateTairKVCacheVNode";
    case Action::Unknown: break;
  }
  return "";
}

Action ParseAction(std::string_view name) {
  if (name == "CreateInstances") return Action::CreateInstances;
  if (name == "CreateTairKVCacheVNode") return Action::CreateTairKVCacheVNode;
  return Action::Unknown;
}

const char* InputFormatName(InputFormat f) {
  switch (f) {
    case InputFormat::Json: return "json";
    case InputFormat::Yaml: return "yaml";
    case InputFormat::Query: return "query";
    case InputFormat::Auto: break;
  }
  return "auto";
}

bool ParseInputFormat(std::string_view name, InputFormat* out) {
  if (name == "auto") *out = InputFormat::Auto;
  else if (name == "json") *out = InputFormat::Json;
  else if (name == "yaml" || name == "yml") *out = InputFormat::Yaml;
  else if (name == "query") *out = InputFormat::Query;
  else return false;
  return true;
}

size_t Result::count(Severity s) const {
  return static_cast<size_t>(
      std::count_if(findings.begin(), findings.end(), [s](const Finding& f) { return f.severity == s; }));
}
}  // namespace tairlint
