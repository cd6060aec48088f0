// The context of one check: the request's tree, the action's model, the
// findings so far, and the request's objects of parameters (scopes). The
// request phases (this folder) shape the tree; the schema phase and the
// rules read it through a Context.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "input/parse.h"
#include "model/model.h"
#include "report/report.h"

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
  // For each property of `spec` (same order as spec->props), the number of
  // its last member in node, or kAbsent: how MemberOf finds a parameter.
  static constexpr uint32_t kAbsent = UINT32_MAX;
  TreeVector<uint32_t> member_of;
};

// Where a finding points: its JSON Pointer, the wire parameter, and the
// span of the offending key, value or object in the file.
struct Place {
  std::string pointer;
  std::string parameter;
  uint32_t pos = 0;
  uint32_t end = 0;  // just past it; 0: no extent
  // The offending value, when the finding is about one value (ValueAt):
  // Emit hashes its wire text (Finding::value_hash) unless it is a secret's.
  const Node* value = nullptr;
};

class Context {
 public:
  // `lines`: an index of `text`, shared with the report.
  Context(Action action, const Model& model, Node* root, Report* report, std::string_view text, LineIndex* lines)
      : action(action), model(model), am(*model.For(action)), root(*root), report(*report), text(text),
        lines_(*lines) {}

  const Action action;
  const Model& model;
  const ActionModel& am;
  Node& root;
  Report& report;
  TreeVector<Scope> scopes;  // the request first, then elements, then tag pairs (each by index)
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
  // Its line and column (both 0 when there is no text).
  void Locate(uint32_t pos, int* line, int* column) const;

  // The wire name of a member of a scope: the key at the top level,
  // "Instances" inside an element, "Tag.N.Key" inside a tag pair.
  std::string Parameter(const Scope& s, std::string_view key) const { return Parameter(s.where, s.index, key); }
  // The same for the scope of that kind and index, which need not exist
  // (an element or pair that is not an object has none).
  static std::string Parameter(Scope::Where where, size_t index, std::string_view key);
  // The wire name of an element or a pair itself: "Instances", "Tag.N".
  static std::string ItemParameter(Scope::Where where, size_t index);
  // What the items of the request's array `key` are: elements (Instances),
  // tag pairs (Tag), or no scopes (Request) for any other.
  static Scope::Where ItemsWhere(std::string_view key);
  // The scope of element or pair `index` (`where`: Element or TagPair), or
  // nullptr when that item is not an object. Found without the tree.
  const Scope* ScopeAt(Scope::Where where, size_t index) const;
  std::string Pointer(const Scope& s, std::string_view key) const { return PointerAppend(s.pointer, key); }
  // The member's value when present (not null), else nullptr.
  const Node* Value(const Scope& s, std::string_view key) const { return s.node->get(key); }
  // Present and without an error of its own.
  bool Valid(const Scope& s, std::string_view key) const {
    return Value(s, key) != nullptr && !report.HasErrorAt(s.pointer, key);
  }
  // Member, value and valid value by a property spec of the scope's object
  // (the last member of its name), nullptr for a spec of another object.
  // Found through the scope's member_of, one number per property
  // (BuildScopes; no member is added or removed after it): no name is
  // compared, and rules that walk annotated properties have the spec.
  const Member* MemberOf(const Scope& s, const PropSpec& p) const {
    if (!s.spec->owns(&p)) return nullptr;
    const uint32_t i = s.member_of[static_cast<size_t>(&p - s.spec->props.data())];
    return i == Scope::kAbsent ? nullptr : &s.node->members[i];
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

  // The places a rule points at: a member's value, a member's key, or a
  // parameter that is missing from the scope (at the scope's object).
  Place ValueAt(const Scope& s, std::string_view key, const Node& value) const;
  Place KeyAt(const Scope& s, std::string_view key, const Member& member) const;
  Place MissingAt(const Scope& s, std::string_view key) const;

  // Reports a finding of `rule` (the one reporting path: Report::Add takes
  // its severity from schemas/rules.json). `code`: the service's error code,
  // or "" for a warning of tairlint's own; `name` fills the code's message
  // template ({name}), the place's parameter when empty.
  void Emit(std::string_view rule, std::string_view code, Place place, std::string detail,
            std::string name = {}) const;

 private:
  bool SecretPointer(std::string_view pointer) const;
  LineIndex& lines_;
};

// The wire name of the member `key` at `pointer` anywhere in a request:
// "Instances" for anything inside an element, "Tag.N.Key" inside a tag
// pair, the key itself at the top level (Context::Parameter for a scope).
std::string WireName(std::string_view pointer, std::string_view key);

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

// ---- The request phases, in the order the pipeline runs them (checker.cpp)

// A YAML alias writes an anchored node's text in another place: every
// scalar and key whose text stands where a secret's value does is marked
// secret (ShowValue shows "(secret)"). Runs after MarkDuplicates.
void HideAliasedSecrets(const Model& model, Node* root);
// Marks secret the value of every member whose key names a secret
// parameter (x-secret) of either action, in any object and any case: the
// source lines of a report never show them (report/source_line.h).
void MarkSecretValues(const Model& model, Node* root);
// A request without Instances that carries it flattened (Instances.1.X):
// MissingParameter naming the flattened keys.
void FlattenedInstances(Context& ctx);
// Parses a string-encoded Instances in place; its positions become file
// positions. One that is not a JSON array is reported and emptied.
void DecodeInstances(Context& ctx, std::string_view file, const ParseLimits& limits, bool positioned);
// An Instances longer than `max_instances` (Limits) is reported and cut.
void LimitInstances(Context& ctx, size_t max_instances);
// Query strings flatten tags (Tag.N.Key): they become a Tag array.
void FoldQueryTags(Context& ctx);
// The request, each Instances element and each Tag pair as scopes, each
// member with its spec; element keys written in another case take the
// documented spelling.
void BuildScopes(Context& ctx);
// Values that are not valid UTF-8 (only query strings can spell them).
void Utf8Phase(Context& ctx);
// Whether `key` is a flattened element of Instances (Instances.1.RegionId).
bool IsFlattenedInstancesKey(std::string_view key);

}  // namespace tairlint::detail
