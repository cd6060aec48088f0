#include "schema_validator.h"

#include <re2/re2.h>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

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
    if (RE2::PartialMatch(target.asString(), *re_)) return true;
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
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& node) const override {
    if (!node.isString()) throw std::runtime_error("pattern must be a string");
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_shared<const RE2>(node.asString(), options);
    if (!re->ok()) throw std::runtime_error("bad pattern " + node.asString() + ": " + re->error());
    return new Re2Constraint(std::move(re));
  }
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

struct SchemaValidator::Impl {
  valijson::Schema schema;
};

SchemaValidator::SchemaValidator() : impl_(std::make_unique<Impl>()) {}
SchemaValidator::~SchemaValidator() = default;

bool SchemaValidator::Load(const nlohmann::json& schema, std::string* error) {
  nlohmann::json copy = schema;
  RenamePatterns(&copy);
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    // The parser owns (and deletes) its constraint builders.
    parser.addConstraintBuilder(kRe2Keyword, new Re2Builder());
    valijson::adapters::NlohmannJsonAdapter adapter(copy);
    parser.populateSchema(adapter, impl_->schema);
  } catch (const std::exception& e) {
    *error = std::string("cannot load schema: ") + e.what();
    return false;
  }
  return true;
}

void SchemaValidator::Validate(const nlohmann::json& doc, std::vector<SchemaFailure>* out) const {
  // A Validator holds an unguarded regex cache: one per call (it is cheap,
  // and the RE2 constraint does not use the cache).
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  try {
    validator.validate(impl_->schema, adapter, &results);
  } catch (const std::exception&) {
    // valijson throws only on internal errors (a number it cannot convert);
    // what it collected so far still stands.
  }
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    SchemaFailure f;
    f.keyword = KeywordOf(e.description, &f.property);
    if (f.keyword == Keyword::Other) continue;
    // context: "<root>", "[key]", "[0]", ...
    for (size_t i = 1; i < e.context.size(); ++i) {
      const std::string& c = e.context[i];
      f.path.push_back(c.size() >= 2 ? c.substr(1, c.size() - 2) : c);
    }
    out->push_back(std::move(f));
  }
}

}  // namespace tairlint::detail
