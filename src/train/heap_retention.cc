#include "train/heap_retention.h"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

namespace mote::train {
namespace {

// Address space the heap grows by up front, in blocks under the mmap
// threshold (so they come from the heap), asked to be backed by
// transparent huge pages. Nothing is touched: memory is committed page by
// page (2 MiB at a time there) as the steps first use it. A step's
// activations, gradients and columns (tens of MiB for a batch of images)
// then sit on a few huge pages instead of thousands of 4 KiB ones: fewer
// TLB misses in every pass over them, and the first step faults 2 MiB at a
// time.
constexpr size_t kHugeBlock = 16 << 20;
constexpr size_t kHugeBlocks = 8;
constexpr uintptr_t kHugePage = 2 << 20;

// Grows the heap by kHugeBlocks * kHugeBlock, advises MADV_HUGEPAGE on the
// whole 2 MiB pages inside, and frees the blocks: they merge into the
// heap's top, which the trim threshold keeps, so the steps' allocations are
// carved from that range. Best effort: where the kernel has no
// transparent huge pages or the blocks are not contiguous, madvise fails
// (or covers part) and the heap works as before.
void ReserveHugePageHeap() {
  std::array<void*, kHugeBlocks> blocks{};
  for (void*& b : blocks) b = std::malloc(kHugeBlock);
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  for (void* b : blocks) {
    if (b == nullptr) continue;
    lo = std::min(lo, reinterpret_cast<uintptr_t>(b));
    hi = std::max(hi, reinterpret_cast<uintptr_t>(b) + kHugeBlock);
  }
  lo = (lo + kHugePage - 1) & ~(kHugePage - 1);
  hi &= ~(kHugePage - 1);
#ifdef MADV_HUGEPAGE
  if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
#endif
  for (void* b : blocks) std::free(b);
}

}  // namespace

void RetainFreedHeapMemory() {
  static const bool once = [] {
    // Blocks up to glibc's largest mmap threshold (32 MiB on 64-bit) come
    // from the heap; a heap is never trimmed below 1 GiB of free top.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    ReserveHugePageHeap();
    return true;
  }();
  (void)once;
}

}  // namespace mote::train
