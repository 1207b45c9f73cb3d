#include "train/heap_retention.h"

#include <malloc.h>

namespace mote::train {

void RetainFreedHeapMemory() {
  static const bool once = [] {
    // Blocks up to glibc's largest mmap threshold (32 MiB on 64-bit) come
    // from the heap; a heap is never trimmed below 1 GiB of free top.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return true;
  }();
  (void)once;
}

}  // namespace mote::train
