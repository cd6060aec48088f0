// What the library knows about the two actions, loaded once from the
// embedded files in schemas/: the JSON Schemas (bundled, with the common
// parameters merged in), the per-parameter annotations that the rule engine
// reads (x-rule, x-error-code, x-secret, x-idPrefix, ...), the error-code and
// rule catalogs, and the catalogs of known capacities, classes and regions.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "name_index.h"
#include "tairlint/tairlint.h"

namespace re2 {
class RE2;
}

namespace tairlint::detail {

class SchemaValidator;  // schema_validator.cpp: the only user of valijson

// x-patternDetails: which finer pattern a value breaks says what is wrong
// with it. Compiled at load (a failing value would otherwise compile them).
struct PatternDetail {
  std::shared_ptr<const re2::RE2> pattern;
  std::string detail;
};

// The JSON type a parameter is expected to have on the wire.
enum class WireType { String, Integer, Boolean, Array, Object, Any };

// One property of an object schema, with its annotations.
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
  std::vector<PatternDetail> pattern_details;  // x-patternDetails, in order
};

// An object schema: the request, one Instances element, or one Tag pair.
struct ObjectSpec {
  std::vector<PropSpec> props;
  const nlohmann::json* schema = nullptr;
  // Built once at load, so that a check does no schema lookups: the
  // properties by name (number i is props[i]), and for each x- annotation
  // the properties that carry it with its value.
  NameIndex index;
  using Annotated = std::vector<std::pair<const PropSpec*, const nlohmann::json*>>;
  NameIndex annotation_keys;  // number i: annotated[i]
  std::vector<Annotated> annotated;
  // The object's own x- annotations (x-requiredIf, x-ignoredUnless, ...).
  NameIndex object_annotation_keys;  // number i: object_annotations[i]
  std::vector<const nlohmann::json*> object_annotations;
  // The properties carrying annotation `key`, or nullptr (`hash`:
  // HashBytes(key)).
  const Annotated* PropertiesAnnotated(std::string_view key, uint64_t hash) const {
    uint32_t i = annotation_keys.Find(key, hash);
    return i == NameIndex::kNone ? nullptr : &annotated[i];
  }
  // The object's annotation `key`, or nullptr (`hash`: HashBytes(key)).
  const nlohmann::json* ObjectAnnotation(std::string_view key, uint64_t hash) const {
    uint32_t i = object_annotation_keys.Find(key, hash);
    return i == NameIndex::kNone ? nullptr : object_annotations[i];
  }
  const PropSpec* find(std::string_view name) const;
  // A documented name equal to `name` when case is ignored, or nullptr.
  const PropSpec* find_ignoring_case(std::string_view name) const;
};

struct ActionModel {
  Action action = Action::Unknown;
  nlohmann::json bundled;  // the self-contained request schema
  ObjectSpec request;
  ObjectSpec element;  // CreateInstances: one Instances element
  ObjectSpec tag;      // CreateTairKVCacheVNode: one Tag pair
  std::unique_ptr<SchemaValidator> validator;
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
  bool Add(const nlohmann::json& doc, const std::string& name, std::string* error);
};

// The whole model. Built by CheckerImpl; immutable afterwards, except that
// each action's part is loaded on first use (thread-safe), so that a run
// that checks one action never parses the other's schemas: a CLI checking
// one file starts in half the time.
class Model {
 public:
  Catalogs catalogs;
  // The action's model, or nullptr for Action::Unknown or when its embedded
  // schemas failed to load (then LoadError says why).
  //
  // Each action loads on first use, once per thread slot: a thread gets a
  // slot on its first call (round robin over kSlots, process-wide), and the
  // model it reads is the one its slot loaded, in the memory of the thread
  // that loaded it. Sharing one model across threads cost two threads about
  // a tenth of their speed: its many small blocks share cache lines with the
  // loading thread's later allocations (false sharing), and every RE2 search
  // takes a read lock inside the RE2 object. A model is about 0.3 MB
  // (CreateInstances) and 0.1 MB (CreateTairKVCacheVNode) and takes well
  // under a millisecond to load.
  const ActionModel* For(Action a) const;
  std::string LoadError(Action a) const;

  static constexpr size_t kSlots = 8;

 private:
  struct Lazy {
    std::once_flag once;
    ActionModel model;
    bool ok = false;
    std::string error;
  };
  Lazy* Slot(Action a) const;
  mutable Lazy create_instances_[kSlots], vnode_[kSlots];
};

// Loads the catalogs from the embedded files (the actions load on first
// use); false and `error` if broken.
bool LoadModel(Model* model, std::string* error);

// The bundled, self-contained schema of an action's request document.
const nlohmann::json* BundledSchema(const Model& model, Action action);
// The same for editors: lenient wire types, no tairlint annotations.
nlohmann::json EditorSchema(const Model& model, Action action);

// Parses the embedded rules.json and codes.json (cached, thread-safe).
const std::vector<RuleInfo>& RuleCatalog();
const std::vector<CodeInfo>& CodeCatalog();

}  // namespace tairlint::detail
