// A strict RFC 8259 JSON parser that builds the document model in one pass
// over the bytes, recording the offset of every value and key.
//
// Why not nlohmann::json's parser: its SAX events carry no positions (3.11),
// it silently keeps the last of two duplicate keys, and it turns integers
// beyond 64 bits into doubles. Requests need all three, in one pass.
//
// No recursion: containers are tracked on an explicit stack, so nesting depth
// is bounded only by `ParseLimits::max_depth`.
#include <algorithm>
#include <cstdio>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "input/parse.h"

namespace tairlint::detail {
namespace {

class JsonParser {
 public:
  JsonParser(std::string_view text, uint32_t base, const ParseLimits& limits, ParseError* err,
             TreeVector<uint32_t>* line_starts)
      : p_(text.data()), n_(text.size()), base_(base), limits_(limits), err_(err), line_starts_(line_starts) {}

  bool Parse(Node* out);

 private:
  bool Fail(size_t at, std::string message) {
    if (err_ != nullptr) {
      err_->message = std::move(message);
      err_->pos = static_cast<uint32_t>(at) + base_;
    }
    return false;
  }
  uint32_t Off(size_t i) const { return static_cast<uint32_t>(i) + base_; }
  void SkipWs() {
    while (i_ < n_) {
      char c = p_[i_];
      // Every JSON white space character is at most ' ': one comparison
      // settles the usual case (none, or one before a token).
      if (static_cast<unsigned char>(c) > ' ') break;
      if (c == ' ' || c == '\t') {
        ++i_;
      } else if (c == '\n' || c == '\r') {
        ++i_;
        // a line starts after \n, and after a \r that no \n follows (LineIndex)
        if (line_starts_ != nullptr && (c == '\n' || i_ == n_ || p_[i_] != '\n')) line_starts_->push_back(Off(i_));
      } else {
        break;
      }
    }
  }
  bool ParseMember(Node* object, const char* no_key, Node** value);
  bool ParseScalar(Node* node);
  template <typename String>  // std::string (keys) or TreeString (values)
  bool ParseString(String* out);
  template <typename String>
  bool ParseStringSlow(String* out);
  size_t PlainRunEnd(size_t run) const;
  template <typename String>
  bool ParseEscape(String* out);
  bool ParseNumber(Node* node);
  bool ParseLiteral(Node* node);
  std::string Describe(size_t at) const;

  const char* p_;
  size_t n_;
  size_t i_ = 0;
  uint64_t nodes_ = 0;
  const Node* root_ = nullptr;  // the document
  uint32_t base_;
  const ParseLimits& limits_;
  ParseError* err_;
  TreeVector<uint32_t>* line_starts_;
};

// What stands at `at`, for an error message. Input characters are named by
// their class, never quoted, so that no part of a secret reaches a message;
// only JSON's own punctuation is shown.
std::string JsonParser::Describe(size_t at) const {
  if (at >= n_) return "end of input";
  unsigned char c = static_cast<unsigned char>(p_[at]);
  if (strchr("{}[],:\"", c) != nullptr && c != 0) return std::string("'") + static_cast<char>(c) + "'";
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return "a letter";
  if (c >= '0' && c <= '9') return "a digit";
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return "white space";
  if (c < 0x20 || c == 0x7F) return "a control character";
  if (c >= 0x80) return "a non-ASCII character";
  return "a symbol";
}

bool JsonParser::Parse(Node* out) {
  // The open containers, innermost last.
  struct Frame {
    Node* node;
  };
  TreeVector<Frame> stack;
  *out = Node();
  SkipWs();
  if (i_ >= n_) return Fail(i_, "empty document: expected a JSON value");

  root_ = out;
  Node* target = out;  // where the next value goes
  for (;;) {
    // ---- parse one value into *target
    if (++nodes_ > limits_.max_nodes) {
      return Fail(i_, "more than " + std::to_string(limits_.max_nodes) + " values in the document");
    }
    SkipWs();
    if (i_ >= n_) return Fail(i_, "unexpected end of input: expected a value");
    char c = p_[i_];
    target->pos = Off(i_);
    if (c == '{' || c == '[') {
      if (stack.size() >= limits_.max_depth) {
        return Fail(i_, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
      }
      ++i_;
      target->kind = target->written = c == '{' ? Kind::Object : Kind::Array;
      stack.push_back({target});
      SkipWs();
      char close = c == '{' ? '}' : ']';
      if (i_ < n_ && p_[i_] == close) {
        ++i_;
        target->end = Off(i_);
        stack.pop_back();
        // fall through to "after value"
      } else if (c == '{') {
        if (!ParseMember(target, "expected a string key or '}', got ", &target)) return false;
        continue;
      } else {
        target->items.emplace_back();
        target = &target->items.back();
        continue;
      }
    } else {
      if (!ParseScalar(target)) return false;
      target->end = Off(i_);
    }

    // ---- after a value: close containers or move to the next sibling
    for (;;) {
      if (stack.empty()) {
        SkipWs();
        if (i_ < n_) return Fail(i_, "unexpected " + Describe(i_) + " after the document");
        return true;
      }
      Node* top = stack.back().node;
      SkipWs();
      if (i_ >= n_) {
        return Fail(i_, std::string("unexpected end of input: expected ',' or '") +
                            (top->kind == Kind::Object ? "}'" : "]'"));
      }
      char d = p_[i_];
      if (d == ',') {
        ++i_;
        SkipWs();
        if (top->kind == Kind::Object) {
          if (!ParseMember(top, "expected a string key, got ", &target)) return false;
        } else {
          top->items.emplace_back();
          target = &top->items.back();
        }
        break;
      }
      char close = top->kind == Kind::Object ? '}' : ']';
      if (d != close) {
        return Fail(i_, std::string("expected ',' or '") + close + "', got " + Describe(i_));
      }
      ++i_;
      top->end = Off(i_);
      stack.pop_back();
    }
  }
}

// `"key":` of a member of `object`; `*value` becomes where its value goes.
bool JsonParser::ParseMember(Node* object, const char* no_key, Node** value) {
  if (i_ >= n_ || p_[i_] != '"') return Fail(i_, no_key + Describe(i_));
  // The member is built in place (a failed parse throws the tree away).
  // Room for sixteen members at once in the document's own object (a
  // request); in the others for four first (a tag pair, a small element:
  // big documents of small objects stay small), then for sixteen (an
  // Instances element: one move of four members), then doubling.
  auto& members = object->members;
  if (members.size() == members.capacity()) {
    const size_t first = object == root_ ? 16 : 4;
    members.reserve(members.empty() ? first : members.size() < 16 ? 16 : 2 * members.size());
  }
  Member& m = members.emplace_back();
  m.key_pos = Off(i_);
  if (!ParseString(&m.key)) return false;
  m.key_end = Off(i_);
  m.key_hash = HashBytes(m.key);
  SkipWs();
  if (i_ >= n_ || p_[i_] != ':') return Fail(i_, "expected ':' after the key, got " + Describe(i_));
  ++i_;
  *value = &m.value;
  return true;
}

bool JsonParser::ParseScalar(Node* node) {
  char c = p_[i_];
  if (c == '"') {
    node->kind = node->written = Kind::String;
    node->raw = RawForm::JsonString;
    return ParseString(&node->text);
  }
  if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(node);
  if (c == 't' || c == 'f' || c == 'n') return ParseLiteral(node);
  return Fail(i_, "expected a value, got " + Describe(i_));
}

bool JsonParser::ParseLiteral(Node* node) {
  auto match = [this](const char* word) {
    size_t len = strlen(word);
    return n_ - i_ >= len && memcmp(p_ + i_, word, len) == 0;
  };
  if (match("true")) {
    node->kind = node->written = Kind::Bool;
    node->boolean = true;
    node->text = "true";
    i_ += 4;
  } else if (match("false")) {
    node->kind = node->written = Kind::Bool;
    node->text = "false";
    i_ += 5;
  } else if (match("null")) {
    node->kind = node->written = Kind::Null;
    i_ += 4;
  } else {
    return Fail(i_, "invalid literal: expected true, false or null");
  }
  return true;
}

bool JsonParser::ParseNumber(Node* node) {
  size_t start = i_;
  auto digit = [this](size_t k) { return k < n_ && p_[k] >= '0' && p_[k] <= '9'; };
  if (p_[i_] == '-') ++i_;
  if (!digit(i_)) return Fail(i_, "invalid number: expected a digit");
  if (p_[i_] == '0') {
    ++i_;
    if (digit(i_)) return Fail(i_, "invalid number: leading zeros are not allowed");
  } else {
    while (digit(i_)) ++i_;
  }
  if (i_ < n_ && p_[i_] == '.') {
    ++i_;
    if (!digit(i_)) return Fail(i_, "invalid number: expected a digit after '.'");
    while (digit(i_)) ++i_;
  }
  if (i_ < n_ && (p_[i_] == 'e' || p_[i_] == 'E')) {
    ++i_;
    if (i_ < n_ && (p_[i_] == '+' || p_[i_] == '-')) ++i_;
    if (!digit(i_)) return Fail(i_, "invalid number: expected a digit in the exponent");
    while (digit(i_)) ++i_;
  }
  if (i_ - start > limits_.max_string_bytes) return Fail(start, "number too long");
  node->kind = node->written = Kind::Number;
  node->text.assign(p_ + start, i_ - start);
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Read4Hex(const char* p, size_t avail, uint32_t* out) {
  if (avail < 4) return false;
  uint32_t v = 0;
  for (int k = 0; k < 4; ++k) {
    int h = HexValue(p[k]);
    if (h < 0) return false;
    v = (v << 4) | static_cast<uint32_t>(h);
  }
  *out = v;
  return true;
}

template <typename String>
void AppendUtf8(uint32_t cp, String* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The end of the run of plain bytes from `run`: those that are no quote, no
// backslash, no control and no non-ASCII byte, found sixteen bytes at a time
// (SSE2), then eight, then byte by byte near the end of the input. In a word
// that has such a byte, the lowest flagged byte is the first of them (a
// borrow only flags bytes above a true hit; elsewhere than on little-endian
// machines the byte loop finds it).
[[gnu::always_inline]] inline size_t JsonParser::PlainRunEnd(size_t run) const {
  bool found = false;
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is (every x86-64): most strings of
  // a request end within the first sixteen. A signed compare below 0x20
  // flags the controls and every byte from 0x80 at once.
  while (run + 16 <= n_) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + run));
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    const __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    const __m128i hit = _mm_or_si128(_mm_or_si128(quote, backslash), low);
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) {
      run += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      found = true;
      break;
    }
    run += 16;
  }
#endif
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  while (!found && run + 8 <= n_) {
    uint64_t w;
    std::memcpy(&w, p_ + run, 8);
    const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
    const uint64_t attention =
        (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | ((w - kOnes * 0x20) & ~w) | w) & kHighs;
    if (attention != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      run += static_cast<size_t>(__builtin_ctzll(attention)) / 8;
#endif
      break;
    }
    run += 8;
  }
  while (!found && run < n_) {
    unsigned char c = static_cast<unsigned char>(p_[run]);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
    ++run;
  }
  return run;
}

// A backslash escape at i_, appended to `out`.
template <typename String>
bool JsonParser::ParseEscape(String* out) {
  size_t esc = i_;
  ++i_;
  if (i_ >= n_) return Fail(esc, "unterminated escape in a string");
  char e = p_[i_++];
  switch (e) {
    case '"': out->push_back('"'); break;
    case '\\': out->push_back('\\'); break;
    case '/': out->push_back('/'); break;
    case 'b': out->push_back('\b'); break;
    case 'f': out->push_back('\f'); break;
    case 'n': out->push_back('\n'); break;
    case 'r': out->push_back('\r'); break;
    case 't': out->push_back('\t'); break;
    case 'u': {
      uint32_t cp;
      if (!Read4Hex(p_ + i_, n_ - i_, &cp)) return Fail(esc, "invalid \\u escape: expected 4 hex digits");
      i_ += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t lo;
        if (n_ - i_ < 6 || p_[i_] != '\\' || p_[i_ + 1] != 'u' || !Read4Hex(p_ + i_ + 2, n_ - i_ - 2, &lo) ||
            lo < 0xDC00 || lo > 0xDFFF) {
          return Fail(esc, "invalid \\u escape: a high surrogate must be followed by a low surrogate");
        }
        i_ += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return Fail(esc, "invalid \\u escape: lone low surrogate");
      }
      AppendUtf8(cp, out);
      break;
    }
    default:
      return Fail(esc, "invalid escape in a string");
  }
  return true;
}

// The usual string, plain bytes up to its closing quote, in one copy, here;
// the others (escapes, non-ASCII, too long, unterminated) in ParseStringSlow.
template <typename String>
[[gnu::always_inline]] inline bool JsonParser::ParseString(String* out) {
  const size_t run = PlainRunEnd(i_ + 1);
  const size_t length = run - i_ - 1;
  if (run < n_ && p_[run] == '"' && length <= limits_.max_string_bytes) {
    out->clear();
    out->append(p_ + i_ + 1, length);
    i_ = run + 1;
    return true;
  }
  return ParseStringSlow(out);
}

template <typename String>
[[gnu::noinline]] bool JsonParser::ParseStringSlow(String* out) {
  size_t start = i_;
  ++i_;  // opening quote
  out->clear();
  for (;;) {
    const size_t run = PlainRunEnd(i_);  // plain bytes, copied at once
    out->append(p_ + i_, run - i_);
    i_ = run;
    if (out->size() > limits_.max_string_bytes) {
      return Fail(start, "string longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
    }
    if (i_ >= n_) return Fail(start, "unterminated string");
    unsigned char c = static_cast<unsigned char>(p_[i_]);
    if (c == '"') {
      ++i_;
      return true;
    }
    if (c < 0x20) return Fail(i_, "control character in a string must be escaped");
    if (c >= 0x80) {
      size_t len = Utf8SequenceLength(std::string_view(p_ + i_, n_ - i_));
      if (len == 0) return Fail(i_, "invalid UTF-8 in a string");
      out->append(p_ + i_, len);
      i_ += len;
      continue;
    }
    if (!ParseEscape(out)) return false;
  }
}

}  // namespace

bool ParseJson(std::string_view text, uint32_t base, const ParseLimits& limits, Node* out,
               ParseError* err, TreeVector<uint32_t>* line_starts) {
  if (line_starts != nullptr) {
    line_starts->clear();
    line_starts->reserve(16);  // a usual request's lines: one allocation
    line_starts->push_back(0);
  }
  JsonParser parser(text, base, limits, err, line_starts);
  return parser.Parse(out);
}

// Re-scans the raw token of a JSON string, so that each decoded byte maps to
// the file offset of the byte (or escape) that produced it.
std::vector<uint32_t> DecodedToRawJson(std::string_view file, const Node& node) {
  std::vector<uint32_t> map;
  map.reserve(node.text.size() + 1);
  size_t i = node.pos;
  if (i < file.size() && file[i] == '"') ++i;
  std::string scratch;
  while (i < file.size() && map.size() < node.text.size()) {
    char c = file[i];
    if (c == '"') break;
    if (c != '\\') {
      map.push_back(static_cast<uint32_t>(i));
      ++i;
      continue;
    }
    size_t esc = i;
    char e = i + 1 < file.size() ? file[i + 1] : 0;
    size_t produced = 1;
    i += 2;
    if (e == 'u') {
      uint32_t cp = 0;
      Read4Hex(file.data() + i, file.size() - i, &cp);
      i += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t lo = 0;
        if (i + 6 <= file.size()) Read4Hex(file.data() + i + 2, file.size() - i - 2, &lo);
        i += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      }
      scratch.clear();
      AppendUtf8(cp, &scratch);
      produced = scratch.size();
    }
    for (size_t k = 0; k < produced; ++k) map.push_back(static_cast<uint32_t>(esc));
  }
  while (map.size() < node.text.size()) map.push_back(static_cast<uint32_t>(node.pos));
  map.push_back(static_cast<uint32_t>(std::min(i, file.size())));
  return map;
}

void RemapJsonTargets(std::string_view file, const Node& str, const std::vector<uint32_t*>& targets) {
  size_t raw_end = str.end > str.pos ? std::min<size_t>(str.end - 1, file.size()) : 0;  // the closing quote
  if (str.pos >= file.size() || file[str.pos] != '"' || raw_end >= file.size() || file[raw_end] != '"') {
    // not a string as the parser left it: the map handles every case
    std::vector<uint32_t> map = DecodedToRawJson(file, str);
    for (uint32_t* t : targets) *t = map[std::min<size_t>(*t, map.size() - 1)];
    return;
  }
  const size_t n = str.text.size();
  size_t i = str.pos + 1;  // raw offset of decoded offset d; both only grow
  size_t d = 0;
  for (uint32_t* t : targets) {
    const size_t want = *t;
    size_t out;
    for (;;) {
      if (d >= n || i >= raw_end) {
        out = d >= n || want >= n ? i : str.pos;
        break;
      }
      if (file[i] != '\\') {  // a run of plain bytes: raw and decoded move together
        const void* bs = memchr(file.data() + i, '\\', raw_end - i);
        size_t run = bs != nullptr ? static_cast<size_t>(static_cast<const char*>(bs) - (file.data() + i)) : raw_end - i;
        if (want < d + run) {
          out = i + (want - d);
          break;
        }
        i += run;
        d += run;
        continue;
      }
      // an escape: every byte it produces maps to its backslash
      size_t raw_len = 2, produced = 1;
      if (i + 1 < raw_end && file[i + 1] == 'u') {
        uint32_t cp = 0;
        Read4Hex(file.data() + i + 2, file.size() - i - 2, &cp);
        raw_len = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          raw_len = 12;
          produced = 4;
        } else {
          produced = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        }
      }
      if (want < d + produced) {
        out = i;
        break;
      }
      i += raw_len;
      d += produced;
    }
    *t = static_cast<uint32_t>(std::min(out, file.size()));
  }
}

}  // namespace tairlint::detail
