// The version a build reports: the number of the latest tag vX.Y.Z and the
// commit (`tairlint --version`: "tairlint 0.1.0 (v0.1.0-3-g1a2b3c4)"), read
// by cmake/version.cmake from git, else the number in CMakeLists.txt.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>

#include "test_util.h"

namespace tairlint::testing {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

TEST(Version, NamesTheCommitItWasBuiltFrom) {
  ShellRun v = RunShell(Quote(CliPath()) + " --version 2>&1");
  ASSERT_EQ(v.status, 0) << v.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_match(v.out, m, std::regex(R"(tairlint ([0-9]+\.[0-9]+\.[0-9]+)( \((v[0-9.]+(-[0-9]+-g([0-9a-f]+))?|commit ([0-9a-f]+))\))?\n)")))
      << v.out;
  EXPECT_EQ(m[1].str(), Version());
  ShellRun head = RunShell("git -C " + Quote(TAIRLINT_SOURCE_DIR) + " rev-parse HEAD 2>/dev/null");
  if (head.status != 0) GTEST_SKIP() << TAIRLINT_SOURCE_DIR << " is not a git checkout that git will read";
  ASSERT_TRUE(m[2].matched) << "built from git, the version names no commit: " << v.out;
  std::string hash = m[5].matched ? m[5].str() : m[6].str();
  if (hash.empty()) {  // exactly on a tag
    EXPECT_EQ(Trim(RunShell("git -C " + Quote(TAIRLINT_SOURCE_DIR) + " rev-parse " + m[3].str() + "^{commit}").out),
              Trim(head.out));
  } else {
    EXPECT_EQ(Trim(head.out).rfind(hash, 0), 0u) << "built from " << hash << ", the checkout is at " << head.out;
  }
}

// cmake/version.cmake in a scratch repository of its own, as the project's
// CMakeLists.txt uses it.
class VersionFromGit : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ScratchPath(std::string("version-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_EQ(RunShell("rm -rf " + Quote(root_) + " && mkdir -p " + Quote(root_ + "/src/cmake")).status, 0);
    ASSERT_EQ(RunShell("cp " + Quote(std::string(TAIRLINT_SOURCE_DIR) + "/cmake/version.cmake") + " " +
                       Quote(root_ + "/src/cmake/"))
                  .status,
              0);
    std::ofstream(root_ + "/src/CMakeLists.txt")
        << "cmake_minimum_required(VERSION 3.20)\nset(TAIRLINT_BASE_VERSION 0.0.1)\n"
           "include(${CMAKE_CURRENT_SOURCE_DIR}/cmake/version.cmake)\n"
           "project(t VERSION ${TAIRLINT_VERSION_NUMBER} LANGUAGES NONE)\n"
           "message(STATUS \"version=${PROJECT_VERSION} commit=${TAIRLINT_VERSION_COMMIT}.\")\n";
  }

  // git in `dir` with a private configuration (HOME), output folded in.
  ShellRun Git(const std::string& dir, const std::string& args) {
    return RunShell("cd " + Quote(dir) + " && HOME=" + Quote(root_) +
                    " GIT_CONFIG_NOSYSTEM=1 git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false " +
                    args + " 2>&1");
  }

  // What configuring says: "version=X.Y.Z commit=...".
  std::string Configure(const std::string& src) {
    ShellRun r = RunShell("cmake -S " + Quote(src) + " -B " + Quote(root_ + "/build") + " 2>&1; rm -rf " +
                          Quote(root_ + "/build"));
    std::smatch m;
    if (!std::regex_search(r.out, m, std::regex(R"(-- (version=.*)\.\n)"))) return "configure failed: " + r.out;
    return m[1].str();
  }

  std::string Head(const std::string& dir) { return Trim(Git(dir, "rev-parse --short=7 HEAD").out); }

  std::string root_;
};

TEST_F(VersionFromGit, TheTagsNumberAndTheCommit) {
  const std::string src = root_ + "/src";
  EXPECT_EQ(Configure(src), "version=0.0.1 commit=");  // no git at all
  ASSERT_EQ(Git(src, "init -q && git add -A && git commit -q -m one").status, 0);
  EXPECT_EQ(Configure(src), "version=0.0.1 commit=commit " + Head(src));  // no tag
  ASSERT_EQ(Git(src, "tag release-2 && git tag v2.3.4").status, 0);
  EXPECT_EQ(Configure(src), "version=2.3.4 commit=v2.3.4");
  ASSERT_EQ(Git(src, "commit -q --allow-empty -m two").status, 0);
  EXPECT_EQ(Configure(src), "version=2.3.4 commit=v2.3.4-1-g" + Head(src));
}

// Vendored inside another project's repository, the other project's tags
// are not tairlint's version.
TEST_F(VersionFromGit, AParentRepositorysTagsAreNotTheVersion) {
  ASSERT_EQ(Git(root_, "init -q && git add -A && git commit -q -m parent && git tag v7.0.0").status, 0);
  EXPECT_EQ(Configure(root_ + "/src"), "version=0.0.1 commit=");
}

}  // namespace
}  // namespace tairlint::testing
