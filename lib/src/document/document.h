// Internal document model shared by the three input parsers (JSON, YAML,
// RPC query string) and by everything that checks a request.
//
// A request is parsed into a tree of `Node`s. Every node remembers where it
// starts and ends in the source text as byte offsets (`pos`, `end`), and
// every member where its key does (`key_pos`, `key_end`), so that findings
// can be reported with a range of lines and columns; offsets become
// line:column only for the findings that are reported (see `LineIndex`).
//
// Where a node ends (`end`, exclusive: the offset just past its last byte):
//   JSON     a string after its closing quote, a number or literal after its
//            last character, an array or object after its `]` or `}`;
//   YAML     a plain scalar after its last non-blank character (a multi-line
//            one on its last line), a quoted one after its closing quote, a
//            block scalar at the end of its last content line (trailing
//            empty lines and the breaks that chomping keeps left out), a
//            flow collection after its `]` or `}`, a block collection where
//            its last child ends; an alias's copy keeps the anchored node's
//            span (pos and end both: where the text is), while a key that is
//            an alias spans the alias token (`*a`);
//   query    a value at the end of its percent-encoded text (before `&`), the
//            root after the last parameter;
//   inside a string-encoded value (Instances) both ends map through the same
//            decoded-to-raw map: an end is the raw offset just past the raw
//            text (escape included) of the node's last decoded byte;
//   no text  (FromJson, synthesized nodes without one) 0.
// An end equal to or before `pos` means "no extent known".
//
// Scalars keep the text as written: a number keeps its source text ("5.0",
// "1e2"), a YAML scalar its source text, a string its decoded value. The wire
// coercion (coerce.h) later turns scalars into what the service would receive
// for the type the schema expects.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "document/tree_arena.h"

namespace tairlint::detail {

enum class Kind : uint8_t {
  Null,     // JSON null, YAML null: the member counts as absent
  Bool,     // text is the literal as written ("true", "False", ...)
  Number,   // text is the number as written; not yet known to be an integer
  Integer,  // produced by coercion only: `integer` holds the value
  String,   // text is the decoded value
  Array,
  Object,
};

const char* KindName(Kind k);  // "null", "boolean", "number", "integer", "string", "array", "object"

// How a scalar is written in the source, so that an offset inside
// the decoded value can be mapped back to an offset in the file (needed for
// findings inside a string-encoded `Instances`). See `DecodedToRaw`.
enum class RawForm : uint8_t {
  None,           // no mapping available (maps to `pos`)
  JsonString,     // "..." with JSON escapes; pos is the opening quote
  Percent,        // percent-encoded query value (`+` is a space); pos is its first byte
  YamlPlain,      // plain YAML scalar; pos is its first byte
  YamlSingle,     // '...'; pos is the opening quote
  YamlDouble,     // "..."; pos is the opening quote
  YamlBlock,      // | or > block scalar; pos is its first content byte
};

struct Node;
struct Member;
// A node's children. Inside a TreeScope (a check) they live in the thread's
// TreeArena; elsewhere on the heap (tree_arena.h).
using NodeList = std::vector<Node, TreeAllocator<Node>>;
using MemberList = std::vector<Member, TreeAllocator<Member>>;
// A scalar's text: a std::string whose memory is the arena's too (so it does
// not compare with std::string directly: compare std::string_views).
using TreeString = std::basic_string<char, std::char_traits<char>, TreeAllocator<char>>;

struct Node {
  // User-provided, so that `Node()` and `emplace_back()` only set the
  // fields below: with an implicit constructor, value-initialization first
  // zeroes the whole object (a `rep stos` that was a twentieth of a check).
  Node() {}
  // Destroying a tree takes constant stack whatever its depth (a recursive
  // destructor overflowed the stack on a 1M-deep array): a node without
  // children (most of them) returns at once; inside a TreeScope the
  // children are dropped with the arena; otherwise ReleaseChildren recurses
  // a few levels (a usual request is four deep) and frees what lies deeper
  // through an explicit work list.
  ~Node() {
    if (!items.empty() || !members.empty()) ReleaseChildren();
  }
  Node(Node&&) noexcept = default;
  Node& operator=(Node&&) noexcept = default;
  Node(const Node&) = default;
  Node& operator=(const Node&) = default;

  Kind kind = Kind::Null;
  Kind written = Kind::Null;  // the kind as parsed, before coercion
  RawForm raw = RawForm::None;
  bool boolean = false;        // valid when kind == Bool
  bool shadowed = false;       // a later member of the same object has the same key
  bool bad_utf8 = false;       // a string whose decoded bytes are not valid UTF-8 (query form)
  bool secret = false;         // its text is a secret's, through a YAML alias (HideAliasedSecrets): never shown
  int64_t integer = 0;         // valid when kind == Integer
  uint32_t pos = 0;            // byte offset of the value's first byte in the file
  uint32_t end = 0;            // byte offset just past the value's last byte (see the top)
  TreeString text;             // scalar text (see Kind)
  NodeList items;      // Array
  MemberList members;  // Object, in source order

  bool is_null() const { return kind == Kind::Null; }
  bool is_object() const { return kind == Kind::Object; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_scalar() const { return kind != Kind::Array && kind != Kind::Object; }

  // The last, non-shadowed member with exactly this key, or nullptr.
  // A member whose value is null counts as absent.
  const Node* get(std::string_view key) const;
  Node* get(std::string_view key);
  const Member* member(std::string_view key) const;

  // Empties `items` and `members`, destroying the subtree below them
  // without deep recursion, or inside a TreeScope leaving it to the arena
  // (document.cpp).
  void ReleaseChildren() noexcept;
};

struct Member {
  Member() {}  // see Node()

  TreeString key;
  // HashBytes(key), or 0 when not computed (read it through KeyHash): the
  // JSON parser hashes each key once, while it is in the cache, for the
  // lookups by name that follow (the spec, the schema plan, the fingerprint).
  uint64_t key_hash = 0;
  uint32_t key_pos = 0;  // byte offset of the key's first byte (its quote in JSON)
  uint32_t key_end = 0;  // byte offset just past the key (its closing quote in JSON)
  uint32_t first_pos = 0;  // for a duplicate: key_pos of the first occurrence
  // Where the key's text is written (YAML only): key_pos, or for a key that
  // is an alias (`*a: 1`), the anchored scalar's position.
  uint32_t key_src = 0;
  bool has_first = false;  // this member repeats an earlier key (see MarkDuplicates)
  Node value;
};

// Where a finding about a value or a key ends (Draft::end): just past the
// node's or the key's text, or 0 when it has none (<= its start: no extent).
inline uint32_t EndOf(const Node& n) { return n.end; }
inline uint32_t KeyEndOf(const Member& m) { return m.key_end; }

// Marks every member of every object that a later member with the same key
// overrides (`shadowed`), recording the first occurrence's key position in
// the later member's `first_pos`. Linear in the size of the tree. Returns
// whether any key repeats.
bool MarkDuplicates(Node* root);

// For a String node, the file offset of each byte of its decoded value:
// result[i] is the offset of the raw text that produced decoded byte i, and
// result[text.size()] the offset just past it. `file` is the whole file.
// For forms it cannot map, every entry is `node.pos`.
std::vector<uint32_t> DecodedToRaw(std::string_view file, const Node& node);
// The per-form halves of DecodedToRaw, defined beside their parsers.
std::vector<uint32_t> DecodedToRawJson(std::string_view file, const Node& node);
std::vector<uint32_t> DecodedToRawPercent(std::string_view file, const Node& node);
std::vector<uint32_t> DecodedToRawYaml(std::string_view file, const Node& node);

// Adds `delta[node.pos]` mapping to every position in a tree parsed from a
// decoded string: positions in `tree` are offsets into the decoded text and
// become file offsets through `map` (from DecodedToRaw).
void RemapPositions(Node* tree, const std::vector<uint32_t>& map);
// The same for a tree parsed from the decoded value of `str`, a string node
// of `file`; the result equals RemapPositions(tree, DecodedToRaw(file, str)).
// For a JSON string it builds no map: it walks the string's escapes once,
// answering the tree's positions in increasing order.
void RemapPositionsFrom(std::string_view file, const Node& str, Node* tree);
// The JSON half of RemapPositionsFrom: `targets` (decoded offsets, sorted
// ascending) become file offsets.
void RemapJsonTargets(std::string_view file, const Node& str, const std::vector<uint32_t*>& targets);

// Turns byte offsets into 1-based line and column (columns count Unicode
// code points). Built lazily on first use; cheap to construct. A line
// starts at 0, after "\n", and after a "\r" that no "\n" follows.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {}
  // With the line starts known already (the JSON parser's): no scan.
  LineIndex(std::string_view text, TreeVector<uint32_t> starts) : text_(text), starts_(std::move(starts)) {}
  void Locate(uint32_t offset, int* line, int* column);

 private:
  void BuildStarts();  // fills starts_
  // Answers `offset` (not before the last answer) by scanning on from the
  // last answer, into last_*.
  void ScanTo(uint32_t offset);

  std::string_view text_;
  TreeVector<uint32_t> starts_;  // offsets of line starts
  // The last answer, so that offsets asked in increasing order on one long
  // line cost the distance between them, not from the line start.
  uint32_t last_offset_ = 0;
  int last_line_ = 0, last_column_ = 0;
};

// 64-bit FNV-1a: fingerprints (of requests, for TokenLedger; of findings,
// for SARIF). Not for security.
inline uint64_t Fnv1a(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// splitmix64's finalizer: every input bit moves every output bit.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Unaligned loads of 8 and 4 bytes (a memcpy the compiler turns into one
// load).
inline uint64_t Load64(const char* at) {
  uint64_t w;
  std::memcpy(&w, at, 8);
  return w;
}
inline uint64_t Load32(const char* at) {
  uint32_t w;
  std::memcpy(&w, at, 4);
  return w;
}

// A fast hash of bytes, eight at a time, finished by Mix64; `seed` keeps
// kinds of values apart. For the spec's name index and the idempotency
// fingerprint (compared within one run only). Not for security.
//
// Each word goes in by one multiply and one shift (a bijection of the state
// for a given word, so two texts of one length that differ in one word
// always differ). The last one to eight bytes are read with loads that may
// overlap bytes already read, never copied into a zeroed word (a load right
// after a shorter store stalls; docs/performance.md). HashBytesUnmixed
// leaves out the final Mix64, for a caller that mixes the result itself.
inline uint64_t HashBytesUnmixed(std::string_view s, uint64_t seed = 0) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t h = seed * 0x9e3779b97f4a7c15ULL ^ n * 0xc2b2ae3d27d4eb4fULL;
  size_t i = 0;
  for (; i + 8 < n; i += 8) {
    h = (h ^ Load64(p + i)) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  // The tail: with the length mixed in above, these bytes are determined
  // by the value read.
  uint64_t tail = 0;
  if (n >= 8) {
    tail = Load64(p + n - 8);
  } else if (n >= 4) {
    tail = Load32(p) | Load32(p + n - 4) << 32;
  } else if (n > 0) {
    tail = uint64_t{static_cast<unsigned char>(p[0])} | uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
           uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
  }
  return h ^ tail;
}
inline uint64_t HashBytes(std::string_view s, uint64_t seed = 0) { return Mix64(HashBytesUnmixed(s, seed)); }

// Whether two byte strings are equal. Names and short values (the most
// compared) are read with a few overlapping loads in place, cheaper than a
// call to memcmp for them (docs/performance.md).
inline bool SameText(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n > 16) return std::memcmp(p, q, n) == 0;
  if (n >= 8) return Load64(p) == Load64(q) && Load64(p + n - 8) == Load64(q + n - 8);
  if (n >= 4) return Load32(p) == Load32(q) && Load32(p + n - 4) == Load32(q + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

// HashBytes(m.key), computed once by the JSON parser (Member::key_hash).
inline uint64_t KeyHash(const Member& m) { return m.key_hash != 0 ? m.key_hash : HashBytes(m.key); }

// UTF-8 helpers.
// Whether `c` continues a multi-byte sequence (10xxxxxx).
inline bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
// The length of the valid UTF-8 sequence at the start of `s`, or 0 when
// there is none (overlong forms and surrogates are not valid).
size_t Utf8SequenceLength(std::string_view s);
bool IsValidUtf8(std::string_view s);
// Offset of the first byte of the first ill-formed sequence, or npos.
size_t FirstInvalidUtf8(std::string_view s);
// The code points of valid UTF-8: the bytes that are not continuation bytes
// (10xxxxxx), whatever the text.
size_t CountCodePoints(std::string_view s);
// `s` with every byte that does not start a valid sequence replaced by
// U+FFFD: text that code expecting UTF-8 can read.
std::string ReadableUtf8(std::string_view s);

// Outside text (a key, a value) as a message quotes it: unchanged up to
// `max_code_points` code points (4 bytes each at most, stray bytes counted),
// else that many followed by an ellipsis and the full length,
// `abc…(1048576 bytes)`. So a finding or an error stays small whatever the
// input holds, and a shortened text says so.
constexpr size_t kExcerptCodePoints = 64;
std::string Excerpt(std::string_view text, size_t max_code_points = kExcerptCodePoints);
// Where Excerpt cuts `text`: at a character boundary; text.size() when it
// is short enough.
size_t ExcerptEnd(std::string_view text, size_t max_code_points);
// The mark Excerpt appends: "…(N bytes)".
std::string LengthMark(size_t bytes);

// JSON Pointer helpers (RFC 6901). A token is quoted as Excerpt quotes it.
std::string PointerAppend(std::string_view base, std::string_view token);
// The same into `out` (its buffer reused).
void PointerAppendTo(std::string* out, std::string_view base, std::string_view token);
std::string PointerAppend(std::string_view base, size_t index);

}  // namespace tairlint::detail
