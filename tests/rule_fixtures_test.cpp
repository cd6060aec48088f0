// The rule fixtures of tests/rules/ (tests/rules/README.md): one test per
// fixture, named after its rule and file (ctest -R 'rules/.*password_format'),
// and one test that every rule of the catalog has a folder with a bad fixture
// and every folder names a rule.
//
// A fixture runs through the library unless its options file holds an option
// that only the CLI knows (then it runs through the CLI's JSON report, in the
// fixture's folder). A bad fixture's findings of its rule must be exactly its
// .expect file's lines; a good fixture must draw no finding of its rule.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "test_util.h"

namespace tairlint::testing {
namespace {

namespace fs = std::filesystem;

const std::string& RulesDir() {
  static const std::string dir = std::string(TAIRLINT_SOURCE_DIR) + "/tests/rules";
  return dir;
}

bool IsFixtureName(const std::string& name) {
  static const std::regex re(R"(^(bad|good)[A-Za-z0-9._-]*\.(json|yaml|yml|query)$)");
  return std::regex_match(name, re);
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The lines of an .expect file, without blank lines and # comments.
std::vector<std::string> ExpectLines(const std::string& path) {
  std::istringstream in(ReadText(path));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

// One finding as an .expect line: line:column severity code pointer.
std::string ExpectLine(int line, int column, const std::string& severity, const std::string& code,
                       const std::string& pointer) {
  return std::to_string(line) + ":" + std::to_string(column) + " " + severity + " " + (code.empty() ? "-" : code) +
         " " + (pointer.empty() ? "-" : pointer);
}

struct Fixture {
  std::string rule;  // the folder's name
  std::string file;  // the fixture's file name in it
  bool bad() const { return file.rfind("bad", 0) == 0; }
  std::string dir() const { return RulesDir() + "/" + rule; }
  std::string path() const { return dir() + "/" + file; }
};

void PrintTo(const Fixture& f, std::ostream* os) { *os << f.rule << "/" << f.file; }

std::vector<Fixture> Fixtures() {
  std::vector<Fixture> out;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(RulesDir(), ec)) {
    if (!dir.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(dir.path(), ec)) {
      const std::string name = file.path().filename().string();
      if (file.is_regular_file() && IsFixtureName(name)) out.push_back({dir.path().filename().string(), name});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Fixture& a, const Fixture& b) { return a.rule != b.rule ? a.rule < b.rule : a.file < b.file; });
  return out;
}

// The options of a fixture as the library's: false when one is not
// the library's (a --config, a further path), so the CLI must run it.
bool LibraryOptions(const std::vector<std::string>& words, const std::string& dir, CheckOptions* options,
                    CheckerConfig* config) {
  const std::map<std::string, uint64_t*> limits64 = {{"--max-file-size", &options->limits.max_bytes},
                                                     {"--max-string-length", &options->limits.max_string_bytes},
                                                     {"--max-nodes", &options->limits.max_nodes}};
  const std::map<std::string, uint32_t*> limits32 = {
      {"--max-depth", &options->limits.max_depth},         {"--max-instances", &options->limits.max_instances},
      {"--max-query-params", &options->limits.max_query_params},
      {"--max-yaml-documents", &options->limits.max_yaml_documents},
      {"--max-findings", &options->limits.max_findings}};
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (i + 1 == words.size()) return false;  // a lone word: a path, a flag
    const std::string& v = words[++i];
    if (w == "--action") {
      options->action = ParseAction(v);
    } else if (w == "--input-format") {
      if (!ParseInputFormat(v, &options->format)) return false;
    } else if (w == "--catalog") {
      config->catalog_files.push_back(dir + "/" + v);
    } else if (limits64.count(w)) {
      *limits64.at(w) = std::stoull(v);
    } else if (limits32.count(w)) {
      *limits32.at(w) = static_cast<uint32_t>(std::stoul(v));
    } else {
      return false;
    }
  }
  return true;
}

// The findings of `rule` that checking the fixture draws, as .expect lines,
// sorted; `how` says how they were found (for failure messages).
std::vector<std::string> Draw(const Fixture& fx, std::string* how) {
  const std::string options_path = fx.path() + ".options";
  const std::vector<std::string> words = Exists(options_path) ? Words(ReadText(options_path)) : std::vector<std::string>{};
  std::vector<std::string> out;
  CheckOptions options;
  CheckerConfig config;
  if (LibraryOptions(words, fx.dir(), &options, &config)) {
    *how = "library";
    std::optional<Checker> own;
    if (!config.catalog_files.empty()) own.emplace(config);
    const Checker& checker = own ? *own : TheChecker();
    Result r = checker.Check(ReadText(fx.path()), options);
    for (const Finding& f : r.findings) {
      if (f.rule == fx.rule) out.push_back(ExpectLine(f.line, f.column, SeverityName(f.severity), f.code, f.pointer));
    }
    *how += "; all findings:\n" + Describe(r);
  } else {
    // The CLI in the fixture's folder, so that the options name files there.
    bool config_given = std::find(words.begin(), words.end(), "--config") != words.end();
    std::string cmd = "cd " + Quote(fx.dir()) + " && " + Quote(CliPath()) + " check --format json" +
                      (config_given ? "" : " --no-config");
    for (const std::string& w : words) cmd += " " + Quote(w);
    const std::string err = ScratchPath("rule-fixture-" + fx.rule + "-" + fx.file + ".err");
    cmd += " " + Quote(fx.file) + " 2>" + Quote(err);
    ShellRun run = RunShell(cmd);
    *how = "CLI: " + cmd + "\nexit status " + std::to_string(run.status) + ", stderr: " + ReadText(err) +
           "\nreport:\n" + run.out;
    if (run.status != 0 && run.status != 1) {
      ADD_FAILURE() << "the CLI failed\n" << *how;
      return out;
    }
    nlohmann::json report = nlohmann::json::parse(run.out, nullptr, false);
    if (report.is_discarded() || !report["files"].is_array()) {
      ADD_FAILURE() << "no JSON report\n" << *how;
      return out;
    }
    // Every file of the report: a suppression's finding is the config file's,
    // a token clash is the later file's.
    for (const auto& file : report["files"]) {
      for (const auto& f : file["findings"]) {
        if (f.value("rule", "") != fx.rule) continue;
        out.push_back(ExpectLine(f.value("line", 0), f.value("column", 0), f.value("severity", ""),
                                 f.value("code", ""), f.value("pointer", "")));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class RuleFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(RuleFixture, Findings) {
  const Fixture& fx = GetParam();
  std::vector<std::string> want;
  if (fx.bad()) {
    ASSERT_TRUE(Exists(fx.path() + ".expect")) << fx.file << " has no " << fx.file << ".expect";
    want = ExpectLines(fx.path() + ".expect");
    ASSERT_FALSE(want.empty()) << fx.file << ".expect lists no finding: a bad fixture must draw its rule";
    std::sort(want.begin(), want.end());
  } else {
    ASSERT_FALSE(Exists(fx.path() + ".expect")) << "a good fixture draws nothing: " << fx.file << ".expect";
  }
  std::string how;
  std::vector<std::string> got = Draw(fx, &how);
  EXPECT_EQ(got, want) << fx.rule << "/" << fx.file << " (" << how << ")";
}

std::string FixtureName(const ::testing::TestParamInfo<Fixture>& info) {
  std::string n = info.param.rule + "__" + info.param.file;
  for (char& ch : n) {
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(rules, RuleFixture, ::testing::ValuesIn(Fixtures()), FixtureName);

// The folders and the catalog agree, and every sidecar file has its fixture.
TEST(RuleFixtures, EveryRuleHasAFolderWithABadFixture) {
  std::set<std::string> rules;
  for (const RuleInfo& r : Rules()) rules.insert(r.id);
  ASSERT_FALSE(rules.empty());
  std::map<std::string, int> bad;
  for (const Fixture& fx : Fixtures()) {
    if (fx.bad()) ++bad[fx.rule];
  }
  for (const std::string& id : rules) EXPECT_GT(bad[id], 0) << "rule " << id << " has no tests/rules/" << id << "/bad*";
  std::error_code ec;
  size_t folders = 0;
  for (const auto& dir : fs::directory_iterator(RulesDir(), ec)) {
    if (!dir.is_directory()) continue;
    ++folders;
    const std::string rule = dir.path().filename().string();
    EXPECT_TRUE(rules.count(rule)) << "tests/rules/" << rule << " names no rule of schemas/rules.json";
    for (const auto& file : fs::directory_iterator(dir.path(), ec)) {
      const std::string name = file.path().filename().string();
      for (const char* ext : {".expect", ".options"}) {
        const std::string e = ext;
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
          const std::string fixture = name.substr(0, name.size() - e.size());
          EXPECT_TRUE(IsFixtureName(fixture) && Exists(dir.path().string() + "/" + fixture))
              << rule << "/" << name << " belongs to no fixture";
        }
      }
    }
  }
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(folders, rules.size());
}

}  // namespace
}  // namespace tairlint::testing
