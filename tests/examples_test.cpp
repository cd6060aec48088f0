// The README's configuration and library examples, run as a user would.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include "test_util.h"

namespace tairlint::testing {
namespace {

struct Out {
  int status = -1;
  std::string text;
};

Out Sh(const std::string& cmd) {
  Out r;
  FILE* p = popen(("cd '" TAIRLINT_SOURCE_DIR "' && " + cmd + " 2>&1").c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.text.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

const std::string kCli = std::string("'") + TAIRLINT_CLI_PATH + "'";

TEST(Examples, ConfigurationFile) {
  Out r = Sh(kCli + " check --format json --config examples/config/tairlint.toml examples/valid examples/invalid");
  nlohmann::json j = nlohmann::json::parse(r.text);
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
  Out ok = Sh(prog + " examples/valid/create-instances-dev-password.yaml");
  EXPECT_EQ(ok.status, 0) << ok.text;
  EXPECT_EQ(ok.text, "");  // the plaintext-secret warning is turned off
  Out bad = Sh(prog + " examples/invalid/create-instances-password.json");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.text.find("InvalidPassword.Malformed"), std::string::npos) << bad.text;
  EXPECT_EQ(Sh(prog + " no-such-file").status, 2);
}

}  // namespace
}  // namespace tairlint::testing
