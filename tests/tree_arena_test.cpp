// TreeArena and TreeScope (tree_arena.h): where a check's document tree
// lives, what is reused and what is given back.

#include "core/sanitizers.h"
#include "document/tree_arena.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "document/document.h"
#include "input/parse.h"
#include "tairlint/tairlint.h"

namespace tairlint::detail {
namespace {

Node ObjectOf(size_t members) {
  Node n;
  n.kind = n.written = Kind::Object;
  for (size_t i = 0; i < members; ++i) {
    n.members.emplace_back();
    n.members.back().key = "k" + std::to_string(i);
  }
  return n;
}

TEST(TreeArena, OutsideAScopeATreeIsAnOrdinaryHeapTree) {
  ASSERT_EQ(TreeArena::Current(), nullptr);
  Node n = ObjectOf(20);
  EXPECT_EQ(n.members.size(), 20u);
  {
    TreeScope scope;
    // A heap tree may be read, and even dropped, inside a scope: its memory
    // goes back to the heap, not to the arena.
    EXPECT_FALSE(TreeArena::Current()->Owns(n.members.data()));
    Node moved = std::move(n);
    EXPECT_EQ(moved.members[19].key, "k19");
  }
  EXPECT_EQ(TreeArena::Current(), nullptr);
}

TEST(TreeArena, InsideAScopeATreeLivesInTheThreadsArena) {
  TreeScope scope;
  TreeArena* arena = TreeArena::Current();
  ASSERT_NE(arena, nullptr);
  Node root = ObjectOf(3);
  root.members[0].value.kind = Kind::Array;
  for (int i = 0; i < 100; ++i) root.members[0].value.items.emplace_back();
  EXPECT_TRUE(arena->Owns(root.members.data()));
  EXPECT_TRUE(arena->Owns(root.members[0].value.items.data()));
  // A scalar's text too, once it is longer than fits in the string itself.
  root.members[1].value.text = "redis.amber.master.small.multithread";
  EXPECT_TRUE(arena->Owns(root.members[1].value.text.data()));
  int local = 0;
  EXPECT_FALSE(arena->Owns(&local));
}

// The parser's strings are the tree's: a check of a request with long
// values takes no memory from the heap for them.
TEST(TreeArena, ParsedTextLivesInTheArena) {
  TreeScope scope;
  Node doc;
  ParseError err;
  const std::string text = R"({"InstanceName": "search-cache-hangzhou-test-000", "Note": "a\u00e9b-escaped-and-long"})";
  ASSERT_TRUE(ParseJson(text, 0, ParseLimits(), &doc, &err)) << err.message;
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_TRUE(TreeArena::Current()->Owns(doc.members[0].value.text.data()));
  EXPECT_EQ(std::string_view(doc.members[1].value.text), "a\xC3\xA9" "b-escaped-and-long");
  EXPECT_TRUE(TreeArena::Current()->Owns(doc.members[1].value.text.data()));
}

TEST(TreeArena, ScopesNestAndOnlyTheOutermostResets) {
  TreeScope outer;
  TreeArena* arena = TreeArena::Current();
  Node kept = ObjectOf(5);
  {
    TreeScope inner;
    EXPECT_EQ(TreeArena::Current(), arena);
    Node inside = ObjectOf(5);
  }
  EXPECT_EQ(TreeArena::Current(), arena);
  EXPECT_TRUE(arena->Owns(kept.members.data()));  // still handed out: the inner scope reset nothing
  Node after = ObjectOf(5);
  EXPECT_NE(after.members.data(), kept.members.data());
  EXPECT_EQ(kept.members[4].key, "k4");
}

TEST(TreeArena, ReusesMemoryHandedBackLastOnly) {
  TreeScope scope;
  TreeArena* arena = TreeArena::Current();
  void* a = arena->Allocate(40);
  void* b = arena->Allocate(40);
  arena->Deallocate(a, 40);  // not the last: waits for the end of the scope
  void* c = arena->Allocate(40);
  EXPECT_NE(c, a);
  arena->Deallocate(c, 40);  // the last: the next allocation gets it again
  EXPECT_EQ(arena->Allocate(40), c);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 8, 0u);
  EXPECT_EQ(static_cast<char*>(b) - static_cast<char*>(a), 40);
  EXPECT_EQ(arena->Allocate(3), static_cast<char*>(c) + 40);  // sizes round up to 8
  EXPECT_EQ(arena->Allocate(1), static_cast<char*>(c) + 48);
}

// What a check leaves behind: blocks up to 1 MB stay for the next one,
// bigger ones go back.
TEST(TreeArena, KeepsAMegabyteBetweenScopesAndGivesBackTheRest) {
  TreeArena* arena = nullptr;
  {
    TreeScope scope;
    arena = TreeArena::Current();
    for (int i = 0; i < 100; ++i) arena->Allocate(3000);  // 300 KB: four blocks of 32 to 256 KB
  }
  const size_t kept = arena->capacity();
  EXPECT_GE(kept, size_t{300000});
  EXPECT_LE(kept, size_t{1} << 20);
  {
    TreeScope scope;
    ASSERT_EQ(TreeArena::Current(), arena);
    for (int i = 0; i < 100; ++i) arena->Allocate(3000);
    EXPECT_EQ(arena->capacity(), kept);  // the same again: nothing new
    for (int i = 0; i < 100; ++i) arena->Allocate(100000);  // 10 MB more
    EXPECT_GT(arena->capacity(), size_t{10000000});
  }
  EXPECT_LE(arena->capacity(), size_t{1} << 20);
}

TEST(TreeArena, AnAllocationBiggerThanAnyBlockGetsOneOfItsOwn) {
  TreeScope scope;
  TreeArena* arena = TreeArena::Current();
  const size_t size = size_t{5} << 20;  // mapped, huge pages asked for
  char* p = static_cast<char*>(arena->Allocate(size));
  std::memset(p, 0xAB, size);
  EXPECT_TRUE(arena->Owns(p));
  EXPECT_TRUE(arena->Owns(p + size - 1));
  char* q = static_cast<char*>(arena->Allocate(16));  // after it, in the same or a new block
  EXPECT_TRUE(arena->Owns(q));
  EXPECT_EQ(p[size - 1], static_cast<char>(0xAB));
}

// A check runs in a scope of its own: a request whose tree outgrows the
// kept blocks (4,000 elements, several MB) gives the same findings every
// time, and no scope stays open after it.
TEST(TreeArena, ChecksOfABigRequestAgreeAndCloseTheirScope) {
  std::string text = R"({"Action":"CreateInstances","Token":"t-1","Instances":[)";
  for (int i = 0; i < 4000; ++i) {
    if (i > 0) text += ',';
    text += R"({"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","quantity":)";
    text += i % 3 == 0 ? "0}" : "1}";
  }
  text += "]}";
  CheckOptions options;
  options.limits.max_instances = 10000;
  options.limits.max_nodes = 1u << 20;
  const Checker checker;
  const Result first = checker.Check(text, options);
  EXPECT_EQ(TreeArena::Current(), nullptr);
  ASSERT_EQ(first.errors(), 1334u);
  const Result small = checker.Check(R"({"Action":"CreateInstances","Instances":[]})", options);
  const Result again = checker.Check(text, options);
  ASSERT_EQ(again.findings.size(), first.findings.size());
  for (size_t i = 0; i < first.findings.size(); ++i) {
    EXPECT_EQ(again.findings[i].pointer, first.findings[i].pointer);
    EXPECT_EQ(again.findings[i].column, first.findings[i].column);
  }
  EXPECT_FALSE(small.findings.empty());
}

#if TAIRLINT_ADDRESS_SANITIZER
// Under ASan, arena memory that is not handed out is poisoned: reading a
// freed array or past the end of one is reported as it would be on the heap.
TEST(TreeArenaDeathTest, AsanSeesUseAfterFreeInsideTheArena) {
  EXPECT_DEATH(
      {
        TreeScope scope;
        TreeArena* arena = TreeArena::Current();
        volatile char* a = static_cast<char*>(arena->Allocate(64));
        arena->Allocate(64);
        arena->Deallocate(const_cast<char*>(a), 64);
        a[0] = 1;
      },
      "use-after-poison");
  EXPECT_DEATH(
      {
        TreeScope scope;
        volatile char* a = static_cast<char*>(TreeArena::Current()->Allocate(64));
        a[64] = 1;
      },
      "use-after-poison");
}
#endif

}  // namespace
}  // namespace tairlint::detail
