// Cross-machine reproducibility: the SHA-256 of two generated files, recorded
// on x86-64 Debian 12. A failure here means either the model changed on
// purpose (record the new digest and say so in the commit) or this platform
// computes differently (its libm, or the compiler contracting a*b+c into FMA),
// which would break "same seed, same files" between machines.
#include <gtest/gtest.h>

#include "core/hash.h"
#include "data/synth/motion_generator.h"
#include "data/synth/vibration_generator.h"

namespace mote {
namespace {

std::string DigestOf(const SynthGenerator& generator, const std::string& label) {
  SynthRandom rng = SynthRandom::ForFile(1, generator.kind(), label, 0);
  Result<std::string> bytes = generator.Render(label, 0, rng);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return ToHex(Sha256Of(*bytes));
}

TEST(SynthGolden, MotionWave) {
  auto generator = MakeMotionGenerator(MotionOptions());
  ASSERT_TRUE(generator.ok());
  EXPECT_EQ(DigestOf(**generator, "wave"), "7652bf46b3fd16519db02a6d4bc07399225ae3d863f0a82ce6e3c5e6198d3144");
}

TEST(SynthGolden, VibrationInnerRace) {
  auto generator = MakeVibrationGenerator(VibrationOptions());
  ASSERT_TRUE(generator.ok());
  EXPECT_EQ(DigestOf(**generator, "inner_race"), "258929152b7db21a10ad9161e92c07c35718e80dcb11dba78da04d58cc19649a");
}

}  // namespace
}  // namespace mote
