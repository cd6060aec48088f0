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
#include "input/yaml_text.h"

namespace tairlint::detail {
namespace {

using yaml::CopyTree;
using yaml::MarkConverter;
using yaml::ResolveScalar;
using yaml::SkipProperties;
using yaml::BlockContentStart;
using yaml::BlockScalarEnd;

// Alias expansion may copy at most this many times the larger of the input
// size and max_string_bytes in scalar and key bytes. max_nodes bounds the
// number of copied nodes but not their size: one large anchored string
// aliased many times would otherwise allocate without bound.
constexpr uint64_t kAliasBytesFactor = 16;

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
    uint32_t key_pos = 0, key_end = 0, key_src = 0;
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
    m.key_end = top.key_end;
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
  // libyaml ends a block scalar past its trailing breaks and the next line's
  // indentation; its text ends with its last content line.
  if (n.raw == RawForm::YamlBlock) n.end = Pos(BlockScalarEnd(text_, first, end));
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
    top.key_end = n.end;
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
    top.key_end = Pos(end);  // the alias token, where the key is written
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

}  // namespace tairlint::detail
