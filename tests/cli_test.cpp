// The command line as a user runs it: from any directory, several files at
// once, bad files among good ones, standard input, exit statuses.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "test_util.h"

namespace tairlint::testing {
namespace {

ShellRun Cli(const std::string& args, const std::string& dir = ScratchRoot()) {
  return RunShell("cd '" + dir + "' && '" + CliPath() + "' " + args + " 2>&1");
}

std::string Scratch(const std::string& name) {
  std::string dir = ScratchPath("cli-" + name);
  std::string rm = "rm -rf '" + dir + "'";
  EXPECT_EQ(system(rm.c_str()), 0);
  mkdir(dir.c_str(), 0755);
  return dir;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

const char* kValid = R"({"Action":"CreateTairKVCacheVNode","RegionId":"cn-beijing","ZoneId":"cn-beijing-f",
  "InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":1,"VkName":"tk-1","VSwitchId":"vsw-1"})";

TEST(Cli, RunsFromAnyDirectoryWithItsSchemasBuiltIn) {
  std::string dir = Scratch("anydir");
  Write(dir + "/ok.json", kValid);
  ShellRun r = Cli("check ok.json", dir);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("1 file checked: 0 errors, 0 warnings, 0 infos in ", 0), 0u) << r.out;
}

TEST(Cli, ExitStatuses) {
  std::string dir = Scratch("status");
  Write(dir + "/ok.json", kValid);
  Write(dir + "/bad.json", R"({"VkName":"tk-1"})");
  EXPECT_EQ(Cli("check ok.json", dir).status, 0);
  EXPECT_EQ(Cli("check ok.json bad.json", dir).status, 1);
  EXPECT_EQ(Cli("check --format xml ok.json", dir).status, 2);
  EXPECT_EQ(Cli("check", dir).status, 2);
  EXPECT_EQ(Cli("explain NoSuchThing", dir).status, 2);
  ShellRun v = Cli("--version", dir);
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out.rfind(std::string("tairlint ") + Version(), 0), 0u) << v.out;  // and the commit (packaging_test)
  EXPECT_EQ(Cli("--help", dir).status, 0);
}

TEST(Cli, BadFilesDoNotStopTheRun) {
  std::string dir = Scratch("badfiles");
  Write(dir + "/a.json", "{\"Action\": \"CreateInstances\", \"Instances\": [");
  Write(dir + "/b.json", "");
  Write(dir + "/c.json", std::string("\xFF\xFE{\0}\0", 6));
  Write(dir + "/d.json", kValid);
  ShellRun r = Cli("check --format json missing.json a.json b.json c.json d.json", dir);
  EXPECT_EQ(r.status, 1);
  nlohmann::json report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["files"].size(), 5u);
  std::vector<std::string> rules;
  for (const auto& f : report["files"]) {
    rules.push_back(f["findings"].empty() ? "none" : f["findings"][0]["rule"].get<std::string>());
  }
  EXPECT_EQ(rules, (std::vector<std::string>{"read-error", "parse-error", "parse-error", "parse-error", "none"}));
  EXPECT_EQ(report["summary"]["files"], 5);
  EXPECT_EQ(report["summary"]["errors"], 4);
}

TEST(Cli, DirectoriesAreSearchedInAStableOrder) {
  std::string dir = Scratch("walk");
  mkdir((dir + "/specs").c_str(), 0755);
  mkdir((dir + "/specs/.git").c_str(), 0755);
  mkdir((dir + "/specs/sub").c_str(), 0755);
  Write(dir + "/specs/b.yaml", "VkName: tk-1\n");
  Write(dir + "/specs/a.json", kValid);
  Write(dir + "/specs/sub/c.query", "Action=CreateTairKVCacheVNode&VkName=tk-1");
  Write(dir + "/specs/notes.txt", "not a request");
  Write(dir + "/specs/.git/x.json", "{");
  ShellRun r = Cli("check --format json specs", dir);
  nlohmann::json report = nlohmann::json::parse(r.out);
  std::vector<std::string> paths;
  for (const auto& f : report["files"]) paths.push_back(f["path"]);
  EXPECT_EQ(paths, (std::vector<std::string>{"specs/a.json", "specs/b.yaml", "specs/sub/c.query"}));
  EXPECT_EQ(report["files"][1]["format"], "yaml");
  EXPECT_EQ(report["files"][2]["format"], "query");
}

TEST(Cli, DirectoryLoopsAndOddPathsDoNotStopTheRun) {
  std::string dir = Scratch("loops");
  mkdir((dir + "/specs").c_str(), 0755);
  mkdir((dir + "/specs/sub").c_str(), 0755);
  Write(dir + "/specs/sub/a.json", kValid);
  ASSERT_EQ(symlink("..", (dir + "/specs/sub/loop").c_str()), 0);       // a directory loop
  ASSERT_EQ(symlink("nowhere", (dir + "/specs/dangling.json").c_str()), 0);  // a link to nothing
  Write(dir + "/specs/empty.json", "");
  Write(dir + "/specs/bom.json", std::string("\xEF\xBB\xBF") + kValid);
  ShellRun r = Cli("check --format json specs specs/dangling.json", dir);
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> first_rule;
  for (const auto& f : j["files"]) {
    first_rule[f["path"]] = f["findings"].empty() ? "none" : f["findings"][0]["rule"].get<std::string>();
  }
  EXPECT_EQ(first_rule["specs/sub/a.json"], "none");
  EXPECT_EQ(first_rule["specs/bom.json"], "none");
  EXPECT_EQ(first_rule["specs/empty.json"], "parse-error");
  EXPECT_EQ(first_rule["specs/dangling.json"], "read-error");
  EXPECT_EQ(r.status, 1);
}

// A path named on the command line that cannot be read says why: "no such
// file or directory" only when there is none.
TEST(Cli, NamedPathsThatCannotBeReadSayWhy) {
  std::string dir = Scratch("named");
  ASSERT_EQ(symlink("loop.json", (dir + "/loop.json").c_str()), 0);  // a link to itself
  Write(dir + "/ok.json", kValid);
  ShellRun r = Cli("check --format json loop.json missing.json ok.json/x.json ok.json", dir);
  EXPECT_EQ(r.status, 1) << r.out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["files"].size(), 4u) << r.out;
  std::map<std::string, std::string> message;
  for (const auto& f : j["files"]) {
    message[f["path"]] = f["findings"].empty() ? "none" : f["findings"][0]["message"].get<std::string>();
  }
  EXPECT_EQ(message["loop.json"], std::string("cannot read the file: cannot open: ") + std::strerror(ELOOP));
  EXPECT_EQ(message["missing.json"], "cannot read the file: no such file or directory");
  EXPECT_EQ(message["ok.json/x.json"], std::string("cannot read the file: cannot open: ") + std::strerror(ENOTDIR));
  EXPECT_EQ(message["ok.json"], "none");
}

// A FIFO found in a folder is not opened (that would wait for a writer for
// ever), nor is a link to one; the run checks the other files and ends.
TEST(Cli, FifosInAFolderAreSkipped) {
  std::string dir = Scratch("fifo");
  mkdir((dir + "/specs").c_str(), 0755);
  Write(dir + "/specs/a.json", kValid);
  ASSERT_EQ(mkfifo((dir + "/specs/pipe.json").c_str(), 0644), 0);
  ASSERT_EQ(symlink("pipe.json", (dir + "/specs/to-pipe.json").c_str()), 0);
  for (const char* jobs : {"1", "2"}) {
    ShellRun r = Cli(std::string("check --format json --jobs ") + jobs + " specs < /dev/null", dir);
    ASSERT_EQ(r.status, 0) << r.out;  // a hang would end the test run here
    nlohmann::json j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["files"].size(), 1u) << r.out;
    EXPECT_EQ(j["files"][0]["path"], "specs/a.json");
  }
}

TEST(Cli, StandardInputAndTextOutput) {
  std::string dir = Scratch("stdin");
  Write(dir + "/in.json", R"({"VkName":"tk-1","RegionId":"cn-beijing","ZoneId":"cn-beijing-f",
"InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":5,"VSwitchId":"vsw-1"})");
  ShellRun r = Cli("check - < in.json", dir);
  EXPECT_EQ(r.status, 1);
  // the findings, then a summary line whose time varies
  size_t summary = r.out.rfind("1 file checked: 1 error, 0 warnings, 0 infos in ");
  ASSERT_NE(summary, std::string::npos) << r.out;
  // One line: the code and the cause; not a terminal, so no source line.
  EXPECT_EQ(r.out.substr(0, summary),
            "-:2:53: error InvalidParameter ComputeUnitNum must be one of 1; got 5 [compute-unit-num-value]\n");
  // The service's message on request.
  ShellRun m = Cli("check --service-message -q - < in.json", dir);
  EXPECT_EQ(m.out,
            "-:2:53: error InvalidParameter ComputeUnitNum must be one of 1; got 5 [compute-unit-num-value]\n"
            "    the service answers: The specified parameter \"ComputeUnitNum\" is not valid.\n");
}

TEST(Cli, ActionAndInputFormatOptions) {
  std::string dir = Scratch("options");
  Write(dir + "/plain.txt", "RegionId: cn-beijing\n");
  ShellRun r = Cli("check --format json --action CreateTairKVCacheVNode --input-format yaml plain.txt", dir);
  nlohmann::json report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["files"][0]["action"], "CreateTairKVCacheVNode");
  EXPECT_EQ(report["files"][0]["format"], "yaml");
  EXPECT_EQ(report["summary"]["errors"], 5);  // five required parameters missing
}

TEST(Cli, CodesRulesAndExplain) {
  ShellRun codes = Cli("codes --format json");
  EXPECT_EQ(codes.status, 0);
  EXPECT_EQ(nlohmann::json::parse(codes.out).size(), Codes().size());
  ShellRun rules = Cli("rules --format json");
  EXPECT_EQ(nlohmann::json::parse(rules.out).size(), Rules().size());
  ShellRun e = Cli("explain InvalidPassword.Malformed");
  EXPECT_EQ(e.status, 0);
  EXPECT_NE(e.out.find("password-complexity"), std::string::npos) << e.out;
  EXPECT_NE(e.out.find("The Specified parameter Password is not valid."), std::string::npos);
  ShellRun rule = Cli("explain period-value");
  EXPECT_NE(rule.out.find("Example:"), std::string::npos) << rule.out;
}

// `tairlint explain` shows each rule's example; every example must draw
// its rule.
TEST(Cli, EveryRuleExampleDrawsItsRule) {
  int checked = 0;
  for (const RuleInfo& rule : Rules()) {
    const std::string& ex = rule.example;
    bool is_request = !ex.empty() && (ex[0] == '{' || ex.rfind("Action=", 0) == 0);
    if (!is_request) continue;
    Result r = Check(ex);
    EXPECT_NE(FindingFor(r, rule.id), nullptr) << rule.id << ": " << ex << "\n" << Describe(r);
    ++checked;
  }
  EXPECT_GT(checked, 35);
}

// --show-source shows each finding's line, the value underlined; off a
// terminal it is off unless asked, and --no-show-source wins.
TEST(Cli, ShowSource) {
  std::string dir = Scratch("show-source");
  Write(dir + "/r.json", "{\n  \"Action\": \"CreateInstances\",\n  \"Instances\": [{\"RegionId\": \"cn-hangzhou\", "
                         "\"izNo\": \"cn-hangzhou-h\", \"Capacity\": 1024,\n    \"Password\": \"Sup3r-secret\", "
                         "\"Period\": 10}]\n}\n");
  ShellRun shown = Cli("check -q --show-source r.json", dir);
  EXPECT_NE(shown.out.find(" 4 |     \"Password\": ***, \"Period\": 10}]\n"
                           "   | " + std::string(31, ' ') + "^^\n"),
            std::string::npos)
      << shown.out;
  EXPECT_EQ(shown.out.find("Sup3r"), std::string::npos) << shown.out;
  EXPECT_EQ(Cli("check -q r.json", dir).out.find(" | "), std::string::npos);
  EXPECT_EQ(Cli("check -q --show-source --no-show-source r.json", dir).out.find(" | "), std::string::npos);
  // Not in the other formats.
  EXPECT_EQ(Cli("check --show-source --format json r.json", dir).out.find("***"), std::string::npos);
}

// SARIF from a folder below the repository: URIs relative to the git work
// tree under %SRCROOT%, whatever the working directory; --source-root
// chooses another root.
TEST(Cli, SarifUrisAreRelativeToTheRepository) {
  std::string dir = Scratch("sarif-root");
  std::filesystem::create_directories(dir + "/repo/.git");
  std::filesystem::create_directories(dir + "/repo/specs/sub");
  Write(dir + "/repo/specs/sub/r.json", "{\"Action\":\"CreateInstances\",\"Instances\":[{\"Period\":10}]}");
  for (const char* cwd : {"/repo", "/repo/specs", "/repo/specs/sub"}) {
    SCOPED_TRACE(cwd);
    const std::string path = std::string(cwd) == "/repo" ? "specs/sub/r.json" : std::string(cwd) == "/repo/specs" ? "sub/../sub/r.json" : "r.json";
    ShellRun r = Cli("check --format sarif " + path, dir + cwd);
    const nlohmann::json log = nlohmann::json::parse(r.out);
    const auto& run = log["runs"][0];
    EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file://" + std::filesystem::canonical(dir + "/repo").string() + "/");
    const auto& a = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    EXPECT_EQ(a["uri"], "specs/sub/r.json");
    EXPECT_EQ(a["uriBaseId"], "%SRCROOT%");
  }
  ShellRun own = Cli("check --format sarif --source-root specs --help-uri-base https://example.org/rules specs/sub/r.json", dir + "/repo");
  const nlohmann::json log = nlohmann::json::parse(own.out);
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "sub/r.json");
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"],
            "https://example.org/rules/" + log["runs"][0]["tool"]["driver"]["rules"][0]["id"].get<std::string>() + ".md");
}

// docs/rules/ holds one page per rule, as `tairlint rules --write-docs` makes
// them from the catalog: SARIF's helpUri points at them.
TEST(Cli, RulePagesAreInStepWithTheCatalog) {
  std::string dir = Scratch("rule-docs");
  ASSERT_EQ(Cli("rules --write-docs pages", dir).status, 0);
  size_t pages = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/pages")) {
    std::ifstream made(e.path(), std::ios::binary), kept(std::string(TAIRLINT_SOURCE_DIR) + "/docs/rules/" + e.path().filename().string(), std::ios::binary);
    std::stringstream a, b;
    a << made.rdbuf();
    b << kept.rdbuf();
    EXPECT_EQ(a.str(), b.str()) << e.path().filename() << ": refresh with `tairlint rules --write-docs docs/rules`";
    ++pages;
  }
  EXPECT_EQ(pages, Rules().size() + 1);  // and the index
  size_t kept = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TAIRLINT_SOURCE_DIR) + "/docs/rules")) kept += e.is_regular_file();
  EXPECT_EQ(kept, pages) << "a page of a rule that is gone";
}

}  // namespace
}  // namespace tairlint::testing
