// NameIndex: a set of names, each numbered in the order it was first added,
// found by a flat open-addressing table. The names a check looks up many
// times (schema properties, annotation keys, catalog entries, the pointers
// that have an error) live in one.
//
// A lookup is one hash (HashBytes), a mask and one comparison of the name
// found, where std::unordered_map pays a division and dependent loads
// (docs/performance.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"  // HashBytes, SameText

namespace tairlint::detail {

class NameIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Adds `name` unless present. Returns its number: 0 for the first name
  // added, 1 for the next, ...
  uint32_t Insert(std::string_view name) {
    const uint64_t h = HashBytes(name);
    if (uint32_t found = Find(name, h); found != kNone) return found;
    if (2 * (names_.size() + 1) > table_.size()) Grow();
    const std::string* before = names_.data();
    names_.emplace_back(name);
    if (names_.data() != before) Repoint();  // the names moved (short ones hold their bytes)
    Place(h, static_cast<uint32_t>(names_.size()));
    return static_cast<uint32_t>(names_.size() - 1);
  }

  NameIndex() = default;
  NameIndex(const NameIndex& other) : table_(other.table_), names_(other.names_) { Repoint(); }
  NameIndex& operator=(const NameIndex& other) {
    table_ = other.table_;
    names_ = other.names_;
    Repoint();
    return *this;
  }
  NameIndex(NameIndex&&) noexcept = default;  // a vector's move keeps its elements where they are
  NameIndex& operator=(NameIndex&&) noexcept = default;

  // The number of `name`, or kNone. `hash` must be HashBytes(name): a
  // caller looking one name up in several indexes hashes it once.
  uint32_t Find(std::string_view name) const { return Find(name, HashBytes(name)); }
  uint32_t Find(std::string_view name, uint64_t hash) const {
    if (table_.empty()) return kNone;
    const size_t mask = table_.size() - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
      const Slot& slot = table_[at];
      if (slot.number_plus_one == 0) return kNone;
      if (slot.hash == hash && SameText(std::string_view(slot.data, slot.size), name)) return slot.number_plus_one - 1;
    }
  }
  bool contains(std::string_view name) const { return Find(name) != kNone; }

  size_t size() const { return names_.size(); }
  const std::string& name(uint32_t number) const { return names_[number]; }

 private:
  // A slot holds its name's bytes' address and length too: a lookup
  // compares them without a load of the name itself first.
  struct Slot {
    uint64_t hash = 0;
    const char* data = nullptr;
    uint32_t size = 0;
    uint32_t number_plus_one = 0;  // 0: empty
  };

  void Place(uint64_t h, uint32_t number_plus_one) {
    const size_t mask = table_.size() - 1;
    size_t at = h & mask;
    while (table_[at].number_plus_one != 0) at = (at + 1) & mask;
    const std::string& name = names_[number_plus_one - 1];
    table_[at] = {h, name.data(), static_cast<uint32_t>(name.size()), number_plus_one};
  }

  // Points every slot at its name again (after the names moved).
  void Repoint() {
    for (Slot& slot : table_) {
      if (slot.number_plus_one != 0) slot.data = names_[slot.number_plus_one - 1].data();
    }
  }

  // Doubles the table (at least 8 slots) and places every name again: the
  // table stays at most half full, so a probe ends soon at an empty slot.
  void Grow() {
    table_.assign(table_.empty() ? 8 : 2 * table_.size(), Slot{});
    for (size_t i = 0; i < names_.size(); ++i) Place(HashBytes(names_[i]), static_cast<uint32_t>(i + 1));
  }

  std::vector<Slot> table_;
  std::vector<std::string> names_;
};

}  // namespace tairlint::detail
