#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <vector>

#include <toml++/toml.h>

#include "io.h"

namespace fs = std::filesystem;

namespace tairlint::cli {

std::string FindConfig(const std::string& start, std::vector<std::string>* skipped) {
  std::error_code ec;
  const fs::path from = fs::absolute(start, ec).lexically_normal();
  if (ec) return "";
  // The repository's top: the nearest folder holding `.git` (a folder, or
  // a file in a worktree), from `start` up.
  fs::path repository;
  for (fs::path dir = from;; dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) {
      repository = dir;
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
  }
  bool inside = !repository.empty();  // while climbing from `start` to `repository`
  for (fs::path dir = from;; dir = dir.parent_path()) {
    const fs::path candidate = dir / ".tairlint.toml";
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      const bool owned = st.st_uid == geteuid() || st.st_uid == 0;
      const bool shared = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
      if (inside || (owned && !shared)) return candidate.string();
      if (skipped != nullptr) {
        skipped->push_back("skipped " + candidate.string() + ": it is outside this repository and " +
                           (!owned ? "owned by uid " + std::to_string(st.st_uid) + ", not by you or root"
                                   : std::string("writable by group or others")) +
                           " (name it with --config to use it)");
      }
    }
    if (dir == repository) inside = false;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return "";
  }
}

namespace {

// Matches one glob against one path, both with `/` separators. `**` spans
// any number of segments (including none; a `/` right after it is part of
// it), `*` and `?` stay in a segment. The glob is run as a set of
// positions in it, advanced one byte of the path at a time: time in
// path x glob, whatever the glob (a backtracking matcher took exponential
// time on `*?*?*?...Z`). `active` holds glob.size() + 1 flags.
//
// A position is the start of a glob element: `**` (and its `/`), `*`, `?`
// or one byte. Only positions reached from 0 by stepping over whole
// elements are ever set, so the second `*` of a `**` is never read alone.
size_t Next(std::string_view g, size_t i) {
  if (g[i] == '*' && i + 1 < g.size() && g[i + 1] == '*') return i + 2 < g.size() && g[i + 2] == '/' ? i + 3 : i + 2;
  return i + 1;
}

// Adds to `active` the positions that a `*` or `**` at an active position
// reaches without consuming a byte (they only ever point forward).
void Close(std::string_view g, unsigned char* active) {
  for (size_t i = 0; i < g.size(); ++i) {
    if (active[i] && g[i] == '*') active[Next(g, i)] = 1;
  }
}

bool Match(std::string_view g, std::string_view p, unsigned char* active, unsigned char* next) {
  const size_t m = g.size();
  std::fill(active, active + m + 1, 0);
  active[0] = 1;
  Close(g, active);
  for (const char c : p) {
    std::fill(next, next + m + 1, 0);
    bool any = false;
    for (size_t i = 0; i < m; ++i) {
      if (!active[i]) continue;
      const size_t after = Next(g, i);
      if (g[i] == '*') {
        // `**` takes any byte; `*` any but `/`; both stay where they are
        if (after - i >= 2 || c != '/') next[i] = any = 1;
      } else if (g[i] == '?' ? c != '/' : g[i] == c) {
        next[after] = any = 1;
      }
    }
    if (!any) return false;
    std::swap(active, next);
    Close(g, active);
  }
  return active[m] != 0;
}

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

class Loader {
 public:
  Loader(std::string path, Config* config, std::string* error) : path_(std::move(path)), c_(config), error_(error) {}

  bool Fail(const toml::source_region& at, const std::string& what) {
    *error_ = path_ + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column) + ": " + what;
    return false;
  }

  template <typename Node>
  bool String(const Node& n, const std::string& what, std::string* out) {
    if (!n.is_string()) return Fail(n.source(), what + " must be a string");
    *out = n.as_string()->get();
    return true;
  }

  bool Strings(const toml::node& n, const std::string& what, std::vector<std::string>* out) {
    const toml::array* a = n.as_array();
    if (a == nullptr) return Fail(n.source(), what + " must be an array of strings");
    for (const toml::node& v : *a) {
      std::string s;
      if (!String(v, what + " entries", &s)) return false;
      out->push_back(std::move(s));
    }
    return true;
  }

  bool Table(const toml::table& t, const std::set<std::string>& allowed, const std::string& where) {
    for (const auto& [k, v] : t) {
      if (allowed.count(std::string(k.str())) == 0) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        return Fail(k.source(), "unknown key \"" + std::string(k.str()) + "\" in " + where + " (expected " + list + ")" +
                                    DidYouMean(k.str(), std::vector<std::string>(allowed.begin(), allowed.end())));
      }
    }
    return true;
  }

  bool Load(const toml::table& root) {
    if (!Table(root, {"fail-on", "catalogs", "rules", "files", "actions", "ignore"}, "the configuration")) return false;
    auto section = [&](const char* key, bool (Loader::*load)(const toml::node&)) {
      const toml::node* n = root.get(key);
      return n == nullptr || (this->*load)(*n);
    };
    return section("fail-on", &Loader::FailOn) && section("catalogs", &Loader::Catalogs) &&
           section("rules", &Loader::Rules) && section("files", &Loader::Files) &&
           section("actions", &Loader::Actions) && section("ignore", &Loader::Ignores);
  }

 private:
  bool FailOn(const toml::node& n) {
    if (!String(n, "fail-on", &c_->fail_on)) return false;
    c_->fail_on = CanonicalSeverity(c_->fail_on);
    if (c_->fail_on != "error" && c_->fail_on != "warning" && c_->fail_on != "never") {
      return Fail(n.source(), "fail-on must be \"error\", \"warning\" or \"never\"; got \"" + c_->fail_on + "\"" +
                                  DidYouMean(c_->fail_on, {"error", "warning", "never"}));
    }
    return true;
  }

  bool Catalogs(const toml::node& n) {
    std::vector<std::string> files;
    if (!Strings(n, "catalogs", &files)) return false;
    for (const std::string& f : files) c_->catalogs.push_back((fs::path(c_->dir) / f).lexically_normal().string());
    return true;
  }

  bool Rules(const toml::node& n) {
    const toml::table* t = n.as_table();
    if (t == nullptr) return Fail(n.source(), "[rules] must be a table of rule = severity");
    for (const auto& [k, v] : *t) {
      std::string rule(k.str()), sev;
      if (FindRule(rule) == nullptr) return Fail(k.source(), UnknownRule(rule));
      if (!String(v, "the severity of " + rule, &sev)) return false;
      Severity s;
      sev = CanonicalSeverity(sev);
      if (sev == "off") {
        c_->severity[rule] = std::nullopt;
      } else if (ParseSeverity(sev, &s)) {
        c_->severity[rule] = s;
      } else {
        return Fail(v.source(), "the severity of " + rule + " must be error, warning, info or off; got \"" + sev + "\"" +
                                    DidYouMean(sev, {"error", "warning", "info", "off"}));
      }
    }
    return true;
  }

  bool Files(const toml::node& n) {
    const toml::table* t = n.as_table();
    if (t == nullptr) return Fail(n.source(), "[files] must be a table");
    if (!Table(*t, {"include", "exclude"}, "[files]")) return false;
    if (const toml::node* i = t->get("include"); i != nullptr && !Strings(*i, "files.include", &c_->include)) {
      return false;
    }
    if (const toml::node* e = t->get("exclude"); e != nullptr && !Strings(*e, "files.exclude", &c_->exclude)) {
      return false;
    }
    return true;
  }

  bool Actions(const toml::node& n) {
    const toml::array* a = n.as_array();
    if (a == nullptr) return Fail(n.source(), "actions must be an array of tables ([[actions]])");
    for (const toml::node& e : *a) {
      const toml::table* t = e.as_table();
      if (t == nullptr) return Fail(e.source(), "each [[actions]] entry must be a table");
      if (!Table(*t, {"files", "action"}, "[[actions]]")) return false;
      ActionFor af;
      std::string action;
      const toml::node* files = t->get("files");
      const toml::node* act = t->get("action");
      if (files == nullptr || act == nullptr) return Fail(e.source(), "[[actions]] needs files and action");
      if (!String(*files, "files", &af.files) || !String(*act, "action", &action)) return false;
      af.action = ParseAction(action);
      if (af.action == Action::Unknown) {
        return Fail(act->source(), "action must be CreateInstances or CreateTairKVCacheVNode; got \"" + action + "\"");
      }
      c_->actions.push_back(std::move(af));
    }
    return true;
  }

  bool Ignores(const toml::node& n) {
    const toml::array* a = n.as_array();
    if (a == nullptr) return Fail(n.source(), "ignore must be an array of tables ([[ignore]])");
    for (const toml::node& e : *a) {
      const toml::table* t = e.as_table();
      if (t == nullptr) return Fail(e.source(), "each [[ignore]] entry must be a table");
      if (!Table(*t, {"files", "pointer", "rule", "code", "reason"}, "[[ignore]]")) return false;
      Ignore ig;
      ig.line = static_cast<int>(e.source().begin.line);
      ig.column = static_cast<int>(e.source().begin.column);
      std::string reason;
      for (auto [key, out] : {std::pair<const char*, std::string*>{"files", &ig.files}, {"pointer", &ig.pointer},
                              {"rule", &ig.rule}, {"code", &ig.code}, {"reason", &reason}}) {
        if (const toml::node* v = t->get(key); v != nullptr && !String(*v, key, out)) return false;
      }
      if (!ig.pointer.empty() && ig.pointer[0] != '/') {
        return Fail(t->get("pointer")->source(), "pointer must be a JSON Pointer starting with /");
      }
      if (!ig.rule.empty() && FindRule(ig.rule) == nullptr) {
        return Fail(t->get("rule")->source(), UnknownRule(ig.rule));
      }
      if (!ig.code.empty() && FindCode(ig.code) == nullptr) {
        std::vector<std::string> codes;
        for (const CodeInfo& c : Codes()) codes.push_back(c.code);
        return Fail(t->get("code")->source(), "unknown code \"" + ig.code + "\" (see `tairlint codes`)" + DidYouMean(ig.code, codes));
      }
      c_->ignores.push_back(std::move(ig));
    }
    return true;
  }

  static std::string UnknownRule(const std::string& rule) {
    std::vector<std::string> ids;
    for (const RuleInfo& r : tairlint::Rules()) ids.push_back(r.id);
    return "unknown rule \"" + rule + "\" (see `tairlint rules`)" + DidYouMean(rule, ids);
  }

  std::string path_;
  Config* c_;
  std::string* error_;
};

}  // namespace

Glob::Glob(std::string text) : text_(std::move(text)) {
  const std::string_view t = text_;
  // Without a `/` or a `**`, only the file name can match: a `*` or `?`
  // never matches a `/`, and neither does a letter.
  if (t.find('/') != std::string_view::npos || t.find("**") != std::string_view::npos) return;
  if (!HasWildcard(t)) {
    shape_ = Shape::kName;
    literal_ = text_;
  } else if (t[0] == '*' && !HasWildcard(t.substr(1))) {
    shape_ = Shape::kSuffix;
    literal_ = text_.substr(1);
  } else if (t.back() == '*' && !HasWildcard(t.substr(0, t.size() - 1))) {
    shape_ = Shape::kPrefix;
    literal_ = text_.substr(0, t.size() - 1);
  }
}

bool Glob::Matches(std::string_view path) const {
  if (shape_ == Shape::kOther) return GlobMatch(text_, path);
  // Only the file name can match (see the constructor).
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (shape_ == Shape::kName) return name == literal_;
  if (shape_ == Shape::kSuffix) {
    return name.size() >= literal_.size() &&
           name.compare(name.size() - literal_.size(), literal_.size(), literal_) == 0;
  }
  return name.compare(0, literal_.size(), literal_) == 0;  // kPrefix
}

bool GlobMatch(std::string_view glob, std::string_view path) {
  // Two rows of flags: on the stack for any glob a person writes.
  unsigned char small[2 * 256];
  std::vector<unsigned char> large;
  unsigned char* rows = small;
  if (glob.size() + 1 > 256) {
    large.resize(2 * (glob.size() + 1));
    rows = large.data();
  }
  unsigned char* active = rows;
  unsigned char* next = rows + glob.size() + 1;
  if (glob.find('/') == std::string_view::npos) {
    // no directory part: the file name in any directory (a `*` or `?` never
    // matches a `/`, so without `**` only the name can match)
    const size_t slash = path.rfind('/');
    if (slash != std::string_view::npos && Match(glob, path.substr(slash + 1), active, next)) return true;
  }
  return Match(glob, path, active, next);
}

bool LoadConfigText(std::string_view text, const std::string& path, Config* config, std::string* error) {
  config->path = path;
  std::error_code ec;
  config->dir = fs::absolute(path, ec).parent_path().string();
  std::string bound;
  if (!BoundedToml(text, &bound)) {
    *error = path + ":" + bound;
    return false;
  }
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    *error = path + ":" + std::to_string(e.source().begin.line) + ":" + std::to_string(e.source().begin.column) +
             ": " + std::string(e.description());
    return false;
  } catch (const std::exception& e) {
    *error = path + ": " + e.what();
    return false;
  }
  Loader loader(path, config, error);
  return loader.Load(root);
}

namespace {

// Rules about whether a file could be checked at all: --select keeps them,
// so that a file it could not read or parse is never passed over in silence.
bool AboutTheInput(std::string_view rule) {
  for (const char* id : {"read-error", "parse-error", "not-a-request", "unknown-action", "checker-error", "finding-limit"}) {
    if (rule == id) return true;
  }
  return false;
}

}  // namespace

void SelectRules(const std::vector<std::string>& select, const std::vector<std::string>& ignore,
                 std::map<std::string, std::optional<Severity>>* severity) {
  if (!select.empty()) {
    for (const RuleInfo& r : Rules()) {
      if (std::find(select.begin(), select.end(), r.id) != select.end()) {
        if (auto it = severity->find(r.id); it != severity->end() && !it->second) severity->erase(it);
      } else if (!AboutTheInput(r.id)) {
        (*severity)[r.id] = std::nullopt;
      }
    }
  }
  for (const std::string& id : ignore) (*severity)[id] = std::nullopt;
}

bool LoadConfig(const std::string& path, Config* config, std::string* error) {
  // Opened without waiting (a FIFO would wait for a writer), then looked
  // at: only a regular file is read, and only up to its cap.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  struct stat st;
  std::string text, why;
  bool ok = false;
  if (fstat(fd, &st) != 0) {
    *error = path + ": cannot open: " + std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    *error = path + ": not a regular file";
  } else if (static_cast<uint64_t>(st.st_size) > kMaxConfigBytes ||
             (ReadDescriptor(fd, &text, &why, kMaxConfigBytes) && text.size() > kMaxConfigBytes)) {
    *error = path + ": larger than " + std::to_string(kMaxConfigBytes >> 20) + " MiB, the most a configuration may hold";
  } else if (!why.empty()) {
    *error = path + ": read failed: " + why;
  } else {
    ok = true;
  }
  close(fd);
  return ok && LoadConfigText(text, path, config, error);
}

}  // namespace tairlint::cli
