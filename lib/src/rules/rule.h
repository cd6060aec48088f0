// The rule engine: cross-field checks that JSON Schema cannot say.
//
// A rule is one file, lib/src/rules/<rule_id>.cpp: a class with its id, the
// schema annotation it reads (compiled by the rule itself when an action
// loads) and its check; one line in registry.cpp registers it. Its default
// severity, codes and texts are its entry in schemas/rules.json, which the
// one reporting path (Context::Emit, Report) reads. CONTRIBUTING.md has the
// recipe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "request/context.h"

namespace tairlint::detail {

// ---- Reading annotations, once per action when it loads

// A property annotation as a rule compiled it: the object schema and the
// property that carry it, and the value the rule read from it.
template <typename T>
struct PropertyAnnotation {
  const ObjectSpec* object;
  const PropSpec* prop;
  T value;
};
template <typename T>
using PropertyAnnotations = std::vector<PropertyAnnotation<T>>;

// An object annotation (a list): each entry the rule read, with its object.
template <typename T>
struct ObjectAnnotation {
  const ObjectSpec* object;
  T value;
};
template <typename T>
using ObjectAnnotations = std::vector<ObjectAnnotation<T>>;

// Walks an action's object schemas (the request, an Instances element, a
// Tag pair) for a rule's annotation. A malformed one fails the load with its
// place: "<schema file> (Instances): properties.izNo.x-zoneOf must name a
// parameter".
class AnnotationReader {
 public:
  AnnotationReader(const ActionModel& model, std::string* error) : model_(model), error_(error) {}

  // parse(json, object, &value) for each property carrying `key`; it
  // returns false after calling Fail.
  template <typename T, typename Parse>
  bool Properties(std::string_view key, PropertyAnnotations<T>* out, Parse parse) {
    return EachObject([&](const ObjectSpec& object) {
      for (const PropSpec& p : object.props) {
        auto a = p.schema->find(key);
        if (a == p.schema->end()) continue;
        at_ = "properties." + p.name + "." + std::string(key);
        T value{};
        if (!parse(*a, object, &value)) return false;
        out->push_back({&object, &p, std::move(value)});
      }
      return true;
    });
  }

  // parse(entry, object, &value) for each entry of the list `key` of each
  // object carrying it.
  template <typename T, typename Parse>
  bool Objects(std::string_view key, ObjectAnnotations<T>* out, Parse parse) {
    return EachObject([&](const ObjectSpec& object) {
      auto list = object.schema->find(key);
      if (list == object.schema->end()) return true;
      at_ = std::string(key);
      if (!list->is_array()) return Fail(" must be a list");
      for (size_t i = 0; i < list->size(); ++i) {
        at_ = std::string(key) + "[" + std::to_string(i) + "]";
        T value{};
        if (!parse((*list)[i], object, &value)) return false;
        out->push_back({&object, std::move(value)});
      }
      return true;
    });
  }

  // Records the error `what` (appended to the annotation's place); false.
  bool Fail(const std::string& what);
  // A parameter named in `in`: its spec, or only its name.
  static ParamRef Ref(const ObjectSpec& in, const std::string& name) { return {name, in.find(name)}; }
  // The non-empty string e[key]; "" and an error when it is not one (and
  // `required`, or present).
  std::string Text(const nlohmann::json& e, const char* key, bool required = true);
  // The Instances element's spec when the object being read is the request
  // (annotations there may speak of "some element"), else nullptr.
  const ObjectSpec* ElementsOf(const ObjectSpec& object) const {
    return &object == &model_.request && model_.element.schema != nullptr ? &model_.element : nullptr;
  }
  const ActionModel& model() const { return model_; }
  bool failed() const { return !ok_; }

 private:
  template <typename Fn>
  bool EachObject(Fn fn) {
    for (const ObjectSpec* object : {&model_.request, &model_.element, &model_.tag}) {
      if (object->schema == nullptr) continue;
      where_ = model_.source + (object == &model_.element ? " (Instances)" : object == &model_.tag ? " (Tag)" : "");
      if (!fn(*object)) return false;
    }
    return true;
  }

  const ActionModel& model_;
  std::string* error_;
  std::string where_, at_;
  bool ok_ = true;
};

// ---- Rules

class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;
  // Rules about the shape of the input run before the schema, so that their
  // error is the one a value draws.
  virtual bool BeforeSchema() const { return false; }
  // Reads the rule's annotations when an action loads; `out` keeps what
  // Check needs (left empty: nothing). False fails the load (reader.Fail).
  virtual bool Compile(AnnotationReader& reader, std::unique_ptr<const RuleConfig>* out) const {
    (void)reader;
    (void)out;
    return true;
  }
  // `config`: what Compile kept for the request's action, or nullptr.
  virtual void Check(Context& ctx, const RuleConfig* config) const = 0;
};

// A rule that reads annotations into a `Config`: it implements Read (at
// load) and Run (on every check, with what Read made).
template <typename Config>
class AnnotatedRule : public Rule {
 public:
  bool Compile(AnnotationReader& reader, std::unique_ptr<const RuleConfig>* out) const final {
    auto holder = std::make_unique<Holder>();
    if (!Read(reader, &holder->config)) return false;
    *out = std::move(holder);
    return true;
  }
  void Check(Context& ctx, const RuleConfig* config) const final {
    if (config != nullptr) Run(ctx, static_cast<const Holder*>(config)->config);
  }

 protected:
  virtual bool Read(AnnotationReader& reader, Config* config) const = 0;
  virtual void Run(Context& ctx, const Config& config) const = 0;

 private:
  struct Holder : RuleConfig {
    Config config;
  };
};

// Calls fn(scope, prop, value) for every scope whose object carries one of
// the annotations.
template <typename T, typename Fn>
void ForEachAnnotated(const Context& ctx, const PropertyAnnotations<T>& annotations, Fn fn) {
  if (annotations.empty()) return;
  for (const Scope& s : ctx.scopes) {
    for (const PropertyAnnotation<T>& a : annotations) {
      if (a.object == s.spec) fn(s, *a.prop, a.value);
    }
  }
}

// Every rule, in the order they run (registry.cpp).
const std::vector<const Rule*>& EngineRules();
// Runs the rules that run before the schema phase, or those after it.
void RunRules(Context& ctx, bool before_schema);
// Compiles every rule's annotations into model->rule_configs
// (Model::compile_rules).
bool CompileRules(ActionModel* model, std::string* error);

// ---- Helpers shared by rules

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
// Reads one entry of x-requiredIf or x-ignoredUnless.
bool ReadConditionalParameter(AnnotationReader& reader, const nlohmann::json& e, const ObjectSpec& object,
                              ConditionalParameter* out);

// Whether a scope's member satisfies a condition from the schemas: "*"
// means present; any other string is compared with the wire text. The
// member must be valid on its own.
bool Matches(const Context& ctx, const Scope& s, const Condition& c);
// Conditions in words: "ChargeType is PrePaid and BackupId is given".
std::string Describe(const std::vector<Condition>& conditions);

}  // namespace tairlint::detail
