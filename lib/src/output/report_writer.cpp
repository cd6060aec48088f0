// The reports: JSON and text (contract section 4), SARIF 2.1.0 and GitHub
// Actions workflow commands, one writer each (the *_writer.cpp files beside
// this one); here, choosing a writer and rendering all at once.
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "output/writers.h"
#include "tairlint/tairlint.h"

namespace tairlint {

namespace output {

std::string RepoPath(const std::string& path) {
  std::string p = path;
#ifdef _WIN32
  std::replace(p.begin(), p.end(), '\\', '/');
#endif
  while (p.size() > 2 && p[0] == '.' && p[1] == '/') {
    p.erase(0, 2);
    while (p.size() > 1 && p[0] == '/') p.erase(0, 1);
  }
  return p;
}

std::string CauseFirst(const Finding& f) {
  std::string cause = !f.detail.empty() && f.detail != f.message ? f.detail : "";
  if (!cause.empty() && std::string_view(".!?").find(cause.back()) == std::string_view::npos) cause += '.';
  std::string answer;
  if (!f.message.empty()) {
    answer = f.code.empty() ? f.message : f.code + ": " + f.message;
  } else if (!f.code.empty()) {
    answer = f.code + ".";
  }
  if (cause.empty()) return answer.empty() ? f.rule : answer;
  return answer.empty() ? cause : cause + " " + answer;
}

}  // namespace output

std::optional<std::string> ReportWriter::Render(const FileReport&) const { return std::nullopt; }
void ReportWriter::AddRendered(const FileReport& file, const std::string&) { Add(file); }

std::unique_ptr<ReportWriter> ReportWriter::Create(std::string_view format, const ReportOptions& options, Sink sink) {
  if (format == "json") return output::MakeJsonWriter(options, std::move(sink));
  if (format == "text") return output::MakeTextWriter(options, std::move(sink));
  if (format == "sarif") return output::MakeSarifWriter(options, std::move(sink));
  if (format == "github") return output::MakeGithubWriter(std::move(sink));
  return nullptr;
}

namespace {
std::string WriteAll(std::string_view format, const std::vector<FileReport>& files, const ReportOptions& options) {
  std::string out;
  auto writer = ReportWriter::Create(format, options, [&out](std::string_view s) { out.append(s); });
  for (const FileReport& f : files) writer->Add(f);
  writer->Finish();
  return out;
}
}  // namespace

std::string FormatJson(const std::vector<FileReport>& files) { return WriteAll("json", files, {}); }
std::string FormatText(const std::vector<FileReport>& files, const ReportOptions& options) {
  return WriteAll("text", files, options);
}
std::string FormatSarif(const std::vector<FileReport>& files, const ReportOptions& options) {
  return WriteAll("sarif", files, options);
}
std::string FormatGithub(const std::vector<FileReport>& files) { return WriteAll("github", files, {}); }

}  // namespace tairlint
