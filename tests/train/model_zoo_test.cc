// The zoo's parameter counts against figures computed by hand (Keras's
// "Total params": trainable plus batch-norm moving statistics), and the
// knobs' effect on them.
#include <gtest/gtest.h>

#include "train/model.h"
#include "train/model_zoo.h"

namespace mote::train {
namespace {

struct Counts {
  int64_t trainable, non_trainable;
};

Counts CountsOf(const ZooOptions& options, const Shape& input) {
  Result<ModelSpec> spec = ZooModel(options, input);
  EXPECT_TRUE(spec.ok()) << spec.status().ToString();
  Result<Model<float>> model = Model<float>::Build(*spec, input, 1);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return {model->trainable_count(), model->non_trainable_count()};
}

TEST(ModelZooTest, MlpCounts) {
  // 784*128+128 + 128*128+128 + 128*10+10.
  const Counts c = CountsOf({.name = "mlp", .classes = 10}, {28, 28, 1});
  EXPECT_EQ(c.trainable, 100480 + 16512 + 1290);
  EXPECT_EQ(c.non_trainable, 0);
  // Width 0.5, depth 1: 784*64+64 + 64*10+10.
  EXPECT_EQ(CountsOf({.name = "mlp", .width = 0.5, .depth = 1, .classes = 10}, {784}).trainable, 50240 + 650);
}

TEST(ModelZooTest, CnnCounts) {
  // Convs without bias: 9*1*16, 9*16*16, 9*16*32, 9*32*32; batch norms
  // 2*(16+16+32+32) trainable, as many moving; 7*7*32*10+10.
  const Counts c = CountsOf({.name = "cnn", .classes = 10}, {28, 28, 1});
  EXPECT_EQ(c.trainable, 144 + 2304 + 4608 + 9216 + 192 + 15690);
  EXPECT_EQ(c.non_trainable, 192);
}

TEST(ModelZooTest, DsCnnMatchesMlperfTiny) {
  // MLPerf Tiny's DS-CNN on 49x10 MFCCs, 12 classes: conv 10*4*64+64;
  // 4 x (depthwise 9*64+64, pointwise 64*64+64); dense 64*12+12; nine batch
  // norms of 64 channels (4 values each). 24,908 in all, Keras's figure.
  const Counts c = CountsOf({.name = "ds_cnn", .classes = 12}, {49, 10, 1});
  EXPECT_EQ(c.trainable, 2624 + 4 * (640 + 4160) + 780 + 9 * 128);
  EXPECT_EQ(c.non_trainable, 9 * 128);
  EXPECT_EQ(c.trainable + c.non_trainable, 24908);
  // Width 0.5: 32 channels; depth 2.
  const Counts half = CountsOf({.name = "ds_cnn", .width = 0.5, .depth = 2, .classes = 12}, {49, 10, 1});
  EXPECT_EQ(half.trainable, (1280 + 32) + 2 * ((288 + 32) + (1024 + 32)) + (384 + 12) + 5 * 64);
}

TEST(ModelZooTest, Conv1dCounts) {
  // [128 samples, 3 axes], 4 classes: 5*3*16, 5*16*32, 5*32*64 (no bias),
  // batch norms 2*(16+32+64), dense 64*4+4.
  const Counts c = CountsOf({.name = "conv1d", .classes = 4}, {128, 3});
  EXPECT_EQ(c.trainable, 240 + 2560 + 10240 + 224 + 260);
  EXPECT_EQ(c.non_trainable, 224);
}

TEST(ModelZooTest, AutoencoderMatchesMlperfTiny) {
  // MLPerf Tiny's anomaly detector on 640 features: 640->128, 3 x 128->128,
  // 128->8, 8->128, 3 x 128->128, 128->640, batch norm (4 values per
  // channel) after every dense but the last. 269,992 in all.
  const Counts c = CountsOf({.name = "autoencoder"}, {640});
  const int64_t dense = (640 * 128 + 128) + 6 * (128 * 128 + 128) + (128 * 8 + 8) + (8 * 128 + 128) + (128 * 640 + 640);
  const int64_t norms = 8 * 128 + 8;
  EXPECT_EQ(c.trainable, dense + 2 * norms);
  EXPECT_EQ(c.non_trainable, 2 * norms);
  EXPECT_EQ(c.trainable + c.non_trainable, 269992);
}

TEST(ModelZooTest, MobileNetV1Counts) {
  // alpha 0.25 on 96x96x3 (MLPerf Tiny's visual wake words), 2 classes.
  // Channels 8, then 16, 32, 32, 64, 64, 128 x 6, 256, 256. Per block
  // in->out: depthwise 9*in, pointwise in*out, batch norms 4*(in+out).
  const int64_t ch[] = {8, 16, 32, 32, 64, 64, 128, 128, 128, 128, 128, 128, 256, 256};
  int64_t total = 3 * 3 * 3 * 8 + 4 * 8;
  for (int i = 0; i < 13; ++i) total += 9 * ch[i] + ch[i] * ch[i + 1] + 4 * (ch[i] + ch[i + 1]);
  total += 256 * 2 + 2;
  const Counts c = CountsOf({.name = "mobilenet_v1", .width = 0.25, .classes = 2}, {96, 96, 3});
  EXPECT_EQ(c.trainable + c.non_trainable, total);
  EXPECT_EQ(total, 219058);
  // Depth 3 stops after the 32-channel block: spatial 96 -> 48 -> 24.
  Result<ModelSpec> spec = ZooModel({.name = "mobilenet_v1", .width = 0.25, .depth = 3, .classes = 2}, {96, 96, 3});
  ASSERT_TRUE(spec.ok());
  Result<Model<float>> m = Model<float>::Build(*spec, {96, 96, 3}, 1);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->output_shape(), Shape{2});
}

TEST(ModelZooTest, ResNet8MatchesMlperfTiny) {
  // MLPerf Tiny's ResNet-8 on 32x32x3, 10 classes: 78,666 parameters.
  const Counts c = CountsOf({.name = "resnet8", .classes = 10}, {32, 32, 3});
  EXPECT_EQ(c.trainable + c.non_trainable, 78666);
  EXPECT_EQ(c.non_trainable, 2 * (16 + 2 * 16 + 2 * 32 + 2 * 64));
}

TEST(ModelZooTest, RejectsWhatDoesNotFit) {
  EXPECT_EQ(ZooModel({.name = "lenet"}, {28, 28, 1}).status().message(),
            "unknown model 'lenet' (the zoo has: mlp, cnn, ds_cnn, conv1d, autoencoder, mobilenet_v1, resnet8)");
  EXPECT_EQ(ZooModel({.name = "mobilenet_v1", .depth = 14}, {96, 96, 3}).status().message(),
            "model 'mobilenet_v1' takes a depth from 1 to 13, not 14");
  EXPECT_EQ(ZooModel({.name = "cnn"}, {784}).status().message(),
            "model 'cnn' needs [height, width, channels] inputs, the features are [784]");
  // Seven 2x2 poolings do not fit 28x28.
  Result<ModelSpec> deep = ZooModel({.name = "cnn", .depth = 6}, {28, 28, 1});
  ASSERT_TRUE(deep.ok());
  EXPECT_EQ(Model<float>::Build(*deep, {28, 28, 1}, 1).status().message(),
            "layer 'max_pool_34' (max_pool): a 2x2 window (dilation 1x1, valid padding) does not fit a 1x1 input");
}

}  // namespace
}  // namespace mote::train
