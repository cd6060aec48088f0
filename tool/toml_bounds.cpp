// BoundedToml (config.h): what a configuration file may hold, checked
// before toml++ sees it.
#include <string>
#include <string_view>

#include "config.h"

namespace tairlint::cli {
namespace {

// One pass over the text, counting what toml++ would nest and split.
class TomlBounds {
 public:
  TomlBounds(std::string_view t, std::string* error) : t_(t), n_(t.size()), error_(error) {}

  bool Scan() {
    while (i_ < n_) {
      const unsigned char c = At(i_);
      if (c == '\n') {
        while (!open_.empty() && open_.back() == 'h') open_.pop_back();  // a header ends with its line
        if (open_.empty()) key_ = true;
        NewLine(++i_);
        dots_ = 0;
      } else if (IsSpace(c)) {
        ++i_;
      } else if (c == '#') {  // a comment, to the end of the line
        while (i_ < n_ && t_[i_] != '\n') ++i_;
      } else if (c >= 0x80) {
        // TOML allows none outside strings and comments, and toml++ 3.3
        // reaches __builtin_unreachable() when it asks whether such a
        // character (U+00A1 to U+0499 among many) is whitespace
        return NonAscii(i_);
      } else if (c == '"' || c == '\'') {
        if (!Quoted(c)) return false;
      } else if (!Structure(c)) {
        return false;
      }
    }
    return true;
  }

 private:
  static bool IsSpace(unsigned char b) { return b == ' ' || b == '\t' || b == '\r'; }
  unsigned char At(size_t k) const { return static_cast<unsigned char>(t_[k]); }
  void NewLine(size_t start) {
    ++line_;
    line_start_ = start;
  }

  bool Fail(size_t at, const std::string& what) {
    size_t column = 1;  // in characters, as toml++ counts them
    for (size_t k = line_start_; k < at; ++k) column += (At(k) & 0xC0) != 0x80;
    *error_ = std::to_string(line_) + ":" + std::to_string(column) + ": " + what;
    return false;
  }
  bool NonAscii(size_t at) { return Fail(at, "a non-ASCII character outside a quoted string or a comment"); }

  // A string, from its opening quote `q` past its end.
  bool Quoted(unsigned char q) {
    const bool basic = q == '"';
    if (i_ + 2 < n_ && t_[i_ + 1] == t_[i_] && t_[i_ + 2] == t_[i_]) return MultiLine(q);
    // one line at most
    for (++i_; i_ < n_ && At(i_) != q && t_[i_] != '\n'; ++i_) {
      if (basic && t_[i_] == '\\' && i_ + 1 < n_ && t_[i_ + 1] != '\n') ++i_;
    }
    if (i_ < n_ && At(i_) == q) ++i_;
    return true;
  }

  // Multi-line: ends with the first run of three quotes or more (up to two
  // more are the string's own).
  bool MultiLine(unsigned char q) {
    const bool basic = q == '"';
    for (i_ += 3; i_ < n_;) {
      if (basic && t_[i_] == '\\') {
        if (!Backslash()) return false;
      } else if (t_[i_] == '\n') {
        NewLine(++i_);
      } else if (At(i_) == q) {
        size_t run = 0;
        while (i_ + run < n_ && At(i_ + run) == q) ++run;
        i_ += run;
        if (run >= 3) break;
      } else {
        ++i_;
      }
    }
    return true;
  }

  // An escape, or a line-ending backslash, in a multi-line basic string:
  // toml++ asks whether the next character, the first after the spaces that
  // follow, and the first after the line break and its spaces, is
  // whitespace (see Scan).
  bool Backslash() {
    ++i_;
    if (i_ < n_ && At(i_) >= 0x80) return NonAscii(i_);
    size_t j = i_;
    while (j < n_ && IsSpace(At(j))) ++j;
    if (j > i_ && j < n_ && At(j) >= 0x80) return NonAscii(j);
    if (j < n_ && t_[j] == '\n') {
      for (i_ = j; i_ < n_ && (IsSpace(At(i_)) || t_[i_] == '\n');) {
        if (t_[i_] == '\n') NewLine(i_ + 1);
        ++i_;
      }
      if (i_ < n_ && At(i_) >= 0x80) return NonAscii(i_);
    } else if (i_ < n_) {
      ++i_;
    }
    return true;
  }

  // Brackets, commas, keys and bare values.
  bool Structure(unsigned char c) {
    if (c == '[' || c == '{') {
      const char kind = c == '{' ? '{' : key_ && (open_.empty() || open_.back() == 'h') ? 'h' : '[';
      open_.push_back(kind);
      if (open_.size() > static_cast<size_t>(kMaxConfigNesting)) {
        return Fail(i_, "arrays and inline tables nested more than " + std::to_string(kMaxConfigNesting) + " deep");
      }
      key_ = kind != '[';
      dots_ = 0;
      ++i_;
    } else if (c == ']' || c == '}') {
      if (!open_.empty()) open_.pop_back();
      key_ = false;
      dots_ = 0;
      ++i_;
    } else if (c == ',') {
      key_ = !open_.empty() && open_.back() == '{';
      dots_ = 0;
      ++i_;
    } else if (key_) {
      if (c == '=') {
        key_ = false;
        dots_ = 0;
      } else if (c == '.' && ++dots_ >= kMaxConfigKeyParts) {
        return Fail(i_, "a key of more than " + std::to_string(kMaxConfigKeyParts) + " dotted parts");
      }
      ++i_;
    } else {
      // a bare value (a number, a date, true): toml++ reads it up to the
      // next space, `]`, `}`, `,` or `#`, through any quote or bracket
      for (; i_ < n_; ++i_) {
        const unsigned char b = At(i_);
        if (IsSpace(b) || b == '\n' || b == ']' || b == '}' || b == ',' || b == '#') break;
        if (b >= 0x80) return NonAscii(i_);
      }
    }
    return true;
  }

  const std::string_view t_;
  const size_t n_;
  std::string* error_;
  size_t i_ = 0;
  size_t line_ = 1, line_start_ = 0;
  // What is open, innermost last: '[' an array, '{' an inline table, 'h' a
  // table header's bracket. Each counts towards kMaxConfigNesting.
  std::string open_;
  bool key_ = true;  // a key is expected here (a line of the top level, a header, an inline table)
  int dots_ = 0;     // the parts of the key being read, less one
};

}  // namespace

bool BoundedToml(std::string_view t, std::string* error) { return TomlBounds(t, error).Scan(); }

}  // namespace tairlint::cli
