// The command line helps with its own typos ("did you mean", through
// tairlint::NearestName), and takes rules on the command line: --select,
// --ignore, --statistics, and `warn` for `warning`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace tairlint::testing {
namespace {

ShellRun Sh(const std::string& dir, const std::string& args) {
  return RunShell("cd '" + dir + "' && NO_COLOR= '" + CliPath() + "' " + args + " 2>&1");
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A zone of another region (zone-region, a warning), Period 10
// (period-value, an error) and an unknown key (unknown-parameter, a warning).
const char* kSpec = R"({"Action": "CreateInstances", "Regoin": "x", "Instances": [{"RegionId": "cn-hangzhou",
  "izNo": "cn-beijing-h", "instanceClass": "redis.master.small.default", "ChargeType": "PrePaid", "Period": 10}]})";

std::string Dir(const std::string& name) {
  std::string dir = ScratchPath("typos-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Write(dir + "/a.json", kSpec);
  return dir;
}

TEST(NearestName, SuggestsWithinASmallDistance) {
  const std::vector<std::string> names = {"check", "codes", "rules", "explain", "schema"};
  EXPECT_EQ(NearestName("chek", names), "check");
  EXPECT_EQ(NearestName("CHECK", names), "check");  // case ignored
  EXPECT_EQ(NearestName("explian", names), "explain");
  EXPECT_EQ(NearestName("lint", names), "");
  EXPECT_EQ(NearestName("c", names), "");
  EXPECT_EQ(NearestName("", names), "");
  EXPECT_EQ(NearestName("perod-value", {"period-value", "capacity-value"}), "period-value");
  EXPECT_EQ(NearestName("x", {}), "");
}

TEST(Typos, SubcommandsOptionsAndValues) {
  const std::string dir = Dir("cli");
  struct Case {
    std::string args, says;
  };
  for (const Case& c : std::vector<Case>{
           {"chek a.json", "unknown command \"chek\"; did you mean check?"},
           {"check --formt json a.json", "unknown option --formt of `tairlint check`; did you mean --format?"},
           {"check --format=jsno a.json", "\"jsno\" is not one of text, json, sarif, github; did you mean json?"},
           {"check --fail-on warnig a.json", "did you mean warning?"},
           {"check --action CreateInstance a.json", "did you mean CreateInstances?"},
           {"check --select perod-value a.json", "no rule \"perod-value\" (see `tairlint rules`); did you mean period-value?"},
           {"check --ignore zone-regoin a.json", "did you mean zone-region?"},
           {"explain perod-value", "no rule or code named 'perod-value' (see `tairlint codes` and `tairlint rules`); "
                                   "did you mean period-value?"},
           {"explain InvalidPasword.Malformed", "did you mean InvalidPassword.Malformed?"},
           {"--verison", "unknown option --verison; did you mean --version?"},
           {"rules --format markdwn", "did you mean markdown?"},
           {"check --jobs 2 --quiet --nope a.json", "unknown option --nope of `tairlint check`"},
       }) {
    ShellRun r = Sh(dir, c.args);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find("tairlint: "), std::string::npos) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << "\n" << r.out;
  }
  // Nothing near: no guess.
  ShellRun far = Sh(dir, "lint a.json");
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.out.find("did you mean"), std::string::npos) << far.out;
}

TEST(Typos, ConfigurationKeysRulesAndSeverities) {
  const std::string dir = Dir("config");
  struct Case {
    std::string toml, says;
  };
  for (const Case& c : std::vector<Case>{
           {"[rules]\nperod-value = \"off\"\n", ".tairlint.toml:2:1: unknown rule \"perod-value\" (see `tairlint rules`); "
                                                "did you mean period-value?"},
           {"[rules]\nzone-region = \"warnig\"\n", "did you mean warning?"},
           {"fail_on = \"error\"\n", "did you mean fail-on?"},
           {"fail-on = \"eror\"\n", "did you mean error?"},
           {"[[ignore]]\nrule = \"zone-regin\"\n", "did you mean zone-region?"},
           {"[[ignore]]\ncode = \"MissingParameters\"\n", "did you mean MissingParameter?"},
           {"[[ignore]]\nfile = \"a.json\"\n", "did you mean files?"},
       }) {
    Write(dir + "/.tairlint.toml", c.toml);
    ShellRun r = Sh(dir, "check a.json");
    EXPECT_EQ(r.status, 2) << c.toml << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.toml << r.out;
  }
}

TEST(Severities, WarnIsWarning) {
  const std::string dir = Dir("warn");
  Write(dir + "/.tairlint.toml", "fail-on = \"warn\"\n[rules]\nperiod-value = \"warn\"\n");
  ShellRun r = Sh(dir, "check --format json a.json");
  EXPECT_EQ(r.status, 1) << r.out;  // warnings fail the run
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["errors"], 0) << r.out;  // the only error became a warning
  EXPECT_EQ(Sh(dir, "check --no-config --fail-on warn --ignore period-value a.json").status, 1);
  EXPECT_EQ(Sh(dir, "check --no-config --fail-on error --ignore period-value a.json").status, 0);
}

std::vector<std::string> RulesFound(const ShellRun& r) {
  std::vector<std::string> rules;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  for (const auto& f : report["files"]) {
    for (const auto& finding : f["findings"]) rules.push_back(finding["rule"]);
  }
  std::sort(rules.begin(), rules.end());
  return rules;
}

TEST(SelectAndIgnore, TheCommandLineWinsOverTheConfiguration) {
  const std::string dir = Dir("select");
  using V = std::vector<std::string>;
  EXPECT_EQ(RulesFound(Sh(dir, "check --no-config --format json a.json")),
            (V{"period-value", "unknown-parameter", "zone-region"}));
  EXPECT_EQ(RulesFound(Sh(dir, "check --no-config --format json --select period-value,zone-region a.json")),
            (V{"period-value", "zone-region"}));
  EXPECT_EQ(RulesFound(Sh(dir, "check --no-config --format json --select zone-region --select unknown-parameter a.json")),
            (V{"unknown-parameter", "zone-region"}));
  EXPECT_EQ(RulesFound(Sh(dir, "check --no-config --format json --ignore zone-region,unknown-parameter a.json")),
            (V{"period-value"}));
  // One value an option: the paths after it stay paths.
  Write(dir + "/b.json", kSpec);
  EXPECT_EQ(RulesFound(Sh(dir, "check --no-config --format json --select zone-region a.json b.json")),
            (V{"zone-region", "zone-region"}));
  // --ignore wins over --select.
  EXPECT_EQ(RulesFound(Sh(dir, "check --no-config --format json --select period-value,zone-region --ignore zone-region a.json")),
            (V{"period-value"}));
  // The configuration's severities stay for the rules selected; a rule it
  // turned off and the command line selects runs at its own severity.
  Write(dir + "/.tairlint.toml", "[rules]\nzone-region = \"off\"\nperiod-value = \"info\"\n");
  ShellRun configured = Sh(dir, "check --format json --select period-value,zone-region a.json");
  EXPECT_EQ(configured.status, 0) << configured.out;
  EXPECT_EQ(RulesFound(configured), (V{"period-value", "zone-region"}));
  EXPECT_EQ(nlohmann::json::parse(configured.out)["summary"]["infos"], 1) << configured.out;
  // A file that cannot be parsed is reported whatever is selected.
  Write(dir + "/broken.json", "{");
  EXPECT_EQ(RulesFound(Sh(dir, "check --no-config --format json --select zone-region broken.json")), (V{"parse-error"}));
}

// A list option takes one value each time: the paths after it are paths.
TEST(Options, AListOptionTakesOneValue) {
  const std::string dir = Dir("lists");
  Write(dir + "/b.json", kSpec);
  Write(dir + "/extra.json", R"({"capacities": [3]})");
  for (const char* option : {"--exclude 'x*'", "--include '*.json'", "--catalog extra.json", "--select period-value",
                             "--ignore zone-region"}) {
    ShellRun r = Sh(dir, std::string("check --no-config --format json ") + option + " a.json b.json");
    EXPECT_EQ(r.status, 1) << option << "\n" << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["files"], 2) << option << "\n" << r.out;
  }
}

TEST(Statistics, CountsFindingsByRuleAndCode) {
  const std::string dir = Dir("stats");
  Write(dir + "/b.json", kSpec);
  ShellRun r = Sh(dir, "check --no-config --statistics a.json b.json");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(r.out.find("a.json:"), std::string::npos) << r.out;  // no finding listed
  EXPECT_NE(r.out.find("     2  period-value       InvalidInstances.Malformed\n"
                       "     2  unknown-parameter\n"
                       "     2  zone-region\n"
                       "2 files checked: 2 errors, 4 warnings, 0 infos in "),
            std::string::npos)
      << r.out;
  ShellRun json = Sh(dir, "check --no-config --statistics --format json a.json");
  EXPECT_EQ(json.status, 2) << json.out;
  EXPECT_NE(json.out.find("--statistics"), std::string::npos) << json.out;
}

}  // namespace
}  // namespace tairlint::testing
