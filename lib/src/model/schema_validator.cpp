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

#include "model/class_pattern.h"
#include "document/name_index.h"
#include "model/node_adapter.h"

namespace tairlint::detail {
namespace {

// The keyword the schema files' `pattern` is renamed to when loading, so
// that valijson hands it to the RE2 constraint below instead of std::regex
// (which cannot do \p{Han} and counts bytes).
constexpr char kRe2Keyword[] = "x-re2-pattern";
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

// The patterns of one schema, each compiled once for valijson's constraint
// and the quick check both.
class Patterns {
 public:
  // nullptr for a pattern RE2 refuses (`error` says why).
  std::shared_ptr<const RE2> Get(const std::string& pattern, std::string* error) {
    auto& re = compiled_[pattern];
    if (re == nullptr) {
      RE2::Options options;
      options.set_log_errors(false);
      re = std::make_shared<const RE2>(pattern, options);
    }
    if (re->ok()) return re;
    if (error != nullptr) *error = re->error();
    return nullptr;
  }

 private:
  std::unordered_map<std::string, std::shared_ptr<const RE2>> compiled_;
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
// ---- Quick checks: a passing value without valijson
//
// Most values pass, and for them valijson's visitor is still most of the
// schema phase's cost (a virtual call and a std::function per constraint, a
// copy of every string for minLength and enum). A subschema that uses only
// the keywords below gets a quick check too, which can only say "passes
// for sure": a value it passes is one valijson passes (the same predicates
// of NodeAdapter, the same length count as valijson's u8_strlen). Any other
// value goes to valijson exactly as before, so every failure is still
// valijson's. schema_validator_test.cpp validates thousands of values both
// ways and compares.
struct QuickCheck {
  unsigned types = 0;  // bit per valijson TypeConstraint::JsonType; 0: no `type`
  std::optional<uint64_t> min_length, max_length, min_items, max_items;
  std::optional<double> minimum, maximum;
  std::shared_ptr<const RE2> pattern;
  std::optional<ClassPattern> class_pattern;  // the pattern without RE2, when it has that shape
  bool has_enum = false;
  std::vector<std::string> enum_strings;  // the enum's string values
  std::vector<int64_t> enum_integers;     // and its integers
  std::vector<std::string> required;

  bool Passes(const Node& n) const;
};

using JsonType = valijson::constraints::TypeConstraint::JsonType;

constexpr unsigned Bit(JsonType t) { return 1u << static_cast<unsigned>(t); }

// What valijson's u8_strlen counts: up to the first NUL, a character starts
// at the first byte and at every byte that is not a continuation byte.
uint64_t Utf8Length(std::string_view s) {
  uint64_t n = 0;
  for (size_t i = 0; i < s.size() && s[i] != '\0'; ++i) {
    if (i == 0 || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool QuickCheck::Passes(const Node& n) const {
  const bool is_string = n.kind == Kind::String;
  if (is_string && n.bad_utf8) return false;  // valijson reads a readable copy
  if (types != 0) {
    bool ok = ((types & Bit(JsonType::kArray)) && n.is_array()) || ((types & Bit(JsonType::kBoolean)) && n.kind == Kind::Bool) ||
              ((types & Bit(JsonType::kInteger)) && n.kind == Kind::Integer) ||
              ((types & Bit(JsonType::kNull)) && n.is_null()) ||
              ((types & Bit(JsonType::kNumber)) && (n.kind == Kind::Integer || n.kind == Kind::Number)) ||
              ((types & Bit(JsonType::kObject)) && n.is_object()) || ((types & Bit(JsonType::kString)) && is_string);
    if (!ok) return false;
  }
  if (is_string && (min_length || max_length)) {
    const uint64_t len = Utf8Length(n.text);
    if ((min_length && len < *min_length) || (max_length && len > *max_length)) return false;
  }
  if (pattern != nullptr && is_string) {
    const ClassPattern::Answer a = class_pattern ? class_pattern->Match(n.text) : ClassPattern::Answer::AskRe2;
    if (a == ClassPattern::Answer::NoMatch || (a == ClassPattern::Answer::AskRe2 && !RE2::PartialMatch(std::string_view(n.text), *pattern))) {
      return false;
    }
  }
  if (has_enum) {
    const bool listed =
        is_string ? std::any_of(enum_strings.begin(), enum_strings.end(), [&](const std::string& e) { return SameText(e, n.text); })
        : n.kind == Kind::Integer && std::find(enum_integers.begin(), enum_integers.end(), n.integer) != enum_integers.end();
    if (!listed) return false;
  }
  if ((minimum || maximum) && (n.kind == Kind::Integer || n.kind == Kind::Number)) {
    const double v = n.kind == Kind::Integer ? static_cast<double>(n.integer) : std::strtod(n.text.c_str(), nullptr);
    if ((minimum && v < *minimum) || (maximum && v > *maximum)) return false;
  }
  if ((min_items || max_items) && n.is_array()) {
    if ((min_items && n.items.size() < *min_items) || (max_items && n.items.size() > *max_items)) return false;
  }
  if (!required.empty() && n.is_object()) {
    const NodeObject object(n);
    for (const std::string& name : required) {
      if (object.find(name) == object.end()) return false;
    }
  }
  return true;
}

// The quick check of `own`, or nullptr when it uses a keyword (or a form of
// one) that the quick check does not know.
std::unique_ptr<QuickCheck> MakeQuickCheck(const nlohmann::json& own, Patterns* patterns) {
  if (!own.is_object()) return nullptr;
  auto q = std::make_unique<QuickCheck>();
  auto count = [](const nlohmann::json& v, std::optional<uint64_t>* out) {
    if (!v.is_number_unsigned()) return false;
    *out = v.get<uint64_t>();
    return true;
  };
  for (auto it = own.begin(); it != own.end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& v = it.value();
    bool ok = true;
    if (key == "type") {
      static const std::pair<const char*, JsonType> kNames[] = {
          {"array", JsonType::kArray},   {"boolean", JsonType::kBoolean}, {"integer", JsonType::kInteger},
          {"null", JsonType::kNull},     {"number", JsonType::kNumber},   {"object", JsonType::kObject},
          {"string", JsonType::kString}};
      std::vector<nlohmann::json> names = v.is_array() ? v.get<std::vector<nlohmann::json>>() : std::vector{v};
      ok = !names.empty();
      for (const nlohmann::json& name : names) {
        auto found = std::find_if(std::begin(kNames), std::end(kNames),
                                  [&](const auto& k) { return name.is_string() && name == k.first; });
        if (found == std::end(kNames)) ok = false;
        else q->types |= Bit(found->second);
      }
    } else if (key == "minLength") {
      ok = count(v, &q->min_length);
    } else if (key == "maxLength") {
      ok = count(v, &q->max_length);
    } else if (key == "minItems") {
      ok = count(v, &q->min_items);
    } else if (key == "maxItems") {
      ok = count(v, &q->max_items);
    } else if (key == "minimum" || key == "maximum") {
      ok = v.is_number();
      if (ok) (key == "minimum" ? q->minimum : q->maximum) = v.get<double>();
    } else if (key == kRe2Keyword) {
      q->pattern = v.is_string() ? patterns->Get(v.get<std::string>(), nullptr) : nullptr;
      ok = q->pattern != nullptr;
      if (ClassPattern cp; ok && ClassPattern::Compile(v.get<std::string>(), &cp)) q->class_pattern = cp;
    } else if (key == "enum") {
      ok = v.is_array();
      q->has_enum = true;
      for (const nlohmann::json& e : v) {
        if (e.is_string()) q->enum_strings.push_back(e.get<std::string>());
        if (e.is_number_integer() && (!e.is_number_unsigned() || e.get<uint64_t>() <= INT64_MAX)) {
          q->enum_integers.push_back(e.get<int64_t>());
        }
      }
    } else if (key == "required") {
      ok = v.is_array();
      for (const nlohmann::json& r : v) {
        if (!r.is_string()) ok = false;
        else q->required.push_back(r.get<std::string>());
      }
    } else {
      ok = false;
    }
    if (!ok) return nullptr;
  }
  return q;
}

// ---- The specs: what a failure's finding says, compiled at load

// "1-9, 12, 24, 36, 60" for integer lists, the strings unquoted otherwise
// (other values as JSON).
std::string ListValues(const nlohmann::json& values) {
  std::string out;
  std::vector<int64_t> ints;
  bool all_ints = true;
  for (const auto& v : values) {
    if (v.is_number_integer()) {
      ints.push_back(v.get<int64_t>());
    } else {
      all_ints = false;
    }
  }
  if (all_ints && !ints.empty()) {
    for (size_t i = 0; i < ints.size();) {
      size_t j = i;
      while (j + 1 < ints.size() && ints[j + 1] == ints[j] + 1) ++j;
      if (!out.empty()) out += ", ";
      out += std::to_string(ints[i]);
      if (j >= i + 2) {
        out += "-" + std::to_string(ints[j]);
      } else if (j == i + 1) {
        out += ", " + std::to_string(ints[j]);
      }
      i = j + 1;
    }
    return out;
  }
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

// The texts of a subschema's bounds and values, and its x-patternDetail.
void DescribeBounds(const nlohmann::json& s, ValueSpec* out) {
  if (s.contains("minLength") && s.contains("maxLength")) {
    out->length_text = std::to_string(s["minLength"].get<int64_t>()) + " to " + std::to_string(s["maxLength"].get<int64_t>());
  } else if (s.contains("minLength")) {
    out->length_text = "at least " + std::to_string(s["minLength"].get<int64_t>());
  } else {
    out->length_text = "at most " + std::to_string(s.value("maxLength", 0));
  }
  out->range_text = "between " + std::to_string(s.value("minimum", 0)) + " and " + std::to_string(s.value("maximum", 0));
  out->min_items = s.value("minItems", 1);
  if (auto values = s.find("enum"); values != s.end()) out->enum_text = ListValues(*values);
  if (auto d = s.find("x-patternDetail"); d != s.end()) out->pattern_detail = d->get<std::string>();
}

// The spec of `schema`, property `name` of the subschema described by
// `parent` at `parent_depth` (0: the request), or that parent's items.
void DescribeValue(const nlohmann::json& subschema, const ValueSpec& parent, int parent_depth, const std::string& name,
                   bool items, Patterns* patterns, ValueSpec* out) {
  static const nlohmann::json kNoKeywords = nlohmann::json::object();  // for `true` and `false`
  const nlohmann::json& schema = subschema.is_object() ? subschema : kNoKeywords;
  out->items = items;
  out->type = WireTypeOf(schema);
  DescribeBounds(schema, out);
  out->top = parent_depth == 0 ? name : parent.top;
  if (items) {
    out->name = parent.name;
    out->rule = parent.rule;
    out->in_item = parent.in_item || parent_depth == 1;
    out->member = parent_depth == 1 ? "" : parent.member;
    return;
  }
  out->name = name;
  out->rule = schema.value("x-rule", "");
  out->error_code = schema.value("x-error-code", "");
  if (auto x = schema.find("x-secret"); x != schema.end()) out->secret = *x == true || *x == "one-off";
  out->in_item = parent.in_item;
  out->member = parent_depth == 0 || (parent.in_item && parent.member.empty()) ? name : parent.member;
  if (auto list = schema.find("x-patternDetails"); list != schema.end() && list->is_array()) {
    for (const auto& entry : *list) {
      // One RE2 refuses is left out, as a pattern without a detail.
      if (auto re = patterns->Get(entry.value("pattern", ""), nullptr)) {
        out->pattern_details.push_back({std::move(re), entry.value("detail", "")});
      }
    }
  }
}

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

void Walk(const Plan& plan, const Node& node, const Step* path, std::vector<SchemaFailure>* out) {
  if (plan.has_own) {
    const bool quick = plan.quick != nullptr;
    if (!quick || !plan.quick->Passes(node)) Run(plan, node, path, /*likely_fails=*/quick, out);
  }
  if (node.is_object() && !plan.properties.empty()) {
    for (const Member& m : node.members) {
      if (!Visible(m)) continue;
      const uint32_t i = plan.property_names.Find(m.key, KeyHash(m));
      if (i == NameIndex::kNone) continue;
      const Step step{path, m.key, 0, false};
      Walk(*plan.properties[i], m.value, &step, out);
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
