// `tairlint check`'s inputs: the paths named on the command line, and the
// files a directory search finds below them (include/exclude globs).
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "config.h"

namespace tairlint::cli {

// With two jobs or more, the workers start (and prepare) once this many
// files are found, while the listing goes on; fewer files do not pay for
// their threads (docs/performance.md).
constexpr size_t kManyFiles = 256;

// Where files come from: a path named on the command line (a file, or
// standard input), or a directory searched.
struct Source {
  std::string shown;       // as shown in reports
  std::string match;       // relative to the configuration's directory, for globs
  std::string read_error;  // set when it cannot be read
  bool is_stdin = false;
};

// One file to check: a named file is its source; a file found in a directory
// is its path below it, kept with the others in Inputs::names, so that a list
// of 10,000 files holds little more than their names, in one block.
struct Input {
  size_t name = 0;          // in Inputs::names
  uint32_t name_size = 0;   // 0 for a named file
  uint32_t source = 0;
};

struct Inputs {
  std::vector<Source> sources;
  std::vector<Input> files;
  std::string names;
  std::string_view inside(const Input& in) const { return std::string_view(names).substr(in.name, in.name_size); }
};

// The report's own file, when it is a file: never an input, so that
// `-o specs/report.json specs` does not check its own report.
struct ReportFile {
  bool known = false;
  dev_t dev = 0;
  ino_t ino = 0;
  std::string name;  // the last part of its path, when it was named with -o
  bool Is(const struct stat& st) const { return known && st.st_dev == dev && st.st_ino == ino; }
};

// Files as given; directories searched (sorted, for a stable order) for the
// included patterns, skipping excluded files and folders. `found_many` is
// called once kManyFiles are found, when the listing may still go on.
Inputs Expand(const CheckArgs& args, const Config& config, const ReportFile& report,
              const std::function<void()>& found_many);

// The path shown in reports (and read), and the path globs see.
std::string ShownPath(const Inputs& inputs, const Input& in);
std::string MatchPathOf(const Inputs& inputs, const Input& in);

// `path` as reports show it: relative to the working directory when under it.
std::string RelativeToWorkingDirectory(const std::string& path);

}  // namespace tairlint::cli
