// What the library knows about the two actions, loaded once from the
// embedded files in schemas/: the JSON Schemas (bundled, with the common
// parameters merged in), the per-parameter annotations that the rule engine
// reads (x-rule, x-error-code, x-secret, x-idPrefix, ...), the error-code and
// rule catalogs, and the catalogs of known capacities, classes and regions.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "document/name_index.h"
#include "tairlint/tairlint.h"

namespace tairlint::detail {

class SchemaValidator;  // schema_validator.cpp: the only user of valijson

// The JSON type a parameter is expected to have on the wire.
enum class WireType { String, Integer, Boolean, Array, Object, Any };
// A subschema's `type` as a WireType (the first of a list).
WireType WireTypeOf(const nlohmann::json& schema);

struct PropSpec;

// A parameter an annotation names, resolved against the object schema it is
// read in: `prop` is nullptr for a name that schema does not describe (it is
// then looked up by name; Context::MemberOf).
struct ParamRef {
  std::string name;
  const PropSpec* prop = nullptr;
};

// One property of an object schema: what every phase reads of it. What a
// single rule reads (its annotation) the rule compiles itself (rules/rule.h).
struct PropSpec {
  std::string name;
  WireType type = WireType::Any;
  std::string rule;        // x-rule
  std::string error_code;  // x-error-code: the documented code for value rules
  bool secret = false;     // x-secret: never print the value
  bool common = false;     // a common request parameter (common.schema.json)
  bool idempotency_token = false;  // x-idempotencyToken
  bool json_string = false;        // x-jsonString: a JSON document that may travel as a string
  const nlohmann::json* schema = nullptr;  // the property's subschema (bundled copy)
  size_t max_items = 0;  // maxItems of an array (0: none)
};

// An object schema: the request, one Instances element, or one Tag pair.
struct ObjectSpec {
  std::vector<PropSpec> props;
  const nlohmann::json* schema = nullptr;
  // The properties by name (number i is props[i]), built at load.
  NameIndex index;

  const PropSpec* find(std::string_view name) const;
  const PropSpec* find(std::string_view name, uint64_t hash) const {  // hash: HashBytes(name)
    uint32_t i = index.Find(name, hash);
    return i == NameIndex::kNone ? nullptr : &props[i];
  }
  // Whether `p` is one of this object's properties.
  bool owns(const PropSpec* p) const {
    return !props.empty() && !std::less<const PropSpec*>()(p, props.data()) &&
           std::less<const PropSpec*>()(p, props.data() + props.size());
  }
  // A documented name equal to `name` when case is ignored, or nullptr.
  const PropSpec* find_ignoring_case(std::string_view name) const;
};

// What a rule compiled from an action's schemas when the action loaded (its
// annotations): each rule that reads annotations derives its own
// (rules/rule.h).
struct RuleConfig {
  virtual ~RuleConfig() = default;
};

struct ActionModel {
  Action action = Action::Unknown;
  std::string source;  // the schema file, as errors name it
  nlohmann::json bundled;  // the self-contained request schema
  ObjectSpec request;
  ObjectSpec element;  // CreateInstances: one Instances element
  ObjectSpec tag;      // CreateTairKVCacheVNode: one Tag pair
  std::unique_ptr<SchemaValidator> validator;
  // What each engine rule compiled, in registry order (Model::compile_rules).
  std::vector<std::unique_ptr<const RuleConfig>> rule_configs;
  ActionModel();
  ~ActionModel();
  ActionModel(ActionModel&&) noexcept;
  ActionModel& operator=(ActionModel&&) noexcept;
};

struct Catalogs {
  std::set<int64_t> capacities;
  NameIndex instance_classes;
  NameIndex regions;
  // Adds the entries of one catalog document; false and `error` on a bad one.
  // Errors quote no more of a value than a short excerpt (Printable).
  bool Add(const nlohmann::json& doc, const std::string& name, std::string* error);
};

// A user's catalog file (CheckerConfig::catalog_files) is bounded before
// any parser sees it: a regular file (no FIFO, device or folder: opening
// one neither blocks nor reads for ever), at most kMaxCatalogBytes, its
// arrays and objects nested at most kMaxCatalogDepth deep (a catalog is two
// levels deep; nlohmann's dump and comparison recurse, so a deeper value
// is refused before it is parsed).
inline constexpr size_t kMaxCatalogBytes = size_t{4} << 20;  // 4 MiB: some 200,000 entries
inline constexpr int kMaxCatalogDepth = 16;

// Parses the text of a catalog named `name` and adds its entries; false and
// `error` ("name:line:column: ..." when there is a position) on a bad one.
// Any text is safe here: it never crashes, never recurses with the input.
bool LoadCatalogText(std::string_view text, const std::string& name, Catalogs* catalogs, std::string* error);
// Reads the catalog file at `path` within the bounds above and loads it
// through LoadCatalogText.
bool LoadCatalogFile(const std::string& path, Catalogs* catalogs, std::string* error);

// The whole model. Built by CheckerImpl; immutable afterwards, except that
// each action's part is loaded on first use (thread-safe), so that a run
// that checks one action never parses the other's schemas.
class Model {
 public:
  Catalogs catalogs;
  // Compiles the engine rules' annotations into a loaded action's
  // rule_configs (set by the Checker before the first For: the rules sit
  // above the model, so the model calls them through this); nullptr: none.
  bool (*compile_rules)(ActionModel* model, std::string* error) = nullptr;
  // The action's model, or nullptr for Action::Unknown or when its embedded
  // schemas failed to load (then LoadError says why).
  //
  // Each action loads on first use, once per thread slot: a thread gets a
  // slot on its first call (round robin over kSlots, process-wide) and reads
  // the model its slot loaded, so that threads share no model (no false
  // sharing, no RE2 read lock; docs/performance.md). A model is about 0.3 MB.
  const ActionModel* For(Action a) const;
  std::string LoadError(Action a) const;
  // Loads `a` (Action::Unknown: every action) for the calling thread's slot
  // now, as For would on first use (Checker::Prepare).
  void Prepare(Action a) const;
  // Whether the calling thread's slot has loaded `a` (successfully or not).
  bool Loaded(Action a) const;

  static constexpr size_t kSlots = 8;

 private:
  struct Lazy {
    std::once_flag once;
    std::atomic<bool> loaded{false};  // set when `once` has run
    ActionModel model;
    bool ok = false;
    std::string error;
  };
  Lazy* Slot(Action a) const;
  mutable Lazy create_instances_[kSlots], vnode_[kSlots];
};

// How an action's ObjectSpecs are built (LoadAction; public for tests):
// reads the properties of an object schema (`common`: mark those annotated
// x-common); `schema` must outlive `spec`.
void FillSpec(const nlohmann::json& schema, bool common, ObjectSpec* spec);

// Loads the catalogs from the embedded files (the actions load on first
// use); false and `error` if broken.
bool LoadModel(Model* model, std::string* error);

// The bundled, self-contained schema of an action's request document.
const nlohmann::json* BundledSchema(const Model& model, Action action);
// The same for editors (editor_schema.cpp): every form the CLI accepts, no
// tairlint annotations, the seed pages' documentation; null for Unknown.
nlohmann::json EditorSchema(const Model& model, Action action);
// One editor schema for both actions, choosing by Action as the CLI does.
nlohmann::json EditorSchemaOfBothActions(const Model& model);

}  // namespace tairlint::detail
