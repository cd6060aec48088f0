#include "check.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "../lib/src/core/sanitizers.h"
#include "config.h"
#include "cpu_placement.h"
#include "io.h"
#include "prefault.h"
#include "tairlint/tairlint.h"

namespace fs = std::filesystem;

namespace tairlint::cli {
namespace {

const std::vector<std::string> kDefaultInclude = {"*.json", "*.yaml", "*.yml", "*.query"};
const std::vector<std::string> kDefaultExclude = {".git",  ".hg",  ".svn",   "node_modules", "build",
                                                  "build-*", "cmake-build-*", "out", "dist", ".venv"};

// With two jobs or more, the workers start (and prepare: Crew) once this
// many files are found, while the listing goes on. Fewer files do not pay
// for threads that load both actions' schemas: a one-file folder took 7 ms
// instead of 3.9 when they started before any file was found.
constexpr size_t kManyFiles = 256;

// Where files come from: a path named on the command line (a file, or
// standard input), or a directory searched.
struct Source {
  std::string shown;       // as shown in reports
  std::string match;       // relative to the configuration's directory, for globs
  std::string read_error;  // set when it cannot be read
  bool is_stdin = false;
};

// One file to check: a named file is its source; a file found in a directory
// is its path below it, kept with the others in Inputs::names. So a list of
// 10,000 files holds little more than their names, in one block: building
// it once took half of a two-thread run's serial part.
struct Input {
  size_t name = 0;          // in Inputs::names
  uint32_t name_size = 0;   // 0 for a named file
  uint32_t source = 0;
};

struct Inputs {
  std::vector<Source> sources;
  std::vector<Input> files;
  std::string names;
  std::string_view inside(const Input& in) const { return std::string_view(names).substr(in.name, in.name_size); }
};

std::string Generic(const fs::path& p) { return p.generic_string(); }

// The working directory, asked once (a run over 10,000 files would
// otherwise ask the kernel 40,000 times).
const fs::path& WorkingDirectory() {
  static const fs::path cwd = [] {
    std::error_code ec;
    return fs::current_path(ec);
  }();
  return cwd;
}

// The path globs see: relative to the configuration's directory.
std::string MatchPath(const std::string& path, const Config& config) {
  fs::path p(path);
  fs::path abs = p.is_absolute() ? p : WorkingDirectory() / p;
  const fs::path& base = config.dir.empty() ? WorkingDirectory() : fs::path(config.dir);
  fs::path rel = abs.lexically_normal().lexically_relative(base);
  return rel.empty() ? Generic(fs::path(path).lexically_normal()) : Generic(rel);
}

bool AnyMatch(const std::vector<Glob>& globs, std::string_view path) {
  return std::any_of(globs.begin(), globs.end(), [&](const Glob& g) { return g.Matches(path); });
}

// `base/rest`, written into `out`.
void JoinPath(std::string_view base, std::string_view rest, std::string* out) {
  out->clear();
  if (!base.empty() && base != ".") {
    out->append(base);
    if (base.back() != '/') out->push_back('/');
  }
  out->append(rest);
}

std::string JoinPath(std::string_view base, std::string_view rest) {
  std::string out;
  JoinPath(base, rest, &out);
  return out;
}

// Appends the files below the directory `dir` that `include` matches and
// `exclude` does not (by their paths relative to `dir_match`: what globs
// see), as paths below `dir`. Excluded folders are not entered; only
// regular files are kept, and links to them: links to folders are not
// followed (no loops), and FIFOs, sockets and devices are skipped; a link
// to nothing is kept, to be reported as unreadable. Subfolders that cannot be read are skipped; `error`
// is set only when `dir` itself cannot be. readdir's file types save a stat
// per file: a run over 10,000 files spent 27 ms here with
// std::filesystem's iterator and path objects, all before any check.
// The report's own file (`report`, when it is a file) is never an input:
// `-o specs/report.json specs` does not check its own report.
struct ReportFile {
  bool known = false;
  dev_t dev = 0;
  ino_t ino = 0;
  std::string name;  // the last part of its path, when it was named with -o
  bool Is(const struct stat& st) const { return known && st.st_dev == dev && st.st_ino == ino; }
};

void SearchDirectory(const std::string& dir, const std::string& dir_match, const std::vector<Glob>& include,
                     const std::vector<Glob>& exclude, const ReportFile& report, uint32_t source, Inputs* out,
                     std::string* error, const std::function<void()>& found_many) {
  struct Pending {
    std::string path;    // to open
    std::string inside;  // below `dir`, without a leading slash; empty for `dir`
  };
  std::vector<Pending> pending = {{dir, ""}};
  std::string inside, rel;
  while (!pending.empty()) {
    Pending d = std::move(pending.back());
    pending.pop_back();
    DIR* handle = opendir(d.path.c_str());
    if (handle == nullptr) {
      if (d.inside.empty()) *error = std::strerror(errno);
      continue;
    }
    while (const dirent* e = readdir(handle)) {
      const char* name = e->d_name;
      if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
      unsigned char type = e->d_type;
      struct stat st;
      if (type == DT_UNKNOWN) {  // some file systems do not say
        type = fstatat(dirfd(handle), name, &st, AT_SYMLINK_NOFOLLOW) != 0 ? DT_REG
               : S_ISLNK(st.st_mode)                                     ? DT_LNK
               : S_ISDIR(st.st_mode)                                     ? DT_DIR
               : S_ISREG(st.st_mode)                                     ? DT_REG
                                                                         : DT_FIFO;
      }
      // Only regular files are searched for: opening a FIFO found here
      // would wait for a writer for ever, and a device or a socket holds no
      // request. (Named on the command line, any file is read.)
      if (type == DT_FIFO || type == DT_SOCK || type == DT_CHR || type == DT_BLK) continue;
      if (type == DT_LNK && fstatat(dirfd(handle), name, &st, 0) == 0 && (!S_ISREG(st.st_mode) || report.Is(st))) {
        continue;
      }
      if (type == DT_REG && report.known && (e->d_ino == report.ino || report.name == name) &&
          fstatat(dirfd(handle), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && report.Is(st)) {
        continue;
      }
      JoinPath(d.inside, name, &inside);
      JoinPath(dir_match, inside, &rel);
      if (type == DT_DIR) {
        if (!AnyMatch(exclude, rel)) {
          pending.push_back({d.path.back() == '/' ? d.path + name : d.path + "/" + name, inside});
        }
      } else if (AnyMatch(include, rel) && !AnyMatch(exclude, rel)) {
        out->files.push_back({out->names.size(), static_cast<uint32_t>(inside.size()), source});
        out->names += inside;
        if (out->files.size() == kManyFiles) found_many();
      }
    }
    closedir(handle);
  }
}

// Sorts the files from `first` on (all found below one directory) by their
// paths inside it, byte by byte. The names in a directory often share a long
// prefix (`req-00001.json`, `req-00002.json`, ...), so each is first ordered
// by the 8 bytes that follow the prefix they all share, and only names that
// tie there are compared whole: 10,000 such names took 1.2 ms to sort by
// string comparisons, serial time before any file is checked.
void SortInside(Inputs* out, size_t first) {
  const auto begin = out->files.begin() + static_cast<std::ptrdiff_t>(first);
  const size_t n = out->files.size() - first;
  if (n < 2) return;
  const std::string_view head = out->inside(begin[0]);
  size_t shared = head.size();
  for (size_t i = 1; i < n && shared > 0; ++i) {
    const std::string_view s = out->inside(begin[i]);
    size_t k = 0;
    while (k < shared && k < s.size() && s[k] == head[k]) ++k;
    shared = k;
  }
  struct Keyed {
    uint64_t key;  // the 8 bytes after `shared`, the first one highest; 0 past the end (a name holds no 0 byte)
    uint32_t index;
  };
  std::vector<Keyed> keyed(n);
  for (size_t i = 0; i < n; ++i) {
    const std::string_view s = out->inside(begin[i]);
    uint64_t key = 0;
    for (size_t k = shared; k < shared + 8; ++k) key = key << 8 | (k < s.size() ? static_cast<unsigned char>(s[k]) : 0u);
    keyed[i] = {key, static_cast<uint32_t>(i)};
  }
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.key != b.key) return a.key < b.key;
    return out->inside(begin[a.index]) < out->inside(begin[b.index]);
  });
  std::vector<Input> sorted(n);
  for (size_t i = 0; i < n; ++i) sorted[i] = begin[keyed[i].index];
  std::copy(sorted.begin(), sorted.end(), begin);
}

// Files as given; directories searched (sorted, for a stable order) for the
// included patterns, skipping excluded files and folders. `found_many` is
// called once kManyFiles are found, when the listing may still go on.
Inputs Expand(const CheckArgs& args, const Config& config, const ReportFile& report,
              const std::function<void()>& found_many) {
  std::vector<Glob> include, exclude;
  for (const std::string& g : !args.include.empty()     ? args.include
                              : !config.include.empty() ? config.include
                                                        : kDefaultInclude) {
    include.emplace_back(g);
  }
  for (const auto* globs : {&kDefaultExclude, &config.exclude, &args.exclude}) {
    for (const std::string& g : *globs) exclude.emplace_back(g);
  }
  Inputs out;
  auto named = [&](Source s) {
    out.files.push_back({0, 0, static_cast<uint32_t>(out.sources.size())});
    out.sources.push_back(std::move(s));
    if (out.files.size() == kManyFiles) found_many();
  };
  for (const std::string& p : args.paths) {
    if (p == "-") {
      std::string name = args.stdin_filename.empty() ? "-" : args.stdin_filename;
      named({name, args.stdin_filename.empty() ? "-" : MatchPath(name, config), "", true});
      continue;
    }
    struct stat st;
    const bool known = stat(p.c_str(), &st) == 0;
    if (!known && errno == ENOENT) {
      named({p, MatchPath(p, config), "no such file or directory", false});
      continue;
    }
    if (!known || !S_ISDIR(st.st_mode)) {
      // Named files are always checked; one whose status cannot be had (a
      // link to itself, a path below a file, a folder it may not enter)
      // fails to open, and reading says why.
      named({p, MatchPath(p, config), "", false});
      continue;
    }
    const auto source = static_cast<uint32_t>(out.sources.size());
    out.sources.push_back({Generic(fs::path(p).lexically_normal()), MatchPath(p, config), "", false});
    const size_t first = out.files.size();
    std::string error;
    SearchDirectory(p, out.sources.back().match, include, exclude, report, source, &out, &error, found_many);
    if (!error.empty()) {
      out.files.resize(first);
      named({p, out.sources.back().match, "cannot read the directory: " + error, false});
      continue;
    }
    // All below one directory: their shown paths sort as their paths inside.
    SortInside(&out, first);
  }
  return out;
}

// The path shown in reports (and read), and the path globs see.
std::string ShownPath(const Inputs& inputs, const Input& in) {
  const Source& s = inputs.sources[in.source];
  return in.name_size == 0 ? s.shown : JoinPath(s.shown, inputs.inside(in));
}
std::string MatchPathOf(const Inputs& inputs, const Input& in) {
  const Source& s = inputs.sources[in.source];
  return in.name_size == 0 ? s.match : JoinPath(s.match, inputs.inside(in));
}

Finding ToolFinding(const std::string& rule, Severity severity, std::string detail, int line, int column) {
  Finding f;
  f.rule = rule;
  f.severity = severity;
  f.message = f.detail = std::move(detail);
  f.line = line;
  f.column = column;
  f.end_line = line;  // no extent: the end is the start
  f.end_column = column;
  return f;
}

bool PointerCovers(const std::string& ignore, const std::string& pointer) {
  return ignore.empty() || pointer == ignore ||
         (pointer.size() > ignore.size() && pointer.compare(0, ignore.size(), ignore) == 0 &&
          pointer[ignore.size()] == '/');
}

// Drops the findings that an [[ignore]] entry covers, marking it used.
void Suppress(Config* config, const std::string& match_path, Result* result) {
  if (config->ignores.empty()) return;
  auto& fs = result->findings;
  fs.erase(std::remove_if(fs.begin(), fs.end(),
                          [&](const Finding& f) {
                            bool dropped = false;
                            for (Ignore& ig : config->ignores) {
                              if (GlobMatch(ig.files, match_path) && PointerCovers(ig.pointer, f.pointer) &&
                                  (ig.rule.empty() || ig.rule == f.rule) && (ig.code.empty() || ig.code == f.code)) {
                                ig.used = true;
                                dropped = true;
                              }
                            }
                            return dropped;
                          }),
           fs.end());
}

bool UseColor(const CheckArgs& args) {
  if (args.color == "always") return true;
  if (args.color == "never" || !args.output_file.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(STDOUT_FILENO) != 0;
}

// `workers` workers, the calling thread among them: the others are threads
// that may start before their work is known. Each of those first runs
// `prepare` (its heap, its file table, perhaps its copy of the schemas),
// then waits for Run. Started while the files are still being listed, that
// preparation (about 2 ms a thread) overlaps the listing instead of
// following it. They start and prepare on other CPUs than the calling
// thread's (cpu_placement.h), which goes on working. Run(work, n) runs
// work(0) on the calling thread and hands work(1) ... work(n - 1) to the
// first threads, and returns when all are done; threads beyond n, and all
// of them if Run is never called, end without work. (With the calling
// thread only waiting, as it once did, the two-job run had one thread more
// than the machine had cores while it listed.)
class Crew {
 public:
  Crew(unsigned workers, std::function<void()> prepare) : prepare_(std::move(prepare)) {
    // A thread gives its CPUs back under the lock: after it was sent away.
    // A thread that cannot be made (too many for the system's limits or
    // its memory) is not an error: the work goes to those there are.
    std::lock_guard<std::mutex> lock(mu_);
    for (unsigned t = 1; t < workers; ++t) {
      try {
        threads_.emplace_back([this, t] { Main(t); });
      } catch (const std::system_error& e) {
        Diagnose("could start " + std::to_string(t) + " of " + std::to_string(workers) + " jobs (" + e.what() +
                 "); going on with " + std::to_string(t));
        break;
      }
      away_.Send(threads_.back());
    }
  }
  ~Crew() { Run(nullptr, 0); }
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;
  void Run(std::function<void(unsigned)> work, unsigned active) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (released_) return;
      work_ = std::move(work);
      active_ = active;
      released_ = true;
    }
    go_.notify_all();
    if (active > 0 && work_) work_(0);
    for (std::thread& t : threads_) t.join();
  }

 private:
  void Main(unsigned me) {
    prepare_();
    std::unique_lock<std::mutex> lock(mu_);
    away_.Release();
    go_.wait(lock, [this] { return released_; });
    lock.unlock();
    if (me < active_ && work_) work_(me);
  }
  std::function<void()> prepare_;
  const AwayFromHere away_;  // made before the threads, which read it
  std::mutex mu_;
  std::vector<std::thread> threads_;
  std::condition_variable go_;
  bool released_ = false;
  std::function<void(unsigned)> work_;
  unsigned active_ = 0;
};

}  // namespace

int RunCheck(const CheckArgs& args) {
  auto start = std::chrono::steady_clock::now();

  // ---- configuration
  Config config;
  std::string config_path;
  if (!args.no_config && !args.config.empty()) {
    config_path = args.config;
  } else if (!args.no_config) {
    std::vector<std::string> skipped;
    config_path = FindConfig(".", &skipped);
    for (const std::string& why : skipped) Diagnose(why);
  }
  if (!config_path.empty()) {
    std::string error;
    if (!LoadConfig(config_path, &config, &error)) {
      Diagnose(error);
      return kToolError;
    }
  }
  CheckOptions base;
  base.limits = args.limits;
  // The library goes no deeper than kMaxDepthLimit whatever it is given; a
  // larger --max-depth is said to be lowered, as --jobs is.
  if (base.limits.max_depth > kMaxDepthLimit) {
    Diagnose("--max-depth " + std::to_string(base.limits.max_depth) + " is more than " +
             std::to_string(kMaxDepthLimit) + "; using " + std::to_string(kMaxDepthLimit));
    base.limits.max_depth = kMaxDepthLimit;
  }
  base.action = ParseAction(args.action);
  ParseInputFormat(args.input_format, &base.format);
  base.severity = config.severity;
  std::string fail_on = !args.fail_on.empty() ? args.fail_on : !config.fail_on.empty() ? config.fail_on : "error";

  CheckerConfig checker_config;
  checker_config.catalog_files = config.catalogs;
  checker_config.catalog_files.insert(checker_config.catalog_files.end(), args.catalogs.begin(), args.catalogs.end());
  // A catalog the checker cannot load is its error (said, escaped, exit
  // 2); one it cannot even hold (std::bad_alloc) is said the same way
  // rather than ending the process.
  std::unique_ptr<Checker> loaded;
  try {
    loaded = std::make_unique<Checker>(checker_config);
  } catch (const std::exception& e) {
    Diagnose(std::string("cannot load the catalogs: ") + e.what());
    return kToolError;
  }
  Checker& checker = *loaded;
  if (!checker.ok()) {
    Diagnose(checker.error());
    return kToolError;
  }

  // ---- the report, written as the results come (in input order)
  //
  // A report file is opened before the inputs are listed, but emptied only
  // once it is known to be none of them: `-o a.json a.json` would
  // otherwise destroy the request before reading it. A named input that is
  // the report (the same path, or the same file by device and inode: a
  // link) is refused, and so are the configuration and the catalogs, read
  // already; a folder searched skips it.
  ReportFile report_file;
  int out_fd = -1;
  std::string out_name = "standard output";
  if (!args.output_file.empty()) {
    out_name = args.output_file;
    std::error_code ec;
    const fs::path report_path = fs::absolute(args.output_file, ec).lexically_normal();
    auto refuse = [&](const std::string& input) {
      Diagnose("not writing the report to " + args.output_file + ": it is an input of this run (" + input +
               "); choose another --output-file");
      return kToolError;
    };
    std::vector<std::string> named;  // every file the run reads that a path names
    for (const std::string& p : args.paths) {
      if (p != "-") named.push_back(p);
    }
    if (!config.path.empty()) named.push_back(config.path);
    named.insert(named.end(), checker_config.catalog_files.begin(), checker_config.catalog_files.end());
    for (const std::string& p : named) {
      if (fs::absolute(p, ec).lexically_normal() == report_path) return refuse(p);
    }
    bool created = true;
    out_fd = open(args.output_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (out_fd < 0 && errno == EEXIST) {
      created = false;
      out_fd = open(args.output_file.c_str(), O_WRONLY | O_CLOEXEC);
    }
    struct stat st;
    if (out_fd < 0 || fstat(out_fd, &st) != 0) {
      Diagnose("cannot write " + args.output_file + ": " + std::strerror(errno));
      if (out_fd >= 0) close(out_fd);
      return kToolError;
    }
    report_file = {true, st.st_dev, st.st_ino, fs::path(args.output_file).filename().string()};
    struct stat in;
    const bool reads_stdin = std::find(args.paths.begin(), args.paths.end(), "-") != args.paths.end();
    if (reads_stdin) named.push_back("-");
    for (const std::string& p : named) {
      const bool same = p == "-" ? fstat(STDIN_FILENO, &in) == 0 && report_file.Is(in)
                                 : stat(p.c_str(), &in) == 0 && report_file.Is(in);
      if (same) {
        close(out_fd);
        if (created) unlink(args.output_file.c_str());
        return refuse(p == "-" ? "standard input" : p);
      }
    }
  } else {
    // Standard output sent to a file in a folder searched: not an input either.
    struct stat st;
    if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)) report_file = {true, st.st_dev, st.st_ino, ""};
  }
  // Not on a terminal, the report is written 64 KB at a time instead of
  // stdio's 4 KB (a page): 10,000 files in the JSON format make about 2 MB,
  // and with two jobs each write happens under the report's lock.
  static char out_buffer[64 << 10];
  static bool stdout_buffered = false;
  FILE* out = stdout;
  if (out_fd >= 0) {
    out = fdopen(out_fd, "w");
    if (out == nullptr) {
      Diagnose("cannot write " + args.output_file + ": " + std::strerror(errno));
      close(out_fd);
      return kToolError;
    }
    setvbuf(out, out_buffer, _IOFBF, sizeof out_buffer);
  } else if (!stdout_buffered && isatty(STDOUT_FILENO) == 0) {
    stdout_buffered = setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer) == 0;
  }
  // The first write error (a full disk, a closed standard output, a reader
  // gone with SIGPIPE ignored) ends the writing, and the run exits 2 saying
  // why: a report lost must not look like a clean run. (With several jobs,
  // the sink is called under the report's lock.)
  int write_error = 0;
  auto sink = [&](std::string_view text) {
    if (write_error != 0 || text.empty()) return;
    errno = 0;
    if (fwrite(text.data(), 1, text.size(), out) != text.size()) write_error = errno != 0 ? errno : EIO;
  };
  ReportOptions ro;
  ro.color = args.format == "text" && UseColor(args);
  ro.summary = !args.quiet;
  std::unique_ptr<ReportWriter> writer = ReportWriter::Create(args.format, ro, sink);
  if (writer == nullptr) writer = ReportWriter::Create("text", ro, sink);

  // With two jobs or more, this thread is one worker and the others start
  // as soon as there are many files (kManyFiles) and prepare, on other CPUs
  // (Crew), while this thread lists the rest: their heap, their file table,
  // and (early only) their copy of the schemas of the actions the files
  // may hold. Started after the listing, they load the schemas they need on
  // their first check, as this thread does.
  unsigned max_jobs = args.jobs != 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (max_jobs > kMaxJobs) {
    if (args.jobs != 0) {
      Diagnose("--jobs " + std::to_string(args.jobs) + " is more than " + std::to_string(kMaxJobs) + "; using " +
               std::to_string(kMaxJobs));
    }
    max_jobs = kMaxJobs;
  }
  std::optional<Crew> crew;
  const Action prepared = config.actions.empty() ? base.action : Action::Unknown;
  auto prepare = [&checker, prepared](bool early) {
    // One growth of this thread's heap instead of an mprotect for every
    // further page it needs: glibc grows a thread's heap a page at a time,
    // and a two-worker run over 10,000 files made 656 such calls (7 now).
    // Its first 512 KB are mapped at once (prefault.h): a two-worker run
    // over 10,000 files faulted in about 230 fewer pages.
    PrefaultHeap(size_t{4} << 20, size_t{512} << 10);
#if defined(__linux__) && !TAIRLINT_THREAD_SANITIZER
    // A table of file descriptors of its own: the files a worker opens
    // are its own business, and with one shared table both workers'
    // open and close take its lock and write its cache lines (measured:
    // reading took 15-25% longer with two workers than with one; about
    // 3% of a two-worker run's time). Descriptors open now (the report's
    // output) stay valid in the copy. Where it is refused (a sandbox),
    // the shared table only costs that time. ThreadSanitizer builds keep
    // it: TSan models one table per process, so a worker's descriptor 3
    // and the main thread's would be one to it, and a race.
    (void)unshare(CLONE_FILES);
#endif
    if (early) checker.Prepare(prepared);
  };
  auto found_many = [&] {
    if (max_jobs > 1 && !crew) crew.emplace(max_jobs, [&prepare] { prepare(true); });
  };
  const Inputs all = Expand(args, config, report_file, found_many);
  // The inputs are known, and the report is none of them: now it may be emptied.
  if (out_fd >= 0) {
    struct stat st;
    if (fstat(out_fd, &st) == 0 && S_ISREG(st.st_mode) && ftruncate(out_fd, 0) != 0) write_error = errno;
  }
  const std::vector<Input>& inputs = all.files;
  std::string stdin_text, stdin_error;
  if (std::any_of(all.sources.begin(), all.sources.end(), [](const Source& s) { return s.is_stdin; })) {
    ReadDescriptor(STDIN_FILENO, &stdin_text, &stdin_error, base.limits.max_bytes);
  }
  // The options for one file: the configuration's [[actions]] may name its
  // action.
  const bool per_file_action = base.action == Action::Unknown && !config.actions.empty();
  auto check_one = [&](size_t i, const std::string& path) {
    const Input& in = inputs[i];
    const Source& source = all.sources[in.source];
    Result result;
    std::string text, error = in.name_size == 0 ? source.read_error : "";
    bool ok = error.empty();
    if (ok && in.name_size == 0 && source.is_stdin) {
      ok = stdin_error.empty();
      error = stdin_error;
      text = stdin_text;
    } else if (ok) {
      ok = ReadInput(path, /*named=*/in.name_size == 0, &text, &error, base.limits.max_bytes);
    }
    if (ok && per_file_action) {
      CheckOptions o = base;
      const std::string match = MatchPathOf(all, in);
      for (const ActionFor& a : config.actions) {
        if (GlobMatch(a.files, match)) o.action = a.action;
      }
      result = checker.Check(text, o);
    } else if (ok) {
      result = checker.Check(text, base);
    } else {
      Severity sev = Severity::Error;
      if (Checker::ApplySeverity(base, "read-error", &sev)) {
        const bool from_stdin = in.name_size == 0 && source.is_stdin;
        result.findings.push_back(
            ToolFinding("read-error", sev, (from_stdin ? "cannot read stdin: " : "cannot read the file: ") + error, 1, 1));
      }
    }
    return result;
  };

  // In input order: token clashes across files, suppressions, the verdict,
  // the report. Then the file's findings are gone: memory does not grow
  // with the number of files.
  Severity threshold = fail_on == "warning" ? Severity::Warning : Severity::Error;
  bool failed = false;
  TokenLedger ledger;
  // The idempotency ledger and the report's steps take about 200 bytes a
  // file (prefault.h); at most 4 MB, so that peak memory does not follow the
  // number of files further than the ledger itself does.
  const size_t ahead = std::min<size_t>(inputs.size() * 200, size_t{4} << 20);
  PrefaultHeap(ahead, ahead);
  ledger.Reserve(inputs.size());
  // `rendered`: the report's text, rendered by a worker before the steps
  // below; used when they changed nothing.
  auto emit = [&](FileReport& report, const Input* in, const std::optional<std::string>& rendered) {
    const size_t before = report.result.findings.size();
    size_t after_ledger = before;
    if (in != nullptr) {
      ledger.Record(report.path, &report.result, base);  // only adds (reads only the severities)
      after_ledger = report.result.findings.size();
      if (!config.ignores.empty()) Suppress(&config, MatchPathOf(all, *in), &report.result);  // only removes
    }
    for (const Finding& f : report.result.findings) {
      failed = failed || (fail_on != "never" && f.severity >= threshold);
    }
    if (args.quiet) {  // only what fails the run
      auto& fs = report.result.findings;
      fs.erase(std::remove_if(fs.begin(), fs.end(),
                              [&](const Finding& f) { return fail_on == "never" || f.severity < threshold; }),
               fs.end());
    }
    bool unchanged = after_ledger == before && report.result.findings.size() == before;
    if (rendered && unchanged) {
      writer->AddRendered(report, *rendered);
    } else {
      writer->Add(report);
    }
  };

  const unsigned jobs = static_cast<unsigned>(std::min<size_t>(max_jobs, inputs.size()));
  if (jobs <= 1) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      std::string path = ShownPath(all, inputs[i]);
      FileReport report;
      report.result = check_one(i, path);
      report.path = std::move(path);
      emit(report, &inputs[i], std::nullopt);
    }
  } else {
    // `jobs` workers check files in chunks, in any order, at most `window`
    // ahead of the next file to report. Whoever finishes a chunk reports
    // every file that is ready in order, under the lock: no thread waits on
    // another except when the window is full, and the lock is taken once per
    // chunk, not per file. (Reporting outside the lock, by one worker at a
    // time, measured the same.) This thread is worker 0.
    const size_t chunk = std::max<size_t>(1, std::min<size_t>(16, inputs.size() / (8 * jobs)));
    const size_t window = 64 * chunk * static_cast<size_t>(jobs);
    struct Checked {
      FileReport report;
      std::optional<std::string> rendered;  // by the worker, when the format allows
    };
    // The window's chunks, by chunk number: a finished chunk is handed over
    // whole. (A slot per file, 2,048 of them made before any work, took
    // 1.1 ms of the run's serial part to fault in.)
    struct Chunk {
      bool ready = false;
      unsigned worker = 0;  // who checked it
      std::vector<Checked> files;
    };
    std::vector<Chunk> chunks(window / chunk);
    // Chunks reported, by the worker that checked them: each worker frees
    // its own (outside the lock). Freed by the reporting thread, the blocks
    // of the other worker's heap went back through that heap's lock.
    std::vector<std::vector<std::vector<Checked>>> reported_chunks(jobs);
    std::mutex mu;
    std::condition_variable space;
    size_t reported = 0;  // files handed to the report so far
    std::atomic<size_t> next{0};
    auto work = [&](unsigned me) {
      std::vector<std::vector<Checked>> spent;
      for (size_t begin; (begin = next.fetch_add(chunk)) < inputs.size();) {
        const size_t end = std::min(inputs.size(), begin + chunk);
        {
          std::unique_lock<std::mutex> lock(mu);
          space.wait(lock, [&] { return end <= reported + window; });
          spent.swap(reported_chunks[me]);
        }
        spent.clear();
        std::vector<Checked> done;
        done.reserve(end - begin);
        for (size_t i = begin; i < end; ++i) {
          Checked& c = done.emplace_back();
          c.report.path = ShownPath(all, inputs[i]);
          c.report.result = check_one(i, c.report.path);
          c.rendered = writer->Render(c.report);
        }
        std::lock_guard<std::mutex> lock(mu);
        chunks[begin / chunk % chunks.size()] = {true, me, std::move(done)};
        const size_t first = reported;
        while (reported < inputs.size()) {
          Chunk& c = chunks[reported / chunk % chunks.size()];
          if (!c.ready) break;
          for (Checked& f : c.files) {
            emit(f.report, &inputs[reported], f.rendered);
            ++reported;
          }
          reported_chunks[c.worker].push_back(std::move(c.files));
          c = Chunk();
        }
        if (reported != first) space.notify_all();
      }
    };
    if (!crew) crew.emplace(jobs, [&prepare] { prepare(false); });
    crew->Run(work, jobs);
  }

  FileReport config_report;
  // shown like the other paths: relative to the working directory when under it
  fs::path rel = fs::path(config.path).lexically_normal().lexically_relative(WorkingDirectory());
  config_report.path = !rel.empty() && rel.begin()->string() != ".." ? Generic(rel) : config.path;
  for (const Ignore& ig : config.ignores) {
    Severity sev = Severity::Warning;
    if (!ig.used && Checker::ApplySeverity(base, "unused-suppression", &sev)) {
      config_report.result.findings.push_back(ToolFinding(
          "unused-suppression", sev,
          "this [[ignore]] entry matched no finding; remove it if what it suppressed is gone", ig.line, ig.column));
    }
  }
  if (!config_report.result.findings.empty()) emit(config_report, nullptr, std::nullopt);
  writer->Finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

  errno = 0;
  if (fflush(out) != 0 && write_error == 0) write_error = errno != 0 ? errno : EIO;
  if (ferror(out) && write_error == 0) write_error = EIO;
  if (out != stdout) {
    errno = 0;
    if (fclose(out) != 0 && write_error == 0) write_error = errno != 0 ? errno : EIO;
  }
  if (write_error != 0) {
    Diagnose("cannot write the report to " + out_name + ": " + std::strerror(write_error));
    return kToolError;
  }
  return failed ? kFindings : kClean;
}

}  // namespace tairlint::cli
