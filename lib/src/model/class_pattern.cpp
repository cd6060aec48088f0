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

}  // namespace

// What each byte is to the class p[begin..end]: its ASCII members as RE2
// reads them, kOther from 0x80.
bool ClassPattern::Members(const std::string& p, size_t begin, size_t end, Table* out) {
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 re(p.substr(begin, end - begin + 1), options);
  if (!re.ok()) return false;
  for (int c = 0; c < 256; ++c) {
    const bool in = c < 128 && RE2::FullMatch(std::string(1, static_cast<char>(c)), re);
    (*out)[static_cast<size_t>(c)] = c >= 128 ? kOther : in ? kIn : kOut;
  }
  return true;
}

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
  // The repeated class: `*` or `+`, then `$` ends the pattern or a group
  // follows.
  if (end + 3 > p.size() || (p[end + 1] != '*' && p[end + 1] != '+')) return false;
  cp.at_least_one_ = p[end + 1] == '+';
  if (!Members(p, at, end, &cp.rest_)) return false;
  if (end + 3 != p.size() && (cp.has_first_ || !CompileGroups(p, end + 2, &cp))) return false;
  *out = cp;
  return true;
}

// `(` separator class `+` `)` then `*` or `+`, from p[at] to the `$`.
bool ClassPattern::CompileGroups(const std::string& p, size_t at, ClassPattern* cp) {
  if (at + 2 >= p.size() || p[at] != '(') return false;
  cp->separator_ = p[at + 1];
  if (static_cast<unsigned char>(cp->separator_) >= 128) return false;
  // The separator must be a character RE2 reads as itself alone (not `.`,
  // `\`, `[`...), and in neither class.
  Table sep{};
  if (!Members(p, at + 1, at + 1, &sep)) return false;
  for (int c = 0; c < 128; ++c) {
    if ((sep[static_cast<size_t>(c)] == kIn) != (c == static_cast<unsigned char>(cp->separator_))) return false;
  }
  const size_t begin = at + 2;
  const size_t end = ClassEnd(p, begin);
  if (end == std::string::npos || end + 5 != p.size() || p[end + 1] != '+' || p[end + 2] != ')' ||
      (p[end + 3] != '*' && p[end + 3] != '+')) {
    return false;
  }
  if (!Members(p, begin, end, &cp->group_)) return false;
  const size_t s = static_cast<unsigned char>(cp->separator_);
  if (cp->rest_[s] == kIn || cp->group_[s] == kIn) return false;
  cp->has_groups_ = true;
  cp->at_least_one_group_ = p[end + 3] == '+';
  return true;
}

ClassPattern::Answer ClassPattern::Match(std::string_view text) const {
  // An ASCII byte is a character of its own in UTF-8 (never part of a longer
  // sequence), so one outside its class settles the answer wherever it is.
  size_t i = 0;
  if (has_first_) {
    if (text.empty()) return Answer::NoMatch;
    const uint8_t k = first_[static_cast<unsigned char>(text[0])];
    if (k == kOther) return Answer::AskRe2;
    if (k == kOut) return Answer::NoMatch;
    i = 1;
  }
  if (has_groups_) return MatchGroups(text);
  if (at_least_one_ && i == text.size()) return Answer::NoMatch;
  unsigned seen = 0;  // the kinds of bytes met
  for (; i < text.size(); ++i) {
    const uint8_t k = rest_[static_cast<unsigned char>(text[i])];
    if (k == kOut) return Answer::NoMatch;
    seen |= k;
  }
  return (seen & kOther) != 0 ? Answer::AskRe2 : Answer::Match;
}

ClassPattern::Answer ClassPattern::MatchGroups(std::string_view text) const {
  // The separator is in neither class: each run ends at the next separator.
  const size_t n = text.size();
  size_t i = 0;
  unsigned seen = 0;
  for (; i < n && text[i] != separator_; ++i) {
    const uint8_t k = rest_[static_cast<unsigned char>(text[i])];
    if (k == kOut) return Answer::NoMatch;
    seen |= k;
  }
  if (at_least_one_ && i == 0) return Answer::NoMatch;
  size_t groups = 0;
  while (i < n) {  // text[i] is the separator
    const size_t run = ++i;
    for (; i < n && text[i] != separator_; ++i) {
      const uint8_t k = group_[static_cast<unsigned char>(text[i])];
      if (k == kOut) return Answer::NoMatch;
      seen |= k;
    }
    if (i == run) return Answer::NoMatch;  // an empty run: `+`
    ++groups;
  }
  if (at_least_one_group_ && groups == 0) return Answer::NoMatch;
  return (seen & kOther) != 0 ? Answer::AskRe2 : Answer::Match;
}

}  // namespace tairlint::detail
