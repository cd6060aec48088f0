// PrefaultHeap (tool/prefault.h): the allocations that follow it find their
// pages already mapped, so touching them costs no page fault.
#include <gtest/gtest.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <cstdlib>

#include "../tool/prefault.h"
#include "core/sanitizers.h"

namespace {

long MinorFaults() {
  rusage r{};
  getrusage(RUSAGE_THREAD, &r);
  return r.ru_minflt;
}

// Writes one byte in each page of `size` bytes from `at`; the page faults
// that took.
long TouchPages(char* at, size_t size) {
  const long before = MinorFaults();
  for (size_t i = 0; i < size; i += 4096) static_cast<volatile char*>(at)[i] = 1;
  return MinorFaults() - before;
}

constexpr bool kSanitizer = TAIRLINT_ADDRESS_SANITIZER || TAIRLINT_THREAD_SANITIZER;

TEST(PrefaultHeap, TheAllocationsThatFollowFindTheirPagesMapped) {
  if (kSanitizer) GTEST_SKIP() << "a sanitizer's allocator does not hand a freed block out again at once";
  void* probe = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(probe, MAP_FAILED);
  const bool can = madvise(probe, 4096, 23 /* MADV_POPULATE_WRITE */) == 0;
  munmap(probe, 4096);
  if (!can) GTEST_SKIP() << "the kernel cannot map pages in bulk (Linux 5.14 and later can)";
  // As the CLI does (main.cpp): large blocks from the heap, kept there when freed.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  constexpr size_t kSize = size_t{2} << 20;
  // Freed blocks of the tests before this one keep their pages mapped: hand
  // them back, so that the block below is fresh wherever it lands.
  malloc_trim(0);

  // Without it, fresh heap pages fault in as they are touched. (The block
  // stays allocated, so that what follows cannot reuse its pages.)
  char* fresh = static_cast<char*>(malloc(kSize));
  ASSERT_NE(fresh, nullptr);
  const long unmapped = TouchPages(fresh, kSize);
  if (unmapped < 16) {
    free(fresh);
    GTEST_SKIP() << "this heap faults in large pages (" << unmapped << " faults for 2 MB): nothing to save";
  }

  tairlint::cli::PrefaultHeap(kSize, kSize);
  char* next = static_cast<char*>(malloc(kSize - (64 << 10)));
  ASSERT_NE(next, nullptr);
  const long mapped = TouchPages(next, kSize - (64 << 10));
  EXPECT_LT(mapped, 8) << "without PrefaultHeap the same touch took " << unmapped << " faults";
  free(next);
  free(fresh);
}

}  // namespace
