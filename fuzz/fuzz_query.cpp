// libFuzzer target: the RPC query-string parser (detail::ParseQuery), then
// MarkDuplicates and DecodedToRaw on every value.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "input/parse.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tairlint::detail;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseLimits limits;
  limits.max_string_bytes = 4096;
  limits.max_query_params = 1000;

  Node root;
  ParseError err;
  if (!ParseQuery(text, 0, limits, &root, &err)) {
    TAIRLINT_FUZZ_REQUIRE(err.pos <= size);
    TAIRLINT_FUZZ_REQUIRE(!err.message.empty());
    return 0;
  }
  TAIRLINT_FUZZ_REQUIRE(root.kind == Kind::Object);
  TAIRLINT_FUZZ_REQUIRE(root.members.size() <= limits.max_query_params);
  tairlint_fuzz::TreeRules rules;
  rules.nested_ranges = true;
  rules.max_depth = 1;
  std::vector<const Node*> strings;
  tairlint_fuzz::CheckTree(text, root, rules, &strings);
  for (const Member& m : root.members) {
    TAIRLINT_FUZZ_REQUIRE(m.value.kind == Kind::String);
    TAIRLINT_FUZZ_REQUIRE(m.value.raw == RawForm::Percent);
    TAIRLINT_FUZZ_REQUIRE(m.key.size() <= limits.max_string_bytes);
    TAIRLINT_FUZZ_REQUIRE(m.value.text.size() <= limits.max_string_bytes);
    TAIRLINT_FUZZ_REQUIRE(IsValidUtf8(m.key));
    TAIRLINT_FUZZ_REQUIRE(m.value.bad_utf8 == !IsValidUtf8(m.value.text));
  }
  MarkDuplicates(&root);
  tairlint_fuzz::CheckDuplicates(root);
  tairlint_fuzz::CheckDecodedToRaw(text, strings, /*exact=*/true);
  return 0;
}
