#include "core/catalog.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/embedded.h"

namespace tairlint {
namespace {

// A catalog's entries by their key. FindRule and FindCode run for every
// finding, so each catalog is indexed once (they never change).
template <typename T, typename KeyOf>
std::unordered_map<std::string_view, const T*> IndexOf(const std::vector<T>& catalog, KeyOf key_of) {
  std::unordered_map<std::string_view, const T*> index;
  for (const T& entry : catalog) index.emplace(key_of(entry), &entry);
  return index;
}

template <typename T>
const T* Lookup(const std::unordered_map<std::string_view, const T*>& index, std::string_view key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : it->second;
}

}  // namespace

const std::vector<RuleInfo>& Rules() { return detail::RuleCatalog(); }
const std::vector<CodeInfo>& Codes() { return detail::CodeCatalog(); }

const RuleInfo* FindRule(std::string_view id) {
  static const auto index = IndexOf(Rules(), [](const RuleInfo& r) { return std::string_view(r.id); });
  return Lookup(index, id);
}

const CodeInfo* FindCode(std::string_view code) {
  static const auto index = IndexOf(Codes(), [](const CodeInfo& c) { return std::string_view(c.code); });
  return Lookup(index, code);
}

bool detail::ApplyOverride(const CheckOptions& options, std::string_view rule, Severity* severity) {
  if (options.severity.empty()) return true;
  auto it = options.severity.find(std::string(rule));
  if (it == options.severity.end()) return true;
  if (!it->second) return false;
  *severity = *it->second;
  return true;
}


namespace detail {
namespace {

Severity SeverityOf(const std::string& s) {
  Severity v = Severity::Error;
  ParseSeverity(s, &v);
  return v;
}

std::vector<std::string> Strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}


}  // namespace

const std::vector<RuleInfo>& RuleCatalog() {
  static const std::vector<RuleInfo> rules = [] {
    std::vector<RuleInfo> out;
    nlohmann::json doc;
    std::string error;
    if (!ParseEmbedded("rules.json", &doc, &error)) return out;
    for (const auto& r : doc.value("rules", nlohmann::json::array())) {
      RuleInfo info;
      info.id = r.value("id", "");
      info.severity = SeverityOf(r.value("severity", "error"));
      info.codes = Strings(r, "codes");
      info.actions = Strings(r, "actions");
      info.summary = r.value("summary", "");
      info.explanation = r.value("explanation", "");
      info.source = r.value("source", "");
      info.example = r.value("example", "");
      out.push_back(std::move(info));
    }
    return out;
  }();
  return rules;
}

const std::vector<CodeInfo>& CodeCatalog() {
  static const std::vector<CodeInfo> codes = [] {
    std::vector<CodeInfo> out;
    nlohmann::json doc;
    std::string error;
    if (!ParseEmbedded("codes.json", &doc, &error)) return out;
    for (const auto& c : doc.value("codes", nlohmann::json::array())) {
      CodeInfo info;
      info.code = c.value("code", "");
      info.http_status = c.value("http_status", 400);
      if (auto m = c.find("messages"); m != c.end() && m->is_object()) {
        for (auto it = m->begin(); it != m->end(); ++it) {
          if (it->is_string()) info.messages[it.key()] = it->get<std::string>();
        }
      }
      info.meaning = c.value("meaning", "");
      info.offline = c.value("offline", false);
      info.actions = Strings(c, "pages");
      out.push_back(std::move(info));
    }
    return out;
  }();
  return codes;
}

Severity DefaultSeverity(std::string_view rule) {
  const RuleInfo* info = FindRule(rule);
  return info != nullptr ? info->severity : Severity::Error;
}

bool SeverityFor(const CheckOptions& options, std::string_view rule, Severity* severity) {
  *severity = DefaultSeverity(rule);
  return ApplyOverride(options, rule, severity);
}

}  // namespace detail
}  // namespace tairlint
