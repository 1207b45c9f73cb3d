// NumPy's array files: .npy (one array) and .npz (a zip archive of .npy
// members, as numpy.savez and savez_compressed write them; SciPy ships its
// electrocardiogram this way as scipy/misc/ecg.dat).
//
// .npy: "\x93NUMPY", major and minor version, the header length (uint16
// little-endian in version 1, uint32 in 2 and 3), an ASCII Python dict
// literal {'descr': '<u2', 'fortran_order': False, 'shape': (108000,), }
// padded with spaces and a newline, then the values in C order.
// Supported: little-endian (or one-byte) bool, signed and unsigned integers
// of 1, 2, 4 and 8 bytes, float32 and float64; rank 0 to 2; C order.
//
// .npz: zip local file headers one after another (stored or deflated, zip64
// sizes in the extra field; not sizes after the data, which only archives
// written to a pipe have), each member's CRC-32 checked; the central
// directory is not needed.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace mote {

struct NumpyArray {
  std::string name;             // the .npz member without ".npy"; "" for a .npy file
  std::string descr;            // NumPy's dtype string, e.g. "<u2"
  std::vector<uint64_t> shape;  // empty for a scalar
  std::vector<double> values;   // every element, in C order, converted exactly
                                // (64-bit integers beyond 2^53 round)
};

// Parses a .npy file's bytes. InvalidArgument "<what>: byte N: <why>" when
// the bytes are not a supported .npy array.
Result<NumpyArray> ParseNpy(std::span<const uint8_t> bytes, const std::string& what);

// True if `bytes` starts like a zip archive ("PK\3\4").
bool LooksLikeZip(std::span<const uint8_t> bytes);

// Every .npy member of a .npz archive, in archive order; other members are
// skipped. InvalidArgument "<what>: byte N: <why>" (or "<what>#member: ...")
// on a damaged archive, a CRC mismatch or an unsupported member.
Result<std::vector<NumpyArray>> ParseNpz(std::span<const uint8_t> bytes, const std::string& what);

}  // namespace mote
