// How the command line reads its inputs. Header-only: the tests and the fuzz
// targets use it as the CLI does.
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

namespace tairlint::cli {

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
