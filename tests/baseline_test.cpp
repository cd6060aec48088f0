// Adopting tairlint on a tree that has findings already: --write-baseline
// records them, --baseline hides them and lets the run pass, only new ones
// fail; the value hash they are known by (Finding::value_hash), never a
// secret's; and [[ignore]] entries said to be unused only for files the run
// saw (pre-commit passes only the files changed).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_util.h"

namespace tairlint::testing {
namespace {

ShellRun Sh(const std::string& dir, const std::string& args) {
  return RunShell("cd '" + dir + "' && NO_COLOR= '" + CliPath() + "' " + args + " 2>&1");
}

std::string Dir(const std::string& name) {
  std::string dir = ScratchPath("baseline-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/specs/sub");
  return dir;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Period 10 (an error) with a password kept in the file (a warning) and a
// malformed password (an error of a secret parameter).
std::string Spec(int period, const std::string& password = "short") {
  return R"({"Action": "CreateInstances", "Instances": [{"RegionId": "cn-hangzhou", "izNo": "cn-hangzhou-h",
  "instanceClass": "redis.master.small.default", "ChargeType": "PrePaid", "Password": ")" +
         password + R"(", "Period": )" + std::to_string(period) + "}]}";
}

const Finding* At(const Result& r, const std::string& pointer) {
  for (const Finding& f : r.findings) {
    if (f.pointer == pointer) return &f;
  }
  return nullptr;
}

TEST(ValueHash, KnowsAValueByItsWireTextAndNeverHashesASecret) {
  const Result json = Check(Spec(10, "Aa1!Aa1!"));
  const Result yaml = Check("Action: CreateInstances\nInstances:\n  - RegionId: cn-hangzhou\n"
                            "    izNo: cn-hangzhou-h\n    instanceClass: redis.master.small.default\n"
                            "    ChargeType: PrePaid\n    Password: Aa1!Aa1!\n    Period: \"10\"\n");
  const Result other = Check(Spec(11, "Aa1!Aa1!"));
  const Finding* period = At(json, "/Instances/0/Period");
  ASSERT_NE(period, nullptr) << Describe(json);
  ASSERT_NE(At(yaml, "/Instances/0/Period"), nullptr) << Describe(yaml);
  ASSERT_NE(At(other, "/Instances/0/Period"), nullptr) << Describe(other);
  EXPECT_NE(period->value_hash, 0u);
  EXPECT_EQ(period->value_hash, At(yaml, "/Instances/0/Period")->value_hash);  // 10 and "10" are one wire value
  EXPECT_NE(period->value_hash, At(other, "/Instances/0/Period")->value_hash);
  // The password's findings (plaintext-secret, and password-format for a
  // malformed one) carry no hash of it.
  const Result bad_password = Check(Spec(1, "short"));
  size_t password_findings = 0;
  for (const Result* r : {&json, &bad_password}) {
    for (const Finding& f : r->findings) {
      if (f.pointer != "/Instances/0/Password") continue;
      ++password_findings;
      EXPECT_EQ(f.value_hash, 0u) << f.rule;
    }
  }
  EXPECT_GE(password_findings, 3u) << Describe(bad_password);
  // Nor does a value that is the password's text through a YAML alias.
  const Result aliased = Check("Action: CreateInstances\nInstances:\n  - RegionId: cn-hangzhou\n"
                               "    izNo: cn-hangzhou-h\n    instanceClass: redis.master.small.default\n"
                               "    Password: &pw Aa1!Aa1!\nEngineVersion: *pw\n");
  const Finding* engine = At(aliased, "/EngineVersion");
  ASSERT_NE(engine, nullptr) << Describe(aliased);
  EXPECT_EQ(engine->value_hash, 0u) << Describe(aliased);
  // A finding about a missing parameter is about no value.
  const Result bare = Check(R"({"Action": "CreateInstances"})");
  const Finding* missing = FindingFor(bare, "required-parameter");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->value_hash, 0u);
}

TEST(Baseline, OnlyNewFindingsShowAndFail) {
  const std::string dir = Dir("adopt");
  Write(dir + "/specs/a.json", Spec(10));
  Write(dir + "/specs/sub/b.json", Spec(10));
  ShellRun before = Sh(dir, "check --no-config specs");
  EXPECT_EQ(before.status, 1) << before.out;

  ShellRun written = Sh(dir, "check --no-config --write-baseline .tairlint-baseline.json specs");
  EXPECT_EQ(written.status, 0) << written.out;  // the findings recorded are accepted
  const std::string file = Read(dir + "/.tairlint-baseline.json");
  const nlohmann::json baseline = nlohmann::json::parse(file);
  EXPECT_EQ(baseline["version"], 1);
  ASSERT_EQ(baseline["findings"].size(), 6u) << file;  // per file: Period, password-format, plaintext-secret
  EXPECT_EQ(baseline["findings"][0]["path"], "specs/a.json") << file;
  EXPECT_EQ(baseline["findings"][5]["path"], "specs/sub/b.json") << file;
  EXPECT_NE(file.find("\"pointer\":\"/Instances/0/Period\",\"value\":\""), std::string::npos) << file;
  for (const auto& e : baseline["findings"]) {
    EXPECT_EQ(e.contains("value"), e["pointer"] != "/Instances/0/Password") << e;
  }
  EXPECT_EQ(file.find("short"), std::string::npos);  // the password's text

  // Nothing new: a clean run, from the root or from below it.
  ShellRun same = Sh(dir, "check --no-config --baseline .tairlint-baseline.json specs");
  EXPECT_EQ(same.status, 0) << same.out;
  EXPECT_NE(same.out.find("; 6 findings in the baseline not shown\n"), std::string::npos) << same.out;
  EXPECT_EQ(same.out.find("period-value"), std::string::npos) << same.out;
  ShellRun below = Sh(dir + "/specs", "check --no-config --baseline ../.tairlint-baseline.json sub/b.json");
  EXPECT_EQ(below.status, 0) << below.out;

  // Another value at the same place, and a new file: new findings.
  Write(dir + "/specs/sub/b.json", Spec(11));
  Write(dir + "/specs/c.json", Spec(1, "Aa1!Aa1!Aa1!"));
  ShellRun changed = Sh(dir, "check --no-config --format json --baseline .tairlint-baseline.json specs");
  EXPECT_EQ(changed.status, 1) << changed.out;
  const nlohmann::json report = nlohmann::json::parse(changed.out);
  EXPECT_EQ(report["summary"]["baselined"], 5) << changed.out;
  std::vector<std::string> shown;
  for (const auto& f : report["files"]) {
    for (const auto& finding : f["findings"]) shown.push_back(f["path"].get<std::string>() + " " + finding["rule"].get<std::string>());
  }
  EXPECT_EQ(shown, (std::vector<std::string>{"specs/c.json plaintext-secret", "specs/sub/b.json period-value"}))
      << changed.out;
}

TEST(Baseline, SarifKeepsBaselinedResultsAsUnchanged) {
  const std::string dir = Dir("sarif");
  Write(dir + "/specs/a.json", Spec(10, "Aa1!Aa1!Aa1!"));
  ASSERT_EQ(Sh(dir, "check --no-config --write-baseline base.json specs").status, 0);
  Write(dir + "/specs/a.json", Spec(10, "Aa1!Aa1!Aa1!").replace(0, 1, "{\"AutoRenew\": \"maybe\", "));
  ShellRun r = Sh(dir, "check --no-config --format sarif --baseline base.json specs");
  EXPECT_EQ(r.status, 1) << r.out;
  const nlohmann::json sarif = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> state;  // rule -> baselineState
  for (const auto& result : sarif["runs"][0]["results"]) state[result["ruleId"]] = result.value("baselineState", "");
  EXPECT_EQ(state, (std::map<std::string, std::string>{
                       {"boolean-value", "new"}, {"period-value", "unchanged"}, {"plaintext-secret", "unchanged"}}))
      << r.out;
  // Without a baseline, no result has a state.
  EXPECT_EQ(Sh(dir, "check --no-config --format sarif specs").out.find("baselineState"), std::string::npos);
}

TEST(Baseline, ABrokenBaselineIsAUsageError) {
  const std::string dir = Dir("broken");
  Write(dir + "/specs/a.json", Spec(10));
  for (const std::string& text : {std::string("[]"), std::string("{\"version\": 1}"), std::string("{\"version\": 2, \"findings\": []}"),
                                  std::string("{\"version\": 1, \"findings\": [{\"path\": 1}]}"), std::string(5000, '[')}) {
    Write(dir + "/bad.json", text);
    ShellRun r = Sh(dir, "check --no-config --baseline bad.json specs");
    EXPECT_EQ(r.status, 2) << text.substr(0, 40) << "\n" << r.out;
    EXPECT_NE(r.out.find("bad.json"), std::string::npos) << r.out;
  }
  EXPECT_EQ(Sh(dir, "check --no-config --baseline missing.json specs").status, 2);
  // The baseline is never written over a request of the run.
  ShellRun over = Sh(dir, "check --no-config --write-baseline specs/a.json specs/a.json");
  EXPECT_EQ(over.status, 2) << over.out;
  EXPECT_EQ(Read(dir + "/specs/a.json"), Spec(10));
  EXPECT_EQ(Sh(dir, "check --no-config --write-baseline out.json -o out.json specs").status, 2);
}

// pre-commit passes only the files changed: an [[ignore]] entry for a file
// not among them is not "unused", and with fail-on = "warning" it must not
// block the commit. It still is when its file was checked and it matched nothing.
TEST(Suppressions, UnusedOnlyWhenTheirFilesWereChecked) {
  const std::string dir = Dir("unused");
  Write(dir + "/specs/a.json", Spec(10, "Aa1!Aa1!Aa1!"));
  Write(dir + "/specs/sub/ok.json", R"({"Action": "CreateTairKVCacheVNode", "RegionId": "cn-beijing",
    "ZoneId": "cn-beijing-f", "InstanceClass": "kvcache.cu.g4b.2", "ComputeUnitNum": 1, "VkName": "tk-1",
    "VSwitchId": "vsw-1"})");
  Write(dir + "/.tairlint.toml", "fail-on = \"warning\"\n[rules]\nplaintext-secret = \"off\"\n"
                                 "[[ignore]]\nfiles = \"specs/a.json\"\nrule = \"period-value\"\n");
  ShellRun other = Sh(dir, "check specs/sub/ok.json");
  EXPECT_EQ(other.status, 0) << other.out;
  EXPECT_EQ(other.out.find("unused-suppression"), std::string::npos) << other.out;
  ShellRun used = Sh(dir, "check specs/a.json");
  EXPECT_EQ(used.status, 0) << used.out;
  Write(dir + "/specs/a.json", Spec(12, "Aa1!Aa1!Aa1!"));  // fixed: the entry is stale now
  ShellRun stale = Sh(dir, "check specs");
  EXPECT_EQ(stale.status, 1) << stale.out;
  EXPECT_NE(stale.out.find(".tairlint.toml:4:1: warning"), std::string::npos) << stale.out;
  EXPECT_NE(stale.out.find("[unused-suppression]"), std::string::npos) << stale.out;
}

}  // namespace
}  // namespace tairlint::testing
