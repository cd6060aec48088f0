// The library's folders are the layers of its pipeline (docs/design.md):
// a file includes only its own layer and the layers below it, and no
// includes go round in a circle. Source files stay small enough to read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Lowest first. A file directly in lib/src/ (checker.cpp) is the top.
const std::vector<std::string> kLayers = {"core",    "document", "input", "model", "report",
                                          "request", "schema",   "rules", "ledger", "output"};

int LayerOf(const std::string& relative) {
  const size_t slash = relative.find('/');
  if (slash == std::string::npos) return static_cast<int>(kLayers.size());
  const std::string folder = relative.substr(0, slash);
  for (size_t i = 0; i < kLayers.size(); ++i) {
    if (kLayers[i] == folder) return static_cast<int>(i);
  }
  return -1;
}

fs::path Src() { return fs::path(TAIRLINT_SOURCE_DIR) / "lib" / "src"; }

// Each file of lib/src (relative path) -> the lib/src files it includes.
std::map<std::string, std::vector<std::string>> IncludeGraph() {
  std::map<std::string, std::vector<std::string>> graph;
  const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  for (const auto& entry : fs::recursive_directory_iterator(Src())) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = fs::relative(entry.path(), Src()).generic_string();
    auto& edges = graph[rel];
    std::ifstream in(entry.path());
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
      if (std::regex_search(line, m, include) && fs::exists(Src() / m[1].str())) edges.push_back(m[1].str());
    }
  }
  return graph;
}

TEST(Layers, NoIncludeRunsBackUp) {
  const auto graph = IncludeGraph();
  ASSERT_GT(graph.size(), 40u);
  for (const auto& [file, includes] : graph) {
    const int layer = LayerOf(file);
    ASSERT_GE(layer, 0) << file << " is in no layer: add its folder to kLayers (and docs/design.md)";
    for (const std::string& target : includes) {
      EXPECT_LE(LayerOf(target), layer) << file << " includes " << target << ", a layer above it";
    }
  }
}

TEST(Layers, NoIncludeCircle) {
  const auto graph = IncludeGraph();
  std::map<std::string, int> state;  // 1: on the path, 2: done
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& file) {
    state[file] = 1;
    path.push_back(file);
    auto it = graph.find(file);
    if (it != graph.end()) {
      for (const std::string& next : it->second) {
        if (state[next] == 1) {
          std::string circle;
          for (const std::string& p : path) circle += p + " -> ";
          ADD_FAILURE() << "include circle: " << circle << next;
        } else if (state[next] == 0) {
          visit(next);
        }
      }
    }
    path.pop_back();
    state[file] = 2;
  };
  for (const auto& [file, includes] : graph) {
    if (state[file] == 0) visit(file);
  }
}

// "No source file over about 500 lines" (issue 20): a little slack, so that
// a comment does not fail the build, but no file grows back to a thousand.
TEST(Layers, SourceFilesStaySmall) {
  for (const char* dir : {"lib", "tool"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(TAIRLINT_SOURCE_DIR) / dir)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
      std::ifstream in(entry.path());
      size_t lines = 0;
      for (std::string line; std::getline(in, line);) ++lines;
      EXPECT_LE(lines, 550u) << entry.path().generic_string();
    }
  }
}

}  // namespace
