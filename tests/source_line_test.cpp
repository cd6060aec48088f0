// Each finding's source line (CheckOptions::source_lines): the right line,
// the range underlined in terminal cells, long lines clipped around it, and
// never a secret, whatever the form of the request.
#include <gtest/gtest.h>

#include <string>

#include "document/document.h"
#include "report/source_line.h"
#include "test_util.h"

namespace tairlint::testing {
namespace {

Result WithLines(const std::string& text) {
  CheckOptions o;
  o.source_lines = true;
  return TheChecker().Check(text, o);
}

const Finding& Only(const Result& r, const std::string& rule) {
  for (const Finding& f : r.findings) {
    if (f.rule == rule) return f;
  }
  static const Finding none;
  ADD_FAILURE() << "no " << rule << " finding";
  return none;
}

// What the underline covers in the shown text (lines without wide
// characters: a cell is a code point).
std::string Underlined(const Finding& f) {
  const std::string& t = f.source.text;
  auto byte_of = [&](int cell) {
    size_t at = 0;
    for (int c = 0; c < cell && at < t.size(); ++c) {
      do ++at;
      while (at < t.size() && detail::IsUtf8Continuation(t[at]));
    }
    return at;
  };
  const size_t begin = byte_of(f.source.underline_begin);
  return t.substr(begin, byte_of(f.source.underline_end) - begin);
}

TEST(SourceLine, TheOffendingValueShowsAndIsUnderlined) {
  const Result r = WithLines(
      "{\n  \"Action\": \"CreateInstances\",\n  \"Instances\": [{\"RegionId\": \"cn-hangzhou\", \"izNo\": "
      "\"cn-hangzhou-h\",\n    \"instanceClass\": \"redis.master.small.default\", \"ChargeType\": \"PrePaid\",\n"
      "    \"Period\": 10}]\n}\n");
  const Finding& f = Only(r, "period-value");
  EXPECT_EQ(f.line, 5);
  EXPECT_EQ(f.source.text, "    \"Period\": 10}]");
  EXPECT_EQ(Underlined(f), "10");
  EXPECT_EQ(f.source.underline_begin, f.column - 1);
}

TEST(SourceLine, OtherValuesOnTheLineAreMasked) {
  const Result r = WithLines(
      "{\"Action\":\"CreateInstances\",\"Instances\":[{\"RegionId\":\"cn-hangzhou\",\"izNo\":\"cn-hangzhou-h\","
      "\"instanceClass\":\"redis.master.small.default\",\"ChargeType\":\"PrePaid\",\"Period\":10}]}");
  const Finding& f = Only(r, "period-value");
  EXPECT_EQ(Underlined(f), "10");
  EXPECT_EQ(f.source.text.find("cn-hangzhou"), std::string::npos) << f.source.text;
  EXPECT_NE(f.source.text.find("\"RegionId\":***"), std::string::npos) << f.source.text;
}

// The secret's text appears in no source line, in any form of the request,
// under its own name in any case, or under a misspelt one.
TEST(SourceLine, NoSecretInAnyForm) {
  const std::string secret = "Hunter22";
  const std::vector<std::string> requests = {
      // JSON, one line and several
      "{\"Action\":\"CreateInstances\",\"Instances\":[{\"RegionId\":\"cn-hangzhou\",\"izNo\":\"cn-hangzhou-h\","
      "\"Capacity\":3,\"Password\":\"Hunter22\",\"Period\":10}]}",
      "{\n\"Action\": \"CreateInstances\",\n\"Instances\": [{\"RegionId\": \"cn-hangzhou\", \"izNo\": \"x\", "
      "\"password\": \"Hunter22\", \"Capacity\": 3}]\n}",
      // string-encoded Instances
      "{\"Action\":\"CreateInstances\",\"Instances\":\"[{\\\"RegionId\\\":\\\"cn_hangzhou\\\",\\\"Password\\\":"
      "\\\"Hunter22\\\",\\\"Capacity\\\":3}]\"}",
      // YAML, with the secret in a comment and under a misspelt key
      "Action: CreateInstances\nInstances:\n  - RegionId: cn-hangzhou\n    izNo: cn-hangzhou-h\n    Passwrd: Hunter22\n"
      "    Capacity: 3\n    Period: 10  # the old password was Hunter22\n",
      // YAML flow mapping on one line
      "Action: CreateInstances\nInstances: [{RegionId: cn_hangzhou, Password: Hunter22, Capacity: 3, Period: 10}]\n",
      // a query string: everything on one line
      "Action=CreateInstances&Instances=%5B%7B%22RegionId%22%3A%22cn_hangzhou%22%2C%22Password%22%3A%22Hunter22%22"
      "%2C%22Capacity%22%3A3%7D%5D&Token=bad+token",
      // the VNode, whose Password is short: the finding is on the secret itself
      "{\"Action\":\"CreateTairKVCacheVNode\",\"RegionId\":\"cn-beijing\",\"Password\":\"Hunter22\",\"VkName\":1}",
  };
  for (const std::string& request : requests) {
    SCOPED_TRACE(request);
    const Result r = WithLines(request);
    ASSERT_FALSE(r.findings.empty());
    size_t shown = 0;
    for (const Finding& f : r.findings) {
      EXPECT_EQ(f.source.text.find(secret), std::string::npos) << f.rule << ": " << f.source.text;
      EXPECT_EQ(f.source.text.find("Hunter"), std::string::npos) << f.rule << ": " << f.source.text;
      shown += !f.source.text.empty();
    }
    EXPECT_GT(shown, 0u);
  }
}

TEST(SourceLine, AFindingOnASecretUnderlinesItsMask) {
  const Result r = WithLines(
      "{\"Action\":\"CreateInstances\",\"Instances\":[{\"RegionId\":\"cn-hangzhou\",\"izNo\":\"cn-hangzhou-h\","
      "\"Capacity\":1024,\"Password\":\"ab\"}]}");
  const Finding& f = Only(r, "password-format");
  EXPECT_EQ(Underlined(f), "***");
}

TEST(SourceLine, LongLinesAreClippedAroundTheRange) {
  std::string name(300, 'a');
  const Result r = WithLines("{\"Action\":\"CreateInstances\",\"Instances\":[{\"RegionId\":\"cn-hangzhou\",\"izNo\":"
                             "\"cn-hangzhou-h\",\"Capacity\":1024,\"" + name + "\":1,\"Period\":10}]}");
  const Finding& f = Only(r, "period-value");
  EXPECT_EQ(Underlined(f), "10");
  EXPECT_EQ(f.source.text.rfind("\xE2\x80\xA6", 0), 0u) << f.source.text;  // cut before
  EXPECT_LE(detail::CountCodePoints(f.source.text), static_cast<size_t>(detail::kSourceLineCells + 2));
}

// Wide characters take two cells: the underline still sits under the value.
TEST(SourceLine, WideCharactersCountTwoCells) {
  const Result r = WithLines(
      "{\"Action\":\"CreateInstances\",\"Instances\":[{\"RegionId\":\"cn-hangzhou\",\"izNo\":\"cn-hangzhou-h\",\n"
      "\"Capacity\":1024, \"订单缓存\": 1, \"Period\": 10}]}");
  const Finding& f = Only(r, "period-value");
  const std::string& t = f.source.text;
  const size_t at = t.find("10");
  ASSERT_NE(at, std::string::npos);
  // Bytes before the value: 4 wide characters of 3 bytes each.
  EXPECT_EQ(static_cast<size_t>(f.source.underline_begin), at - 4 * 3 + 4 * 2) << t;
}

TEST(SourceLine, NotAskedNotFilled) {
  const Result r = TheChecker().Check("{\"Action\":\"CreateInstances\",\"Instances\":[{\"Period\":10}]}", {});
  ASSERT_FALSE(r.findings.empty());
  for (const Finding& f : r.findings) EXPECT_TRUE(f.source.text.empty()) << f.rule;
}

TEST(SourceLine, ControlCharactersAreEscapedAndTabsAreSpaces) {
  const Result r = WithLines("Action: CreateInstances\nInstances:\n  - {RegionId: cn-hangzhou,\tPeriod: 10, "
                             "izNo: cn-hangzhou-h, Capacity: 1024}\n");
  const Finding& f = Only(r, "period-value");
  EXPECT_EQ(f.source.text.find('\t'), std::string::npos);
  EXPECT_EQ(Underlined(f), "10");
}

}  // namespace
}  // namespace tairlint::testing
