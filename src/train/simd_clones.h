// MOTE_SIMD_CLONES: marks a kernel loop to be compiled twice on x86-64,
// for the baseline (SSE2, 4 floats a vector) and for AVX2 (8), the loader
// picking the AVX2 one on a CPU that has it (GCC's and Clang's
// target_clones, an ifunc). The build targets the baseline so that the
// binary runs on any x86-64; the ops' elementwise passes are bound by
// instruction count there, and twice the width halves it.
//
// Results are the same bits on both: the AVX2 clone does not enable FMA
// (a multiply and an add stay two roundings), and without -ffast-math the
// compiler vectorises across independent elements only (channels), never
// reorders a sum. Put it on functions that run long loops (a shard of a
// tensor), not per-pixel helpers: each call goes through the ifunc.
// Elsewhere (other CPUs and compilers) and under AddressSanitizer (whose
// start-up an ifunc resolver may run before) it expands to nothing.
#pragma once

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MOTE_SIMD_CLONES_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MOTE_SIMD_CLONES_ASAN 1
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(MOTE_SIMD_CLONES_ASAN)
#define MOTE_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define MOTE_SIMD_CLONES
#endif
