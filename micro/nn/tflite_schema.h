// Facts of the .tflite format (TensorFlow Lite's published schema.fbs) that
// the device reader needs: field numbers of the tables it reads, and the
// enum values it interprets. Field numbers count from 0 in declaration
// order; a union takes two (its type, then its value).
#pragma once

#include <cstdint>

namespace mote::nn::tflite {

inline constexpr char kFileIdentifier[4] = {'T', 'F', 'L', '3'};

// table Model
namespace model {
inline constexpr int kVersion = 0, kOperatorCodes = 1, kSubgraphs = 2, kDescription = 3, kBuffers = 4;
}
// table OperatorCode
namespace operator_code {
inline constexpr int kDeprecatedBuiltinCode = 0, kCustomCode = 1, kVersion = 2, kBuiltinCode = 3;
}
// table SubGraph
namespace subgraph {
inline constexpr int kTensors = 0, kInputs = 1, kOutputs = 2, kOperators = 3, kName = 4;
}
// table Tensor
namespace tensor {
inline constexpr int kShape = 0, kType = 1, kBuffer = 2, kName = 3, kQuantization = 4, kIsVariable = 5,
                     kSparsity = 6;
}
// table QuantizationParameters
namespace quantization {
inline constexpr int kMin = 0, kMax = 1, kScale = 2, kZeroPoint = 3, kDetailsType = 4, kDetails = 5,
                     kQuantizedDimension = 6;
}
// table Buffer (offset/size address data outside the flatbuffer, for files over 2 GB)
namespace buffer {
inline constexpr int kData = 0, kOffset = 1, kSize = 2;
}
// table Operator
namespace op {
inline constexpr int kOpcodeIndex = 0, kInputs = 1, kOutputs = 2, kBuiltinOptionsType = 3, kBuiltinOptions = 4,
                     kCustomOptions = 5, kCustomOptionsFormat = 6, kMutatingVariableInputs = 7, kIntermediates = 8;
}

// enum TensorType : byte
enum class TensorType : int8_t {
  kFloat32 = 0, kFloat16 = 1, kInt32 = 2, kUInt8 = 3, kInt64 = 4, kString = 5, kBool = 6, kInt16 = 7,
  kComplex64 = 8, kInt8 = 9, kFloat64 = 10, kComplex128 = 11, kUInt64 = 12, kResource = 13, kVariant = 14,
  kUInt32 = 15, kUInt16 = 16, kInt4 = 17,
};
// Bytes per element, 0 for types the runtime does not store (strings, int4, ...).
inline constexpr uint32_t TensorTypeBytes(TensorType t) {
  switch (t) {
    case TensorType::kFloat32: case TensorType::kInt32: case TensorType::kUInt32: return 4;
    case TensorType::kFloat16: case TensorType::kInt16: case TensorType::kUInt16: return 2;
    case TensorType::kUInt8: case TensorType::kInt8: case TensorType::kBool: return 1;
    case TensorType::kInt64: case TensorType::kFloat64: case TensorType::kUInt64: case TensorType::kComplex64: return 8;
    default: return 0;
  }
}

// enum BuiltinOperator (the values the runtime names or runs)
enum BuiltinOp : int32_t {
  kAdd = 0, kAveragePool2d = 1, kConcatenation = 2, kConv2d = 3, kDepthwiseConv2d = 4, kDequantize = 6,
  kFullyConnected = 9, kLogistic = 14, kMaxPool2d = 17, kMul = 18, kRelu = 19, kReluN1To1 = 20, kRelu6 = 21,
  kReshape = 22, kSoftmax = 25, kSvdf = 27, kTanh = 28, kCustom = 32, kPad = 34, kTranspose = 39, kMean = 40,
  kSub = 41, kDiv = 42, kSqueeze = 43, kUnidirectionalSequenceLstm = 44, kStridedSlice = 45, kCast = 53,
  kMaximum = 55, kMinimum = 57, kLeakyRelu = 98, kQuantize = 114,
};

// Its name as the schema spells it, or null for codes this table does not know.
const char* BuiltinOpName(int32_t code);

// enum BuiltinOptions (union member numbers)
enum BuiltinOptionsType : uint8_t {
  kNoOptions = 0, kConv2DOptions = 1, kDepthwiseConv2DOptions = 2, kPool2DOptions = 5,
  kFullyConnectedOptions = 8, kSoftmaxOptions = 9, kAddOptions = 11, kReshapeOptions = 17,
  kConcatenationOptions = 10, kMulOptions = 21, kDivOptions = 29, kStridedSliceOptions = 32, kCastOptions = 37,
  kMaximumMinimumOptions = 39, kPadOptions = 22, kTransposeOptions = 26, kSubOptions = 28, kLeakyReluOptions = 75,
};

// enum Padding : byte
enum class Padding : int8_t { kSame = 0, kValid = 1 };
// enum ActivationFunctionType : byte
enum class Activation : int8_t { kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3, kTanh = 4, kSignBit = 5 };

// Fields of the options tables the kernels read.
namespace conv2d_options {
inline constexpr int kPadding = 0, kStrideW = 1, kStrideH = 2, kActivation = 3, kDilationW = 4, kDilationH = 5;
}
namespace depthwise_options {
inline constexpr int kPadding = 0, kStrideW = 1, kStrideH = 2, kDepthMultiplier = 3, kActivation = 4,
                     kDilationW = 5, kDilationH = 6;
}
namespace pool2d_options {
inline constexpr int kPadding = 0, kStrideW = 1, kStrideH = 2, kFilterW = 3, kFilterH = 4, kActivation = 5;
}
namespace fully_connected_options {
inline constexpr int kActivation = 0, kWeightsFormat = 1, kKeepNumDims = 2, kAsymmetricQuantizeInputs = 3;
}
namespace softmax_options {
inline constexpr int kBeta = 0;
}
namespace add_options {
inline constexpr int kActivation = 0, kPotScaleInt16 = 1;
}
namespace concatenation_options {
inline constexpr int kAxis = 0, kActivation = 1;
}
namespace mul_options {
inline constexpr int kActivation = 0;
}
namespace div_options {
inline constexpr int kActivation = 0;
}
namespace sub_options {
inline constexpr int kActivation = 0, kPotScaleInt16 = 1;
}
namespace leaky_relu_options {
inline constexpr int kAlpha = 0;
}
namespace strided_slice_options {
inline constexpr int kBeginMask = 0, kEndMask = 1, kEllipsisMask = 2, kNewAxisMask = 3, kShrinkAxisMask = 4,
                     kOffset = 5;
}

// MEAN's options (ReducerOptions): union member number and field.
inline constexpr BuiltinOptionsType kReducerOptions = static_cast<BuiltinOptionsType>(27);
namespace reducer_options {
inline constexpr int kKeepDims = 0;
}

// TfLiteType, the type enum of TensorFlow Lite's C API (not TensorType):
// custom ops such as TFLM's SignalRfft name their data type with it.
enum class TfLiteType : int32_t { kFloat32 = 1, kInt32 = 2, kInt16 = 7, kInt8 = 9 };

// The recurrent ops' options (SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM): union
// member numbers and fields.
inline constexpr BuiltinOptionsType kSvdfOptions = static_cast<BuiltinOptionsType>(6);
inline constexpr BuiltinOptionsType kUnidirectionalSequenceLstmOptions = static_cast<BuiltinOptionsType>(71);
namespace svdf_options {
inline constexpr int kRank = 0, kActivation = 1, kAsymmetricQuantizeInputs = 2;
}
namespace sequence_lstm_options {
inline constexpr int kActivation = 0, kCellClip = 1, kProjClip = 2, kTimeMajor = 3, kAsymmetricQuantizeInputs = 4,
                     kDiagonalRecurrentTensors = 5;
}

}  // namespace mote::nn::tflite
