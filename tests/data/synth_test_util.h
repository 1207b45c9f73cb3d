// Reading back what `mote data synth` writes, independently of the importers:
// accelerometer CSV, 16-bit WAV, and a plain DFT for spectral checks.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace mote::testing {

struct AccelCsv {
  std::string header;
  std::vector<double> timestamp_ms;
  std::vector<std::array<double, 3>> frames;
  // One axis (0 = X) as a series.
  std::vector<double> Axis(int axis) const;
};
// Parses the CSV text; ADD_FAILURE()s on a malformed row.
AccelCsv ParseAccelCsv(const std::string& text);

struct Wav {
  int rate = 0, channels = 0, format = 0;  // format: libsndfile SF_FORMAT_* bits
  std::vector<double> samples;             // full scale 1.0
  std::string comment;                     // the INFO comment (ICMT); empty if none
};
// Reads a WAV file with libsndfile; ADD_FAILURE()s if it cannot.
Wav ReadWav(const std::filesystem::path& path);

std::string ReadAll(const std::filesystem::path& path);

// |DFT|^2 of x (mean removed, Hann window) at `hz`, for a signal sampled at `rate_hz`.
double PowerAt(const std::vector<double>& x, double rate_hz, double hz);
// The strongest frequency in [lo_hz, hi_hz], scanned in steps of `step_hz`,
// with the power summed over the given series.
double DominantHz(const std::vector<std::vector<double>>& series, double rate_hz, double lo_hz, double hi_hz,
                  double step_hz);

// The files below `dir`, recursively, sorted.
std::vector<std::filesystem::path> FilesUnder(const std::filesystem::path& dir);

}  // namespace mote::testing
