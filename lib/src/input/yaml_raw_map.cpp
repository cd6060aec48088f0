// DecodedToRawYaml: for a YAML scalar, the file offset of each byte of its
// decoded value, by reading the scalar's raw text again (quotes, escapes,
// line folding, block indentation).
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "input/parse.h"
#include "input/yaml_text.h"

namespace tairlint::detail {
namespace {

using yaml::BreakLength;
using yaml::IsBlank;
using yaml::IsBreakChar;


// Maps decoded bytes to raw offsets, one at a time; whatever it cannot map
// (its re-reading of the raw text disagrees with the decoded value) goes to
// the raw offset reached so far, clamped inside the scalar.
class RawMapper {
 public:
  RawMapper(std::string_view decoded, size_t pos, size_t limit, std::vector<uint32_t>* map)
      : d_(decoded), pos_(pos), limit_(limit), map_(map) {}

  bool done() const { return i_ >= d_.size(); }
  // Maps decoded byte i to raw offset `raw` if it is `expected`.
  bool Emit(size_t raw, char expected) {
    if (done() || d_[i_] != expected) return false;
    (*map_)[i_++] = static_cast<uint32_t>(raw);
    return true;
  }
  size_t CountNewlines() const {
    size_t q = 0;
    while (i_ + q < d_.size() && d_[i_ + q] == '\n') ++q;
    return q;
  }
  size_t index() const { return i_; }
  char peek() const { return done() ? '\0' : d_[i_]; }
  // Maps decoded byte i to `raw` unchecked (a byte the raw text does not
  // spell out: a folded break, an escape); callers make sure one is left.
  void EmitAt(size_t raw) { (*map_)[i_++] = static_cast<uint32_t>(raw); }

  // Maps the decoded newlines (and folding spaces) produced by the line
  // breaks `breaks` (b0 ends the last content line, the rest end empty
  // lines). `escaped`: b0 was escaped (double quotes) and produces nothing.
  // `flow`: flow folding (the first break of a group of several is dropped).
  void EmitBreaks(const std::vector<size_t>& breaks, bool escaped, bool flow, bool more_follows) {
    if (breaks.empty()) return;
    const size_t m = breaks.size() - 1;  // empty lines
    const size_t q = CountNewlines();
    if (escaped) {
      for (size_t j = 1; j <= m && j <= q; ++j) EmitAt(breaks[j]);
    } else if (q == 0) {
      if (peek() == ' ') EmitAt(breaks[0]);  // a folded break
    } else if (!more_follows) {
      // Trailing breaks kept by block chomping, in order.
      for (size_t j = 0; j <= m && j < q; ++j) EmitAt(breaks[j]);
    } else if (q >= m + 1 && !flow) {
      for (size_t j = 0; j <= m; ++j) EmitAt(breaks[j]);  // kept break + empty lines
    } else {
      for (size_t j = 1; j <= m && j <= q; ++j) EmitAt(breaks[j]);  // folded: b0 dropped
    }
  }

  void Finish(size_t r) {
    const size_t last = limit_ > pos_ ? limit_ - 1 : pos_;
    const uint32_t fill = static_cast<uint32_t>(std::min(std::max(r, pos_), last));
    while (i_ < d_.size()) (*map_)[i_++] = fill;
    (*map_)[d_.size()] = static_cast<uint32_t>(std::min(std::max(r, pos_), limit_));
  }

 private:
  std::string_view d_;
  size_t pos_, limit_;
  std::vector<uint32_t>* map_;
  size_t i_ = 0;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

size_t Utf8Length(uint32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// A double-quoted escape at `r` (the backslash), not an escaped line break:
// the number of raw bytes and decoded bytes, or false if unknown.
bool DecodeEscape(std::string_view f, size_t r, size_t limit, size_t* raw_len, size_t* out_len) {
  if (r + 1 >= limit) return false;
  size_t hex = 0;
  switch (f[r + 1]) {
    case 'x': hex = 2; break;
    case 'u': hex = 4; break;
    case 'U': hex = 8; break;
    case 'N': case '_': *raw_len = 2; *out_len = 2; return true;   // U+0085, U+00A0
    case 'L': case 'P': *raw_len = 2; *out_len = 3; return true;   // U+2028, U+2029
    case '0': case 'a': case 'b': case 't': case '\t': case 'n': case 'v': case 'f':
    case 'r': case 'e': case ' ': case '"': case '/': case '\'': case '\\':
      *raw_len = 2;
      *out_len = 1;
      return true;
    default: return false;
  }
  if (r + 2 + hex > limit) return false;
  uint32_t cp = 0;
  for (size_t k = 0; k < hex; ++k) {
    const int v = HexValue(f[r + 2 + k]);
    if (v < 0) return false;
    cp = (cp << 4) | static_cast<uint32_t>(v);
  }
  *raw_len = 2 + hex;
  *out_len = Utf8Length(cp);
  return true;
}

// Plain, single- and double-quoted scalars: content from `r` (after the
// opening quote), flow line folding.
void MapFlowScalar(std::string_view f, size_t r, size_t limit, RawForm form, RawMapper* m) {
  const bool single = form == RawForm::YamlSingle, dbl = form == RawForm::YamlDouble;
  std::vector<size_t> breaks;
  // Collects the line break at r and the empty lines after it; returns the
  // offset of the next content (leading blanks skipped).
  auto collect_breaks = [&](size_t at) {
    breaks.clear();
    breaks.push_back(at);
    at += BreakLength(f, at, limit);
    for (;;) {
      while (at < limit && IsBlank(f[at])) ++at;
      const size_t len = BreakLength(f, at, limit);
      if (len == 0) break;
      breaks.push_back(at);
      at += len;
    }
    return at;
  };
  while (!m->done() && r < limit) {
    const char c = f[r];
    if (single && c == '\'') {
      if (r + 1 < limit && f[r + 1] == '\'' && m->Emit(r, '\'')) {
        r += 2;
        continue;
      }
      break;  // the closing quote (or a mismatch)
    }
    if (dbl && c == '"') break;
    if (dbl && c == '\\') {
      if (BreakLength(f, r + 1, limit) > 0) {  // escaped line break
        r = collect_breaks(r + 1);
        m->EmitBreaks(breaks, /*escaped=*/true, /*flow=*/true, !m->done());
        continue;
      }
      size_t raw_len = 0, out_len = 0;
      if (!DecodeEscape(f, r, limit, &raw_len, &out_len)) break;
      for (size_t k = 0; k < out_len && !m->done(); ++k) m->EmitAt(r);
      r += raw_len;
      continue;
    }
    if (IsBlank(c)) {
      size_t e = r;
      while (e < limit && IsBlank(f[e])) ++e;
      if (BreakLength(f, e, limit) > 0) {  // trailing blanks are dropped
        r = e;
        continue;
      }
      while (r < e && m->Emit(r, f[r])) ++r;
      if (r < e) break;  // not understood
      continue;
    }
    if (BreakLength(f, r, limit) > 0) {
      const size_t before = m->index();
      r = collect_breaks(r);
      m->EmitBreaks(breaks, /*escaped=*/false, /*flow=*/true, true);
      if (m->index() == before) break;  // a fold always yields a space or newlines
      continue;
    }
    if (!m->Emit(r, c)) break;
    ++r;
  }
  m->Finish(r);
}

// Block scalars: `pos` is the first content line at the block's indentation.
void MapBlockScalar(std::string_view f, size_t pos, size_t limit, std::string_view d, RawMapper* m) {
  // The indentation is the column of pos (indentation is spaces only).
  size_t ls = pos;
  while (ls > 0 && !IsBreakChar(f[ls - 1])) --ls;
  const size_t indent = pos - ls;
  // Leading newlines of the value come from the empty lines above pos.
  size_t k = 0;
  while (k < d.size() && d[k] == '\n') ++k;
  if (k == d.size()) {
    // No content line: pos is the line after the header; the newlines are
    // the breaks from there on.
    size_t r = pos;
    while (!m->done() && r < limit) {
      while (r < limit && !IsBreakChar(f[r])) ++r;
      if (r >= limit) break;
      m->EmitAt(r);
      r += BreakLength(f, r, limit);
    }
    m->Finish(r);
    return;
  }
  if (k > 0) {
    std::vector<size_t> above;  // breaks ending the k lines above pos, last first
    size_t p = ls;
    for (size_t j = 0; j < k && p > 0; ++j) {
      size_t b = p - 1;  // the LF (or CR) ending the previous line
      if (f[b] == '\n' && b > 0 && f[b - 1] == '\r') --b;
      if (!IsBreakChar(f[b])) break;
      above.push_back(b);
      p = b;
      while (p > 0 && !IsBreakChar(f[p - 1])) --p;
    }
    for (size_t j = 0; j < k; ++j) {
      // above.size() < k only for input this code does not understand.
      m->EmitAt(j < above.size() ? above[above.size() - 1 - j] : pos);
    }
  }
  size_t r = pos;
  std::vector<size_t> breaks;
  while (!m->done() && r < limit) {
    // The rest of a content line maps byte for byte.
    bool ok = true;
    while (ok && !m->done() && r < limit && !IsBreakChar(f[r])) {
      ok = m->Emit(r, f[r]);
      if (ok) ++r;
    }
    if (!ok || m->done() || r >= limit) break;
    // A line break, then empty lines (at most `indent` spaces).
    breaks.clear();
    breaks.push_back(r);
    r += BreakLength(f, r, limit);
    for (;;) {
      size_t s = r;
      while (s < limit && s - r < indent && f[s] == ' ') ++s;
      const size_t len = BreakLength(f, s, limit);
      if (len > 0) {
        breaks.push_back(s);
        r = s + len;
        continue;
      }
      r = s;  // the next content line, past its indentation
      break;
    }
    const bool more_follows = r < limit && d.find_first_not_of('\n', m->index()) != std::string_view::npos;
    const size_t before = m->index();
    m->EmitBreaks(breaks, /*escaped=*/false, /*flow=*/false, more_follows);
    if (m->index() == before) break;  // not understood
  }
  m->Finish(r);
}

}  // namespace

std::vector<uint32_t> DecodedToRawYaml(std::string_view file, const Node& node) {
  const std::string_view d = node.text;
  const size_t pos = std::min<size_t>(node.pos, file.size());
  size_t limit = std::max(pos, std::min<size_t>(node.end, file.size()));
  // A block scalar's node ends with its last content line; the breaks after
  // it may be part of its value (clip and keep chomping).
  if (node.raw == RawForm::YamlBlock) limit = std::max(limit, yaml::BlockScalarBreaksEnd(file, limit));
  std::vector<uint32_t> map(d.size() + 1, static_cast<uint32_t>(pos));
  RawMapper m(d, pos, limit, &map);
  switch (node.raw) {
    case RawForm::YamlPlain: MapFlowScalar(file, pos, limit, node.raw, &m); break;
    case RawForm::YamlSingle:
    case RawForm::YamlDouble: MapFlowScalar(file, std::min(pos + 1, limit), limit, node.raw, &m); break;
    case RawForm::YamlBlock: MapBlockScalar(file, pos, limit, d, &m); break;
    default: break;
  }
  return map;
}

}  // namespace tairlint::detail
