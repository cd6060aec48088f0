// RPC query string input, as an SDK sends it:
//   Action=CreateInstances&Instances=%5B...%5D&Token=abc
// possibly after a `?` or a whole URL. Every parameter becomes a member of
// one Object, its value a String holding the percent-decoded bytes.

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input/parse.h"

namespace tairlint::detail {
namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes text[begin, end) into *out (`+` is a space). On a
// malformed escape or an oversized result, fills *err (an offset into
// `text`) and returns false. Error messages never quote the text: it may be
// part of a secret (a Password value).
template <typename String>  // std::string (keys) or TreeString (values)
bool Decode(std::string_view text, size_t begin, size_t end, uint64_t max_bytes, String* out,
            size_t* err_offset, std::string* err_message) {
  out->clear();
  out->reserve(end - begin);
  for (size_t i = begin; i < end;) {
    const char c = text[i];
    if (c == '%') {
      const int hi = i + 1 < end ? HexValue(text[i + 1]) : -1;
      const int lo = i + 2 < end ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        *err_offset = i;
        *err_message = "malformed percent-escape: '%' must be followed by two hexadecimal digits";
        return false;
      }
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 3;
    } else {
      out->push_back(c == '+' ? ' ' : c);
      ++i;
    }
    if (out->size() > max_bytes) {
      *err_offset = begin;
      *err_message = "query parameter longer than " + std::to_string(max_bytes) + " bytes";
      return false;
    }
  }
  return true;
}

bool ParseQueryImpl(std::string_view text, uint32_t base, const ParseLimits& limits, Node* out,
                    ParseError* err) {
  auto fail = [&](size_t offset, std::string message) {
    err->message = std::move(message);
    err->pos = base + static_cast<uint32_t>(offset);
    return false;
  };
  size_t begin = 0, end = text.size();
  // A file ends with a newline; a pasted query may start or end with blanks.
  while (end > begin && IsAsciiSpace(text[end - 1])) --end;
  while (begin < end && IsAsciiSpace(text[begin])) ++begin;
  for (size_t i = begin; i < end; ++i) {
    if (text[i] == '\0') return fail(i, "a query string cannot contain a NUL byte");
    if (text[i] == '\n' || text[i] == '\r') return fail(i, "a query string is one line");
  }
  // A leading `?`, or a URL: everything up to the first `?` when what comes
  // before it cannot be parameters (no `=` or `&`), so that a `?` written
  // unencoded inside a value does not cut the query.
  if (begin < end && text[begin] == '?') {
    ++begin;
  } else {
    const size_t q = text.substr(0, end).find('?', begin);
    if (q != std::string_view::npos &&
        text.substr(begin, q - begin).find_first_of("=&") == std::string_view::npos) {
      begin = q + 1;
    }
  }

  out->kind = out->written = Kind::Object;
  out->raw = RawForm::None;
  out->pos = base + static_cast<uint32_t>(begin);
  out->end = base + static_cast<uint32_t>(end);
  out->members.clear();
  // One allocation for the members: growing a vector of a million members
  // costs more than counting the separators.
  const size_t separators = static_cast<size_t>(std::count(text.begin() + begin, text.begin() + end, '&'));
  out->members.reserve(std::min<size_t>(separators + 1, limits.max_query_params));

  size_t count = 0, err_offset = 0;
  std::string err_message;
  for (size_t p = begin; p < end;) {
    size_t amp = text.substr(0, end).find('&', p);
    if (amp == std::string_view::npos) amp = end;
    if (amp > p) {  // `a=1&&b=2`: empty segments are skipped
      if (++count > limits.max_query_params) {
        return fail(p, "more than " + std::to_string(limits.max_query_params) + " query parameters");
      }
      size_t eq = text.substr(0, amp).find('=', p);
      if (eq == std::string_view::npos) eq = amp;
      Member m;
      m.key_pos = base + static_cast<uint32_t>(p);
      m.key_end = base + static_cast<uint32_t>(eq);
      if (!Decode(text, p, eq, limits.max_string_bytes, &m.key, &err_offset, &err_message)) {
        return fail(err_offset, std::move(err_message));
      }
      if (!IsValidUtf8(m.key)) return fail(p, "query parameter name is not valid UTF-8");
      const size_t vbegin = eq < amp ? eq + 1 : amp;
      Node& v = m.value;
      v.kind = v.written = Kind::String;
      v.raw = RawForm::Percent;
      v.pos = base + static_cast<uint32_t>(vbegin);
      v.end = base + static_cast<uint32_t>(amp);
      if (!Decode(text, vbegin, amp, limits.max_string_bytes, &v.text, &err_offset, &err_message)) {
        return fail(err_offset, std::move(err_message));
      }
      // Kept as bytes: the checks report the parameter rather than the
      // whole request failing to parse.
      v.bad_utf8 = !IsValidUtf8(v.text);
      out->members.push_back(std::move(m));
    }
    if (amp >= end) break;
    p = amp + 1;
  }
  return true;
}

}  // namespace

bool ParseQuery(std::string_view text, uint32_t base, const ParseLimits& limits, Node* out,
                ParseError* err) {
  try {
    if (ParseQueryImpl(text, base, limits, out, err)) return true;
  } catch (const std::exception&) {  // std::bad_alloc
    err->message = "out of memory while parsing the query string";
    err->pos = base;
  }
  *out = Node();
  return false;
}

std::vector<uint32_t> DecodedToRawPercent(std::string_view file, const Node& node) {
  const std::string_view d = node.text;
  const size_t pos = std::min<size_t>(node.pos, file.size());
  const size_t limit = std::max(pos, std::min<size_t>(node.end, file.size()));
  std::vector<uint32_t> map(d.size() + 1, static_cast<uint32_t>(pos));
  size_t i = 0, r = pos;
  while (i < d.size() && r < limit) {
    const char c = file[r];
    char decoded = c;
    size_t len = 1;
    if (c == '%') {
      const int hi = r + 1 < limit ? HexValue(file[r + 1]) : -1;
      const int lo = r + 2 < limit ? HexValue(file[r + 2]) : -1;
      if (hi < 0 || lo < 0) break;
      decoded = static_cast<char>(hi * 16 + lo);
      len = 3;
    } else if (c == '+') {
      decoded = ' ';
    }
    if (decoded != d[i]) break;  // not this node's raw text: stop mapping
    map[i++] = static_cast<uint32_t>(r);
    r += len;
  }
  // Unmapped bytes (only for a node that is not what it claims) stay inside
  // the value.
  const uint32_t fill = static_cast<uint32_t>(std::min(r, limit > pos ? limit - 1 : pos));
  for (; i < d.size(); ++i) map[i] = fill;
  map[d.size()] = static_cast<uint32_t>(r);
  return map;
}

}  // namespace tairlint::detail
