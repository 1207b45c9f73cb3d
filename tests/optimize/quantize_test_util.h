// The trained test networks (tests/train/export_test_util.h) quantized to
// int8 by optimize::QuantizeInt8, and float rows quantized as their int8
// input: for the optimize tests and the third-party runtime checks
// (tests/model).
#pragma once

#include <cstdint>
#include <vector>

#include "model/graph.h"
#include "train/export_test_util.h"

namespace mote::testing {

// The first `count` rows of `examples` as calibration inputs.
std::vector<std::vector<float>> CalibrationRows(const train::Examples& examples, int64_t count);

// `t.network` exported (with `options`) and quantized on the first 100
// rows of `calibration` (fails the test on an error).
model::Model QuantizedNetwork(const TrainedNetwork& t, const train::Examples& calibration,
                              const train::ExportOptions& options = {});

// `features` (whole rows of graph input 0) quantized with that input's
// scale and zero point: the bytes an int8 model takes.
std::vector<uint8_t> QuantizedInput(const model::Model& m, const std::vector<float>& features);

// int8 `bytes` of graph output 0 of `m` as real values.
std::vector<float> DequantizedOutput(const model::Model& m, const std::vector<uint8_t>& bytes);

}  // namespace mote::testing
