// EmitKernelCall on an op micro/nn can run (here through a kernel the test
// registers) but that has no ahead-of-time form: a one-line error naming
// the op and the way out, not code that would compute something else.
#include <gtest/gtest.h>

#include "deploy/aot_kernel_calls.h"
#include "nn/built_model_util.h"
#include "nn/nn_test_util.h"

namespace mote::testing {
namespace {

nn::NnStatus PrepareNothing(const nn::OpContext&, void*, nn::OpMemory*) { return nn::NnStatus::kOk; }
nn::NnStatus InvokeNothing(void*, const nn::OpBuffers&) { return nn::NnStatus::kOk; }
constexpr nn::OpKernel kNothing = {PrepareNothing, InvokeNothing};

TEST(AotKernelCallsTest, AnOpWithoutAnAheadOfTimeFormIsNamed) {
  // Every builtin op micro/nn registers has an ahead-of-time form: a custom
  // op with a kernel of the test's own has none.
  const AlignedBytes blob(UnsupportedOpModel());
  static constexpr nn::OpRegistration kOps[] = {{nn::tflite::kCustom, "MoteNoSuchOp", "MoteNoSuchOp", &kNothing}};
  static constexpr nn::OpResolver kResolver(kOps, 1);
  nn::Interpreter interpreter;
  ASSERT_EQ(interpreter.Init(blob.data(), blob.size(), kResolver), nn::NnStatus::kOk) << ErrorText(interpreter);
  AlignedBytes arena;
  ASSERT_EQ(PrepareWithNeededArena(interpreter, &arena), nn::NnStatus::kOk) << ErrorText(interpreter);
  const Result<deploy::KernelCall> call = deploy::EmitKernelCall(
      interpreter, 0, [](int32_t, const std::string&) { return std::string("p"); }, "nullptr");
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(call.status().message(), "op 0 (MoteNoSuchOp): no ahead-of-time form yet; export it with --runtime interpreter");
}

TEST(AotKernelCallsTest, FloatLiteralsAreExact) {
  EXPECT_EQ(deploy::FloatLiteral(0.5f), "0x1p-1f");
  EXPECT_EQ(deploy::FloatLiteral(-6.0f), "-0x1.8p+2f");
  EXPECT_EQ(deploy::FloatLiteral(3.4028234663852886e38f), "FLT_MAX");
  EXPECT_EQ(deploy::FloatLiteral(-3.4028234663852886e38f), "-FLT_MAX");
  EXPECT_EQ(deploy::FloatLiteral(0.1f), "0x1.99999ap-4f");
}

}  // namespace
}  // namespace mote::testing
