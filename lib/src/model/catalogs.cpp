// The catalogs of known capacities, instance classes and regions, and the
// user's catalog files (bounded before any parser sees them).
#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document/document.h"
#include "model/model.h"

namespace tairlint::detail {
namespace {

// What an error may quote of a value: an excerpt (document.h), Printable.
std::string Quote(std::string_view s, size_t max_points = 40) { return Printable(Excerpt(s, max_points)); }

// A value as an error names it: never a dump of a nested value.
std::string DescribeValue(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::string: return "the string \"" + Quote(v.get_ref<const std::string&>()) + "\"";
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    default: return "the number " + Quote(v.dump());  // a number's text is short
  }
}


// "name:line:column: " for byte `offset` of `text` (columns in code points).
std::string Where(std::string_view text, size_t offset, const std::string& name) {
  int line = 0, column = 0;
  LineIndex(text).Locate(static_cast<uint32_t>(std::min(offset, text.size())), &line, &column);
  return Printable(name) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

// The offset of the first '[' or '{' (outside strings) that opens a level
// deeper than `max_depth`, or npos. Malformed text is left to the parser.
size_t TooDeepAt(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// nlohmann's reason for a parse error without its "last read: '...'" (which
// quotes the token read so far, of any length): "syntax error while parsing
// value - invalid literal".
std::string ParseReason(const char* what) {
  std::string_view w(what);
  if (size_t at = w.find(": "); at != std::string_view::npos && w.substr(0, at).find("parse error") != std::string_view::npos) {
    w.remove_prefix(at + 2);
  }
  if (size_t at = w.find("; last read:"); at != std::string_view::npos) w = w.substr(0, at);
  return Quote(w, 160);
}

}  // namespace

bool Catalogs::Add(const nlohmann::json& doc, const std::string& name, std::string* error) {
  if (!doc.is_object()) {
    *error = Printable(name) + ": a catalog must be a JSON object, not " + DescribeValue(doc);
    return false;
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    if (!key.empty() && key[0] == '$') continue;
    if (key != "capacities" && key != "instance_classes" && key != "regions") {
      *error = Printable(name) + ": unknown key \"" + Quote(key) +
               "\" (expected capacities, instance_classes or regions)";
      return false;
    }
    if (!it->is_array()) {
      *error = Printable(name) + ": \"" + key + "\" must be an array, not " + DescribeValue(*it);
      return false;
    }
    for (const auto& v : *it) {
      if (key == "capacities" && v.is_number_integer()) {
        capacities.insert(v.get<int64_t>());
      } else if (key == "instance_classes" && v.is_string()) {
        instance_classes.Insert(v.get_ref<const std::string&>());
      } else if (key == "regions" && v.is_string()) {
        regions.Insert(v.get_ref<const std::string&>());
      } else {
        *error = Printable(name) + ": \"" + key + "\" holds " + (key == "capacities" ? "integers" : "strings") +
                 " only; found " + DescribeValue(v);
        return false;
      }
    }
  }
  return true;
}

bool LoadCatalogText(std::string_view text, const std::string& name, Catalogs* catalogs, std::string* error) {
  if (text.size() > kMaxCatalogBytes) {
    *error = Printable(name) + ": a catalog file holds at most " + std::to_string(kMaxCatalogBytes) + " bytes";
    return false;
  }
  if (size_t at = TooDeepAt(text, kMaxCatalogDepth); at != std::string_view::npos) {
    *error = Where(text, at, name) + "nested deeper than " + std::to_string(kMaxCatalogDepth) +
             " levels (a catalog is an object of arrays)";
    return false;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the bytes read, the one that failed included.
    *error = Where(text, e.byte == 0 ? 0 : e.byte - 1, name) + "not valid JSON: " + ParseReason(e.what());
    return false;
  } catch (const nlohmann::json::exception& e) {
    *error = Printable(name) + ": not valid JSON: " + Quote(e.what(), 160);
    return false;
  }
  return catalogs->Add(doc, name, error);
}

bool LoadCatalogFile(const std::string& path, Catalogs* catalogs, std::string* error) {
  // Non-blocking: opening a FIFO must not wait for a writer (it is then
  // refused as not a regular file).
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *error = Printable(path) + ": cannot read the catalog file: " + strerror(errno);
    return false;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { close(fd); }
  } closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = Printable(path) + ": cannot read the catalog file: " + strerror(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = Printable(path) + ": not a regular file";
    return false;
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxCatalogBytes) {
    *error = Printable(path) + ": a catalog file holds at most " + std::to_string(kMaxCatalogBytes) + " bytes; this one has " +
             std::to_string(st.st_size);
    return false;
  }
  // Read up to one byte past the limit whatever the size said (a file that
  // grows, or one of /proc that says 0).
  std::string text;
  char buf[65536];
  while (text.size() <= kMaxCatalogBytes) {
    const ssize_t n = read(fd, buf, std::min(sizeof buf, kMaxCatalogBytes + 1 - text.size()));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = Printable(path) + ": cannot read the catalog file: " + strerror(errno);
      return false;
    }
    text.append(buf, static_cast<size_t>(n));
  }
  return LoadCatalogText(text, path, catalogs, error);
}

}  // namespace tairlint::detail
