// Reading .tflite files into mote's model IR.
//
// Every file goes through the flatbuffers Verifier first, then through
// mote's own checks (indices in range, shapes that fit, buffers as long as
// their tensors, quantization that matches its tensor, operators with the
// inputs they need). A file that fails gives one line naming the file and
// the place: "model.tflite: subgraph 0 operator 3 (CONV_2D): input 1 is
// tensor 99, but the subgraph has 20 tensors". Reading never crashes on any
// input (a libFuzzer target, fuzz/, checks this).
//
// Import rules: float16 constant tensors become float32 (and a DEQUANTIZE of
// such a constant is folded into a float32 constant); custom operators are
// kept by name with their options bytes; the metadata entry "mote" becomes
// Model::mote, other metadata entries are kept as bytes. Sparse tensors,
// STRING/COMPLEX/resource types and builtin operators that mote does not
// support are errors (the last names the operator, its position and the
// supported list) unless ReadOptions::allow_unsupported.
//
// Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <string_view>

#include "core/status.h"
#include "model/graph.h"

namespace mote::model {

struct ReadOptions {
  // Keep builtin operators mote does not support as OpType::kUnsupported
  // (with their code and name; options dropped) instead of failing: for
  // `mote model inspect`, which lists them. Such a model cannot be written.
  bool allow_unsupported = false;
};

// Parses the bytes of a whole .tflite file. `name` (usually the path) starts
// every error message.
Result<Model> ReadTflite(std::string_view bytes, std::string_view name, const ReadOptions& options = {});

// Reads and parses the file at `path`.
Result<Model> ReadTfliteFile(const std::filesystem::path& path, const ReadOptions& options = {});

}  // namespace mote::model
