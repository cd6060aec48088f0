// ClassPattern: the patterns of one common shape, matched on ASCII text
// without RE2.
//
// Most of the schemas' patterns say "these characters only", optionally
// after "starting with one of these":
//
//     ^[\x21-\x7E]*$                                       (Token)
//     ^[A-Za-z\p{Han}][^\s\p{Z}\p{Cc}@/:=<>{\[\]}]*$        (InstanceName)
//
// On a short value an RE2 search is mostly set-up (docs/performance.md). For
// text that is all ASCII, such a pattern is two table lookups per byte: each
// class's ASCII members are found once, at load, by asking RE2 about every
// ASCII character. Text with other bytes (and every pattern of another
// shape) still goes to RE2, so the answer is always RE2's.
//
// The shape, exactly: `^`, then optionally one class, then one class
// followed by `*` or `+`, then `$`. A class is `[...]` or `[^...]` whose
// body holds no unescaped `[` (no POSIX classes) and is not empty; escapes
// (`\x21`, `\p{Han}`, `\]`) are left to RE2 to read. Anything else is not
// compiled (Compile returns false), and the caller keeps using RE2.
#pragma once

#include <bitset>
#include <string>
#include <string_view>

namespace tairlint::detail {

class ClassPattern {
 public:
  // Whether `pattern` has the shape above; if so, fills `out`. RE2 (UTF-8)
  // decides which ASCII characters each class holds.
  static bool Compile(const std::string& pattern, ClassPattern* out);

  enum class Answer { NoMatch, Match, AskRe2 };
  // Whether RE2 would find `pattern` in `text`; AskRe2 when `text` holds a
  // byte outside ASCII.
  Answer Match(std::string_view text) const;

 private:
  bool has_first_ = false;  // the optional leading class
  bool at_least_one_ = false;  // `+` rather than `*`
  std::bitset<128> first_, rest_;
};

}  // namespace tairlint::detail
