// libFuzzer target: the command line's configuration reader and its glob
// matcher (tool/config.cpp), which read files and options other people
// wrote.
//
// The whole input is a `.tairlint.toml` given to LoadConfigText, the loader
// LoadConfig uses once the file is known to be regular and small: the
// bounds (nesting, dotted key parts) come before toml++, so no input may
// crash or recurse without end. When the input holds a NUL byte, what
// comes before it is also a glob and what follows a path: GlobMatch must
// answer in time linear in their sizes, and a Glob read once must agree
// with it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tairlint::cli;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > kMaxConfigBytes) return 0;  // LoadConfig refuses it unread

  Config config;
  std::string error;
  std::string bound;
  const bool bounded = BoundedToml(text, &bound);
  if (LoadConfigText(text, "fuzz/.tairlint.toml", &config, &error)) {
    TAIRLINT_FUZZ_REQUIRE(bounded);
    TAIRLINT_FUZZ_REQUIRE(error.empty());
    TAIRLINT_FUZZ_REQUIRE(config.fail_on.empty() || config.fail_on == "error" || config.fail_on == "warning" ||
                          config.fail_on == "never");
    for (const Ignore& ig : config.ignores) TAIRLINT_FUZZ_REQUIRE(ig.pointer.empty() || ig.pointer[0] == '/');
    for (const ActionFor& a : config.actions) TAIRLINT_FUZZ_REQUIRE(a.action != tairlint::Action::Unknown);
  } else {
    // `path:line:column: what` or `path: what`
    TAIRLINT_FUZZ_REQUIRE(error.rfind("fuzz/.tairlint.toml:", 0) == 0);
    TAIRLINT_FUZZ_REQUIRE(error.size() > 20);
  }

  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    const std::string_view glob = text.substr(0, nul), path = text.substr(nul + 1);
    const bool matched = GlobMatch(glob, path);
    TAIRLINT_FUZZ_REQUIRE(Glob(std::string(glob)).Matches(path) == matched);
    // `**` matches everything; a glob without wildcards only itself (or a
    // last segment equal to it, when it holds no `/`)
    TAIRLINT_FUZZ_REQUIRE(GlobMatch("**", path));
    if (glob.find_first_of("*?") == std::string_view::npos && glob == path) TAIRLINT_FUZZ_REQUIRE(matched);
  }
  return 0;
}
