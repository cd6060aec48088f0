// libFuzzer target: the JSON parser (detail::ParseJson), then MarkDuplicates
// and DecodedToRaw on every string of the tree; then the tree validated
// against both actions' schemas with and without the schema validator's
// quick checks, which must find the same failures.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "input/parse.h"
#include "rules/rule.h"
#include "fuzz_common.h"
#include "model/model.h"
#include "model/schema_validator.h"

namespace {

using tairlint::Action;
using tairlint::detail::SchemaFailure;
using tairlint::detail::SchemaValidator;

// Both actions' validators, with and without quick checks, loaded once.
struct Validators {
  SchemaValidator quick[2] = {SchemaValidator(true), SchemaValidator(true)};
  SchemaValidator plain[2] = {SchemaValidator(false), SchemaValidator(false)};
  Validators() {
    tairlint::detail::Model model;
    std::string error;
    if (!tairlint::detail::LoadModel(&model, &error)) __builtin_trap();
    const Action actions[2] = {Action::CreateInstances, Action::CreateTairKVCacheVNode};
    for (int i = 0; i < 2; ++i) {
      const tairlint::detail::ActionModel* am = model.For(actions[i]);
      if (am == nullptr || !quick[i].Load(am->bundled, &error) || !plain[i].Load(am->bundled, &error)) {
        __builtin_trap();
      }
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tairlint::detail;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseLimits limits;
  limits.max_depth = 64;
  limits.max_string_bytes = 4096;
  limits.max_nodes = 10000;

  Node root;
  ParseError err;
  if (!ParseJson(text, 0, limits, &root, &err)) {
    TAIRLINT_FUZZ_REQUIRE(err.pos <= size);
    TAIRLINT_FUZZ_REQUIRE(!err.message.empty());
    return 0;
  }
  tairlint_fuzz::TreeRules rules;
  rules.nested_ranges = true;
  rules.max_depth = limits.max_depth;
  rules.max_nodes = limits.max_nodes;
  std::vector<const Node*> strings;
  tairlint_fuzz::CheckTree(text, root, rules, &strings);
  for (const Node* s : strings) {
    TAIRLINT_FUZZ_REQUIRE(s->raw == RawForm::JsonString);
    TAIRLINT_FUZZ_REQUIRE(s->text.size() <= limits.max_string_bytes);
  }
  MarkDuplicates(&root);
  tairlint_fuzz::CheckDuplicates(root);
  tairlint_fuzz::CheckDecodedToRaw(text, strings, /*exact=*/true);

  WholeNumbersToIntegers(&root);
  static const Validators validators;
  for (int i = 0; i < 2; ++i) {
    std::vector<SchemaFailure> a, b;
    validators.quick[i].Validate(root, &a);
    validators.plain[i].Validate(root, &b);
    TAIRLINT_FUZZ_REQUIRE(DescribeFailures(a) == DescribeFailures(b));
  }
  return 0;
}
