// Ranges (issue 20): every node and key records where it ends, findings
// carry end_line/end_column beside line/column, and the reports show them.
// Ends are exclusive: line:column of the position just past the last
// character, columns in code points.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "document/document.h"
#include "input/parse.h"
#include "report/report.h"
#include "tairlint/tairlint.h"

namespace tairlint::detail {
namespace {

// "line:column-line:column" of the bytes [pos, end) of `text`.
std::string Span(std::string_view text, uint32_t pos, uint32_t end) {
  LineIndex lines(text);
  int l = 0, c = 0, el = 0, ec = 0;
  lines.Locate(pos, &l, &c);
  lines.Locate(end, &el, &ec);
  return std::to_string(l) + ":" + std::to_string(c) + "-" + std::to_string(el) + ":" + std::to_string(ec);
}
std::string Span(std::string_view text, const Node& n) { return Span(text, n.pos, EndOf(n)); }
std::string KeySpan(std::string_view text, const Member& m) { return Span(text, m.key_pos, KeyEndOf(m)); }

// The byte range of the first occurrence of `needle`, as Span shows it.
std::string SpanOf(std::string_view text, std::string_view needle, size_t from = 0) {
  const size_t p = text.find(needle, from);
  EXPECT_NE(p, std::string_view::npos) << needle;
  return Span(text, static_cast<uint32_t>(p), static_cast<uint32_t>(p + needle.size()));
}

Node Json(std::string_view text) {
  Node n;
  ParseError err;
  EXPECT_TRUE(ParseJson(text, 0, ParseLimits{}, &n, &err)) << err.message;
  return n;
}

Node Yaml(std::string_view text) {
  std::vector<Node> docs;
  ParseError err;
  EXPECT_TRUE(ParseYaml(text, 0, ParseLimits{}, &docs, &err)) << err.message;
  EXPECT_EQ(docs.size(), 1u);
  return docs.empty() ? Node() : std::move(docs[0]);
}

Node Query(std::string_view text) {
  Node n;
  ParseError err;
  EXPECT_TRUE(ParseQuery(text, 0, ParseLimits{}, &n, &err)) << err.message;
  return n;
}

const Member& M(const Node& obj, std::string_view key) {
  const Member* m = obj.member(key);
  EXPECT_NE(m, nullptr) << key;
  static const Member kNone;
  return m != nullptr ? *m : kNone;
}

TEST(NodeEnds, JsonValuesAndKeys) {
  const std::string text = "{\n  \"Name\": \"ab\\\"c\",\n  \"Period\": -12.5e1,\n  \"On\": true,\n  \"Z\": null,\n"
                           "  \"Tags\": [1, {\"k\": \"v\"}],\n  \"Empty\": {}\n}";
  Node root = Json(text);
  EXPECT_EQ(Span(text, root), Span(text, 0, static_cast<uint32_t>(text.size())));  // the object, braces included
  EXPECT_EQ(Span(text, M(root, "Name").value), SpanOf(text, "\"ab\\\"c\""));         // quotes included
  EXPECT_EQ(KeySpan(text, M(root, "Name")), SpanOf(text, "\"Name\""));
  EXPECT_EQ(Span(text, M(root, "Period").value), SpanOf(text, "-12.5e1"));
  EXPECT_EQ(Span(text, M(root, "On").value), SpanOf(text, "true"));
  EXPECT_EQ(Span(text, M(root, "Z").value), SpanOf(text, "null"));
  EXPECT_EQ(Span(text, M(root, "Tags").value), SpanOf(text, "[1, {\"k\": \"v\"}]"));
  EXPECT_EQ(Span(text, M(root, "Tags").value.items[1]), SpanOf(text, "{\"k\": \"v\"}"));
  EXPECT_EQ(KeySpan(text, M(M(root, "Tags").value.items[1], "k")), SpanOf(text, "\"k\""));
  EXPECT_EQ(Span(text, M(root, "Empty").value), SpanOf(text, "{}"));
  EXPECT_EQ(Span(text, M(root, "Period").value), "3:13-3:20");
}

TEST(NodeEnds, JsonColumnsCountCodePoints) {
  const std::string text = "{\"Name\": \"\xC3\xA9t\xC3\xA9\", \"\xE4\xB8\xAD\": 1}";
  Node root = Json(text);
  EXPECT_EQ(Span(text, M(root, "Name").value), "1:10-1:15");  // "été": 5 code points with its quotes
  EXPECT_EQ(KeySpan(text, root.members[1]), "1:17-1:20");      // "中"
}

TEST(NodeEnds, JsonMultiLineObjectEndsOnItsLastLine) {
  const std::string text = "{\"A\": {\n  \"b\": 1\n  }\n}\n";
  Node root = Json(text);
  EXPECT_EQ(Span(text, M(root, "A").value), "1:7-3:4");
}

TEST(NodeEnds, YamlScalars) {
  const std::string text =
      "Plain: cn-hangzhou   # comment\n"
      "Single: 'it''s'\n"
      "Double: \"a\\\"b\"\n"
      "Multi: first\n  second\n"
      "Block: |\n  line one\n  line \xC3\xA9\n\n"
      "Folded: >-\n    x\n    y  \n"
      "Last: 1\n";
  Node root = Yaml(text);
  EXPECT_EQ(Span(text, M(root, "Plain").value), SpanOf(text, "cn-hangzhou"));  // blanks and comment left out
  EXPECT_EQ(KeySpan(text, M(root, "Plain")), SpanOf(text, "Plain"));
  EXPECT_EQ(Span(text, M(root, "Single").value), SpanOf(text, "'it''s'"));
  EXPECT_EQ(Span(text, M(root, "Double").value), SpanOf(text, "\"a\\\"b\""));
  EXPECT_EQ(Span(text, M(root, "Multi").value), "4:8-5:9");  // a plain scalar over two lines
  // A block scalar: from its first content byte to the end of its last
  // content line; the trailing empty line is not underlined.
  EXPECT_EQ(Span(text, M(root, "Block").value), "7:3-8:9");
  EXPECT_EQ(Span(text, M(root, "Folded").value), "11:5-12:8");  // trailing blanks of a content line kept
}

TEST(NodeEnds, YamlCollectionsAndAliases) {
  const std::string text =
      "Flow: [a, {b: c}]\n"
      "Anchor: &x value\n"
      "Block:\n  - one\n  - two   \n"
      "Alias: *x\n"
      "*x : key alias\n";
  Node root = Yaml(text);
  EXPECT_EQ(Span(text, M(root, "Flow").value), SpanOf(text, "[a, {b: c}]"));
  EXPECT_EQ(Span(text, M(root, "Flow").value.items[1]), SpanOf(text, "{b: c}"));
  EXPECT_EQ(Span(text, M(root, "Anchor").value), SpanOf(text, "value"));
  // A block sequence ends with its last item.
  EXPECT_EQ(Span(text, M(root, "Block").value), "4:3-5:8");
  // An aliased value keeps the anchored node's span, as it keeps its start.
  EXPECT_EQ(Span(text, M(root, "Alias").value), SpanOf(text, "value"));
  // An alias key is where it is written: the alias token.
  const uint32_t alias_key = static_cast<uint32_t>(text.rfind("*x"));
  EXPECT_EQ(KeySpan(text, M(root, "value")), Span(text, alias_key, alias_key + 2));
  // The root mapping ends with its last value.
  EXPECT_EQ(Span(text, root), Span(text, 0, static_cast<uint32_t>(text.rfind("alias") + 5)));
}

TEST(NodeEnds, QueryValuesAndKeys) {
  const std::string text = "Action=CreateInstances&InstanceName=caf%C3%A9+bar&Flag&RegionId=cn-hangzhou\n";
  Node root = Query(text);
  EXPECT_EQ(Span(text, M(root, "InstanceName").value), SpanOf(text, "caf%C3%A9+bar"));  // the encoded text
  EXPECT_EQ(KeySpan(text, M(root, "InstanceName")), SpanOf(text, "InstanceName"));
  EXPECT_EQ(KeySpan(text, M(root, "Flag")), SpanOf(text, "Flag"));
  EXPECT_EQ(Span(text, M(root, "RegionId").value), SpanOf(text, "cn-hangzhou"));
}

// A string-encoded Instances parsed and remapped as DecodeInstances does.
Node Inner(std::string_view file, const Node& str) {
  Node inner;
  ParseError err;
  EXPECT_TRUE(ParseJson(str.text, 0, ParseLimits{}, &inner, &err)) << err.message;
  RemapPositionsFrom(file, str, &inner);
  return inner;
}

TEST(NodeEnds, InsideAJsonStringEncodedInstances) {
  // \" and \u00e9 before the value: the raw text is longer than the decoded.
  const std::string text =
      R"({"Instances": "[{\"InstanceName\": \"\u00e9\\\"x\", \"Period\": 10, \"Tag\": [\"a\"]}]"})";
  Node root = Json(text);
  const Node& str = M(root, "Instances").value;
  Node inner = Inner(text, str);
  const Node& el = inner.items[0];
  EXPECT_EQ(Span(text, M(el, "InstanceName").value), SpanOf(text, R"(\"\u00e9\\\"x\")"));
  EXPECT_EQ(KeySpan(text, M(el, "InstanceName")), SpanOf(text, R"(\"InstanceName\")"));
  EXPECT_EQ(Span(text, M(el, "Period").value), SpanOf(text, "10"));
  EXPECT_EQ(Span(text, M(el, "Tag").value), SpanOf(text, R"([\"a\"])"));
  EXPECT_EQ(Span(text, el), Span(text, static_cast<uint32_t>(text.find("{\\\"InstanceName")),
                                static_cast<uint32_t>(text.find("}]\"}") + 1)));
  EXPECT_EQ(Span(text, inner), Span(text, static_cast<uint32_t>(text.find("[{")),
                                    static_cast<uint32_t>(text.find("]\"}") + 1)));
  // The map gives the same answer as the direct walk.
  Node again;
  ParseError err;
  ASSERT_TRUE(ParseJson(str.text, 0, ParseLimits{}, &again, &err));
  RemapPositions(&again, DecodedToRaw(text, str));
  EXPECT_EQ(Span(text, M(again.items[0], "InstanceName").value), Span(text, M(el, "InstanceName").value));
  EXPECT_EQ(KeySpan(text, M(again.items[0], "Period")), KeySpan(text, M(el, "Period")));
  EXPECT_EQ(Span(text, again), Span(text, inner));
}

TEST(NodeEnds, InsideAYamlBlockAndAQueryInstances) {
  const std::string yaml = "Instances: |\n  [{\"Period\": 10,\n    \"Name\": \"x\"}]\nOther: 1\n";
  Node root = Yaml(yaml);
  Node inner = Inner(yaml, M(root, "Instances").value);
  EXPECT_EQ(Span(yaml, M(inner.items[0], "Name").value), SpanOf(yaml, "\"x\""));
  EXPECT_EQ(Span(yaml, inner), "2:3-3:18");  // the array, over two lines
  const std::string query = "Instances=%5B%7B%22Period%22%3A10%7D%5D&Action=CreateInstances";
  Node q = Query(query);
  Node qi = Inner(query, M(q, "Instances").value);
  EXPECT_EQ(Span(query, M(qi.items[0], "Period").value), SpanOf(query, "10"));
  EXPECT_EQ(KeySpan(query, M(qi.items[0], "Period")), SpanOf(query, "%22Period%22"));
  EXPECT_EQ(Span(query, qi), SpanOf(query, "%5B%7B%22Period%22%3A10%7D%5D"));
}

TEST(NodeEnds, FromJsonHasNoPositions) {
  Node n;
  ASSERT_TRUE(FromJson(nlohmann::json::parse(R"({"a": [1, "x"]})"), &n));
  EXPECT_EQ(EndOf(n), 0u);
  EXPECT_EQ(KeyEndOf(n.members[0]), 0u);
  EXPECT_EQ(EndOf(n.members[0].value.items[1]), 0u);
}

Draft At(uint32_t pos, uint32_t end, std::string pointer) {
  Draft d;
  d.rule = "string-value";
  d.severity = Severity::Warning;
  d.pointer = std::move(pointer);
  d.pos = pos;
  d.end = end;
  return d;
}

TEST(FindingEnds, ReportFillsEndLineAndColumn) {
  const std::string text = "{\"\xC3\xA9\": \"abc\",\n \"B\": [1,\n 2]}";
  CheckOptions options;
  Report r(Action::CreateInstances, options);
  const uint32_t str = static_cast<uint32_t>(text.find("\"abc\""));
  const uint32_t arr = static_cast<uint32_t>(text.find('['));
  r.Add(At(str, str + 5, "/a"));
  r.Add(At(arr, static_cast<uint32_t>(text.find(']') + 1), "/B"));  // ends on the next line
  r.Add(At(1, 0, "/unknown"));   // no end: the end is the start
  r.Add(At(arr, arr, "/empty"));  // an end not past the start: the same
  std::vector<Finding> fs = r.Finish(text);
  ASSERT_EQ(fs.size(), 4u);
  auto find = [&](const std::string& p) -> const Finding& {
    for (const Finding& f : fs) {
      if (f.pointer == p) return f;
    }
    ADD_FAILURE() << p;
    return fs[0];
  };
  const Finding& a = find("/a");
  EXPECT_EQ(a.line, 1);
  EXPECT_EQ(a.column, 7);  // "é" is one column
  EXPECT_EQ(a.end_line, 1);
  EXPECT_EQ(a.end_column, 12);
  const Finding& b = find("/B");
  EXPECT_EQ(b.line, 2);
  EXPECT_EQ(b.column, 7);
  EXPECT_EQ(b.end_line, 3);
  EXPECT_EQ(b.end_column, 4);
  const Finding& u = find("/unknown");
  EXPECT_EQ(u.end_line, u.line);
  EXPECT_EQ(u.end_column, u.column);
  const Finding& e = find("/empty");
  EXPECT_EQ(e.end_line, e.line);
  EXPECT_EQ(e.end_column, e.column);
}

TEST(FindingEnds, UnpositionedDraftsHaveNoEnd) {
  CheckOptions options;
  Report r(Action::CreateInstances, options);
  Draft d = At(3, 9, "/a");
  d.positioned = false;
  r.Add(d);
  std::vector<Finding> fs = r.Finish("0123456789abc");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].line, 0);
  EXPECT_EQ(fs[0].end_line, 0);
  EXPECT_EQ(fs[0].end_column, 0);
}

TEST(FindingEnds, ManyFindingsEndingAtTheEndOfOneLongLine) {
  // Ends are located in increasing order, apart from the starts: many
  // findings of a long one-line document stay cheap, and every end is right.
  std::string text = "{";
  for (int i = 0; i < 200; ++i) text += "\"k" + std::to_string(i) + "\": \"v\", ";
  text += "\"z\": 1}";
  CheckOptions options;
  Report r(Action::CreateInstances, options);
  for (uint32_t i = 0; i < 200; ++i) r.Add(At(i * 10, static_cast<uint32_t>(text.size()), "/p" + std::to_string(i)));
  std::vector<Finding> fs = r.Finish(text);
  ASSERT_EQ(fs.size(), 200u);
  for (const Finding& f : fs) {
    EXPECT_EQ(f.end_line, 1);
    EXPECT_EQ(f.end_column, static_cast<int>(text.size()) + 1);
  }
}

// The idempotency ledger's finding spans the token's value when the
// Result says where it ends, and is a point at its start otherwise.
TEST(FindingEnds, LedgerFindingSpansTheToken) {
  auto request = [](uint64_t fingerprint, int end_line, int end_column) {
    Result r;
    r.action = Action::CreateInstances;
    r.token = "tok-1";
    r.fingerprint = fingerprint;
    r.token_parameter = "Token";
    r.token_line = 3;
    r.token_column = 12;
    r.token_end_line = end_line;
    r.token_end_column = end_column;
    return r;
  };
  TokenLedger ledger;
  Result first = request(1, 3, 19);
  ledger.Record("a.json", &first);
  ASSERT_TRUE(first.findings.empty());
  Result clash = request(2, 3, 19);
  ledger.Record("b.json", &clash);
  ASSERT_EQ(clash.findings.size(), 1u);
  EXPECT_EQ(clash.findings[0].line, 3);
  EXPECT_EQ(clash.findings[0].column, 12);
  EXPECT_EQ(clash.findings[0].end_line, 3);
  EXPECT_EQ(clash.findings[0].end_column, 19);
  Result unknown_end = request(3, 0, 0);
  ledger.Record("c.json", &unknown_end);
  ASSERT_EQ(unknown_end.findings.size(), 1u);
  EXPECT_EQ(unknown_end.findings[0].end_line, 3);
  EXPECT_EQ(unknown_end.findings[0].end_column, 12);
}

// The JSON report: end_line and end_column right after column.
TEST(FindingEnds, JsonReportPutsTheEndAfterTheColumn) {
  FileReport file{"a.json", {}};
  Finding f;
  f.rule = "x";
  f.line = 2;
  f.column = 5;
  f.end_line = 4;
  f.end_column = 1;
  file.result.findings = {f};
  const std::string out = FormatJson({file});
  EXPECT_NE(out.find("\"line\": 2,\n          \"column\": 5,\n          \"end_line\": 4,\n          \"end_column\": 1\n"),
            std::string::npos)
      << out;
}


// End to end, through Check: needs checker.cpp to locate the token's end
// and to zero the ends of a check without positions.
TEST(FindingEnds, TokenClashSpansTheTokenValue) {
  const std::string a = "{\n  \"Action\": \"CreateInstances\",\n  \"Token\": \"tok-12\",\n  \"Instances\": []\n}";
  const std::string b = "{\n  \"Action\": \"CreateInstances\",\n  \"Token\": \"tok-12\",\n  \"Instances\": [{}]\n}";
  Checker checker;
  Result ra = checker.Check(a), rb = checker.Check(b);
  EXPECT_EQ(rb.token_line, 3);
  EXPECT_EQ(rb.token_column, 12);
  EXPECT_EQ(rb.token_end_line, 3);
  EXPECT_EQ(rb.token_end_column, 12 + 8);  // "tok-12" with its quotes
  TokenLedger ledger;
  ledger.Record("a.json", &ra);
  ledger.Record("b.json", &rb);
  EXPECT_EQ(ra.token, rb.token);
  EXPECT_NE(ra.fingerprint, rb.fingerprint);
  const Finding* f = nullptr;
  for (const Finding& x : rb.findings) {
    if (x.rule == "idempotent-token") f = &x;
  }
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 3);
  EXPECT_EQ(f->column, 12);
  EXPECT_EQ(f->end_line, 3);
  EXPECT_EQ(f->end_column, 20);
}

TEST(FindingEnds, ACheckWithoutPositionsHasNoEnds) {
  Checker checker;
  Result r = checker.CheckJson(nlohmann::json::parse(R"({"Action": "CreateInstances", "Instances": [{"Period": 0}]})"));
  ASSERT_FALSE(r.findings.empty());
  for (const Finding& f : r.findings) {
    EXPECT_EQ(f.line, 0) << f.rule;
    EXPECT_EQ(f.end_line, 0) << f.rule;
    EXPECT_EQ(f.end_column, 0) << f.rule;
  }
}

}  // namespace
}  // namespace tairlint::detail
