// The pre-commit hook as a user meets it: the real pre-commit, a scratch git
// repository whose .pre-commit-config.yaml points at this repository, and
// `git commit` refused or let through by the tairlint on PATH.
//
// pre-commit reads .pre-commit-hooks.yaml from the committed tree of the hook
// repository at `rev`, so the hook repository is TAIRLINT_SOURCE_DIR at HEAD
// (or the repository named by TAIRLINT_HOOK_REPO, to try an uncommitted hook
// file from a throwaway clone). Nothing is fetched from the network: the
// hook's language is `system`.
#include <gtest/gtest.h>

#include "test_util.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// Outside CI a missing prerequisite skips these tests; in CI (CI=true, as
// .ci/run runs) it fails them, so that a green CI cannot hide a skip.
#define TAIRLINT_SKIP_OR_FAIL() \
  if (const char* ci = std::getenv("CI"); ci != nullptr && *ci != '\0') FAIL(); else GTEST_SKIP()

namespace tairlint::testing {
namespace {

// A command with its standard error folded into its output.
ShellRun Shell(const std::string& cmd) { return RunShell("( " + cmd + " ) 2>&1"); }


std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string HookRepo() {
  const char* env = std::getenv("TAIRLINT_HOOK_REPO");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string(TAIRLINT_SOURCE_DIR);
}

// A CreateInstances request with Period 10 inside Instances:
// InvalidInstances.Malformed [period-value] on line 11.
const char* kInvalid = R"({
  "Action": "CreateInstances",
  "Token": "precommit-test-orders-01",
  "AutoPay": true,
  "Instances": [
    {
      "RegionId": "cn-hangzhou",
      "izNo": "cn-hangzhou-h",
      "instanceClass": "redis.master.small.default",
      "ChargeType": "PrePaid",
      "Period": 10,
      "InstanceName": "orders-cache"
    }
  ]
}
)";

const char* kValid = R"({
  "Action": "CreateInstances",
  "Token": "precommit-test-orders-01",
  "AutoPay": true,
  "Instances": [
    {
      "RegionId": "cn-hangzhou",
      "izNo": "cn-hangzhou-h",
      "instanceClass": "redis.master.small.default",
      "ChargeType": "PrePaid",
      "Period": 12,
      "InstanceName": "orders-cache"
    }
  ]
}
)";

const char* kValidVNode = R"(Action: CreateTairKVCacheVNode
RegionId: cn-beijing
ZoneId: cn-beijing-f
InstanceClass: kvcache.cu.g4b.2
ComputeUnitNum: 1
VkName: tk-1
VSwitchId: vsw-1
)";

class PreCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Shell("command -v pre-commit").status != 0) {
      TAIRLINT_SKIP_OR_FAIL() << "pre-commit is not installed (Debian: apt-get install pre-commit)";
    }
    if (Shell("command -v git").status != 0) TAIRLINT_SKIP_OR_FAIL() << "git is not installed";

    root_ = ScratchPath(std::string("precommit-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_EQ(Shell("rm -rf " + Quote(root_)).status, 0);
    for (const char* sub : {"", "/home", "/bin", "/cache", "/repo"}) {
      ASSERT_EQ(mkdir((root_ + sub).c_str(), 0755), 0) << root_ + sub;
    }
    // The tairlint under test, and only it, is `tairlint` on PATH.
    ASSERT_EQ(symlink(TAIRLINT_CLI_PATH, (root_ + "/bin/tairlint").c_str()), 0);
    // The private HOME's git configuration: a checkout owned by another user
    // (CI containers) is still a usable hook repository. It has to be the
    // global file: git clears GIT_CONFIG_* for the upload-pack of a fetch.
    Write(root_ + "/home/.gitconfig", "[safe]\n\tdirectory = *\n");

    hook_repo_ = HookRepo();
    ShellRun rev = Outside("git -C " + Quote(hook_repo_) + " rev-parse --verify HEAD");
    if (rev.status != 0) {
      TAIRLINT_SKIP_OR_FAIL() << hook_repo_ << " is not a git checkout with a commit, so pre-commit cannot use it as a hook "
                   << "repository:\n"
                   << rev.out;
    }
    rev_ = Trim(rev.out);
    if (Outside("git -C " + Quote(hook_repo_) + " cat-file -e HEAD:.pre-commit-hooks.yaml").status != 0) {
      TAIRLINT_SKIP_OR_FAIL() << ".pre-commit-hooks.yaml is not committed in " << hook_repo_ << " (HEAD " << rev_
                   << "); pre-commit reads the hook from the committed tree, so commit it (or point "
                   << "TAIRLINT_HOOK_REPO at a clone where it is committed)";
    }

    ASSERT_NO_FATAL_FAILURE(Expect0("git init -q"));
    ASSERT_NO_FATAL_FAILURE(Expect0("git config user.name 'tairlint test' && git config user.email test@example.com && "
                                    "git config commit.gpgsign false"));
    // A JSON string is a YAML double-quoted scalar: any path is safe.
    Write(repo() + "/.pre-commit-config.yaml", "repos:\n  - repo: " + nlohmann::json(hook_repo_).dump() +
                                                   "\n    rev: " + rev_ + "\n    hooks:\n      - id: tairlint\n");
    ASSERT_NO_FATAL_FAILURE(Expect0("pre-commit install"));
    // Committing the configuration itself runs the hook, which must leave
    // pre-commit's own YAML alone.
    ShellRun first = Git("git add .pre-commit-config.yaml && git commit -m config");
    ASSERT_EQ(first.status, 0) << first.out;
    EXPECT_NE(first.out.find("tairlint"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("Skipped"), std::string::npos) << first.out;
  }

  std::string repo() const { return root_ + "/repo"; }

  // A command with a clean environment: no GIT_* variables from a calling
  // hook, a private HOME (none of the user's git configuration, hooks path or
  // signing) and PRE_COMMIT_HOME, no system git configuration, and the
  // tairlint under test first on PATH.
  std::string Env() const {
    const char* path = std::getenv("PATH");
    const char* tmp = std::getenv("TMPDIR");
    std::string env = "env -i";
    env += " PATH=" + Quote(root_ + "/bin:" + (path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin"));
    env += " HOME=" + Quote(root_ + "/home");
    env += " PRE_COMMIT_HOME=" + Quote(root_ + "/cache");
    env += " PRE_COMMIT_COLOR=never LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb";
    if (tmp != nullptr) env += " TMPDIR=" + Quote(tmp);
    env += " GIT_CONFIG_NOSYSTEM=1";
    return env;
  }

  ShellRun Outside(const std::string& cmd) const { return Shell(Env() + " sh -c " + Quote(cmd)); }
  ShellRun Git(const std::string& cmd) const { return Shell(Env() + " sh -c " + Quote("cd " + Quote(repo()) + " && " + cmd)); }
  void Expect0(const std::string& cmd) const {
    ShellRun r = Git(cmd);
    ASSERT_EQ(r.status, 0) << cmd << "\n" << r.out;
  }
  int Commits() const { return std::atoi(Git("git rev-list --count HEAD").out.c_str()); }

  std::string root_, hook_repo_, rev_;
};

TEST_F(PreCommit, RefusesACommitWithAnInvalidRequestAndAcceptsTheFix) {
  ASSERT_EQ(mkdir((repo() + "/specs").c_str(), 0755), 0);
  Write(repo() + "/specs/orders.json", kInvalid);
  Write(repo() + "/specs/vnode.yaml", kValidVNode);
  ShellRun refused = Git("git add specs && git commit -m x");
  EXPECT_NE(refused.status, 0) << refused.out;
  EXPECT_NE(refused.out.find("Failed"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("specs/orders.json:11:"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("InvalidInstances.Malformed"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("[period-value]"), std::string::npos) << refused.out;
  EXPECT_EQ(refused.out.find("specs/vnode.yaml:"), std::string::npos) << "a valid file draws a finding\n"
                                                                      << refused.out;
  EXPECT_EQ(Commits(), 1);

  Write(repo() + "/specs/orders.json", kValid);
  ShellRun accepted = Git("git add specs && git commit -m x");
  EXPECT_EQ(accepted.status, 0) << accepted.out;
  EXPECT_NE(accepted.out.find("Passed"), std::string::npos) << accepted.out;
  EXPECT_EQ(Commits(), 2);
}

TEST_F(PreCommit, ChecksEveryRequestFormAndSeesTokensAcrossFiles) {
  ASSERT_EQ(mkdir((repo() + "/specs").c_str(), 0755), 0);
  // The same Token in two different requests, the first and the last of
  // nine files: one tairlint run sees both (require_serial: without it,
  // pre-commit splits the files over several runs on a multi-core machine),
  // so IdempotentParameterMismatch is reported.
  Write(repo() + "/specs/a.json", kValid);
  for (int i = 1; i <= 7; ++i) Write(repo() + "/specs/m" + std::to_string(i) + ".yaml", kValidVNode);
  std::string other = kValid;
  other.replace(other.find("orders-cache"), 12, "search-cache");
  Write(repo() + "/specs/z.json", other);
  Write(repo() + "/specs/c.query",
        "Action=CreateTairKVCacheVNode&RegionId=cn-beijing&ZoneId=cn-beijing-f&InstanceClass=kvcache.cu.g4b.2"
        "&ComputeUnitNum=2&VkName=tk-1&VSwitchId=vsw-1\n");
  ShellRun refused = Git("git add specs && git commit -m x");
  EXPECT_NE(refused.status, 0) << refused.out;
  EXPECT_NE(refused.out.find("IdempotentParameterMismatch"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("specs/c.query:1:"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("[compute-unit-num-value]"), std::string::npos) << refused.out;
  EXPECT_EQ(Commits(), 1);
}

TEST_F(PreCommit, OtherFilesDoNotRunTheHook) {
  // Request text, but not in a request file: tairlint must not see it.
  Write(repo() + "/README.txt", kInvalid);
  ASSERT_EQ(mkdir((repo() + "/.github").c_str(), 0755), 0);
  Write(repo() + "/.github/dependabot.yml", "version: 2\nupdates: []\n");
  ShellRun r = Git("git add README.txt .github && git commit -m x");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("(no files to check)Skipped"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("InvalidInstances.Malformed"), std::string::npos) << r.out;
  EXPECT_EQ(Commits(), 2);
}

// An [[ignore]] entry for a file that is not staged is not "unused": with
// fail-on = "warning" that advice would block every unrelated commit.
TEST_F(PreCommit, SuppressionsForOtherFilesDoNotBlockACommit) {
  ASSERT_EQ(mkdir((repo() + "/specs").c_str(), 0755), 0);
  Write(repo() + "/.tairlint.toml", "fail-on = \"warning\"\n[rules]\nplaintext-secret = \"off\"\n"
                                    "[[ignore]]\nfiles = \"specs/orders.json\"\nrule = \"period-value\"\n");
  Write(repo() + "/specs/orders.json", kInvalid);
  ShellRun legacy = Git("git add .tairlint.toml specs && git commit -m legacy");
  EXPECT_EQ(legacy.status, 0) << legacy.out;
  Write(repo() + "/specs/vnode.yaml", kValidVNode);
  ShellRun other = Git("git add specs/vnode.yaml && git commit -m vnode");
  EXPECT_EQ(other.status, 0) << other.out;
  EXPECT_EQ(other.out.find("unused-suppression"), std::string::npos) << other.out;
  EXPECT_EQ(Commits(), 3);
}

// The hook definition itself, from the working tree (no commit needed).
nlohmann::json Manifest() {
  std::string file = std::string(TAIRLINT_SOURCE_DIR) + "/.pre-commit-hooks.yaml";
  ShellRun r = Shell("python3 -c " +
                Quote("import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))") +
                " " + Quote(file));
  EXPECT_EQ(r.status, 0) << r.out;
  return nlohmann::json::parse(r.out, nullptr, false);
}

TEST(PreCommitManifest, DefinesTheTairlintHook) {
  nlohmann::json m = Manifest();
  ASSERT_TRUE(m.is_array()) << m.dump();
  const nlohmann::json* hook = nullptr;
  for (const auto& h : m) {
    if (h.value("id", "") == "tairlint") hook = &h;
  }
  ASSERT_NE(hook, nullptr) << m.dump();
  EXPECT_EQ(hook->value("entry", ""), "tairlint check");
  EXPECT_EQ(hook->value("language", ""), "system");
  EXPECT_FALSE(hook->contains("args")) << "the hook must work with no args";
  EXPECT_EQ(hook->value("types", nlohmann::json::array()), nlohmann::json::array({"file"}));

  // pre-commit applies `files` and `exclude` with Python's re.search; these
  // patterns mean the same in ECMAScript.
  std::regex files(hook->value("files", "^$"));
  std::regex exclude(hook->value("exclude", "^$"));
  auto checked = [&](const std::string& path) {
    return std::regex_search(path, files) && !std::regex_search(path, exclude);
  };
  for (const char* yes : {"specs/a.json", "a.yaml", "deep/dir/b.yml", "c.query", "my.pre-commit-config.yaml"}) {
    EXPECT_TRUE(checked(yes)) << yes;
  }
  for (const char* no : {"README.txt", "a.json.bak", "notes.md", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
                         "sub/.pre-commit-config.yaml", ".github/workflows/ci.yml", ".tairlint-baseline.json"}) {
    EXPECT_FALSE(checked(no)) << no;
  }

  if (Shell("command -v pre-commit").status == 0) {
    ShellRun v = Shell("pre-commit validate-manifest " + Quote(std::string(TAIRLINT_SOURCE_DIR) + "/.pre-commit-hooks.yaml"));
    EXPECT_EQ(v.status, 0) << v.out;
  }
}

}  // namespace
}  // namespace tairlint::testing
