#include "document/tree_arena.h"

#include <algorithm>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "core/sanitizers.h"
#if TAIRLINT_ADDRESS_SANITIZER
#include <sanitizer/asan_interface.h>
#endif

namespace tairlint::detail {

TreeArena::~TreeArena() {
  for (const Block& b : blocks_) FreeBlock(b);
}

void TreeArena::Poison(const void* p, size_t bytes) {
#if TAIRLINT_ADDRESS_SANITIZER
  ASAN_POISON_MEMORY_REGION(p, bytes);
#else
  (void)p;
  (void)bytes;
#endif
}

void TreeArena::Unpoison(const void* p, size_t bytes) {
#if TAIRLINT_ADDRESS_SANITIZER
  ASAN_UNPOISON_MEMORY_REGION(p, bytes);
#else
  (void)p;
  (void)bytes;
#endif
}

TreeArena::Block TreeArena::NewBlock(size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kMapFrom) {
    // Whole huge pages, on a huge-page boundary: map one page more than
    // needed and trim both ends.
    const size_t size = (bytes + kHugePage - 1) & ~(kHugePage - 1);
    void* raw = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    char* start = static_cast<char*>(raw);
    char* aligned = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(start) + kHugePage - 1) & ~(kHugePage - 1));
    const size_t head = static_cast<size_t>(aligned - start);  // the tail is the rest of the extra page
    if (head > 0) munmap(start, head);
    if (head < kHugePage) munmap(aligned + size, kHugePage - head);
    madvise(aligned, size, MADV_HUGEPAGE);  // advice only: without it, small pages
    return {aligned, size, true};
  }
#endif
  void* p = std::malloc(bytes);
  if (p == nullptr) throw std::bad_alloc();
  return {static_cast<char*>(p), bytes, false};
}

void TreeArena::FreeBlock(const Block& b) {
  Unpoison(b.data, b.size);  // memory handed back to the system or malloc is not the arena's to guard
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (b.mapped) {
    munmap(b.data, b.size);
    return;
  }
#endif
  std::free(b.data);
}

void* TreeArena::AllocateSlow(size_t bytes) {
  // A block kept from an earlier check, when one is big enough; else a new
  // one, twice the size of the current one.
  size_t next = current_block_ + 1;
  if (blocks_.empty()) next = 0;
  size_t found = next;
  while (found < blocks_.size() && blocks_[found].size < bytes) ++found;
  if (found < blocks_.size()) {
    std::swap(blocks_[next], blocks_[found]);
  } else {
    size_t size = kFirstBlock;
    if (!blocks_.empty()) {
      const size_t last = blocks_[current_block_].size;
      size = std::min(2 * last, std::max(kMaxGrowth, last));
    }
    size = std::max(size, bytes);
    blocks_.reserve(blocks_.size() + 1);  // so that the insert cannot throw once the block exists
    blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(next), NewBlock(size));
    Poison(blocks_[next].data, blocks_[next].size);
  }
  current_block_ = next;
  begin_ = next_ = blocks_[next].data;
  end_ = next_ + blocks_[next].size;
  char* p = next_;
  next_ += bytes;
  Unpoison(p, bytes);
  return p;
}

bool TreeArena::OwnsSlow(const char* c) const {
  for (size_t i = std::min(current_block_, blocks_.size()); i-- > 0;) {  // the blocks before the current one
    if (c >= blocks_[i].data && c < blocks_[i].data + blocks_[i].size) return true;
  }
  return false;
}

size_t TreeArena::capacity() const {
  size_t n = 0;
  for (const Block& b : blocks_) n += b.size;
  return n;
}

void TreeArena::Reset() {
  // Keep the first blocks while they add up to at most kRetain (a request
  // of a few hundred elements then allocates nothing for its tree on the
  // next check); the rest goes back.
  size_t kept = 0, bytes = 0;
  for (const Block& b : blocks_) {
    if (b.mapped || bytes + b.size > kRetain) break;
    bytes += b.size;
    ++kept;
  }
  for (size_t i = kept; i < blocks_.size(); ++i) FreeBlock(blocks_[i]);
  blocks_.resize(kept);
  current_block_ = 0;
  begin_ = next_ = end_ = nullptr;
  if (kept == 0) return;
  for (const Block& b : blocks_) Poison(b.data, b.size);
  begin_ = next_ = blocks_[0].data;
  end_ = next_ + blocks_[0].size;
}

TreeScope::TreeScope() : outermost_(TreeArena::current_ == nullptr) {
  if (!outermost_) return;
  static thread_local TreeArena arena;
  TreeArena::current_ = &arena;
}

TreeScope::~TreeScope() {
  if (!outermost_) return;
  TreeArena::current_->Reset();
  TreeArena::current_ = nullptr;
}

}  // namespace tairlint::detail
