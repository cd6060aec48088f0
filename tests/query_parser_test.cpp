// Tests of the RPC query string parser (lib/src/query_parser.cpp) and
// DecodedToRawPercent.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "input/parse.h"

namespace tairlint::detail {
namespace {

Node Parse(std::string_view text, const ParseLimits& limits = {}, uint32_t base = 0) {
  Node out;
  ParseError err;
  EXPECT_TRUE(ParseQuery(text, base, limits, &out, &err)) << err.message << " at " << err.pos;
  return out;
}

ParseError Fail(std::string_view text, const ParseLimits& limits = {}) {
  Node out;
  ParseError err;
  EXPECT_FALSE(ParseQuery(text, 0, limits, &out, &err)) << "parsed: " << text;
  return err;
}

uint32_t Off(std::string_view text, std::string_view needle, int nth = 0) {
  size_t p = text.find(needle);
  for (int i = 0; i < nth && p != std::string_view::npos; ++i) p = text.find(needle, p + 1);
  EXPECT_NE(p, std::string_view::npos) << needle;
  return static_cast<uint32_t>(p);
}

const char kInstances[] =
    "%5B%7B%22RegionId%22%3A%22cn-hangzhou%22%2C%22Period%22%3A1%2C%22Name%22%3A%22%E4%B8%AD%22%7D%5D";

TEST(QueryParser, Basic) {
  const std::string text = std::string("Action=CreateInstances&Instances=") + kInstances + "&Token=abc";
  Node q = Parse(text);
  ASSERT_EQ(q.kind, Kind::Object);
  EXPECT_EQ(q.written, Kind::Object);
  ASSERT_EQ(q.members.size(), 3u);
  EXPECT_EQ(q.members[0].key, "Action");
  EXPECT_EQ(q.members[0].key_pos, 0u);
  EXPECT_EQ(q.members[1].key, "Instances");
  EXPECT_EQ(q.members[1].key_pos, Off(text, "&Instances") + 1);
  EXPECT_EQ(q.members[2].key, "Token");
  EXPECT_EQ(q.members[2].key_pos, Off(text, "Token"));
  for (const Member& m : q.members) {
    EXPECT_EQ(m.value.kind, Kind::String);
    EXPECT_EQ(m.value.written, Kind::String);
    EXPECT_EQ(m.value.raw, RawForm::Percent);
    EXPECT_FALSE(m.value.bad_utf8);
  }
  const Node& action = q.members[0].value;
  EXPECT_EQ(action.text, "CreateInstances");
  EXPECT_EQ(action.pos, Off(text, "CreateInstances"));
  EXPECT_EQ(action.end, Off(text, "&Instances"));
  const Node& inst = q.members[1].value;
  EXPECT_EQ(inst.text,
            "[{\"RegionId\":\"cn-hangzhou\",\"Period\":1,\"Name\":\"\xE4\xB8\xAD\"}]");
  EXPECT_EQ(inst.pos, Off(text, "%5B"));
  EXPECT_EQ(inst.end, Off(text, "&Token"));
  EXPECT_EQ(q.members[2].value.text, "abc");
  EXPECT_EQ(q.members[2].value.end, text.size());
  EXPECT_EQ(q.pos, 0u);
  EXPECT_EQ(q.end, text.size());
}

TEST(QueryParser, PlusIsSpace) {
  Node q = Parse("Description=my+instance%2Bplus%20x&A+B=1");
  EXPECT_EQ(q.members[0].value.text, "my instance+plus x");
  EXPECT_EQ(q.members[1].key, "A B");
}

TEST(QueryParser, LeadingQuestionMarkAndUrl) {
  const std::string text = "?Action=CreateInstances&RegionId=cn-hangzhou";
  Node q = Parse(text);
  ASSERT_EQ(q.members.size(), 2u);
  EXPECT_EQ(q.members[0].key, "Action");
  EXPECT_EQ(q.members[0].key_pos, 1u);
  EXPECT_EQ(q.pos, 1u);
  const std::string url = "https://r-kvstore.aliyuncs.com/?Action=CreateInstances&Token=t";
  q = Parse(url);
  ASSERT_EQ(q.members.size(), 2u);
  EXPECT_EQ(q.members[0].key, "Action");
  EXPECT_EQ(q.members[0].key_pos, Off(url, "Action"));
  EXPECT_EQ(q.members[1].value.pos, Off(url, "=t") + 1);
  // A `?` inside a value (after parameters) does not cut the query.
  const std::string value_q = "Action=X&Description=why?not";
  q = Parse(value_q);
  ASSERT_EQ(q.members.size(), 2u);
  EXPECT_EQ(q.members[1].value.text, "why?not");
}

TEST(QueryParser, SurroundingWhitespaceIgnored) {
  const std::string text = "  Action=CreateInstances&Token=abc \r\n\t\n";
  Node q = Parse(text);
  ASSERT_EQ(q.members.size(), 2u);
  EXPECT_EQ(q.members[0].key_pos, 2u);
  EXPECT_EQ(q.members[1].value.text, "abc");
  EXPECT_EQ(q.members[1].value.end, Off(text, " \r\n"));
  EXPECT_EQ(q.end, Off(text, " \r\n"));
  EXPECT_TRUE(Parse("\n\n").members.empty());
  EXPECT_TRUE(Parse("").members.empty());
}

TEST(QueryParser, EmptySegmentsAndMissingValues) {
  const std::string text = "&a=1&&b&c=&=d&";
  Node q = Parse(text);
  ASSERT_EQ(q.members.size(), 4u);
  EXPECT_EQ(q.members[0].key, "a");
  EXPECT_EQ(q.members[0].value.text, "1");
  EXPECT_EQ(q.members[1].key, "b");  // no '=': an empty value
  EXPECT_EQ(q.members[1].value.text, "");
  EXPECT_EQ(q.members[1].value.kind, Kind::String);
  EXPECT_EQ(q.members[1].value.pos, Off(text, "b&") + 1);  // just past the key
  EXPECT_EQ(q.members[2].key, "c");
  EXPECT_EQ(q.members[2].value.text, "");
  EXPECT_EQ(q.members[2].value.pos, Off(text, "c=") + 2);  // just after '='
  EXPECT_EQ(q.members[2].value.end, Off(text, "c=") + 2);
  EXPECT_EQ(q.members[3].key, "");
  EXPECT_EQ(q.members[3].value.text, "d");
  EXPECT_EQ(q.members[3].key_pos, Off(text, "=d"));
  // A second '=' belongs to the value.
  Node eq = Parse("a=b=c");
  EXPECT_EQ(eq.members[0].value.text, "b=c");
}

TEST(QueryParser, DuplicatesKeptInOrder) {
  Node q = Parse("a=1&b=2&a=3");
  ASSERT_EQ(q.members.size(), 3u);
  EXPECT_EQ(q.members[2].key, "a");
  EXPECT_EQ(q.members[2].value.text, "3");
  EXPECT_FALSE(q.members[0].value.shadowed);  // MarkDuplicates does that
}

TEST(QueryParser, MalformedEscapes) {
  const std::string bad_hex = "Action=X&Password=ab%G1cd";
  ParseError err = Fail(bad_hex);
  EXPECT_EQ(err.pos, Off(bad_hex, "%G1"));
  EXPECT_NE(err.message.find("percent"), std::string::npos) << err.message;
  EXPECT_EQ(err.message.find("ab"), std::string::npos) << "quotes the value: " << err.message;
  const std::string short_end = "Action=X&Token=%2";
  err = Fail(short_end);
  EXPECT_EQ(err.pos, Off(short_end, "%2"));
  const std::string lone = "Action=X&Token=%";
  err = Fail(lone);
  EXPECT_EQ(err.pos, lone.size() - 1);
  // An escape cut by '&' is malformed too.
  const std::string cut = "a=%4&b=1";
  err = Fail(cut);
  EXPECT_EQ(err.pos, 2u);
  const std::string key = "a%zz=1";
  err = Fail(key);
  EXPECT_EQ(err.pos, 1u);
}

TEST(QueryParser, BadUtf8Flagged) {
  Node q = Parse("Name=%FF%FEok&Good=%E4%B8%AD&Cut=%E4%B8");
  ASSERT_EQ(q.members.size(), 3u);
  EXPECT_TRUE(q.members[0].value.bad_utf8);
  EXPECT_EQ(q.members[0].value.text, "\xFF\xFEok");
  EXPECT_FALSE(q.members[1].value.bad_utf8);
  EXPECT_EQ(q.members[1].value.text, "\xE4\xB8\xAD");
  EXPECT_TRUE(q.members[2].value.bad_utf8);
  // Raw bytes that are not UTF-8 are flagged the same way.
  Node raw = Parse("Name=\xC3\x28");
  EXPECT_TRUE(raw.members[0].value.bad_utf8);
  // A key must be UTF-8.
  const std::string bad_key = "a=1&%FFkey=2";
  ParseError err = Fail(bad_key);
  EXPECT_EQ(err.pos, Off(bad_key, "%FF"));
  EXPECT_NE(err.message.find("UTF-8"), std::string::npos) << err.message;
}

TEST(QueryParser, MaxParams) {
  ParseLimits limits;
  limits.max_query_params = 3;
  EXPECT_EQ(Parse("a=1&b=2&&c=3&", limits).members.size(), 3u);
  const std::string text = "a=1&b=2&&c=3&d=4&e=5";
  ParseError err = Fail(text, limits);
  EXPECT_EQ(err.pos, Off(text, "d=4"));
  EXPECT_NE(err.message.find("more than 3"), std::string::npos) << err.message;
}

TEST(QueryParser, MaxStringBytes) {
  ParseLimits limits;
  limits.max_string_bytes = 4;
  EXPECT_EQ(Parse("abcd=%41%42%43%44", limits).members[0].value.text, "ABCD");
  const std::string long_value = "a=1&b=%41%42%43%44%45";
  ParseError err = Fail(long_value, limits);
  EXPECT_EQ(err.pos, Off(long_value, "%41"));
  EXPECT_NE(err.message.find("longer than 4 bytes"), std::string::npos) << err.message;
  const std::string long_key = "a=1&abcde=1";
  err = Fail(long_key, limits);
  EXPECT_EQ(err.pos, Off(long_key, "abcde"));
}

TEST(QueryParser, ControlCharactersAndLines) {
  // Lenient: raw spaces and control characters are values like any other.
  Node q = Parse("a=b c&d=\x01\te");
  EXPECT_EQ(q.members[0].value.text, "b c");
  EXPECT_EQ(q.members[1].value.text, "\x01\te");
  const std::string two_lines = "a=1\nb=2";
  ParseError err = Fail(two_lines);
  EXPECT_EQ(err.message, "a query string is one line");
  EXPECT_EQ(err.pos, 3u);
  err = Fail("a=1\r\nb=2\n");
  EXPECT_EQ(err.pos, 3u);
  const std::string nul("a=1\0b", 5);
  err = Fail(nul);
  EXPECT_EQ(err.pos, 3u);
  // Decoded NUL and line breaks are fine: only raw ones break the line.
  EXPECT_EQ(std::string_view(Parse("a=%00%0A").members[0].value.text), std::string_view("\0\n", 2));
}

TEST(QueryParser, Base) {
  const std::string file = "\xEF\xBB\xBF" "a=1&b=%41";
  Node q = Parse(std::string_view(file).substr(3), {}, 3);
  EXPECT_EQ(q.members[0].key_pos, 3u);
  EXPECT_EQ(q.members[1].value.pos, Off(file, "%41"));
  std::vector<uint32_t> map = DecodedToRaw(file, q.members[1].value);
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map[0], Off(file, "%41"));
  EXPECT_EQ(map[1], file.size());
}

TEST(QueryParser, DecodedToRawPercent) {
  const std::string text = std::string("Action=CreateInstances&Instances=") + kInstances + "&Token=a+b";
  Node q = Parse(text);
  const Node& inst = q.members[1].value;
  std::vector<uint32_t> map = DecodedToRaw(text, inst);
  ASSERT_EQ(map.size(), inst.text.size() + 1);
  // The decoded "Period" key (with its quote) maps to the raw %22 before it.
  const size_t period = inst.text.find("\"Period\"");
  EXPECT_EQ(map[period], Off(text, "%22Period"));
  EXPECT_EQ(map[period + 1], Off(text, "Period"));
  EXPECT_EQ(map[0], Off(text, "%5B"));
  // Every byte of a multi-byte character maps to its own %XX.
  const size_t zhong = inst.text.find("\xE4\xB8\xAD");
  EXPECT_EQ(map[zhong], Off(text, "%E4"));
  EXPECT_EQ(map[zhong + 1], Off(text, "%B8"));
  EXPECT_EQ(map[zhong + 2], Off(text, "%AD"));
  EXPECT_EQ(map[inst.text.size()], Off(text, "&Token"));
  // Each decoded byte maps to its raw byte or to the '%' of its escape.
  for (size_t i = 0; i < inst.text.size(); ++i) {
    const char raw = text[map[i]];
    EXPECT_TRUE(raw == '%' || raw == inst.text[i]) << i;
  }
  const Node& token = q.members[2].value;
  std::vector<uint32_t> tmap = DecodedToRaw(text, token);
  EXPECT_EQ(token.text, "a b");
  EXPECT_EQ(tmap[1], Off(text, "+b"));
  EXPECT_EQ(tmap[3], text.size());
}

TEST(QueryParser, DecodedToRawStaysInside) {
  const std::string text = "a=xyz&b=2";
  Node n;
  n.kind = n.written = Kind::String;
  n.raw = RawForm::Percent;
  n.text = "something else entirely";
  n.pos = 2;
  n.end = 5;
  for (uint32_t p : DecodedToRaw(text, n)) {
    EXPECT_GE(p, 2u);
    EXPECT_LE(p, 5u);
  }
  n.pos = 50;
  n.end = 60;
  for (uint32_t p : DecodedToRaw(text, n)) EXPECT_LE(p, text.size());
}

}  // namespace
}  // namespace tairlint::detail
