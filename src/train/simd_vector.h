// Vectors of GCC's and Clang's generic vector extension for the kernels
// that pick their instruction set at run time (direct_conv.cc,
// winograd_conv.cc): a function built with target("avx2") or
// target("avx512f") lowers a Vector of one register's width to single
// instructions (64 bytes for AVX-512, 32 for AVX2; wider ones go through
// memory). Operations run lane by lane, so a result's bits do not depend
// on the width.
#pragma once

#include <cstring>

namespace mote::train {

template <typename T, int kBytes>
struct Vector {
  typedef T type __attribute__((vector_size(kBytes)));
  static constexpr int kLanes = kBytes / sizeof(T);
};

// Unaligned loads and stores (through references: a vector passed or
// returned by value would have an ABI that depends on the target).
template <typename V, typename T>
[[gnu::always_inline]] inline void Load(const T* p, V& v) {
  std::memcpy(&v, p, sizeof v);
}

template <typename V, typename T>
[[gnu::always_inline]] inline void Store(const V& v, T* p) {
  std::memcpy(p, &v, sizeof v);
}

}  // namespace mote::train
