// Shared helpers of the libFuzzer targets: invariant checks on the parsed
// document model. Every violated invariant ends the run with
// __builtin_trap(), which libFuzzer reports as a crash (with the input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <string_view>
#include <utility>
#include <vector>

#include "document/document.h"

namespace tairlint_fuzz {

using tairlint::detail::Kind;
using tairlint::detail::Member;
using tairlint::detail::Node;
using tairlint::detail::RawForm;

#define TAIRLINT_FUZZ_REQUIRE(cond) \
  do {                              \
    if (!(cond)) __builtin_trap();  \
  } while (0)

// Which extra, form-specific invariants hold for a tree.
struct TreeRules {
  // JSON and query trees: a node's children lie inside the node's own
  // [pos, end) range, and a member's value comes after its key. Not for YAML,
  // where an alias copies the anchored node with the anchor's positions.
  bool nested_ranges = false;
  // Upper bounds of what the parser promises (0: not checked).
  uint32_t max_depth = 0;   // collection levels
  uint64_t max_nodes = 0;   // nodes of one document (keys are not nodes)
};

// Walks `root` without recursion and checks the invariants every tree parsed
// from `file` must satisfy; collects its String nodes into `strings`.
inline void CheckTree(std::string_view file, const Node& root, const TreeRules& rules,
                      std::vector<const Node*>* strings) {
  const size_t size = file.size();
  struct Item {
    const Node* node;
    uint32_t depth;  // collections above this node
  };
  std::vector<Item> stack{{&root, 0}};
  uint64_t nodes = 0;
  while (!stack.empty()) {
    const Item it = stack.back();
    stack.pop_back();
    const Node& n = *it.node;
    ++nodes;
    TAIRLINT_FUZZ_REQUIRE(n.pos <= n.end);
    TAIRLINT_FUZZ_REQUIRE(n.end <= size);
    // Integer is produced by coercion only, never by a parser.
    TAIRLINT_FUZZ_REQUIRE(n.kind != Kind::Integer);
    TAIRLINT_FUZZ_REQUIRE(n.kind == n.written);
    if (n.kind != Kind::Array) TAIRLINT_FUZZ_REQUIRE(n.items.empty());
    if (n.kind != Kind::Object) TAIRLINT_FUZZ_REQUIRE(n.members.empty());
    if (n.kind == Kind::String) strings->push_back(&n);
    const uint32_t depth = it.depth + (n.is_array() || n.is_object() ? 1 : 0);
    if (rules.max_depth != 0) TAIRLINT_FUZZ_REQUIRE(depth <= rules.max_depth);
    for (const Node& c : n.items) {
      if (rules.nested_ranges) TAIRLINT_FUZZ_REQUIRE(n.pos <= c.pos && c.end <= n.end);
      stack.push_back({&c, depth});
    }
    for (const Member& m : n.members) {
      TAIRLINT_FUZZ_REQUIRE(m.key_pos <= size);
      if (rules.nested_ranges) {
        TAIRLINT_FUZZ_REQUIRE(n.pos <= m.key_pos && m.key_pos <= m.value.pos);
        TAIRLINT_FUZZ_REQUIRE(m.value.end <= n.end);
      }
      stack.push_back({&m.value, depth});
    }
  }
  if (rules.max_nodes != 0) TAIRLINT_FUZZ_REQUIRE(nodes <= rules.max_nodes);
}

// DecodedToRaw on every String node. `exact`: the form maps byte for byte
// in source order (JSON strings, percent-encoding), so the map is
// non-decreasing and stays inside the node's [pos, end] range.
inline void CheckDecodedToRaw(std::string_view file, const std::vector<const Node*>& strings,
                              bool exact) {
  for (const Node* n : strings) {
    const std::vector<uint32_t> map = tairlint::detail::DecodedToRaw(file, *n);
    TAIRLINT_FUZZ_REQUIRE(map.size() == n->text.size() + 1);
    for (uint32_t off : map) TAIRLINT_FUZZ_REQUIRE(off <= file.size());
    if (!exact) continue;
    for (size_t i = 0; i < map.size(); ++i) {
      TAIRLINT_FUZZ_REQUIRE(map[i] >= n->pos && map[i] <= n->end);
      if (i > 0) TAIRLINT_FUZZ_REQUIRE(map[i - 1] <= map[i]);
    }
  }
}

// After MarkDuplicates: in every object, a member is shadowed exactly when
// a later member has the same key, and a member repeating an earlier key
// records the key position of the key's first occurrence.
inline void CheckDuplicates(const Node& root) {
  std::vector<const Node*> stack{&root};
  std::unordered_map<std::string, size_t> first;  // key -> index of its first member
  std::unordered_map<std::string, size_t> last;   // key -> index of its last member
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    for (const Node& c : n->items) stack.push_back(&c);
    if (n->members.empty()) continue;
    first.clear();
    last.clear();
    for (size_t i = 0; i < n->members.size(); ++i) {
      const std::string key(std::string_view(n->members[i].key));
      first.emplace(key, i);
      last[key] = i;
    }
    for (size_t i = 0; i < n->members.size(); ++i) {
      const Member& m = n->members[i];
      const std::string key(std::string_view(m.key));
      const size_t f = first[key], l = last[key];
      TAIRLINT_FUZZ_REQUIRE(m.value.shadowed == (i != l));
      TAIRLINT_FUZZ_REQUIRE(m.has_first == (i != f));
      if (m.has_first) TAIRLINT_FUZZ_REQUIRE(m.first_pos == n->members[f].key_pos);
      stack.push_back(&m.value);
    }
  }
}

}  // namespace tairlint_fuzz
