#include "micro/dsp/dct.h"

#include <cmath>

#include "micro/dsp/unit_root.h"

namespace mote::dsp {

float DctCoefficient(uint32_t j, uint32_t m, uint32_t num_inputs) {
  const float scale = std::sqrt((j == 0 ? 1.0f : 2.0f) / static_cast<float>(num_inputs));
  // pi * j * (2m + 1) / (2M) is the turn fraction j * (2m + 1) / (4M).
  return scale * TurnCosSin(j * (2 * m + 1), 4 * num_inputs).cos;
}

void MakeDctMatrix(uint32_t num_inputs, uint32_t num_outputs, const float* row_gain, float* matrix) {
  for (uint32_t j = 0; j < num_outputs; ++j) {
    const float gain = row_gain ? row_gain[j] : 1.0f;
    for (uint32_t m = 0; m < num_inputs; ++m) matrix[j * num_inputs + m] = gain * DctCoefficient(j, m, num_inputs);
  }
}

void ApplyDct(const float* matrix, const float* in, uint32_t num_inputs, uint32_t num_outputs, float* out) {
  for (uint32_t j = 0; j < num_outputs; ++j) {
    const float* row = matrix + j * num_inputs;
    float sum = 0.0f;
    for (uint32_t m = 0; m < num_inputs; ++m) sum += row[m] * in[m];
    out[j] = sum;
  }
}

}  // namespace mote::dsp
