// The rule engine: cross-field checks that JSON Schema cannot say.
//
// Each rule is one class in lib/src/rules/<rule_id>.cpp with a stable id; its
// severity, codes, summary and explanation live in schemas/rules.json (the
// one catalog that `tairlint rules` and `tairlint explain` print), and it is
// registered by one line in lib/src/rules/registry.cpp. Rules with a simple
// shape read their parameters from annotations in the schemas
// (x-requiredIf, x-ignoredUnless, x-idPrefix, ...), so that adding such a
// rule to another parameter is a schema edit, not code.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "document.h"
#include "model.h"
#include "report.h"

namespace tairlint::detail {

// An object of the request that holds parameters: the request itself, one
// element of Instances, or one Tag pair.
struct Scope {
  enum class Where { Request, Element, TagPair };
  Where where = Where::Request;
  Node* node = nullptr;
  const ObjectSpec* spec = nullptr;
  std::string pointer;  // of the object ("" for the request)
  size_t index = 0;     // element or pair index
  // The spec of each member of node (same order), nullptr for a name the
  // schema does not know: looked up once per check, read by many rules.
  TreeVector<const PropSpec*> specs;
};

class Context {
 public:
  Context(Action action, const Model& model, Node* root, Report* report, std::string_view text)
      : action(action), model(model), am(*model.For(action)), root(*root), report(*report), text(text),
        lines_(text) {}

  const Action action;
  const Model& model;
  const ActionModel& am;
  Node& root;
  Report& report;
  TreeVector<Scope> scopes;  // the request first, then elements, then tag pairs
  // An object node -> its index in scopes; built when first needed (a
  // schema failure inside an element or a tag pair).
  mutable std::unordered_map<const Node*, size_t> scope_of;
  const std::string_view text;  // the file ("" when the request came parsed)
  bool duplicate_keys = false;  // some object of the request repeats a key (MarkDuplicates)
  // Keys of Instances elements written in another case than the page's
  // (BuildScopes gives them the page's spelling): the member and its key as
  // written.
  struct Respelled {
    size_t scope;  // in scopes
    const Member* member;
    std::string written;
  };
  TreeVector<Respelled> respelled;

  // The 1-based line of a file offset (0 when there is no text).
  int LineOf(uint32_t pos) const;

  // The wire name of a member of a scope: the key at the top level,
  // "Instances" inside an element, "Tag.N.Key" inside a tag pair.
  std::string Parameter(const Scope& s, std::string_view key) const;
  std::string Pointer(const Scope& s, std::string_view key) const { return PointerAppend(s.pointer, key); }
  // The member's value when present (not null), else nullptr.
  const Node* Value(const Scope& s, std::string_view key) const { return s.node->get(key); }
  // Present and without an error of its own.
  bool Valid(const Scope& s, std::string_view key) const {
    return Value(s, key) != nullptr && !report.HasErrorAt(s.pointer, key);
  }
  // Member, value and valid value by a property spec of the scope's object
  // (the last member of its name). Found through the scope's specs, one
  // pointer per member side by side (BuildScopes; no member is added or
  // removed after it): cheaper than comparing names along the members, and
  // rules that walk annotated properties have the spec.
  const Member* MemberOf(const Scope& s, const PropSpec& p) const {
    for (size_t i = s.specs.size(); i-- > 0;) {
      if (s.specs[i] == &p) return &s.node->members[i];
    }
    return nullptr;
  }
  const Node* Value(const Scope& s, const PropSpec& p) const {
    const Member* m = MemberOf(s, p);
    return m != nullptr && !m->value.is_null() ? &m->value : nullptr;
  }
  // Present and without an error of its own, else nullptr.
  const Node* ValidValue(const Scope& s, const PropSpec& p) const {
    const Node* v = Value(s, p);
    return v != nullptr && !report.HasErrorAt(s.pointer, p.name) ? v : nullptr;
  }
  // The same for a parameter an annotation names (model.h): through its
  // spec when it is one of the scope's properties, else by name.
  const Member* MemberOf(const Scope& s, const ParamRef& r) const {
    return r.prop != nullptr && s.spec->owns(r.prop) ? MemberOf(s, *r.prop) : s.node->member(r.name);
  }
  const Node* Value(const Scope& s, const ParamRef& r) const {
    const Member* m = MemberOf(s, r);
    return m != nullptr && !m->value.is_null() ? &m->value : nullptr;
  }
  bool Valid(const Scope& s, const ParamRef& r) const {
    return Value(s, r) != nullptr && !report.HasErrorAt(s.pointer, r.name);
  }
  // Emits a finding of `rule` with the rule's default severity from
  // schemas/rules.json. `name` fills the message template ({name}).
  void Emit(std::string_view rule, std::string code, std::string name, std::string detail,
            std::string pointer, std::string parameter, uint32_t pos) const;

 private:
  mutable LineIndex lines_;
};

// The wire text of a scalar: what the service receives ("true", "12", ...).
std::string WireText(const Node& n);
// The wire text as a detail quotes it: an excerpt (report.h), or "(secret)"
// for a node whose text is a secret's.
std::string ShowWireText(const Node& n);

// Coerces the scalars of every scope to the types their schema expects, as
// the service would read them (contract section 3, numbers and nulls).
void CoerceScopes(Context* ctx);

// What coercion does to a number that is a whole number fitting 64 bits, done
// to every number of a tree: it becomes an integer. For tests and fuzzers
// that validate trees as the schema phase sees them.
void WholeNumbersToIntegers(Node* tree);

class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;
  // Rules about the shape of the input run before the schema, so that their
  // error is the one a value draws.
  virtual bool BeforeSchema() const { return false; }
  virtual void Check(Context& ctx) const = 0;
};

// The name of a property annotation with its hash, computed once (a rule
// keeps one as a constant: `const AnnotationKey kZoneOf("x-zoneOf");`).
struct AnnotationKey {
  explicit AnnotationKey(std::string_view name) : name(name), hash(HashBytes(name)) {}
  std::string_view name;
  uint64_t hash;
};

// Calls fn(scope, prop) for every property of every scope whose schema
// carries the annotation `key` (e.g. "x-idPrefix"); the rule reads the
// annotation compiled into the PropSpec (model.h).
template <typename Fn>
void ForEachAnnotated(const Context& ctx, const AnnotationKey& key, Fn fn) {
  for (const Scope& s : ctx.scopes) {
    const ObjectSpec::Annotated* props = s.spec->PropertiesAnnotated(key.name, key.hash);
    if (props == nullptr) continue;
    for (const PropSpec* p : *props) fn(s, *p);
  }
}

// Every rule, in the order they run (registry.cpp).
const std::vector<const Rule*>& EngineRules();

// Helpers shared by rules.
// Levenshtein distance, capped at `cap + 1`.
size_t EditDistance(std::string_view a, std::string_view b, size_t cap);
// Whether a scope's member satisfies a condition from the schemas: "*"
// means present; any other string is compared with the wire text. The
// member must be valid on its own.
bool Matches(const Context& ctx, const Scope& s, const Condition& c);
// Whether `key` is a flattened element of Instances (Instances.1.RegionId).
bool IsFlattenedInstancesKey(std::string_view key);
// Conditions in words: "ChargeType is PrePaid and BackupId is given".
std::string Describe(const std::vector<Condition>& conditions);

}  // namespace tairlint::detail
