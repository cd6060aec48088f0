// The request schema as editors use it (`tairlint schema`): it accepts what
// the CLI accepts, flags unknown keys, lists each allowed value once, and
// carries the seed pages' defaults, examples and Markdown descriptions
// (schemas/editor.json) and the catalogs' values as suggestions. How each
// value may be written is in editor_forms.cpp.
#include <algorithm>
#include <string>
#include <vector>

#include "core/embedded.h"
#include "model/editor_forms.h"
#include "model/model.h"

namespace tairlint::detail {
namespace {

using nlohmann::json;

constexpr char kDraft7[] = "http://json-schema.org/draft-07/schema#";

// The objects nested in a request, each with its entry of schemas/editor.json;
// keys inside an Instances element match ignoring case (contract, section 3).
struct Nested {
  const char* parameter;
  const char* docs;
  bool keys_any_case;
};
constexpr Nested kNested[] = {{"Instances", "element", true}, {"Tag", "tag", false}};

// What tells the action of a request without Action, as Checker infers it
// (checker.cpp): Instances for CreateInstances, VkName or ComputeUnitNum for
// the VNode; both or neither, and the CLI cannot tell.
struct Clues {
  Action action;
  std::vector<const char*> keys;
};
const Clues kClues[] = {{Action::CreateInstances, {"Instances"}},
                        {Action::CreateTairKVCacheVNode, {"VkName", "ComputeUnitNum"}}};

const json& EditorDocs() {
  static const json docs = [] {
    json d;
    std::string error;
    return ParseEmbedded("editor.json", &d, &error) ? d : json::object();
  }();
  return docs;
}

const json& Entry(const json& docs, const std::string& key) {
  static const json kNone = json::object();
  auto it = docs.is_object() ? docs.find(key) : docs.end();
  return it != docs.end() ? *it : kNone;
}

// The catalog's values that suit a parameter, named by its annotations:
// regions, capacities, and the classes of the parameter's families.
std::vector<json> CatalogValues(const json& p, const Catalogs& catalogs) {
  std::vector<json> out;
  if (p.value("x-knownRegion", false)) {
    for (uint32_t i = 0; i < catalogs.regions.size(); ++i) out.emplace_back(catalogs.regions.name(i));
  }
  if (p.value("x-knownCapacity", false)) {
    for (int64_t c : catalogs.capacities) out.emplace_back(c);
  }
  if (p.value("x-knownInstanceClass", false)) {
    std::vector<std::string> prefixes;
    const json& family = Entry(p, "x-classFamily");
    for (const auto& [type, list] : Entry(family, "prefixes").items()) {
      for (const auto& prefix : list) prefixes.push_back(prefix.get<std::string>());
    }
    for (uint32_t i = 0; i < catalogs.instance_classes.size(); ++i) {
      const std::string& name = catalogs.instance_classes.name(i);
      if (std::any_of(prefixes.begin(), prefixes.end(), [&](const auto& f) { return name.rfind(f, 0) == 0; })) {
        out.emplace_back(name);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The seed page's default, examples and Markdown description, then the
// catalog's values as further examples, each value once.
void AddDocs(json* value, const json& doc, std::vector<json> catalog) {
  for (const char* key : {"default", "markdownDescription"}) {
    if (doc.contains(key)) (*value)[key] = doc[key];
  }
  std::vector<json> examples;
  if (doc.contains("examples")) examples = doc["examples"].get<std::vector<json>>();
  for (json& v : catalog) {
    if (std::find(examples.begin(), examples.end(), v) == examples.end()) examples.push_back(std::move(v));
  }
  if (!examples.empty()) (*value)["examples"] = std::move(examples);
}

json EditorObject(const json& s, const json& docs, const json& action_docs, const Catalogs& catalogs,
                  bool keys_any_case);

// A required key, and one of x-requiredOneOf's, matched in any case: each
// group is required only when no key of the object is one of it in any case.
void RequireInAnyCase(const json& s, json* out) {
  std::vector<std::vector<std::string>> groups;
  for (const auto& name : Entry(s, "required")) groups.push_back({name.get<std::string>()});
  for (const auto& one_of : Entry(s, "x-requiredOneOf")) {
    groups.push_back(one_of["parameters"].get<std::vector<std::string>>());
  }
  for (const auto& group : groups) {
    std::string names;
    json any = json::array();
    for (const std::string& name : group) {
      names += (names.empty() ? "" : "|") + AnyCase(name);
      any.push_back({{"required", {name}}});
    }
    json then = any.size() == 1 ? any[0] : json{{"anyOf", any}};
    (*out)["allOf"].push_back(
        {{"if", {{"propertyNames", {{"not", {{"pattern", "^(?:" + names + ")$"}}}}}}}, {"then", std::move(then)}});
  }
  out->erase("required");
}

// One property: its value forms, its documentation, and its nested object.
json EditorProperty(const std::string& name, const json& p, const json& docs, const json& action_docs,
                    const Catalogs& catalogs) {
  json value = EditorValue(name, p);
  AddDocs(&value, Entry(docs, name), CatalogValues(p, catalogs));
  for (const Nested& n : kNested) {
    if (name == n.parameter && p.contains("items")) {
      value["items"] = EditorObject(p["items"], Entry(action_docs, n.docs), action_docs, catalogs, n.keys_any_case);
    }
  }
  return value;
}

// An object of parameters: unknown keys are flagged (additionalProperties);
// with keys_any_case, each parameter's key matches in any case, and a
// required one is missing only when no key matches it in any case.
json EditorObject(const json& s, const json& docs, const json& action_docs, const Catalogs& catalogs,
                  bool keys_any_case) {
  json out = WithoutAnnotations(s);
  out.erase("properties");
  json& props = out["properties"] = json::object();
  for (const auto& [name, p] : s["properties"].items()) {
    props[name] = EditorProperty(name, p, docs, action_docs, catalogs);
    if (keys_any_case) {
      json bare = props[name];
      for (const char* key : {"default", "examples", "markdownDescription"}) bare.erase(key);
      // The documented spelling aside, which `properties` checks.
      out["patternProperties"]["^(?!" + name + "$)" + AnyCase(name) + "$"] = std::move(bare);
    }
  }
  out["additionalProperties"] = false;
  if (keys_any_case) RequireInAnyCase(s, &out);
  return out;
}

json RequiredAny(const std::vector<const char*>& keys) {
  json any = json::array();
  for (const char* k : keys) any.push_back({{"required", {k}}});
  return {{"anyOf", any}};
}

json Ref(Action a) { return {{"$ref", std::string("#/definitions/") + ActionName(a)}}; }

// Chooses the action's schema as the CLI chooses the action: by Action, else
// by the parameters that tell it, else either (and neither passes).
json ChooseByAction() {
  json chain = {{"anyOf", {Ref(Action::CreateInstances), Ref(Action::CreateTairKVCacheVNode)}}};
  for (auto c = std::rbegin(kClues); c != std::rend(kClues); ++c) {
    json others = json::array();
    for (const Clues& o : kClues) {
      if (o.action != c->action) others.push_back(RequiredAny(o.keys));
    }
    json only = {{"allOf", {RequiredAny(c->keys), {{"not", {{"anyOf", others}}}}}}};
    chain = {{"if", only}, {"then", Ref(c->action)}, {"else", std::move(chain)}};
  }
  for (auto c = std::rbegin(kClues); c != std::rend(kClues); ++c) {
    json named = {{"required", {"Action"}}, {"properties", {{"Action", {{"const", ActionName(c->action)}}}}}};
    chain = {{"if", named}, {"then", Ref(c->action)}, {"else", std::move(chain)}};
  }
  return chain;
}

}  // namespace

nlohmann::json EditorSchema(const Model& model, Action action) {
  const ActionModel* m = model.For(action);
  if (m == nullptr) return nullptr;
  const json& action_docs = Entry(EditorDocs(), ActionName(action));
  json s = EditorObject(m->bundled, Entry(action_docs, "request"), action_docs, model.catalogs, false);
  s["properties"]["Action"]["enum"] = {ActionName(action)};
  return s;
}

nlohmann::json EditorSchemaOfBothActions(const Model& model) {
  json out = {{"$schema", kDraft7},
              {"$id", "urn:tairlint:schema:request"},
              {"title", "CreateInstances or CreateTairKVCacheVNode request"},
              {"description",
               "A request document of either action, checked against the schema of the action its Action names "
               "(without Action: Instances means CreateInstances; VkName or ComputeUnitNum, CreateTairKVCacheVNode)."},
              {"type", "object"}};
  json actions = json::array();
  for (const Clues& c : kClues) {
    json s = EditorSchema(model, c.action);
    if (s.is_null()) return nullptr;
    s.erase("$schema");
    s.erase("$id");  // a $id would move the base of the "#/definitions/..." references inside it
    out["definitions"][ActionName(c.action)] = std::move(s);
    actions.push_back(ActionName(c.action));
  }
  out["properties"]["Action"] = {{"type", "string"}, {"description", "The API action."}, {"enum", actions}};
  out["allOf"] = {ChooseByAction()};
  return out;
}

const nlohmann::json* BundledSchema(const Model& model, Action action) {
  const ActionModel* m = model.For(action);
  return m ? &m->bundled : nullptr;
}

}  // namespace tairlint::detail
