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

// The lowest offset at which buffer `j` collides with no placed buffer
// (trial != kUnplaced) alive at the same time: 0 or the aligned end of one
// of those. Adds the pairs it examined to *work when non-null.
uint32_t LowestFit(const PlanBuffer* buffers, uint32_t count, uint32_t j, uint32_t alignment, uint64_t* work) {
  const PlanBuffer& b = buffers[j];
  uint32_t best = kUnplaced;
  uint64_t steps = 0;
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
    steps += count;
    if (fits) best = candidate;
  }
  if (work) *work += steps;
  return best;
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
    b.trial = LowestFit(buffers, count, next, alignment, nullptr);
    used = b.trial + b.size > used ? b.trial + b.size : used;
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

// Branch and bound over placement orders, each buffer at its lowest fit.
//
// Completeness: from any plan, placing the buffers in order of offset, each
// at its lowest fit, moves none of them up (the buffers below one that it
// collides with were placed no higher than before), so repeating this
// reaches a plan that the same procedure reproduces: there is an optimal
// plan in which the buffers, taken by increasing (offset, index), each sit
// at their lowest fit among those before them. The search enumerates exactly
// such sequences: a child's key (lowest fit, index) must exceed its
// parent's, so offsets never decrease along a path, and equal offsets (which
// can only hold buffers never alive together) are taken by index once.
//
// The path needs no stack: the last buffer placed is the placed one with the
// largest key, and its next sibling is the unplaced buffer with the smallest
// key above it once it is removed. Bound: every buffer still to place goes
// at or above the new offset, so at each op the bytes alive there that lie
// above it (unplaced buffers whole, placed ones' parts) stack on top of it.
class Search {
 public:
  Search(PlanBuffer* buffers, uint32_t count, uint32_t alignment, uint32_t lower_bound, uint32_t best)
      : b_(buffers), n_(count), alignment_(alignment), lower_bound_(lower_bound), best_(best) {}

  // Runs until the best plan is proven or the budget is spent; improvements
  // go to `offset`. Returns the best size found.
  uint32_t Run(uint64_t budget, bool* proven) {
    for (uint32_t i = 0; i < n_; ++i) b_[i].trial = kUnplaced;
    uint32_t placed = 0;
    uint64_t after = 0;  // children must have a larger key
    *proven = false;
    while (best_ > lower_bound_ && work_ < budget) {
      const uint32_t child = NextChild(after);
      if (child != kUnplaced) {
        b_[child].trial = fit_;
        after = Key(child);
        if (++placed < n_) continue;
        best_ = Used();  // the bound let it through: it is smaller than best_
        for (uint32_t i = 0; i < n_; ++i) b_[i].offset = b_[i].trial;
        b_[child].trial = kUnplaced;
        --placed;
        continue;
      }
      if (placed == 0) {  // every sequence was enumerated or cut by the bound
        *proven = true;
        break;
      }
      uint32_t last = kUnplaced;
      for (uint32_t i = 0; i < n_; ++i) {
        if (b_[i].trial != kUnplaced && (last == kUnplaced || Key(i) > Key(last))) last = i;
      }
      after = Key(last);
      b_[last].trial = kUnplaced;
      --placed;
    }
    *proven = *proven || best_ == lower_bound_;
    return best_;
  }

 private:
  uint64_t Key(uint32_t i) const { return Key(b_[i].trial, i); }
  uint64_t Key(uint32_t offset, uint32_t i) const { return static_cast<uint64_t>(offset) * (n_ + 1) + i + 1; }

  uint32_t Used() const {
    uint32_t used = 0;
    for (uint32_t i = 0; i < n_; ++i) {
      if (b_[i].trial != kUnplaced && b_[i].trial + b_[i].size > used) used = b_[i].trial + b_[i].size;
    }
    return used;
  }

  // The unplaced buffer with the smallest key above `after` whose bound is
  // below the best plan (its offset in fit_), or kUnplaced.
  uint32_t NextChild(uint64_t after) {
    const uint32_t used = Used();
    for (;;) {
      uint32_t next = kUnplaced;
      uint64_t next_key = 0;
      for (uint32_t i = 0; i < n_; ++i) {
        if (b_[i].trial != kUnplaced) continue;
        const uint32_t fit = LowestFit(b_, n_, i, alignment_, &work_);
        const uint64_t key = Key(fit, i);
        if (key > after && (next == kUnplaced || key < next_key)) {
          next = i;
          next_key = key;
          fit_ = fit;
        }
      }
      if (next == kUnplaced) return kUnplaced;
      if (Bound(next, fit_, used) < best_) return next;
      after = next_key;
    }
  }

  // The least any completion can use with buffer j placed at `at`.
  uint32_t Bound(uint32_t j, uint32_t at, uint32_t used) {
    uint64_t bound = at + b_[j].size > used ? at + b_[j].size : used;
    for (uint32_t s = 0; s < n_; ++s) {  // at each buffer's first op
      const uint16_t t = b_[s].first;
      uint64_t above = 0;
      for (uint32_t i = 0; i < n_; ++i) {
        const PlanBuffer& o = b_[i];
        if (o.first > t || t > o.last) continue;
        if (o.trial == kUnplaced) {
          above += o.size;
        } else if (o.trial + o.size > at) {
          above += o.trial + o.size - (o.trial > at ? o.trial : at);
        }
      }
      bound = at + above > bound ? at + above : bound;
    }
    work_ += static_cast<uint64_t>(n_) * n_;
    return bound > kUnplaced ? kUnplaced : static_cast<uint32_t>(bound);
  }

  PlanBuffer* b_;
  uint32_t n_, alignment_, lower_bound_, best_;
  uint32_t fit_ = 0;
  uint64_t work_ = 0;
};

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
  s.before_search = s.used;
  s.proven_optimal = s.used == s.lower_bound;
  if (!s.proven_optimal) {
    Search search(buffers, count, alignment, s.lower_bound, s.used);
    s.used = search.Run(kSearchBudget, &s.proven_optimal);
  }
  if (stats) *stats = s;
  return s.used;
}

}  // namespace mote::nn
