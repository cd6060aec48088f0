#include "inputs.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace tairlint::cli {
namespace {

const std::vector<std::string> kDefaultInclude = {"*.json", "*.yaml", "*.yml", "*.query"};
const std::vector<std::string> kDefaultExclude = {".git",  ".hg",  ".svn",   "node_modules", "build",
                                                  "build-*", "cmake-build-*", "out", "dist", ".venv"};

std::string Generic(const fs::path& p) { return p.generic_string(); }

// The working directory, asked once (a run over many files would otherwise
// ask the kernel four times a file).
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
// to nothing is kept, to be reported as unreadable. Subfolders that cannot
// be read are skipped; `error` is set only when `dir` itself cannot be.
// readdir's file types save a stat per file (docs/performance.md).
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
// paths inside it, byte by byte. Names in a directory often share a long
// prefix (`req-00001.json`, ...), so each is first ordered by the 8 bytes
// after the prefix they all share, and only ties are compared whole
// (docs/performance.md).
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

}  // namespace

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

std::string RelativeToWorkingDirectory(const std::string& path) {
  fs::path rel = fs::path(path).lexically_normal().lexically_relative(WorkingDirectory());
  return !rel.empty() && rel.begin()->string() != ".." ? Generic(rel) : path;
}

}  // namespace tairlint::cli
