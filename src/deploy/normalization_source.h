// The feature normalization of a project, as C++ for a cpp-lib (cpp_lib.h):
// NAME_normalization.h / .cc with one function that turns a DSP block's
// output into the model's input on the device, with the same tables and
// the same micro/dsp function the host uses (micro/dsp/normalize.h):
// - a fixed-point (q15) block feeding an int8 model: the normalization and
//   the input's quantization folded into integer tables
//   (FeatureNormalization::FoldForInt8Input), applied by
//   dsp::NormalizeQ15ToInt8 — int16 features to int8 input without float;
// - a float block feeding a float model: the (offset, scale) arrays,
//   applied by dsp::ApplyNormalization.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "deploy/cpp_lib.h"
#include "micro/nn/interpreter.h"

namespace mote::deploy {

// The two files for model input `input` (a prepared interpreter's input 0).
// Fails (kUnsupported, saying why) when the pair does not match: a q15
// block needs an int8 input, a float block a float32 one, and the input's
// elements must be whole frames of the normalization's features; or when
// the tables cannot be folded.
Result<std::vector<GeneratedFile>> GenerateNormalizationSource(const FeatureFrontEnd& front_end,
                                                               const nn::Tensor& input, const std::string& name,
                                                               const std::string& origin);

}  // namespace mote::deploy
