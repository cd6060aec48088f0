// The integration examples (GitHub workflow, editor settings) are well-formed
// and say what the README says they do, and the README's copies of them cannot
// drift from the files.
//
// Convention: a fenced code block in README.md (or docs/*.md) that shows a
// file of this repository is preceded, on the line right before its opening
// fence, by
//
//   <!-- from examples/github/tairlint.yml -->
//
// and its content (the lines between the fences) must equal that file byte
// for byte.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace tairlint::testing {
namespace {

namespace fs = std::filesystem;

// Raise once the README carries the integration sections (Pre-commit,
// GitHub Actions, Editors), so that removing a marker fails the test.
constexpr size_t kMinimumReadmeMarkers = 4;

const std::string kRoot = TAIRLINT_SOURCE_DIR;


bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// A YAML file as JSON, read by PyYAML (safe_load): the loader GitHub-style
// tooling and pre-commit use. Mapping keys that YAML 1.1 reads as booleans
// (the workflow's `on:`) come out as "true".
nlohmann::json YamlFile(const std::string& path) {
  ShellRun r = RunShell("python3 -c " +
                Quote("import json, sys, yaml\n"
                      "print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), default=str))") +
                " " + Quote(path) + " 2>&1");
  EXPECT_EQ(r.status, 0) << "python3 with PyYAML (Debian: python3-yaml) could not read " << path << ":\n" << r.out;
  if (r.status != 0) return nlohmann::json();
  return nlohmann::json::parse(r.out, nullptr, false);
}

nlohmann::json YamlText(const std::string& text, const std::string& name) {
  std::string path = ScratchPath("docs-" + name + ".yaml");
  std::ofstream(path, std::ios::binary) << text;
  return YamlFile(path);
}

// ---- fenced code blocks of a Markdown file (CommonMark fences)

struct Block {
  size_t line = 0;   // of the opening fence, 1-based
  std::string info;  // the info string (language)
  std::string content;
  std::string from;  // the file named by a `<!-- from PATH -->` marker, if any
  bool indented = false;
  bool closed = false;
};

struct Markdown {
  std::vector<Block> blocks;
  std::vector<std::string> problems;  // markers not followed by a fence
};

std::string StripCr(std::string s) {
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

Markdown ParseMarkdown(const std::string& text) {
  static const std::regex kOpen(R"(^( {0,3})(`{3,}|~{3,})(.*)$)");
  static const std::regex kMarker(R"(^<!--\s*from\s+(\S+)\s*-->\s*$)");
  Markdown md;
  std::vector<std::string> lines;
  {
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      size_t end = nl == std::string::npos ? text.size() : nl + 1;
      lines.push_back(text.substr(start, end - start));  // keeps its '\n'
      start = end;
    }
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = StripCr(lines[i].back() == '\n' ? lines[i].substr(0, lines[i].size() - 1) : lines[i]);
    std::smatch m;
    if (std::regex_match(line, m, kMarker)) {
      std::smatch open;
      std::string next = i + 1 < lines.size() ? StripCr(lines[i + 1].substr(0, lines[i + 1].find('\n'))) : "";
      if (!std::regex_match(next, open, kOpen)) {
        md.problems.push_back("line " + std::to_string(i + 1) + ": marker for " + m[1].str() +
                              " is not right before an opening fence");
      }
      continue;
    }
    if (!std::regex_match(line, m, kOpen)) continue;
    std::string fence = m[2].str();
    if (fence[0] == '`' && m[3].str().find('`') != std::string::npos) continue;  // inline code, not a fence
    Block b;
    b.line = i + 1;
    b.indented = !m[1].str().empty();
    std::string info = m[3].str();
    info.erase(0, info.find_first_not_of(" \t"));
    b.info = info.substr(0, info.find_first_of(" \t"));
    if (i > 0) {
      std::string prev = StripCr(lines[i - 1].substr(0, lines[i - 1].find('\n')));
      std::smatch pm;
      if (std::regex_match(prev, pm, kMarker)) b.from = pm[1].str();
    }
    const std::regex close("^ {0,3}" + std::string(1, fence[0] == '`' ? '`' : '~') + "{" +
                           std::to_string(fence.size()) + ",}[ \t]*$");
    size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      std::string l = StripCr(lines[j].back() == '\n' ? lines[j].substr(0, lines[j].size() - 1) : lines[j]);
      if (std::regex_match(l, close)) {
        b.closed = true;
        break;
      }
      b.content += lines[j];
    }
    md.blocks.push_back(std::move(b));
    i = j;
  }
  return md;
}

// README.md and every docs/*.md: the files that show examples.
std::vector<std::string> MarkdownFiles() {
  std::vector<std::string> out = {"README.md"};
  std::error_code ec;
  std::vector<std::string> docs;
  for (const auto& e : fs::directory_iterator(kRoot + "/docs", ec)) {
    if (e.path().extension() == ".md") docs.push_back("docs/" + e.path().filename().string());
  }
  std::sort(docs.begin(), docs.end());
  out.insert(out.end(), docs.begin(), docs.end());
  return out;
}

TEST(Docs, MarkdownParserFindsMarkedBlocks) {
  Markdown md = ParseMarkdown(
      "text\n<!-- from a.yml -->\n```yaml\nx: 1\n```\n\n````md\n```\ninner\n```\n````\n<!-- from b.json -->\n"
      "~~~json\n{}\n~~~\n<!-- from c -->\nnot a fence\n```\nunclosed\n");
  ASSERT_EQ(md.blocks.size(), 4u);
  EXPECT_EQ(md.blocks[0].from, "a.yml");
  EXPECT_EQ(md.blocks[0].info, "yaml");
  EXPECT_EQ(md.blocks[0].content, "x: 1\n");
  EXPECT_EQ(md.blocks[1].from, "");
  EXPECT_EQ(md.blocks[1].content, "```\ninner\n```\n");
  EXPECT_EQ(md.blocks[2].from, "b.json");
  EXPECT_EQ(md.blocks[2].content, "{}\n");
  EXPECT_FALSE(md.blocks[3].closed);
  ASSERT_EQ(md.problems.size(), 1u);
  EXPECT_NE(md.problems[0].find("c"), std::string::npos);
}

TEST(Docs, BlocksMarkedAsFromAFileMatchTheFile) {
  for (const std::string& name : MarkdownFiles()) {
    SCOPED_TRACE(name);
    std::string text;
    if (!ReadFile(kRoot + "/" + name, &text)) {
      ADD_FAILURE() << "cannot read " << name;
      continue;
    }
    Markdown md = ParseMarkdown(text);
    for (const std::string& p : md.problems) ADD_FAILURE() << name << ": " << p;
    size_t marked = 0;
    for (const Block& b : md.blocks) {
      if (b.from.empty()) continue;
      ++marked;
      std::string where = name + ":" + std::to_string(b.line) + " (from " + b.from + ")";
      EXPECT_TRUE(b.closed) << where << ": the fence is not closed";
      EXPECT_FALSE(b.indented) << where << ": a marked fence starts in column 1";
      std::string file;
      if (!ReadFile(kRoot + "/" + b.from, &file)) {
        ADD_FAILURE() << where << ": no such file";
        continue;
      }
      EXPECT_EQ(b.content, file) << where << ": the block differs from the file; copy the file into the block";
    }
    if (name == "README.md") EXPECT_GE(marked, kMinimumReadmeMarkers);
  }
}

// Every relative link of README.md and docs/*.md names a file or folder of
// the repository (the README points to docs/design.md and docs/performance.md
// for what moved there), and the README links both.
TEST(Docs, RelativeLinksResolve) {
  const std::regex link(R"(\]\(([^)#\s]+)(#[^)\s]*)?\))");
  for (const std::string& name : MarkdownFiles()) {
    std::string text;
    ASSERT_TRUE(ReadFile(kRoot + "/" + name, &text)) << name;
    const fs::path dir = fs::path(kRoot + "/" + name).parent_path();
    for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
      const std::string target = (*it)[1];
      if (target.find("://") != std::string::npos || target.rfind("mailto:", 0) == 0) continue;
      std::error_code ec;
      EXPECT_TRUE(fs::exists(dir / target, ec)) << name << " links to " << target << ", which does not exist";
    }
  }
  std::string readme;
  ASSERT_TRUE(ReadFile(kRoot + "/README.md", &readme));
  for (const char* doc : {"](docs/design.md", "](docs/performance.md"}) {
    EXPECT_NE(readme.find(doc), std::string::npos) << "README.md does not link " << doc + 2;
  }
}
// A user's .pre-commit-config.yaml shown in the docs names hooks that
// .pre-commit-hooks.yaml defines.
TEST(Docs, PreCommitSnippetsNameHooksThatExist) {
  nlohmann::json manifest = YamlFile(kRoot + "/.pre-commit-hooks.yaml");
  ASSERT_TRUE(manifest.is_array());
  std::set<std::string> ids;
  for (const auto& h : manifest) ids.insert(h.value("id", ""));
  int n = 0;
  for (const std::string& name : MarkdownFiles()) {
    std::string text;
    if (!ReadFile(kRoot + "/" + name, &text)) continue;
    for (const Block& b : ParseMarkdown(text).blocks) {
      if ((b.info != "yaml" && b.info != "yml") || b.content.find("repos:") == std::string::npos) continue;
      std::string where = name + ":" + std::to_string(b.line);
      nlohmann::json config = YamlText(b.content, "snippet-" + std::to_string(n++));
      ASSERT_TRUE(config.is_object() && config["repos"].is_array()) << where << "\n" << b.content;
      for (const auto& repo : config["repos"]) {
        if (repo.value("repo", "").find("tairlint") == std::string::npos) continue;
        EXPECT_TRUE(repo.contains("rev")) << where;
        ASSERT_TRUE(repo["hooks"].is_array()) << where;
        for (const auto& hook : repo["hooks"]) {
          EXPECT_EQ(ids.count(hook.value("id", "")), 1u) << where << ": no hook " << hook.dump();
        }
      }
    }
  }
}

// ---- examples/github/tairlint.yml

TEST(Docs, GitHubWorkflowUploadsSarifAndAnnotates) {
  std::string path = kRoot + "/examples/github/tairlint.yml";
  nlohmann::json wf = YamlFile(path);
  ASSERT_TRUE(wf.is_object()) << wf.dump();
  EXPECT_TRUE(wf.contains("on") || wf.contains("true")) << "no triggers";
  EXPECT_EQ(wf["permissions"].value("security-events", ""), "write");
  ASSERT_TRUE(wf["jobs"].is_object() && !wf["jobs"].empty());

  bool sarif_run = false, github_run = false, uploads = false, checks_out = false;
  std::string sarif_output, uploaded;
  for (const auto& [job_name, job] : wf["jobs"].items()) {
    EXPECT_NE(job.value("runs-on", "").find("ubuntu"), std::string::npos) << job_name;
    ASSERT_TRUE(job["steps"].is_array()) << job_name;
    for (const auto& step : job["steps"]) {
      std::string uses = step.value("uses", "");
      std::string run = step.value("run", "");
      if (uses.rfind("actions/checkout@", 0) == 0) checks_out = true;
      if (uses.rfind("github/codeql-action/upload-sarif@v3", 0) == 0) {
        uploads = true;
        uploaded = step["with"].value("sarif_file", "");
      }
      if (run.find("tairlint check") != std::string::npos && run.find("--format sarif") != std::string::npos) {
        sarif_run = true;
        // Findings (exit status 1) must not skip the upload.
        EXPECT_EQ(step.value("continue-on-error", false), true) << run;
        std::smatch m;
        if (std::regex_search(run, m, std::regex(R"(--output-file[ =](\S+))"))) sarif_output = m[1].str();
      }
      if (run.find("tairlint check") != std::string::npos && run.find("--format github") != std::string::npos) {
        github_run = true;
      }
    }
  }
  EXPECT_TRUE(checks_out);
  EXPECT_TRUE(sarif_run) << "no step runs tairlint check --format sarif";
  EXPECT_TRUE(uploads) << "no step uses github/codeql-action/upload-sarif@v3";
  EXPECT_TRUE(github_run) << "no step runs tairlint check --format github";
  EXPECT_FALSE(sarif_output.empty());
  EXPECT_EQ(uploaded, sarif_output) << "the uploaded file is not the one tairlint writes";

  // Every build option the workflow sets is one CMakeLists.txt defines.
  std::string text, cmake;
  ASSERT_TRUE(ReadFile(path, &text));
  ASSERT_TRUE(ReadFile(kRoot + "/CMakeLists.txt", &cmake));
  std::regex option(R"(-D(TAIRLINT_[A-Z0-9_]+)=)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option); it != std::sregex_iterator(); ++it) {
    EXPECT_NE(cmake.find("option(" + (*it)[1].str() + " "), std::string::npos) << (*it)[1].str();
  }
}

// ---- examples/editors/

TEST(Docs, VsCodeSettingsMapRequestFilesToSchemas) {
  std::string text;
  ASSERT_TRUE(ReadFile(kRoot + "/examples/editors/vscode-settings.json", &text));
  nlohmann::json s = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(s.is_discarded()) << "vscode-settings.json is not valid JSON";

  // The schema of both actions (tairlint schema), or one action's.
  static const std::regex kSchema(R"(^\./\.tairlint/(tairlint|CreateInstances|CreateTairKVCacheVNode)\.schema\.json$)");
  std::set<std::string> json_schemas, yaml_schemas;
  ASSERT_TRUE(s["json.schemas"].is_array() && !s["json.schemas"].empty());
  for (const auto& e : s["json.schemas"]) {
    std::string url = e.value("url", "");
    std::smatch m;
    EXPECT_TRUE(std::regex_match(url, m, kSchema)) << url;
    if (!m.empty()) json_schemas.insert(m[1].str());
    ASSERT_TRUE(e["fileMatch"].is_array() && !e["fileMatch"].empty()) << e.dump();
    for (const auto& g : e["fileMatch"]) EXPECT_NE(g.get<std::string>().find(".json"), std::string::npos) << g;
  }
  ASSERT_TRUE(s["yaml.schemas"].is_object() && !s["yaml.schemas"].empty());
  for (const auto& [schema, globs] : s["yaml.schemas"].items()) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(schema, m, kSchema)) << schema;
    if (!m.empty()) yaml_schemas.insert(m[1].str());
    ASSERT_TRUE(globs.is_array() && !globs.empty()) << globs.dump();
    for (const auto& g : globs) EXPECT_NE(g.get<std::string>().find(".y"), std::string::npos) << g;
  }
  EXPECT_EQ(json_schemas, yaml_schemas);
  // The files the settings name are what `tairlint schema [ACTION]` prints
  // (tests/editor_schema_test.cpp compares examples/editors/ with it).
  for (const std::string& name : json_schemas) {
    std::string action = name == "tairlint" ? "" : name;
    ShellRun r = RunShell(Quote(TAIRLINT_CLI_PATH) + " schema " + action + " 2>&1");
    EXPECT_EQ(r.status, 0) << name << "\n" << r.out;
    nlohmann::json schema = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_TRUE(schema.is_object() && schema.contains("$schema")) << name;
    EXPECT_TRUE(fs::exists(kRoot + "/examples/editors/" + name + ".schema.json")) << name;
  }

  std::string tasks;
  ASSERT_TRUE(ReadFile(kRoot + "/examples/editors/vscode-tasks.json", &tasks));
  nlohmann::json t = nlohmann::json::parse(tasks, nullptr, false);
  ASSERT_FALSE(t.is_discarded()) << "vscode-tasks.json is not valid JSON";
  ASSERT_TRUE(t["tasks"].is_array() && !t["tasks"].empty());
}

// The problem matcher of the VS Code tasks reads tairlint's text output.
TEST(Docs, VsCodeProblemMatcherReadsTheTextOutput) {
  std::string tasks;
  ASSERT_TRUE(ReadFile(kRoot + "/examples/editors/vscode-tasks.json", &tasks));
  nlohmann::json t = nlohmann::json::parse(tasks);
  std::string dir = ScratchPath("docs-matcher");
  fs::create_directories(dir);
  std::ofstream(dir + "/bad.json", std::ios::binary)
      << "{\"Action\":\"CreateTairKVCacheVNode\",\"RegionId\":\"cn-beijing\",\"ZoneId\":\"cn-beijing-f\",\n"
         "\"InstanceClass\":\"kvcache.cu.g4b.2\",\"ComputeUnitNum\":2,\"VkName\":\"tk-1\",\"VSwitchId\":\"vsw-1\"}\n";
  for (const auto& task : t["tasks"]) {
    SCOPED_TRACE(task.value("label", ""));
    std::string args;
    for (const auto& a : task["args"]) {
      std::string s = a.get<std::string>();
      args += " " + Quote(s == "${relativeFile}" || s == "specs/" ? "bad.json" : s);
    }
    ShellRun r = RunShell("cd " + Quote(dir) + " && " + Quote(TAIRLINT_CLI_PATH) + args + " 2>/dev/null");
    EXPECT_EQ(r.status, 1) << r.out;
    std::regex re(task["problemMatcher"]["pattern"].value("regexp", ""));
    std::smatch m;
    std::string first = r.out.substr(0, r.out.find('\n'));
    ASSERT_TRUE(std::regex_match(first, m, re)) << first;
    EXPECT_EQ(m[1].str(), "bad.json");
    EXPECT_EQ(m[2].str(), "2");
    EXPECT_EQ(m[4].str(), "error");
    // The message it captures stands alone: the code and the cause.
    ShellRun json = RunShell("cd " + Quote(dir) + " && " + Quote(TAIRLINT_CLI_PATH) + " check --format json bad.json");
    const nlohmann::json finding = nlohmann::json::parse(json.out)["files"][0]["findings"][0];
    EXPECT_NE(m[5].str().find(finding["code"].get<std::string>()), std::string::npos) << m[5];
    EXPECT_NE(m[5].str().find(finding["detail"].get<std::string>()), std::string::npos) << m[5];
    EXPECT_EQ(r.out.find(" | "), std::string::npos) << "no source lines in the problems view's input";
  }
}

}  // namespace
}  // namespace tairlint::testing
