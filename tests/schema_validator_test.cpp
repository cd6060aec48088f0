// The schema validator's quick checks (schema_validator.cpp) against valijson
// alone: the same documents validated both ways must fail in the same places
// for the same keywords. The documents are the two actions' base requests
// with one value replaced at a time (at the top level and inside an Instances
// element, or removed) by values of every JSON type, lengths around the
// schemas' limits, characters the patterns refuse, and numbers at the bounds.
#include "model/schema_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/rule.h"
#include "model/model.h"
#include "test_util.h"

namespace tairlint::detail {
namespace {

using ojson = nlohmann::ordered_json;

std::vector<ojson> OddValues() {
  std::vector<ojson> v = {"",      "a",    "ab",    "abc",  std::string(8, 'a'), std::string(64, 'a'),
                          std::string(65, 'b'), std::string(129, 'c'), std::string(257, 'd'), "日本語の名前",
                          "名",    "tk-1", "vpc-x", "vsw-1", "rg-acfm", "cn-hangzhou", "cn-hangzhou-h",
                          "redis.master.small.default", "tair.rdb.1g", "kvcache.cu.g4b.2", "Redis", "Memcache",
                          "5.0",   "7.0",  "PrePaid", "PostPaid", "VPC", "Classic", "Aa1!aaaa", "has space",
                          "tab\there", "new\nline", "nul\u0000inside", "ü", "-1", "1", "true", "0x10",
                          0,       1,      2,       5,      -1,     36,     100000, 3.5,   1e300, -0.0,
                          true,    false,  nullptr, ojson::array(), ojson::array({1}), ojson::array({"a", "b"}),
                          ojson::object(), ojson{{"Key", "k"}}, ojson{{"Key", "k"}, {"Value", "v"}}};
  // Around the schemas' bounds: lengths 1-2, 8-32, 1-64, 2-80 (in ASCII and
  // in three-byte characters, which count one each), numbers 1-300.
  for (size_t n : {1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 79, 80, 81}) {
    v.push_back(std::string(n, 'x'));
    std::string wide;
    for (size_t i = 0; i < n; ++i) wide += "名";
    v.push_back(wide);
  }
  for (double x : {0.5, 1.0, 299.0, 300.0, 300.5, 301.0}) v.push_back(x);
  for (int x : {299, 300, 301}) v.push_back(x);
  return v;
}

// The base request, then for every parameter the schema names (at the top
// level, and in an Instances element): without it, and with each odd value.
std::vector<ojson> Variants(const ojson& base, const ActionModel& am) {
  std::vector<ojson> out = {base};
  const std::vector<ojson> odd = OddValues();
  auto vary = [&](const ObjectSpec& spec, bool in_element) {
    for (const PropSpec& p : spec.props) {
      ojson removed = base;
      ojson& target = in_element ? removed["Instances"][0] : removed;
      target.erase(p.name);
      out.push_back(removed);
      for (const ojson& v : odd) {
        ojson changed = base;
        (in_element ? changed["Instances"][0] : changed)[p.name] = v;
        out.push_back(changed);
      }
    }
  };
  vary(am.request, false);
  if (base.contains("Instances")) vary(am.element, true);
  return out;
}

void ExpectQuickAgrees(Action action, const ojson& base) {
  Model model;
  std::string error;
  ASSERT_TRUE(LoadModel(&model, &error)) << error;
  const ActionModel* am = model.For(action);
  ASSERT_NE(am, nullptr) << model.LoadError(action);
  SchemaValidator quick(true), plain(false);
  ASSERT_TRUE(quick.Load(am->bundled, &error)) << error;
  ASSERT_TRUE(plain.Load(am->bundled, &error)) << error;

  size_t documents = 0, failing = 0;
  for (const ojson& doc : Variants(base, *am)) {
    // Instances as an inline array, and as the string the wire form sends.
    for (bool as_string : {false, true}) {
      if (as_string && !base.contains("Instances")) continue;
      ojson d = doc;
      if (as_string && d.contains("Instances")) d["Instances"] = d["Instances"].dump();
      const std::string text = d.dump();
      Node node;
      ParseError perr;
      ASSERT_TRUE(ParseJson(text, 0, ParseLimits(), &node, &perr)) << perr.message;
      WholeNumbersToIntegers(&node);
      std::vector<SchemaFailure> a, b;
      quick.Validate(node, &a);
      plain.Validate(node, &b);
      ASSERT_EQ(DescribeFailures(a), DescribeFailures(b)) << text;
      ++documents;
      failing += b.empty() ? 0 : 1;
    }
  }
  // The variants exercise both outcomes, many times over.
  EXPECT_GT(documents, 700u);
  EXPECT_GT(failing, documents / 10);
  EXPECT_LT(failing, documents);
}

TEST(SchemaValidator, QuickChecksAgreeWithValijsonOnCreateInstances) {
  ExpectQuickAgrees(Action::CreateInstances, tairlint::testing::BaseCreateInstances());
}

TEST(SchemaValidator, QuickChecksAgreeWithValijsonOnVNode) {
  ExpectQuickAgrees(Action::CreateTairKVCacheVNode, tairlint::testing::BaseVNode());
}

// Each failure names the node that broke the rule and the spec compiled at
// load for the subschema it broke, with the node's pointer.
class SchemaFailurePlaces : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(LoadModel(&model_, &error)) << error;
    am_ = model_.For(Action::CreateInstances);
    ASSERT_NE(am_, nullptr);
  }
  std::vector<SchemaFailure> Validate(const ojson& doc) {
    ParseError perr;
    EXPECT_TRUE(ParseJson(doc.dump(), 0, ParseLimits(), &root_, &perr)) << perr.message;
    WholeNumbersToIntegers(&root_);
    std::vector<SchemaFailure> out;
    am_->validator->Validate(root_, &out);
    return out;
  }
  Model model_;
  const ActionModel* am_ = nullptr;
  Node root_;
};

TEST_F(SchemaFailurePlaces, AValueInAnElement) {
  ojson doc = tairlint::testing::BaseCreateInstances();
  doc["Instances"].push_back(doc["Instances"][0]);
  doc["Instances"][1]["Period"] = 10;
  const std::vector<SchemaFailure> f = Validate(doc);
  ASSERT_EQ(f.size(), 1u) << DescribeFailures(f);
  EXPECT_EQ(f[0].keyword, Keyword::Enum);
  EXPECT_EQ(f[0].node, root_.get("Instances")->items[1].get("Period"));
  EXPECT_EQ(f[0].pointer, "/Instances/1/Period");
  EXPECT_EQ(f[0].item, 1u);
  const ValueSpec& s = *f[0].spec;
  EXPECT_EQ(s.name, "Period");
  EXPECT_FALSE(s.items);
  EXPECT_EQ(s.top, "Instances");
  EXPECT_TRUE(s.in_item);
  EXPECT_EQ(s.member, "Period");
  EXPECT_EQ(s.type, WireType::Integer);
  EXPECT_EQ(s.enum_text, "1-9, 12, 24, 36, 60");
}

TEST_F(SchemaFailurePlaces, MissingPropertyNamesTheObject) {
  ojson doc = tairlint::testing::BaseCreateInstances();
  doc["Instances"][0].erase("RegionId");
  const std::vector<SchemaFailure> f = Validate(doc);
  ASSERT_EQ(f.size(), 1u) << DescribeFailures(f);
  EXPECT_EQ(f[0].keyword, Keyword::Required);
  EXPECT_EQ(f[0].property, "RegionId");
  EXPECT_EQ(f[0].node, &root_.get("Instances")->items[0]);
  EXPECT_EQ(f[0].pointer, "/Instances/0");
  // The items schema: named after its array, with the array's x-rule only.
  const ValueSpec& s = *f[0].spec;
  EXPECT_TRUE(s.items);
  EXPECT_EQ(s.name, "Instances");
  EXPECT_EQ(s.rule, "instances-format");
  EXPECT_EQ(s.error_code, "");
  EXPECT_TRUE(s.in_item);
  EXPECT_EQ(s.member, "");
}

TEST_F(SchemaFailurePlaces, TopLevelValuesAndBounds) {
  ojson doc = tairlint::testing::BaseCreateInstances();
  doc["Instances"] = ojson::array();
  const std::vector<SchemaFailure> f = Validate(doc);
  ASSERT_EQ(f.size(), 1u) << DescribeFailures(f);
  EXPECT_EQ(f[0].keyword, Keyword::MinItems);
  EXPECT_EQ(f[0].node, root_.get("Instances"));
  EXPECT_EQ(f[0].pointer, "/Instances");
  EXPECT_EQ(f[0].spec->name, "Instances");
  EXPECT_EQ(f[0].spec->top, "Instances");
  EXPECT_FALSE(f[0].spec->in_item);
  EXPECT_EQ(f[0].spec->min_items, 1);
  EXPECT_EQ(f[0].spec->error_code, "InvalidInstances.Malformed");
}

TEST(SchemaValidator, BundledSchemasAreSplitEverywhere) {
  // So every failure's node and spec are those of the value that broke it
  // (none is found inside a subschema valijson evaluates whole).
  Model model;
  std::string error;
  ASSERT_TRUE(LoadModel(&model, &error)) << error;
  for (Action a : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    ASSERT_NE(model.For(a), nullptr);
    EXPECT_TRUE(model.For(a)->validator->SplitEverywhere()) << ActionName(a);
  }
  SchemaValidator whole;
  ASSERT_TRUE(whole.Load(nlohmann::json::parse(R"({"type":"object","properties":{"a":{"type":"string"}},
                                                   "additionalProperties":false})"),
                         &error));
  EXPECT_FALSE(whole.SplitEverywhere());
}

TEST(SchemaValidator, FailuresInsideAWholeSubschemaAreFoundFromItsNode) {
  // additionalProperties keeps the object whole: valijson's context names
  // the value below it.
  SchemaValidator v;
  std::string error;
  ASSERT_TRUE(v.Load(nlohmann::json::parse(R"({"type":"object","properties":{"o":{"type":"object",
      "additionalProperties":false,"properties":{"a/b":{"type":"array","items":{"type":"string"}}}}}})"),
                     &error))
      << error;
  Node root;
  ParseError perr;
  ASSERT_TRUE(ParseJson(R"({"o":{"a/b":["x",1]}})", 0, ParseLimits(), &root, &perr)) << perr.message;
  std::vector<SchemaFailure> f;
  v.Validate(root, &f);
  ASSERT_EQ(f.size(), 1u) << DescribeFailures(f);
  EXPECT_EQ(f[0].keyword, Keyword::Type);
  EXPECT_EQ(f[0].pointer, "/o/a~1b/1");
  EXPECT_EQ(f[0].node, &root.get("o")->get("a/b")->items[1]);
  EXPECT_EQ(f[0].spec->name, "o");  // the whole subschema's
}

}  // namespace
}  // namespace tairlint::detail
