// A .tflite model run on the host by mote's device interpreter (micro/nn),
// so that evaluation measures the very file that is deployed, with the
// kernels the device runs. Values go in and come out as float: a model whose
// first input (output) is int8 gets its input quantized (its output
// dequantized) with that tensor's scale and zero point, as the firmware
// around an int8 model does. The blob and the arena (sized as the
// interpreter asks) are 16-byte aligned heap buffers owned here.
//
// Not thread-safe: one inference at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "micro/nn/interpreter.h"

namespace mote::train {

class HostInterpreter {
 public:
  // Reads and prepares `bytes` (a .tflite file; `name` prefixes errors).
  // InvalidArgument "<name>: <interpreter message>" when micro/nn rejects
  // it (an unsupported op names the op and its index), or when its first
  // input or output is neither float32 nor int8 with a scale.
  static Result<std::unique_ptr<HostInterpreter>> Open(const std::string& bytes, const std::string& name);

  size_t input_size() const;   // values of input 0
  size_t output_size() const;  // values of output 0

  // Runs the model on `input` (input_size() real values; rounded half away
  // from zero and saturated for an int8 input); the output (real values)
  // stays valid until the next Run. InvalidArgument for a wrong size or a
  // failed op.
  Result<std::span<const float>> Run(std::span<const float> input);

 private:
  struct FreeAligned {
    void operator()(uint8_t* p) const;
  };
  using AlignedBuffer = std::unique_ptr<uint8_t, FreeAligned>;
  static AlignedBuffer Allocate(size_t bytes);

  HostInterpreter() = default;
  Status Failed() const;  // the interpreter's last error, prefixed with name_

  std::string name_;
  AlignedBuffer blob_, arena_;
  std::vector<float> dequantized_;  // an int8 output as real values
  nn::Interpreter interpreter_;
};

}  // namespace mote::train
