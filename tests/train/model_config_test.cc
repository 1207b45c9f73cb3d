// The `model:` section: zoo and layer lists parsed, errors at file:line:col.
#include <gtest/gtest.h>

#include "train/model.h"
#include "train/model_config.h"

namespace mote::train {
namespace {

Result<ModelConfig> Parse(const std::string& yaml) {
  Result<YamlSection> root = YamlSection::Parse(yaml, "mote.yaml");
  EXPECT_TRUE(root.ok()) << root.status().ToString();
  Result<YamlSection> model = root->Section("model");
  EXPECT_TRUE(model.ok());
  return ParseModelConfig(*model);
}

TEST(ModelConfigTest, ZooWithKnobs) {
  Result<ModelConfig> c = Parse("model:\n  zoo: ds_cnn\n  width: 0.5\n  depth: 2\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_TRUE(c->zoo.has_value());
  EXPECT_EQ(c->zoo->name, "ds_cnn");
  EXPECT_EQ(c->zoo->width, 0.5);
  EXPECT_EQ(c->zoo->depth, 2);
  Result<ModelSpec> spec = c->SpecFor({49, 10, 1}, 12);
  ASSERT_TRUE(spec.ok());
  Result<Model<float>> m = Model<float>::Build(*spec, {49, 10, 1}, 1);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->output_shape(), Shape{12});
}

TEST(ModelConfigTest, LayerList) {
  Result<ModelConfig> c = Parse(
      "model:\n"
      "  layers:\n"
      "    - {type: conv2d, filters: 4, kernel: [3, 2], strides: 2, padding: same, use_bias: false}\n"
      "    - {type: batch_norm, momentum: 0.9}\n"
      "    - {type: relu6, name: a}\n"
      "    - {type: depthwise_conv2d, kernel: 3, padding: same, depth_multiplier: 2, dilation: [1, 2]}\n"
      "    - {type: max_pool, size: 2}\n"
      "    - {type: global_average_pool}\n"
      "    - {type: dropout, rate: 0.5}\n"
      "    - {type: dense, units: 3, init: glorot_uniform}\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->layers.layers.size(), 8u);
  const LayerSpec& conv = c->layers.layers[0];
  EXPECT_EQ(conv.type, LayerType::kConv2D);
  EXPECT_EQ(conv.units, 4);
  EXPECT_EQ(conv.window.kernel_h, 3);
  EXPECT_EQ(conv.window.kernel_w, 2);
  EXPECT_EQ(conv.window.stride_h, 2);
  EXPECT_EQ(conv.window.padding, Padding::kSame);
  EXPECT_FALSE(conv.use_bias);
  EXPECT_EQ(conv.where, "mote.yaml:3:7: model.layers[0]");
  EXPECT_EQ(c->layers.layers[3].window.dilation_w, 2);
  EXPECT_EQ(c->layers.layers[4].window.stride_w, 2);  // a pool's strides default to its size
  EXPECT_EQ(c->layers.layers[7].init, Initializer::kGlorotUniform);
  Result<Model<float>> m = Model<float>::Build(c->layers, {8, 8, 1}, 1);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  // conv 3*2*1*4; bn 4+4 (+8 moving); depthwise 3*3*8+8; dense 8*3+3.
  EXPECT_EQ(m->trainable_count(), 24 + 8 + 80 + 27);
}

TEST(ModelConfigTest, ErrorsNameTheirPosition) {
  EXPECT_EQ(Parse("model:\n  zoo: lenet\n").status().message(),
            "mote.yaml:2:8: model.zoo 'lenet' is not in the zoo (mlp, cnn, ds_cnn, conv1d, autoencoder, "
            "mobilenet_v1, resnet8)");
  EXPECT_EQ(Parse("model:\n  depth: 2\n").status().message(), "mote.yaml:2:3: model.zoo or model.layers is required");
  EXPECT_EQ(Parse("model:\n  layers:\n    - {type: dense}\n").status().message(),
            "mote.yaml:3:7: model.layers[0].units is required");
  EXPECT_EQ(Parse("model:\n  layers:\n    - {type: relu, units: 3}\n").status().message(),
            "mote.yaml:3:20: unknown key 'model.layers[0].units'");
  EXPECT_EQ(Parse("model:\n  layers:\n    - {type: conv2d, filters: 2, kernel: [3, 3, 3]}\n").status().message(),
            "mote.yaml:3:42: model.layers[0].kernel must be an integer or [height, width]");
  EXPECT_EQ(Parse("model:\n  layers:\n    - {type: dropout, rate: 1}\n").status().message(),
            "mote.yaml:3:29: model.layers[0].rate must be < 1");
  // Found when building: the layer's position prefixes the message.
  Result<ModelConfig> c = Parse("model:\n  layers:\n    - {type: flatten}\n    - {type: conv2d, filters: 2, kernel: 3}\n");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Model<float>::Build(c->layers, {4, 4, 1}, 1).status().message(),
            "mote.yaml:4:7: model.layers[1]: layer 'conv2d_1' (conv2d): needs a [height, width, channels] input, "
            "got [16]");
  Result<ModelConfig> d = Parse("model:\n  layers:\n    - {type: add, inputs: [input, b]}\n");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Model<float>::Build(d->layers, {4}, 1).status().message(),
            "mote.yaml:3:7: model.layers[0]: layer 'add_0' (add): unknown input 'b' (inputs name earlier layers or "
            "'input')");
}

}  // namespace
}  // namespace mote::train
