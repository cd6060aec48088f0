// What the command line says on standard error, and how it reads an input
// file. Header-only: the tests and the fuzz targets use it as the CLI does.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

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

}  // namespace tairlint::cli
