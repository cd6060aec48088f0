// libFuzzer target: the report writers over findings made of fuzz bytes.
//
// The input is read with FuzzedDataProvider: a selector byte (its six low
// bits all set: SARIF too, which renders every rule each time and costs
// some 30 ms under ASan, a hundred times the rest; text is rendered with
// and without colours, json and github always), then up to 3 files, each a path and up to 4
// findings (rule, code, message, detail, pointer, parameter as strings of
// any bytes; line, column, end and severity at random; with the selector's
// bit 6, a source line of any bytes and an underline anywhere).
//
// What must hold (a report can never be forged by what it quotes):
//  - github: exactly one line per finding, each a command ::error,
//    ::warning or ::notice whose properties are file, line, col, endLine,
//    endColumn and title only, free of ':' and ','; no control character
//    but the line ends;
//  - text: valid UTF-8 with no control character but its line ends and,
//    with colours on, its own colour sequences; one line per finding, one
//    per detail shown and the summary;
//  - json and sarif: parse back with nlohmann, and every string that was
//    valid UTF-8 comes back unchanged.
#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <tairlint/tairlint.h>

#include "fuzz_common.h"

namespace {

using tairlint::detail::IsValidUtf8;
using tairlint::detail::Utf8SequenceLength;

// Valid UTF-8 without C0 controls (but '\n'), DEL, C1 controls, U+2028 or
// U+2029.
bool Clean(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8SequenceLength(s.substr(i));
    if (n == 0) return false;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 1 && ((c < 0x20 && c != '\n') || c == 0x7f)) return false;
    if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) <= 0x9f) return false;
    if (n == 3 && (s.substr(i, 3) == "\xe2\x80\xa8" || s.substr(i, 3) == "\xe2\x80\xa9")) return false;
    i += n;
  }
  return true;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  for (size_t nl; (nl = text.find('\n', at)) != std::string_view::npos; at = nl + 1) {
    lines.push_back(text.substr(at, nl - at));
  }
  TAIRLINT_FUZZ_REQUIRE(at == text.size());  // every line ends
  return lines;
}

void CheckGithub(const std::string& out, size_t findings) {
  TAIRLINT_FUZZ_REQUIRE(Clean(out));
  const auto lines = Lines(out);
  TAIRLINT_FUZZ_REQUIRE(lines.size() == findings);
  for (std::string_view line : lines) {
    size_t name = 0;
    for (const char* command : {"::error ", "::warning ", "::notice "}) {
      if (line.substr(0, strlen(command)) == command) name = strlen(command);
    }
    TAIRLINT_FUZZ_REQUIRE(name != 0);
    const size_t end = line.find("::", name);
    TAIRLINT_FUZZ_REQUIRE(end != std::string_view::npos);
    std::string_view props = line.substr(name, end - name);
    TAIRLINT_FUZZ_REQUIRE(props.substr(0, 5) == "file=");
    while (!props.empty()) {
      const size_t comma = std::min(props.find(','), props.size());
      const std::string_view prop = props.substr(0, comma);
      const std::string_view key = prop.substr(0, prop.find('='));
      TAIRLINT_FUZZ_REQUIRE(key.size() < prop.size());
      TAIRLINT_FUZZ_REQUIRE(key == "file" || key == "line" || key == "col" || key == "endLine" ||
                            key == "endColumn" || key == "title");
      TAIRLINT_FUZZ_REQUIRE(prop.find(':') == std::string_view::npos);
      props.remove_prefix(comma == props.size() ? comma : comma + 1);
    }
  }
}

void CheckText(std::string out, bool color, size_t lines_expected) {
  if (color) {
    for (const char* own : {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[33m", "\x1b[36m"}) {
      for (size_t at; (at = out.find(own)) != std::string::npos;) out.erase(at, strlen(own));
    }
  }
  TAIRLINT_FUZZ_REQUIRE(Clean(out));
  TAIRLINT_FUZZ_REQUIRE(Lines(out).size() == lines_expected);
}

// `got` equals `want` when `want` was valid UTF-8.
void RoundTrips(const nlohmann::json& got, const std::string& want) {
  TAIRLINT_FUZZ_REQUIRE(got.is_string());
  if (IsValidUtf8(want)) TAIRLINT_FUZZ_REQUIRE(got.get<std::string>() == want);
}

void CheckJson(const std::string& out, const std::vector<tairlint::FileReport>& files) {
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  TAIRLINT_FUZZ_REQUIRE(!doc.is_discarded());
  const nlohmann::json& got = doc["files"];
  TAIRLINT_FUZZ_REQUIRE(got.size() == files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    RoundTrips(got[i]["path"], files[i].path);
    const auto& findings = files[i].result.findings;
    TAIRLINT_FUZZ_REQUIRE(got[i]["findings"].size() == findings.size());
    for (size_t k = 0; k < findings.size(); ++k) {
      const nlohmann::json& g = got[i]["findings"][k];
      const tairlint::Finding& f = findings[k];
      RoundTrips(g["rule"], f.rule);
      if (!f.code.empty()) RoundTrips(g["code"], f.code);
      RoundTrips(g["message"], f.message);
      RoundTrips(g["detail"], f.detail);
      RoundTrips(g["pointer"], f.pointer);
      RoundTrips(g["parameter"], f.parameter);
      TAIRLINT_FUZZ_REQUIRE(g["line"] == f.line && g["column"] == f.column);
      TAIRLINT_FUZZ_REQUIRE(g["end_line"] == f.end_line && g["end_column"] == f.end_column);
    }
  }
}

void CheckSarif(const std::string& out, const std::vector<tairlint::FileReport>& files) {
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  TAIRLINT_FUZZ_REQUIRE(!doc.is_discarded());
  const nlohmann::json& results = doc["runs"][0]["results"];
  size_t r = 0;
  for (const tairlint::FileReport& file : files) {
    for (const tairlint::Finding& f : file.result.findings) {
      TAIRLINT_FUZZ_REQUIRE(r < results.size());
      const nlohmann::json& g = results[r++];
      RoundTrips(g["ruleId"], f.rule);
      if (!f.pointer.empty()) RoundTrips(g["properties"]["pointer"], f.pointer);
      if (!f.parameter.empty()) RoundTrips(g["properties"]["parameter"], f.parameter);
      // A region never ends before it starts, whatever the finding says.
      const nlohmann::json& region = g["locations"][0]["physicalLocation"]["region"];
      TAIRLINT_FUZZ_REQUIRE(region.contains("endLine") == (f.line >= 1));
      if (f.line >= 1) {
        const bool later = region["endLine"] > region["startLine"];
        TAIRLINT_FUZZ_REQUIRE(later || (region["endLine"] == region["startLine"] &&
                                        region["endColumn"] >= region["startColumn"]));
      }
    }
  }
  TAIRLINT_FUZZ_REQUIRE(r == results.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const uint8_t selector = in.ConsumeIntegral<uint8_t>();
  std::vector<tairlint::FileReport> files(in.ConsumeIntegralInRange<size_t>(1, 3));
  size_t findings = 0, text_lines = 1;  // the summary
  for (tairlint::FileReport& file : files) {
    file.path = in.ConsumeRandomLengthString(256);
    const size_t n = in.ConsumeIntegralInRange<size_t>(0, 4);
    for (size_t k = 0; k < n; ++k) {
      tairlint::Finding f;
      f.rule = in.ConsumeRandomLengthString(64);
      f.code = in.ConsumeRandomLengthString(64);
      f.message = in.ConsumeRandomLengthString(256);
      f.detail = in.ConsumeRandomLengthString(256);
      f.pointer = in.ConsumeRandomLengthString(64);
      f.parameter = in.ConsumeRandomLengthString(64);
      f.severity = static_cast<tairlint::Severity>(in.ConsumeIntegralInRange<int>(0, 2));
      f.http_status = f.code.empty() ? 0 : 400;
      f.line = in.ConsumeIntegralInRange<int>(-1, 100000);
      f.column = in.ConsumeIntegralInRange<int>(-1, 100000);
      f.end_line = in.ConsumeIntegralInRange<int>(-1, 100000);
      f.end_column = in.ConsumeIntegralInRange<int>(-1, 100000);
      if ((selector & 64) != 0) {  // a source line, as the library would not make it
        f.source.text = in.ConsumeRandomLengthString(128);
        f.source.underline_begin = in.ConsumeIntegralInRange<int>(-5, 200);
        f.source.underline_end = in.ConsumeIntegralInRange<int>(-5, 200);
      }
      text_lines += 1 + (f.source.text.empty() ? 0 : 3);  // the finding, its source line in three
      file.result.findings.push_back(std::move(f));
    }
    findings += n;
  }

  CheckGithub(tairlint::FormatGithub(files), findings);
  tairlint::ReportOptions plain;
  CheckText(tairlint::FormatText(files, plain), false, text_lines);
  tairlint::ReportOptions colored;
  colored.color = true;
  CheckText(tairlint::FormatText(files, colored), true, text_lines);
  CheckJson(tairlint::FormatJson(files), files);
  if ((selector & 63) == 63) CheckSarif(tairlint::FormatSarif(files), files);
  return 0;
}
