// Directory searches find requests: a file a search reaches that names no
// action and holds no parameter of either action (editor settings, a
// workflow, a catalog) is skipped and counted, never reported; the same
// file named on the command line is checked as before. A file that fails
// to parse cannot be judged, and is reported.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace tairlint::testing {
namespace {

Result Searched(const std::string& text, Action action = Action::Unknown) {
  CheckOptions o;
  o.action = action;
  o.skip_non_requests = true;
  return TheChecker().Check(text, o);
}

TEST(SkipNonRequests, DocumentsWithoutAnActionOrParameterAreSkipped) {
  for (const std::string& text : {
           std::string(R"({"json.schemas": [{"fileMatch": ["/specs/**/*.json"]}]})"),
           std::string(R"({"capacities": [3072], "regions": ["cn-newcity"]})"),
           std::string("name: tairlint\non:\n  push:\n    branches: [main]\njobs: {}\n"),
           std::string("[1, 2, 3]"), std::string("42"), std::string("{}"),
           std::string("version=2&tasks=x"),  // a query string of other names
           std::string(R"({"regionId": "cn-hangzhou", "instances": []})"),  // the service matches names exactly
           std::string(R"({"Version": "2012-10-17", "Statement": []})"),  // a common parameter's name alone
           std::string("a: 1\n---\nb: 2\n"),
       }) {
    const Result r = Searched(text);
    EXPECT_TRUE(r.skipped) << text;
    EXPECT_TRUE(r.findings.empty()) << text << "\n" << Describe(r);
    // Named (no option), the same document is reported as before.
    EXPECT_FALSE(Check(text).skipped);
    EXPECT_FALSE(Check(text).findings.empty()) << text;
  }
  // An action given for the files does not make a settings file a request.
  EXPECT_TRUE(Searched(R"({"editor.tabSize": 2})", Action::CreateInstances).skipped);
}

TEST(SkipNonRequests, AnythingThatLooksLikeARequestIsChecked) {
  struct Case {
    std::string text, rule;  // rule: one it must draw
  };
  for (const Case& c : std::vector<Case>{
           {R"({"Action": "DescribeInstances"})", "unknown-action"},
           {R"({"VkName": "tk-1"})", "required-parameter"},
           {R"({"Instances": "not json"})", "instances-format"},
           {R"([{"Action": "CreateInstances"}])", "not-a-request"},  // a request wrapped in an array
           {"Instances.1.RegionId=cn-hangzhou", "required-parameter"},  // flattened
           {"Tag.1.Key=a&Tag.1.Value=b", "unknown-action"},
           {"a: 1\n---\nAction: CreateTairKVCacheVNode\n", "unknown-action"},  // one document of two is a request
           {R"({"Action": "CreateInstances", "Instances": [)", "parse-error"},  // cannot be judged: reported
           {"", "parse-error"},
       }) {
    const Result r = Searched(c.text);
    EXPECT_FALSE(r.skipped) << c.text;
    EXPECT_NE(FindingFor(r, c.rule), nullptr) << c.text << "\n" << Describe(r);
  }
  const Result valid = Searched(Render(BaseVNode(), Form::Query));
  EXPECT_FALSE(valid.skipped);
  EXPECT_EQ(valid.action, Action::CreateTairKVCacheVNode);
  EXPECT_TRUE(valid.findings.empty()) << Describe(valid);
}

TEST(SkipNonRequests, CheckJsonSkipsToo) {
  CheckOptions o;
  o.skip_non_requests = true;
  EXPECT_TRUE(TheChecker().CheckJson(nlohmann::json::parse(R"({"tasks": []})"), o).skipped);
  EXPECT_FALSE(TheChecker().CheckJson(nlohmann::json(BaseVNode()), o).skipped);
}

ShellRun InSource(const std::string& args) {
  return RunShell("cd '" TAIRLINT_SOURCE_DIR "' && NO_COLOR= '" + CliPath() + "' " + args + " 2>&1");
}

// The bundled examples/ hold editor settings and schemas, a workflow and a
// catalog beside the requests: a search reports only the requests' findings.
TEST(DirectorySearch, ExamplesReportOnlyTheRequests) {
  ShellRun text = InSource("check --no-config examples/");
  EXPECT_EQ(text.status, 1) << text.out;
  EXPECT_EQ(text.out.find("unknown-action"), std::string::npos) << text.out;
  for (const char* other : {"vscode-settings.json", "vscode-tasks.json", "tairlint.yml", "extra-catalog.json",
                            "tairlint.schema.json", "CreateInstances.schema.json", "CreateTairKVCacheVNode.schema.json"}) {
    EXPECT_EQ(text.out.find(other), std::string::npos) << other << "\n" << text.out;
  }
  EXPECT_NE(text.out.find(" s; 7 files that are not requests skipped\n"), std::string::npos) << text.out;

  ShellRun json = InSource("check --no-config --format json examples/");
  const nlohmann::json report = nlohmann::json::parse(json.out);
  EXPECT_EQ(report["summary"]["skipped"], 7) << json.out;
  EXPECT_EQ(report["summary"]["files"], report["files"].size());
  for (const auto& f : report["files"]) {
    const std::string path = f["path"];
    EXPECT_TRUE(path.rfind("examples/valid/", 0) == 0 || path.rfind("examples/invalid/", 0) == 0) << path;
  }
  // Nothing skipped, no count.
  EXPECT_FALSE(nlohmann::json::parse(InSource("check --no-config --format json examples/valid").out)["summary"].contains(
      "skipped"));

  // Named, a file that is not a request is checked as before.
  ShellRun named = InSource("check --no-config examples/config/extra-catalog.json");
  EXPECT_EQ(named.status, 1) << named.out;
  EXPECT_NE(named.out.find("[unknown-action]"), std::string::npos) << named.out;
  EXPECT_EQ(named.out.find("skipped"), std::string::npos) << named.out;
}

// A searched file that is broken JSON may be a request being written: it
// is reported, and so is one that names an action it cannot be.
TEST(DirectorySearch, BrokenFilesAreStillReported) {
  const std::string dir = ScratchPath("search-broken");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/specs");
  std::ofstream(dir + "/specs/broken.json") << R"({"Action": "CreateInstances",)";
  std::ofstream(dir + "/specs/package.json") << R"({"name": "x", "version": "1.0.0"})";
  ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() + "' check --no-config specs 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("specs/broken.json:1:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("package.json"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 file checked: 1 error, 0 warnings, 0 infos in "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("; 1 file that is not a request skipped\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tairlint::testing
