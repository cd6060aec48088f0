// --baseline and --write-baseline: today's findings recorded in a file, so
// that a tree adopting tairlint fails only on new ones.
//
// The file is JSON, one finding a line, sorted, so that its diffs are read
// line by line:
//
//   {
//     "tool": "tairlint",
//     "version": 1,
//     "findings": [
//       {"path":"specs/a.json","rule":"period-value","pointer":"/Instances/0/Period","value":"07f89207b4ba08a4"},
//       {"path":"specs/a.json","rule":"plaintext-secret","pointer":"/Instances/0/Password"}
//     ]
//   }
//
// A finding is known by its rule, its file's path relative to the baseline
// file's directory (the same from any working directory), its JSON Pointer
// and the hash of its value (Finding::value_hash, 16 hex digits): the same
// mistake moved to another line is still known, the same place with
// another wrong value is new. A secret's value is neither stored nor
// hashed: those findings have no "value". Each entry stands for one
// finding.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "tairlint/tairlint.h"

namespace tairlint::cli {

// The file's "version"; a file of another version is refused.
constexpr int kBaselineVersion = 1;

struct BaselineEntry {
  std::string path, rule, pointer;
  uint64_t value = 0;  // 0: none
  bool operator<(const BaselineEntry& o) const {
    return std::tie(path, rule, pointer, value) < std::tie(o.path, o.rule, o.pointer, o.value);
  }
};

// `file` (as reports show it) relative to the directory `dir`, with `/`;
// "-" (standard input without a name) stays "-".
std::string PathFrom(const std::string& dir, const std::string& file);

// A baseline read with --baseline.
class Baseline {
 public:
  // Reads `path`: a regular file of at most 64 MiB in the format above.
  // false and `error` ("path: what is wrong") when it is not.
  bool Load(const std::string& path, std::string* error);
  // Moves the findings of `report` that the baseline records into
  // report->baselined, each entry taken once.
  void Apply(FileReport* report);

 private:
  std::string dir_;  // the baseline file's directory, absolute
  std::map<BaselineEntry, size_t> left_;  // entry -> findings it still stands for
};

// What --write-baseline writes: every finding of the run's files.
class BaselineRecorder {
 public:
  // `path`: the file to write; paths are recorded relative to its directory.
  explicit BaselineRecorder(const std::string& path);
  void Record(const FileReport& report);
  // Writes the file (replacing it); false and `error` when it cannot.
  bool Write(std::string* error) const;

 private:
  std::string path_, dir_;
  std::vector<BaselineEntry> entries_;
};

}  // namespace tairlint::cli
