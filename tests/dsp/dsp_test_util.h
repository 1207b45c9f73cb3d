// Test signals and error metrics shared by the DSP tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace mote::dsp::testing {

// `length` samples at `sample_rate` Hz: a gliding tone, a fixed tone and
// uniform noise (seeded by `seed`), peak amplitude below 1 so that the
// signal also fits int16 as Q15.
std::vector<double> SpeechLikeSignal(uint32_t length, double sample_rate, uint32_t seed);

// The signal rounded to int16 Q15 (x * 32768), and an int16 signal read back
// as doubles, so that a float path and an int16 path see the same values.
std::vector<int16_t> ToQ15(const std::vector<double>& signal);
std::vector<double> FromQ15(const std::vector<int16_t>& pcm);
std::vector<float> ToFloat(const std::vector<double>& signal);

// `got` holds rows of want[0].size() values, row-major. Returns the largest
// |got - want| within a row divided by that row's largest |want|, maximised
// over rows: the relative error metric of the feature tests. Returns
// infinity if the sizes differ.
double MaxRowRelativeError(const std::vector<float>& got, const std::vector<std::vector<double>>& want);

// The int16 samples of a mono WAV file at `sample_rate` Hz, read with
// libsndfile; adds a GoogleTest failure (and returns what it could read)
// when the file is missing, not mono or at another rate.
std::vector<int16_t> ReadMonoWav(const std::filesystem::path& path, uint32_t sample_rate);

}  // namespace mote::dsp::testing
