// ClassPattern: the patterns of two common shapes, matched on ASCII text
// without RE2.
//
// Most of the schemas' patterns say "these characters only", optionally
// after "starting with one of these", or "runs of these characters joined
// by a separator":
//
//     ^[\x21-\x7E]*$                                       (Token)
//     ^[A-Za-z\p{Han}][^\s\p{Z}\p{Cc}@/:=<>{\[\]}]*$        (InstanceName)
//     ^[a-z]+(-[a-z0-9]+)+$                                 (RegionId)
//
// On a short value an RE2 search is mostly set-up (docs/performance.md). For
// text that is all ASCII, such a pattern is one table lookup per byte: each
// class's ASCII members are found once, at load, by asking RE2 about every
// ASCII character. Text with other bytes (and every pattern of another
// shape) still goes to RE2, so the answer is always RE2's.
//
// The shapes, exactly: `^`, then optionally one class, then one class
// followed by `*` or `+`, then `$`; or `^`, one class followed by `*` or
// `+`, then a group `(` separator class `+` `)` followed by `*` or `+`, then
// `$`, where the separator is one character that RE2 reads as itself alone
// and that neither class holds (so the runs split the text one way only). A
// class is `[...]` or `[^...]` whose body holds no unescaped `[` (no POSIX
// classes) and is not empty; escapes (`\x21`, `\p{Han}`, `\]`) are left to
// RE2 to read. Anything else is not compiled (Compile returns false), and
// the caller keeps using RE2.
#pragma once

#include <array>
#include <cstdint>
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
  // What each byte is to a class: kOut (an ASCII character outside it), kIn
  // (one inside it) or kOther (a byte of a non-ASCII character).
  enum : uint8_t { kOut = 0, kIn = 1, kOther = 2 };
  using Table = std::array<uint8_t, 256>;
  static bool Members(const std::string& pattern, size_t begin, size_t end, Table* out);
  static bool CompileGroups(const std::string& pattern, size_t at, ClassPattern* cp);
  bool has_first_ = false;  // the optional leading class
  bool at_least_one_ = false;  // `+` rather than `*`
  Table first_{}, rest_{};
  // The second shape: rest_ is the first run's class, then groups of
  // `separator_` and a run of group_'s class.
  bool has_groups_ = false;
  bool at_least_one_group_ = false;  // `)+` rather than `)*`
  char separator_ = 0;
  Table group_{};
  Answer MatchGroups(std::string_view text) const;
};

}  // namespace tairlint::detail
