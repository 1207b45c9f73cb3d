// The operators of mote's model IR and their typed attributes.
//
// OpType is mote's own list, independent of the .tflite encoding (the
// mapping lives in tflite_ops.h). Each operator carries the attribute struct
// that belongs to its type (OpAttributes); operators without attributes
// carry NoAttributes. Custom operators (kCustom) are kept by name with their
// options bytes, uninterpreted, so that a file round-trips.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <variant>
#include <vector>

namespace mote::model {

enum class OpType : uint8_t {
  kAdd,
  kAveragePool2D,
  kCast,
  kConcatenation,
  kConv2D,
  kDepthwiseConv2D,
  kDequantize,
  kDiv,
  kFullyConnected,
  kLeakyRelu,
  kLogistic,
  kMaxPool2D,
  kMaximum,
  kMean,
  kMinimum,
  kMul,
  kPad,
  kQuantize,
  kRelu,
  kRelu6,
  kReshape,
  kSoftmax,
  kStridedSlice,
  kSub,
  kSvdf,
  kTanh,
  kTranspose,
  kUnidirectionalSequenceLstm,
  kCustom,       // a custom operator: Operator::custom_code names it
  kUnsupported,  // only when imported with allow_unsupported (inspect)
};

// The operator's name as .tflite spells it ("CONV_2D"); "CUSTOM" and
// "UNSUPPORTED" for the last two.
std::string_view OpTypeName(OpType type);

// Activation fused into an operator's output.
enum class Activation : uint8_t { kNone, kRelu, kReluN1To1, kRelu6, kTanh, kSignBit };
enum class Padding : uint8_t { kSame, kValid };

std::string_view ActivationName(Activation a);
std::string_view PaddingName(Padding p);

struct NoAttributes {
  bool operator==(const NoAttributes&) const = default;
};

struct Conv2DAttributes {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1, stride_h = 1;
  int32_t dilation_w = 1, dilation_h = 1;
  Activation activation = Activation::kNone;
  bool operator==(const Conv2DAttributes&) const = default;
};

struct DepthwiseConv2DAttributes {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1, stride_h = 1;
  int32_t depth_multiplier = 1;
  int32_t dilation_w = 1, dilation_h = 1;
  Activation activation = Activation::kNone;
  bool operator==(const DepthwiseConv2DAttributes&) const = default;
};

// AVERAGE_POOL_2D and MAX_POOL_2D.
struct Pool2DAttributes {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1, stride_h = 1;
  int32_t filter_w = 1, filter_h = 1;
  Activation activation = Activation::kNone;
  bool operator==(const Pool2DAttributes&) const = default;
};

struct FullyConnectedAttributes {
  Activation activation = Activation::kNone;
  bool keep_num_dims = false;
  bool asymmetric_quantize_inputs = false;
  bool operator==(const FullyConnectedAttributes&) const = default;
};

struct ReshapeAttributes {
  std::vector<int32_t> new_shape;  // empty: the output tensor's shape rules
  bool operator==(const ReshapeAttributes&) const = default;
};

struct SoftmaxAttributes {
  float beta = 1.0f;
  bool operator==(const SoftmaxAttributes&) const = default;
};

// ADD, SUB, MUL, DIV. pot_scale_int16 matters to ADD and SUB only (int16
// with power-of-two scales); it is written for those two.
struct ElementwiseAttributes {
  Activation activation = Activation::kNone;
  bool pot_scale_int16 = true;
  bool operator==(const ElementwiseAttributes&) const = default;
};

struct ConcatenationAttributes {
  int32_t axis = 0;
  Activation activation = Activation::kNone;
  bool operator==(const ConcatenationAttributes&) const = default;
};

// MEAN.
struct ReducerAttributes {
  bool keep_dims = false;
  bool operator==(const ReducerAttributes&) const = default;
};

struct StridedSliceAttributes {
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;
  bool operator==(const StridedSliceAttributes&) const = default;
};

struct LeakyReluAttributes {
  float alpha = 0.2f;
  bool operator==(const LeakyReluAttributes&) const = default;
};

struct SequenceLstmAttributes {
  Activation activation = Activation::kTanh;
  float cell_clip = 0, proj_clip = 0;  // 0: no clipping
  bool time_major = false;
  bool asymmetric_quantize_inputs = false;
  bool diagonal_recurrent_tensors = false;
  bool operator==(const SequenceLstmAttributes&) const = default;
};

struct SvdfAttributes {
  int32_t rank = 1;
  Activation activation = Activation::kNone;
  bool asymmetric_quantize_inputs = false;
  bool operator==(const SvdfAttributes&) const = default;
};

using OpAttributes =
    std::variant<NoAttributes, Conv2DAttributes, DepthwiseConv2DAttributes, Pool2DAttributes,
                 FullyConnectedAttributes, ReshapeAttributes, SoftmaxAttributes, ElementwiseAttributes,
                 ConcatenationAttributes, ReducerAttributes, StridedSliceAttributes, LeakyReluAttributes,
                 SequenceLstmAttributes, SvdfAttributes>;

// The attributes an operator of `type` carries, default-valued.
OpAttributes DefaultAttributes(OpType type);

// The attributes as a JSON object ({} for NoAttributes), for
// `mote model inspect`: field names as in the structs above.
nlohmann::json AttributesToJson(const OpAttributes& attributes);

}  // namespace mote::model
