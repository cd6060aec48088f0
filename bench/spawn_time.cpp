// Wall time of whole processes: runs a command N times with posix_spawn
// (no shell in between, so the figure is the command's own start-up and
// work, not a shell's fork), waits for each, and prints one JSON object:
//   {"runs": N, "min_ms": ..., "median_ms": ..., "max_ms": ..., "max_rss_kb": ...,
//    "exit": [codes seen]}
// max_rss_kb is the largest peak resident set of the runs (from wait4).
//
//   spawn_time N [--stdout FILE] -- COMMAND [ARGS...] [::: COMMAND [ARGS...]]...
//
// Commands separated by ::: start together, and a run lasts until the last
// one ends: two processes over two halves of a corpus show what the
// machine's two cores give for the work when nothing is shared.
// stdout of the commands is appended to FILE (default /dev/null); stderr is
// kept.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

extern char** environ;

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: spawn_time N [--stdout FILE] -- COMMAND [ARGS...] [::: COMMAND [ARGS...]]...\n");
    return 2;
  }
  int runs = atoi(argv[1]);
  const char* out = "/dev/null";
  int i = 2;
  if (strcmp(argv[i], "--stdout") == 0 && i + 1 < argc) {
    out = argv[i + 1];
    i += 2;
  }
  if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc || runs < 1) {
    fprintf(stderr, "usage: spawn_time N [--stdout FILE] -- COMMAND [ARGS...] [::: COMMAND [ARGS...]]...\n");
    return 2;
  }
  std::vector<char**> cmds = {argv + i + 1};
  for (int k = i + 1; k < argc; ++k) {
    if (strcmp(argv[k], ":::") != 0) continue;
    argv[k] = nullptr;  // ends the command before it
    if (k + 1 >= argc) {
      fprintf(stderr, "spawn_time: a command is missing after :::\n");
      return 2;
    }
    cmds.push_back(argv + k + 1);
  }
  std::vector<double> ms;
  std::set<int> codes;
  long max_rss_kb = 0;
  for (int r = 0; r < runs; ++r) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_APPEND, 0644);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<pid_t> pids;
    for (char** cmd : cmds) {
      pid_t pid;
      int rc = posix_spawnp(&pid, cmd[0], &fa, nullptr, cmd, environ);
      if (rc != 0) {
        fprintf(stderr, "spawn_time: cannot run %s: %s\n", cmd[0], strerror(rc));
        return 2;
      }
      pids.push_back(pid);
    }
    posix_spawn_file_actions_destroy(&fa);
    struct rusage usage {};
    for (pid_t pid : pids) {
      int status = 0;
      if (wait4(pid, &status, 0, &usage) < 0) {
        perror("spawn_time: wait4");
        return 2;
      }
      max_rss_kb = std::max(max_rss_kb, static_cast<long>(usage.ru_maxrss));
      codes.insert(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    }
    auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  double median = sorted.size() % 2 ? sorted[sorted.size() / 2]
                                    : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
  printf("{\"runs\": %d, \"min_ms\": %.3f, \"median_ms\": %.3f, \"max_ms\": %.3f, \"max_rss_kb\": %ld, \"exit\": [",
         runs, sorted.front(), median, sorted.back(), max_rss_kb);
  bool first = true;
  for (int c : codes) {
    printf("%s%d", first ? "" : ", ", c);
    first = false;
  }
  printf("]}\n");
  return 0;
}
