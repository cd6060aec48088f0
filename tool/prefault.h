// Mapping heap pages in bulk before they are used.
//
// A page the process touches for the first time costs a page fault: about
// 10 us each on the 2-core VMs the benchmarks run on (256 fresh pages took
// 2.6 to 3.1 ms to touch), against well under 1 us a page when the kernel
// maps them in one call (madvise MADV_POPULATE_WRITE, Linux 5.14). A
// one-file run faulted in about 75 heap pages to load an action's schemas,
// a 10,000-file run about 500 more for its file list and its idempotency
// ledger. The CLI keeps freed memory in its heap (main.cpp's mallopt), so
// pages mapped here serve the allocations that follow.
#pragma once

#include <cstddef>

namespace tairlint::cli {

// Takes `grow` bytes from the calling thread's heap and gives them back,
// with the first `map` of them (at most `grow`) mapped. Where the kernel
// cannot, or the block comes from a mapping of its own, nothing is mapped
// and the pages fault in as they would have.
void PrefaultHeap(size_t grow, size_t map);

}  // namespace tairlint::cli
