// Helpers shared by rules (rules/rule.h).
#include <algorithm>
#include <cctype>

#include "rules/rule.h"

namespace tairlint::detail {

bool Matches(const Context& ctx, const Scope& s, const Condition& c) {
  const std::string& want = c.want;
  const Node* v = ctx.Value(s, c.param);
  if (v == nullptr || ctx.report.HasErrorAt(s.pointer, c.param.name)) return false;
  if (want == "*") return true;
  // The wire text of a string is its text: compare without building it.
  return v->kind == Kind::String ? SameText(v->text, want) : WireText(*v) == want;
}

std::string Describe(const std::vector<Condition>& conditions) {
  std::string out;
  for (const Condition& c : conditions) {
    if (!out.empty()) out += " and ";
    out += c.param.name + (c.want == "*" ? " is given" : " is " + c.want);
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t best = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                          std::tolower(static_cast<unsigned char>(b[j - 1]))
                                      ? 0
                                      : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      best = std::min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], cap + 1);
}

}  // namespace tairlint::detail
