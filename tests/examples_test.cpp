// The README's configuration and library examples, run as a user would.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include "test_util.h"

namespace tairlint::testing {
namespace {

ShellRun Sh(const std::string& cmd) { return RunShell("cd '" TAIRLINT_SOURCE_DIR "' && " + cmd + " 2>&1"); }

const std::string kCli = std::string("'") + TAIRLINT_CLI_PATH + "'";

TEST(Examples, ConfigurationFile) {
  ShellRun r = Sh(kCli + " check --format json --config examples/config/tairlint.toml examples/valid examples/invalid");
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_path;
  for (const auto& f : j["files"]) by_path[f["path"]] = f;
  // zone-region is off
  for (const auto& [path, f] : by_path) {
    for (const auto& finding : f["findings"]) EXPECT_NE(finding["rule"], "zone-region") << path;
  }
  // plaintext-secret is an error
  bool secret_error = false;
  for (const auto& finding : by_path["examples/valid/create-instances-dev-password.yaml"]["findings"]) {
    secret_error = secret_error || (finding["rule"] == "plaintext-secret" && finding["severity"] == "error");
  }
  EXPECT_TRUE(secret_error);
  // the ignored duplicate Token is gone, the other duplicate stays
  int duplicates = 0;
  for (const auto& finding : by_path["examples/invalid/create-instances-duplicate-key.json"]["findings"]) {
    duplicates += finding["rule"] == "duplicate-key";
  }
  EXPECT_EQ(duplicates, 1);
  EXPECT_EQ(r.status, 1);
}

TEST(Examples, LibraryProgram) {
  std::string prog = std::string("'") + TAIRLINT_EXAMPLE_PATH + "'";
  ShellRun ok = Sh(prog + " examples/valid/create-instances-dev-password.yaml");
  EXPECT_EQ(ok.status, 0) << ok.out;
  EXPECT_EQ(ok.out, "");  // the plaintext-secret warning is turned off
  ShellRun bad = Sh(prog + " examples/invalid/create-instances-password.json");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("InvalidPassword.Malformed"), std::string::npos) << bad.out;
  EXPECT_EQ(Sh(prog + " no-such-file").status, 2);
}

}  // namespace
}  // namespace tairlint::testing
