// libFuzzer target: the YAML parser (detail::ParseYaml, libyaml events to the
// document model, alias expansion under limits), then MarkDuplicates and
// DecodedToRaw on every string of every document.
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
  limits.max_depth = 32;
  limits.max_string_bytes = 4096;
  limits.max_nodes = 10000;
  limits.max_documents = 8;

  std::vector<Node> docs;
  ParseError err;
  if (!ParseYaml(text, 0, limits, &docs, &err)) {
    TAIRLINT_FUZZ_REQUIRE(docs.empty());
    TAIRLINT_FUZZ_REQUIRE(err.pos <= size);
    TAIRLINT_FUZZ_REQUIRE(!err.message.empty());
    return 0;
  }
  TAIRLINT_FUZZ_REQUIRE(docs.size() <= limits.max_documents);
  tairlint_fuzz::TreeRules rules;
  rules.max_depth = limits.max_depth;
  rules.max_nodes = limits.max_nodes;
  for (Node& doc : docs) {
    std::vector<const Node*> strings;
    tairlint_fuzz::CheckTree(text, doc, rules, &strings);
    for (const Node* s : strings) {
      TAIRLINT_FUZZ_REQUIRE(s->raw == RawForm::YamlPlain || s->raw == RawForm::YamlSingle ||
                            s->raw == RawForm::YamlDouble || s->raw == RawForm::YamlBlock);
      TAIRLINT_FUZZ_REQUIRE(s->text.size() <= limits.max_string_bytes);
    }
    MarkDuplicates(&doc);
    tairlint_fuzz::CheckDuplicates(doc);
    // Block scalars map leading empty lines above their first content byte,
    // and folding is not byte for byte: only the bounds are checked.
    tairlint_fuzz::CheckDecodedToRaw(text, strings, /*exact=*/false);
  }
  return 0;
}
