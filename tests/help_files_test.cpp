// The man page and the shell completions that the build installs, as the CLI
// prints them (`tairlint manpage`, `tairlint completion SHELL`): they name
// every subcommand and every option of `check` that --help lists, the shells
// and man accept them, and bash's completes as a user would see it.
#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <set>
#include <string>

#include "test_util.h"

// A missing shell or man skips a test, except under CI=true (.ci/run),
// where .ci/install-deps installs them.
#define TAIRLINT_SKIP_OR_FAIL() \
  if (const char* ci = std::getenv("CI"); ci != nullptr && *ci != '\0') FAIL(); else GTEST_SKIP()

namespace tairlint::testing {
namespace {

ShellRun Cli(const std::string& args) { return RunShell(Quote(CliPath()) + " " + args + " 2>&1"); }

bool Have(const std::string& program) { return RunShell("command -v " + program + " >/dev/null 2>&1").status == 0; }

// The subcommands that `tairlint --help` lists.
std::set<std::string> Subcommands() {
  std::string help = Cli("--help").out;
  std::set<std::string> names;
  size_t at = help.find("Subcommands:");
  std::regex line(R"(\n  ([a-z]+) )");
  for (auto it = std::sregex_iterator(help.begin() + at, help.end(), line); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1].str());
  }
  return names;
}

// The options that `tairlint check --help` lists: "--format", "-o"...
std::set<std::string> CheckOptions() {
  std::string help = Cli("check --help").out;
  std::set<std::string> names;
  std::regex option(R"((^|[ ,])(--?[a-z][a-z0-9-]*))");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), option); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[2].str());
  }
  return names;
}

// `word` in `text`, not as part of a longer name (--format in --input-format).
bool HasWord(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    auto part = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; };
    bool before = at > 0 && part(text[at - 1]);
    bool after = at + word.size() < text.size() && part(text[at + word.size()]);
    if (!before && !after) return true;
  }
  return false;
}

TEST(HelpFiles, TheHelpListsWhatTheTestsCompare) {
  std::set<std::string> subcommands = Subcommands();
  for (const char* s : {"check", "codes", "rules", "explain", "schema", "completion"}) EXPECT_EQ(subcommands.count(s), 1u) << s;
  EXPECT_EQ(subcommands.count("manpage"), 0u);  // hidden: the build's
  std::set<std::string> options = CheckOptions();
  for (const char* o : {"--format", "--output-file", "-o", "--max-findings", "--no-config", "--help"}) {
    EXPECT_EQ(options.count(o), 1u) << o;
  }
}

TEST(HelpFiles, CompletionsNameEverySubcommandAndCheckOption) {
  for (const std::string shell : {"bash", "zsh", "fish"}) {
    ShellRun r = Cli("completion " + shell);
    ASSERT_EQ(r.status, 0) << r.out;
    for (const auto& s : Subcommands()) EXPECT_TRUE(HasWord(r.out, s)) << shell << ": no subcommand " << s;
    for (const auto& o : CheckOptions()) {
      // fish spells --format as `-l format` and -o as `-s o`.
      std::string word = shell != "fish" ? o : o.rfind("--", 0) == 0 ? "-l " + o.substr(2) : "-s " + o.substr(1);
      EXPECT_TRUE(HasWord(r.out, word)) << shell << ": no option " << o;
    }
  }
  EXPECT_EQ(Cli("completion tcsh").status, 2);
}

TEST(HelpFiles, ShellsAcceptTheirCompletions) {
  const std::pair<std::string, std::string> checks[] = {
      {"bash", "bash -n"}, {"zsh", "zsh -n"}, {"fish", "fish --no-execute"}};
  for (const auto& [shell, check] : checks) {
    if (!Have(shell)) {
      TAIRLINT_SKIP_OR_FAIL() << shell << " is not installed (Debian: apt-get install " << shell << ")";
    }
    std::string file = ScratchPath("completion." + shell);
    ASSERT_EQ(Cli("completion " + shell + " > " + Quote(file)).status, 0);
    ShellRun r = RunShell(check + " " + Quote(file) + " 2>&1");
    EXPECT_EQ(r.status, 0) << shell << ":\n" << r.out;
    EXPECT_EQ(r.out, "") << shell;
  }
}

// What bash's completion offers after the words typed so far (the last one
// being completed).
std::string BashCompletes(const std::string& words) {
  std::string script = ScratchPath("completion-run.bash");
  EXPECT_EQ(Cli("completion bash > " + Quote(script)).status, 0);
  return RunShell("bash -c " + Quote("source " + Quote(script) + "; COMP_WORDS=(" + words +
                                     "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _tairlint; "
                                     "printf '%s\\n' \"${COMPREPLY[@]}\" | sort") + " 2>&1")
      .out;
}

TEST(HelpFiles, BashCompletesSubcommandsOptionsAndValues) {
  EXPECT_EQ(BashCompletes("tairlint ch"), "check\n");
  EXPECT_EQ(BashCompletes("tairlint check --fo"), "--format\n");
  EXPECT_EQ(BashCompletes("tairlint check --format ''"), "github\njson\nsarif\ntext\n");
  EXPECT_EQ(BashCompletes("tairlint schema Create"), "CreateInstances\nCreateTairKVCacheVNode\n");
  EXPECT_EQ(BashCompletes("tairlint check --jobs ''"), "\n");  // a number: nothing offered
  EXPECT_EQ(BashCompletes("tairlint completion ''"), "bash\nfish\nzsh\n");
}

// The man page, rendered by man: no warning, and every subcommand and every
// option of check is in it.
TEST(HelpFiles, ManPageNamesEverySubcommandAndCheckOption) {
  if (!Have("man")) TAIRLINT_SKIP_OR_FAIL() << "man is not installed (Debian: apt-get install man-db)";
  std::string page = ScratchPath("tairlint.1");
  ASSERT_EQ(Cli("manpage > " + Quote(page)).status, 0);
  ShellRun warnings = RunShell("LANG=C.UTF-8 MANWIDTH=200 man --warnings -l " + Quote(page) + " 2>&1 >/dev/null");
  EXPECT_EQ(warnings.out, "");
  ShellRun text = RunShell("LANG=C.UTF-8 MANWIDTH=200 man -l " + Quote(page));  // plain text: not a terminal
  ASSERT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("TAIRLINT(1)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(std::string("tairlint ") + Version()), std::string::npos);
  for (const auto& s : Subcommands()) EXPECT_TRUE(HasWord(text.out, "tairlint " + s)) << "no subcommand " << s;
  for (const auto& o : CheckOptions()) {
    EXPECT_TRUE(o == "--help" || HasWord(text.out, o)) << "no option " << o;
  }
  for (const char* section : {"SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "FILES", "EXAMPLES"}) {
    EXPECT_NE(text.out.find(section), std::string::npos) << section;
  }
}

}  // namespace
}  // namespace tairlint::testing
