#include "train/layer_spec.h"

#include <utility>

#include "train/name_table.h"

namespace mote::train {
namespace {

constexpr std::pair<std::string_view, LayerType> kNames[] = {
    {"dense", LayerType::kDense},
    {"conv1d", LayerType::kConv1D},
    {"conv2d", LayerType::kConv2D},
    {"depthwise_conv2d", LayerType::kDepthwiseConv2D},
    {"max_pool", LayerType::kMaxPool},
    {"average_pool", LayerType::kAveragePool},
    {"global_average_pool", LayerType::kGlobalAveragePool},
    {"batch_norm", LayerType::kBatchNorm},
    {"relu", LayerType::kRelu},
    {"relu6", LayerType::kRelu6},
    {"leaky_relu", LayerType::kLeakyRelu},
    {"sigmoid", LayerType::kSigmoid},
    {"tanh", LayerType::kTanh},
    {"softmax", LayerType::kSoftmax},
    {"dropout", LayerType::kDropout},
    {"flatten", LayerType::kFlatten},
    {"reshape", LayerType::kReshape},
    {"add", LayerType::kAdd},
    {"concat", LayerType::kConcat},
};

}  // namespace

std::string_view LayerTypeName(LayerType type) { return NameIn(kNames, type); }

std::optional<LayerType> LayerTypeFromName(std::string_view name) { return ValueIn(kNames, name); }

}  // namespace mote::train
