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

// ---- Annotations compiled at load
//
// The rule engine's annotations (x-requiredIf, x-classFamily, ...) are read
// from the schemas once, when an action loads, into the plain fields below:
// rules run on every check, and reading JSON there (a map lookup per field,
// a string compare per key) was a sixth of a check. A malformed annotation
// fails the load, with the schema path, instead of a check.

// A parameter an annotation names, resolved against the object schema it is
// read in: `prop` is nullptr for a name that schema does not describe (it is
// then looked up by name; Context::MemberOf).
struct ParamRef {
  std::string name;
  const PropSpec* prop = nullptr;
};

// "The parameter has the wire text `want`" ("*": the parameter is given).
struct Condition {
  ParamRef param;
  std::string want;
};

// An entry of x-requiredIf or x-ignoredUnless: `parameter` is required (or
// takes effect) when every condition holds.
struct ConditionalParameter {
  ParamRef parameter;
  std::vector<Condition> conditions;
  // x-ignoredUnless only: the array parameter (Instances) in some element of
  // which the conditions must hold; "" when they are read in this object.
  std::string if_any;
};

// An entry of x-requiredOneOf: exactly one of `parameters` must be given.
struct OneOfParameters {
  std::string name;  // how the message names the group
  std::vector<ParamRef> parameters;
};

// An entry of x-sameAsIn: a request parameter that Instances elements may
// set too, resolved in both objects.
struct SameAsIn {
  ParamRef in_request;
  ParamRef in_element;
};

// x-classFamily of a property: the prefixes an instance class may start
// with, by the value of the type parameter.
struct ClassFamily {
  ParamRef type_parameter;          // name "" when the family does not depend on a type
  std::string default_type = "*";   // the type when that parameter is absent
  // type ("*": any) -> prefixes, in the schema's order
  std::vector<std::pair<std::string, std::vector<std::string>>> prefixes;
  // The prefixes of `type`, else those of "*", else nullptr.
  const std::vector<std::string>* PrefixesOf(std::string_view type) const;
};

// One property of an object schema, with its annotations.
struct PropSpec {
  std::string name;
  WireType type = WireType::Any;
  std::string rule;        // x-rule
  std::string error_code;  // x-error-code: the documented code for value rules
  bool secret = false;     // x-secret: never print the value
  bool stored_secret = false;  // x-secret true (not "one-off"): kept in a file, it is a leak
  bool common = false;     // a common request parameter (common.schema.json)
  bool idempotency_token = false;  // x-idempotencyToken
  bool json_string = false;        // x-jsonString: a JSON document that may travel as a string
  const nlohmann::json* schema = nullptr;  // the property's subschema (bundled copy)
  // Compiled annotations (see above); each rule walks the properties that
  // carry its annotation (ForEachAnnotated) and reads its field here.
  std::string id_prefix, id_prefix_code;   // x-idPrefix: {prefix, code}
  ParamRef zone_of;                        // x-zoneOf: the region parameter
  int password_kinds = 0;                  // x-passwordKinds
  size_t max_pairs = 0;                    // x-maxPairs
  std::string recommended;                 // x-recommended, as wire text
  std::string ignored;                     // x-ignored: why the service ignores it, always
  std::shared_ptr<const ClassFamily> class_family;  // x-classFamily
};

// An object schema: the request, one Instances element, or one Tag pair.
struct ObjectSpec {
  std::vector<PropSpec> props;
  const nlohmann::json* schema = nullptr;
  // Built once at load, so that a check does no schema lookups: the
  // properties by name (number i is props[i]), and for each x- annotation
  // the properties that carry it.
  NameIndex index;
  using Annotated = std::vector<const PropSpec*>;
  NameIndex annotation_keys;  // number i: annotated[i]
  std::vector<Annotated> annotated;
  // The properties carrying annotation `key`, or nullptr (`hash`:
  // HashBytes(key)).
  const Annotated* PropertiesAnnotated(std::string_view key, uint64_t hash) const {
    uint32_t i = annotation_keys.Find(key, hash);
    return i == NameIndex::kNone ? nullptr : &annotated[i];
  }
  // Compiled object annotations (see above).
  std::vector<ConditionalParameter> required_if;     // x-requiredIf
  std::vector<ConditionalParameter> ignored_unless;  // x-ignoredUnless
  std::vector<OneOfParameters> required_one_of;      // x-requiredOneOf
  std::vector<SameAsIn> same_as_in;                  // x-sameAsIn

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

// How an action's ObjectSpecs are built (LoadAction; public for tests).
// FillSpec reads the properties of an object schema (`common`: mark those
// annotated x-common); `schema` must outlive `spec`.
void FillSpec(const nlohmann::json& schema, bool common, ObjectSpec* spec);
// Then CompileAnnotations reads its annotations into the spec (`items`: the
// spec of the Instances element, for x-ignoredUnless's ifAny and
// x-sameAsIn; nullptr in an element). False and `error` (naming `where`
// and the annotation) for a malformed one.
bool CompileAnnotations(ObjectSpec* spec, const ObjectSpec* items, const std::string& where, std::string* error);

// Loads the catalogs from the embedded files (the actions load on first
// use); false and `error` if broken.
bool LoadModel(Model* model, std::string* error);

// The bundled, self-contained schema of an action's request document.
const nlohmann::json* BundledSchema(const Model& model, Action action);
// The same for editors: lenient wire types, no tairlint annotations.
nlohmann::json EditorSchema(const Model& model, Action action);

}  // namespace tairlint::detail
