// The command line under hostile conditions (issue 18, "Hardening, round
// two"): configurations built to crash or hang the reader, text built to
// forge output.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_util.h"

namespace tairlint::testing {
namespace {

std::string Dir(const std::string& name) {
  std::string dir = ScratchPath("hardening-" + name);
  EXPECT_EQ(system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "/specs'").c_str()), 0);
  return dir;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const char* kValid = R"({"Action":"CreateTairKVCacheVNode","RegionId":"cn-beijing","ZoneId":"cn-beijing-f",
  "InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":1,"VkName":"tk-1","VSwitchId":"vsw-1"})";

// ---- 3. configurations that crashed the reader are exit 2 with a position

TEST(BoundedConfig, HostileConfigurationsAreErrorsNotCrashes) {
  const std::string dir = Dir("config");
  Write(dir + "/a.json", kValid);
  std::string dotted;  // 400,000 parts: toml++ overflowed the stack from about 300,000
  for (int i = 0; i < 400000; ++i) dotted += "a.";
  dotted += "a = 1\n";
  struct Case {
    std::string toml, expected;
  };
  for (const Case& c : std::vector<Case>{
           {dotted, ":1:128: a key of more than 64 dotted parts"},
           {"[rules]\n" + std::string(200000, '[') + "\n", ":2:33: arrays and inline tables nested more than 32 deep"},
           {"x = " + std::string(200000, '[') + std::string(200000, ']') + "\n",
            ":1:37: arrays and inline tables nested more than 32 deep"},
           {[] {
              std::string t = "x = ";
              for (int i = 0; i < 100000; ++i) t += "{a=";
              return t + "1\n";
            }(),
            ":1:101: arrays and inline tables nested more than 32 deep"},
           {dotted + dotted + dotted, ": larger than 1 MiB, the most a configuration may hold"},
           {"# " + std::string(2 << 20, 'x') + "\n", ": larger than 1 MiB, the most a configuration may hold"},
       }) {
    Write(dir + "/.tairlint.toml", c.toml);
    const ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() + "' check a.json 2>&1");
    EXPECT_EQ(r.status, 2) << r.out.substr(0, 300);  // -1: a crash
    EXPECT_EQ(r.out, "tairlint: " + std::filesystem::path(dir).lexically_normal().string() + "/.tairlint.toml" +
                         c.expected + "\n");
  }
}

TEST(BoundedConfig, OnlyRegularFilesAreRead) {
  const std::string dir = Dir("config-special");
  Write(dir + "/a.json", kValid);
  ASSERT_EQ(mkfifo((dir + "/fifo.toml").c_str(), 0644), 0);
  for (const char* config : {"/dev/zero", "fifo.toml"}) {
    const ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() + "' check --config " + config + " a.json 2>&1");
    EXPECT_EQ(r.status, 2) << r.out;  // a hang would end the test run here
    EXPECT_EQ(r.out, std::string("tairlint: ") + config + ": not a regular file\n");
  }
}

// ---- 4. outside text on standard error is made printable

TEST(Printable, ConfigurationOptionAndCheckerTextCannotForgeOutput) {
  const std::string dir = Dir("forge");
  Write(dir + "/a.json", kValid);
  const std::string forged = "\\n::error file=README.md,line=1::FORGED \\u001b[2J \\u009b";
  struct Case {
    std::string toml, args;
  };
  for (const Case& c : std::vector<Case>{
           {"fail-on = \"" + forged + "\"\n", "check a.json"},
           {"[rules]\nzone-region = \"" + forged + "\"\n", "check a.json"},
           {"catalogs = [\"" + forged + ".json\"]\n", "check a.json"},  // the checker's error names it
           {"", "check --no-config --fail-on \"$(printf '\\n::add-mask::x\\033[31m')\" a.json"},
           {"", "check --no-config --config \"$(printf 'x\\n::stop-commands::y')\" a.json"},
           {"", "explain \"$(printf '\\n::error::FORGED\\033[2J')\""},
       }) {
    if (!c.toml.empty()) Write(dir + "/.tairlint.toml", c.toml);
    const ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() + "' " + c.args + " 2>&1 >/dev/null");
    SCOPED_TRACE(c.toml + c.args);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(r.out.find("\n::"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\\n::"), std::string::npos) << r.out;  // shown, escaped
    std::remove((dir + "/.tairlint.toml").c_str());
  }
}

}  // namespace
}  // namespace tairlint::testing
