// The orthonormal DCT-II (the "type 2, norm=ortho" of SciPy and librosa):
//   out[j] = s_j * sum_{m<M} in[m] * cos(pi * j * (2m + 1) / (2M)),
//   s_0 = sqrt(1/M), s_j = sqrt(2/M) for j > 0,
// of which only the first num_outputs coefficients are computed, as MFCC
// needs. It runs as a product with a precomputed num_outputs x M matrix,
// which for MFCC sizes (13 x 40) is faster than a fast DCT and small.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp {

// Floats of the matrix for `num_inputs` inputs and `num_outputs` outputs.
constexpr size_t DctMatrixSize(uint32_t num_inputs, uint32_t num_outputs) {
  return size_t{num_inputs} * num_outputs;
}

// Coefficient (j, m) of the orthonormal DCT-II of num_inputs inputs:
// s_j * cos(pi * j * (2m + 1) / (2 * num_inputs)).
float DctCoefficient(uint32_t j, uint32_t m, uint32_t num_inputs);

// Fills `matrix` (DctMatrixSize floats, row j = output j) with the DCT-II
// coefficients above, row j multiplied by row_gain[j] when row_gain is not
// null (MFCC folds its lifter in this way). Requires num_inputs >= 1.
void MakeDctMatrix(uint32_t num_inputs, uint32_t num_outputs, const float* row_gain, float* matrix);

// out = matrix * in: out[j] = sum_m matrix[j * num_inputs + m] * in[m] for
// j < num_outputs. `out` must not overlap `in`.
void ApplyDct(const float* matrix, const float* in, uint32_t num_inputs, uint32_t num_outputs, float* out);

}  // namespace mote::dsp
