// Augmentation's transforms on known windows: a speed change scales a
// sine's frequency around the window's centre, a time shift moves a pulse by
// the drawn number of frames, a flip mirrors, a crop resizes its region
// back, noise mixes at its gain and offset, scaling multiplies each axis by
// its drawn factor, jitter has the asked spread; a window's draws depend on
// (seed, epoch, row) only, so training with augmentation is bit-identical
// for a seed and thread count and resumes exactly; the mote.yaml section's
// errors carry positions.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <set>

#include "train/augmentation.h"
#include "train/checkpoint.h"
#include "train/train_test_util.h"
#include "train/trainer.h"

namespace mote::train {
namespace {

RawWindow Series(int64_t frames, int64_t axes) {
  return {.rows = frames, .cols = 1, .channels = axes, .values = std::vector<float>(frames * axes, 0.0f)};
}

RawWindow Image(int64_t h, int64_t w) {
  RawWindow img{.rows = h, .cols = w, .channels = 1, .values = {}};
  for (int64_t i = 0; i < h * w; ++i) img.values.push_back(static_cast<float>(i));
  return img;
}

int64_t PulseAt(const RawWindow& w) {
  for (int64_t r = 0; r < w.rows; ++r) {
    if (w.values[r * w.channels] != 0) return r;
  }
  return -1;
}

TEST(AugmentationTest, TimeShiftMovesAPulseByTheDrawnFrames) {
  const AugmentConfig config{.time_shift_ms = 100};  // at 100 Hz: up to +-10 frames
  std::set<int64_t> shifts;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    RawWindow w = Series(100, 2);
    w.values[50 * 2] = 1.0f;
    Rng draw(seed);
    const int64_t expected = static_cast<int64_t>(draw.Below(21)) - 10;
    Rng rng(seed);
    AugmentWindow(config, 0.1, {}, &rng, &w);
    ASSERT_EQ(PulseAt(w), 50 + expected) << "seed " << seed;
    shifts.insert(expected);
  }
  EXPECT_GT(shifts.size(), 10u);  // the draws cover the range
  RawWindow edge = Series(10, 1);
  edge.values[9] = 5.0f;
  ShiftRows(&edge, 3);  // shifted out: zeros
  EXPECT_EQ(PulseAt(edge), -1);
  ShiftRows(&edge, -3);
  EXPECT_EQ(PulseAt(edge), -1);
}

// Zero crossings (sign changes) of channel `ch` over frames [begin, end).
int ZeroCrossings(const RawWindow& w, int64_t ch, int64_t begin, int64_t end) {
  int n = 0;
  for (int64_t r = begin + 1; r < end; ++r) {
    n += (w.values[(r - 1) * w.channels + ch] < 0) != (w.values[r * w.channels + ch] < 0);
  }
  return n;
}

TEST(AugmentationTest, SpeedChangesPitchAndTempoAroundTheCentre) {
  // Two channels of sines, 50 and 80 frames a period, 2,000 frames: played
  // 1.25 times as fast, the middle 1,000 frames hold 1.25 times as many
  // periods, both ends are zeros (the shorter signal centred); played 0.8
  // times as fast, 0.8 times as many, and no zeros.
  auto sines = [] {
    RawWindow w = Series(2000, 2);
    for (int64_t r = 0; r < w.rows; ++r) {
      w.values[r * 2] = static_cast<float>(std::sin(2 * std::numbers::pi * (r + 0.5) / 50));
      w.values[r * 2 + 1] = static_cast<float>(std::sin(2 * std::numbers::pi * (r + 0.5) / 80));
    }
    return w;
  };
  const RawWindow original = sines();
  const int before50 = ZeroCrossings(original, 0, 500, 1500), before80 = ZeroCrossings(original, 1, 500, 1500);
  EXPECT_EQ(before50, 39);  // a sign change every 25 frames
  EXPECT_EQ(before80, 25);  // every 40
  for (double factor : {1.25, 0.8}) {
    SCOPED_TRACE(factor);
    RawWindow w = sines();
    ChangeSpeed(&w, factor);
    ASSERT_EQ(w.rows, 2000);
    ASSERT_EQ(w.values.size(), 4000u);
    EXPECT_NEAR(ZeroCrossings(w, 0, 500, 1500), before50 * factor, 1.5);
    EXPECT_NEAR(ZeroCrossings(w, 1, 500, 1500), before80 * factor, 1.5);
    // Frame 1030 holds the original signal's value at 1000 + 30 * factor
    // (the centre stays; the 80-frame sine moves at most 0.08 a frame, the
    // centring is within half a frame); uncentred it would hold the value
    // at 1030 * factor, 0.59 against -0.16 for 1.25, 0.94 against -0.94 for
    // 0.8.
    const double t = 1000 + 30 * factor;
    EXPECT_NEAR(w.values[1030 * 2 + 1], std::sin(2 * std::numbers::pi * (t + 0.5) / 80), 0.1);
    const bool zero_ends = w.values[0] == 0 && w.values[1] == 0 && w.values[3998] == 0 && w.values[3999] == 0;
    EXPECT_EQ(zero_ends, factor > 1);
  }
  // Through AugmentWindow: the drawn factor within [0.9, 1.1].
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    RawWindow w = sines();
    Rng rng(seed);
    AugmentWindow({.speed = 0.1}, 1, {}, &rng, &w);
    const int crossings = ZeroCrossings(w, 0, 500, 1500);
    EXPECT_GE(crossings, before50 * 0.9 - 1.5);
    EXPECT_LE(crossings, before50 * 1.1 + 1.5);
  }
}

TEST(AugmentationTest, ImageFlipShiftAndCrop) {
  RawWindow img = Image(2, 3);  // 0 1 2 / 3 4 5
  FlipCols(&img);
  EXPECT_EQ(img.values, (std::vector<float>{2, 1, 0, 5, 4, 3}));
  ShiftCols(&img, 1);
  EXPECT_EQ(img.values, (std::vector<float>{0, 2, 1, 0, 5, 4}));
  ShiftRows(&img, -1);
  EXPECT_EQ(img.values, (std::vector<float>{0, 5, 4, 0, 0, 0}));

  RawWindow big = Image(4, 4);
  CropResize(&big, 1, 2, 2, 2);  // rows 1-2, columns 2-3, each pixel doubled
  EXPECT_EQ(big.values, (std::vector<float>{6, 6, 7, 7, 6, 6, 7, 7, 10, 10, 11, 11, 10, 10, 11, 11}));

  // flip: true mirrors exactly when the draw says so.
  int flipped = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    RawWindow w = Image(2, 3);
    Rng draw(seed), rng(seed);
    const bool expect = draw.Below(2) == 1;
    AugmentWindow({.flip = true}, 0, {}, &rng, &w);
    const std::vector<float> mirrored = {2, 1, 0, 5, 4, 3};
    EXPECT_EQ(w.values, expect ? mirrored : Image(2, 3).values) << "seed " << seed;
    flipped += expect;
  }
  EXPECT_GT(flipped, 3);
  EXPECT_LT(flipped, 17);
}

TEST(AugmentationTest, NoiseScaleAndJitter) {
  RawWindow w = Series(4, 2);
  const std::vector<float> noise = {1, 2, 3};
  MixNoise(&w, noise, 1, 0.5f);  // channel 0 only, from noise[1], wrapping
  EXPECT_EQ(w.values, (std::vector<float>{1, 0, 1.5f, 0, 0.5f, 0, 1, 0}));

  RawWindow s = Series(3, 3);
  for (int64_t i = 0; i < 9; ++i) s.values[i] = 1.0f;
  Rng draw(9), rng(9);
  std::vector<double> factors;
  for (int k = 0; k < 3; ++k) factors.push_back(draw.Uniform(0.8, 1.2));
  AugmentWindow({.scale = 0.2}, 0.1, {}, &rng, &s);
  for (int64_t i = 0; i < 9; ++i) EXPECT_FLOAT_EQ(s.values[i], static_cast<float>(factors[i % 3])) << i;

  RawWindow j = Series(20000, 1);
  Rng jrng(3);
  AugmentWindow({.jitter = 0.5}, 0.1, {}, &jrng, &j);
  double sum = 0, sq = 0;
  for (float v : j.values) sum += v, sq += double{v} * v;
  EXPECT_NEAR(sum / 20000, 0.0, 0.02);
  EXPECT_NEAR(std::sqrt(sq / 20000), 0.5, 0.02);

  // Noise from the bank: always mixed at probability 1, never at 0.
  const std::vector<std::vector<float>> bank = {{1, 1, 1, 1}};
  RawWindow quiet = Series(4, 1), loud = Series(4, 1);
  Rng r0(1), r1(1);
  AugmentWindow({.noise_label = "n", .noise_volume = 0.5, .noise_probability = 0}, 0.1, bank, &r0, &quiet);
  AugmentWindow({.noise_label = "n", .noise_volume = 0.5, .noise_probability = 1}, 0.1, bank, &r1, &loud);
  EXPECT_EQ(quiet.values, std::vector<float>(4, 0.0f));
  EXPECT_GT(loud.values[0], 0.0f);
  EXPECT_LE(loud.values[0], 0.5f);
  EXPECT_EQ(loud.values, std::vector<float>(4, loud.values[0]));
}

TEST(AugmentationTest, DrawsDependOnSeedEpochAndRowOnly) {
  std::set<uint64_t> seeds;
  for (int64_t epoch = 1; epoch <= 20; ++epoch) {
    for (int64_t row = 0; row < 200; ++row) seeds.insert(AugmentSeed(7, epoch, row));
  }
  EXPECT_EQ(seeds.size(), 4000u);
  EXPECT_EQ(AugmentSeed(7, 3, 5), AugmentSeed(7, 3, 5));
  EXPECT_NE(AugmentSeed(7, 3, 5), AugmentSeed(8, 3, 5));
}

// Per-batch losses of SmallNet on Bars images, augmented (crop, flip,
// shift) through Fit()'s callback as AugmentedBatches does, continuing
// `resume` when given; the checkpoint after epoch 1 goes to `saved`.
std::vector<double> AugmentedLosses(int threads, const AugmentConfig& config, const TrainerCheckpoint* resume = nullptr,
                                    TrainerCheckpoint* saved = nullptr) {
  Result<Model<float>> model = Model<float>::Build(mote::testing::SmallNet(), {10, 10, 1}, 7);
  EXPECT_TRUE(model.ok());
  Trainer trainer(&*model, {.epochs = 3, .batch_size = 16, .seed = 7, .threads = threads});
  std::vector<double> losses;
  FitCallbacks callbacks{
      .on_batch = [&](const BatchProgress& p) { losses.push_back(p.loss); },
      .on_checkpoint =
          [&](const TrainerCheckpoint& c) {
            if (saved && c.epochs_done == 1) *saved = c;
            return Status::Ok();
          },
      .augment = [&](int64_t epoch, std::span<const int64_t> rows, Tensor<float>* batch) {
        for (size_t i = 0; i < rows.size(); ++i) {
          float* row = batch->data() + i * 100;
          RawWindow w{.rows = 10, .cols = 10, .channels = 1, .values = std::vector<float>(row, row + 100)};
          Rng rng(AugmentSeed(7, epoch, rows[i]));
          AugmentWindow(config, 0, {}, &rng, &w);
          std::copy(w.values.begin(), w.values.end(), row);
        }
        return Status::Ok();
      }};
  EXPECT_TRUE(trainer.Fit(mote::testing::Bars(64, 5), {}, callbacks, resume).ok());
  return losses;
}

TEST(AugmentationTest, AugmentedTrainingIsBitIdenticalForASeedAndResumesExactly) {
  const AugmentConfig config{.crop = 0.2, .flip = true, .shift_px = 2};
  TrainerCheckpoint after_epoch_1;
  const std::vector<double> a = AugmentedLosses(2, config, nullptr, &after_epoch_1);
  ASSERT_EQ(a.size(), 12u);
  EXPECT_EQ(a, AugmentedLosses(2, config));  // exact equality of doubles
  EXPECT_EQ(AugmentedLosses(1, config), AugmentedLosses(1, config));
  EXPECT_NE(a, AugmentedLosses(2, AugmentConfig{}));  // augmentation changes what is learned
  // Resumed after epoch 1: epochs 2 and 3 see the same augmented batches.
  const std::vector<double> resumed = AugmentedLosses(2, config, &after_epoch_1);
  ASSERT_EQ(resumed.size(), 8u);
  EXPECT_EQ(resumed, std::vector<double>(a.begin() + 4, a.end()));
}

TEST(AugmentationTest, ConfigErrorsHaveTheirPosition) {
  auto parse = [](const std::string& text) -> Result<AugmentConfig> {
    MOTE_ASSIGN_OR_RETURN(YamlSection root, YamlSection::Parse(text, "mote.yaml"));
    MOTE_ASSIGN_OR_RETURN(YamlSection train, root.Section("train"));
    return ParseAugmentConfig(train);
  };
  Result<AugmentConfig> ok = parse("train:\n  augment:\n    flip: true\n    crop: 0.1\n    time_shift_ms: 50\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->flip);
  EXPECT_TRUE(ok->changes_signal());
  EXPECT_FALSE(parse("train:\n  epochs: 2\n")->changes_signal());
  Result<AugmentConfig> masks = parse("train:\n  augment:\n    time_mask: 8\n    freq_mask: 3\n");
  ASSERT_TRUE(masks.ok()) << masks.status().ToString();
  EXPECT_EQ(masks->masks.time, 8);
  EXPECT_EQ(masks->masks.freq, 3);
  EXPECT_FALSE(masks->changes_signal());  // masks need no DSP in the loop
  Result<AugmentConfig> negative = parse("train:\n  augment:\n    freq_mask: -1\n");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("mote.yaml:3:16: train.augment.freq_mask"), std::string::npos)
      << negative.status().message();
  Result<AugmentConfig> bad = parse("train:\n  augment:\n    crop: 1.5\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("mote.yaml:3:11: train.augment.crop"), std::string::npos)
      << bad.status().message();
  Result<AugmentConfig> speed = parse("train:\n  augment:\n    speed: 0.1\n");
  ASSERT_TRUE(speed.ok()) << speed.status().ToString();
  EXPECT_DOUBLE_EQ(speed->speed, 0.1);
  EXPECT_TRUE(speed->changes_signal());
  Result<AugmentConfig> too_fast = parse("train:\n  augment:\n    speed: 0.6\n");
  ASSERT_FALSE(too_fast.ok());
  EXPECT_NE(too_fast.status().message().find("mote.yaml:3:12: train.augment.speed"), std::string::npos)
      << too_fast.status().message();
  Result<AugmentConfig> unknown = parse("train:\n  augment:\n    rotate: 10\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("rotate"), std::string::npos) << unknown.status().message();
}

}  // namespace
}  // namespace mote::train
