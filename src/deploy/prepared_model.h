// A .tflite model prepared by micro/nn's interpreter on the host: the blob
// copied to 16-byte aligned memory (as the device keeps it in flash), an
// arena of exactly the size the interpreter asks for, and the interpreter
// after a successful Prepare. What the runtime decides there (the memory
// plan, each kernel's parameters, per-channel multipliers and shifts) is
// what `mote model inspect` reports and what ahead-of-time export bakes in.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "micro/nn/interpreter.h"

namespace mote::deploy {

class PreparedModel {
 public:
  // Copies `tflite`, initialises the interpreter with every micro/nn kernel
  // (AllOps) and prepares it in the arena it needs. Fails (kUnsupported,
  // with the interpreter's one-line error, e.g. "op 0 (SVDF): unsupported
  // op") when micro/nn cannot run the model.
  static Result<std::unique_ptr<PreparedModel>> Prepare(std::string_view tflite);

  PreparedModel(const PreparedModel&) = delete;
  PreparedModel& operator=(const PreparedModel&) = delete;
  ~PreparedModel();

  const nn::Interpreter& interpreter() const { return interpreter_; }
  nn::Interpreter& interpreter() { return interpreter_; }
  // The aligned copy of the model the interpreter reads.
  const uint8_t* blob() const { return blob_; }

 private:
  PreparedModel() = default;
  uint8_t* blob_ = nullptr;   // aligned_alloc'd, owned
  uint8_t* arena_ = nullptr;  // aligned_alloc'd, owned
  nn::Interpreter interpreter_;
};

// The interpreter's last error as one line.
std::string NnErrorText(const nn::Interpreter& interpreter);

}  // namespace mote::deploy
