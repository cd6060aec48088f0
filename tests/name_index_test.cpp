// NameIndex (name_index.h): numbering, lookups, growth.

#include "name_index.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tairlint::detail
