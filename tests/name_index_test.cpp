// NameIndex (name_index.h): numbering, lookups, growth.

#include "document/name_index.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace tairlint::detail {
namespace {

TEST(NameIndex, NumbersNamesInTheOrderFirstAdded) {
  NameIndex index;
  EXPECT_EQ(index.Find("RegionId"), NameIndex::kNone);  // empty: no table yet
  EXPECT_EQ(index.Insert("RegionId"), 0u);
  EXPECT_EQ(index.Insert("ZoneId"), 1u);
  EXPECT_EQ(index.Insert("RegionId"), 0u);  // again: its number, not a new one
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.Find("ZoneId"), 1u);
  EXPECT_EQ(index.name(1), "ZoneId");
  EXPECT_TRUE(index.contains("RegionId"));
}

TEST(NameIndex, TellsApartNamesThatShareBytesOrLength) {
  NameIndex index;
  // Names of every tail length, prefixes of each other, empty, and ones
  // that differ only in a byte the hash reads twice (overlapping loads).
  const std::string names[] = {"", "a", "ab", "abc", "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghi",
                               "abcdefghijklmnop", "abcdefghijklmnopq", "abcdXfgh", "abcdeXgh", "Xbc", "aXc",
                               "abX", std::string("a\0c", 3)};
  for (size_t i = 0; i < std::size(names); ++i) ASSERT_EQ(index.Insert(names[i]), i) << names[i];
  for (size_t i = 0; i < std::size(names); ++i) EXPECT_EQ(index.Find(names[i]), i) << names[i];
  EXPECT_EQ(index.Find("abcdefghijklmno"), NameIndex::kNone);
  EXPECT_EQ(index.Find("abd"), NameIndex::kNone);
  EXPECT_EQ(index.Find(std::string("a\0d", 3)), NameIndex::kNone);
}

// Growing places every name again: all stay found, with their numbers, and
// names never added are not.
TEST(NameIndex, KeepsEveryNameAcrossGrowth) {
  NameIndex index;
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(index.Insert("name-" + std::to_string(i)), i);
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(index.Find("name-" + std::to_string(i)), i);
  for (uint32_t i = 5000; i < 6000; ++i) ASSERT_EQ(index.Find("name-" + std::to_string(i)), NameIndex::kNone);
}

// SameText reads short strings with overlapping loads: every length up to
// past the memcmp threshold, a difference at every position (first, last,
// in the overlap of the two loads), and a NUL byte are told apart.
TEST(SameText, FindsADifferenceAtEveryPositionOfEveryLength) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (size_t i = 0; i < n; ++i) a.push_back(static_cast<char>('a' + (i * 7) % 26));
    std::string b = a;
    EXPECT_TRUE(SameText(a, b)) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = '\0';
      EXPECT_FALSE(SameText(a, c)) << n << " at " << i;
      EXPECT_FALSE(SameText(c, a)) << n << " at " << i;
    }
    EXPECT_FALSE(SameText(a, a + "x")) << n;
    EXPECT_FALSE(SameText(a + "x", a)) << n;
    // Views into a longer buffer read no byte past their end.
    const std::string longer = a + "tail";
    EXPECT_TRUE(SameText(std::string_view(longer).substr(0, n), a)) << n;
  }
}

// Slots keep the address of each name's bytes: a copy, a moved index and
// an index whose names moved while it grew still find every name, short
// ones (held inside the name) and long ones alike.
TEST(NameIndex, FindsEveryNameAfterCopiesMovesAndGrowth) {
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i) names.push_back(i % 2 ? "k" + std::to_string(i) : std::string(40, 'x') + std::to_string(i));
  auto expect_all = [&](const NameIndex& index, const char* what) {
    for (size_t i = 0; i < names.size(); ++i) ASSERT_EQ(index.Find(names[i]), i) << what << ": " << names[i];
    EXPECT_EQ(index.Find("absent"), NameIndex::kNone) << what;
  };
  auto original = std::make_unique<NameIndex>();
  for (const std::string& n : names) original->Insert(n);
  expect_all(*original, "grown one name at a time");
  NameIndex copy(*original);
  NameIndex assigned;
  assigned.Insert("other");
  assigned = *original;
  NameIndex moved(std::move(*original));
  original.reset();  // the copies must not point into it
  expect_all(copy, "copied");
  expect_all(assigned, "assigned");
  expect_all(moved, "moved");
}

}  // namespace
}  // namespace tairlint::detail
