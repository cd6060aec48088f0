// The editor schema (`tairlint schema`): it accepts what the CLI accepts,
// flags unknown keys and bad values as the CLI does, offers each value once,
// and the schema files in examples/editors/ are what the CLI prints. Files
// are validated by python3's jsonschema through tests/editor_schema_check.py,
// YAML read as editors read it (YAML 1.2).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace tairlint::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kRoot = TAIRLINT_SOURCE_DIR;

// The checked-in schema files and the `tairlint schema` arguments they hold.
const std::pair<const char*, const char*> kSchemaFiles[] = {
    {"tairlint.schema.json", ""},
    {"CreateInstances.schema.json", "CreateInstances"},
    {"CreateTairKVCacheVNode.schema.json", "CreateTairKVCacheVNode"},
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string SchemaPath(const std::string& file) { return kRoot + "/examples/editors/" + file; }

// editor_schema_check.py's answer for `files` against `schema`.
json Validate(const std::string& schema, const std::vector<std::string>& files) {
  std::string cmd = "python3 " + Quote(kRoot + "/tests/editor_schema_check.py") + " " + Quote(schema);
  for (const std::string& f : files) cmd += " " + Quote(f);
  ShellRun r = RunShell(cmd + " 2>&1");
  EXPECT_EQ(r.status, 0) << "python3 with jsonschema and PyYAML is needed:\n" << r.out;
  json out = json::parse(r.out, nullptr, false);
  return out.is_discarded() ? json::object() : out;
}

// The problems' pointers, each once.
std::set<std::string> Pointers(const json& problems) {
  std::set<std::string> out;
  for (const json& p : problems) out.insert(p["pointer"].get<std::string>());
  return out;
}

std::string ActionOfExample(const std::string& name) {
  return name.rfind("vnode", 0) == 0 ? "CreateTairKVCacheVNode.schema.json" : "CreateInstances.schema.json";
}

std::vector<std::string> ExampleFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot + "/examples/" + dir)) {
    std::string ext = e.path().extension().string();
    if (ext == ".json" || ext == ".yaml" || ext == ".yml") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(EditorSchema, FilesInExamplesEditorsAreWhatTheCliPrints) {
  for (const auto& [file, action] : kSchemaFiles) {
    ShellRun r = RunShell(Quote(CliPath()) + " schema " + action);
    ASSERT_EQ(r.status, 0) << file;
    EXPECT_EQ(ReadAll(SchemaPath(file)), r.out)
        << "examples/editors/" << file << " differs from `tairlint schema " << action
        << "`: regenerate it with build/tairlint schema " << action << " > examples/editors/" << file;
  }
}

TEST(EditorSchema, IsDraft7AndItsOwnDefaultsAndExamplesPass) {
  for (const auto& [file, action] : kSchemaFiles) {
    json out = Validate(SchemaPath(file), {});
    EXPECT_EQ(out["schema"], json::array()) << file;
    EXPECT_EQ(out["documentation"], json::array()) << file;
    EXPECT_EQ(json::parse(ReadAll(SchemaPath(file)))["$schema"], "http://json-schema.org/draft-07/schema#");
  }
}

// Every entry of schemas/editor.json documents a parameter of its object,
// and its default and Markdown description are that parameter's.
TEST(EditorSchema, DocumentationNamesParameters) {
  const json docs = json::parse(ReadAll(kRoot + "/schemas/editor.json"));
  const json both = json::parse(TheChecker().RequestSchema());
  for (const char* action : {"CreateInstances", "CreateTairKVCacheVNode"}) {
    const json& props = both["definitions"][action]["properties"];
    auto items = [&](const char* p) { return props.contains(p) ? props[p]["items"] : json::object(); };
    const std::map<std::string, json> objects = {
        {"request", both["definitions"][action]}, {"element", items("Instances")}, {"tag", items("Tag")}};
    for (const auto& [group, params] : docs[action].items()) {
      ASSERT_TRUE(objects.count(group)) << action << " " << group;
      const json& object = objects.at(group);
      for (const auto& [name, doc] : params.items()) {
        const bool known = object.contains("properties") && object["properties"].contains(name);
        EXPECT_TRUE(known) << action << " " << group << " " << name;
        EXPECT_TRUE(doc.contains("markdownDescription") || doc.contains("default")) << name;
        if (!known) continue;
        const json& s = object["properties"][name];
        for (const char* key : {"markdownDescription", "default"}) {
          EXPECT_EQ(s.value(key, json()), doc.value(key, json())) << action << " " << name << " " << key;
        }
      }
    }
  }
}

TEST(EditorSchema, ValidExamplesPassTheCombinedSchemaAndTheirActions) {
  const std::vector<std::string> files = ExampleFiles("valid");
  ASSERT_GE(files.size(), 6u);
  json both = Validate(SchemaPath("tairlint.schema.json"), files);
  for (const std::string& f : files) {
    EXPECT_EQ(both["files"][f], json::array()) << f;
    std::string name = fs::path(f).filename().string();
    json own = Validate(SchemaPath(ActionOfExample(name)), {f});
    EXPECT_EQ(own["files"][f], json::array()) << f;
  }
}

// Each bad example draws problems exactly where its values are wrong, with
// either schema; what a schema cannot say (a string Instances' content,
// class families, duplicate keys) is the CLI's alone.
TEST(EditorSchema, InvalidExamplesDrawTheirProblems) {
  const std::map<std::string, std::set<std::string>> expected = {
      {"create-instances-typos.yaml", {"", "/Instances/0"}},
      {"create-instances-prepaid-period.yaml",
       {"/Instances/0/Period", "/Instances/2/quantity", "/Instances/2/ChargeType", "/Instances/2/Period"}},
      {"create-instances-password.json", {"/Instances/1/Password", "/Instances/2/Password"}},
      {"vnode-wrong-class.yaml", {"/ComputeUnitNum", "/InstanceName", "/ChargeType"}},
      {"vnode-missing-required.json", {"", "/ComputeUnitNum"}},
      {"vnode-too-many-tags.json", {"/Tag"}},
  };
  for (const auto& [name, pointers] : expected) {
    const std::string f = kRoot + "/examples/invalid/" + name;
    for (const std::string schema : {std::string("tairlint.schema.json"), ActionOfExample(name)}) {
      json problems = Validate(SchemaPath(schema), {f})["files"][f];
      EXPECT_EQ(Pointers(problems), pointers) << name << " with " << schema << "\n" << problems.dump(1);
      if (name != "create-instances-typos.yaml") continue;
      // The typos are flagged, and so is the missing instanceClass or
      // Capacity; keys in another case inside an element are not (the
      // service reads them ignoring case).
      std::string all = problems.dump();
      for (const char* typo : {"'Tokne'", "'ChargeTyp'", "'instanceClas'"}) {
        EXPECT_NE(all.find(typo), std::string::npos) << typo << " in " << all;
      }
      EXPECT_TRUE(std::any_of(problems.begin(), problems.end(), [](const json& p) {
        return p["pointer"] == "/Instances/0" && p["keyword"] == "anyOf";
      })) << all;
      for (const json& p : problems) {
        if (p["keyword"] != "additionalProperties") continue;
        for (const char* other_case : {"'IzNo'", "'vpcID'"}) {
          EXPECT_EQ(p["message"].get<std::string>().find(other_case), std::string::npos) << p;
        }
      }
    }
  }
}

// A request that differs from a valid one in a line or two. `cli_rule`:
// nullptr when the CLI finds no error and no unknown key in it (the schema
// must accept it too), else the rule the CLI flags it with (and the schema
// must flag it).
struct Variant {
  const char* name;
  const char* lines;
  const char* cli_rule;
};

TEST(EditorSchema, AcceptsWhatTheCliAcceptsAndFlagsWhatItFlags) {
  const std::string base =
      "Action: CreateInstances\n"
      "Token: tok-1\n"
      "Instances:\n"
      "  - RegionId: cn-hangzhou\n"
      "    izNo: cn-hangzhou-h\n"
      "    instanceClass: redis.master.small.default\n"
      "    ChargeType: PrePaid\n"
      "    Period: 1\n";
  const Variant variants[] = {
      {"engine-version-number", "EngineVersion: 5.0\n", nullptr},
      {"engine-version-text", "EngineVersion: '4.0'\n", nullptr},
      {"element-engine-version-number", "    EngineVersion: 4.0\n", nullptr},
      {"integer-as-text", "    quantity: '007'\n", nullptr},
      {"text-as-number", "BusinessInfo: 000000000\n", nullptr},
      {"boolean-as-text", "AutoPay: 'TRUE'\n", nullptr},
      {"text-as-boolean", "    InstanceName: true\n", nullptr},
      {"element-keys-in-any-case", "    QUANTITY: 2\n    VPCID: vpc-1\n    vswitchid: vsw-1\n", nullptr},
      {"common-parameters", "Version: '2015-01-01'\nRegionId: cn-hangzhou\nOwnerId: '12'\n", nullptr},
      {"engine-version-wrong", "EngineVersion: '6.0'\n", "engine-version-value"},
      {"integer-as-fraction-text", "    quantity: '7.0'\n", "quantity-range"},
      {"typo-top", "Tokne: x\n", "unknown-parameter"},
      {"typo-element", "    Peroid: 12\n", "unknown-parameter"},
      {"other-case-top", "token: x\n", "parameter-case"},
      {"boolean-word", "AutoPay: yes\n", "boolean-value"},
  };
  const std::string dir = ScratchPath("editor-variants");
  fs::create_directories(dir);
  std::vector<std::string> files;
  for (const Variant& v : variants) {
    // Lines indented four spaces belong in the element, others at the top.
    std::string text = std::string(v.lines).rfind("    ", 0) == 0 ? base + v.lines : std::string(v.lines) + base;
    files.push_back(dir + "/" + v.name + ".yaml");
    std::ofstream(files.back(), std::ios::binary) << text;
    Result r = TheChecker().Check(text);
    if (v.cli_rule == nullptr) {
      EXPECT_EQ(r.errors(), 0u) << v.name << "\n" << Describe(r);
      EXPECT_EQ(FindingFor(r, "unknown-parameter"), nullptr) << v.name << "\n" << Describe(r);
    } else {
      EXPECT_NE(FindingFor(r, v.cli_rule), nullptr) << v.name << "\n" << Describe(r);
    }
  }
  json out = Validate(SchemaPath("tairlint.schema.json"), files);
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(out["files"][files[i]].empty(), variants[i].cli_rule == nullptr)
        << variants[i].name << "\n" << out["files"][files[i]].dump(1);
  }
}

// What VS Code's completion offers for a value: default, const, enum and
// examples, true and false for a boolean type, through allOf/anyOf/oneOf.
void Suggestions(const json& s, std::vector<json>* out) {
  if (!s.is_object()) return;
  if (s.contains("default")) out->push_back(s["default"]);
  if (s.contains("const")) out->push_back(s["const"]);
  for (const char* key : {"enum", "examples"}) {
    if (s.contains(key)) out->insert(out->end(), s[key].begin(), s[key].end());
  }
  json type = s.value("type", json());
  if (type == "boolean" || (type.is_array() && std::find(type.begin(), type.end(), "boolean") != type.end())) {
    out->insert(out->end(), {true, false});
  }
  for (const char* key : {"allOf", "anyOf", "oneOf"}) {
    for (const json& branch : s.value(key, json::array())) Suggestions(branch, out);
  }
}

std::vector<json> SuggestionsOf(const json& s) {
  std::vector<json> out;
  Suggestions(s, &out);
  return out;
}

// Every parameter's schema in `s`, by its path.
void Parameters(const json& s, const std::string& at, std::map<std::string, json>* out) {
  if (!s.is_object()) return;
  for (const char* key : {"properties", "patternProperties", "definitions"}) {
    const json subs = s.value(key, json::object());
    for (const auto& [name, sub] : subs.items()) {
      if (std::string(key) != "definitions") (*out)[at + "/" + name] = sub;
      Parameters(sub, at + "/" + name, out);
    }
  }
  if (s.contains("items")) Parameters(s["items"], at + "/items", out);
}

TEST(EditorSchema, EachValueIsOfferedOnce) {
  json both = json::parse(TheChecker().RequestSchema());
  std::map<std::string, json> params;
  Parameters(both, "", &params);
  ASSERT_GT(params.size(), 60u);
  for (const auto& [path, s] : params) {
    // Two different values that read the same (12 and "12") are one value
    // offered twice; the same value twice an editor shows once.
    std::map<std::string, std::set<std::string>> by_text;
    for (const json& v : SuggestionsOf(s)) by_text[v.is_string() ? v.get<std::string>() : v.dump()].insert(v.dump());
    for (const auto& [text, values] : by_text) EXPECT_EQ(values.size(), 1u) << path << ": " << text;
  }
  const json& ci = both["definitions"]["CreateInstances"]["properties"];
  const json& element = ci["Instances"]["items"]["properties"];
  EXPECT_EQ(SuggestionsOf(element["Period"]), json::parse("[1,2,3,4,5,6,7,8,9,12,24,36,60]").get<std::vector<json>>());
  EXPECT_EQ(SuggestionsOf(ci["EngineVersion"]), (std::vector<json>{"5.0", "4.0", "5.0"}));  // the default first
  EXPECT_EQ(SuggestionsOf(ci["AutoRenew"]), (std::vector<json>{false, true, false}));
  EXPECT_EQ(SuggestionsOf(ci["Token"]), (std::vector<json>{"ETnLKlblzczshOTUbOCz****"}));
  // Catalog values are suggestions, not limits.
  const std::vector<json> classes = SuggestionsOf(element["instanceClass"]);
  EXPECT_GT(classes.size(), 50u);
  EXPECT_EQ(classes[0], "redis.master.small.default");
  EXPECT_FALSE(element["instanceClass"].contains("enum"));
  const json& vnode = both["definitions"]["CreateTairKVCacheVNode"]["properties"];
  for (const json& c : SuggestionsOf(vnode["InstanceClass"])) EXPECT_EQ(c.get<std::string>().rfind("kvcache.", 0), 0u);
  EXPECT_GT(SuggestionsOf(vnode["RegionId"]).size(), 30u);
}

}  // namespace
}  // namespace tairlint::testing
