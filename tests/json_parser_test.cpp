// Positions inside a JSON document written as a JSON string (the wire form
// of Instances): RemapPositionsFrom, which walks the string's escapes once,
// must give every node the same file offset as the map of DecodedToRaw.
// And the string scan, which reads sixteen and eight bytes at a time.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "document/document.h"
#include "input/parse.h"

namespace tairlint::detail {
namespace {

// Every position of a tree, in a fixed order.
void Collect(const Node& n, std::vector<uint32_t>* out) {
  out->push_back(n.pos);
  out->push_back(n.end);
  for (const Node& c : n.items) Collect(c, out);
  for (const Member& m : n.members) {
    out->push_back(m.key_pos);
    if (m.has_first) out->push_back(m.first_pos);
    Collect(m.value, out);
  }
}

// Escapes `inner` as the body of a JSON string, choosing among the escapes
// JSON allows for each character (so that every escape form occurs).
std::string Escape(const std::string& inner, std::mt19937* rng) {
  std::string out = "\"";
  for (size_t i = 0; i < inner.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(inner[i]);
    int pick = static_cast<int>((*rng)() % 4);
    if (c == '"') {
      out += pick == 0 ? "\\u0022" : "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x80 && pick == 0) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c == '/' && pick == 1) {
      out += "\\/";
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

void ExpectSameRemap(const std::string& file) {
  Node outer;
  ParseError err;
  ASSERT_TRUE(ParseJson(file, 0, ParseLimits(), &outer, &err)) << err.message << " in " << file;
  const Node* s = outer.get("Instances");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->raw, RawForm::JsonString);
  Node by_map, by_walk;
  ASSERT_TRUE(ParseJson(s->text, 0, ParseLimits(), &by_map, &err)) << err.message;
  ASSERT_TRUE(ParseJson(s->text, 0, ParseLimits(), &by_walk, &err)) << err.message;
  MarkDuplicates(&by_map);
  MarkDuplicates(&by_walk);
  RemapPositions(&by_map, DecodedToRaw(file, *s));
  RemapPositionsFrom(file, *s, &by_walk);
  std::vector<uint32_t> want, got;
  Collect(by_map, &want);
  Collect(by_walk, &got);
  EXPECT_EQ(got, want) << file;
}

TEST(JsonStringPositions, EveryEscapeForm) {
  ExpectSameRemap(R"({"Instances": "[{\"RegionId\": \"cn-hangzhou\", \"quantity\": 1}]"})");
  ExpectSameRemap(R"({"Instances": "[{\"a\\/b\": \"x\\\\y\\n\", \"c\": \"\u00e9\u4e2d\ud83d\ude00z\"}]"})");
  ExpectSameRemap("{\"Instances\": \"[{\\\"name\\\": \\\"中文-é-😀\\\", \\\"n\\\": [1, 2.5, true, null]}]\"}");
  // A duplicate key inside the string: first_pos is remapped too.
  ExpectSameRemap(R"({"Instances": "[{\"k\": 1, \"k\": 2}]"})");
  // Positions at the very end of the string (the closing bracket's end).
  ExpectSameRemap(R"({"x": 1, "Instances": "[]"})");
}

TEST(JsonStringPositions, RandomEscapingsAgreeWithTheMap) {
  std::mt19937 rng(20261122);
  const std::vector<std::string> values = {"cn-hangzhou", "a\"b", "c\\d", "/path/", "中文", "é", "😀", "x y", ""};
  for (int round = 0; round < 300; ++round) {
    std::string inner = "[";
    int elements = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < elements; ++e) {
      if (e) inner += ", ";
      inner += "{";
      int members = static_cast<int>(rng() % 5);
      for (int m = 0; m < members; ++m) {
        if (m) inner += ",";
        inner += "\"k" + std::to_string(rng() % 4) + "\": ";
        if (rng() % 3 == 0) {
          inner += std::to_string(rng() % 1000);
        } else {
          std::string v = values[rng() % values.size()];
          std::string q = "\"";
          for (char c : v) {
            if (c == '"' || c == '\\') q.push_back('\\');
            q.push_back(c);
          }
          inner += q + "\"";
        }
      }
      inner += "}";
    }
    inner += "]";
    ExpectSameRemap("{\n  \"Instances\": " + Escape(inner, &rng) + "\n}");
  }
}

// A byte that ends the plain run of a string (an escape, a quote, a control,
// the first byte of a UTF-8 sequence) is found where it is: at every
// position of strings of every length up to 40, past the 16- and 8-byte
// steps of the scan, in strings that end the input and ones that do not.
TEST(JsonStrings, ABreakInThePlainRunIsFoundAtEveryPosition) {
  for (size_t n = 1; n <= 40; ++n) {
    std::string plain;
    for (size_t i = 0; i < n; ++i) plain.push_back(static_cast<char>('a' + i % 26));
    for (size_t at = 0; at < n; ++at) {
      for (const std::string& after : {std::string(), std::string(40, ' ')}) {
        const std::string head = plain.substr(0, at), rest = plain.substr(at + 1);
        Node v;
        ParseError err;
        // An escape and a two-byte character decode in place.
        ASSERT_TRUE(ParseJson("\"" + head + "\\n" + rest + "\"" + after, 0, ParseLimits(), &v, &err)) << err.message;
        EXPECT_EQ(std::string_view(v.text), head + "\n" + rest) << n << " at " << at;
        ASSERT_TRUE(ParseJson("\"" + head + "\xC3\xA9" + rest + "\"" + after, 0, ParseLimits(), &v, &err)) << err.message;
        EXPECT_EQ(std::string_view(v.text), head + "\xC3\xA9" + rest) << n << " at " << at;
        // DEL is a plain byte.
        ASSERT_TRUE(ParseJson("\"" + head + "\x7F" + rest + "\"" + after, 0, ParseLimits(), &v, &err)) << err.message;
        EXPECT_EQ(v.text.size(), n);
        // A control byte is an error at its place; a quote ends the string.
        EXPECT_FALSE(ParseJson("\"" + head + "\x01" + rest + "\"" + after, 0, ParseLimits(), &v, &err));
        EXPECT_EQ(err.pos, 1 + at) << n << " at " << at;
        EXPECT_EQ(err.message, "control character in a string must be escaped");
        ASSERT_TRUE(ParseJson("\"" + head + "\"" + after, 0, ParseLimits(), &v, &err)) << err.message;
        EXPECT_EQ(std::string_view(v.text), head);
      }
    }
  }
}

}  // namespace
}  // namespace tairlint::detail
