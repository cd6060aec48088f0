// .tairlint.toml: the command line's configuration file.
//
//   fail-on = "warning"                 # error (default), warning, never
//   catalogs = ["tairlint/extra.json"]  # more known capacities/classes/regions
//
//   [rules]                             # severity by rule id: error, warning (or warn), info, off
//   plaintext-secret = "off"
//   zone-region = "error"
//
//   [files]
//   include = ["*.json", "*.yaml"]      # what a directory search picks up
//   exclude = ["vendor/**"]
//
//   [[actions]]                         # the action of files whose request does not say
//   files = "specs/vnode/**"
//   action = "CreateTairKVCacheVNode"
//
//   [[ignore]]                          # findings to drop; the request is never touched
//   files = "specs/legacy/*.json"       # glob, relative to the configuration file
//   pointer = "/Instances/0/Password"   # optional: this JSON Pointer and below
//   rule = "password-format"            # optional
//   code = "InvalidPassword.Malformed"  # optional
//   reason = "rotated by the vault job" # optional, for readers
//
// Globs: `*` and `?` within a path segment, `**` across segments; a glob
// without a `/` matches the file name in any directory.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tairlint/tairlint.h"

namespace tairlint::cli {

struct Ignore {
  std::string files = "**", pointer, rule, code;
  int line = 0, column = 0;  // of the [[ignore]] table, for "matched nothing"
  bool used = false;          // it dropped a finding
  bool saw_file = false;      // `files` matched a file of this run (only then can it be unused)
};

struct ActionFor {
  std::string files;
  Action action = Action::Unknown;
};

struct Config {
  std::string path;  // the file read; empty when there is none
  std::string dir;   // globs and catalog paths are relative to it
  std::map<std::string, std::optional<Severity>> severity;  // nullopt: off
  std::vector<Ignore> ignores;
  std::vector<ActionFor> actions;
  std::vector<std::string> catalogs;  // absolute or relative to the working directory
  std::string fail_on;                // empty: not set
  std::vector<std::string> include, exclude;
};

// `.tairlint.toml` in `start` or the nearest parent that has one that may
// be trusted, or "". Climbing may leave the repository for a shared folder
// such as /tmp, where anyone can leave a `.tairlint.toml` (one `[[ignore]]
// files = "**"` silences every finding), so a file found is used when it
// is inside the repository (at or below the nearest folder holding `.git`,
// from `start` up), or else when it is owned by the user running tairlint
// (or root) and not writable by group or others. Each one passed over is
// said in `skipped` (which file, and why), and the search goes on above it.
// A file named with --config is not searched for, and always used.
std::string FindConfig(const std::string& start, std::vector<std::string>* skipped = nullptr);

// What a configuration file may hold, checked before toml++ sees it (it
// recurses once per dotted key part and per nesting level: a million
// `a.a.a...` parts overflowed the stack).
constexpr uint64_t kMaxConfigBytes = 1u << 20;  // 1 MiB
constexpr int kMaxConfigNesting = 32;           // arrays and inline tables, one in another
constexpr int kMaxConfigKeyParts = 64;          // parts of one dotted key or table header

// Reads and checks a configuration file: a regular file (not a FIFO or a
// device, which are refused without waiting) of at most kMaxConfigBytes.
// On failure, `error` reads `path:line:column: what is wrong` (or
// `path: what is wrong` when there is no position).
bool LoadConfig(const std::string& path, Config* config, std::string* error);

// The same for text already read; `path` names it in errors and is where
// globs and catalog paths are relative to.
bool LoadConfigText(std::string_view text, const std::string& path, Config* config, std::string* error);

// Whether `text` stays within kMaxConfigNesting and kMaxConfigKeyParts,
// and holds non-ASCII text only in strings and comments, looked at as
// TOML's lexer would (strings and comments skipped). On failure, `error`
// reads `line:column: what is wrong`.
bool BoundedToml(std::string_view text, std::string* error);

// A severity name as the configuration and --fail-on take it: "warn" is
// "warning" (as ruff and ESLint write it); any other name is unchanged.
inline std::string CanonicalSeverity(std::string name) { return name == "warn" ? "warning" : name; }

// --select and --ignore (rule ids) over the configuration's severities: the
// command line wins. With `select`, every other rule is off, except those
// that say a file could not be checked at all (read-error, parse-error,
// ...); a rule selected keeps its severity in `severity`, or its own when
// that turned it off. `ignore` turns rules off, winning over `select`.
void SelectRules(const std::vector<std::string>& select, const std::vector<std::string>& ignore,
                 std::map<std::string, std::optional<Severity>>* severity);

// A glob, read once: matching allocates nothing, and the usual shapes (a
// name, `*.json`, `build-*`) are one comparison with the file name, since a
// directory search matches every file against every glob (docs/performance.md).
class Glob {
 public:
  explicit Glob(std::string text);
  // Whether `path` (relative, with `/` separators) matches.
  bool Matches(std::string_view path) const;

 private:
  enum class Shape { kName, kSuffix, kPrefix, kOther };
  std::string text_;
  Shape shape_ = Shape::kOther;  // kOther: GlobMatch
  std::string literal_;  // the name, suffix or prefix
};

// Whether `path` (relative, with `/` separators) matches `glob`.
bool GlobMatch(std::string_view glob, std::string_view path);

}  // namespace tairlint::cli
