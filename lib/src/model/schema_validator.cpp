#include "model/schema_validator.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "model/schema_parts.h"
#include "document/name_index.h"
#include "model/node_adapter.h"

namespace tairlint::detail {
namespace {

constexpr char kRe2Failure[] = "String does not match the RE2 pattern.";

class Re2Constraint : public valijson::constraints::PolyConstraint {
 public:
  explicit Re2Constraint(std::shared_ptr<const RE2> re) : re_(std::move(re)) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString()) return true;
    // Documents are read through NodeAdapter: match the node's text in
    // place (valijson's asString() would copy it).
    const auto* node = dynamic_cast<const NodeAdapter*>(&target);
    bool matched = node != nullptr && !node->node().bad_utf8 ? RE2::PartialMatch(std::string_view(node->node().text), *re_)
                                                             : RE2::PartialMatch(target.asString(), *re_);
    if (matched) return true;
    if (results != nullptr) results->pushError(context, kRe2Failure);
    return false;
  }

 private:
  valijson::constraints::Constraint* cloneInto(void* where) const override {
    return new (where) Re2Constraint(re_);
  }
  size_t sizeOf() const override { return sizeof(Re2Constraint); }

  std::shared_ptr<const RE2> re_;
};

class Re2Builder : public valijson::ConstraintBuilder {
 public:
  explicit Re2Builder(Patterns* patterns) : patterns_(patterns) {}
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& node) const override {
    if (!node.isString()) throw std::runtime_error("pattern must be a string");
    std::string error;
    auto re = patterns_->Get(node.asString(), &error);
    if (re == nullptr) throw std::runtime_error("bad pattern " + node.asString() + ": " + error);
    return new Re2Constraint(std::move(re));
  }

 private:
  Patterns* patterns_;
};

// Renames `pattern` to kRe2Keyword in every subschema (not in annotations).
void RenamePatterns(nlohmann::json* schema) {
  if (!schema->is_object()) return;
  if (auto it = schema->find("pattern"); it != schema->end()) {
    (*schema)[kRe2Keyword] = *it;
    schema->erase("pattern");
  }
  for (const char* key : {"properties", "definitions", "patternProperties"}) {
    if (auto it = schema->find(key); it != schema->end() && it->is_object()) {
      for (auto& [k, sub] : it->items()) RenamePatterns(&sub);
    }
  }
  for (const char* key : {"items", "additionalProperties", "additionalItems", "not", "if", "then", "else",
                          "contains", "propertyNames"}) {
    if (auto it = schema->find(key); it != schema->end()) {
      if (it->is_array()) {
        for (auto& sub : *it) RenamePatterns(&sub);
      } else {
        RenamePatterns(&*it);
      }
    }
  }
  for (const char* key : {"allOf", "anyOf", "oneOf"}) {
    if (auto it = schema->find(key); it != schema->end() && it->is_array()) {
      for (auto& sub : *it) RenamePatterns(&sub);
    }
  }
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

Keyword KeywordOf(const std::string& d, std::string* property) {
  if (StartsWith(d, "Value type not permitted by 'type' constraint")) return Keyword::Type;
  if (StartsWith(d, "String should be no fewer than ")) return Keyword::MinLength;
  if (StartsWith(d, "String should be no more than ")) return Keyword::MaxLength;
  if (d == kRe2Failure) return Keyword::Pattern;
  if (StartsWith(d, "Failed to match against any enum values")) return Keyword::Enum;
  if (StartsWith(d, "Failed to match expected value set by 'const' constraint")) return Keyword::Const;
  if (StartsWith(d, "Expected number greater than")) return Keyword::Minimum;
  if (StartsWith(d, "Expected number less than")) return Keyword::Maximum;
  if (StartsWith(d, "Array should contain no fewer than ")) return Keyword::MinItems;
  if (StartsWith(d, "Missing required property '")) {
    if (property != nullptr) {
      size_t a = d.find('\'');
      size_t b = d.rfind('\'');
      *property = b > a ? d.substr(a + 1, b - a - 1) : std::string();
    }
    return Keyword::Required;
  }
  return Keyword::Other;
}

std::string DescribeFailures(const std::vector<SchemaFailure>& failures) {
  std::string out;
  for (const SchemaFailure& f : failures) {
    out += f.pointer + " keyword " + std::to_string(static_cast<int>(f.keyword)) + " " + f.property + " spec " +
           (f.spec != nullptr ? f.spec->name : "(none)") + "\n";
  }
  return out;
}

namespace {

// ---- The plan: where valijson runs
//
// valijson's own walk of a whole request costs most of a check: for an
// object it looks up every property the schema names (forty or so, most of
// them absent), copies its error context for each one it finds, and
// dispatches every constraint through std::function. So the schema is split
// once, at load, along its two structural keywords:
//   - `properties`: each property's subschema becomes a plan of its own, and
//     the walk below finds a member's plan by its name in a hash map;
//   - `items` (one schema for every element): likewise.
// Every other keyword of a subschema (type, required, minItems, pattern,
// enum, ...) stays together in that subschema's `own` schema, which valijson
// evaluates against the node. A subschema that uses a keyword whose meaning
// spans its properties or items (allOf, if, additionalProperties, ...) is not
// split: valijson evaluates it whole, so the result is the same as
// validating the whole document in one call. The schemas arrive bundled
// (model.cpp inlines every $ref), so a split-off subschema never refers to
// a definition elsewhere in the document.
struct Plan {
  ValueSpec spec;  // what a failure here reports
  valijson::Schema own;
  bool has_own = false;  // `own` has at least one keyword that validates
  std::unique_ptr<QuickCheck> quick;  // when `own` allows one
  NameIndex property_names;  // number i: properties[i]
  std::vector<std::unique_ptr<Plan>> properties;
  std::unique_ptr<Plan> items;
};

// Keywords that do not validate anything (tairlint's x- annotations, but
// not the RE2 pattern keyword, which is one of ours too).
bool IsAnnotation(const std::string& key) {
  return (key.rfind("x-", 0) == 0 && key != kRe2Keyword) || key == "description" || key == "title" || key == "$schema" ||
         key == "$id" || key == "$comment" || key == "default" || key == "examples" || key == "definitions" ||
         key == "readOnly" || key == "writeOnly";
}

// Keywords whose meaning depends on `properties` or `items` as a whole: a
// subschema holding one of them is evaluated whole.
bool BlocksSplit(const nlohmann::json& schema) {
  for (const char* key : {"allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "dependencies",
                          "additionalProperties", "patternProperties", "additionalItems", "contains",
                          "propertyNames", "unevaluatedProperties", "unevaluatedItems"}) {
    if (schema.contains(key)) return true;
  }
  return false;
}

void ParseInto(const nlohmann::json& schema, Patterns* patterns, valijson::Schema* out) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  // The parser owns (and deletes) its constraint builders.
  parser.addConstraintBuilder(kRe2Keyword, new Re2Builder(patterns));
  valijson::adapters::NlohmannJsonAdapter adapter(schema);
  parser.populateSchema(adapter, *out);
}

struct CompileState {
  bool quick = true;
  Patterns patterns;
  bool split_everywhere = true;  // SchemaValidator::SplitEverywhere
};

// Throws (from valijson or Re2Builder) on a schema it cannot load.
// plan->spec is filled already (by the caller).
void Compile(const nlohmann::json& schema, Plan* plan, CompileState* state, int depth = 0) {
  if (depth > 32) throw std::runtime_error("schema nesting too deep");
  bool split = schema.is_object() && !BlocksSplit(schema);
  if (!split && schema.is_object() && (schema.contains("properties") || schema.contains("items"))) {
    state->split_everywhere = false;
  }
  auto props = split ? schema.find("properties") : schema.end();
  auto items = split ? schema.find("items") : schema.end();
  bool split_props = props != schema.end() && props->is_object();
  bool split_items = items != schema.end() && items->is_object();
  if (split_props) {
    for (const auto& [name, sub] : props->items()) {
      auto p = std::make_unique<Plan>();
      DescribeValue(sub, plan->spec, depth, name, /*items=*/false, &state->patterns, &p->spec);
      Compile(sub, p.get(), state, depth + 1);
      plan->property_names.Insert(name);  // names of an object are distinct: number == index
      plan->properties.push_back(std::move(p));
    }
  }
  if (split_items) {
    plan->items = std::make_unique<Plan>();
    DescribeValue(*items, plan->spec, depth, "", /*items=*/true, &state->patterns, &plan->items->spec);
    Compile(*items, plan->items.get(), state, depth + 1);
  } else if (items != schema.end()) {
    state->split_everywhere = false;
  }
  // The rest of the subschema, without what was split off (and without
  // annotations, which valijson would only skip). One not split is kept
  // whole: its $refs may point into its definitions.
  nlohmann::json own = split ? nlohmann::json::object() : schema;
  if (split) {
    for (auto it = schema.begin(); it != schema.end(); ++it) {
      if ((split_props && it.key() == "properties") || (split_items && it.key() == "items")) continue;
      if (IsAnnotation(it.key())) continue;
      own[it.key()] = it.value();
    }
  }
  if (own.is_boolean()) {
    plan->has_own = !own.get<bool>();
  } else if (own.is_object()) {
    for (const auto& [key, value] : own.items()) {
      if (!IsAnnotation(key)) plan->has_own = true;
    }
  }
  if (plan->has_own) ParseInto(own, &state->patterns, &plan->own);
  if (plan->has_own && state->quick) plan->quick = MakeQuickCheck(own, &state->patterns);
}

// A step of the path from the root to the node being validated, linked to
// the step before it: the path lives on the walk's stack, and becomes
// strings only for a value that fails.
struct Step {
  const Step* parent = nullptr;  // nullptr: the root
  std::string_view key;          // an object member
  size_t index = 0;              // an array element, when is_index
  bool is_index = false;
};

// Where a failure is: its node, its pointer and the item it lies in, from
// the walk's steps to the plan's node, then valijson's context below that
// node ("<root>", "[key]", "[0]", ...), which only a subschema that is not
// split has (see SplitEverywhere): resolved from the plan's node, as
// valijson walked it. False when the context leads nowhere.
bool Place(const Node& node, const Step* path, const std::vector<std::string>& context, SchemaFailure* f) {
  std::vector<const Step*> steps;
  for (const Step* s = path; s != nullptr; s = s->parent) steps.push_back(s);
  std::string next;
  size_t depth = 0;
  auto key = [&](std::string_view k) {
    PointerAppendTo(&next, f->pointer, k);
    f->pointer.swap(next);
    ++depth;
  };
  auto index = [&](size_t i) {
    f->pointer += "/" + std::to_string(i);
    if (depth++ == 1) f->item = i;
  };
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if ((*it)->is_index) index((*it)->index);
    else key((*it)->key);
  }
  f->node = &node;
  for (size_t i = 1; i < context.size(); ++i) {
    const std::string& c = context[i];
    const std::string token = c.size() >= 2 ? c.substr(1, c.size() - 2) : c;
    if (f->node->is_object()) {
      f->node = f->node->get(token);
      if (f->node == nullptr) return false;
      key(token);
    } else if (f->node->is_array()) {
      const size_t at = static_cast<size_t>(strtoull(token.c_str(), nullptr, 10));
      if (at >= f->node->items.size()) return false;
      f->node = &f->node->items[at];
      index(at);
    } else {
      return false;
    }
  }
  return true;
}

// Evaluates `schema` against `node`. Valid values (nearly all) cost one
// pass that stops at the first failure; only a value that fails is
// evaluated again to collect every failure with its context. `likely_fails`
// (the quick check said no): straight to collecting.
// Not inlined into Walk: valijson's visitor would make every level of the
// walk's recursion carry a frame of half a kilobyte, though most values
// never get here.
[[gnu::noinline]] void Run(const Plan& plan, const Node& node, const Step* path, bool likely_fails,
                           std::vector<SchemaFailure>* out) {
  const valijson::Schema& schema = plan.own;
  NodeAdapter adapter(node);
  if (!likely_fails) try {
    // What valijson::Validator::validate and ValidationVisitor::validateSchema
    // do when no errors are collected, minus what a passing value never
    // needs: the error context, and a std::function around std::bind (which
    // allocates). Each constraint accepts the visitor, as there.
    std::unordered_map<std::string, std::regex> no_std_regexes;  // patterns run on RE2
    valijson::ValidationVisitor<NodeAdapter> visitor(adapter, {}, /*strictTypes=*/true, nullptr, no_std_regexes);
    valijson::Subschema::ApplyFunction accept = [&visitor](const valijson::constraints::Constraint& c) {
      return c.accept(visitor);
    };
    if (!schema.getAlwaysInvalid() && schema.applyStrict(accept)) return;
  } catch (const std::exception&) {
    // evaluated again below, collecting
  }
  valijson::Validator validator;
  valijson::ValidationResults results;  // a std::deque: allocates, so only here
  try {
    validator.validate(schema, adapter, &results);
  } catch (const std::exception&) {
    // valijson throws only on internal errors (a number it cannot convert);
    // what it collected so far still stands.
  }
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    SchemaFailure f;
    f.keyword = KeywordOf(e.description, &f.property);
    if (f.keyword == Keyword::Other) continue;
    f.spec = &plan.spec;
    if (Place(node, path, e.context, &f)) out->push_back(std::move(f));
  }
}

// The value's own keywords: a quick check, else valijson.
void Check(const Plan& plan, const Node& node, const Step* path, std::vector<SchemaFailure>* out) {
  if (plan.has_own) {
    const bool quick = plan.quick != nullptr;
    if (!quick || !plan.quick->Passes(node)) Run(plan, node, path, /*likely_fails=*/quick, out);
  }
}

void Walk(const Plan& plan, const Node& node, const Step* path, std::vector<SchemaFailure>* out) {
  Check(plan, node, path, out);
  if (node.is_object() && !plan.properties.empty()) {
    for (const Member& m : node.members) {
      if (!Visible(m)) continue;
      const uint32_t i = plan.property_names.Find(m.key, KeyHash(m));
      if (i == NameIndex::kNone) continue;
      const Step step{path, m.key, 0, false};
      // A scalar (most members) has nothing below it to walk.
      if (m.value.is_scalar()) {
        Check(*plan.properties[i], m.value, &step, out);
      } else {
        Walk(*plan.properties[i], m.value, &step, out);
      }
    }
  } else if (node.is_array() && plan.items != nullptr) {
    for (size_t i = 0; i < node.items.size(); ++i) {
      const Step step{path, {}, i, true};
      Walk(*plan.items, node.items[i], &step, out);
    }
  }
}

}  // namespace

struct SchemaValidator::Impl {
  Plan root;  // its spec describes no property: the request
  bool quick = true;
  bool split_everywhere = true;
};

SchemaValidator::SchemaValidator(bool quick_checks) : impl_(std::make_unique<Impl>()) { impl_->quick = quick_checks; }
SchemaValidator::~SchemaValidator() = default;

bool SchemaValidator::Load(const nlohmann::json& schema, std::string* error) {
  nlohmann::json copy = schema;
  RenamePatterns(&copy);
  try {
    CompileState state;
    state.quick = impl_->quick;
    DescribeBounds(nlohmann::json::object(), &impl_->root.spec);  // no bounds: the request's are not reported
    Compile(copy, &impl_->root, &state);
    impl_->split_everywhere = state.split_everywhere;
  } catch (const std::exception& e) {
    *error = std::string("cannot load schema: ") + e.what();
    return false;
  }
  return true;
}

void SchemaValidator::Validate(const Node& doc, std::vector<SchemaFailure>* out) const {
  Walk(impl_->root, doc, nullptr, out);
}

bool SchemaValidator::SplitEverywhere() const { return impl_->split_everywhere; }

}  // namespace tairlint::detail
