// The activation memory plan: where each buffer (an activation tensor, or an
// op's scratch) lives in the arena, so that two buffers alive at the same
// time never share bytes, in as few bytes as possible.
//
// A buffer is alive from the op that first writes it (op 0 for graph inputs)
// to the last op that reads it (the last op for graph outputs), inclusive.
// No placement can use fewer bytes than the largest sum of sizes alive at
// one op (the lower bound). The planner:
// - when at most two buffers are ever alive together (a pure chain, as most
//   small CNNs are), places them alternately at the bottom and the top of
//   an arena of exactly the lower bound — optimal;
// - otherwise places buffers one by one at the lowest offset that does not
//   collide with an already-placed buffer alive at the same time, trying
//   several orders (largest first — TensorFlow Lite Micro's "greedy by
//   size" —, longest-lived first, first-born first) and keeping the best,
//   so it is never worse than greedy by size;
// - then, when that is above the lower bound, searches (branch and bound)
//   over the orders of lowest-fit placement, which contain an optimal plan:
//   it stops at a plan of the lower bound, when the whole space is
//   enumerated or cut (the plan is then optimal), or after kSearchBudget
//   steps of work, keeping the best found. Small branched graphs (a
//   residual block or a few) are searched completely.
// Deterministic (a work budget, not a time limit): the host and the device
// get the same plan. Needs no memory beyond the buffers array (the search
// keeps no stack); the greedy passes are O(n^3) for n buffers, the search
// at most about kSearchBudget simple steps, at Prepare only: 9 ms for 400
// random buffers on the host (unoptimised test build), so roughly 0.1 to
// 0.3 s on a 100 MHz Cortex-M4 when a graph spends the whole budget (not
// measured there; chains and graphs that greedy placement already packs to
// the lower bound do not search at all).
#pragma once

#include <cstdint>

namespace mote::nn {

struct PlanBuffer {
  uint32_t size = 0;     // bytes, a multiple of the alignment
  uint16_t first = 0;    // first op it is alive at
  uint16_t last = 0;     // last op it is alive at (>= first)
  uint32_t offset = 0;   // the result
  uint32_t trial = 0;    // the planner's scratch
  uint32_t id = 0;       // the caller's: which tensor or scratch this is
};

struct PlanStats {
  uint32_t lower_bound = 0;     // the largest total alive at one op
  uint32_t greedy_by_size = 0;  // what largest-first placement needs
  uint32_t used = 0;            // what the chosen plan needs
  uint32_t before_search = 0;   // the best greedy (or two-ended) plan, before the search
  bool proven_optimal = false;  // no placement of these buffers needs fewer bytes
};

// Work the placement search may spend (pairs of buffers examined).
inline constexpr uint64_t kSearchBudget = 4000000;

// Places `count` buffers (sizes multiples of `alignment`); writes each
// offset and returns the plan's size in bytes. `stats` may be null.
uint32_t PlanMemory(PlanBuffer* buffers, uint32_t count, uint32_t alignment, PlanStats* stats);

}  // namespace mote::nn
