// `tairlint check`: reads the files, checks them on all cores, applies the
// configuration, prints a report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tairlint/tairlint.h"

namespace tairlint::cli {

// Exit statuses (contract section 4).
constexpr int kClean = 0;
constexpr int kFindings = 1;
constexpr int kToolError = 2;

// More jobs than this is more threads than any machine has cores for
// (100,000 made std::thread throw). --max-depth is bounded by the library's
// kMaxDepthLimit, said here with a message.
constexpr unsigned kMaxJobs = 256;

struct CheckArgs {
  std::vector<std::string> paths;
  std::string action;                 // empty: from the request or the configuration
  std::string input_format = "auto";
  std::string format = "text";        // text, json, sarif, github
  std::string output_file;            // empty: standard output
  std::string color = "auto";         // auto, always, never
  std::string show_source = "auto";   // text: each finding's line (auto: on a terminal)
  bool service_message = false;       // text: the service's message under each finding
  std::string source_root;            // SARIF: %SRCROOT% (empty: the git work tree here)
  std::string help_uri_base;          // SARIF: where the rules' pages are (empty: the installed ones)
  std::string config;                 // empty: .tairlint.toml found from the working directory up
  bool no_config = false;
  std::string fail_on;                // empty: from the configuration, else error
  bool quiet = false;
  std::string stdin_filename;         // the name of `-` in reports and globs
  std::vector<std::string> include, exclude;
  std::vector<std::string> catalogs;
  unsigned jobs = 0;                  // 0: one per core
  Limits limits;                      // resource limits (tairlint.h has the defaults)
  std::vector<std::string> select;     // only these rules run (and those of the input's shape)
  std::vector<std::string> ignore;     // these rules are off
  bool statistics = false;             // text: findings counted by rule and code, not listed
  std::string baseline;               // findings it records neither show nor fail the run
  std::string write_baseline;         // record this run's findings there
};

int RunCheck(const CheckArgs& args);

}  // namespace tairlint::cli
