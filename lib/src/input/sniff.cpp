#include "input/sniff.h"

#include <re2/re2.h>

namespace tairlint::detail {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace


const char* WideEncoding(std::string_view t) {
  auto b = [&t](size_t i) { return i < t.size() ? static_cast<unsigned char>(t[i]) : 0x100u; };
  if (b(0) == 0x00 && b(1) == 0x00 && b(2) == 0xFE && b(3) == 0xFF) return "UTF-32 (big-endian)";
  if (b(0) == 0xFF && b(1) == 0xFE && b(2) == 0x00 && b(3) == 0x00) return "UTF-32 (little-endian)";
  if (b(0) == 0xFE && b(1) == 0xFF) return "UTF-16 (big-endian)";
  if (b(0) == 0xFF && b(1) == 0xFE) return "UTF-16 (little-endian)";
  if (t.size() >= 4 && b(0) == 0 && b(1) == 0 && b(2) == 0 && b(3) != 0) return "UTF-32 (big-endian)";
  if (t.size() >= 4 && b(0) != 0 && b(1) == 0 && b(2) == 0 && b(3) == 0) return "UTF-32 (little-endian)";
  if (t.size() >= 2 && b(0) == 0 && b(1) != 0) return "UTF-16 (big-endian)";
  if (t.size() >= 2 && b(0) != 0 && b(1) == 0) return "UTF-16 (little-endian)";
  return nullptr;
}


InputFormat DetectFormat(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && IsSpace(t[i])) ++i;
  if (i < t.size() && (t[i] == '{' || t[i] == '[')) return InputFormat::Json;
  std::string_view rest = t.substr(i);
  while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
  if (rest.find('\n') == std::string_view::npos) {
    static const RE2 kQuery(R"(^(?:https?://[^\s?]*\?|\?)?[A-Za-z0-9_.~%\-]+=[^\s]*$)");
    if (RE2::FullMatch(rest, kQuery)) return InputFormat::Query;
  }
  return InputFormat::Yaml;
}

bool IsBlank(std::string_view text) {
  for (char ch : text) {
    if (!IsSpace(ch)) return false;
  }
  return true;
}

}  // namespace tairlint::detail
