// Tests of the YAML parser (lib/src/yaml_parser.cpp): kinds, positions,
// limits, aliases, libyaml errors and DecodedToRawYaml.

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "input/parse.h"

namespace tairlint::detail {
namespace {

std::vector<Node> Parse(std::string_view text, const ParseLimits& limits = {}, uint32_t base = 0) {
  std::vector<Node> docs;
  ParseError err;
  EXPECT_TRUE(ParseYaml(text, base, limits, &docs, &err)) << err.message << " at " << err.pos;
  return docs;
}

Node One(std::string_view text) {
  std::vector<Node> docs = Parse(text);
  EXPECT_EQ(docs.size(), 1u);
  return docs.empty() ? Node() : std::move(docs[0]);
}

ParseError Fail(std::string_view text, const ParseLimits& limits = {}) {
  std::vector<Node> docs;
  ParseError err;
  EXPECT_FALSE(ParseYaml(text, 0, limits, &docs, &err)) << "parsed: " << text;
  return err;
}

// Byte offset of the n-th (0-based) occurrence of `needle` in `text`.
uint32_t Off(std::string_view text, std::string_view needle, int nth = 0) {
  size_t p = text.find(needle);
  for (int i = 0; i < nth && p != std::string_view::npos; ++i) p = text.find(needle, p + 1);
  EXPECT_NE(p, std::string_view::npos) << needle;
  return static_cast<uint32_t>(p);
}

// The value of `key` in `doc`; a failure and a null node when there is none.
const Node& Value(const Node& doc, std::string_view key) {
  static const Node kNone;
  const Member* m = doc.member(key);
  if (m == nullptr) {
    ADD_FAILURE() << "no member " << key;
    return kNone;
  }
  return m->value;
}

// Checks every node: written == kind, positions inside the text, no span
// (of a node or a key) ending before it starts.
void ExpectSane(const Node& root, size_t size) {
  std::vector<const Node*> stack{&root};
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    EXPECT_EQ(n->written, n->kind);
    EXPECT_LE(n->pos, size);
    EXPECT_LE(n->end, size);
    EXPECT_LE(n->pos, n->end);
    for (const Node& c : n->items) stack.push_back(&c);
    for (const Member& m : n->members) {
      EXPECT_LE(m.key_pos, size);
      EXPECT_LE(m.key_end, size);
      EXPECT_LE(m.key_pos, m.key_end);
      stack.push_back(&m.value);
    }
  }
}

// DecodedToRaw of `node`, checked to be non-decreasing and inside the file.
std::vector<uint32_t> Map(std::string_view file, const Node& node) {
  std::vector<uint32_t> map = DecodedToRaw(file, node);
  EXPECT_EQ(map.size(), node.text.size() + 1);
  for (size_t i = 0; i < map.size(); ++i) {
    EXPECT_LE(map[i], file.size());
    if (i > 0) {
      EXPECT_LE(map[i - 1], map[i]) << "at " << i;
    }
  }
  return map;
}

// Every decoded letter or digit maps to the same byte in the file (true for
// values without escapes that produce letters).
void ExpectAlnumMapsToItself(std::string_view file, const Node& node) {
  std::vector<uint32_t> map = Map(file, node);
  for (size_t i = 0; i < node.text.size(); ++i) {
    const char c = node.text[i];
    if (std::isalnum(static_cast<unsigned char>(c))) {
      EXPECT_EQ(file[map[i]], c) << "decoded byte " << i << " of \"" << node.text << "\"";
    }
  }
}

TEST(YamlParser, ScalarKinds) {
  const std::string text =
      "EngineVersion: 5.0\n"
      "Quoted: \"5.0\"\n"
      "Single: '5.0'\n"
      "Tilde: ~\n"
      "Null1: null\n"
      "Null2: Null\n"
      "Null3: NULL\n"
      "Empty:\n"
      "Yes: yes\n"
      "T: true\n"
      "T2: True\n"
      "F: FALSE\n"
      "N1: -1e3\n"
      "N2: .5\n"
      "N3: +12\n"
      "N4: 5.\n"
      "N5: 007\n"
      "S1: 1_000\n"
      "S2: 0x1F\n"
      "S3: .inf\n"
      "S4: 1e\n"
      "S5: '-'\n"
      "S6: truey\n"
      "StrTag: !!str 5\n"
      "StrTagEmpty: !!str\n"
      "Bang: ! 12\n"
      "QuotedNull: \"null\"\n"
      "Block: |\n  12\n"
      "OnOff: on\n";
  Node doc = One(text);
  ExpectSane(doc, text.size());
  ASSERT_TRUE(doc.is_object());
  auto kind = [&](const char* key) { return Value(doc, key).kind; };
  auto txt = [&](const char* key) { return Value(doc, key).text; };
  EXPECT_EQ(kind("EngineVersion"), Kind::Number);
  EXPECT_EQ(txt("EngineVersion"), "5.0");
  EXPECT_EQ(kind("Quoted"), Kind::String);
  EXPECT_EQ(txt("Quoted"), "5.0");
  EXPECT_EQ(kind("Single"), Kind::String);
  for (const char* k : {"Tilde", "Null1", "Null2", "Null3", "Empty"}) EXPECT_EQ(kind(k), Kind::Null) << k;
  EXPECT_EQ(kind("Yes"), Kind::String);
  EXPECT_EQ(txt("Yes"), "yes");
  EXPECT_EQ(kind("OnOff"), Kind::String);
  EXPECT_EQ(kind("T"), Kind::Bool);
  EXPECT_TRUE(Value(doc, "T").boolean);
  EXPECT_EQ(txt("T2"), "True");
  EXPECT_TRUE(Value(doc, "T2").boolean);
  EXPECT_EQ(kind("F"), Kind::Bool);
  EXPECT_FALSE(Value(doc, "F").boolean);
  EXPECT_EQ(txt("F"), "FALSE");
  for (const char* k : {"N1", "N2", "N3", "N4", "N5"}) EXPECT_EQ(kind(k), Kind::Number) << k;
  EXPECT_EQ(txt("N1"), "-1e3");
  EXPECT_EQ(txt("N5"), "007");
  for (const char* k : {"S1", "S2", "S3", "S4", "S5", "S6"}) EXPECT_EQ(kind(k), Kind::String) << k;
  EXPECT_EQ(kind("StrTag"), Kind::String);
  EXPECT_EQ(txt("StrTag"), "5");
  EXPECT_EQ(kind("StrTagEmpty"), Kind::String);
  EXPECT_EQ(txt("StrTagEmpty"), "");
  EXPECT_EQ(kind("Bang"), Kind::String);
  EXPECT_EQ(kind("QuotedNull"), Kind::String);
  EXPECT_EQ(kind("Block"), Kind::String);
  EXPECT_EQ(txt("Block"), "12\n");

  EXPECT_EQ(Value(doc, "EngineVersion").raw, RawForm::YamlPlain);
  EXPECT_EQ(Value(doc, "Quoted").raw, RawForm::YamlDouble);
  EXPECT_EQ(Value(doc, "Single").raw, RawForm::YamlSingle);
  EXPECT_EQ(Value(doc, "Block").raw, RawForm::YamlBlock);
}

TEST(YamlParser, TopLevelScalarAndSequence) {
  Node s = One("hello");
  EXPECT_EQ(s.kind, Kind::String);
  EXPECT_EQ(s.text, "hello");
  Node a = One("- 1\n- two\n- [3, {a: b}]\n");
  ASSERT_TRUE(a.is_array());
  ASSERT_EQ(a.items.size(), 3u);
  EXPECT_EQ(a.items[0].kind, Kind::Number);
  EXPECT_EQ(a.items[1].text, "two");
  ASSERT_TRUE(a.items[2].is_array());
  EXPECT_TRUE(a.items[2].items[1].is_object());
  EXPECT_EQ(a.items[2].items[1].members[0].key, "a");
}

TEST(YamlParser, KeysAreTheirText) {
  Node doc = One("~: 1\n\"q\": 2\n5.0: 3\n? \n: 4\n");
  ASSERT_EQ(doc.members.size(), 4u);
  EXPECT_EQ(doc.members[0].key, "~");
  EXPECT_EQ(doc.members[1].key, "q");
  EXPECT_EQ(doc.members[2].key, "5.0");
  EXPECT_EQ(doc.members[3].key, "");
}

TEST(YamlParser, Positions) {
  const std::string text =
      "RegionId: cn-hangzhou\n"
      "Name: \"中文名称\"\n"                  // multi-byte characters before the next values
      "Desc: 说明 text  # comment\n"
      "Tags: {K: '値', V: x}\n"
      "Instances:\n"
      "  - InstanceClass: tair.rdb.1g\n"
      "    Period: 1\n"
      "Anchored: &a !!str\n"
      "  # between\n"
      "  value\n"
      "Block: |\n"
      "\n"
      "  中 line\n"
      "Missing:\n"
      "Last: 2\n";
  Node doc = One(text);
  ExpectSane(doc, text.size());
  EXPECT_EQ(doc.pos, 0u);
  const Member* region = doc.member("RegionId");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->key_pos, 0u);
  EXPECT_EQ(region->value.pos, Off(text, "cn-hangzhou"));
  EXPECT_EQ(region->value.end, Off(text, "cn-hangzhou") + 11);
  const Member* name = doc.member("Name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->key_pos, Off(text, "Name"));
  EXPECT_EQ(name->value.pos, Off(text, "\"中文"));
  EXPECT_EQ(name->value.end, Off(text, "\"中文") + 14);  // 4 characters of 3 bytes, 2 quotes
  const Member* desc = doc.member("Desc");
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(desc->key_pos, Off(text, "Desc"));
  EXPECT_EQ(desc->value.pos, Off(text, "说明"));
  EXPECT_EQ(desc->value.text, "说明 text");
  EXPECT_EQ(desc->value.end, Off(text, "说明 text") + 11);
  const Node& tags = Value(doc, "Tags");
  EXPECT_EQ(tags.pos, Off(text, "{K"));
  EXPECT_EQ(tags.end, Off(text, "x}") + 2);
  EXPECT_EQ(tags.members[0].key_pos, Off(text, "K:"));
  EXPECT_EQ(tags.members[0].value.pos, Off(text, "'値'"));
  EXPECT_EQ(tags.members[1].key_pos, Off(text, "V:"));
  EXPECT_EQ(tags.members[1].value.pos, Off(text, "x}"));
  const Node& instances = Value(doc, "Instances");
  EXPECT_EQ(instances.pos, Off(text, "- Inst"));
  ASSERT_EQ(instances.items.size(), 1u);
  const Node& inst = instances.items[0];
  EXPECT_EQ(inst.pos, Off(text, "InstanceClass"));
  EXPECT_EQ(inst.end, Off(text, "1\nAnchored") + 1);  // ends with its last value "1"
  EXPECT_EQ(inst.members[1].key_pos, Off(text, "Period"));
  EXPECT_EQ(inst.members[1].value.pos, Off(text, "1\nAnchored"));
  // Properties and the comment after them are not part of the value.
  EXPECT_EQ(Value(doc, "Anchored").pos, Off(text, "value"));
  EXPECT_EQ(Value(doc, "Anchored").kind, Kind::String);
  // A block scalar starts at its first content line.
  const Node& block = Value(doc, "Block");
  EXPECT_EQ(block.text, "\n中 line\n");
  EXPECT_EQ(block.pos, Off(text, "中 line"));
  // A missing value is a null right after the colon.
  const Member* missing = doc.member("Missing");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->value.kind, Kind::Null);
  EXPECT_EQ(missing->value.pos, Off(text, "Missing:") + 8);
  EXPECT_EQ(Value(doc, "Last").pos, Off(text, "2\n"));
}

TEST(YamlParser, PositionsWithBase) {
  // The caller skips a BOM: offsets count it through `base`.
  const std::string file = "\xEF\xBB\xBF" "a: 中\nb: x\n";
  std::vector<Node> docs = Parse(std::string_view(file).substr(3), {}, 3);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].members[0].key_pos, 3u);
  EXPECT_EQ(docs[0].members[0].value.pos, Off(file, "中"));
  EXPECT_EQ(docs[0].members[1].key_pos, Off(file, "b:"));
  EXPECT_EQ(docs[0].members[1].value.pos, Off(file, "x\n"));
}

TEST(YamlParser, PositionsInSecondDocument) {
  const std::string text =
      "# first\n"
      "Name: 名字\n"
      "---\n"
      "Name: other  \n"
      "List: [1, \"二\", 3]\n";
  std::vector<Node> docs = Parse(text);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(Value(docs[0], "Name").pos, Off(text, "名字"));
  ASSERT_NE(docs[1].member("Name"), nullptr);
  EXPECT_EQ(docs[1].member("Name")->key_pos, Off(text, "Name", 1));
  EXPECT_EQ(Value(docs[1], "Name").pos, Off(text, "other"));
  EXPECT_EQ(Value(docs[1], "Name").end, Off(text, "other") + 5);
  const Node& list = Value(docs[1], "List");
  EXPECT_EQ(list.pos, Off(text, "["));
  EXPECT_EQ(list.end, Off(text, "]") + 1);
  EXPECT_EQ(list.items[1].pos, Off(text, "\"二\""));
  EXPECT_EQ(list.items[2].pos, Off(text, "3]"));
  ExpectSane(docs[1], text.size());
}

TEST(YamlParser, CrLfLineBreaks) {
  const std::string text = "a: 1\r\nb: \"中\"\r\nc:\r\n  - x\r\n";
  Node doc = One(text);
  ASSERT_NE(doc.member("b"), nullptr);
  EXPECT_EQ(doc.member("b")->key_pos, Off(text, "b:"));
  EXPECT_EQ(Value(doc, "b").pos, Off(text, "\"中"));
  EXPECT_EQ(Value(doc, "c").items[0].pos, Off(text, "x\r"));
}

TEST(YamlParser, DuplicatesKeptInOrder) {
  const std::string text = "a: 1\nb: 2\na: 3\n";
  Node doc = One(text);
  ASSERT_EQ(doc.members.size(), 3u);
  EXPECT_EQ(doc.members[0].key, "a");
  EXPECT_EQ(doc.members[0].value.text, "1");
  EXPECT_EQ(doc.members[2].key, "a");
  EXPECT_EQ(doc.members[2].value.text, "3");
  EXPECT_EQ(doc.members[2].key_pos, Off(text, "a: 3"));
  // The parser leaves duplicate marking to MarkDuplicates.
  EXPECT_FALSE(doc.members[0].value.shadowed);
  EXPECT_FALSE(doc.members[2].has_first);
}

TEST(YamlParser, EmptyStreamHasNoDocuments) {
  for (std::string_view text : {"", "# only a comment\n", "\n\n   \n"}) {
    std::vector<Node> docs;
    ParseError err;
    EXPECT_TRUE(ParseYaml(text, 0, {}, &docs, &err)) << err.message;
    EXPECT_TRUE(docs.empty()) << text;
  }
  // An explicit empty document is one null.
  std::vector<Node> docs = Parse("---\n...\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].is_null());
}

TEST(YamlParser, AliasesExpanded) {
  const std::string text =
      "base: &base {RegionId: cn-hangzhou, Period: 1}\n"
      "name: &n \"tair\"\n"
      "list:\n"
      "  - *base\n"
      "  - *n\n"
      "  - &k key\n"
      "map:\n"
      "  *k : v\n"
      "  other: *k\n";
  Node doc = One(text);
  ExpectSane(doc, text.size());
  const Node& list = Value(doc, "list");
  ASSERT_EQ(list.items.size(), 3u);
  ASSERT_TRUE(list.items[0].is_object());
  EXPECT_EQ(list.items[0].members.size(), 2u);
  EXPECT_EQ(list.items[0].members[0].key, "RegionId");
  EXPECT_EQ(list.items[0].members[1].value.text, "1");
  EXPECT_EQ(list.items[0].members[1].value.kind, Kind::Number);
  // The copy keeps the anchored node's positions: that is where its text is.
  EXPECT_EQ(list.items[0].members[0].value.pos, Off(text, "cn-hangzhou"));
  EXPECT_EQ(list.items[1].kind, Kind::String);
  EXPECT_EQ(list.items[1].text, "tair");
  EXPECT_EQ(list.items[1].raw, RawForm::YamlDouble);
  EXPECT_EQ(list.items[1].pos, Off(text, "\"tair\""));
  const Node& map = Value(doc, "map");
  ASSERT_EQ(map.members.size(), 2u);
  EXPECT_EQ(map.members[0].key, "key");  // an alias as a key
  EXPECT_EQ(map.members[0].key_pos, Off(text, "*k :"));
  EXPECT_EQ(map.members[1].value.text, "key");
}

TEST(YamlParser, AnchorInsideOpenCollection) {
  // The alias refers to the anchored scalar, defined inside the open list.
  Node doc = One("a: &x [&y 1, *y]\nb: *x\n");
  const Node& b = Value(doc, "b");
  ASSERT_TRUE(b.is_array());
  ASSERT_EQ(b.items.size(), 2u);
  EXPECT_EQ(b.items[1].text, "1");
  // A redefinition later wins.
  Node doc2 = One("a: &x 1\nb: &x 2\nc: *x\n");
  EXPECT_EQ(Value(doc2, "c").text, "2");
  // An anchor redefined inside the collection that carries it: the inner
  // (later) definition wins.
  Node doc3 = One("a: &x [&x 5]\nb: *x\n");
  EXPECT_EQ(Value(doc3, "b").kind, Kind::Number);
}

TEST(YamlParser, AliasErrors) {
  const std::string unknown = "a: 1\nb: *nope\n";
  ParseError err = Fail(unknown);
  EXPECT_NE(err.message.find("unknown YAML alias"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, Off(unknown, "*nope"));
  const std::string recursive = "a: &r [1, *r]\n";
  err = Fail(recursive);
  EXPECT_NE(err.message.find("contains it"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, Off(recursive, "*r"));
  // Anchors do not cross documents.
  err = Fail("a: &x 1\n---\nb: *x\n");
  EXPECT_NE(err.message.find("unknown YAML alias"), std::string::npos) << err.message;
}

std::string BillionLaughs() {
  std::string s = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char p = static_cast<char>(c - 1);
    s += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) s += std::string(i ? ",*" : "*") + p;
    s += "]\n";
  }
  return s;
}

TEST(YamlParser, BillionLaughsFailsFast) {
  const std::string text = BillionLaughs();
  ParseLimits limits;
  limits.max_nodes = 100000;
  const auto start = std::chrono::steady_clock::now();
  ParseError err = Fail(text, limits);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(err.message, "YAML alias expansion exceeds 100000 nodes");
  // At an alias, in the first line whose expansion crosses the limit
  // (f: 9^5 + ... nodes > 100000).
  EXPECT_EQ(text[err.pos], '*');
  EXPECT_GT(err.pos, Off(text, "f: "));
  EXPECT_LT(err.pos, Off(text, "g: "));
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 5);
}

TEST(YamlParser, AliasOfLargeStringBounded) {
  // Few nodes, many bytes: the byte budget stops it.
  std::string text = "a: &a \"" + std::string(1000, 'x') + "\"\nb: [";
  for (int i = 0; i < 20000; ++i) text += i ? ",*a" : "*a";
  text += "]\n";
  ParseLimits limits;
  limits.max_string_bytes = 1000;
  ParseError err = Fail(text, limits);
  EXPECT_NE(err.message.find("YAML alias expansion exceeds"), std::string::npos) << err.message;
  EXPECT_NE(err.message.find("bytes"), std::string::npos) << err.message;
  EXPECT_EQ(text[err.pos], '*');
}

TEST(YamlParser, AliasAsKeyOfLargeStringBounded) {
  std::string text = "a: &a " + std::string(1000, 'x') + "\nb: {";
  for (int i = 0; i < 20000; ++i) text += i ? ", *a : 1" : "*a : 1";
  text += "}\n";
  ParseLimits limits;
  limits.max_string_bytes = 1000;
  ParseError err = Fail(text, limits);
  EXPECT_NE(err.message.find("bytes"), std::string::npos) << err.message;
  EXPECT_EQ(text[err.pos], '*');
}

TEST(YamlParser, NodeLimitWithoutAliases) {
  ParseLimits limits;
  limits.max_nodes = 4;
  const std::string text = "[1, 2, 3, 4]";
  ParseError err = Fail(text, limits);
  EXPECT_EQ(err.message, "YAML document has more than 4 nodes");
  EXPECT_EQ(err.pos, Off(text, "4"));
  // Counted per document.
  std::vector<Node> docs = Parse("[1, 2]\n---\n[3, 4]\n", limits);
  EXPECT_EQ(docs.size(), 2u);
}

TEST(YamlParser, DepthLimit) {
  ParseLimits limits;
  limits.max_depth = 5;
  Parse("[[[[[1]]]]]", limits);
  const std::string flow = "[[[[[[1]]]]]]";
  ParseError err = Fail(flow, limits);
  EXPECT_EQ(err.message, "nesting deeper than 5 levels");
  EXPECT_EQ(err.pos, 5u);  // the sixth '['
  const std::string block = "a:\n b:\n  c:\n   d:\n    e:\n     f: 1\n";
  err = Fail(block, limits);
  EXPECT_EQ(err.pos, Off(block, "f:"));
  // An alias may not carry a subtree past the limit either.
  const std::string alias = "x: &x [[1]]\ny: [[[*x]]]\n";
  err = Fail(alias, limits);
  EXPECT_EQ(err.pos, Off(alias, "*x"));
  Parse("x: &x [[1]]\ny: [[*x]]\n", limits);
}

TEST(YamlParser, DeepInputDoesNotRecurse) {
  // Far beyond any stack: fails at the limit, quickly.
  const std::string text = std::string(200000, '[') + std::string(200000, ']');
  ParseError err = Fail(text);
  EXPECT_EQ(err.pos, 64u);
}

TEST(YamlParser, MaxDocuments) {
  ParseLimits limits;
  limits.max_documents = 2;
  const std::string text = "a: 1\n---\nb: 2\n--- \nc: 3\n";
  ParseError err = Fail(text, limits);
  EXPECT_NE(err.message.find("more than 2 YAML documents"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, Off(text, "--- \n"));
  EXPECT_EQ(Parse("a: 1\n---\nb: 2\n", limits).size(), 2u);
}

TEST(YamlParser, ScalarTooLong) {
  ParseLimits limits;
  limits.max_string_bytes = 4;
  const std::string text = "ab: 1234\nc: \"12345\"\n";
  ParseError err = Fail(text, limits);
  EXPECT_NE(err.message.find("longer than 4 bytes"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, Off(text, "\"12345"));
  err = Fail("abcde: 1\n", limits);  // keys too
  EXPECT_EQ(err.pos, 0u);
}

TEST(YamlParser, NonScalarKey) {
  const std::string explicit_key = "a: 1\n? [x, y]\n: 2\n";
  ParseError err = Fail(explicit_key);
  EXPECT_EQ(err.message, "mapping keys must be scalars");
  EXPECT_EQ(err.pos, Off(explicit_key, "[x"));
  const std::string flow = "{a: 1, {b: 2}: 3}";
  err = Fail(flow);
  EXPECT_EQ(err.message, "mapping keys must be scalars");
  EXPECT_EQ(err.pos, Off(flow, "{b"));
  const std::string alias = "m: &m {a: 1}\nn:\n  *m : 2\n";
  err = Fail(alias);
  EXPECT_EQ(err.message, "mapping keys must be scalars");
  EXPECT_EQ(err.pos, Off(alias, "*m :"));
}

TEST(YamlParser, SyntaxErrorsWithOffsets) {
  const std::string unclosed = "Name: 中文\nTags: [a, b\n";
  ParseError err = Fail(unclosed);
  EXPECT_NE(err.message.find("did not find expected ',' or ']'"), std::string::npos) << err.message;
  EXPECT_NE(err.message.find("while parsing a flow sequence"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, unclosed.size());  // found the end of the stream instead
  const std::string values = "Name: 名 a: b\n";
  err = Fail(values);
  EXPECT_NE(err.message.find("mapping values are not allowed"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, Off(values, ": b"));  // counted in bytes after "名"
  const std::string indent = "a:\n  b: 1\n c: 2\n";
  err = Fail(indent);
  EXPECT_EQ(err.pos, Off(indent, "c: 2"));
  const std::string quote = "a: \"中\n";
  err = Fail(quote);
  EXPECT_NE(err.message.find("quoted scalar"), std::string::npos) << err.message;
}

TEST(YamlParser, InvalidUtf8AndControlCharacters) {
  const std::string bad = "a: ok\nb: \xC3\x28\n";
  ParseError err = Fail(bad);
  EXPECT_NE(err.message.find("not valid UTF-8"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, Off(bad, "\xC3"));
  const std::string lead = "a: \xFF";
  err = Fail(lead);
  EXPECT_NE(err.message.find("not valid UTF-8"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, 3u);
  const std::string ctrl = std::string("a: b\x01");
  err = Fail(ctrl);
  EXPECT_NE(err.message.find("control character U+0001"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, 4u);
  const std::string nul = std::string("a: b\0c", 6);
  err = Fail(nul);
  EXPECT_EQ(err.pos, 4u);
}

TEST(YamlParser, Utf16BomIsNotGuessed) {
  // The caller rejects UTF-16; the parser reads its bytes as UTF-8 and fails.
  const std::string utf16("\xFF\xFE" "a\0:\0 \0" "1\0", 10);
  ParseError err = Fail(utf16);
  EXPECT_NE(err.message.find("UTF-8"), std::string::npos) << err.message;
  EXPECT_EQ(err.pos, 0u);
}

// ---- DecodedToRaw

TEST(YamlParser, DecodedToRawPlain) {
  const std::string file = "Instances: x[{\"RegionId\":\"cn\",\"Period\":1}]\n";
  Node doc = One(file);
  const Node& v = Value(doc, "Instances");
  ASSERT_EQ(v.kind, Kind::String);
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[v.text.find("Period")], Off(file, "Period"));
  EXPECT_EQ(map[0], Off(file, "x["));
  EXPECT_EQ(map[v.text.size()], Off(file, "\n"));
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawPlainMultiLine) {
  const std::string file = "a: first line   \n  second\n\n   third\n";
  Node doc = One(file);
  const Node& v = Value(doc, "a");
  ASSERT_EQ(v.text, "first line second\nthird");
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[v.text.find(" second")], Off(file, "\n  second"));  // the folded break
  EXPECT_EQ(map[v.text.find("second")], Off(file, "second"));
  EXPECT_EQ(map[v.text.find("\nthird")], Off(file, "\n   third"));  // the empty line's break
  EXPECT_EQ(map[v.text.find("third")], Off(file, "third"));
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawSingleQuoted) {
  const std::string file =
      "Instances: 'it''s [{\"RegionId\": \"cn-hangzhou\", \"Period\": 1}]'\n";
  Node doc = One(file);
  const Node& v = Value(doc, "Instances");
  ASSERT_EQ(v.raw, RawForm::YamlSingle);
  EXPECT_EQ(v.text, "it's [{\"RegionId\": \"cn-hangzhou\", \"Period\": 1}]");
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[v.text.find("\"Period\"")], Off(file, "\"Period\""));
  EXPECT_EQ(map[2], Off(file, "''"));  // '' is one quote
  EXPECT_EQ(map[3], Off(file, "s ["));
  EXPECT_EQ(map[v.text.size()], Off(file, "'\n"));  // the closing quote
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawSingleQuotedMultiLine) {
  const std::string file = "a: '[{\"RegionId\": \"中\",  \n    \"Period\": 1}]'\n";
  Node doc = One(file);
  const Node& v = Value(doc, "a");
  ASSERT_EQ(v.text, "[{\"RegionId\": \"中\", \"Period\": 1}]");
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[v.text.find("\"Period\"")], Off(file, "\"Period\""));
  EXPECT_EQ(map[v.text.find(" \"Period\"")], Off(file, "\n    \"Period\""));
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawDoubleQuoted) {
  const std::string file =
      "Instances: \"[{\\\"RegionId\\\": \\\"\\u4e2d\\x41\\\", \\t\\\"Period\\\": 1}]\"\n";
  Node doc = One(file);
  const Node& v = Value(doc, "Instances");
  ASSERT_EQ(v.raw, RawForm::YamlDouble);
  ASSERT_EQ(v.text, "[{\"RegionId\": \"中A\", \t\"Period\": 1}]");
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[v.text.find("\"Period\"")], Off(file, "\\\"Period"));  // the backslash
  EXPECT_EQ(map[v.text.find("Period")], Off(file, "Period"));
  const size_t zhong = v.text.find("中");
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(map[zhong + i], Off(file, "\\u4e2d"));
  EXPECT_EQ(map[zhong + 3], Off(file, "\\x41"));
  EXPECT_EQ(map[v.text.find('\t')], Off(file, "\\t"));
  EXPECT_EQ(map[v.text.size()], Off(file, "\"\n"));
}

TEST(YamlParser, DecodedToRawDoubleQuotedFolding) {
  const std::string file = "a: \"one  \n   two\\\n   three\n\n  four \\U0001F600\"\n";
  Node doc = One(file);
  const Node& v = Value(doc, "a");
  ASSERT_EQ(v.text, "one twothree\nfour \xF0\x9F\x98\x80");
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[3], Off(file, "\n   two"));  // folded break
  EXPECT_EQ(map[v.text.find("two")], Off(file, "two"));
  EXPECT_EQ(map[v.text.find("three")], Off(file, "three"));  // after an escaped break
  EXPECT_EQ(map[v.text.find("\nfour")], Off(file, "\n  four"));
  EXPECT_EQ(map[v.text.find("four")], Off(file, "four"));
  EXPECT_EQ(map[v.text.size() - 1], Off(file, "\\U0001F600"));
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawLiteralBlock) {
  const std::string file =
      "Name: x\n"
      "Instances: |\n"
      "  [{\"RegionId\": \"中国\",\n"
      "\n"
      "    \"Period\": 1}]\n"
      "Next: y\n";
  Node doc = One(file);
  const Node& v = Value(doc, "Instances");
  ASSERT_EQ(v.raw, RawForm::YamlBlock);
  ASSERT_EQ(v.text, "[{\"RegionId\": \"中国\",\n\n  \"Period\": 1}]\n");
  EXPECT_EQ(v.pos, Off(file, "[{"));
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[v.text.find("\"Period\"")], Off(file, "\"Period\""));
  EXPECT_EQ(map[v.text.find("  \"Period\"")], Off(file, "  \"Period\""));
  EXPECT_EQ(map[v.text.find("\n")], Off(file, "\n\n"));
  EXPECT_EQ(map[v.text.find("\n") + 1], Off(file, "\n\n") + 1);
  EXPECT_EQ(map[v.text.size() - 1], Off(file, "\nNext"));
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawLiteralBlockLeadingLinesAndCrLf) {
  const std::string file = "a: |+\r\n\r\n \r\n  x: 1\r\n    y\r\n\r\nb: 2\r\n";
  Node doc = One(file);
  const Node& v = Value(doc, "a");
  ASSERT_EQ(v.text, "\n\nx: 1\n  y\n\n");
  EXPECT_EQ(v.pos, Off(file, "x: 1"));
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[0], Off(file, "\r\n\r\n ") + 2);  // the first empty line's break
  EXPECT_EQ(map[1], Off(file, "\r\n  x"));
  EXPECT_EQ(map[2], Off(file, "x: 1"));
  EXPECT_EQ(map[v.text.find('y')], Off(file, "y"));
  EXPECT_EQ(map[v.text.size() - 1], Off(file, "\r\n\r\nb") + 2);  // kept trailing line
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawLiteralBlockExplicitIndentation) {
  const std::string file = "a: |2-\n     x\n    y\n";
  Node doc = One(file);
  const Node& v = Value(doc, "a");
  ASSERT_EQ(v.text, "   x\n  y");
  EXPECT_EQ(v.pos, Off(file, "     x") + 2);
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[3], Off(file, "x"));
  EXPECT_EQ(map[v.text.find('y')], Off(file, "y"));
  EXPECT_EQ(map[v.text.size()], Off(file, "y") + 1);
}

TEST(YamlParser, DecodedToRawFoldedBlock) {
  const std::string file =
      "a: >\n"
      "  [{\"RegionId\":\n"
      "  \"cn\",\n"
      "\n"
      "    \"Period\": 1,\n"
      "  \"Zone\": 2}]\n";
  Node doc = One(file);
  const Node& v = Value(doc, "a");
  ASSERT_EQ(v.text, "[{\"RegionId\": \"cn\",\n\n  \"Period\": 1,\n\"Zone\": 2}]\n");
  std::vector<uint32_t> map = Map(file, v);
  EXPECT_EQ(map[v.text.find(" \"cn\"")], Off(file, "\n  \"cn\""));  // folded to a space
  EXPECT_EQ(map[v.text.find("\"cn\"")], Off(file, "\"cn\""));
  EXPECT_EQ(map[v.text.find("\"Period\"")], Off(file, "\"Period\""));
  EXPECT_EQ(map[v.text.find("\"Zone\"")], Off(file, "\"Zone\""));
  ExpectAlnumMapsToItself(file, v);
}

TEST(YamlParser, DecodedToRawStaysInsideForForeignNodes) {
  // A node whose raw form does not match the file: offsets stay in range.
  const std::string file = "a: 'xyz'\n";
  Node n;
  n.kind = n.written = Kind::String;
  n.raw = RawForm::YamlSingle;
  n.text = "completely different";
  n.pos = 3;
  n.end = 8;
  std::vector<uint32_t> map = DecodedToRaw(file, n);
  ASSERT_EQ(map.size(), n.text.size() + 1);
  for (uint32_t p : map) {
    EXPECT_GE(p, 3u);
    EXPECT_LE(p, 8u);
  }
  n.raw = RawForm::YamlBlock;
  n.pos = 100;  // past the end of the file
  n.end = 200;
  map = DecodedToRaw(file, n);
  for (uint32_t p : map) EXPECT_LE(p, file.size());
  n.raw = RawForm::YamlDouble;
  map = DecodedToRaw(file, n);
  for (uint32_t p : map) EXPECT_LE(p, file.size());
}

TEST(YamlParser, DecodedToRawOfAliasCopy) {
  const std::string file = "a: &s 'x''y'\nb: *s\n";
  Node doc = One(file);
  const Node& b = Value(doc, "b");
  std::vector<uint32_t> map = Map(file, b);
  EXPECT_EQ(map[2], Off(file, "y'"));
}

}  // namespace
}  // namespace tairlint::detail
