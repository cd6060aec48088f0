// Checks one request with the tairlint library before it is sent.
// Usage: check_request FILE  (exit 0: no error, 1: errors, 2: unreadable)
#include <tairlint/tairlint.h>

#include <cstdio>
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) return 2;
  std::stringstream text;
  text << in.rdbuf();

  static const tairlint::Checker checker;  // parses the schemas once; thread-safe
  tairlint::CheckOptions options;          // action and form: from the request
  options.severity["plaintext-secret"] = std::nullopt;  // our requests carry the password
  tairlint::Result result = checker.Check(text.str(), options);

  for (const tairlint::Finding& f : result.findings) {
    std::printf("%d:%d %s %s %s\n", f.line, f.column, tairlint::SeverityName(f.severity),
                f.code.empty() ? f.rule.c_str() : f.code.c_str(), f.detail.c_str());
  }
  return result.errors() == 0 ? 0 : 1;  // 0: the service would take its parameters
}
