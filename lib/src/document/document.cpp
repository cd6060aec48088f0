#include "document/document.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace tairlint::detail {

const char* KindName(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Bool: return "boolean";
    case Kind::Number: return "number";
    case Kind::Integer: return "integer";
    case Kind::String: return "string";
    case Kind::Array: return "array";
    case Kind::Object: return "object";
  }
  return "?";
}

const Member* Node::member(std::string_view key) const {
  // Rules ask for members by name many times per check.
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (SameText(it->key, key)) return &*it;  // the last occurrence wins
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Member* m = member(key);
  if (m == nullptr || m->value.is_null()) return nullptr;
  return &m->value;
}

Node* Node::get(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->get(key));
}

namespace {

bool HasChildren(const Node& n) { return !n.items.empty() || !n.members.empty(); }

// Levels that ReleaseChildren frees by plain recursion (a few hundred bytes
// of stack); what lies deeper goes through ReleaseFlat.
constexpr int kRecursiveRelease = 32;

// Frees the subtree below `root` with a work list: every child that has
// children of its own is moved (its vectors, not its elements) onto the
// list, and the childless rest is destroyed in place, so no destructor
// below ever recurses.
void ReleaseFlat(Node* root) {
  std::vector<Node> work;
  auto take = [&work](Node* n) {
    for (Node& c : n->items) {
      if (HasChildren(c)) work.push_back(std::move(c));
    }
    for (Member& m : n->members) {
      if (HasChildren(m.value)) work.push_back(std::move(m.value));
    }
    n->items.clear();
    n->members.clear();
  };
  take(root);
  while (!work.empty()) {
    Node n = std::move(work.back());
    work.pop_back();
    take(&n);
  }
}

void Release(Node* n, int depth) {
  if (depth == kRecursiveRelease) {
    ReleaseFlat(n);
    return;
  }
  for (Node& c : n->items) {
    if (HasChildren(c)) Release(&c, depth + 1);
  }
  for (Member& m : n->members) {
    if (HasChildren(m.value)) Release(&m.value, depth + 1);
  }
  n->items.clear();
  n->members.clear();
}

}  // namespace

void Node::ReleaseChildren() noexcept {
  // Inside a check every array and text of a tree is the arena's
  // (tree_arena.h), keys included: the children are forgotten rather than
  // destroyed one by one, and their memory goes with the scope.
  if (TreeArena* a = TreeArena::Current();
      a != nullptr && (items.empty() || a->Owns(items.data())) && (members.empty() || a->Owns(members.data()))) {
    new (&items) NodeList();
    new (&members) MemberList();
    return;
  }
  Release(this, 0);
}

static_assert(std::is_nothrow_move_constructible_v<Node> && std::is_nothrow_move_assignable_v<Node>,
              "vectors of nodes must move them when they grow, not copy them");

bool MarkDuplicates(Node* root) {
  bool any = false;
  // Iterative walk: documents may be deep (bounded by the parse limits, but
  // no recursion is needed here).
  TreeVector<Node*> stack;
  stack.reserve(32);
  stack.push_back(root);
  std::unordered_map<std::string_view, size_t> seen;
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (n->kind == Kind::Array) {
      for (Node& c : n->items) {
        if (!c.is_scalar()) stack.push_back(&c);  // only objects have keys
      }
    } else if (n->kind == Kind::Object) {
      auto& ms = n->members;
      if (ms.size() <= 16) {
        // Seven bits of each key's hash mark a 128-bit set: a key whose bit
        // no earlier key set repeats none of them, and only the others are
        // compared with the keys before them.
        uint64_t marked[2] = {0, 0};
        for (size_t i = 0; i < ms.size(); ++i) {
          const uint64_t h = KeyHash(ms[i]);
          const uint64_t bit = uint64_t{1} << (h & 63);
          uint64_t& word = marked[(h >> 6) & 1];
          if ((word & bit) == 0) {
            word |= bit;
            continue;
          }
          for (size_t j = i; j-- > 0;) {
            if (!ms[j].value.shadowed && KeyHash(ms[j]) == h && SameText(ms[j].key, ms[i].key)) {
              ms[j].value.shadowed = true;
              ms[i].first_pos = ms[j].has_first ? ms[j].first_pos : ms[j].key_pos;
              ms[i].has_first = true;
              any = true;
              break;
            }
          }
        }
      } else {
        seen.clear();
        for (size_t i = 0; i < ms.size(); ++i) {
          auto [it, inserted] = seen.emplace(ms[i].key, i);
          if (!inserted) {
            Member& prev = ms[it->second];
            prev.value.shadowed = true;
            ms[i].first_pos = prev.has_first ? prev.first_pos : prev.key_pos;
            ms[i].has_first = true;
            any = true;
            it->second = i;
          }
        }
      }
      for (Member& m : ms) {
        if (!m.value.is_scalar()) stack.push_back(&m.value);
      }
    }
  }
  return any;
}

std::vector<uint32_t> DecodedToRaw(std::string_view file, const Node& node) {
  switch (node.raw) {
    case RawForm::JsonString: return DecodedToRawJson(file, node);
    case RawForm::Percent: return DecodedToRawPercent(file, node);
    case RawForm::YamlPlain:
    case RawForm::YamlSingle:
    case RawForm::YamlDouble:
    case RawForm::YamlBlock: return DecodedToRawYaml(file, node);
    case RawForm::None: break;
  }
  return std::vector<uint32_t>(node.text.size() + 1, node.pos);
}

void RemapPositions(Node* tree, const std::vector<uint32_t>& map) {
  auto at = [&map](uint32_t p) { return map.empty() ? 0 : map[std::min<size_t>(p, map.size() - 1)]; };
  std::vector<Node*> stack{tree};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    n->pos = at(n->pos);
    n->end = at(n->end);
    // Strings inside a decoded string have no raw form of their own in the
    // file any more: their inner offsets are not file offsets.
    n->raw = RawForm::None;
    for (Node& c : n->items) stack.push_back(&c);
    for (Member& m : n->members) {
      m.key_pos = at(m.key_pos);
      m.key_end = at(m.key_end);
      if (m.has_first) m.first_pos = at(m.first_pos);
      stack.push_back(&m.value);
    }
  }
}

void RemapPositionsFrom(std::string_view file, const Node& str, Node* tree) {
  if (str.raw != RawForm::JsonString) {
    RemapPositions(tree, DecodedToRaw(file, str));
    return;
  }
  std::vector<uint32_t*> targets;
  std::vector<Node*> stack{tree};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    targets.push_back(&n->pos);
    targets.push_back(&n->end);
    n->raw = RawForm::None;  // as in RemapPositions
    for (Node& c : n->items) stack.push_back(&c);
    for (Member& m : n->members) {
      targets.push_back(&m.key_pos);
      targets.push_back(&m.key_end);
      if (m.has_first) targets.push_back(&m.first_pos);
      stack.push_back(&m.value);
    }
  }
  std::sort(targets.begin(), targets.end(), [](const uint32_t* a, const uint32_t* b) { return *a < *b; });
  RemapJsonTargets(file, str, targets);
}

void LineIndex::BuildStarts() {
  starts_.push_back(0);
  const char* p = text_.data();
  const char* end = p + text_.size();
  if (text_.empty() || memchr(p, '\r', text_.size()) == nullptr) {
    // The usual text has no \r: memchr jumps from newline to newline (the
    // byte loop below was a tenth of a check of the peer corpus).
    while (const void* nl = memchr(p, '\n', static_cast<size_t>(end - p))) {
      p = static_cast<const char*>(nl) + 1;
      starts_.push_back(static_cast<uint32_t>(p - text_.data()));
    }
    return;
  }
  // \n, \r\n and a lone \r (old Mac files, which YAML accepts) end a line
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n'))) {
      starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

void LineIndex::ScanTo(uint32_t offset) {
  uint32_t from = last_line_ == 0 ? 0 : last_offset_;
  int l = last_line_ == 0 ? 1 : last_line_;
  int col = last_line_ == 0 ? 1 : last_column_;
  uint32_t line_start = from;
  bool has_cr = offset != from && memchr(text_.data() + from, '\r', offset - from) != nullptr;
  if (offset != from && !has_cr) {  // the usual case: count newlines with memchr
    const char* p = text_.data() + from;
    const char* end = text_.data() + offset;
    while (const void* nl = memchr(p, '\n', static_cast<size_t>(end - p))) {
      ++l;
      col = 1;
      p = static_cast<const char*>(nl) + 1;
    }
    // the rest has no line break: a branch-free count of code points
    for (; p < end; ++p) col += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
    line_start = offset;
  }
  for (uint32_t i = line_start; i < offset; ++i) {
    char c = text_[i];
    if (c == '\n' || (c == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n'))) {
      ++l;
      col = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++col;
    }
  }
  last_offset_ = offset;
  last_line_ = l;
  last_column_ = col;
}

void LineIndex::Locate(uint32_t offset, int* line, int* column) {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  if (starts_.empty() && (last_line_ == 0 || offset >= last_offset_)) {
    // The first question, or one further on: answer it in one pass from the
    // last answer, so that a caller asking in increasing order (the token's
    // place and end) does not index the whole text.
    ScanTo(offset);
    *line = last_line_;
    *column = last_column_;
    return;
  }
  if (starts_.empty()) BuildStarts();
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t li = static_cast<size_t>(it - starts_.begin()) - 1;
  uint32_t start = starts_[li];
  int col = 1;
  if (last_line_ == static_cast<int>(li + 1) && last_offset_ <= offset && last_offset_ >= start) {
    start = last_offset_;  // continue from the previous answer on this line
    col = last_column_;
  }
  col += static_cast<int>(CountCodePoints(text_.substr(start, offset - start)));
  *line = static_cast<int>(li + 1);
  *column = col;
  last_offset_ = offset;
  last_line_ = *line;
  last_column_ = col;
}

size_t Utf8SequenceLength(std::string_view s) {
  if (s.empty()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[0];
  size_t len;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (s.size() < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  // no overlong forms, no surrogates, nothing past U+10FFFF
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t len = Utf8SequenceLength(s.substr(i));
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string_view::npos; }

size_t CountCodePoints(std::string_view s) {
  // every byte but a continuation byte (10xxxxxx), eight at a time
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const char* p = s.data();
  size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t w = Load64(p + i);
    const uint64_t continuation = w & ~(w << 1) & kHighs;
    n += 8 - ((continuation >> 7) * kOnes >> 56);  // the flags summed in the top byte
  }
  for (; i < s.size(); ++i) n += IsUtf8Continuation(p[i]) ? 0 : 1;
  return n;
}

std::string ReadableUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = Utf8SequenceLength(s.substr(i));
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  return out;
}

size_t ExcerptEnd(std::string_view text, size_t max_code_points) {
  const size_t max_bytes = 4 * max_code_points;
  size_t cps = 0, i = 0;
  for (; i < text.size(); ++i) {
    if (!IsUtf8Continuation(text[i]) && ++cps > max_code_points) return i;
    if (i == max_bytes) break;
  }
  if (i == text.size()) return i;
  size_t back = i;
  while (back + 3 > i && back > 0 && IsUtf8Continuation(text[back])) --back;  // to the start of a split character
  return IsUtf8Continuation(text[back]) ? i : back;
}

std::string LengthMark(size_t bytes) { return "\xE2\x80\xA6(" + std::to_string(bytes) + " bytes)"; }

std::string Excerpt(std::string_view text, size_t max_code_points) {
  const size_t end = ExcerptEnd(text, max_code_points);
  if (end == text.size()) return std::string(text);
  return std::string(text.substr(0, end)) + LengthMark(text.size());
}

void PointerAppendTo(std::string* out, std::string_view base, std::string_view token) {
  std::string shortened;
  if (token.size() > kExcerptCodePoints) {
    shortened = Excerpt(token);
    token = shortened;
  }
  out->assign(base);
  out->push_back('/');
  for (char c : token) {
    if (c == '~') {
      *out += "~0";
    } else if (c == '/') {
      *out += "~1";
    } else {
      out->push_back(c);
    }
  }
}

std::string PointerAppend(std::string_view base, std::string_view token) {
  std::string out;
  PointerAppendTo(&out, base, token);
  return out;
}

std::string PointerAppend(std::string_view base, size_t index) {
  return std::string(base) + "/" + std::to_string(index);
}

}  // namespace tairlint::detail
