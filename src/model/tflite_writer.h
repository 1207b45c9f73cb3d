// Writing mote's model IR as a .tflite file (schema version 3, identifier
// "TFL3"), for TensorFlow Lite (Micro), Arm NN, LiteRT and mote's own runtime.
//
// Layout: buffer 0 is the empty sentinel; each constant tensor gets its own
// buffer (16-byte aligned data), in graph then tensor order; tensors
// computed at run time use buffer 0. Operator codes are listed in order of
// first use. Model::mote goes into the metadata entry "mote" (JSON, see
// mote_metadata.h), followed by Model::metadata. Every builtin operator gets
// its options table. The output is deterministic: the same Model gives the
// same bytes, and ReadTflite(WriteTflite(m)) == m for any m that ReadTflite
// produced.
//
// Thread-safe (no shared state).
#pragma once

#include <string>

#include "core/status.h"
#include "model/graph.h"

namespace mote::model {

// The file's bytes. Fails (InvalidArgument, naming graph/operator/tensor) on
// a model that cannot be written: an index out of range, a constant whose
// data does not match its shape, an operator imported as unsupported.
Result<std::string> WriteTflite(const Model& model);

}  // namespace mote::model
