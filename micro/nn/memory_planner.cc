#include "micro/nn/memory_planner.h"

#include <initializer_list>

namespace mote::nn {

namespace {

constexpr uint32_t kUnplaced = 0xFFFFFFFFu;

inline bool AliveTogether(const PlanBuffer& a, const PlanBuffer& b) { return a.first <= b.last && b.first <= a.last; }

uint16_t LastOp(const PlanBuffer* buffers, uint32_t count) {
  uint16_t last = 0;
  for (uint32_t i = 0; i < count; ++i) last = buffers[i].last > last ? buffers[i].last : last;
  return last;
}

// The lower bound, and the most buffers alive at one op.
void Liveness(const PlanBuffer* buffers, uint32_t count, uint32_t* lower_bound, uint32_t* max_alive) {
  *lower_bound = 0;
  *max_alive = 0;
  const uint16_t last = LastOp(buffers, count);
  for (uint32_t t = 0; t <= last; ++t) {
    uint32_t bytes = 0, alive = 0;
    for (uint32_t i = 0; i < count; ++i) {
      if (buffers[i].first <= t && t <= buffers[i].last) {
        bytes += buffers[i].size;
        ++alive;
      }
    }
    *lower_bound = bytes > *lower_bound ? bytes : *lower_bound;
    *max_alive = alive > *max_alive ? alive : *max_alive;
  }
}

enum class Order { kLargestFirst, kLongestLivedFirst, kFirstBornFirst };

// True when a should be placed before b.
bool Before(Order order, const PlanBuffer& a, const PlanBuffer& b) {
  const uint32_t life_a = a.last - a.first, life_b = b.last - b.first;
  switch (order) {
    case Order::kLargestFirst:
      if (a.size != b.size) return a.size > b.size;
      break;
    case Order::kLongestLivedFirst:
      if (life_a != life_b) return life_a > life_b;
      if (a.size != b.size) return a.size > b.size;
      break;
    case Order::kFirstBornFirst:
      if (a.first != b.first) return a.first < b.first;
      if (a.size != b.size) return a.size > b.size;
      break;
  }
  return a.first < b.first;
}

// Greedy placement in `order` into `trial`; returns the bytes used.
uint32_t PlaceGreedy(PlanBuffer* buffers, uint32_t count, uint32_t alignment, Order order) {
  for (uint32_t i = 0; i < count; ++i) buffers[i].trial = kUnplaced;
  uint32_t used = 0;
  for (uint32_t placed = 0; placed < count; ++placed) {
    uint32_t next = kUnplaced;
    for (uint32_t i = 0; i < count; ++i) {
      if (buffers[i].trial == kUnplaced && (next == kUnplaced || Before(order, buffers[i], buffers[next]))) next = i;
    }
    PlanBuffer& b = buffers[next];
    // Candidates: 0 and the end of every placed buffer alive with b; take
    // the lowest that collides with none of them.
    uint32_t best = kUnplaced;
    for (uint32_t c = 0; c <= count; ++c) {
      uint32_t candidate = 0;
      if (c < count) {
        const PlanBuffer& o = buffers[c];
        if (o.trial == kUnplaced || !AliveTogether(o, b)) continue;
        candidate = (o.trial + o.size + alignment - 1) / alignment * alignment;
      }
      if (candidate >= best) continue;
      bool fits = true;
      for (uint32_t k = 0; k < count && fits; ++k) {
        const PlanBuffer& o = buffers[k];
        if (o.trial == kUnplaced || !AliveTogether(o, b)) continue;
        fits = candidate + b.size <= o.trial || o.trial + o.size <= candidate;
      }
      if (fits) best = candidate;
    }
    b.trial = best;
    used = best + b.size > used ? best + b.size : used;
  }
  return used;
}

// At most two buffers alive at once: buffers that overlap in time get
// opposite ends of an arena of `lower_bound` bytes. Taken in order of
// birth, a buffer overlaps at most one earlier-born one (both would be alive
// at its birth), so alternating ends never puts two overlapping buffers on
// the same end, and any two alive together fit since their sizes sum to at
// most the bound.
void PlaceTwoEnded(PlanBuffer* buffers, uint32_t count, uint32_t lower_bound) {
  for (uint32_t i = 0; i < count; ++i) buffers[i].trial = kUnplaced;
  constexpr uint32_t kBottom = 0;  // and 1: the top
  for (uint32_t placed = 0; placed < count; ++placed) {
    uint32_t next = kUnplaced;
    for (uint32_t i = 0; i < count; ++i) {
      if (buffers[i].trial == kUnplaced && (next == kUnplaced || buffers[i].first < buffers[next].first)) next = i;
    }
    uint32_t end = kBottom;
    for (uint32_t i = 0; i < count; ++i) {
      if (buffers[i].trial != kUnplaced && AliveTogether(buffers[i], buffers[next])) end = 1 - buffers[i].trial;
    }
    buffers[next].trial = end;
  }
  for (uint32_t i = 0; i < count; ++i) {
    buffers[i].trial = buffers[i].trial == kBottom ? 0 : lower_bound - buffers[i].size;
  }
}

void Keep(PlanBuffer* buffers, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) buffers[i].offset = buffers[i].trial;
}

}  // namespace

uint32_t PlanMemory(PlanBuffer* buffers, uint32_t count, uint32_t alignment, PlanStats* stats) {
  PlanStats s;
  uint32_t max_alive = 0;
  Liveness(buffers, count, &s.lower_bound, &max_alive);
  s.greedy_by_size = PlaceGreedy(buffers, count, alignment, Order::kLargestFirst);
  s.used = s.greedy_by_size;
  Keep(buffers, count);
  if (s.used > s.lower_bound && max_alive <= 2) {
    PlaceTwoEnded(buffers, count, s.lower_bound);
    s.used = s.lower_bound;
    Keep(buffers, count);
  }
  for (Order order : {Order::kLongestLivedFirst, Order::kFirstBornFirst}) {
    if (s.used == s.lower_bound) break;
    const uint32_t used = PlaceGreedy(buffers, count, alignment, order);
    if (used < s.used) {
      s.used = used;
      Keep(buffers, count);
    }
  }
  if (stats) *stats = s;
  return s.used;
}

}  // namespace mote::nn
