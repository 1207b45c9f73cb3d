#include "train/model_config.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/config_sections.h"

MOTE_REGISTER_CONFIG_SECTION(model, "model");

namespace mote::train {
namespace {

// An integer or a list of `max_values` integers (>= 1) at `key`; absent
// leaves *out as it is.
Status GetIntList(const YamlSection& s, std::string_view key, size_t max_values, std::vector<int64_t>* out) {
  if (!s.Has(key)) return Status::Ok();
  const YAML::Node n = s.node()[std::string(key)];
  std::vector<int64_t> values;
  try {
    if (n.IsSequence()) {
      for (const YAML::Node& v : n) values.push_back(v.as<int64_t>());
    } else {
      values.push_back(n.as<int64_t>());
    }
  } catch (const YAML::Exception&) {
    return s.Error(key, "must be an integer or a list of integers");
  }
  if (values.empty() || values.size() > max_values) {
    return s.Error(key, max_values == 1 ? "must be one integer" : "must be an integer or [height, width]");
  }
  for (int64_t v : values) {
    if (v < 1) return s.Error(key, "must be >= 1");
  }
  *out = values;
  return Status::Ok();
}

// Reads a window key into (h, w): one value means both (or width alone
// for 1-D layers, whose height stays 1).
Status GetWindowPair(const YamlSection& s, std::string_view key, bool one_d, int64_t* h, int64_t* w) {
  std::vector<int64_t> v;
  MOTE_RETURN_IF_ERROR(GetIntList(s, key, one_d ? 1 : 2, &v));
  if (v.empty()) return Status::Ok();
  *w = v.back();
  if (!one_d) *h = v.front();
  return Status::Ok();
}

Status GetPositive(const YamlSection& s, std::string_view key, int64_t* out) {
  MOTE_RETURN_IF_ERROR(s.Get(key, out));
  if (*out < 1) return s.Error(key, "must be >= 1");
  return Status::Ok();
}

std::vector<std::string> KeysOf(LayerType type) {
  std::vector<std::string> keys = {"type", "name", "inputs"};
  auto add = [&keys](std::initializer_list<const char*> more) { keys.insert(keys.end(), more.begin(), more.end()); };
  switch (type) {
    case LayerType::kDense:
      add({"units", "use_bias", "init"});
      break;
    case LayerType::kConv1D:
    case LayerType::kConv2D:
      add({"filters", "kernel", "strides", "dilation", "padding", "use_bias", "init"});
      break;
    case LayerType::kDepthwiseConv2D:
      add({"depth_multiplier", "kernel", "strides", "dilation", "padding", "use_bias", "init"});
      break;
    case LayerType::kMaxPool:
    case LayerType::kAveragePool:
      add({"size", "strides", "padding"});
      break;
    case LayerType::kBatchNorm:
      add({"momentum", "epsilon"});
      break;
    case LayerType::kLeakyRelu:
      add({"alpha"});
      break;
    case LayerType::kDropout:
      add({"rate"});
      break;
    case LayerType::kReshape:
      add({"shape"});
      break;
    default:
      break;
  }
  return keys;
}

Result<LayerSpec> ParseLayer(const YamlSection& s) {
  LayerSpec l;
  const YAML::Mark mark = s.node().Mark();
  // The path of a list item is the section's own path: PathOf("") ends in ".".
  std::string path = s.PathOf("");
  if (!path.empty() && path.back() == '.') path.pop_back();
  l.where = fmt::format("{}:{}:{}: {}", s.file_name(), mark.line + 1, mark.column + 1, path);
  std::string type;
  MOTE_RETURN_IF_ERROR(s.Get("type", &type));
  if (type.empty()) return s.Error("type", "is required");
  std::optional<LayerType> t = LayerTypeFromName(type);
  if (!t) return s.Error("type", "'" + type + "' is not a layer type");
  l.type = *t;
  MOTE_RETURN_IF_ERROR(s.OnlyKeys(KeysOf(l.type)));
  MOTE_RETURN_IF_ERROR(s.Get("name", &l.name));
  MOTE_RETURN_IF_ERROR(s.Get("inputs", &l.inputs));
  MOTE_RETURN_IF_ERROR(s.Get("use_bias", &l.use_bias));
  if (s.Has("units")) MOTE_RETURN_IF_ERROR(GetPositive(s, "units", &l.units));
  if (s.Has("filters")) MOTE_RETURN_IF_ERROR(GetPositive(s, "filters", &l.units));
  if ((l.type == LayerType::kDense && !s.Has("units")) ||
      ((l.type == LayerType::kConv1D || l.type == LayerType::kConv2D) && !s.Has("filters"))) {
    return s.Error(l.type == LayerType::kDense ? "units" : "filters", "is required");
  }
  if (s.Has("depth_multiplier")) MOTE_RETURN_IF_ERROR(GetPositive(s, "depth_multiplier", &l.depth_multiplier));
  const bool one_d = l.type == LayerType::kConv1D;
  Window2D& w = l.window;
  const bool pool = l.type == LayerType::kMaxPool || l.type == LayerType::kAveragePool;
  MOTE_RETURN_IF_ERROR(GetWindowPair(s, pool ? "size" : "kernel", one_d, &w.kernel_h, &w.kernel_w));
  if (pool) {
    w.stride_h = w.kernel_h;
    w.stride_w = w.kernel_w;
  }
  MOTE_RETURN_IF_ERROR(GetWindowPair(s, "strides", one_d, &w.stride_h, &w.stride_w));
  MOTE_RETURN_IF_ERROR(GetWindowPair(s, "dilation", one_d, &w.dilation_h, &w.dilation_w));
  std::string padding = "valid";
  MOTE_RETURN_IF_ERROR(s.Get("padding", &padding));
  if (padding != "same" && padding != "valid") return s.Error("padding", "must be same or valid");
  w.padding = padding == "same" ? Padding::kSame : Padding::kValid;
  std::string init(InitializerName(l.init));
  MOTE_RETURN_IF_ERROR(s.Get("init", &init));
  std::optional<Initializer> i = InitializerFromName(init);
  if (!i) return s.Error("init", "must be he_normal, he_uniform, glorot_normal, glorot_uniform or fan_in_uniform");
  l.init = *i;
  MOTE_RETURN_IF_ERROR(s.GetInRange("momentum", &l.momentum, 0, 1, true));
  if (l.momentum >= 1) return s.Error("momentum", "must be < 1");
  MOTE_RETURN_IF_ERROR(s.GetInRange("epsilon", &l.epsilon, 0, 1));
  MOTE_RETURN_IF_ERROR(s.Get("alpha", &l.alpha));
  MOTE_RETURN_IF_ERROR(s.GetInRange("rate", &l.rate, 0, 1, true));
  if (l.rate >= 1) return s.Error("rate", "must be < 1");
  if (l.type == LayerType::kReshape) {
    if (!s.Has("shape")) return s.Error("shape", "is required");
    MOTE_RETURN_IF_ERROR(GetIntList(s, "shape", 8, &l.target_shape));
  }
  return l;
}

}  // namespace

Result<ModelConfig> ParseModelConfig(const YamlSection& s) {
  MOTE_RETURN_IF_ERROR(s.OnlyKeys({"zoo", "width", "depth", "dropout", "layers"}));
  ModelConfig c(s);
  const bool has_zoo = s.Has("zoo"), has_layers = s.Has("layers");
  if (has_zoo && has_layers) return s.Error("layers", "cannot be given with zoo (choose one)");
  if (!has_zoo && !has_layers) return s.Error("zoo", "or " + s.PathOf("layers") + " is required");
  if (has_zoo) {
    ZooOptions z;
    MOTE_RETURN_IF_ERROR(s.Get("zoo", &z.name));
    std::vector<std::string_view> names = ZooNames();
    if (std::find(names.begin(), names.end(), z.name) == names.end()) {
      return s.Error("zoo", fmt::format("'{}' is not in the zoo ({})", z.name, fmt::join(names, ", ")));
    }
    MOTE_RETURN_IF_ERROR(s.GetInRange("width", &z.width, 0, 16));
    if (s.Has("depth")) MOTE_RETURN_IF_ERROR(GetPositive(s, "depth", &z.depth));
    MOTE_RETURN_IF_ERROR(s.GetInRange("dropout", &z.dropout, 0, 1, true));
    if (z.dropout >= 1) return s.Error("dropout", "must be < 1");
    c.zoo = z;
    return c;
  }
  if (s.Has("width") || s.Has("depth") || s.Has("dropout")) {
    return s.Error(s.Has("width") ? "width" : s.Has("depth") ? "depth" : "dropout", "applies to zoo models only");
  }
  MOTE_ASSIGN_OR_RETURN(std::vector<YamlSection> items, s.List("layers"));
  if (items.empty()) return s.Error("layers", "must list at least one layer");
  for (const YamlSection& item : items) {
    MOTE_ASSIGN_OR_RETURN(LayerSpec layer, ParseLayer(item));
    c.layers.layers.push_back(std::move(layer));
  }
  return c;
}

Result<ModelSpec> ModelConfig::SpecFor(const Shape& input_shape, int64_t classes) const {
  if (!zoo) return layers;
  ZooOptions z = *zoo;
  z.classes = classes;
  Result<ModelSpec> spec = ZooModel(z, input_shape);
  if (!spec.ok()) return section.Error("zoo", spec.status().message());
  return spec;
}

}  // namespace mote::train
