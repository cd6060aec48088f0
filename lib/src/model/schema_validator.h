// Validation of a request document against a bundled JSON Schema with
// valijson, patterns running on RE2. This is the only part of the library
// that includes valijson (its headers are slow to compile).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "document/document.h"

namespace tairlint::detail {

// The schema keyword that failed. The order is the order in which a value's
// rules are reported: a value draws one error, for the first one it breaks
// (type before length before characters before allowed values).
enum class Keyword { Type, MinLength, MaxLength, Pattern, Enum, Const, Minimum, Maximum, MinItems, Required, Other };

struct SchemaFailure {
  std::vector<std::string> path;  // keys and indexes from the root, as valijson names them
  Keyword keyword = Keyword::Other;
  std::string property;  // for Required: the missing property
};

// Maps a valijson error description to its keyword; Other for the wrapper
// errors that only say a child failed. Exposed for tests.
Keyword KeywordOf(const std::string& description, std::string* property);

// One line per failure (path, keyword, property): for tests, fuzzers and
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tairlint::detail
