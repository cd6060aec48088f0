// The rule engine: cross-field checks that JSON Schema cannot say.
//
// Each rule is one class in lib/src/rules/<rule_id>.cpp with a stable id; its
// severity, codes, summary and explanation live in schemas/rules.json, and it
// is registered by one line in lib/src/rules/registry.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "request/context.h"

namespace tairlint::detail {

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
// Conditions in words: "ChargeType is PrePaid and BackupId is given".
std::string Describe(const std::vector<Condition>& conditions);

}  // namespace tairlint::detail
