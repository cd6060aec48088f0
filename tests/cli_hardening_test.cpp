// The command line under hostile conditions (issue 18, "Hardening, round
// two"): reports that cannot be written, configurations built to crash or
// hang the reader, text built to forge output, a report file that is also
// an input, options that would exhaust the machine, odd standard streams.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "../lib/src/core/sanitizers.h"
#include "../tool/io.h"
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
const char* kInvalid = R"({"VkName":"tk-1"})";

// Where the child's standard output goes.
enum class Out {
  kFile,        // a file, read back
  kDevFull,     // /dev/full: every write fails with ENOSPC
  kClosed,      // closed (`>&-`)
  kBrokenPipe,  // a pipe whose reader is gone, SIGPIPE ignored (as on some CI runners)
};

struct Spawned {
  int status = -1;  // -1: ended by a signal
  std::string out, err;
};

// Runs the CLI in `dir` with `args`, standard input from /dev/null,
// standard output as `out` says, standard error captured.
Spawned Spawn(const std::vector<std::string>& args, Out out, const std::string& dir) {
  const std::string out_path = dir + "/.stdout", err_path = dir + "/.stderr";
  int pipe_fds[2] = {-1, -1};
  if (out == Out::kBrokenPipe) {
    EXPECT_EQ(pipe(pipe_fds), 0);
    close(pipe_fds[0]);  // the reader has gone before the first byte
  }
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    signal(SIGPIPE, SIG_IGN);  // an ignored disposition survives exec
    int in = open("/dev/null", O_RDONLY);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(err, 2);
    switch (out) {
      case Out::kFile: dup2(open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 1); break;
      case Out::kDevFull: dup2(open("/dev/full", O_WRONLY), 1); break;
      case Out::kClosed: close(1); break;
      case Out::kBrokenPipe: dup2(pipe_fds[1], 1); break;
    }
    std::vector<std::string> all = {CliPath()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (int fd = 3; fd < 64; ++fd) close(fd);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (pipe_fds[1] >= 0) close(pipe_fds[1]);
  Spawned r;
  int st = 0;
  EXPECT_EQ(waitpid(pid, &st, 0), pid);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.out = Read(out_path);
  r.err = Read(err_path);
  return r;
}

// ---- 1. a report that cannot be written is exit 2 and says why

TEST(WriteErrors, EveryFormatToAFullDiskAClosedOutputOrABrokenPipeExitsTwo) {
  const std::string dir = Dir("write");
  Write(dir + "/specs/a.json", kValid);
  Write(dir + "/specs/b.json", kInvalid);
  struct Case {
    Out out;
    int error;
  };
  for (const Case& c : {Case{Out::kDevFull, ENOSPC}, Case{Out::kClosed, EBADF}, Case{Out::kBrokenPipe, EPIPE}}) {
    for (const char* format : {"text", "json", "sarif", "github"}) {
      SCOPED_TRACE(std::string(format) + ", " + std::strerror(c.error));
      for (const char* files : {"specs/a.json", "specs"}) {  // a clean run and one with findings
        if (std::string(format) == "github" && std::string(files) == "specs/a.json") continue;  // prints nothing
        const Spawned r = Spawn({"check", "--no-config", "--format", format, files}, c.out, dir);
        EXPECT_EQ(r.status, 2) << r.err;
        EXPECT_EQ(r.err, std::string("tairlint: cannot write the report to standard output: ") +
                             std::strerror(c.error) + "\n");
      }
    }
  }
  // -o to a file on a full device
  const Spawned r = Spawn({"check", "--no-config", "--format", "json", "-o", "/dev/full", "specs"}, Out::kFile, dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, std::string("tairlint: cannot write the report to /dev/full: ") + std::strerror(ENOSPC) + "\n");
  // and a report that is written is still exit 0 or 1
  const Spawned ok = Spawn({"check", "--no-config", "--format", "json", "specs"}, Out::kFile, dir);
  EXPECT_EQ(ok.status, 1) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out)["summary"]["files"], 2);
}

TEST(WriteErrors, OtherSubcommandsToAFullDiskExitTwo) {
  const std::string dir = Dir("write-other");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"rules"}, {"codes", "--format", "json"}, {"schema", "CreateInstances"}, {"explain", "period-value"}}) {
    const Spawned r = Spawn(args, Out::kDevFull, dir);
    EXPECT_EQ(r.status, 2) << args[0];
    EXPECT_NE(r.err.find(std::strerror(ENOSPC)), std::string::npos) << args[0] << ": " << r.err;
  }
}

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

// A catalog the checker cannot load is exit 2 and a message, even one it
// cannot hold in memory (/dev/zero read until std::bad_alloc, here under a
// 512 MB address space), never an abort.
TEST(Printable, ACatalogTheCheckerCannotLoadIsExitTwo) {
  if (TAIRLINT_ADDRESS_SANITIZER || TAIRLINT_THREAD_SANITIZER) GTEST_SKIP() << "sanitizers reserve the address space";
  if (system("command -v prlimit >/dev/null") != 0) GTEST_SKIP() << "needs prlimit";
  const std::string dir = Dir("catalog");
  Write(dir + "/a.json", kValid);
  Write(dir + "/.tairlint.toml", "catalogs = [\"/dev/zero\"]\n");
  const ShellRun r =
      RunShell("cd '" + dir + "' && prlimit --as=536870912 '" + CliPath() + "' check a.json 2>&1 >/dev/null");
  EXPECT_EQ(r.status, 2) << r.out;  // 134: aborted
  EXPECT_EQ(r.out.rfind("tairlint: ", 0), 0u) << r.out;
}

// ---- 5. the report never destroys or becomes an input

TEST(OutputFile, AnInputIsNeverTheReport) {
  const std::string dir = Dir("output");
  Write(dir + "/a.json", kInvalid);
  ASSERT_EQ(link((dir + "/a.json").c_str(), (dir + "/hard.json").c_str()), 0);
  ASSERT_EQ(symlink("a.json", (dir + "/soft.json").c_str()), 0);
  Write(dir + "/cat.json", R"({"capacities": [3]})");
  Write(dir + "/.tairlint.toml", "catalogs = [\"cat.json\"]\n");
  const std::string cat = Read(dir + "/cat.json"), toml = Read(dir + "/.tairlint.toml");
  for (const char* args : {"-o a.json a.json", "-o ./specs/../a.json a.json", "-o hard.json a.json",
                           "-o a.json soft.json", "-o a.json - < a.json", "-o new.json specs new.json",
                           "-o .tairlint.toml specs", "-o cat.json specs", "-o ./specs/../cat.json --no-config --catalog cat.json specs"}) {
    const ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() + "' check " + args + " 2>&1");
    EXPECT_EQ(r.status, 2) << args << ": " << r.out;
    EXPECT_NE(r.out.find("it is an input of this run"), std::string::npos) << args << ": " << r.out;
    EXPECT_EQ(Read(dir + "/a.json"), kInvalid) << args;
    EXPECT_FALSE(std::ifstream(dir + "/new.json").good()) << args;
    EXPECT_EQ(Read(dir + "/cat.json"), cat) << args;
    EXPECT_EQ(Read(dir + "/.tairlint.toml"), toml) << args;
  }
}

TEST(OutputFile, AFolderSearchedSkipsTheReport) {
  const std::string dir = Dir("output-search");
  Write(dir + "/specs/a.json", kInvalid);
  // new, and existing (with the last run's report)
  for (int run = 0; run < 2; ++run) {
    const ShellRun r =
        RunShell("cd '" + dir + "' && '" + CliPath() + "' check --no-config --format json -o specs/report.json specs 2>&1");
    EXPECT_EQ(r.status, 1) << r.out;
    const nlohmann::json report = nlohmann::json::parse(Read(dir + "/specs/report.json"));
    ASSERT_EQ(report["files"].size(), 1u) << report;
    EXPECT_EQ(report["files"][0]["path"], "specs/a.json");
  }
  // standard output sent into the folder is not an input either
  const ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() + "' check --no-config --format json specs > specs/out.json");
  EXPECT_EQ(r.status, 1);
  // a.json checked; report.json, a report and not a request, skipped
  const nlohmann::json summary = nlohmann::json::parse(Read(dir + "/specs/out.json"))["summary"];
  EXPECT_EQ(summary["files"], 1) << summary;
  EXPECT_EQ(summary["skipped"], 1) << summary;
}

// ---- 7. options that would exhaust the machine, odd inputs

TEST(Clamps, JobsAndDepthAreBounded) {
  const std::string dir = Dir("clamps");
  for (int i = 0; i < 300; ++i) Write(dir + "/specs/r" + std::to_string(i) + ".json", kInvalid);
  const ShellRun one = RunShell("cd '" + dir + "' && '" + CliPath() + "' check --no-config --format json --jobs 1 specs");
  const ShellRun many = RunShell("cd '" + dir + "' && '" + CliPath() +
                                 "' check --no-config --format json --jobs 100000 specs 2>'" + ScratchPath("jobs.err") + "'");
  EXPECT_EQ(many.status, 1);  // -1: aborted on std::system_error
  EXPECT_TRUE(many.out == one.out) << many.out.substr(0, 300);
  EXPECT_EQ(Read(ScratchPath("jobs.err")), "tairlint: --jobs 100000 is more than 256; using 256\n");
  // a tree deeper than the clamp is a finding, not a crash
  Write(dir + "/deep.json", std::string(50000, '[') + std::string(50000, ']'));
  const ShellRun deep = RunShell("cd '" + dir + "' && '" + CliPath() +
                                 "' check --no-config --format json --max-depth 4294967295 deep.json 2>'" + ScratchPath("depth.err") + "'");
  EXPECT_EQ(deep.status, 1) << deep.out.substr(0, 300);
  EXPECT_EQ(nlohmann::json::parse(deep.out)["files"][0]["findings"][0]["rule"], "parse-error");
  EXPECT_EQ(Read(ScratchPath("depth.err")), "tairlint: --max-depth 4294967295 is more than 1000; using 1000\n");
}

TEST(Clamps, MaxFindingsListsTheFirstAndCountsTheRest) {
  const ShellRun r = RunShell("cd '" + std::string(TAIRLINT_SOURCE_DIR) + "' && '" + CliPath() +
                              "' check --no-config --format json --max-findings 2 examples/invalid/vnode.query");
  EXPECT_EQ(r.status, 1);
  const nlohmann::json findings = nlohmann::json::parse(r.out)["files"][0]["findings"];
  ASSERT_EQ(findings.size(), 3u) << r.out;
  EXPECT_EQ(findings[2]["rule"], "finding-limit");
  EXPECT_EQ(findings[2]["severity"], "error");
  EXPECT_NE(findings[2]["detail"].get<std::string>().find("stops at 2 findings"), std::string::npos);
}

// Threads that cannot be made (here: a user allowed 6 processes) leave the
// work to those there are.
TEST(Clamps, ThreadsThatCannotStartDoNotAbortTheRun) {
  if (geteuid() != 0 || system("command -v setpriv prlimit >/dev/null") != 0) GTEST_SKIP() << "needs root, setpriv, prlimit";
  if (TAIRLINT_THREAD_SANITIZER || TAIRLINT_ADDRESS_SANITIZER) {
    GTEST_SKIP() << "the sanitizers' own threads (LeakSanitizer's at exit) count towards the limit too";
  }
  const std::string dir = Dir("threads");
  for (int i = 0; i < 300; ++i) Write(dir + "/specs/r" + std::to_string(i) + ".json", kInvalid);
  const ShellRun one = RunShell("cd '" + dir + "' && '" + CliPath() + "' check --no-config --format json --jobs 1 specs");
  // RLIMIT_NPROC holds for a user without privileges: nobody (65534).
  const ShellRun few = RunShell("cd '" + dir + "' && prlimit --nproc=6 setpriv --reuid=65534 --regid=65534 --clear-groups '" + CliPath() +
                                "' check --no-config --format json --jobs 256 specs 2>'" + ScratchPath("threads.err") + "'");
  const std::string err = Read(ScratchPath("threads.err"));
  EXPECT_EQ(few.status, 1) << err;  // -1: aborted on std::system_error
  EXPECT_TRUE(few.out == one.out) << few.out.substr(0, 300);
  EXPECT_NE(err.find(" of 256 jobs (Resource temporarily unavailable); going on with "), std::string::npos) << err;
}

TEST(Inputs, AClosedStandardInputIsAReadError) {
  const std::string dir = Dir("stdin");
  const ShellRun r = RunShell("cd '" + dir + "' && '" + CliPath() + "' check --no-config --format json - <&-");
  EXPECT_EQ(r.status, 1);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["files"][0]["findings"][0]["rule"], "read-error");
  EXPECT_EQ(j["files"][0]["findings"][0]["message"], std::string("cannot read stdin: ") + std::strerror(EBADF));
}

// A file of a folder is opened without waiting and must still be a regular
// file (a FIFO put in its place after the listing made the run wait for
// ever); a path named on the command line is read whatever it is.
TEST(Inputs, AFifoInPlaceOfAListedFileIsNotWaitedFor) {
  const std::string dir = Dir("fifo");
  const std::string fifo = dir + "/specs/a.json";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  std::string text, error;
  EXPECT_FALSE(cli::ReadInput(fifo, /*named=*/false, &text, &error, 1 << 20));  // a hang would end the test run
  EXPECT_EQ(error, "not a regular file (it was one when the folder was listed)");
  std::thread writer([&] { std::ofstream(fifo) << kValid; });
  error.clear();
  EXPECT_TRUE(cli::ReadInput(fifo, /*named=*/true, &text, &error, 1 << 20)) << error;
  writer.join();
  EXPECT_EQ(text, kValid);
}

}  // namespace
}  // namespace tairlint::testing
