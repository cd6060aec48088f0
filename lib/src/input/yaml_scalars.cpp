// YAML scalars: where a scalar's own text starts (past its properties, at
// a block scalar's first content line), how its event becomes a node (YAML
// 1.2 core schema), and copying an anchored node for an alias.
#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "input/yaml_text.h"

namespace tairlint::detail::yaml {

namespace {

constexpr char kStrTag[] = "tag:yaml.org,2002:str";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  (YAML 1.2 core schema
// numbers, without .inf/.nan and the 0x/0o forms).
bool IsCoreNumber(std::string_view s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
  if (i < n && s[i] == '.') {
    ++i;
    if (i >= n || !IsDigit(s[i])) return false;
    while (i < n && IsDigit(s[i])) ++i;
  } else {
    if (i >= n || !IsDigit(s[i])) return false;
    while (i < n && IsDigit(s[i])) ++i;
    if (i < n && s[i] == '.') {
      ++i;
      while (i < n && IsDigit(s[i])) ++i;
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
    if (i >= n || !IsDigit(s[i])) return false;
    while (i < n && IsDigit(s[i])) ++i;
  }
  return i == n;
}

}  // namespace

// Event marks of a node with properties (anchor, tag) start at the first
// property. Skips the properties and the blanks, line breaks and comments
// that may follow them, to the first byte of the node itself, never past
// `limit` (the event's end mark, which is at or after that byte).
size_t SkipProperties(std::string_view t, size_t p, size_t limit) {
  limit = std::min(limit, t.size());
  while (p < limit) {
    const char c = t[p];
    if (IsBlank(c) || IsBreakChar(c)) {
      ++p;
    } else if (c == '#') {
      // After a property only a comment can start with '#': neither a plain
      // scalar nor an indicator does.
      while (p < limit && !IsBreakChar(t[p])) ++p;
    } else if (c == '&') {
      ++p;
      while (p < limit && IsAnchorChar(t[p])) ++p;
    } else if (c == '!') {
      ++p;
      if (p < limit && t[p] == '<') {  // verbatim tag !<...>
        while (p < limit && t[p] != '>') ++p;
        if (p < limit) ++p;
      } else {
        while (p < limit && !IsBlank(t[p]) && !IsBreakChar(t[p])) ++p;
      }
    } else {
      break;
    }
  }
  return p;
}

// For a block scalar whose indicator (| or >) is at `p`: the offset of the
// first byte of its first content line, at the block's indentation (so that
// the decoded value starts there, see DecodedToRawYaml). Leading empty lines
// are part of the value as "\n"s and come before that line. A value with no
// content line maps to the start of the line after the header.
size_t BlockContentStart(std::string_view t, size_t p, size_t limit, std::string_view value) {
  limit = std::min(limit, t.size());
  if (p < limit && (t[p] == '|' || t[p] == '>')) ++p;
  while (p < limit && !IsBreakChar(t[p])) ++p;  // indicators, blanks, a comment
  p += BreakLength(t, p, limit);
  size_t k = 0;
  while (k < value.size() && value[k] == '\n') ++k;
  if (k == value.size()) return std::min(p, limit);
  for (size_t j = 0; j < k && p < limit; ++j) {
    while (p < limit && !IsBreakChar(t[p])) ++p;
    p += BreakLength(t, p, limit);
  }
  size_t spaces = 0;
  while (p + spaces < limit && t[p + spaces] == ' ') ++spaces;
  size_t kept = 0;  // spaces beyond the indentation are part of the value
  while (k + kept < value.size() && value[k + kept] == ' ') ++kept;
  return std::min(p + (spaces >= kept ? spaces - kept : 0), limit);
}

size_t BlockScalarEnd(std::string_view t, size_t first, size_t end) {
  size_t p = std::min(end, t.size());
  if (p <= first) return first;
  while (p > first && (IsBlank(t[p - 1]) || IsBreakChar(t[p - 1]))) --p;
  if (p == first) return first;  // no content line
  while (p < end && p < t.size() && IsBlank(t[p])) ++p;
  return p;
}

size_t BlockScalarBreaksEnd(std::string_view t, size_t end) {
  size_t p = std::min(end, t.size());
  for (;;) {
    const size_t len = BreakLength(t, p, t.size());
    if (len == 0) return p;
    size_t next = p + len;
    size_t s = next;
    while (s < t.size() && IsBlank(t[s])) ++s;
    if (s == t.size()) return s;
    if (BreakLength(t, s, t.size()) == 0) return next;  // a content line (of what follows)
    p = s;
  }
}

// Sets kind, written, raw, boolean and text of a scalar from its event.
void ResolveScalar(const yaml_event_t& e, Node* n) {
  const auto& s = e.data.scalar;
  n->text.assign(reinterpret_cast<const char*>(s.value), s.length);
  const char* tag = reinterpret_cast<const char*>(s.tag);
  // "!" is the non-specific tag of a quoted scalar written with `!`: a string.
  const bool str_tag = tag != nullptr && (std::strcmp(tag, kStrTag) == 0 || std::strcmp(tag, "!") == 0);
  n->kind = Kind::String;
  switch (s.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->raw = RawForm::YamlSingle; break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->raw = RawForm::YamlDouble; break;
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE: n->raw = RawForm::YamlBlock; break;
    default: {
      n->raw = RawForm::YamlPlain;
      if (str_tag) break;
      const std::string_view t = n->text;
      if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") {
        n->kind = Kind::Null;
      } else if (t == "true" || t == "True" || t == "TRUE") {
        n->kind = Kind::Bool;
        n->boolean = true;
      } else if (t == "false" || t == "False" || t == "FALSE") {
        n->kind = Kind::Bool;
        n->boolean = false;
      } else if (IsCoreNumber(t)) {
        n->kind = Kind::Number;
      }
    }
  }
  n->written = n->kind;
}

// Deep copy without recursion (a copied subtree may be as deep as the
// depth limit allows, and is copied many times in alias-heavy input).
void CopyTree(const Node& src, Node* dst) {
  std::vector<std::pair<const Node*, Node*>> stack{{&src, dst}};
  while (!stack.empty()) {
    auto [s, d] = stack.back();
    stack.pop_back();
    d->kind = s->kind;
    d->written = s->written;
    d->raw = s->raw;
    d->boolean = s->boolean;
    d->shadowed = s->shadowed;
    d->bad_utf8 = s->bad_utf8;
    d->secret = s->secret;
    d->integer = s->integer;
    d->pos = s->pos;
    d->end = s->end;
    d->text = s->text;
    d->items.resize(s->items.size());
    for (size_t i = 0; i < s->items.size(); ++i) stack.emplace_back(&s->items[i], &d->items[i]);
    d->members.resize(s->members.size());
    for (size_t i = 0; i < s->members.size(); ++i) {
      const Member& sm = s->members[i];
      Member& dm = d->members[i];
      dm.key = sm.key;
      dm.key_pos = sm.key_pos;
      dm.key_end = sm.key_end;
      dm.key_src = sm.key_src;
      dm.first_pos = sm.first_pos;
      dm.has_first = sm.has_first;
      stack.emplace_back(&sm.value, &dm.value);
    }
  }
}

}  // namespace tairlint::detail::yaml
