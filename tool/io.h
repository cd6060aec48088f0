// What the command line says on standard error, and how it reads an input
// file. Header-only: the tests and the fuzz targets use it as the CLI does.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "tairlint/tairlint.h"

namespace tairlint::cli {

// The one way the command line writes to standard error: `tairlint: `, the
// message made printable (tairlint::Printable: a file name, a value from a
// configuration, an option or a checker error may hold a newline, an ESC
// or a C1 control, which must not forge a GitHub annotation such as
// `::error ...` or `::add-mask::`, nor move a terminal's cursor), a newline.
inline void Diagnose(std::string_view message) {
  const std::string line = "tairlint: " + Printable(message) + "\n";
  (void)!std::fwrite(line.data(), 1, line.size(), stderr);
}

// "; did you mean X?" when `typed` is near one of `names`
// (tairlint::NearestName), else "": how every message of the command line
// about a mistyped name ends.
inline std::string DidYouMean(std::string_view typed, const std::vector<std::string>& names) {
  const std::string near = NearestName(typed, names);
  return near.empty() || near == typed ? "" : "; did you mean " + near + "?";
}

// Reads `fd` to its end, or until just past `limit` bytes (the checker
// reports the size). On failure, `error` is strerror's text.
inline bool ReadDescriptor(int fd, std::string* out, std::string* error, uint64_t limit) {
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = std::strerror(errno);
      return false;
    }
    if (n == 0) return true;
    out->append(buf, static_cast<size_t>(n));
    if (out->size() > limit) return true;
  }
}

// Reads `fd`, opened with O_NONBLOCK, as ReadDescriptor does, waiting with
// poll() for each piece. For a FIFO this waits for a writer that has not
// come yet (reading at once would see an end of file), and for the end of
// what it writes.
inline bool ReadWaiting(int fd, std::string* out, std::string* error, uint64_t limit) {
  char buf[1 << 16];
  for (;;) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, -1) < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      return false;
    }
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) {
      *error = std::strerror(errno);
      return false;
    }
    if (n == 0) return true;
    out->append(buf, static_cast<size_t>(n));
    if (out->size() > limit) return true;
  }
}

// Opens and reads one input. It is opened without waiting (O_NONBLOCK: a
// FIFO put in place of a listed file would otherwise wait for a writer for
// ever) and looked at: a file found by a directory search (`named` false)
// must still be a regular file, or it is not read; a path named on the
// command line is read whatever it is (a FIFO, /dev/stdin), waiting for
// its writer as a blocking open would have. `error` says why it could not
// be read.
inline bool ReadInput(const std::string& path, bool named, std::string* out, std::string* error, uint64_t limit) {
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  if (!named) {
    // Found by a folder search, as a regular file: read at once, since
    // nothing put in its place can make a non-blocking read wait, and
    // looked at only when the read finds nothing or would wait (an empty
    // file, or a FIFO): an fstat for every file costs (docs/performance.md).
    const bool read = ReadDescriptor(fd, out, error, limit);
    const int read_errno = errno;
    if (read && !out->empty()) {
      close(fd);
      return true;
    }
    struct stat st;
    const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (read && regular) return true;
    *error = !read && read_errno == EISDIR ? "is a directory"
             : !regular           ? "not a regular file (it was one when the folder was listed)"
                                  : "read failed: " + *error;
    return false;
  }
  struct stat st;
  bool ok = fstat(fd, &st) == 0;
  if (!ok) {
    *error = std::string("cannot open: ") + std::strerror(errno);
  } else if (S_ISDIR(st.st_mode)) {
    ok = false;
    *error = "is a directory";
  } else if (!(S_ISREG(st.st_mode) ? ReadDescriptor : ReadWaiting)(fd, out, error, limit)) {
    ok = false;
    *error = "read failed: " + *error;
  }
  close(fd);
  return ok;
}

}  // namespace tairlint::cli
