#include "prefault.h"

#include "tricks.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL
#endif

namespace tairlint::cli {

void PrefaultHeap(size_t grow, size_t map) {
  if (NoPrefault()) return;
  // volatile: a malloc whose block is only freed may be optimized away
  // (it was, in a first version: nothing was mapped).
  void* volatile block = malloc(grow);
  if (block == nullptr) return;
  constexpr uintptr_t kPage = 4096;
  const auto at = reinterpret_cast<uintptr_t>(static_cast<void*>(block));
  const uintptr_t lo = (at + kPage - 1) & ~(kPage - 1);
  const uintptr_t hi = (at + std::min(grow, map)) & ~(kPage - 1);
  if (hi > lo) (void)madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_POPULATE_WRITE);
  free(block);
}

}  // namespace tairlint::cli
