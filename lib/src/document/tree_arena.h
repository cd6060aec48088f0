// TreeArena: where the document tree's arrays and texts live during one check.
//
// A check builds a tree of `Node`s (document.h) whose children sit in
// vectors, uses it, and drops all of it at the end. With the general heap
// that is a malloc and a free for every object and array of the request,
// and for a big request (200,000 `Instances` elements, a 160 MB tree) a
// page fault for every 4 KB touched: glibc hands such a tree back to the
// system when it is freed and faults it in again on the next check.
//
// Inside a `TreeScope`, the vectors of every Node created on this thread
// (`NodeList`, `MemberList`) and its text when it is longer than a string
// holds in place (`TreeString`, over 15 bytes) take their memory from this
// thread's arena:
// a pointer bump in blocks that are dropped together when the scope ends.
// Blocks up to 1 MB in all (32 KB holds a usual request's tree; 1 MB, some
// 1,200 elements) stay with the thread from one check to the next, so that
// such checks allocate nothing for their trees. Blocks of 2 MB and more are
// mapped on their own and asked for transparent huge pages (MADV_HUGEPAGE,
// Linux): one fault per 2 MB instead of 512.
//
// Outside a scope (tests, fuzzers, parsers called directly), the same
// vectors use operator new and delete, so a tree built there is an ordinary
// tree. The rules that keep this right: a tree built inside a scope is
// destroyed inside it, and no tree built outside one is moved into it.
// Checker::Check and Checker::CheckJson open the scope before their first
// Node and return only findings. Inside a scope a node's children are not
// destroyed one by one: the arena drops them all at once
// (Node::ReleaseChildren).
//
// Memory handed back inside a scope is reused only when it is the last
// allocation (a vector that grew at the end); the rest waits for the end of
// the scope. Vectors grow geometrically, so this costs at most as much
// again as the tree. In sanitizer builds, arena memory that is not handed
// out is poisoned, so ASan still sees a read past a vector or after a free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace tairlint::detail {

class TreeArena {
 public:
  TreeArena() = default;
  ~TreeArena();
  TreeArena(const TreeArena&) = delete;
  TreeArena& operator=(const TreeArena&) = delete;

  // The arena of this thread's open TreeScope, or nullptr.
  static TreeArena* Current() { return current_; }

  // `bytes` (rounded up to 8), aligned to 8. Throws std::bad_alloc.
  void* Allocate(size_t bytes) {
    bytes = Round(bytes);
    if (static_cast<size_t>(end_ - next_) >= bytes) {
      char* p = next_;
      next_ += bytes;
      Unpoison(p, bytes);
      return p;
    }
    return AllocateSlow(bytes);
  }
  // Memory from Allocate that is no longer used.
  void Deallocate(void* p, size_t bytes) {
    bytes = Round(bytes);
    Poison(p, bytes);
    if (static_cast<char*>(p) + bytes == next_) next_ = static_cast<char*>(p);
  }
  // Whether `p` came from this arena since the scope opened.
  bool Owns(const void* p) const {
    const char* c = static_cast<const char*>(p);
    return (c >= begin_ && c < end_) || OwnsSlow(c);  // the current block first
  }

  // The bytes of all blocks the arena holds now (for tests).
  size_t capacity() const;

 private:
  friend class TreeScope;
  struct Block {
    char* data;
    size_t size;
    bool mapped;  // mmap'd (huge pages asked for), else malloc'd
  };
  static constexpr size_t kFirstBlock = size_t{32} << 10;
  static constexpr size_t kRetain = size_t{1} << 20;  // kept from one check to the next
  static constexpr size_t kHugePage = size_t{2} << 20;
  static constexpr size_t kMapFrom = kHugePage;  // blocks this big are mapped, in whole huge pages
  static constexpr size_t kMaxGrowth = size_t{64} << 20;  // a block at most doubles up to this

  static size_t Round(size_t bytes) { return (bytes + 7) & ~size_t{7}; }
  void* AllocateSlow(size_t bytes);
  bool OwnsSlow(const char* c) const;
  // Drops the blocks beyond kRetain; the next allocation starts at the first.
  void Reset();
  static void Poison(const void* p, size_t bytes);
  static void Unpoison(const void* p, size_t bytes);
  static Block NewBlock(size_t bytes);
  static void FreeBlock(const Block& b);

  char* begin_ = nullptr;  // of the current block
  char* next_ = nullptr;
  char* end_ = nullptr;
  std::vector<Block> blocks_;  // in the order used; after the current one, blocks kept for later
  size_t current_block_ = 0;

  // Constant-initialized and inline: read without a TLS wrapper call.
  static inline thread_local TreeArena* current_ = nullptr;
};

// While alive, Node vectors and texts created on this thread use the thread's arena.
// Scopes nest: an inner scope changes nothing, the outermost one resets the
// arena when it ends. Not copyable; lives on the stack.
class TreeScope {
 public:
  TreeScope();
  ~TreeScope();
  TreeScope(const TreeScope&) = delete;
  TreeScope& operator=(const TreeScope&) = delete;

 private:
  bool outermost_;
};

void* TreeAllocate(size_t bytes);
void TreeDeallocate(void* p, size_t bytes) noexcept;

// The allocator of NodeList and MemberList. Stateless: which memory a vector
// gets is decided by the scope open when it allocates, and which arena (if
// any) a pointer came from when it is freed.
template <class T>
struct TreeAllocator {
  using value_type = T;
  TreeAllocator() noexcept = default;
  template <class U>
  TreeAllocator(const TreeAllocator<U>&) noexcept {}
  T* allocate(size_t n) { return static_cast<T*>(TreeAllocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { TreeDeallocate(p, n * sizeof(T)); }
  friend bool operator==(const TreeAllocator&, const TreeAllocator&) { return true; }
  friend bool operator!=(const TreeAllocator&, const TreeAllocator&) { return false; }
};

inline void* TreeAllocate(size_t bytes) {
  if (TreeArena* a = TreeArena::Current()) return a->Allocate(bytes);
  return ::operator new(bytes);
}

inline void TreeDeallocate(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (TreeArena* a = TreeArena::Current(); a != nullptr && a->Owns(p)) {
    a->Deallocate(p, bytes);
    return;
  }
  ::operator delete(p);
}

// A vector on the same terms: the scratch arrays of a check (the parser's
// stack, the scopes of the rule engine) take arena memory too, so that a
// usual check makes no malloc for them.
template <class T>
using TreeVector = std::vector<T, TreeAllocator<T>>;

}  // namespace tairlint::detail
