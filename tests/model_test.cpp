// The model's loading: each action once per thread slot (model.h).

#include "model/model.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tairlint::detail {
namespace {

void Load(Model* m) {
  std::string error;
  ASSERT_TRUE(LoadModel(m, &error)) << error;
}

// kSlots threads started one after another take kSlots different slots, so
// each reads a model of its own: nothing the checks read is shared between
// them. One more thread shares a slot, and so a model, with an earlier one.
TEST(Model, ThreadsInDifferentSlotsReadDifferentModels) {
  Model m;
  Load(&m);
  const ActionModel* mine = m.For(Action::CreateInstances);
  ASSERT_NE(mine, nullptr);
  EXPECT_EQ(m.For(Action::CreateInstances), mine);  // a thread keeps its slot

  std::vector<const ActionModel*> seen;
  for (size_t i = 0; i < Model::kSlots + 1; ++i) {
    std::thread([&] { seen.push_back(m.For(Action::CreateInstances)); }).join();
  }
  std::set<const ActionModel*> first(seen.begin(), seen.begin() + Model::kSlots);
  EXPECT_EQ(first.size(), Model::kSlots);
  EXPECT_EQ(first.count(seen.back()), 1u);
  for (const ActionModel* a : seen) {
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->action, Action::CreateInstances);
    EXPECT_EQ(a->request.props.size(), mine->request.props.size());
    EXPECT_EQ(a->bundled, mine->bundled);
  }
}

TEST(Model, UnknownActionHasNoModelOnAnyThread) {
  Model m;
  Load(&m);
  EXPECT_EQ(m.For(Action::Unknown), nullptr);
  EXPECT_EQ(m.LoadError(Action::Unknown), "no model for an unknown action");
  std::thread([&] { EXPECT_EQ(m.For(Action::Unknown), nullptr); }).join();
}

// Prepare loads what it is asked for, for the calling thread's slot only,
// and what For would have loaded: the same model.
TEST(Model, PrepareLoadsTheActionsForTheCallingThread) {
  Model m;
  Load(&m);
  std::thread([&] {
    EXPECT_FALSE(m.Loaded(Action::CreateInstances));
    EXPECT_FALSE(m.Loaded(Action::CreateTairKVCacheVNode));
    m.Prepare(Action::CreateTairKVCacheVNode);
    EXPECT_FALSE(m.Loaded(Action::CreateInstances));
    EXPECT_TRUE(m.Loaded(Action::CreateTairKVCacheVNode));
    m.Prepare(Action::Unknown);  // every action
    EXPECT_TRUE(m.Loaded(Action::CreateInstances));
    const ActionModel* prepared = m.For(Action::CreateInstances);
    ASSERT_NE(prepared, nullptr);
    EXPECT_EQ(prepared->action, Action::CreateInstances);
    EXPECT_FALSE(m.Loaded(Action::Unknown));
  }).join();
  // the next thread takes the next slot, which nothing loaded
  std::thread([&] { EXPECT_FALSE(m.Loaded(Action::CreateInstances)); }).join();
}

// ---- Annotations compiled at load

const PropSpec& Prop(const ObjectSpec& spec, const std::string& name) {
  const PropSpec* p = spec.find(name);
  EXPECT_NE(p, nullptr) << name;
  static const PropSpec none;
  return p != nullptr ? *p : none;
}

// The shipped schemas compile, and each parameter an annotation names is
// resolved against the object it is read in: an ifAny condition against the
// Instances element, the rest against their own object.
TEST(Annotations, ShippedSchemasResolveTheirParameters) {
  Model m;
  Load(&m);
  const ActionModel* ci = m.For(Action::CreateInstances);
  ASSERT_NE(ci, nullptr);
  ASSERT_EQ(ci->request.ignored_unless.size(), 3u);
  const ConditionalParameter& autopay = ci->request.ignored_unless[0];
  EXPECT_EQ(autopay.parameter.name, "AutoPay");
  EXPECT_EQ(autopay.parameter.prop, ci->request.find("AutoPay"));
  EXPECT_EQ(autopay.if_any, "Instances");
  ASSERT_EQ(autopay.conditions.size(), 1u);
  EXPECT_EQ(autopay.conditions[0].param.name, "ChargeType");
  EXPECT_EQ(autopay.conditions[0].want, "PrePaid");
  EXPECT_EQ(autopay.conditions[0].param.prop, ci->element.find("ChargeType"));
  EXPECT_TRUE(ci->element.owns(autopay.conditions[0].param.prop));
  EXPECT_FALSE(ci->request.owns(autopay.conditions[0].param.prop));

  ASSERT_EQ(ci->element.required_if.size(), 3u);
  EXPECT_EQ(ci->element.required_if[1].parameter.name, "SrcDBInstanceId");
  EXPECT_EQ(ci->element.required_if[1].conditions[0].want, "*");
  ASSERT_EQ(ci->element.required_one_of.size(), 1u);
  ASSERT_EQ(ci->element.required_one_of[0].parameters.size(), 2u);
  EXPECT_EQ(ci->element.required_one_of[0].parameters[1].prop, ci->element.find("Capacity"));
  ASSERT_EQ(ci->request.same_as_in.size(), 1u);
  EXPECT_EQ(ci->request.same_as_in[0].in_request.prop, ci->request.find("EngineVersion"));
  EXPECT_EQ(ci->request.same_as_in[0].in_element.prop, ci->element.find("EngineVersion"));

  const PropSpec& cls = Prop(ci->element, "instanceClass");
  ASSERT_NE(cls.class_family, nullptr);
  EXPECT_EQ(cls.class_family->type_parameter.prop, ci->element.find("instanceType"));
  EXPECT_EQ(cls.class_family->default_type, "Redis");
  ASSERT_NE(cls.class_family->PrefixesOf("Memcache"), nullptr);
  EXPECT_EQ(*cls.class_family->PrefixesOf("Memcache"), std::vector<std::string>{"memcache."});
  EXPECT_EQ(cls.class_family->PrefixesOf("Other"), nullptr);  // no "*" entry
  EXPECT_EQ(Prop(ci->element, "izNo").zone_of.prop, ci->element.find("RegionId"));
  EXPECT_GT(Prop(ci->element, "Password").password_kinds, 0);

  const ActionModel* vn = m.For(Action::CreateTairKVCacheVNode);
  ASSERT_NE(vn, nullptr);
  const PropSpec& vcls = Prop(vn->request, "InstanceClass");
  ASSERT_NE(vcls.class_family, nullptr);
  EXPECT_TRUE(vcls.class_family->type_parameter.name.empty());
  EXPECT_EQ(vcls.class_family->default_type, "*");
  ASSERT_NE(vcls.class_family->PrefixesOf("anything"), nullptr);
  EXPECT_EQ(vcls.class_family->PrefixesOf("anything")->at(0), "kvcache.");
  EXPECT_GT(Prop(vn->request, "Tag").max_pairs, 0u);
  EXPECT_FALSE(Prop(vn->request, "VkName").id_prefix.empty());
}

std::string CompileError(const char* schema_text) {
  const nlohmann::json schema = nlohmann::json::parse(schema_text);
  ObjectSpec spec;
  FillSpec(schema, false, &spec);
  std::string error;
  return CompileAnnotations(&spec, nullptr, "test.json", &error) ? "ok" : error;
}

// A malformed annotation fails the load, naming where it is; before, a
// rule met it on every check.
TEST(Annotations, MalformedOnesFailTheLoadWithTheirPlace) {
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
  EXPECT_EQ(CompileError(R"({"properties": {"z": {"x-zoneOf": 5}}})"),
            "test.json: properties.z.x-zoneOf must name a parameter");
  EXPECT_EQ(CompileError(R"({"properties": {"p": {"x-passwordKinds": 5}}})"),
            "test.json: properties.p.x-passwordKinds must be 0 to 4");
  EXPECT_EQ(CompileError(R"({"properties": {"t": {"x-maxPairs": -1}}})"),
            "test.json: properties.t.x-maxPairs must be a count");
  EXPECT_EQ(CompileError(R"({"properties": {"i": {"x-idPrefix": {"code": "X"}}}})"),
            "test.json: properties.i.x-idPrefix.prefix must be a non-empty string");
  EXPECT_EQ(CompileError(R"({"properties": {"c": {"x-classFamily": {"prefixes": {"*": "redis."}}}}})"),
            "test.json: properties.c.x-classFamily.prefixes.* must be a list");
}

// A condition on a name the object's schema does not describe keeps the
// name (the rules then find the member by name), and an annotation read in
// one object never resolves into another.
TEST(Annotations, UnknownNamesStayNames) {
  const nlohmann::json schema = nlohmann::json::parse(R"({"properties": {"a": {}},
      "x-requiredIf": [{"parameter": "a", "if": {"notInSchema": "*"}}]})");
  ObjectSpec spec;
  FillSpec(schema, false, &spec);
  std::string error;
  ASSERT_TRUE(CompileAnnotations(&spec, nullptr, "test.json", &error)) << error;
  ASSERT_EQ(spec.required_if.size(), 1u);
  EXPECT_EQ(spec.required_if[0].parameter.prop, &spec.props[0]);
  EXPECT_EQ(spec.required_if[0].conditions[0].param.name, "notInSchema");
  EXPECT_EQ(spec.required_if[0].conditions[0].param.prop, nullptr);
  ObjectSpec other;
  FillSpec(schema, false, &other);
  EXPECT_FALSE(other.owns(spec.required_if[0].parameter.prop));
  EXPECT_TRUE(spec.owns(spec.required_if[0].parameter.prop));
}

}  // namespace
}  // namespace tairlint::detail
