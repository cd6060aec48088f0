#include "ledger/fingerprint.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace tairlint::detail {
namespace {

//
// A 64-bit hash of what a request asks for, compared only between the files
// of one run (TokenLedger), never stored or shown. Values are hashed as
// canonical JSON as written: objects as sets of members (a sum of their
// members' hashes: no order matters and nothing is sorted), arrays in order,
// numbers by value (HashBytes and Mix64, document.h). A scalar's hash is
// left unmixed (HashBytesUnmixed): the member's or the item's Mix64 that
// takes it in mixes it.

// Seeds that keep the kinds of values apart.
enum : uint64_t { kNull = 1, kTrue, kFalse, kNumber, kString, kArray, kObject, kKey, kWire, kAction };

// A member's key: its hash (the parser's, mixed already), kept apart from
// values' by a seed; the pair's Mix64 mixes the two.
uint64_t KeyPart(const Member& m) { return KeyHash(m) ^ kKey * 0x9e3779b97f4a7c15ULL; }

uint64_t HashValue(const Node& n) {
  switch (n.written) {
    case Kind::Null: return Mix64(kNull);
    case Kind::Bool: return Mix64(n.boolean ? kTrue : kFalse);
    case Kind::Number:
    case Kind::Integer: {
      // A small integer written plainly is its own canonical form (what
      // %.17g would print); anything else goes through the double.
      const TreeString& t = n.text;
      size_t digits = t.size() - (!t.empty() && t[0] == '-' ? 1 : 0);
      bool plain = digits >= 1 && digits <= 15 &&
                   std::all_of(t.end() - static_cast<long>(digits), t.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                   (digits == 1 || t[t.size() - digits] != '0') && !(digits == 1 && t == "-0");
      if (plain) return HashBytesUnmixed(t, kNumber);
      char buf[40];
      snprintf(buf, sizeof buf, "%.17g", strtod(t.c_str(), nullptr));
      return HashBytesUnmixed(buf, kNumber);
    }
    case Kind::String: return HashBytesUnmixed(n.text, kString);
    case Kind::Array: {
      uint64_t h = Mix64(kArray + n.items.size());
      for (const Node& c : n.items) h = Mix64(h ^ HashValue(c));
      return h;
    }
    case Kind::Object: {
      uint64_t sum = 0, count = 0;
      for (const Member& m : n.members) {
        if (m.value.shadowed || m.value.is_null()) continue;  // duplicates and nulls dropped
        // a string (most values) without a call
        const uint64_t value =
            m.value.written == Kind::String ? HashBytesUnmixed(m.value.text, kString) : HashValue(m.value);
        sum += Mix64(KeyPart(m) ^ (value * 0x9e3779b97f4a7c15ULL));
        ++count;
      }
      return Mix64(Mix64(kObject + count) ^ sum);
    }
  }
  return 0;
}

}  // namespace

// What TokenLedger compares: the action and the wire value of every
// parameter except the common ones, in any order and form.
// (After BuildScopes: the request's scope knows each member's spec.)
uint64_t Fingerprint(const Context& ctx) {
  uint64_t sum = 0;
  const Scope& request = ctx.scopes.front();
  for (size_t i = 0; i < ctx.root.members.size(); ++i) {
    const Member& m = ctx.root.members[i];
    if (m.value.shadowed || m.value.is_null()) continue;
    const PropSpec* p = request.specs[i];
    if (p != nullptr && p->common) continue;
    const Node& v = m.value;
    const uint64_t value = !v.is_scalar()            ? HashValue(v)
                           : v.kind == Kind::Bool    ? HashBytesUnmixed(v.boolean ? "true" : "false", kWire)
                           : v.kind == Kind::Integer ? HashBytesUnmixed(std::to_string(v.integer), kWire)
                                                     : HashBytesUnmixed(v.text, kWire);
    sum += Mix64(KeyPart(m) ^ (value * 0x9e3779b97f4a7c15ULL));
  }
  return Mix64(HashBytes(ActionName(ctx.action), kAction) ^ sum);
}

}  // namespace tairlint::detail
