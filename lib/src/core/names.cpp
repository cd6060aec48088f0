// The names of the library's enums, the nearest of some names to a
// mistyped one, and counting a result's findings.
#include <algorithm>
#include <cctype>
#include <vector>

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

namespace {

bool SameLetter(char a, char b) {
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

// Edit distance, case ignored, a swap of two neighbours counting as one
// edit (`jsno` is one from `json`), capped at `cap + 1`.
size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t best = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (SameLetter(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && SameLetter(a[i - 1], b[j - 2]) && SameLetter(a[i - 2], b[j - 1])) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
      best = std::min(best, cur[j]);
    }
    // A swap reads two rows back, so only a row above the cap ends it.
    if (best > cap && i > 1) {
      bool any = false;
      for (size_t v : prev) any = any || v <= cap;
      if (!any) return cap + 1;
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], cap + 1);
}

}  // namespace

std::string NearestName(std::string_view typed, const std::vector<std::string>& names) {
  const size_t cap = typed.size() <= 4 ? 1 : 2;
  size_t best = cap + 1;
  std::string out;
  for (const std::string& name : names) {
    const size_t d = EditDistance(typed, name, cap);
    if (d < best) {
      best = d;
      out = name;
    }
  }
  return out;
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
