// Each rule compiles the schema annotation it reads when an action loads
// (rules/rule.h): the shipped schemas compile, and a malformed annotation
// fails the load, naming its place.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>

#include "model/model.h"
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

TEST(RuleAnnotations, ShippedSchemasCompileForEveryRule) {
  Model m;
  m.compile_rules = CompileRules;
  std::string error;
  ASSERT_TRUE(LoadModel(&m, &error)) << error;
  for (Action a : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    const ActionModel* am = m.For(a);
    ASSERT_NE(am, nullptr) << m.LoadError(a);
    ASSERT_EQ(am->rule_configs.size(), EngineRules().size());
    size_t compiled = 0;
    for (const auto& c : am->rule_configs) compiled += c != nullptr;
    EXPECT_GE(compiled, 10u) << ActionName(a);  // the rules that read annotations
  }
}

// Compiles every rule against a request schema; "ok" or the load's error.
std::string CompileError(const char* schema_text) {
  const nlohmann::json schema = nlohmann::json::parse(schema_text);
  ActionModel am;
  am.source = "test.json";
  FillSpec(schema, false, &am.request);
  std::string error;
  return CompileRules(&am, &error) ? "ok" : error;
}

TEST(RuleAnnotations, MalformedOnesFailTheLoadWithTheirPlace) {
  EXPECT_EQ(CompileError(R"({"properties": {"a": {}, "b": {}},
                             "x-requiredIf": [{"parameter": "a", "if": {"b": "x"}}]})"),
            "ok");
  EXPECT_EQ(CompileError(R"({"x-requiredIf": [{"parameter": "a"}]})"),
            "test.json: x-requiredIf[0].if must be an object of conditions");
  EXPECT_EQ(CompileError(R"({"x-ignoredUnless": [{"parameter": "a", "if": {"b": 1}}]})"),
            "test.json: x-ignoredUnless[0].if.b must be a string");
  EXPECT_EQ(CompileError(R"({"x-ignoredUnless": [{"parameter": "a", "ifAny": "Instances", "if": {"b": "x"}}]})"),
            "test.json: x-ignoredUnless[0].ifAny names no array of objects");
  EXPECT_EQ(CompileError(R"({"x-requiredIf": {"parameter": "a"}})"), "test.json: x-requiredIf must be a list");
  EXPECT_EQ(CompileError(R"({"x-requiredOneOf": [{"name": "A or B", "parameters": []}]})"),
            "test.json: x-requiredOneOf[0].parameters must be a list");
  EXPECT_EQ(CompileError(R"({"x-requiredOneOf": [{"parameters": ["a"]}]})"),
            "test.json: x-requiredOneOf[0].name must be a non-empty string");
  EXPECT_EQ(CompileError(R"({"x-sameAsIn": [{"in": "Tag", "parameter": "a"}]})"),
            "test.json: x-sameAsIn[0].in must be Instances");
  EXPECT_EQ(CompileError(R"({"properties": {"z": {"x-zoneOf": 5}}})"),
            "test.json: properties.z.x-zoneOf must name a parameter");
  EXPECT_EQ(CompileError(R"({"properties": {"p": {"x-passwordKinds": 5}}})"),
            "test.json: properties.p.x-passwordKinds must be 0 to 4");
  EXPECT_EQ(CompileError(R"({"properties": {"i": {"x-idPrefix": {"code": "X"}}}})"),
            "test.json: properties.i.x-idPrefix.prefix must be a non-empty string");
  EXPECT_EQ(CompileError(R"({"properties": {"r": {"x-ignored": ""}}})"),
            "test.json: properties.r.x-ignored must say why");
  EXPECT_EQ(CompileError(R"({"properties": {"c": {"x-classFamily": {"prefixes": {"*": "redis."}}}}})"),
            "test.json: properties.c.x-classFamily.prefixes.* must be a list");
}

// A parameter an annotation names resolves against the object it is read
// in; a name that object does not describe stays a name (the rules then
// find the member by name), and never resolves into another object.
TEST(RuleAnnotations, NamesResolveInTheirOwnObject) {
  const nlohmann::json schema = nlohmann::json::parse(R"({"properties": {"a": {}}})");
  ObjectSpec spec, other;
  FillSpec(schema, false, &spec);
  FillSpec(schema, false, &other);
  const ParamRef known = AnnotationReader::Ref(spec, "a");
  EXPECT_EQ(known.prop, &spec.props[0]);
  EXPECT_TRUE(spec.owns(known.prop));
  EXPECT_FALSE(other.owns(known.prop));
  const ParamRef unknown = AnnotationReader::Ref(spec, "notInSchema");
  EXPECT_EQ(unknown.name, "notInSchema");
  EXPECT_EQ(unknown.prop, nullptr);
}

}  // namespace
}  // namespace tairlint::detail
