// ClassPattern answers as RE2 does, for every pattern of its shape, or
// declines the pattern.

#include "model/class_pattern.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace tairlint::detail {
namespace {


// Every string of up to two ASCII characters, random ASCII strings up to
// 40 bytes, and random strings of `alphabet` (the characters the pattern
// speaks of, so that some match): the same answer as RE2's. Text with a
// byte outside ASCII is left to RE2 unless an ASCII byte already settles it.
void ExpectSameAsRe2(const std::string& pattern, const std::string& alphabet = "") {
  ClassPattern cp;
  ASSERT_TRUE(ClassPattern::Compile(pattern, &cp)) << pattern;
  const RE2 re(pattern);
  ASSERT_TRUE(re.ok()) << pattern;
  std::vector<std::string> texts = {""};
  for (int a = 0; a < 128; ++a) {
    texts.push_back(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 128; ++b) texts.push_back(std::string{static_cast<char>(a), static_cast<char>(b)});
  }
  std::mt19937 rng(42);
  for (int i = 0; i < 3000; ++i) {
    std::string t(rng() % 41, ' ');
    for (char& c : t) c = static_cast<char>(0x20 + rng() % 0x5F);  // printable: most often in the class
    texts.push_back(t);
  }
  for (int i = 0; !alphabet.empty() && i < 3000; ++i) {
    std::string t(rng() % 12, ' ');
    for (char& c : t) c = alphabet[rng() % alphabet.size()];
    texts.push_back(t);
  }
  size_t matched = 0;
  for (const std::string& t : texts) {
    const ClassPattern::Answer a = cp.Match(t);
    ASSERT_NE(a, ClassPattern::Answer::AskRe2) << pattern << " on an ASCII text";
    ASSERT_EQ(a == ClassPattern::Answer::Match, RE2::PartialMatch(t, re)) << pattern << " on \"" << t << "\"";
    matched += a == ClassPattern::Answer::Match ? 1 : 0;
  }
  EXPECT_GT(matched, 0u) << pattern << ": no text matched, so nothing was compared on that side";
  for (const std::string t : {"\xE4\xB8\xAD", "a\xE4\xB8\xAD", "\xE4\xB8\xAD" "a", "ab\xC3\xA9"}) {
    const ClassPattern::Answer a = cp.Match(t);
    if (a != ClassPattern::Answer::AskRe2) {
      EXPECT_EQ(a == ClassPattern::Answer::Match, RE2::PartialMatch(t, re)) << pattern << " on \"" << t << "\"";
    }
  }
}

// Every pattern in schemas/ (x-patternDetails' too) that has the shape: the
// same answers as RE2's. Those without it are declined, not misread.
void CollectPatterns(const nlohmann::json& j, std::vector<std::string>* out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "pattern" && it->is_string()) out->push_back(it->get<std::string>());
      CollectPatterns(*it, out);
    }
  } else if (j.is_array()) {
    for (const nlohmann::json& v : j) CollectPatterns(v, out);
  }
}

TEST(ClassPattern, AnswersAsRe2ForTheSchemasPatterns) {
  std::vector<std::string> patterns;
  for (const char* file : {"common.schema.json", "CreateInstances.request.schema.json",
                           "CreateInstances.instance.schema.json", "CreateTairKVCacheVNode.request.schema.json"}) {
    std::ifstream in(std::string(TAIRLINT_SOURCE_DIR) + "/schemas/" + file);
    ASSERT_TRUE(in) << file;
    CollectPatterns(nlohmann::json::parse(in), &patterns);
  }
  size_t compiled = 0;
  for (const std::string& p : patterns) {
    ClassPattern cp;
    if (!ClassPattern::Compile(p, &cp)) continue;
    ++compiled;
    ExpectSameAsRe2(p, "ab0-_.@ Z");
  }
  // Token, Password, both InstanceName patterns and their details, RegionId.
  EXPECT_GE(compiled, 9u) << "of " << patterns.size();
}

TEST(ClassPattern, AnswersAsRe2ForOtherPatternsOfTheShape) {
  ExpectSameAsRe2(R"(^[a-z]+$)");
  ExpectSameAsRe2(R"(^[A-Z][a-z0-9]+$)");
  ExpectSameAsRe2(R"(^[^a]*$)");
  ExpectSameAsRe2(R"(^[\]\\]*$)");
  ExpectSameAsRe2(R"(^[\d\w]*$)");
}

TEST(ClassPattern, AnswersAsRe2ForRunsJoinedByASeparator) {
  ExpectSameAsRe2(R"(^[a-z]+(-[a-z0-9]+)+$)", "az09-_A");
  ExpectSameAsRe2(R"(^[a-z]*(-[a-z0-9]+)+$)", "az09-_A");
  ExpectSameAsRe2(R"(^[a-z]+(_[0-9]+)*$)", "az09-_A");
  ExpectSameAsRe2(R"(^[^-]+(-[^-\s]+)*$)", "az09-_ \t");
  ClassPattern cp;
  ASSERT_TRUE(ClassPattern::Compile(R"(^[a-z]+(-[a-z0-9]+)+$)", &cp));
  EXPECT_EQ(cp.Match("cn-hangzhou"), ClassPattern::Answer::Match);
  EXPECT_EQ(cp.Match("cn-shanghai-finance-1"), ClassPattern::Answer::Match);
  EXPECT_EQ(cp.Match("cn"), ClassPattern::Answer::NoMatch);
  EXPECT_EQ(cp.Match("cn--x"), ClassPattern::Answer::NoMatch);
  EXPECT_EQ(cp.Match("cn-x-"), ClassPattern::Answer::NoMatch);
  EXPECT_EQ(cp.Match("-x"), ClassPattern::Answer::NoMatch);
  EXPECT_EQ(cp.Match("cn-\xE4\xB8\xAD"), ClassPattern::Answer::AskRe2);
  EXPECT_EQ(cp.Match("Cn-\xE4\xB8\xAD"), ClassPattern::Answer::NoMatch);
}

// A byte outside ASCII goes to RE2, unless an ASCII byte is already outside
// its class.
TEST(ClassPattern, LeavesTextOutsideAsciiToRe2) {
  ClassPattern cp;
  ASSERT_TRUE(ClassPattern::Compile(R"(^[A-Za-z\p{Han}][^\s@]*$)", &cp));
  EXPECT_EQ(cp.Match("\xE4\xB8\xAD" "abc"), ClassPattern::Answer::AskRe2);
  EXPECT_EQ(cp.Match("ab\xE4\xB8\xAD"), ClassPattern::Answer::AskRe2);
  EXPECT_EQ(cp.Match("a@\xE4\xB8\xAD"), ClassPattern::Answer::NoMatch);
  EXPECT_EQ(cp.Match("1\xE4\xB8\xAD"), ClassPattern::Answer::NoMatch);
  EXPECT_EQ(cp.Match("abc"), ClassPattern::Answer::Match);
}

TEST(ClassPattern, DeclinesOtherShapes) {
  ClassPattern cp;
  for (const char* p : {R"(^[a-z]+(.[a-z0-9]+)+$)", R"(^[a-z-]+(-[a-z0-9]+)+$)", R"(^[a-z]+(-[a-z0-9-]+)+$)",
                        R"(^[a-z]+(-[a-z0-9]+)$)", R"(^[a-z]+(-[a-z0-9]*)+$)", R"(^[A-Z][a-z]+(-[a-z]+)+$)",
                        R"(^[a-z]+(--[a-z]+)+$)", R"(^[a-z]+(\-[a-z]+)+$)", R"(^[a-z]+([a-z]+)+$)",
                        R"(^[a-z]+(-[a-z]+)+x$)", R"(^[a-z]+(|[a-z]+)+$)", R"([a-z]*)", R"(^[a-z]*)", R"([a-z]*$)", R"(^[a-z]$)",
                        R"(^[[:alpha:]]*$)", R"(^[]a]*$)", R"(^[a-z]*|x$)", R"(^[a-z][b-c][d]*$)", R"(^[a-z]?$)",
                        R"(^[a-z]*$x)", R"(^[a-z\]*$)", R"(^(a)*$)", R"(^[\p{Bad}]*$)"}) {
    EXPECT_FALSE(ClassPattern::Compile(p, &cp)) << p;
  }
}

}  // namespace
}  // namespace tairlint::detail
