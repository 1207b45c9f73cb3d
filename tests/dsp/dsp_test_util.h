// Test signals and error metrics shared by the DSP tests.
#pragma once

#include <cstdint>
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

}  // namespace mote::dsp::testing
