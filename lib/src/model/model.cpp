#include "model/model.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/embedded.h"
#include "document/document.h"
#include "model/schema_validator.h"

namespace tairlint::detail {


ActionModel::ActionModel() = default;
ActionModel::~ActionModel() = default;
ActionModel::ActionModel(ActionModel&&) noexcept = default;
ActionModel& ActionModel::operator=(ActionModel&&) noexcept = default;

const PropSpec* ObjectSpec::find(std::string_view name) const { return find(name, HashBytes(name)); }

const PropSpec* ObjectSpec::find_ignoring_case(std::string_view name) const {
  for (const PropSpec& p : props) {
    if (p.name.size() == name.size() &&
        std::equal(p.name.begin(), p.name.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return &p;
    }
  }
  return nullptr;
}

WireType WireTypeOf(const nlohmann::json& schema) {
  auto it = schema.find("type");
  if (it == schema.end()) return WireType::Any;
  std::string t = it->is_array() && !it->empty() ? (*it)[0].get<std::string>()
                  : it->is_string()               ? it->get<std::string>()
                                                  : "";
  if (t == "string") return WireType::String;
  if (t == "integer") return WireType::Integer;
  if (t == "boolean") return WireType::Boolean;
  if (t == "array") return WireType::Array;
  if (t == "object") return WireType::Object;
  return WireType::Any;
}

namespace {

// Replaces every {"$ref": "X.schema.json"} with the content of that file, so
// that the validator and editors get one self-contained schema.
bool Bundle(nlohmann::json* node, std::string* error, int depth = 0) {
  if (depth > 16) {
    *error = "schema $ref nesting too deep";
    return false;
  }
  if (node->is_object()) {
    auto ref = node->find("$ref");
    if (ref != node->end() && ref->is_string()) {
      nlohmann::json target;
      if (!ParseEmbedded(ref->get<std::string>(), &target, error)) return false;
      target.erase("$schema");
      target.erase("$id");
      if (!Bundle(&target, error, depth + 1)) return false;
      *node = std::move(target);
      return true;
    }
    for (auto& [k, v] : node->items()) {
      if (!Bundle(&v, error, depth)) return false;
    }
  } else if (node->is_array()) {
    for (auto& v : *node) {
      if (!Bundle(&v, error, depth)) return false;
    }
  }
  return true;
}

}  // namespace

void FillSpec(const nlohmann::json& schema, bool common, ObjectSpec* spec) {
  spec->schema = &schema;
  auto props = schema.find("properties");
  if (props == schema.end()) return;
  for (auto it = props->begin(); it != props->end(); ++it) {
    const nlohmann::json& s = it.value();
    PropSpec p;
    p.name = it.key();
    p.type = WireTypeOf(s);
    p.rule = s.value("x-rule", "");
    p.error_code = s.value("x-error-code", "");
    // x-secret: true for a stored secret (a password, a credential: the
    // plaintext-secret rule reads which), "one-off" for a value that is never
    // shown but is no stored secret (a signature).
    if (auto x = s.find("x-secret"); x != s.end()) p.secret = *x == true || *x == "one-off";
    p.common = common && s.value("x-common", false);
    p.idempotency_token = s.value("x-idempotencyToken", false);
    p.json_string = s.value("x-jsonString", false);
    p.schema = &s;
    if (auto m = s.find("maxItems"); m != s.end() && m->is_number_unsigned()) p.max_items = m->get<size_t>();
    spec->props.push_back(std::move(p));
  }
  for (const PropSpec& p : spec->props) spec->index.Insert(p.name);  // number i: the names of an object are distinct
}

namespace {

bool LoadAction(Action action, const std::string& file, const nlohmann::json& common, ActionModel* m,
                std::string* error) {
  m->action = action;
  m->source = file;
  if (!ParseEmbedded(file, &m->bundled, error)) return false;
  if (!Bundle(&m->bundled, error)) return false;
  // Merge the common request parameters, marked so that they are known.
  auto& props = m->bundled["properties"];
  for (auto it = common["properties"].begin(); it != common["properties"].end(); ++it) {
    if (props.contains(it.key())) continue;
    nlohmann::json p = it.value();
    p["x-common"] = true;
    props[it.key()] = std::move(p);
  }
  FillSpec(m->bundled, /*common=*/true, &m->request);
  const nlohmann::json& ps = m->bundled["properties"];
  if (auto inst = ps.find("Instances"); inst != ps.end() && inst->contains("items")) {
    FillSpec((*inst)["items"], false, &m->element);
  }
  if (auto tag = ps.find("Tag"); tag != ps.end() && tag->contains("items")) {
    FillSpec((*tag)["items"], false, &m->tag);
  }
  m->validator = std::make_unique<SchemaValidator>();
  return m->validator->Load(m->bundled, error);
}
}  // namespace

Model::Lazy* Model::Slot(Action a) const {
  static std::atomic<size_t> next_slot{0};
  thread_local const size_t slot = next_slot.fetch_add(1, std::memory_order_relaxed) % kSlots;
  return a == Action::CreateInstances          ? &create_instances_[slot]
         : a == Action::CreateTairKVCacheVNode ? &vnode_[slot]
                                               : nullptr;
}

const ActionModel* Model::For(Action a) const {
  Lazy* lazy = Slot(a);
  if (lazy == nullptr) return nullptr;
  // Loaded already (every check but the first): no call_once, whose set-up
  // cost about a hundredth of a check.
  if (lazy->loaded.load(std::memory_order_acquire)) return lazy->ok ? &lazy->model : nullptr;
  std::call_once(lazy->once, [this, a, lazy] {
    nlohmann::json common;
    lazy->ok = ParseEmbedded("common.schema.json", &common, &lazy->error) &&
               LoadAction(a, std::string(ActionName(a)) + ".request.schema.json", common, &lazy->model, &lazy->error) &&
               (compile_rules == nullptr || compile_rules(&lazy->model, &lazy->error));
    lazy->loaded.store(true, std::memory_order_release);
  });
  return lazy->ok ? &lazy->model : nullptr;
}

void Model::Prepare(Action a) const {
  for (Action each : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    if (a == Action::Unknown || a == each) For(each);
  }
}

bool Model::Loaded(Action a) const {
  const Lazy* lazy = Slot(a);
  return lazy != nullptr && lazy->loaded.load(std::memory_order_acquire);
}

std::string Model::LoadError(Action a) const {
  if (For(a) != nullptr) return "";
  const Lazy* lazy = Slot(a);
  return lazy == nullptr ? "no model for an unknown action" : lazy->error;
}

bool LoadModel(Model* model, std::string* error) {
  for (const char* name : {"catalogs/capacities.json", "catalogs/instance-classes.json", "catalogs/regions.json"}) {
    nlohmann::json doc;
    if (!ParseEmbedded(name, &doc, error)) return false;
    if (!model->catalogs.Add(doc, std::string("schemas/") + name, error)) return false;
  }
  return true;
}
}  // namespace tairlint::detail
