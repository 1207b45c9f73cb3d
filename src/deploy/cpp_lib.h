// `mote export --format cpp-lib`: a model as a C++ library folder for
// firmware — NAME.h (a small C API), NAME.cc, CMakeLists.txt and README.md.
//
// Two runtimes behind the same API (docs/formats.md, "cpp-lib"):
// - kAot (ahead of time): NAME.cc calls micro/nn's kernel functions directly
//   with parameters, per-channel multipliers and shifts computed at export
//   and kept as const data (flash), and tensors at offsets of a memory plan
//   computed at export; no flatbuffer, no op table, no planner on the
//   device. The RAM it needs is the planned activations only.
// - kInterpreter: NAME.cc holds the .tflite as a 16-byte aligned const
//   array and runs it with micro/nn's interpreter (mote_nn.h); the model can
//   then be replaced without regenerating code.
// Both are computed by preparing the model with micro/nn's interpreter on
// the host (deploy/prepared_model.h), so their figures are the runtime's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "features/feature_normalization.h"

namespace mote::deploy {

enum class CppLibRuntime { kAot, kInterpreter };

// "aot" / "interpreter".
const char* CppLibRuntimeName(CppLibRuntime runtime);

// What the device does with a DSP block's output before the model: the
// project's feature normalization (normalization_source.h).
struct FeatureFrontEnd {
  FeatureNormalization normalization;
  bool q15 = false;  // the block computes int16 features worth dsp::kFeatureStep each
};

struct CppLibOptions {
  CppLibRuntime runtime = CppLibRuntime::kAot;
  std::string name;    // C identifier: file names and the API's prefix (NAME_init, ...)
  std::string origin;  // one line for the files' header comment (source file, hash, mote version)
  // When set: NAME_normalization.h/.cc too, if the block and the model's
  // input match (CppLib::normalization says what happened).
  const FeatureFrontEnd* front_end = nullptr;
};

struct GeneratedFile {
  std::string name;  // relative to the library folder
  std::string text;
};

struct CppLib {
  std::vector<GeneratedFile> files;
  uint64_t arena_bytes = 0;  // the RAM NAME_init needs (NAME_ARENA_BYTES)
  uint64_t constant_bytes = 0;  // model data in flash: weights and parameters (aot) or the .tflite (interpreter)
  // "" without a front end; else "q15 -> int8 tables", "float arrays" or why none were emitted.
  std::string normalization;
};

// Generates the library for `tflite` (a whole .tflite file). Fails
// (kUnsupported, one line naming the op) when micro/nn cannot run the model
// or, for kAot, when an op has no ahead-of-time form. Thread-safe.
Result<CppLib> GenerateCppLib(std::string_view tflite, const CppLibOptions& options);

// `name` in capitals: the prefix of the generated macros (NAME_ARENA_BYTES).
std::string UpperName(const std::string& name);

// Where the generated CMakeLists.txt looks for micro/nn by default: the
// source tree this mote was built from.
std::string MoteSourceDir();

}  // namespace mote::deploy
