// Helpers shared by the tests: one Checker, request builders for every input
// form, and short ways to read a Result.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "tairlint/tairlint.h"

namespace tairlint::testing {

// The scratch directory of this test process, made on first use and removed
// with everything in it when the process exits: tests of several processes
// (ctest -j, two checkouts) never share one, and none is left behind.
inline const std::string& ScratchRoot() {
  // Never destroyed: the exit handler runs after static destructors that
  // were registered after it.
  static const std::string* root = [] {
    static const pid_t owner = getpid();
    auto* r = new std::string(::testing::TempDir() + "/tairlint-" + std::to_string(owner));
    std::error_code ec;
    std::filesystem::remove_all(*r, ec);  // a dead process's, with our pid
    std::filesystem::create_directories(*r, ec);
    std::atexit([] {
      if (getpid() != owner) return;  // a forked child exiting
      std::error_code ignored;
      std::filesystem::remove_all(*root, ignored);
    });
    return r;
  }();
  return *root;
}

// A scratch path of this test process, below ScratchRoot().
inline std::string ScratchPath(const std::string& name) { return ScratchRoot() + "/" + name; }

// The tairlint executable the tests run: the one built beside them, or the
// one TAIRLINT_TEST_CLI names (to see a regression test fail on a build
// without the fix).
inline std::string CliPath() {
  const char* other = std::getenv("TAIRLINT_TEST_CLI");
  return other != nullptr && *other != '\0' ? other : TAIRLINT_CLI_PATH;
}

// The shared test data (TAIRLINT_SHARED_DIR: ../shared beside the checkout,
// with JSONTestSuite, the SARIF schema and the API references). A test that
// needs a file of it skips, naming the file, when it is missing; with
// TAIRLINT_REQUIRE_SHARED_DATA=1 (as .ci/run runs) it fails instead.
inline bool SharedDataRequired() {
  const char* v = std::getenv("TAIRLINT_REQUIRE_SHARED_DATA");
  return v != nullptr && *v != '\0' && std::string(v) != "0";
}
#define TAIRLINT_NEED_SHARED_DATA(path)                                                                  \
  do {                                                                                                 \
    const std::string tairlint_needed_ = (path);                                                       \
    if (std::filesystem::exists(tairlint_needed_)) break;                                              \
    if (::tairlint::testing::SharedDataRequired()) {                                                   \
      FAIL() << "the shared test data " << tairlint_needed_ << " is missing (TAIRLINT_REQUIRE_SHARED_DATA is set)"; \
    }                                                                                                  \
    GTEST_SKIP() << "needs the shared test data " << tairlint_needed_ << ", which is missing";         \
  } while (false)

// What a shell command printed on its standard output, and its exit status.
struct ShellRun {
  int status = -1;
  std::string out;
};

// Runs `cmd` through /bin/sh (add 2>&1 to capture standard error too).
inline ShellRun RunShell(const std::string& cmd) {
  ShellRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// `s` quoted for the shell.
inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline const Checker& TheChecker() {
  static const Checker checker;
  return checker;
}

inline Result Check(const std::string& text, Action action = Action::Unknown,
                    InputFormat format = InputFormat::Auto) {
  CheckOptions o;
  o.action = action;
  o.format = format;
  return TheChecker().Check(text, o);
}

// The error codes of a result, sorted (a multiset).
inline std::vector<std::string> ErrorCodes(const Result& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    if (f.severity == Severity::Error) out.push_back(f.code.empty() ? "<" + f.rule + ">" : f.code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> RulesOf(const Result& r, Severity s) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    if (f.severity == s) out.push_back(f.rule);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline const Finding* FindingFor(const Result& r, const std::string& rule) {
  for (const Finding& f : r.findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

inline std::string Describe(const Result& r) {
  std::string out;
  for (const Finding& f : r.findings) {
    out += std::to_string(f.line) + ":" + std::to_string(f.column) + " " + SeverityName(f.severity) + " " + f.code +
           " [" + f.rule + "] " + f.pointer + " :: " + f.detail + "\n";
  }
  return out;
}

// ---- request forms

enum class Form { JsonInline, JsonString, Yaml, Query };

inline const char* FormName(Form f) {
  switch (f) {
    case Form::JsonInline: return "json";
    case Form::JsonString: return "json-string";
    case Form::Yaml: return "yaml";
    case Form::Query: return "query";
  }
  return "?";
}

inline std::string Percent(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// The text a value travels as at the top level of a query string.
inline std::string WireOf(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

inline void EmitYaml(const nlohmann::ordered_json& v, int indent, std::string* out);

inline std::string YamlScalar(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.dump();  // a JSON string is a valid YAML double-quoted scalar
  return v.dump();
}

inline void EmitYaml(const nlohmann::ordered_json& v, int indent, std::string* out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const auto& c = it.value();
      if ((c.is_object() || c.is_array()) && !c.empty()) {
        *out += pad + it.key() + ":\n";
        EmitYaml(c, indent + 2, out);
      } else {
        *out += pad + it.key() + ": " + (c.is_object() ? "{}" : c.is_array() ? "[]" : YamlScalar(c)) + "\n";
      }
    }
  } else if (v.is_array()) {
    for (const auto& c : v) {
      if (c.is_object() && !c.empty()) {
        std::string inner;
        EmitYaml(c, indent + 2, &inner);
        inner.replace(static_cast<size_t>(indent), 2, "- ");
        *out += inner;
      } else {
        *out += pad + "- " + (c.is_object() ? "{}" : c.is_array() ? c.dump() : YamlScalar(c)) + "\n";
      }
    }
  }
}

// Writes a request document in a form. In the query form, Instances travels
// as JSON text and Tag as Tag.N.Key / Tag.N.Value.
inline std::string Render(const nlohmann::ordered_json& request, Form form) {
  switch (form) {
    case Form::JsonInline: return request.dump(2);
    case Form::JsonString: {
      nlohmann::ordered_json r = request;
      if (r.contains("Instances") && !r["Instances"].is_string()) r["Instances"] = r["Instances"].dump();
      return r.dump(2);
    }
    case Form::Yaml: {
      std::string out;
      EmitYaml(request, 0, &out);
      return out;
    }
    case Form::Query: {
      std::string out;
      auto add = [&out](const std::string& k, const std::string& v) {
        if (!out.empty()) out += "&";
        out += Percent(k) + "=" + Percent(v);
      };
      for (auto it = request.begin(); it != request.end(); ++it) {
        if (it.key() == "Tag" && it->is_array()) {
          size_t n = 1;
          for (const auto& pair : *it) {
            for (auto p = pair.begin(); p != pair.end(); ++p) {
              add("Tag." + std::to_string(n) + "." + p.key(), WireOf(p.value()));
            }
            ++n;
          }
        } else {
          add(it.key(), WireOf(it.value()));
        }
      }
      return out;
    }
  }
  return "";
}

inline InputFormat FormatOf(Form f) {
  return f == Form::Yaml ? InputFormat::Yaml : f == Form::Query ? InputFormat::Query : InputFormat::Json;
}

// Applies a JSON merge patch where the value "<delete>" removes a key.
inline void Patch(nlohmann::ordered_json* target, const nlohmann::ordered_json& patch) {
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it->is_string() && it->get<std::string>() == "<delete>") {
      target->erase(it.key());
    } else {
      (*target)[it.key()] = it.value();
    }
  }
}

// A valid CreateInstances request: one PostPaid element.
inline nlohmann::ordered_json BaseCreateInstances() {
  return nlohmann::ordered_json::parse(R"({
    "Action": "CreateInstances",
    "Instances": [{"RegionId": "cn-hangzhou", "izNo": "cn-hangzhou-h",
                   "instanceClass": "redis.master.small.default"}]
  })");
}

// A valid CreateTairKVCacheVNode request.
inline nlohmann::ordered_json BaseVNode() {
  return nlohmann::ordered_json::parse(R"({
    "Action": "CreateTairKVCacheVNode",
    "RegionId": "cn-beijing", "ZoneId": "cn-beijing-f", "InstanceClass": "kvcache.cu.g4b.2",
    "ComputeUnitNum": 1, "VkName": "tk-2ze4bba3c8fe0001", "VSwitchId": "vsw-bp1e7clcw529l773d0001"
  })");
}

}  // namespace tairlint::testing
