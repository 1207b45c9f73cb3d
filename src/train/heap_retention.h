// Keeps the memory a training step frees for the next step.
//
// A step allocates its activations and gradients (megabytes each for a
// batch of images) and frees them all at its end. glibc's malloc hands such
// blocks back to the kernel (heap trimming, and mmap for the largest), so
// the next step faults every page in again, zero-filled by the kernel: on a
// virtual machine that cost more than the arithmetic (perf on the DS-CNN:
// over half the time in page faults and clearing pages). Raising the trim
// and mmap thresholds keeps freed blocks in the heap for reuse. The heap is
// also grown by 128 MiB of address space up front, advised to be backed by
// transparent huge pages (MADV_HUGEPAGE, where the kernel has them): the
// steps' tensors then span few TLB entries.
#pragma once

namespace mote::train {

// Process-wide (mallopt, madvise) and idempotent; call before training.
// Memory freed afterwards stays mapped until the process exits: a training
// run's peak, which it needed anyway (committed in 2 MiB pages inside the
// huge-page range). Thread-safe.
void RetainFreedHeapMemory();

}  // namespace mote::train
