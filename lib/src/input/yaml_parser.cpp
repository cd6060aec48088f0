// YAML input: libyaml's event API turned into the document model.
//
// The tree is built from events with an explicit stack of open collections,
// so nesting costs heap, not C++ stack, and the depth limit is checked as
// soon as a collection opens. Aliases are expanded by copying the anchored
// node; the size of every anchored subtree is known when the alias is seen,
// so an expansion that would cross a limit fails before anything is copied
// ("billion laughs" stays small and fast).
//
// libyaml marks count characters, not bytes; `MarkConverter` turns them into
// byte offsets with a cursor that moves along the text, which keeps the
// conversion linear because event marks are (nearly) increasing.

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "input/parse.h"

namespace tairlint::detail {
namespace {

constexpr char kStrTag[] = "tag:yaml.org,2002:str";

// Alias expansion may copy at most this many times the larger of the input
// size and max_string_bytes in scalar and key bytes. max_nodes bounds the
// number of copied nodes but not their size: one large anchored string
// aliased many times would otherwise allocate without bound.
constexpr uint64_t kAliasBytesFactor = 16;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsBreakChar(char c) { return c == '\n' || c == '\r'; }
bool IsAnchorChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '-';
}

// Length of the line break at `p` (CR LF, CR or LF), 0 when there is none
// before `limit`. libyaml also treats NEL, LS and PS as breaks; they are
// rare enough that the position helpers below treat them as content, which
// only makes offsets approximate, never out of range.
size_t BreakLength(std::string_view t, size_t p, size_t limit) {
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

// Offset of the first byte of the first ill-formed UTF-8 sequence (same
// rules as IsValidUtf8), or npos. libyaml reports the offending byte inside
// a sequence; the sequence's start is the clearer place to point at.
size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t len = Utf8SequenceLength(s.substr(i));
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

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
      dm.key_src = sm.key_src;
      dm.first_pos = sm.first_pos;
      dm.has_first = sm.has_first;
      stack.emplace_back(&sm.value, &dm.value);
    }
  }
}

// Size of a subtree, as counted against the limits.
struct Stats {
  uint64_t nodes = 1;   // nodes, this one included
  uint64_t bytes = 0;   // scalar text and key bytes
  uint32_t height = 0;  // collection levels (0 for a scalar)
};

class YamlBuilder {
 public:
  YamlBuilder(std::string_view text, uint32_t base, const ParseLimits& limits,
              std::vector<Node>* out, ParseError* err)
      : text_(text), base_(base), limits_(limits), out_(out), err_(err), marks_(text) {
    const uint64_t unit = std::max<uint64_t>(limits.max_string_bytes, text.size());
    alias_bytes_budget_ = unit > UINT64_MAX / kAliasBytesFactor ? UINT64_MAX : unit * kAliasBytesFactor;
  }

  bool Run();

 private:
  struct Frame {
    Node node;
    bool block = false;   // block style: ends with its last child
    bool has_key = false; // a mapping whose next scalar is a value
    std::string key;
    uint32_t key_pos = 0, key_src = 0;
    uint32_t last_end = 0;
    std::string anchor;   // registered when the collection ends
    uint64_t anchor_seq = 0;
    Stats stats;
  };
  struct Anchor {
    uint64_t seq = 0;  // order of definition (at the node's start)
    bool scalar = false;
    Node node;                   // a scalar: its copy
    std::vector<uint32_t> path;  // a collection: child indices from the root
    Stats stats;
  };

  bool Fail(size_t offset, std::string message) {
    err_->message = std::move(message);
    err_->pos = Pos(offset);
    return false;
  }
  uint32_t Pos(size_t offset) const {
    return base_ + static_cast<uint32_t>(std::min(offset, text_.size()));
  }
  bool LibyamlError(const yaml_parser_t& parser);
  bool OnEvent(const yaml_event_t& e);
  bool OnScalar(const yaml_event_t& e);
  bool OnAlias(const yaml_event_t& e);
  bool OnCollectionStart(const yaml_event_t& e, bool mapping);
  bool OnCollectionEnd(const yaml_event_t& e);
  bool CountNodes(uint64_t n, size_t offset, bool alias);
  bool ChargeAliasBytes(uint64_t bytes, size_t offset);
  void Attach(Node&& node, const Stats& stats, uint32_t end);
  bool AwaitingKey() const {
    return !frames_.empty() && frames_.back().node.kind == Kind::Object && !frames_.back().has_key;
  }
  std::vector<uint32_t> CurrentPath() const;
  const Node* Resolve(const std::vector<uint32_t>& path) const;
  static size_t ChildCount(const Node& n) {
    return n.kind == Kind::Object ? n.members.size() : n.items.size();
  }

  std::string_view text_;
  uint32_t base_;
  const ParseLimits& limits_;
  std::vector<Node>* out_;
  ParseError* err_;
  MarkConverter marks_;

  uint32_t documents_ = 0;
  uint64_t anchor_seq_ = 0;
  uint64_t doc_nodes_ = 0;
  uint64_t alias_bytes_ = 0;
  uint64_t alias_bytes_budget_ = 0;
  std::vector<Frame> frames_;
  std::unordered_map<std::string, Anchor> anchors_;
  Node root_;
  bool has_root_ = false;
};

bool YamlBuilder::Run() {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return Fail(0, "out of memory");
  struct ParserGuard {
    yaml_parser_t* p;
    ~ParserGuard() { yaml_parser_delete(p); }
  } parser_guard{&parser};
  // The caller rejects UTF-16/32 input; never let libyaml guess from a BOM.
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  static const unsigned char kEmpty[1] = {0};
  const unsigned char* data =
      text_.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(text_.data());
  yaml_parser_set_input_string(&parser, data, text_.size());

  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) return LibyamlError(parser);
    struct EventGuard {
      yaml_event_t* e;
      ~EventGuard() { yaml_event_delete(e); }
    } event_guard{&event};
    if (!OnEvent(event)) return false;
    if (event.type == YAML_STREAM_END_EVENT) return true;
  }
}

bool YamlBuilder::LibyamlError(const yaml_parser_t& parser) {
  const std::string problem = parser.problem ? parser.problem : "invalid YAML";
  switch (parser.error) {
    case YAML_MEMORY_ERROR:
      return Fail(0, "out of memory while parsing YAML");
    case YAML_READER_ERROR: {
      // Reader errors carry a byte offset, not a mark.
      std::string message;
      size_t offset = parser.problem_offset;
      if (problem.find("UTF-8") != std::string::npos || problem.find("Unicode") != std::string::npos) {
        message = "the text is not valid UTF-8 (" + problem + ")";
        const size_t first = FirstInvalidUtf8(text_.substr(0, std::min(text_.size(), offset + 1)));
        if (first != std::string_view::npos) offset = first;
      } else if (problem.find("control characters") != std::string::npos) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(parser.problem_value));
        message = std::string("control character ") + buf + " is not allowed in YAML";
      } else {
        message = "cannot read the YAML text: " + problem;
      }
      return Fail(offset, std::move(message));
    }
    default: {
      // libyaml contexts read "while parsing a block mapping" and the like.
      // The caller says that the input is not well-formed YAML.
      std::string message = problem;
      if (parser.context) message += std::string(" ") + parser.context;
      return Fail(marks_.Offset(parser.problem_mark), std::move(message));
    }
  }
}

bool YamlBuilder::OnEvent(const yaml_event_t& e) {
  switch (e.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++documents_ > limits_.max_documents) {
        return Fail(marks_.Offset(e.start_mark),
                    "more than " + std::to_string(limits_.max_documents) + " YAML documents");
      }
      // Anchors are scoped to their document.
      anchors_.clear();
      frames_.clear();
      doc_nodes_ = 0;
      has_root_ = false;
      root_ = Node();
      return true;
    case YAML_DOCUMENT_END_EVENT:
      if (has_root_) out_->push_back(std::move(root_));
      has_root_ = false;
      return true;
    case YAML_SCALAR_EVENT: return OnScalar(e);
    case YAML_ALIAS_EVENT: return OnAlias(e);
    case YAML_SEQUENCE_START_EVENT: return OnCollectionStart(e, false);
    case YAML_MAPPING_START_EVENT: return OnCollectionStart(e, true);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return OnCollectionEnd(e);
    default: return true;  // stream start/end
  }
}

bool YamlBuilder::CountNodes(uint64_t n, size_t offset, bool alias) {
  if (doc_nodes_ + n > limits_.max_nodes) {
    const std::string n_nodes = std::to_string(limits_.max_nodes) + " nodes";
    return Fail(offset, alias ? "YAML alias expansion exceeds " + n_nodes
                              : "YAML document has more than " + n_nodes);
  }
  doc_nodes_ += n;
  return true;
}

bool YamlBuilder::ChargeAliasBytes(uint64_t bytes, size_t offset) {
  alias_bytes_ += bytes;
  if (alias_bytes_ > alias_bytes_budget_) {
    return Fail(offset, "YAML alias expansion exceeds " + std::to_string(alias_bytes_budget_) + " bytes");
  }
  return true;
}

void YamlBuilder::Attach(Node&& node, const Stats& stats, uint32_t end) {
  if (frames_.empty()) {
    root_ = std::move(node);
    has_root_ = true;
    return;
  }
  Frame& top = frames_.back();
  if (top.node.kind == Kind::Object) {
    top.stats.bytes += top.key.size();
    Member m;
    m.key = std::move(top.key);
    m.key_pos = top.key_pos;
    m.key_src = top.key_src;
    m.value = std::move(node);
    top.node.members.push_back(std::move(m));
    top.key.clear();
    top.has_key = false;
  } else {
    top.node.items.push_back(std::move(node));
  }
  top.stats.nodes += stats.nodes;
  top.stats.bytes += stats.bytes;
  top.stats.height = std::max(top.stats.height, stats.height + 1);
  top.last_end = std::max(top.last_end, end);
}

// The child indices leading from the document root to the node about to be
// attached to the top frame. Child vectors only grow, so the path stays
// valid for the rest of the document.
std::vector<uint32_t> YamlBuilder::CurrentPath() const {
  std::vector<uint32_t> path;
  path.reserve(frames_.size());
  for (const Frame& f : frames_) path.push_back(static_cast<uint32_t>(ChildCount(f.node)));
  return path;
}

const Node* YamlBuilder::Resolve(const std::vector<uint32_t>& path) const {
  if (frames_.empty() || path.empty()) return nullptr;
  const Node* cur = &frames_[0].node;
  bool on_stack = true;  // cur is frames_[level].node, still being built
  for (size_t level = 0; level < path.size(); ++level) {
    const size_t idx = path[level], count = ChildCount(*cur);
    if (idx < count) {
      cur = cur->kind == Kind::Object ? &cur->members[idx].value : &cur->items[idx];
      on_stack = false;
    } else if (on_stack && idx == count && level + 1 < frames_.size()) {
      cur = &frames_[level + 1].node;  // the open child holds the anchored node
    } else {
      return nullptr;
    }
  }
  return cur;
}

bool YamlBuilder::OnScalar(const yaml_event_t& e) {
  const auto& s = e.data.scalar;
  const size_t start = marks_.Offset(e.start_mark);
  const size_t end = marks_.Offset(e.end_mark);
  const bool has_props = s.anchor != nullptr || s.tag != nullptr;
  const bool empty_plain = s.length == 0 && s.style == YAML_PLAIN_SCALAR_STYLE;
  size_t first = has_props && !empty_plain ? SkipProperties(text_, start, end) : start;
  if (s.style == YAML_LITERAL_SCALAR_STYLE || s.style == YAML_FOLDED_SCALAR_STYLE) {
    first = BlockContentStart(text_, first, end,
                              std::string_view(reinterpret_cast<const char*>(s.value), s.length));
  }
  if (s.length > limits_.max_string_bytes) {
    return Fail(first, "YAML scalar longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
  }
  Node n;
  ResolveScalar(e, &n);
  n.pos = Pos(first);
  n.end = Pos(std::max(end, first));
  const std::string anchor = s.anchor ? reinterpret_cast<const char*>(s.anchor) : "";
  if (!anchor.empty()) {
    Anchor& a = anchors_[anchor];
    a.seq = ++anchor_seq_;
    a.scalar = true;
    a.path.clear();
    a.stats = Stats{1, n.text.size(), 0};
    CopyTree(n, &a.node);
  }
  if (AwaitingKey()) {
    Frame& top = frames_.back();
    top.key = std::move(n.text);
    top.key_pos = top.key_src = n.pos;
    top.has_key = true;
    return true;
  }
  if (!CountNodes(1, first, false)) return false;
  const Stats stats{1, n.text.size(), 0};
  const uint32_t node_end = n.end;
  Attach(std::move(n), stats, node_end);
  return true;
}

bool YamlBuilder::OnAlias(const yaml_event_t& e) {
  const size_t start = marks_.Offset(e.start_mark);
  const size_t end = marks_.Offset(e.end_mark);
  const std::string name = reinterpret_cast<const char*>(e.data.alias.anchor);
  auto it = anchors_.find(name);
  // An alias names the latest node defined with that anchor before it. If
  // that node is a collection still open, the alias is inside it.
  uint64_t open_seq = 0;
  for (const Frame& f : frames_) {
    if (f.anchor == name) open_seq = std::max(open_seq, f.anchor_seq);
  }
  if (open_seq > 0 && (it == anchors_.end() || it->second.seq < open_seq)) {
    return Fail(start, "a YAML alias refers to a node that contains it");
  }
  // Messages never quote an alias or anchor name: an unquoted value that
  // starts with `*` (a password, say) is read as an alias.
  if (it == anchors_.end()) return Fail(start, "unknown YAML alias (no anchor of that name precedes it)");
  const Anchor& a = it->second;
  if (AwaitingKey()) {
    if (!a.scalar) return Fail(start, "mapping keys must be scalars");
    if (!ChargeAliasBytes(a.stats.bytes, start)) return false;
    Frame& top = frames_.back();
    top.key = a.node.text;
    top.key_pos = Pos(start);
    top.key_src = a.node.pos;
    top.has_key = true;
    return true;
  }
  if (frames_.size() + a.stats.height > limits_.max_depth) {
    return Fail(start, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
  }
  if (!CountNodes(a.stats.nodes, start, true)) return false;
  if (!ChargeAliasBytes(a.stats.bytes, start)) return false;
  const Node* src = a.scalar ? &a.node : Resolve(a.path);
  if (src == nullptr) return Fail(start, "unknown YAML alias (no anchor of that name precedes it)");  // not reachable
  // The copy keeps the positions of the anchored node: they are where its
  // text is, which is what findings about it and DecodedToRaw need.
  Node copy;
  CopyTree(*src, &copy);
  Attach(std::move(copy), a.stats, Pos(end));
  return true;
}

bool YamlBuilder::OnCollectionStart(const yaml_event_t& e, bool mapping) {
  const size_t start = marks_.Offset(e.start_mark);
  const size_t end = marks_.Offset(e.end_mark);
  const yaml_char_t* anchor = mapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
  const yaml_char_t* tag = mapping ? e.data.mapping_start.tag : e.data.sequence_start.tag;
  const bool block = mapping ? e.data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE
                             : e.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE;
  const size_t first = anchor != nullptr || tag != nullptr ? SkipProperties(text_, start, end) : start;
  if (AwaitingKey()) return Fail(first, "mapping keys must be scalars");
  if (frames_.size() + 1 > limits_.max_depth) {
    return Fail(first, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
  }
  if (!CountNodes(1, first, false)) return false;
  Frame f;
  f.node.kind = f.node.written = mapping ? Kind::Object : Kind::Array;
  f.node.pos = Pos(first);
  f.block = block;
  f.last_end = f.node.pos;
  if (anchor != nullptr) {
    f.anchor = reinterpret_cast<const char*>(anchor);
    f.anchor_seq = ++anchor_seq_;
  }
  f.stats = Stats{1, 0, 1};
  frames_.push_back(std::move(f));
  return true;
}

bool YamlBuilder::OnCollectionEnd(const yaml_event_t& e) {
  if (frames_.empty()) return true;  // libyaml guarantees balance
  Frame f = std::move(frames_.back());
  frames_.pop_back();
  // A block collection's end event is where the next token starts (after
  // comments and blank lines); its last child ends it more precisely.
  f.node.end = f.block ? f.last_end : Pos(marks_.Offset(e.end_mark));
  auto later = anchors_.find(f.anchor);
  // A node inside this collection may have redefined the anchor: it is the
  // later definition and stays.
  if (!f.anchor.empty() && (later == anchors_.end() || later->second.seq < f.anchor_seq)) {
    Anchor& a = anchors_[f.anchor];
    a.seq = f.anchor_seq;
    a.scalar = false;
    a.node = Node();
    a.path = CurrentPath();
    a.stats = f.stats;
    // An anchored document root cannot be aliased: its document is over.
    if (a.path.empty()) anchors_.erase(f.anchor);
  }
  const uint32_t end = f.node.end;
  Attach(std::move(f.node), f.stats, end);
  return true;
}

// ---- DecodedToRawYaml

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

bool ParseYaml(std::string_view text, uint32_t base, const ParseLimits& limits,
               std::vector<Node>* out, ParseError* err) {
  out->clear();
  try {
    YamlBuilder builder(text, base, limits, out, err);
    if (builder.Run()) return true;
  } catch (const std::exception&) {  // std::bad_alloc, std::length_error
    err->message = "out of memory while parsing YAML";
    err->pos = base;
  }
  out->clear();
  return false;
}

std::vector<uint32_t> DecodedToRawYaml(std::string_view file, const Node& node) {
  const std::string_view d = node.text;
  const size_t pos = std::min<size_t>(node.pos, file.size());
  const size_t limit = std::max(pos, std::min<size_t>(node.end, file.size()));
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
