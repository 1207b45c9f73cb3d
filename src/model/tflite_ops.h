// How mote's operators are spelled in .tflite: the builtin code, the options
// table and the number of inputs of each OpType. Shared by the reader and the
// writer; internal to src/model/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/op_type.h"
#include "tflite_schema_generated.h"

namespace mote::model {

struct TfliteOpInfo {
  OpType type;
  tflite::BuiltinOperator code;
  tflite::BuiltinOptions options;  // the options table this op carries (NONE: none)
  int min_inputs, max_inputs;
  // Input slots that must name a tensor (not -1); empty: every slot below
  // min_inputs.
  std::vector<int> required_inputs;
};

// The entry for a builtin code, or nullptr when mote does not support it.
const TfliteOpInfo* FindTfliteOp(int32_t builtin_code);
// The entry for a (non-custom) OpType; never nullptr for those.
const TfliteOpInfo& TfliteOpFor(OpType type);

// "ADD, AVERAGE_POOL_2D, ..." plus custom operators: for error messages.
std::string SupportedTfliteOpList();

// The .tflite name of a builtin code ("GATHER"), or "BUILTIN_<n>" when the
// code is not in the schema.
std::string TfliteBuiltinName(int32_t builtin_code);

}  // namespace mote::model
