// The validator's parts that need no valijson (schema_validator.cpp is the
// only file that includes it): compiled patterns, quick checks and the
// specs of what a failure says.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/class_pattern.h"
#include "model/schema_validator.h"

namespace tairlint::detail {

// The keyword the schema files' `pattern` is renamed to when loading, so
// that valijson hands it to the RE2 constraint below instead of std::regex
// (which cannot do \p{Han} and counts bytes).
inline constexpr char kRe2Keyword[] = "x-re2-pattern";
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

// The JSON types of a schema's `type`, as bits of QuickCheck::types.
enum class JsonType { kArray, kBoolean, kInteger, kNull, kNumber, kObject, kString };

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
  unsigned types = 0;  // a bit per JsonType; 0: no `type`
  unsigned kinds = 0;  // the same as a bit per Kind (KindsOf), what Passes tests
  std::optional<uint64_t> min_length, max_length, min_items, max_items;
  std::optional<double> minimum, maximum;
  std::shared_ptr<const RE2> pattern;
  std::optional<ClassPattern> class_pattern;  // the pattern without RE2, when it has that shape
  bool has_enum = false;
  std::vector<std::string> enum_strings;  // the enum's string values
  std::vector<int64_t> enum_integers;     // and its integers
  std::vector<std::string> required;

  bool Passes(const Node& n) const;

 private:
  bool PassesString(const Node& n) const;
  bool InBounds(double v) const;  // minimum and maximum
  bool HasRequired(const Node& n) const;
};

// The quick check of `own` (a subschema without what was split off), or
// nullptr when it uses a keyword (or a form of one) that the quick check
// does not know.
std::unique_ptr<QuickCheck> MakeQuickCheck(const nlohmann::json& own, Patterns* patterns);

// The texts of a subschema's bounds and values, and its x-patternDetail.
void DescribeBounds(const nlohmann::json& s, ValueSpec* out);

// The spec of `schema`, property `name` of the subschema described by
// `parent` at `parent_depth` (0: the request), or that parent's items.
void DescribeValue(const nlohmann::json& subschema, const ValueSpec& parent, int parent_depth, const std::string& name,
                   bool items, Patterns* patterns, ValueSpec* out);

}  // namespace tairlint::detail
