#include "baseline.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "io.h"

namespace fs = std::filesystem;

namespace tairlint::cli {
namespace {

constexpr uint64_t kMaxBaselineBytes = uint64_t{64} << 20;

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

bool ParseHex(const std::string& s, uint64_t* out) {
  if (s.size() != 16 || s.find_first_not_of("0123456789abcdef") != std::string::npos) return false;
  *out = std::strtoull(s.c_str(), nullptr, 16);
  return true;
}

std::string DirectoryOf(const std::string& path) {
  std::error_code ec;
  return fs::absolute(path, ec).lexically_normal().parent_path().string();
}

// The findings of one file, as entries.
std::vector<BaselineEntry> EntriesOf(const std::string& dir, const FileReport& report) {
  std::vector<BaselineEntry> out;
  const std::string path = PathFrom(dir, report.path);
  for (const Finding& f : report.result.findings) out.push_back({path, f.rule, f.pointer, f.value_hash});
  return out;
}

// Reads a regular file (not waiting on a FIFO) of at most kMaxBaselineBytes.
bool ReadBaselineFile(const std::string& path, std::string* text, std::string* error) {
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  struct stat st;
  std::string why;
  bool ok = false;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *error = path + ": not a regular file";
  } else if (!ReadDescriptor(fd, text, &why, kMaxBaselineBytes) || text->size() > kMaxBaselineBytes) {
    *error = path + (why.empty() ? ": larger than 64 MiB" : ": read failed: " + why);
  } else {
    ok = true;
  }
  close(fd);
  return ok;
}

}  // namespace

std::string PathFrom(const std::string& dir, const std::string& file) {
  if (file == "-") return file;
  std::error_code ec;
  const fs::path rel = fs::absolute(file, ec).lexically_normal().lexically_relative(dir);
  return rel.empty() ? fs::path(file).lexically_normal().generic_string() : rel.generic_string();
}

bool Baseline::Load(const std::string& path, std::string* error) {
  dir_ = DirectoryOf(path);
  std::string text;
  if (!ReadBaselineFile(path, &text, error)) return false;
  // A baseline is three levels deep: anything deeper is refused while
  // parsing, before a deep value is built.
  bool too_deep = false;
  const nlohmann::json doc = nlohmann::json::parse(
      text,
      [&too_deep](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > 3) too_deep = true;
        return depth <= 3;
      },
      /*allow_exceptions=*/false);
  const std::string what = path + ": not a tairlint baseline (write one with --write-baseline)";
  if (doc.is_discarded() || too_deep || !doc.is_object() || !doc.contains("findings") ||
      !doc["findings"].is_array()) {
    *error = what;
    return false;
  }
  const auto version = doc.find("version");
  if (version == doc.end() || *version != kBaselineVersion) {
    *error = path + ": a baseline of another version; write it again with --write-baseline";
    return false;
  }
  for (const nlohmann::json& e : doc["findings"]) {
    BaselineEntry entry;
    const auto text_of = [&e](const char* key, std::string* out) {
      const auto it = e.find(key);
      if (it == e.end() || !it->is_string()) return false;
      *out = it->get<std::string>();
      return true;
    };
    std::string value;
    if (!e.is_object() || !text_of("path", &entry.path) || !text_of("rule", &entry.rule) ||
        !text_of("pointer", &entry.pointer) || (e.contains("value") && (!text_of("value", &value) || !ParseHex(value, &entry.value)))) {
      *error = what;
      return false;
    }
    ++left_[entry];
  }
  return true;
}

void Baseline::Apply(FileReport* report) {
  if (left_.empty() || report->result.findings.empty()) return;
  auto& findings = report->result.findings;
  const std::string path = PathFrom(dir_, report->path);
  auto known = [&](const Finding& f) {
    auto it = left_.find({path, f.rule, f.pointer, f.value_hash});
    if (it == left_.end() || it->second == 0) return false;
    --it->second;
    return true;
  };
  // stable_partition keeps each side in position order.
  const auto split = std::stable_partition(findings.begin(), findings.end(), [&](const Finding& f) { return !known(f); });
  report->baselined.assign(std::make_move_iterator(split), std::make_move_iterator(findings.end()));
  findings.erase(split, findings.end());
}

BaselineRecorder::BaselineRecorder(const std::string& path) : path_(path), dir_(DirectoryOf(path)) {}

void BaselineRecorder::Record(const FileReport& report) {
  for (BaselineEntry& e : EntriesOf(dir_, report)) entries_.push_back(std::move(e));
  for (const Finding& f : report.baselined) entries_.push_back({PathFrom(dir_, report.path), f.rule, f.pointer, f.value_hash});
}

bool BaselineRecorder::Write(std::string* error) const {
  std::vector<BaselineEntry> sorted = entries_;
  std::sort(sorted.begin(), sorted.end());
  std::string out = "{\n  \"tool\": \"tairlint\",\n  \"version\": " + std::to_string(kBaselineVersion) +
                    ",\n  \"findings\": [";
  for (size_t i = 0; i < sorted.size(); ++i) {
    const BaselineEntry& e = sorted[i];
    nlohmann::ordered_json line = {{"path", e.path}, {"rule", e.rule}, {"pointer", e.pointer}};
    if (e.value != 0) line["value"] = Hex(e.value);
    out += (i == 0 ? "\n    " : ",\n    ") + line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += sorted.empty() ? "]\n}\n" : "\n  ]\n}\n";
  std::ofstream file(path_, std::ios::binary | std::ios::trunc);
  file << out;
  file.close();
  if (!file) {
    *error = "cannot write the baseline " + path_ + ": " + std::strerror(errno != 0 ? errno : EIO);
    return false;
  }
  return true;
}

}  // namespace tairlint::cli
