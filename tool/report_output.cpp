#include "report_output.h"

#include <fcntl.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace tairlint::cli {

bool ReportOutput::OpenFile(const CheckArgs& args, const std::vector<std::string>& read_already) {
  name_ = args.output_file;
  std::error_code ec;
  const fs::path report_path = fs::absolute(args.output_file, ec).lexically_normal();
  std::vector<std::string> named;  // every file the run reads that a path names
  for (const std::string& p : args.paths) {
    if (p != "-") named.push_back(p);
  }
  named.insert(named.end(), read_already.begin(), read_already.end());
  for (const std::string& p : named) {
    if (fs::absolute(p, ec).lexically_normal() == report_path) return Refuse(args, p);
  }
  bool created = true;
  fd_ = open(args.output_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd_ < 0 && errno == EEXIST) {
    created = false;
    fd_ = open(args.output_file.c_str(), O_WRONLY | O_CLOEXEC);
  }
  struct stat st;
  if (fd_ < 0 || fstat(fd_, &st) != 0) {
    Diagnose("cannot write " + args.output_file + ": " + std::strerror(errno));
    if (fd_ >= 0) close(fd_);
    return false;
  }
  file_ = {true, st.st_dev, st.st_ino, fs::path(args.output_file).filename().string()};
  struct stat in;
  const bool reads_stdin = std::find(args.paths.begin(), args.paths.end(), "-") != args.paths.end();
  if (reads_stdin) named.push_back("-");
  for (const std::string& p : named) {
    const bool same = p == "-" ? fstat(STDIN_FILENO, &in) == 0 && file_.Is(in)
                               : stat(p.c_str(), &in) == 0 && file_.Is(in);
    if (same) {
      close(fd_);
      if (created) unlink(args.output_file.c_str());
      return Refuse(args, p == "-" ? "standard input" : p);
    }
  }
  return true;
}

}  // namespace tairlint::cli
