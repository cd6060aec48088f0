// What the YAML parser (yaml_parser.cpp: libyaml's events turned into the
// document tree) and its raw-offset mapping (yaml_raw_map.cpp:
// DecodedToRawYaml) share: reading line breaks and blanks, libyaml's marks
// as byte offsets, where a scalar's own text starts and ends, and how a
// scalar's event becomes a node (yaml_scalars.cpp).
#pragma once

#include <yaml.h>

#include <cstddef>
#include <string_view>

#include "document/document.h"

namespace tairlint::detail::yaml {

inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }
inline bool IsBreakChar(char c) { return c == '\n' || c == '\r'; }
inline bool IsAnchorChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '-';
}

// Length of the line break at `p` (CR LF, CR or LF), 0 when there is none
// before `limit`. libyaml also treats NEL, LS and PS as breaks; they are
// rare enough that the position helpers below treat them as content, which
// only makes offsets approximate, never out of range.
inline size_t BreakLength(std::string_view t, size_t p, size_t limit) {
  if (p >= limit) return 0;
  if (t[p] == '\r') return (p + 1 < limit && t[p + 1] == '\n') ? 2 : 1;
  return t[p] == '\n' ? 1 : 0;
}

// Converts libyaml marks (a character index) into byte offsets of `text`.
// The cursor moves forwards or backwards from the previous answer, so the
// total work is the distance travelled, i.e. linear for increasing marks.
class MarkConverter {
 public:
  explicit MarkConverter(std::string_view text) : text_(text) {}

  size_t Offset(const yaml_mark_t& mark) {
    const size_t target = mark.index;
    while (chars_ < target && bytes_ < text_.size()) {
      ++bytes_;
      while (bytes_ < text_.size() && IsUtf8Continuation(text_[bytes_])) ++bytes_;
      ++chars_;
    }
    while (chars_ > target && bytes_ > 0) {
      --bytes_;
      while (bytes_ > 0 && IsUtf8Continuation(text_[bytes_])) --bytes_;
      --chars_;
    }
    return bytes_;
  }

 private:
  std::string_view text_;
  size_t chars_ = 0;
  size_t bytes_ = 0;
};

// Event marks of a node with properties (anchor, tag) start at the first
// property: the offset of the node's first byte (yaml_scalars.cpp).
size_t SkipProperties(std::string_view t, size_t p, size_t limit);
// For a block scalar whose indicator is at `p`: the first byte of its first
// content line, at the block's indentation.
size_t BlockContentStart(std::string_view t, size_t p, size_t limit, std::string_view value);
// Where a block scalar's text ends: at the end of its last content line
// (its trailing blanks included), given its first content byte `first` and
// libyaml's end mark `end`, which lies past the trailing line breaks (and
// the indentation of the line after them). `first` for a block without
// content. A line of blanks only counts as empty here, even one indented
// deeper than the block (YAML reads that as content: spaces).
size_t BlockScalarEnd(std::string_view t, size_t first, size_t end);
// The inverse: from a block scalar's end, past the line breaks and empty
// lines that follow it (those that chomping may keep in its value), to the
// start of the next non-empty line or the end of the text.
size_t BlockScalarBreaksEnd(std::string_view t, size_t end);

// Sets kind, written, raw, boolean and text of a scalar from its event.
void ResolveScalar(const yaml_event_t& e, Node* n);
// Deep copy without recursion.
void CopyTree(const Node& src, Node* dst);

}  // namespace tairlint::detail::yaml
