// The README's list of checks is generated from the rule catalog; this test
// fails when the two drift apart.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_util.h"

namespace tairlint::testing {
namespace {

TEST(Readme, ListOfChecksMatchesTheRuleCatalog) {
  std::ifstream in(std::string(TAIRLINT_SOURCE_DIR) + "/README.md");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string readme = ss.str();
  size_t begin = readme.find("<!-- rules:begin");
  size_t end = readme.find("<!-- rules:end -->");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  begin = readme.find('\n', begin) + 1;
  std::string embedded = readme.substr(begin, end - begin);
  std::string generated = RunShell(std::string(TAIRLINT_CLI_PATH) + " rules --format markdown").out;
  EXPECT_EQ(embedded, generated) << "refresh the README with: tests/update-readme.sh";
  for (const RuleInfo& r : Rules()) EXPECT_NE(embedded.find("`" + r.id + "`"), std::string::npos) << r.id;
}

}  // namespace
}  // namespace tairlint::testing
