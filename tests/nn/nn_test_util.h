// Helpers for the micro/nn tests: the shared models, their goldens, and an
// interpreter prepared with exactly the arena it asks for.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "micro/nn/interpreter.h"
#include "test_util.h"

namespace mote::testing {

// A byte buffer whose data is 16-byte aligned (as a model or arena must be).
class AlignedBytes {
 public:
  AlignedBytes() = default;
  explicit AlignedBytes(size_t size);
  AlignedBytes(const std::vector<uint8_t>& bytes);  // NOLINT: a copy, aligned
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const;
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
};


// The one-line message of the interpreter's last error.
std::string ErrorText(const nn::Interpreter& interpreter);

// A model from ../shared/models loaded, initialised and prepared with an
// arena of exactly arena_bytes_needed() bytes.
struct LoadedModel {
  AlignedBytes blob;
  AlignedBytes arena;
  nn::Interpreter interpreter;
};

// Loads `path`, Init()s and Prepare()s it (asking first for the arena size);
// returns null and records a gtest failure on error.
std::unique_ptr<LoadedModel> LoadModel(const std::filesystem::path& path);

// Prepare with an arena of just the size the interpreter asks for; the
// figure is arena_bytes_needed() afterwards.
nn::NnStatus PrepareWithNeededArena(nn::Interpreter& interpreter, AlignedBytes* arena);

}  // namespace mote::testing
