// libFuzzer target: a catalog file's text (CheckerConfig::catalog_files),
// through LoadCatalogText, the code the Checker's constructor runs after
// reading the file. Any text must load or fail cleanly: never crash, never
// recurse with the input; an error names the catalog, is short and is
// Printable (no control character, C1 or raw); a text that loads is JSON.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "model/model.h"

namespace {

// Valid UTF-8 without C0 controls, DEL or C1 controls.
bool Printable(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = tairlint::detail::Utf8SequenceLength(s.substr(i));
    if (n == 0) return false;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 1 && (c < 0x20 || c == 0x7f)) return false;
    if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) <= 0x9f) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::string kName = "fuzz/catalog.json";
  tairlint::detail::Catalogs catalogs;
  std::string error;
  const bool ok = tairlint::detail::LoadCatalogText(text, kName, &catalogs, &error);
  if (ok) {
    TAIRLINT_FUZZ_REQUIRE(error.empty());
    TAIRLINT_FUZZ_REQUIRE(nlohmann::json::accept(text.begin(), text.end()));
    return 0;
  }
  TAIRLINT_FUZZ_REQUIRE(error.rfind(kName + ":", 0) == 0);
  // A bounded excerpt at most, whatever the input's size.
  TAIRLINT_FUZZ_REQUIRE(error.size() < 1024);
  TAIRLINT_FUZZ_REQUIRE(Printable(error));
  return 0;
}
