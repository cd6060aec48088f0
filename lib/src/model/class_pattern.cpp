#include "model/class_pattern.h"

#include <re2/re2.h>

namespace tairlint::detail {
namespace {

// The end of the class that starts at pattern[at] ('['), or npos when it is
// not a class this shape allows.
size_t ClassEnd(const std::string& p, size_t at) {
  if (at >= p.size() || p[at] != '[') return std::string::npos;
  size_t i = at + 1;
  if (i < p.size() && p[i] == '^') ++i;
  const size_t body = i;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\\') {
      i += 2;  // the escaped character; what follows it (hex digits, {Han}) is plain
      continue;
    }
    if (c == '[') return std::string::npos;  // [:alpha:] and the like
    if (c == ']') return i == body ? std::string::npos : i;  // `[]...]` reads differently
    ++i;
  }
  return std::string::npos;
}

// Which ASCII characters the class p[begin..end] holds, as RE2 reads it.
bool Members(const std::string& p, size_t begin, size_t end, std::bitset<128>* out) {
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 re(p.substr(begin, end - begin + 1), options);
  if (!re.ok()) return false;
  for (int c = 0; c < 128; ++c) {
    (*out)[static_cast<size_t>(c)] = RE2::FullMatch(std::string(1, static_cast<char>(c)), re);
  }
  return true;
}

}  // namespace

bool ClassPattern::Compile(const std::string& p, ClassPattern* out) {
  ClassPattern cp;
  if (p.size() < 5 || p[0] != '^' || p.back() != '$') return false;
  size_t at = 1;
  size_t end = ClassEnd(p, at);
  if (end == std::string::npos) return false;
  if (end + 1 < p.size() && p[end + 1] == '[') {  // a leading class, then the repeated one
    cp.has_first_ = true;
    if (!Members(p, at, end, &cp.first_)) return false;
    at = end + 1;
    end = ClassEnd(p, at);
    if (end == std::string::npos) return false;
  }
  // The repeated class: `*` or `+`, then `$` ends the pattern.
  if (end + 3 != p.size() || (p[end + 1] != '*' && p[end + 1] != '+')) return false;
  cp.at_least_one_ = p[end + 1] == '+';
  if (!Members(p, at, end, &cp.rest_)) return false;
  *out = cp;
  return true;
}

ClassPattern::Answer ClassPattern::Match(std::string_view text) const {
  // An ASCII byte is a character of its own in UTF-8 (never part of a longer
  // sequence), so one outside its class settles the answer wherever it is.
  size_t i = 0;
  if (has_first_) {
    if (text.empty()) return Answer::NoMatch;
    const unsigned char c = static_cast<unsigned char>(text[0]);
    if (c >= 128) return Answer::AskRe2;
    if (!first_[c]) return Answer::NoMatch;
    i = 1;
  }
  if (at_least_one_ && i == text.size()) return Answer::NoMatch;
  bool ascii = true;
  for (; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 128) {
      ascii = false;
    } else if (!rest_[c]) {
      return Answer::NoMatch;
    }
  }
  return ascii ? Answer::Match : Answer::AskRe2;
}

}  // namespace tairlint::detail
