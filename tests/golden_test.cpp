// Golden tests: for every request file under examples/, run
//   tairlint check --format json examples/<path>
// from the repository root and compare its standard output byte for byte with
// tests/golden/<path>.json. Files under examples/valid/ must draw no error (exit 0),
// files under examples/invalid/ at least one (exit 1).
//
// After an intended change of the output, refresh the golden files with
//   TAIRLINT_UPDATE_GOLDEN=1 tairlint_tests --gtest_filter='Golden*'
// and review the diff before committing.

#include <gtest/gtest.h>

#include "test_util.h"
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef TAIRLINT_SOURCE_DIR
#error "TAIRLINT_SOURCE_DIR must be defined"
#endif
#ifndef TAIRLINT_CLI_PATH
#error "TAIRLINT_CLI_PATH must be defined"
#endif

namespace fs = std::filesystem;

namespace {

using tairlint::testing::Quote;
using tairlint::testing::RunShell;
using tairlint::testing::ShellRun;

const fs::path kSourceDir{TAIRLINT_SOURCE_DIR};
const fs::path kExamplesDir = kSourceDir / "examples";
const fs::path kGoldenDir = kSourceDir / "tests" / "golden";

bool update_mode() {
  const char* v = std::getenv("TAIRLINT_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Every example file, as a path relative to examples/ with '/' separators, sorted.
std::vector<std::string> example_files() {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(kExamplesDir, ec)) return out;
  for (fs::recursive_directory_iterator it(kExamplesDir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (name == "README.md") continue;
    // requests live in valid/ and invalid/; the other folders hold
    // configuration examples (CI workflows, editor settings)
    std::string rel = it->path().lexically_relative(kExamplesDir).generic_string();
    if (rel.rfind("valid/", 0) != 0 && rel.rfind("invalid/", 0) != 0) continue;
    out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every golden file, relative to tests/golden/, sorted.
std::vector<std::string> golden_files() {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(kGoldenDir, ec)) return out;
  for (fs::recursive_directory_iterator it(kGoldenDir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) out.push_back(it->path().lexically_relative(kGoldenDir).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}


struct RunResult {
  std::string out;
  int exit_code = -1;
};

// Runs the CLI from the repository root on examples/<rel> and captures its stdout.
RunResult run_cli(const std::string& rel) {
  const std::string cmd = "cd " + Quote(kSourceDir.string()) + " && " +
                          Quote(TAIRLINT_CLI_PATH) + " check --format json " +
                          Quote("examples/" + rel);
  std::fflush(nullptr);
  ShellRun run = RunShell(cmd);
  RunResult r;
  r.out = std::move(run.out);
  r.exit_code = run.status;
  return r;
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

bool write_file(const fs::path& path, const std::string& data) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream o(path, std::ios::binary | std::ios::trunc);
  if (!o) return false;
  o.write(data.data(), static_cast<std::streamsize>(data.size()));
  return static_cast<bool>(o);
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : s) {
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur + "  (no newline at end)");
  return lines;
}

// A unified diff (3 lines of context) from `expected` to `actual`, by longest common subsequence.
std::string unified_diff(const std::string& expected, const std::string& actual,
                         const std::string& expected_name, const std::string& actual_name) {
  const std::vector<std::string> a = split_lines(expected), b = split_lines(actual);
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);

  struct Op { char kind; size_t ai, bi; };  // kind: ' ', '-', '+'
  std::vector<Op> ops;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) ops.push_back({' ', i++, j++});
    else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push_back({'-', i++, j});
    else ops.push_back({'+', i, j++});
  }

  std::ostringstream os;
  os << "--- " << expected_name << "\n+++ " << actual_name << "\n";
  const size_t ctx = 3;
  size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].kind == ' ') { ++k; continue; }
    // A hunk: from ctx lines before this change to ctx lines after the last change within reach.
    size_t start = k >= ctx ? k - ctx : 0;
    size_t end = k;
    while (end < ops.size()) {
      if (ops[end].kind != ' ') { ++end; continue; }
      size_t run = end;
      while (run < ops.size() && ops[run].kind == ' ') ++run;
      if (run == ops.size() || run - end > 2 * ctx) { end = std::min(ops.size(), end + ctx); break; }
      end = run;
    }
    size_t a_start = ops[start].ai, b_start = ops[start].bi, a_len = 0, b_len = 0;
    for (size_t t = start; t < end; ++t) {
      if (ops[t].kind != '+') ++a_len;
      if (ops[t].kind != '-') ++b_len;
    }
    os << "@@ -" << (a_len ? a_start + 1 : a_start) << "," << a_len << " +"
       << (b_len ? b_start + 1 : b_start) << "," << b_len << " @@\n";
    for (size_t t = start; t < end; ++t) {
      const Op& op = ops[t];
      os << op.kind << (op.kind == '+' ? b[op.bi] : a[op.ai]) << "\n";
    }
    k = end;
  }
  return os.str();
}

std::string test_name_for(const std::string& rel) {
  std::string name;
  for (char c : rel) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name += alnum ? c : '_';
  }
  return name;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesGoldenOutput) {
  const std::string rel = GetParam();
  const fs::path golden_path = kGoldenDir / (rel + ".json");
  const RunResult r = run_cli(rel);
  ASSERT_FALSE(r.out.empty()) << "tairlint printed nothing for examples/" << rel
                              << " (exit " << r.exit_code << ")";

  // The report must be one JSON document describing this one file.
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(r.out);
  } catch (const std::exception& e) {
    FAIL() << "output for examples/" << rel << " is not JSON: " << e.what() << "\n" << r.out;
  }
  ASSERT_TRUE(report.contains("files") && report["files"].is_array() && report["files"].size() == 1)
      << r.out;
  const nlohmann::json& file = report["files"][0];
  EXPECT_EQ(file.value("path", std::string()), "examples/" + rel);
  ASSERT_TRUE(file.contains("findings") && file["findings"].is_array()) << r.out;
  size_t errors = 0;
  for (const auto& f : file["findings"])
    if (f.value("severity", std::string()) == "error") ++errors;
  ASSERT_TRUE(report.contains("summary")) << r.out;
  EXPECT_EQ(report["summary"].value("errors", -1), static_cast<int>(errors))
      << "summary.errors disagrees with the findings";

  const std::string top = rel.substr(0, rel.find('/'));
  if (top == "valid") {
    EXPECT_EQ(errors, 0u) << "a valid example draws errors:\n" << r.out;
    EXPECT_EQ(r.exit_code, 0) << "exit status for a valid example";
  } else if (top == "invalid") {
    EXPECT_GE(errors, 1u) << "an invalid example draws no error:\n" << r.out;
    EXPECT_EQ(r.exit_code, 1) << "exit status for an invalid example";
  }

  if (update_mode()) {
    // Do not enshrine an output that breaks the valid/invalid expectations above.
    if (HasFailure()) {
      ADD_FAILURE() << "not updating " << golden_path.string() << ": the output fails the checks above";
      return;
    }
    std::string old;
    const bool had = read_file(golden_path, old);
    if (!had || old != r.out) {
      ASSERT_TRUE(write_file(golden_path, r.out)) << "cannot write " << golden_path;
      std::printf("[  GOLDEN  ] %s %s\n", had ? "updated" : "created", golden_path.string().c_str());
    }
    return;
  }

  std::string expected;
  ASSERT_TRUE(read_file(golden_path, expected))
      << "no golden file " << golden_path.string()
      << "; create it with TAIRLINT_UPDATE_GOLDEN=1. Current output:\n" << r.out;
  if (expected != r.out) {
    ADD_FAILURE() << "output of `tairlint check --format json examples/" << rel
                  << "` differs from " << golden_path.lexically_relative(kSourceDir).generic_string()
                  << " (rerun with TAIRLINT_UPDATE_GOLDEN=1 if the change is intended):\n"
                  << unified_diff(expected, r.out, "tests/golden/" + rel + ".json (expected)",
                                  "examples/" + rel + " (actual)");
  }
}

INSTANTIATE_TEST_SUITE_P(, Golden, ::testing::ValuesIn(example_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return test_name_for(info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

TEST(GoldenSet, ExamplesCoverAllInputForms) {
  const std::vector<std::string> files = example_files();
  ASSERT_FALSE(files.empty()) << "no example files under " << kExamplesDir;
  std::set<std::string> seen;
  for (const std::string& rel : files) {
    const std::string top = rel.substr(0, rel.find('/'));
    const std::string ext = fs::path(rel).extension().string();
    seen.insert(top + ext);
  }
  for (const char* want : {"valid.json", "valid.yaml", "valid.query", "invalid.json", "invalid.yaml",
                           "invalid.query"})
    EXPECT_TRUE(seen.count(want)) << "no example " << want;
}

TEST(GoldenSet, NoOrphanGoldenFiles) {
  std::set<std::string> wanted;
  for (const std::string& rel : example_files()) wanted.insert(rel + ".json");
  for (const std::string& g : golden_files())
    EXPECT_TRUE(wanted.count(g)) << "tests/golden/" << g << " has no example file: remove it";
}

}  // namespace
