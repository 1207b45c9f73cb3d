// NumPy arrays for tests: .npy bytes built here, and where SciPy's
// electrocardiogram is installed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mote::testing {

// A version 1.0 .npy file: the header dict with `descr` and `shape` (a
// Python tuple, "(3,)"), padded to 64 bytes as NumPy does, then `payload`.
std::vector<uint8_t> NpyBytes(const std::string& descr, const std::string& shape, const std::vector<uint8_t>& payload,
                              bool fortran = false);

// python3-scipy's scipy/misc/ecg.dat (MIT-BIH record 208, 360 Hz, uint16
// ADC counts), or empty when it is not installed.
std::filesystem::path ScipyEcgPath();

}  // namespace mote::testing
