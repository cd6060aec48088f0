// .tairlint.toml and the options that shape a run: severities, suppression,
// actions by glob, catalogs, failing severity, quiet, file selection.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_util.h"
#include "../tool/config.h"

namespace tairlint::testing {
namespace {

ShellRun Sh(const std::string& dir, const std::string& args) {
  return RunShell("cd '" + dir + "' && NO_COLOR= '" + CliPath() + "' " + args + " 2>&1");
}

std::string Dir(const std::string& name) {
  std::string dir = ScratchPath("config-" + name);
  EXPECT_EQ(system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "/specs/legacy' '" + dir + "/specs/vnode'").c_str()), 0);
  return dir;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// a CreateInstances spec with a zone of another region (a warning) and Period 10 (an error)
const char* kSpec = R"({"Action": "CreateInstances", "Instances": [{"RegionId": "cn-hangzhou", "izNo": "cn-beijing-h",
  "instanceClass": "redis.master.small.default", "ChargeType": "PrePaid", "Period": 10}]})";

TEST(Glob, Matching) {
  using cli::GlobMatch;
  EXPECT_TRUE(GlobMatch("*.json", "a.json"));
  EXPECT_TRUE(GlobMatch("*.json", "specs/deep/a.json"));  // no slash: the file name anywhere
  EXPECT_FALSE(GlobMatch("*.json", "a.yaml"));
  EXPECT_TRUE(GlobMatch("specs/*.json", "specs/a.json"));
  EXPECT_FALSE(GlobMatch("specs/*.json", "specs/x/a.json"));
  EXPECT_TRUE(GlobMatch("specs/**", "specs/x/y/a.json"));
  EXPECT_TRUE(GlobMatch("specs/**/a.json", "specs/a.json"));
  EXPECT_TRUE(GlobMatch("specs/**/a.json", "specs/x/y/a.json"));
  EXPECT_TRUE(GlobMatch("a?.json", "ab.json"));
  EXPECT_FALSE(GlobMatch("specs?a.json", "specs/a.json"));
}

// The globs of issue 18: each `*` or `?` made the old backtracking matcher
// try every split again, so 26 bytes of glob against a long name took
// longer than anyone waits (no answer in 60 s). They answer at once now,
// in config files and options alike (a hang here hits ctest's timeout).
TEST(Glob, HostilePatternsAnswerAtOnce) {
  const std::string name(200, 'a');
  const std::string deep = [] {
    std::string d;
    for (int i = 0; i < 60; ++i) d += "aaaa/";
    return d + "aaaa";
  }();
  for (const std::string& g : {std::string("*?*?*?*?*?*?*?*?*?*?*?*?*Z"), std::string("**?**?**?**?**?**?**?**?**?**?**?**?Z"),
                               std::string("**/**/**/**/**/**/**/**/**/**/**/**/Z"), std::string("*a*a*a*a*a*a*a*a*a*a*a*a*Z")}) {
    EXPECT_FALSE(cli::GlobMatch(g, name)) << g;
    EXPECT_FALSE(cli::GlobMatch(g, deep)) << g;
    EXPECT_FALSE(cli::Glob(g).Matches(deep)) << g;
    EXPECT_TRUE(cli::GlobMatch(g, name + "Z") || g.find('/') != std::string::npos) << g;
  }
  EXPECT_TRUE(cli::GlobMatch("**?**?**?**?**?**?**?**?**?**?**?**?Z", deep + "Z"));
  EXPECT_TRUE(cli::GlobMatch("**/**/**/**/**/**/**/**/**/**/**/**/Z", deep + "/Z"));
  EXPECT_FALSE(cli::GlobMatch("*?*?*?*?*?*?*?*?*?*?*?*?*Z", deep + "Z"));  // too few bytes in the last segment
  EXPECT_TRUE(cli::GlobMatch("*?*?*?*?*?*?*?*?*?*?*?*?*Z", name + "Z"));
}

// The old matcher, by recursion, as the reference of the semantics: the
// new one must agree with it on every small glob and path.
bool ReferenceMatch(const char* g, const char* ge, const char* p, const char* pe) {
  while (g != ge) {
    if (g[0] == '*' && g + 1 != ge && g[1] == '*') {
      g += 2;
      if (g != ge && *g == '/') ++g;
      for (const char* q = p;; ++q) {
        if (ReferenceMatch(g, ge, q, pe)) return true;
        if (q == pe) return false;
      }
    }
    if (*g == '*') {
      ++g;
      for (const char* q = p;; ++q) {
        if (ReferenceMatch(g, ge, q, pe)) return true;
        if (q == pe || *q == '/') return false;
      }
    }
    if (p == pe) return false;
    if (*g == '?' ? *p == '/' : *g != *p) return false;
    ++g;
    ++p;
  }
  return p == pe;
}

bool ReferenceGlobMatch(const std::string& g, const std::string& p) {
  const size_t slash = p.rfind('/');
  if (g.find('/') == std::string::npos && slash != std::string::npos &&
      ReferenceMatch(g.data(), g.data() + g.size(), p.data() + slash + 1, p.data() + p.size())) {
    return true;
  }
  return ReferenceMatch(g.data(), g.data() + g.size(), p.data(), p.data() + p.size());
}

TEST(Glob, AgreesWithTheBacktrackingMatcherOnSmallCases) {
  // every glob of up to 5 elements over {a, /, *, ?} and every path of up
  // to 5 bytes over {a, b, /}
  const std::vector<std::string> atoms = {"a", "/", "*", "?"};
  std::vector<std::string> globs = {""}, paths = {""};
  for (size_t len = 0, from = 0; len < 5; ++len) {
    const size_t to = globs.size();
    for (size_t i = from; i < to; ++i) {
      for (const std::string& a : atoms) globs.push_back(globs[i] + a);
    }
    from = to;
  }
  for (size_t len = 0, from = 0; len < 5; ++len) {
    const size_t to = paths.size();
    for (size_t i = from; i < to; ++i) {
      for (const char* c : {"a", "b", "/"}) paths.push_back(paths[i] + c);
    }
    from = to;
  }
  size_t matched = 0;
  for (const std::string& g : globs) {
    const cli::Glob glob(g);
    for (const std::string& p : paths) {
      const bool want = ReferenceGlobMatch(g, p);
      ASSERT_EQ(cli::GlobMatch(g, p), want) << "'" << g << "' on '" << p << "'";
      ASSERT_EQ(glob.Matches(p), want) << "'" << g << "' on '" << p << "'";
      matched += want;
    }
  }
  EXPECT_GT(matched, 10000u);
}

// The same globs from a configuration file and from --exclude: the run ends.
TEST(Glob, HostilePatternsInAConfigAndOptionsEndTheRun) {
  std::string dir = ScratchPath("config-hostile-glob");
  ASSERT_EQ(system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "/specs'").c_str()), 0);
  const std::string name(120, 'a');
  std::ofstream(dir + "/specs/" + name + ".json") << "{\"VkName\": \"tk-1\"}";
  std::ofstream(dir + "/.tairlint.toml")
      << "[files]\nexclude = [\"*?*?*?*?*?*?*?*?*?*?*?*?*Z\"]\n[[ignore]]\nfiles = \"**?**?**?**?**?**?**?**?**?**?**?**?Z\"\n";
  ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() +
                        "' check --format json --exclude '*?*?*?*?*?*?*?*?*?*?*?*?*Y' specs 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  // the file, checked; the [[ignore]] matched no file of the run, so it is not said to be unused
  EXPECT_EQ(nlohmann::json::parse(r.out)["files"].size(), 1u) << r.out;
}

// A Glob read once answers as GlobMatch does, whatever its shape (a name,
// `*.suffix`, `prefix-*`, or anything else).
TEST(Glob, ReadOnceAgreesWithGlobMatch) {
  const std::vector<std::string> globs = {"*.json", "build-*", ".git", "a?.json", "*", "**", "**.json", "*.*",
                                          "*a*", "specs/*.json", "specs/**", "", "build", "b*d", "*-*"};
  const std::vector<std::string> paths = {"a.json", "specs/deep/a.json", "a.yaml", "build-1", "x/build-1",
                                          "build-1/a.json", ".git", "x/.git", "ab.json", "specs/a.json", "json",
                                          "", "x/", "build", "builder", "x/y.json.bak", "b-d/x", ".json"};
  for (const std::string& g : globs) {
    const cli::Glob glob(g);
    for (const std::string& p : paths) EXPECT_EQ(glob.Matches(p), cli::GlobMatch(g, p)) << g << " on " << p;
  }
  EXPECT_TRUE(cli::Glob("build-*").Matches("x/build-1"));
  EXPECT_FALSE(cli::Glob("build-*").Matches("build-1/a.json"));
  EXPECT_TRUE(cli::Glob("*.json").Matches("specs/deep/a.json"));
  EXPECT_FALSE(cli::Glob("*.json").Matches("a.json/b.yaml"));
  EXPECT_TRUE(cli::Glob(".git").Matches("x/.git"));
  EXPECT_FALSE(cli::Glob(".git").Matches("x/.gitignore"));
}

TEST(Config, SeverityOverridesAndRulesTurnedOff) {
  std::string dir = Dir("severity");
  Write(dir + "/specs/a.json", kSpec);
  Write(dir + "/.tairlint.toml", "[rules]\nzone-region = \"off\"\nperiod-value = \"warning\"\n");
  ShellRun r = Sh(dir, "check --format json specs");
  EXPECT_EQ(r.status, 0) << r.out;  // the only error became a warning
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["files"][0]["findings"].size(), 1u) << r.out;
  EXPECT_EQ(j["files"][0]["findings"][0]["rule"], "period-value");
  EXPECT_EQ(j["files"][0]["findings"][0]["severity"], "warning");
}

TEST(Config, FoundInAParentDirectory) {
  std::string dir = Dir("parent");
  Write(dir + "/specs/a.json", kSpec);
  Write(dir + "/.tairlint.toml", "fail-on = \"never\"\n");
  EXPECT_EQ(Sh(dir + "/specs", "check a.json").status, 0);
  EXPECT_EQ(Sh(dir + "/specs", "check --no-config a.json").status, 1);
  EXPECT_EQ(Sh(dir + "/specs", "check --fail-on error a.json").status, 1);  // the option wins
}

TEST(Config, IgnoreByFilePointerRuleAndCode) {
  std::string dir = Dir("ignore");
  Write(dir + "/specs/legacy/a.json", kSpec);
  Write(dir + "/specs/b.json", kSpec);
  Write(dir + "/.tairlint.toml", R"([[ignore]]
files = "specs/legacy/*.json"
pointer = "/Instances/0"
code = "InvalidInstances.Malformed"
reason = "legacy specs are migrated next quarter"

[[ignore]]
files = "**"
rule = "zone-region"

[[ignore]]
files = "specs/b.json"
rule = "password-format"

[[ignore]]
files = "specs/nothing/**"
rule = "password-format"
)");
  ShellRun r = Sh(dir, "check --format json specs");
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["files"].size(), 3u) << r.out;  // b.json, legacy/a.json, and the configuration
  EXPECT_EQ(j["files"][0]["path"], "specs/b.json");
  EXPECT_EQ(j["files"][0]["findings"].size(), 1u);  // Period stays; the zone warning is ignored everywhere
  EXPECT_EQ(j["files"][1]["path"], "specs/legacy/a.json");
  EXPECT_TRUE(j["files"][1]["findings"].empty());
  // the suppression that matched nothing in the file it names is a warning
  // at its line; the one for files this run did not check is not
  EXPECT_EQ(j["files"][2]["path"], ".tairlint.toml");
  ASSERT_EQ(j["files"][2]["findings"].size(), 1u) << r.out;
  EXPECT_EQ(j["files"][2]["findings"][0]["rule"], "unused-suppression");
  EXPECT_EQ(j["files"][2]["findings"][0]["line"], 11);
  EXPECT_EQ(r.status, 1);
}

TEST(Config, ActionsByGlobAndCatalogs) {
  std::string dir = Dir("actions");
  Write(dir + "/specs/vnode/n.yaml", "RegionId: cn-beijing\nZoneId: cn-beijing-f\nInstanceClass: kvcache.cu.g4b.2\n"
                                     "ComputeUnitNum: 1\nVkName: tk-1\nVSwitchId: vsw-1\n");
  Write(dir + "/specs/c.json", R"({"Instances": [{"RegionId": "cn-hangzhou", "izNo": "cn-hangzhou-h", "Capacity": 3}]})");
  Write(dir + "/extra.json", R"({"capacities": [3]})");
  Write(dir + "/.tairlint.toml", "catalogs = [\"extra.json\"]\n[[actions]]\nfiles = \"specs/vnode/**\"\n"
                                 "action = \"CreateTairKVCacheVNode\"\n");
  ShellRun r = Sh(dir + "/specs", "check --format json .");
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(j["files"][1]["action"], "CreateTairKVCacheVNode");
  EXPECT_TRUE(j["files"][0]["findings"].empty()) << r.out;
}

TEST(Config, BrokenConfigurationIsAnErrorWithItsPosition) {
  std::string dir = Dir("broken");
  Write(dir + "/a.json", kSpec);
  struct Bad {
    std::string toml, where, what;
  };
  for (const Bad& b : std::vector<Bad>{
           {"fail-on = \"sometimes\"\n", ".tairlint.toml:1:", "fail-on must be"},
           {"\n[rules]\nno-such-rule = \"off\"\n", ".tairlint.toml:3:1", "unknown rule \"no-such-rule\""},
           {"[rules]\nzone-region = \"loud\"\n", ".tairlint.toml:2:", "must be error, warning, info or off"},
           {"fail_on = \"error\"\n", ".tairlint.toml:1:1", "unknown key \"fail_on\""},
           {"[[ignore]]\npointer = \"Instances/0\"\n", ".tairlint.toml:2:", "JSON Pointer"},
           {"[[ignore]]\ncode = \"NoSuchCode\"\n", ".tairlint.toml:2:", "unknown code"},
           {"[rules\n", ".tairlint.toml:1:", ""},
       }) {
    Write(dir + "/.tairlint.toml", b.toml);
    ShellRun r = Sh(dir, "check a.json");
    EXPECT_EQ(r.status, 2) << b.toml << r.out;
    EXPECT_NE(r.out.find(b.where), std::string::npos) << b.toml << r.out;
    EXPECT_NE(r.out.find(b.what), std::string::npos) << b.toml << r.out;
  }
}

// A configuration found by climbing out of the repository (or where there
// is none) is obeyed only when its owner is the user or root and no one
// else may write it: anyone may leave a `.tairlint.toml` in /tmp.
TEST(Config, ASearchSkipsAConfigurationOthersCouldHaveWritten) {
  std::string dir = Dir("trust");
  Write(dir + "/specs/a.json", kSpec);  // one error
  const std::string config = std::filesystem::path(dir + "/.tairlint.toml").lexically_normal().string();
  Write(config, "fail-on = \"never\"\n");
  ASSERT_EQ(chmod(config.c_str(), 0644), 0);
  EXPECT_EQ(Sh(dir + "/specs", "check a.json").status, 0);  // the user's own: used
  struct Case {
    uid_t uid;
    mode_t mode;
    std::string why;
  };
  for (const Case& c : {Case{65534, 0644, "owned by uid 65534, not by you or root"},
                        Case{0, 0664, "writable by group or others"}, Case{0, 0646, "writable by group or others"}}) {
    ASSERT_EQ(chown(config.c_str(), c.uid, 0), 0);
    ASSERT_EQ(chmod(config.c_str(), c.mode), 0);
    ShellRun r = Sh(dir + "/specs", "check a.json");
    EXPECT_EQ(r.status, 1) << r.out;  // not obeyed
    EXPECT_EQ(r.out.rfind("tairlint: skipped " + config + ": it is outside this repository and " + c.why +
                              " (name it with --config to use it)\n",
                          0),
              0u)
        << r.out;
    // named, it is the user's choice
    EXPECT_EQ(Sh(dir + "/specs", "check --config ../.tairlint.toml a.json").status, 0);
  }
  // inside the repository's own tree it is used whoever owns it
  ASSERT_EQ(mkdir((dir + "/.git").c_str(), 0755), 0);
  ShellRun r = Sh(dir + "/specs", "check a.json");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.find("skipped"), std::string::npos) << r.out;
  // ... but not above it: the repository is specs/ now
  ASSERT_EQ(rmdir((dir + "/.git").c_str()), 0);
  ASSERT_EQ(mkdir((dir + "/specs/.git").c_str(), 0755), 0);
  EXPECT_EQ(Sh(dir + "/specs", "check a.json").status, 1);
}

TEST(BoundedToml, CountsWhatTomlParsesNotWhatStringsAndCommentsHold) {
  std::string error;
  const std::string many_dots = std::string(200, '.');
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const std::string floats = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += " 1.5,";
    return s;
  }();
  for (const std::string& ok : {
           "a = \"" + many_dots + deep + "\"\n",
           "a = '" + many_dots + deep + "'\n",
           "a = \"\"\"\n" + many_dots + "\n" + deep + "\n\"\"\"\n",
           "a = '''" + many_dots + deep + "''''\n",
           "a = \"\\\"" + many_dots + "\" # " + many_dots + deep + "\n",
           "x = [\"a.json\", \"b.json\", \"c.json\", \"d.json\", \"e.json\"," + floats + "]\n",
       }) {
    EXPECT_TRUE(cli::BoundedToml(ok, &error)) << ok << "\n" << error;
  }
  std::string key = "a";
  for (int i = 1; i < cli::kMaxConfigKeyParts; ++i) key += ".a";
  EXPECT_TRUE(cli::BoundedToml(key + " = 1\n[" + key + "]\nx = {" + key + " = 1}\n", &error)) << error;
  EXPECT_FALSE(cli::BoundedToml(key + ".a = 1\n", &error));
  EXPECT_EQ(error, "1:128: a key of more than 64 dotted parts");
  EXPECT_FALSE(cli::BoundedToml("\n\n[\"\xc3\xa9\"." + key + "]\n", &error));
  EXPECT_EQ(error, "3:131: a key of more than 64 dotted parts");
  const std::string nest(cli::kMaxConfigNesting, '[');
  EXPECT_TRUE(cli::BoundedToml("a = " + nest + std::string(cli::kMaxConfigNesting, ']') + "\n", &error)) << error;
  EXPECT_FALSE(cli::BoundedToml("a = " + nest + "{}" + "\n", &error));
  EXPECT_EQ(error, "1:37: arrays and inline tables nested more than 32 deep");
  // a string that ends the line, or a multi-line one ending in extra
  // quotes, does not hide what follows
  EXPECT_FALSE(cli::BoundedToml("a = \"x\n" + key + ".a = 1\n", &error));
  EXPECT_FALSE(cli::BoundedToml("x = {k = \"\"\"a\"\"\"\", " + key + ".a = 1}\n", &error));
}

// Non-ASCII text is TOML only in strings and comments; elsewhere toml++
// 3.3 reached __builtin_unreachable() on it (found by fuzz_config: a bare
// key holding U+035E), so it is refused before toml++ sees it.
TEST(BoundedToml, NonAsciiTextOnlyInStringsAndComments) {
  std::string error;
  EXPECT_FALSE(cli::BoundedToml("a.a.a\xcd\x9e.a = 1\n", &error));
  EXPECT_EQ(error, "1:6: a non-ASCII character outside a quoted string or a comment");
  EXPECT_FALSE(cli::BoundedToml("x = \xc2\xa0 1\n", &error));
  EXPECT_EQ(error, "1:5: a non-ASCII character outside a quoted string or a comment");
  for (const std::string& ok : {std::string("reason = \"caf\xc3\xa9 \xd0\xb6 \xcd\x9e\"\n"),
                                std::string("\"\xd0\xb6\" = 1 # \xce\xa9\n"),
                                std::string("a = '''\xcd\x9e\n\xc2\xa0'''\n")}) {
    EXPECT_TRUE(cli::BoundedToml(ok, &error)) << error;
    cli::Config config;
    cli::LoadConfigText(ok, "x.toml", &config, &error);  // no undefined behaviour (UBSan builds)
  }
  cli::Config config;
  EXPECT_FALSE(cli::LoadConfigText("a\xcd\x9e = 1\n", "x.toml", &config, &error));
  EXPECT_EQ(error, "x.toml:1:2: a non-ASCII character outside a quoted string or a comment");
  // toml++ reads a bare value through quotes and brackets glued to it, and
  // asks whether the character after a backslash in a multi-line string
  // (and the first after a line-ending one) is whitespace: none of those
  // places opens a string for the bound either (the first two from
  // fuzz_config)
  for (const std::string& bad : {std::string("a = 2\"\0aaaaaq!aaa\xef\xbb\xbe" "a.\nz", 24),
                                 std::string("a = 2\"\"t?-\0u?1?*?aa\0a=-recode[[[[['''\xcd\x9e" "n = \"cafio[.\n", 52),
                                 std::string("a = 1\"\xcd\x9e\"\n"), std::string("a = \"\"\"x\\\xcd\x9e\"\"\"\n"),
                                 std::string("a = \"\"\"x\\  \n\n  \xcd\x9e\"\"\"\n"),
                                 // spaces after the backslash, then no line break (fuzz_config in CI)
                                 std::string("a = \"\"\"x\\ \xce\xa9*\"\"\"\n")}) {
    EXPECT_FALSE(cli::LoadConfigText(bad, "x.toml", &config, &error)) << bad;
    EXPECT_NE(error.find("a non-ASCII character outside a quoted string or a comment"), std::string::npos) << error;
  }
  EXPECT_TRUE(cli::BoundedToml("a = \"\"\"x\\  \n\n  y\xcd\x9e\"\"\"\nb = [\"\xcd\x9e\", {c = '\xcd\x9e'}]\n", &error))
      << error;
}

// The example configuration, the largest a test holds, loads as before.
TEST(BoundedToml, TheExampleConfigurationLoads) {
  cli::Config config;
  std::string error;
  EXPECT_TRUE(cli::LoadConfig(std::string(TAIRLINT_SOURCE_DIR) + "/examples/config/tairlint.toml", &config, &error))
      << error;
}

TEST(Options, FailOnAndQuiet) {
  std::string dir = Dir("failon");
  Write(dir + "/w.json", R"({"Action": "CreateInstances", "Instances": [{"RegionId": "cn-hangzhou",
    "izNo": "cn-beijing-h", "instanceClass": "redis.master.small.default"}]})");
  Write(dir + "/e.json", kSpec);
  EXPECT_EQ(Sh(dir, "check --no-config w.json").status, 0);
  EXPECT_EQ(Sh(dir, "check --no-config --fail-on warning w.json").status, 1);
  EXPECT_EQ(Sh(dir, "check --no-config --fail-on never e.json").status, 0);
  ShellRun quiet = Sh(dir, "check --no-config --quiet w.json e.json");
  EXPECT_EQ(quiet.status, 1);
  EXPECT_EQ(quiet.out.find("warning"), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("e.json:2:"), std::string::npos) << quiet.out;
  EXPECT_EQ(quiet.out.find("checked"), std::string::npos) << quiet.out;  // no summary
}

TEST(Options, StdinFilenameNamesTheInputForReportsAndGlobs) {
  std::string dir = Dir("stdinname");
  Write(dir + "/spec.json", kSpec);
  Write(dir + "/.tairlint.toml", "[[ignore]]\nfiles = \"specs/legacy/*\"\nrule = \"zone-region\"\n");
  ShellRun r = Sh(dir, "check --format json --stdin-filename specs/legacy/x.json - < spec.json");
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["files"][0]["path"], "specs/legacy/x.json");
  EXPECT_EQ(j["files"][0]["findings"].size(), 1u) << r.out;  // the zone warning is ignored by its glob
}

TEST(Options, IncludeExcludeAndStableOrderAcrossJobs) {
  std::string dir = Dir("order");
  for (int i = 0; i < 40; ++i) {
    Write(dir + "/specs/f" + std::to_string(100 + i) + ".json", i % 3 == 0 ? kSpec : "{\"VkName\": \"tk-1\"}");
  }
  Write(dir + "/specs/skip.req", kSpec);
  ShellRun one = Sh(dir, "check --no-config --format json --jobs 1 specs");
  ShellRun many = Sh(dir, "check --no-config --format json --jobs 4 specs");
  EXPECT_EQ(one.out, many.out);
  EXPECT_EQ(nlohmann::json::parse(one.out)["files"].size(), 40u);
  ShellRun inc = Sh(dir, "check --no-config --format json --include '*.req' specs");
  EXPECT_EQ(nlohmann::json::parse(inc.out)["files"].size(), 1u);
  ShellRun exc = Sh(dir, "check --no-config --format json --exclude 'f1[0-9]*' --exclude 'f11*' specs");
  EXPECT_EQ(nlohmann::json::parse(exc.out)["files"].size(), 30u) << exc.out;
}

// Files found in a directory are reported in the byte order of their paths
// below it, with either jobs setting: names that share a long prefix, names
// that end where others go on, names that tie for many bytes, a subfolder
// beside names that differ from it by one byte, upper case and UTF-8.
TEST(Options, FilesBelowADirectoryAreReportedInByteOrder) {
  const std::vector<std::vector<std::string>> sets = {
      {"req-00010.json", "req-00002.json", "req-0000.json", "req-00002x.json", "req-000010000000002.json",
       "req-000010000000001.json", "req-0000\xc3\xa9.json", "req-00001.json", "req-0000~.json"},
      {"sub/a.json", "sub.json", "sub-a.json", "sub/b/c.json", "REQ.json", "z.json", "\xc3\xa9t\xc3\xa9.json",
       "a.json", "ab.json", "a.json.json", "abcdefgh1.json", "abcdefgh0.json", "abcdefgh.json"}};
  for (size_t set = 0; set < sets.size(); ++set) {
    std::string dir = Dir("byteorder" + std::to_string(set));
    std::vector<std::string> expected;
    for (const std::string& name : sets[set]) {
      const size_t slash = name.rfind('/');
      if (slash != std::string::npos) ASSERT_EQ(system(("mkdir -p '" + dir + "/specs/" + name.substr(0, slash) + "'").c_str()), 0);
      Write(dir + "/specs/" + name, kSpec);
      expected.push_back("specs/" + name);
    }
    std::sort(expected.begin(), expected.end());  // std::string compares bytes as unsigned char
    for (const char* jobs : {"1", "2"}) {
      ShellRun r = Sh(dir, std::string("check --no-config --format json --jobs ") + jobs + " specs");
      const nlohmann::json report = nlohmann::json::parse(r.out);
      std::vector<std::string> paths;
      for (const auto& f : report["files"]) paths.push_back(f["path"]);
      EXPECT_EQ(paths, expected) << "jobs " << jobs << "\n" << r.out;
    }
  }
}

// More files than the workers' window (2,048 with two jobs): the report is
// the same with one job and with two, order and findings alike. Every 13th
// file reuses the Token of the file before it for another request, a finding
// that depends on the order the files are reported in.
TEST(Options, ManyFilesGiveTheSameReportWithOneJobOrTwo) {
  std::string dir = Dir("many");
  for (int i = 0; i < 2600; ++i) {
    const int token = i % 13 == 0 && i > 0 ? i - 1 : i;
    Write(dir + "/specs/r" + std::to_string(100000 + i) + ".json",
          std::string(R"({"Action": "CreateInstances", "Token": "order-)") + std::to_string(token) +
              R"(", "Instances": [{"RegionId": "cn-hangzhou", "izNo": "cn-hangzhou-h", "InstanceName": "n)" +
              std::to_string(i) + R"(", "instanceClass": "redis.master.small.default", "Period": )" +
              std::to_string(i % 7 == 0 ? 10 : 1) + "}]}");
  }
  ShellRun one = Sh(dir, "check --no-config --format json --jobs 1 specs");
  ShellRun two = Sh(dir, "check --no-config --format json --jobs 2 specs");
  EXPECT_EQ(one.status, 1);
  EXPECT_EQ(one.out, two.out);
  const nlohmann::json report = nlohmann::json::parse(one.out);
  ASSERT_EQ(report["files"].size(), 2600u);
  int reused = 0;
  for (const auto& f : report["files"]) {
    for (const auto& finding : f["findings"]) reused += finding["rule"] == "idempotent-token";
  }
  EXPECT_EQ(reused, 2600 / 13 - 1);  // files 13, 26, ... 2587
}

// With two jobs or more the workers start after the listing, or during it
// once 256 files are found (tool/worker_pool.h, tool/inputs.h: kManyFiles): with fewer
// files than workers, one file in the folder, none, standard input beside a
// folder, 303 files, or a report written to a file by the workers, the
// report is the one of a single job.
TEST(Options, WorkersStartedDuringTheListingGiveTheReportOfOneJob) {
  std::string dir = Dir("crew");
  for (const char* sub : {"three", "one", "none", "many"}) std::filesystem::create_directories(dir + "/" + sub);
  Write(dir + "/three/a.json", kSpec);
  Write(dir + "/three/b.json", kSpec);
  Write(dir + "/three/c.yaml", "Action: CreateTairKVCacheVNode\n");
  Write(dir + "/one/only.json", kSpec);
  for (int i = 0; i < 300; ++i) Write(dir + "/many/r" + std::to_string(1000 + i) + ".json", kSpec);
  const std::vector<std::pair<std::string, size_t>> runs = {
      {"three", 3}, {"one", 1}, {"none", 0}, {"three one", 4}, {"- three", 4}, {"many three", 303}};
  for (const auto& [paths, files] : runs) {
    SCOPED_TRACE(paths);
    const std::string stdin_text = std::string(" < ") + (dir + "/one/only.json");
    ShellRun one = Sh(dir, "check --no-config --format json --jobs 1 " + paths + stdin_text);
    const nlohmann::json report = nlohmann::json::parse(one.out);
    ASSERT_EQ(report["files"].size(), files);
    for (const auto& f : report["files"]) EXPECT_FALSE(f["action"].is_null()) << f;  // read and checked
    for (const char* jobs : {"2", "8"}) {
      ShellRun more = Sh(dir, "check --no-config --format json --jobs " + std::string(jobs) + " " + paths + stdin_text);
      EXPECT_EQ(more.status, one.status) << jobs;
      EXPECT_EQ(more.out, one.out) << jobs;
    }
  }
  // The workers write the report (under its lock): to the output file too.
  ShellRun one = Sh(dir, "check --no-config --format json --jobs 1 many three");
  ShellRun to_file = Sh(dir, "check --no-config --format json --jobs 2 --output-file report.json many three");
  EXPECT_EQ(to_file.status, one.status);
  EXPECT_EQ(to_file.out, "");
  std::ifstream in(dir + "/report.json", std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), one.out);
}

TEST(Options, OutputFileAndColour) {
  std::string dir = Dir("outfile");
  Write(dir + "/e.json", kSpec);
  ShellRun r = Sh(dir, "check --no-config --format json --output-file report.json e.json");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  std::ifstream in(dir + "/report.json");
  nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j["summary"]["errors"], 1);
  EXPECT_NE(Sh(dir, "check --no-config --color always e.json").out.find("\x1b["), std::string::npos);
  EXPECT_EQ(Sh(dir, "check --no-config e.json").out.find("\x1b["), std::string::npos);  // not a terminal
}

TEST(Schema, EditorSchemaOfEachAction) {
  for (Action a : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    std::string text = TheChecker().RequestSchema(a);
    nlohmann::json s = nlohmann::json::parse(text);
    EXPECT_EQ(s["$schema"], "http://json-schema.org/draft-07/schema#");
    EXPECT_EQ(text.find("\"x-"), std::string::npos) << "tairlint's annotations stay out";
    EXPECT_EQ(text.find("\\\\p{"), std::string::npos) << "patterns are ECMA-262";
    EXPECT_TRUE(s["properties"].contains("Action"));
  }
  nlohmann::json ci = nlohmann::json::parse(TheChecker().RequestSchema(Action::CreateInstances));
  const auto& period = ci["properties"]["Instances"]["items"]["properties"]["Period"];
  EXPECT_FALSE(period["description"].get<std::string>().empty());
  // 12 once, as a number; "12" matched by the text form's pattern.
  const auto& numbers = period["anyOf"][0]["enum"];
  EXPECT_EQ(std::count(numbers.begin(), numbers.end(), 12), 1);
  EXPECT_EQ(period["anyOf"][1]["type"], "string");
  EXPECT_EQ(TheChecker().RequestSchema(Action::Unknown), "");
  nlohmann::json both = nlohmann::json::parse(TheChecker().RequestSchema());
  ci.erase("$schema");
  ci.erase("$id");
  EXPECT_EQ(both["definitions"]["CreateInstances"], ci) << "the schema of both actions holds each action's";
}

TEST(Schema, EditorSchemaWorksInAJsonSchemaValidator) {
  std::string dir = Dir("schema");
  ASSERT_EQ(Sh(dir, "schema CreateInstances > ci.json").status, 0);
  Write(dir + "/ok.json", R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h",
    "instanceClass":"redis.master.small.default","ChargeType":"PrePaid","Period":"1","InstanceName":"订单缓存"}]})");
  Write(dir + "/bad.json", R"({"Instances":[{"RegionId":"cn-hangzhou","izNo":"x","Period":10}]})");
  std::string py = "python3 -c 'import json,sys,jsonschema; s=json.load(open(\"ci.json\")); "
                   "jsonschema.Draft7Validator.check_schema(s); jsonschema.validate(json.load(open(sys.argv[1])), s)' ";
  EXPECT_EQ(system(("cd '" + dir + "' && " + py + "ok.json").c_str()), 0);
  EXPECT_NE(system(("cd '" + dir + "' && " + py + "bad.json 2>/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace tairlint::testing
