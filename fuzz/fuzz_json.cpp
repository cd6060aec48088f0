// libFuzzer target: the JSON parser (detail::ParseJson), then MarkDuplicates
// and DecodedToRaw on every string of the tree.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "document.h"
#include "fuzz_common.h"

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
  return 0;
}
