// Where `tairlint check` writes its report: standard output or the
// --output-file, never one of the run's inputs.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "inputs.h"
#include "io.h"

namespace tairlint::cli {

// A report file is opened before the inputs are listed, but emptied only
// once it is known to be none of them: `-o a.json a.json` would otherwise
// destroy the request before reading it. A named input that is the report
// (the same path, or the same file by device and inode: a link) is refused,
// and so are the configuration and the catalogs, read already; a folder
// searched skips it. The first write error (a full disk, a closed standard
// output, a reader gone with SIGPIPE ignored) ends the writing, and the run
// exits 2 saying why: a report lost must not look like a clean run.
//
// `read_already`: the files read before the inputs (configuration, catalogs).
class ReportOutput {
 public:
  // false when it cannot be written, or is an input (said already).
  bool Open(const CheckArgs& args, const std::vector<std::string>& read_already) {
    if (args.output_file.empty()) {
      // Standard output sent to a file in a folder searched: not an input either.
      struct stat st;
      if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)) file_ = {true, st.st_dev, st.st_ino, ""};
    } else if (!OpenFile(args, read_already)) {
      return false;
    }
    return Stream(args);
  }
  const ReportFile& file() const { return file_; }
  // The inputs are known, and the report is none of them: now it may be emptied.
  void Truncate() {
    struct stat st;
    if (fd_ >= 0 && fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && ftruncate(fd_, 0) != 0) write_error_ = errno;
  }
  // With several jobs, called under the report's lock.
  void Write(std::string_view text) {
    if (write_error_ != 0 || text.empty()) return;
    errno = 0;
    if (fwrite(text.data(), 1, text.size(), out_) != text.size()) write_error_ = errno != 0 ? errno : EIO;
  }
  // Flushes (and closes a file); false when some write failed (said here).
  bool Close() {
    errno = 0;
    if (fflush(out_) != 0 && write_error_ == 0) write_error_ = errno != 0 ? errno : EIO;
    if (ferror(out_) && write_error_ == 0) write_error_ = EIO;
    if (out_ != stdout) {
      errno = 0;
      if (fclose(out_) != 0 && write_error_ == 0) write_error_ = errno != 0 ? errno : EIO;
    }
    if (write_error_ == 0) return true;
    Diagnose("cannot write the report to " + name_ + ": " + std::strerror(write_error_));
    return false;
  }

 private:
  bool Refuse(const CheckArgs& args, const std::string& input) {
    Diagnose("not writing the report to " + args.output_file + ": it is an input of this run (" + input +
             "); choose another --output-file");
    return false;
  }

  bool OpenFile(const CheckArgs& args, const std::vector<std::string>& read_already);

  // The report file (when there is one) as a stream.
  bool Stream(const CheckArgs& args) {
    if (fd_ < 0) return true;
    out_ = fdopen(fd_, "w");
    if (out_ == nullptr) {
      Diagnose("cannot write " + args.output_file + ": " + std::strerror(errno));
      close(fd_);
      return false;
    }
    return true;
  }

  FILE* out_ = stdout;
  int fd_ = -1;
  std::string name_ = "standard output";
  ReportFile file_;
  int write_error_ = 0;
};

}  // namespace tairlint::cli
