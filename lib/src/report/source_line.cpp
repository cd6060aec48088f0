#include "report/source_line.h"

#include <algorithm>
#include <string>

namespace tairlint::detail {
namespace {

// One piece of the shown line: a character (or its escape, or the mask) and
// the bytes of the text it stands for.
struct Piece {
  std::string text;
  int cells = 1;
  uint32_t begin = 0, end = 0;
};

constexpr std::string_view kMask = "***";
constexpr std::string_view kCut = "\xE2\x80\xA6";  // …

uint32_t DecodeAt(std::string_view s, size_t n) {
  const auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i])); };
  if (n == 2) return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
  if (n == 3) return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
  return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
}

// Terminal cells of a code point: two for East Asian wide and full-width
// characters (CJK, Hangul, full-width forms), else one.
int Cells(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                 (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                 (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD)
             ? 2
             : 1;
}

// The character at `at` (not past `end`) as shown: a tab as a space, other
// control characters and invalid bytes escaped (Printable).
Piece CharacterAt(std::string_view text, uint32_t at) {
  const unsigned char c = static_cast<unsigned char>(text[at]);
  Piece p;
  p.begin = at;
  if (c == '\t') {
    p.text = " ";
  } else if (c >= 0x20 && c < 0x7f) {
    p.text = std::string(1, static_cast<char>(c));
  } else {
    const size_t n = c < 0x80 ? 1 : std::max<size_t>(1, Utf8SequenceLength(text.substr(at)));
    p.text = Printable(text.substr(at, n));
    p.cells = p.text.size() == n && n > 1 ? Cells(DecodeAt(text.substr(at), n)) : static_cast<int>(p.text.size());
    p.end = at + static_cast<uint32_t>(n);
    return p;
  }
  p.end = at + 1;
  return p;
}

// The pieces of the line [begin, end): masked values as one piece each; a
// YAML comment (a '#' outside keys and values, after white space or at the
// line's start) ends it.
std::vector<Piece> PiecesOf(std::string_view text, uint32_t begin, uint32_t end, uint32_t pos, uint32_t finding_end,
                            const std::vector<TextSpan>& spans) {
  std::vector<Piece> pieces;
  auto span = std::lower_bound(spans.begin(), spans.end(), begin,
                               [](const TextSpan& s, uint32_t at) { return s.end <= at; });
  for (uint32_t at = begin; at < end;) {
    while (span != spans.end() && span->end <= at) ++span;
    const bool inside = span != spans.end() && span->pos <= at;
    if (inside && span->value && (span->secret || span->pos != pos || span->end != finding_end)) {
      const uint32_t stop = std::min(span->end, end);
      pieces.push_back({std::string(kMask), static_cast<int>(kMask.size()), at, stop});
      at = stop;
      continue;
    }
    if (!inside && text[at] == '#' && (at == begin || text[at - 1] == ' ' || text[at - 1] == '\t')) break;
    pieces.push_back(CharacterAt(text, at));
    at = pieces.back().end;
  }
  return pieces;
}

}  // namespace

std::vector<TextSpan> SpansOf(const Node& root) {
  std::vector<TextSpan> spans;
  std::vector<std::pair<const Node*, bool>> stack = {{&root, root.secret}};  // (node, under a secret)
  while (!stack.empty()) {
    const auto [n, secret] = stack.back();
    stack.pop_back();
    if (n->is_scalar()) {
      if (n->end > n->pos) spans.push_back({n->pos, n->end, true, secret || n->secret});
      continue;
    }
    for (const Node& item : n->items) stack.push_back({&item, secret || item.secret});
    for (const Member& m : n->members) {
      if (m.key_end > m.key_pos) spans.push_back({m.key_pos, m.key_end, false, false});
      stack.push_back({&m.value, secret || m.value.secret});
    }
  }
  std::sort(spans.begin(), spans.end(), [](const TextSpan& a, const TextSpan& b) { return a.pos < b.pos; });
  return spans;
}

SourceLine ShowSourceLine(std::string_view text, uint32_t pos, uint32_t end, const std::vector<TextSpan>& spans) {
  SourceLine out;
  if (pos > text.size()) return out;
  // The line: it starts after "\n" or after a "\r" that no "\n" follows.
  uint32_t begin = pos;
  while (begin > 0 && text[begin - 1] != '\n' && !(text[begin - 1] == '\r' && (begin >= text.size() || text[begin] != '\n'))) {
    --begin;
  }
  uint32_t stop = pos;
  while (stop < text.size() && text[stop] != '\n' && text[stop] != '\r') ++stop;
  const std::vector<Piece> pieces = PiecesOf(text, begin, stop, pos, end, spans);

  // The underline, in cells: from the piece holding `pos` to the last piece
  // before `end`; one cell when the finding has no extent.
  int cells = 0, first = -1, last = -1;
  for (const Piece& p : pieces) {
    if (first < 0 && p.end > pos) first = cells;
    cells += p.cells;
    if (p.begin < end && p.end > pos) last = cells;
  }
  if (first < 0) first = cells;
  if (last <= first) last = first + 1;

  // A long line: a window around the underline's start, on whole pieces.
  int from = cells <= kSourceLineCells ? 0 : std::max(0, std::min(first - kSourceLineCells / 3, cells - kSourceLineCells));
  const int limit = from + kSourceLineCells;
  int at = 0, to = 0;
  bool started = false;
  std::string shown;
  for (const Piece& p : pieces) {
    if (!started && at >= from) {
      started = true;
      from = at;
    }
    if (started && at + p.cells <= limit) {
      shown += p.text;
      to = at + p.cells;
    }
    at += p.cells;
  }
  if (!started) from = to = cells;
  int shift = -from;
  if (from > 0) {
    out.text = std::string(kCut);
    shift += 1;
  }
  out.text += shown;
  if (to < cells) out.text += kCut;
  out.underline_begin = first + shift;
  out.underline_end = std::min(last, to) + shift;
  if (out.underline_end <= out.underline_begin) out.underline_end = out.underline_begin + 1;
  return out;
}

}  // namespace tairlint::detail
