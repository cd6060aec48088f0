// Alibaba Cloud's published API metadata against the schemas: every
// parameter it lists for the two actions is known, with a compatible type and
// the same values. Where the metadata and the seed pages disagree, the pages
// win; each such disagreement is listed below with its reason, so that a
// newer metadata file shows new drift at once.
//
// To check a newer file: TAIRLINT_API_METADATA=path/to/api-docs.json
//   tairlint_tests --gtest_filter='ApiMetadata.*'
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/model.h"
#include "test_util.h"

namespace tairlint::detail {
namespace {

// action/parameter/what -> why the schemas follow the seed page instead.
const std::map<std::string, std::string>& KnownDisagreements() {
  static const std::map<std::string, std::string> known = {
      {"CreateInstances/EngineVersion/enum",
       "the metadata lists 2.8, 4.0, 5.0; the CreateInstances page and contract section 3 allow 4.0 and 5.0"},
      {"CreateInstances/AutoRenew/type",
       "the metadata says string; the page documents true or false, so it is a boolean parameter"},
      {"CreateTairKVCacheVNode/ChargeType/enum",
       "the metadata lists PrePaid and PostPaid; the VNode page and contract section 3 allow PrePaid only"},
      {"CreateTairKVCacheVNode/AutoRenewPeriod/type",
       "the metadata (and the page's type column) say string; the page lists the months 1, 2, 3, 6, 12 and "
       "contract section 3 reads them as integers"},
      {"CreateTairKVCacheVNode/AutoPay/enum",
       "the metadata lists only true; the page says to set it to true, and false is a warning "
       "(recommended-value), not an error"},
      {"CreateTairKVCacheVNode/Tag/maxItems",
       "the metadata says 21 items; the page and contract section 3 allow at most five pairs (tag-limit)"},
  };
  return known;
}

std::string MetadataPath() {
  if (const char* path = std::getenv("TAIRLINT_API_METADATA"); path != nullptr && *path != '\0') return path;
  return std::string(TAIRLINT_SHARED_DIR) + "/reference/rkvstore-api-docs-2025-12-19.json";
}

// Whether a metadata type admits our wire type.
bool Compatible(const std::string& type, WireType ours) {
  if (ours == WireType::Any) return true;
  if (type == "string") return ours == WireType::String;
  if (type == "integer" || type == "number") return ours == WireType::Integer;
  if (type == "boolean") return ours == WireType::Boolean;
  if (type == "array") return ours == WireType::Array;
  if (type == "object") return ours == WireType::Object;
  return false;
}

// The metadata's values as wire text ("true", "12", "5.0").
std::set<std::string> WireValues(const nlohmann::json& values) {
  std::set<std::string> out;
  for (const auto& v : values) out.insert(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

// Every disagreement between the metadata and the schemas, as
// "action/parameter/what" -> a description.
std::map<std::string, std::string> Disagreements(const nlohmann::json& metadata, const Model& model) {
  std::map<std::string, std::string> out;
  for (Action action : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    const std::string name = ActionName(action);
    const ActionModel* am = model.For(action);
    if (am == nullptr) {
      out[name] = "the schemas did not load";
      continue;
    }
    const auto api = metadata["apis"].find(name);
    if (api == metadata["apis"].end()) {
      out[name] = "the metadata does not describe the action";
      continue;
    }
    for (const auto& param : (*api)["parameters"]) {
      const std::string p = param.value("name", "");
      const nlohmann::json& s = param["schema"];
      const PropSpec* spec = am->request.find(p);
      const std::string at = name + "/" + p + "/";
      if (spec == nullptr) {
        out[at + "known"] = p + " is not a parameter of the schemas";
        continue;
      }
      const std::string type = s.value("type", "");
      // A JSON document sent as a string (Instances) may be written inline too.
      const bool json_string = spec->json_string && type == "string";
      if (!json_string && !Compatible(type, spec->type)) out[at + "type"] = "the metadata says " + type;
      if (s.contains("enum") && spec->schema != nullptr) {
        const std::set<std::string> theirs = WireValues(s["enum"]);
        std::set<std::string> ours;
        if (auto e = spec->schema->find("enum"); e != spec->schema->end()) ours = WireValues(*e);
        if (spec->type == WireType::Boolean) ours = {"true", "false"};
        if (theirs != ours) out[at + "enum"] = "the metadata's values differ";
      }
      if (s.contains("maxItems") && spec->schema != nullptr &&
          s["maxItems"] != spec->schema->value("maxItems", nlohmann::json())) {
        out[at + "maxItems"] = "the metadata says " + s["maxItems"].dump();
      }
    }
  }
  return out;
}

const Model& TheModel() {
  static const Model* model = [] {
    auto* m = new Model;
    std::string error;
    if (!LoadModel(m, &error)) ADD_FAILURE() << error;
    return m;
  }();
  return *model;
}

TEST(ApiMetadata, EveryParameterIsKnownWithACompatibleType) {
  TAIRLINT_NEED_SHARED_DATA(MetadataPath());
  std::ifstream in(MetadataPath());
  ASSERT_TRUE(in) << MetadataPath();
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json metadata = nlohmann::json::parse(text.str());
  const auto found = Disagreements(metadata, TheModel());
  for (const auto& [what, description] : found) {
    EXPECT_TRUE(KnownDisagreements().count(what)) << "new disagreement with the API metadata: " << what << ": "
                                                   << description;
  }
  // A listed disagreement that no longer shows is stale: the list says why
  // the schemas differ, so it must stay true.
  for (const auto& [what, why] : KnownDisagreements()) {
    EXPECT_TRUE(found.count(what)) << "the metadata now agrees on " << what << "; drop it from the list (" << why << ")";
  }
}

TEST(ApiMetadata, DriftIsCaught) {
  // The comparison itself: a parameter the schemas lack, a type and a value
  // set that differ, each show.
  const nlohmann::json metadata = nlohmann::json::parse(R"({"apis": {
    "CreateInstances": {"parameters": [
      {"name": "NewThing", "schema": {"type": "string"}},
      {"name": "Token", "schema": {"type": "integer"}},
      {"name": "EngineVersion", "schema": {"type": "string", "enum": ["4.0", "5.0", "6.0"]}}]},
    "CreateTairKVCacheVNode": {"parameters": [
      {"name": "ComputeUnitNum", "schema": {"type": "integer"}},
      {"name": "DryRun", "schema": {"type": "boolean"}}]}}})");
  const auto found = Disagreements(metadata, TheModel());
  std::vector<std::string> keys;
  for (const auto& [k, v] : found) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"CreateInstances/EngineVersion/enum", "CreateInstances/NewThing/known",
                                            "CreateInstances/Token/type"}));
}

}  // namespace
}  // namespace tairlint::detail

// ---- the catalogs agree with each other

namespace tairlint::detail {
namespace {

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

// The capacity (MB) of an instance class: the size its name spells
// (`...sharding.16g...`, `...drredismdb4096g...`), else the 2019 snapshot's
// capacity_mb or its spec name ("4TB..."), else 0 (unknown).
int64_t CapacityOf(const std::string& cls, const std::map<std::string, std::pair<std::string, std::string>>& snapshot) {
  for (size_t start = 0; start <= cls.size();) {
    size_t end = cls.find('.', start);
    if (end == std::string::npos) end = cls.size();
    const std::string part = cls.substr(start, end - start);
    size_t digits = part.find_first_of("0123456789");
    if (digits != std::string::npos && part.size() > digits + 1 && part.back() == 'g' &&
        part.find_first_not_of("0123456789", digits) == part.size() - 1) {
      return std::stoll(part.substr(digits)) * 1024;
    }
    start = end + 1;
  }
  auto it = snapshot.find(cls);
  if (it == snapshot.end()) return 0;
  if (!it->second.first.empty()) return std::stoll(it->second.first);
  const std::string& spec = it->second.second;
  for (const auto& [unit, mb] : std::vector<std::pair<std::string, int64_t>>{{"TB", 1048576}, {"GB", 1024}, {"MB", 1}}) {
    size_t at = spec.find(unit);
    if (at == std::string::npos) continue;
    size_t from = at;
    while (from > 0 && std::isdigit(static_cast<unsigned char>(spec[from - 1]))) --from;
    if (from < at) return std::stoll(spec.substr(from, at - from)) * mb;
  }
  return 0;
}

TEST(Catalogs, EveryClassCapacityIsAKnownCapacity) {
  const std::string snapshot_path = std::string(TAIRLINT_SHARED_DIR) + "/reference/redis-classic-instance-classes-2019.tsv";
  TAIRLINT_NEED_SHARED_DATA(snapshot_path);
  std::ifstream tsv(snapshot_path);
  ASSERT_TRUE(tsv) << snapshot_path;
  std::map<std::string, std::pair<std::string, std::string>> snapshot;  // class -> capacity_mb, spec name
  for (std::string line; std::getline(tsv, line);) {
    if (line.empty() || line[0] == '#' || line.rfind("instance_class\t", 0) == 0) continue;
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    if (f.size() >= 5) snapshot[f[0]] = {f[1], f[4]};
  }
  const std::string dir = std::string(TAIRLINT_SOURCE_DIR) + "/schemas/catalogs/";
  const nlohmann::json capacity_catalog = ReadJson(dir + "capacities.json");
  const nlohmann::json class_catalog = ReadJson(dir + "instance-classes.json");
  std::set<int64_t> capacities;
  for (const auto& c : capacity_catalog["capacities"]) capacities.insert(c.get<int64_t>());
  size_t sized = 0;
  for (const auto& c : class_catalog["instance_classes"]) {
    const int64_t mb = CapacityOf(c.get<std::string>(), snapshot);
    if (mb == 0) continue;
    ++sized;
    EXPECT_TRUE(capacities.count(mb)) << c << " is a class of " << mb << " MB, which capacities.json does not list";
  }
  EXPECT_GT(sized, 30u);  // the comparison ran over the catalog
  EXPECT_EQ(CapacityOf("redis.logic.sharding.drredismdb4096g.256db.0rodb.256proxy.default", {}), 4194304);
  EXPECT_EQ(CapacityOf("redis.logic.sharding.16g.16db.0rodb.16proxy.default", {}), 16384);
}

TEST(Catalogs, AFourTerabyteCapacityIsKnown) {
  nlohmann::ordered_json req = testing::BaseCreateInstances();
  req["Instances"][0].erase("instanceClass");
  req["Instances"][0]["Capacity"] = 4194304;
  EXPECT_TRUE(testing::ErrorCodes(testing::Check(req.dump())).empty());
}

}  // namespace
}  // namespace tairlint::detail
