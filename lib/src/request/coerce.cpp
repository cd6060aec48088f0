// Wire coercion: what the service would make of a value written in a file.
//
// Top-level parameters travel as strings, and inside Instances numbers and
// booleans may be written as strings, so a value is judged by what it would
// be on the wire for the type its schema expects:
//  - integer: a number with a zero fraction or a whole exponent (12.0, 1e2),
//    or a string holding a plain decimal integer ("12"; "12.0" is not);
//  - string: a number or boolean is its text as written ("5.0", "true");
//  - boolean: true/false, or the strings "true"/"false" in any case.
// A value that cannot convert keeps its kind and fails the schema's `type`.
#include <cctype>
#include <climits>

#include "request/context.h"

namespace tairlint::detail {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Accumulates decimal digits into a non-negative value; false on overflow.
bool AccumulateDigits(std::string_view digits, uint64_t* value) {
  for (char c : digits) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (*value > (static_cast<uint64_t>(INT64_MAX) + 1 - d) / 10) return false;
    *value = *value * 10 + d;
  }
  return true;
}

bool ApplySign(bool negative, uint64_t magnitude, int64_t* out) {
  if (!negative) {
    if (magnitude > static_cast<uint64_t>(INT64_MAX)) return false;
    *out = static_cast<int64_t>(magnitude);
  } else {
    if (magnitude > static_cast<uint64_t>(INT64_MAX) + 1) return false;
    *out = magnitude == static_cast<uint64_t>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<int64_t>(magnitude);
  }
  return true;
}

// "-12", "007": an optional minus and decimal digits.
bool PlainInteger(std::string_view s, int64_t* out) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  if (!AllDigits(s)) return false;
  uint64_t v = 0;
  return AccumulateDigits(s, &v) && ApplySign(negative, v, out);
}

}  // namespace

// A number as written (JSON or YAML syntax: sign, digits, fraction,
// exponent) whose value is a whole number that fits in 64 bits.
bool NumberToInteger(std::string_view s, int64_t* out) {
  if (PlainInteger(s, out)) return true;  // the usual number: no sign but `-`, no fraction, no exponent
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  size_t e = s.find_first_of("eE");
  std::string_view mant = s.substr(0, e);
  long long exp = 0;
  if (e != std::string_view::npos) {
    std::string_view es = s.substr(e + 1);
    bool eneg = !es.empty() && es[0] == '-';
    if (!es.empty() && (es[0] == '-' || es[0] == '+')) es.remove_prefix(1);
    if (!AllDigits(es)) return false;
    for (char c : es) {
      exp = exp * 10 + (c - '0');
      if (exp > 100000) return false;  // far beyond any 64-bit integer
    }
    if (eneg) exp = -exp;
  }
  size_t dot = mant.find('.');
  std::string_view ip = mant.substr(0, dot);
  std::string_view fp = dot == std::string_view::npos ? std::string_view() : mant.substr(dot + 1);
  if (ip.empty() && fp.empty()) return false;
  if ((!ip.empty() && !AllDigits(ip)) || (!fp.empty() && !AllDigits(fp))) return false;
  std::string digits(ip);
  digits.append(fp);
  long long shift = exp - static_cast<long long>(fp.size());  // value = digits * 10^shift
  // strip leading zeros
  size_t nz = digits.find_first_not_of('0');
  if (nz == std::string::npos) {
    *out = 0;
    return true;
  }
  digits.erase(0, nz);
  if (shift < 0) {
    size_t drop = static_cast<size_t>(-shift);
    // digits starts with a non-zero digit: dropping more than all of them
    // leaves a fraction
    if (drop > digits.size()) return false;
    std::string_view tail = std::string_view(digits).substr(digits.size() - drop);
    if (tail.find_first_not_of('0') != std::string_view::npos) return false;
    digits.resize(digits.size() - drop);
    shift = 0;
  }
  if (static_cast<long long>(digits.size()) + shift > 19) return false;
  digits.append(static_cast<size_t>(shift), '0');
  uint64_t v = 0;
  return AccumulateDigits(digits, &v) && ApplySign(negative, v, out);
}

void CoerceValue(Node* v, WireType type) {
  switch (type) {
    case WireType::Integer: {
      int64_t i;
      if ((v->kind == Kind::Number && NumberToInteger(v->text, &i)) ||
          (v->kind == Kind::String && !v->bad_utf8 && PlainInteger(v->text, &i))) {
        v->kind = Kind::Integer;
        v->integer = i;
      }
      break;
    }
    case WireType::String:
      if (v->kind == Kind::Number || v->kind == Kind::Bool) v->kind = Kind::String;
      break;
    case WireType::Boolean:
      if (v->kind == Kind::String && (v->text.size() == 4 || v->text.size() == 5)) {
        std::string lower;
        for (char c : v->text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        if (lower == "true" || lower == "false") {
          v->kind = Kind::Bool;
          v->boolean = lower == "true";
        }
      }
      break;
    default:
      break;
  }
}

std::string WireText(const Node& n) {
  switch (n.kind) {
    case Kind::Bool: return n.boolean ? "true" : "false";
    case Kind::Integer: return std::to_string(n.integer);
    default: return std::string(n.text);
  }
}

std::string ShowWireText(const Node& n) { return n.secret ? std::string(kHiddenSecret) : Excerpt(WireText(n)); }

void WholeNumbersToIntegers(Node* tree) {
  std::vector<Node*> stack = {tree};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    int64_t v = 0;
    if (n->kind == Kind::Number && NumberToInteger(n->text, &v)) {
      n->kind = Kind::Integer;
      n->integer = v;
    }
    for (Member& m : n->members) stack.push_back(&m.value);
    for (Node& item : n->items) stack.push_back(&item);
  }
}

void CoerceScopes(Context* ctx) {
  for (Scope& s : ctx->scopes) {
    for (size_t i = 0; i < s.node->members.size(); ++i) {
      Member& m = s.node->members[i];
      if (m.value.shadowed || m.value.is_null()) continue;
      const PropSpec* p = s.specs[i];
      if (p == nullptr || p->json_string) continue;
      if (p->type == WireType::String && m.value.kind == Kind::String) continue;  // most values: nothing to do
      CoerceValue(&m.value, p->type);
    }
  }
}

}  // namespace tairlint::detail
