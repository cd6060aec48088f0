// libFuzzer target: the whole Checker::Check, then every report format.
//
// The first byte of the input picks the options, the rest is the request:
//   bits 0-1  action: 0 and 3 unknown (take it from the document),
//             1 CreateInstances, 2 CreateTairKVCacheVNode
//   bits 2-3  input format: auto, json, yaml, query
//   bit  4    tiny limits (every limit crossed by small inputs, the
//             findings cap of 5 included)
//   bit  5    also run CheckJson on the request when it is JSON
//   bit  6    text report with colours, without the summary line, and
//             the findings' source lines (CheckOptions::source_lines)
//   bit  7    also FormatSarif (it costs ~20 ms under ASan, as it renders
//             every rule each time: 50 times a Check, so only on request)
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <tairlint/tairlint.h>

#include "document/document.h"
#include "fuzz_common.h"

namespace {

bool IsInputRule(const std::string& rule) {
  return rule == "parse-error" || rule == "not-a-request" || rule == "unknown-action" ||
         rule == "read-error" || rule == "checker-error" || rule == "finding-limit";
}

size_t CountLines(std::string_view text) {
  size_t lines = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++lines;
  }
  return lines;
}

// A finding's fields are excerpts: none grows with the input (1 KB and a
// length mark at most, report.cpp).
constexpr size_t kMaxField = 1024 + 32;

void CheckResult(const tairlint::Result& r, std::string_view text, bool positioned,
                 const tairlint::Limits& limits) {
  const size_t lines = CountLines(text);
  size_t kept = 0;
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const tairlint::Finding& f = r.findings[i];
    TAIRLINT_FUZZ_REQUIRE(!f.rule.empty());
    if (f.rule != "finding-limit") ++kept;
    TAIRLINT_FUZZ_REQUIRE(f.detail.size() <= kMaxField && f.pointer.size() <= kMaxField &&
                          f.parameter.size() <= kMaxField && f.message.size() <= 2 * kMaxField);
    TAIRLINT_FUZZ_REQUIRE(tairlint::FindRule(f.rule) != nullptr);
    // The checker is fine, so checker-error means a check threw (Check()
    // turns any std::exception into this finding): a bug, not bad input.
    TAIRLINT_FUZZ_REQUIRE(f.rule != "checker-error");
    if (f.severity == tairlint::Severity::Error && !IsInputRule(f.rule)) {
      TAIRLINT_FUZZ_REQUIRE(!f.code.empty());
    }
    if (!f.code.empty()) TAIRLINT_FUZZ_REQUIRE(f.http_status > 0);
    TAIRLINT_FUZZ_REQUIRE(f.line >= 0 && f.column >= 0);
    if (positioned) {
      TAIRLINT_FUZZ_REQUIRE(f.line >= 1 && f.column >= 1);
      TAIRLINT_FUZZ_REQUIRE(static_cast<size_t>(f.line) <= lines);
    } else {
      TAIRLINT_FUZZ_REQUIRE(f.line == 0 && f.column == 0);
    }
    // A source line is printable UTF-8 of bounded size, its underline inside.
    const tairlint::SourceLine& s = f.source;
    if (s.underline_end != 0 || !s.text.empty()) {
      TAIRLINT_FUZZ_REQUIRE(s.underline_begin >= 0 && s.underline_end > s.underline_begin);
    }
    TAIRLINT_FUZZ_REQUIRE(s.text.size() <= 1024 && tairlint::detail::IsValidUtf8(s.text));
    for (unsigned char c : s.text) TAIRLINT_FUZZ_REQUIRE(c >= 0x20 && c != 0x7f);
    if (i > 0) {
      const tairlint::Finding& p = r.findings[i - 1];
      TAIRLINT_FUZZ_REQUIRE(p.line < f.line || (p.line == f.line && p.column <= f.column));
    }
  }
  TAIRLINT_FUZZ_REQUIRE(kept <= limits.max_findings);
}

void CheckReports(const tairlint::Result& r, uint8_t selector) {
  std::vector<tairlint::FileReport> files(1);
  files[0].path = "fuzz/in put\"\\.req";
  files[0].result = r;
  // FormatJson and FormatSarif must be JSON (nlohmann rejects invalid UTF-8
  // too); the others must simply not crash.
  const std::string json = tairlint::FormatJson(files);
  TAIRLINT_FUZZ_REQUIRE(nlohmann::json::accept(json));
  if ((selector & 0x80) != 0) {
    const std::string sarif = tairlint::FormatSarif(files);
    TAIRLINT_FUZZ_REQUIRE(nlohmann::json::accept(sarif));
  }
  tairlint::ReportOptions ro;
  ro.color = (selector & 0x40) != 0;
  ro.summary = (selector & 0x40) == 0;
  ro.seconds = 0.25;
  const std::string text = tairlint::FormatText(files, ro);
  TAIRLINT_FUZZ_REQUIRE(r.findings.empty() || !text.empty());
  const std::string github = tairlint::FormatGithub(files);
  TAIRLINT_FUZZ_REQUIRE(r.findings.empty() || !github.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const tairlint::Checker checker;
  if (!checker.ok()) __builtin_trap();
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  tairlint::CheckOptions options;
  switch (selector & 3) {
    case 1: options.action = tairlint::Action::CreateInstances; break;
    case 2: options.action = tairlint::Action::CreateTairKVCacheVNode; break;
    default: options.action = tairlint::Action::Unknown; break;
  }
  static const tairlint::InputFormat kFormats[] = {tairlint::InputFormat::Auto, tairlint::InputFormat::Json,
                                                   tairlint::InputFormat::Yaml, tairlint::InputFormat::Query};
  options.format = kFormats[(selector >> 2) & 3];
  options.source_lines = (selector & 0x40) != 0;
  if ((selector & 0x10) != 0) {
    options.limits.max_bytes = 512;
    options.limits.max_depth = 4;
    options.limits.max_string_bytes = 24;
    options.limits.max_instances = 2;
    options.limits.max_query_params = 6;
    options.limits.max_nodes = 40;
    options.limits.max_yaml_documents = 2;
    options.limits.max_findings = 5;
  } else {
    // Small enough to stay fast under ASan, large enough for real requests.
    options.limits.max_bytes = 1u << 20;
    options.limits.max_nodes = 20000;
    options.limits.max_query_params = 2000;
  }

  const tairlint::Result r = checker.Check(text, options);
  CheckResult(r, text, /*positioned=*/true, options.limits);
  CheckReports(r, selector);

  if ((selector & 0x20) != 0) {
    const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!doc.is_discarded()) {
      const tairlint::Result rj = checker.CheckJson(doc, options);
      CheckResult(rj, text, /*positioned=*/false, options.limits);
      CheckReports(rj, selector);
    }
  }
  return 0;
}
