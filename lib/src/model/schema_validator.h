// Validation of a request document against a bundled JSON Schema with
// valijson, patterns running on RE2. This is the only part of the library
// that includes valijson (its headers are slow to compile).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "document/document.h"
#include "model/model.h"

namespace re2 {
class RE2;
}

namespace tairlint::detail {

// The schema keyword that failed. The order is the order in which a value's
// rules are reported: a value draws one error, for the first one it breaks
// (type before length before characters before allowed values).
enum class Keyword { Type, MinLength, MaxLength, Pattern, Enum, Const, Minimum, Maximum, MinItems, Required, Other };

// x-patternDetails: which finer pattern a value breaks says what is wrong
// with it. Compiled at load (a failing value would otherwise compile them).
struct PatternDetail {
  std::shared_ptr<const re2::RE2> pattern;
  std::string detail;
};

// What one subschema says about the values it describes, compiled once at
// load for the findings of those that break it: a check reads these fields,
// never the schema's JSON. Every part of the schema the validator walks
// (the request, each property, an array's items) has one.
struct ValueSpec {
  // The property it describes: its name ("" for the request itself). An
  // array's items schema is named after the array and takes the array's
  // x-rule, but no x-error-code, x-secret or x-patternDetails of its own.
  std::string name;
  bool items = false;
  WireType type = WireType::Any;
  std::string rule;        // x-rule
  std::string error_code;  // x-error-code
  bool secret = false;     // x-secret (true or "one-off"): never print the value
  // Where it lies in the request: `top` is the request's member it is or
  // lies in ("" for the request); `in_item`, whether it is or lies in an
  // item of that member's array; `member`, the member of the request or of
  // that item it is or lies in ("" for the request or the item itself).
  std::string top, member;
  bool in_item = false;
  // The texts of its bounds as details quote them: "1 to 64" (minLength,
  // maxLength: "at least 1", "at most 64"), "between 1 and 300" (minimum,
  // maximum), the enum's values ("1-9, 12, 24" for integers, the strings
  // unquoted otherwise).
  std::string length_text, range_text, enum_text;
  int64_t min_items = 1;
  // x-patternDetail, or what a value that breaks `pattern` is told when
  // there is none; x-patternDetails: the first of them that a value does
  // not match says better.
  std::string pattern_detail = "does not have the required form";
  std::vector<PatternDetail> pattern_details;
};

// One rule broken by one value, where it is: the node, the compiled spec
// of the subschema it broke, and its JSON Pointer.
struct SchemaFailure {
  const Node* node = nullptr;       // Required: the object missing the property
  const ValueSpec* spec = nullptr;  // never nullptr
  Keyword keyword = Keyword::Other;
  std::string property;  // for Required: the missing property
  std::string pointer;   // of node (PointerAppend's escaping)
  // When spec->in_item: the index of the item of the request's array
  // spec->top that node is or lies in.
  size_t item = 0;
};

// Maps a valijson error description to its keyword; Other for the wrapper
// errors that only say a child failed. Exposed for tests.
Keyword KeywordOf(const std::string& description, std::string* property);

// One line per failure (pointer, keyword, property, the spec's name): for tests, fuzzers and
// debugging, to compare two validations.
std::string DescribeFailures(const std::vector<SchemaFailure>& failures);

class SchemaValidator {
 public:
  // quick_checks: let values that surely pass skip valijson (see
  // QuickCheck in schema_validator.cpp); off only to test that they agree.
  explicit SchemaValidator(bool quick_checks = true);
  ~SchemaValidator();
  // Parses the schema; every `pattern` is compiled with RE2 here, so a bad
  // pattern fails the load, not a check.
  bool Load(const nlohmann::json& schema, std::string* error);
  // Appends the leaf failures of `doc` (read through NodeAdapter: see
  // node_adapter.h for what valijson sees). Safe to call from many threads.
  void Validate(const Node& doc, std::vector<SchemaFailure>* out) const;
  // Whether every subschema that describes properties or items was split
  // into plans (schema_validator.cpp), so that each failure's node and spec
  // are exactly those of the value that broke it. A subschema that is not
  // (one with allOf, additionalProperties, ...) is validated whole, and a
  // failure deeper inside it gets that subschema's spec. For tests: the
  // bundled schemas are split everywhere.
  bool SplitEverywhere() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tairlint::detail
