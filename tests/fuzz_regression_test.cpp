// Inputs the fuzz targets (fuzz/) found crashing, each run through the same
// API as the target that found it: it must not crash (the sanitizer builds
// catch what a plain build would not) and must give a sane result.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace tairlint::testing {
namespace {

// No check failed by throwing, findings are sorted, every report renders.
void ExpectSane(const Result& r) {
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    EXPECT_NE(f.rule, "checker-error") << f.detail;
    EXPECT_FALSE(f.rule.empty());
    if (i > 0) {
      const Finding& p = r.findings[i - 1];
      EXPECT_TRUE(p.line < f.line || (p.line == f.line && p.column <= f.column));
    }
  }
  std::vector<FileReport> files(1);
  files[0].path = "fuzz.query";
  files[0].result = r;
  EXPECT_TRUE(nlohmann::json::accept(FormatJson(files)));
  EXPECT_TRUE(nlohmann::json::accept(FormatSarif(files)));
  EXPECT_FALSE(FormatText(files).empty());
  EXPECT_FALSE(FormatGithub(files).empty());
}

const Finding* ForParameter(const Result& r, const std::string& parameter) {
  for (const Finding& f : r.findings) {
    if (f.parameter == parameter) return &f;
  }
  return nullptr;
}

// fuzz_check, selector 0x0D (CreateInstances, query), minimized:
// a query value whose decoded bytes hold a run of 6 or more UTF-8
// continuation bytes went, invalid UTF-8 and all, to valijson's
// minLength/maxLength check, whose u8_nextchar() indexes its 6-entry
// offsetsFromUTF8 table with the run length: a global-buffer overread
// (UBSan: "index 6 out of bounds for type 'const uint32_t[6]'",
// valijson/utils/utf8_utils.hpp:38, from SchemaValidator::Validate).
TEST(FuzzRegression, QueryTokenWithRawContinuationBytes) {
  const std::string input("Token=a\x8d\x9a\x91\x9c\x9a\x9a", 13);
  const Result r = Check(input, Action::CreateInstances, InputFormat::Query);
  ExpectSane(r);
  const Finding* token = ForParameter(r, "Token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->rule, "token-format");
  EXPECT_EQ(token->code, "InvalidToken.Malformed");
  EXPECT_EQ(token->line, 1);
  EXPECT_EQ(token->column, 7);
  EXPECT_NE(token->detail.find("not valid UTF-8"), std::string::npos) << token->detail;
}

// The same bytes as an SDK sends them (percent-encoded), format detected.
TEST(FuzzRegression, QueryTokenWithEncodedContinuationBytes) {
  const Result r = Check("Token=a%8D%9A%91%9C%9A%9A", Action::CreateInstances);
  EXPECT_EQ(r.format, InputFormat::Query);
  ExpectSane(r);
  const Finding* token = ForParameter(r, "Token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->code, "InvalidToken.Malformed");
  EXPECT_EQ(token->column, 7);
}

// Every top-level parameter with a length constraint, with a long run (the
// overread grows with it) and a run with no leading byte at all.
TEST(FuzzRegression, QueryLengthCheckedParametersWithContinuationRuns) {
  struct Case {
    const char* action;
    const char* parameter;
    const char* code;
  };
  const Case cases[] = {
      {"CreateInstances", "Token", "InvalidToken.Malformed"},
      {"CreateTairKVCacheVNode", "ClientToken", "InvalidToken.Malformed"},
      {"CreateTairKVCacheVNode", "InstanceName", "InvalidInstanceName.Malformed"},
      {"CreateTairKVCacheVNode", "ZoneId", "InvalidParameter"},
  };
  std::string run;
  for (int i = 0; i < 40; ++i) run += "%80";
  for (const Case& c : cases) {
    for (const std::string& value : {"x" + run, run}) {
      const std::string input = std::string("Action=") + c.action + "&" + c.parameter + "=" + value;
      SCOPED_TRACE(input);
      const Result r = Check(input);
      ExpectSane(r);
      const Finding* f = ForParameter(r, c.parameter);
      ASSERT_NE(f, nullptr);
      EXPECT_EQ(f->code, c.code);
      EXPECT_NE(f->detail.find("not valid UTF-8"), std::string::npos) << f->detail;
    }
  }
}

}  // namespace
}  // namespace tairlint::testing
