// The recurrent kernels (SVDF, the integer LSTM) and the int16 sigmoid and
// tanh they use, against their float definitions: the goldens pin the exact
// bytes on two models; these check the semantics (state shifting, rank
// reduction, batches, gate equations) on other shapes and over many steps.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "micro/nn/kernels/int16_activations.h"
#include "micro/nn/kernels/kernels.h"
#include "micro/nn/kernels/lstm.h"
#include "micro/nn/kernels/svdf.h"
#include "micro/nn/quantization.h"
#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

using nn::NnStatus;

TEST(Int16ActivationsTest, TableIsSigmoidOfIOver24) {
  for (int i = 0; i < 256; ++i) {
    const double exact = 65536.0 / (1.0 + std::exp(-i / 24.0));
    EXPECT_LE(std::fabs(nn::kSigmoidTable[i] - exact), 2.0) << i;
  }
}

TEST(Int16ActivationsTest, SigmoidAndTanhOfQ312MatchTheFunctionsOnEveryInput) {
  std::vector<int16_t> in(65536), sig(65536), th(65536);
  for (int i = 0; i < 65536; ++i) in[i] = static_cast<int16_t>(i - 32768);
  nn::SigmoidInt16(0, 0, in.data(), sig.data(), 65536);
  nn::TanhInt16(0, 0, in.data(), th.data(), 65536);
  double worst_sigmoid = 0, worst_tanh = 0;
  for (int i = 0; i < 65536; ++i) {
    const double x = in[i] / 4096.0;
    worst_sigmoid = std::max(worst_sigmoid, std::fabs(sig[i] - 32768.0 / (1.0 + std::exp(-x))));
    worst_tanh = std::max(worst_tanh, std::fabs(th[i] - 32768.0 * std::tanh(x)));
    if (i > 0) {
      EXPECT_GE(sig[i], sig[i - 1]) << x;  // monotonic
      EXPECT_GE(th[i], th[i - 1]) << x;
    }
    EXPECT_LE(th[i], 32767);
    EXPECT_GE(th[i], -32767);
  }
  EXPECT_LE(worst_sigmoid, 2.0);  // LSB of 2^-15: table steps of 1/24 interpolated
  EXPECT_LE(worst_tanh, 2.0);
  std::printf("int16 activations: worst error sigmoid %.2f, tanh %.2f LSB\n", worst_sigmoid, worst_tanh);
}

// SVDF on random data, several Invokes: the state moves one column per
// Invoke and takes the quantized feature; the output is the rescaled time
// product; both within one rounding of the float computation.
template <typename State>
void CheckSvdf(nn::tflite::TensorType state_type, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  nn::SvdfParams p{};
  p.state_type = state_type;
  p.batches = 2;
  p.input_size = 5;
  p.rank = 2;
  p.units = 3;
  p.filters = p.units * p.rank;
  p.memory = 4;
  p.input_zero_point = 3;
  p.state_zero_point = state_type == nn::tflite::TensorType::kInt8 ? -7 : 0;
  p.output_zero_point = -2;
  const double feature_scale = 0.0123, time_scale = state_type == nn::tflite::TensorType::kInt8 ? 0.0071 : 3.1e-5;
  int shift = 0;
  nn::QuantizeMultiplier(feature_scale, &p.feature_multiplier, &shift);
  p.feature_shift = shift;
  nn::QuantizeMultiplier(time_scale, &p.time_multiplier, &shift);
  p.time_shift = shift;
  std::vector<int8_t> feature(static_cast<size_t>(p.filters * p.input_size));
  std::vector<State> time(static_cast<size_t>(p.filters * p.memory));
  std::vector<int32_t> bias(static_cast<size_t>(p.units));
  for (auto& v : feature) v = static_cast<int8_t>(byte(rng));
  for (auto& v : time) v = static_cast<State>(byte(rng) * (sizeof(State) == 2 ? 100 : 1));
  for (auto& v : bias) v = byte(rng) * 10;
  std::vector<State> state(static_cast<size_t>(p.batches * p.filters * p.memory), static_cast<State>(p.state_zero_point));
  std::vector<int32_t> scratch(nn::SvdfScratchBytes(p) / 4);
  for (int step = 0; step < 7; ++step) {
    std::vector<int8_t> input(static_cast<size_t>(p.batches * p.input_size)), output(static_cast<size_t>(p.batches * p.units));
    for (auto& v : input) v = static_cast<int8_t>(byte(rng));
    const std::vector<State> before = state;
    nn::SvdfInt8(p, input.data(), feature.data(), time.data(), bias.data(), state.data(), output.data(), scratch.data());
    for (int b = 0; b < p.batches; ++b) {
      for (int f = 0; f < p.filters; ++f) {
        const size_t row = static_cast<size_t>((b * p.filters + f) * p.memory);
        for (int m = 0; m + 1 < p.memory; ++m) EXPECT_EQ(state[row + m], before[row + m + 1]) << "shifted";
        double acc = 0;
        for (int i = 0; i < p.input_size; ++i) {
          acc += feature[f * p.input_size + i] * (input[b * p.input_size + i] - p.input_zero_point);
        }
        const double expected = std::clamp(acc * feature_scale + p.state_zero_point,
                                           double{std::numeric_limits<State>::min()},
                                           double{std::numeric_limits<State>::max()});
        EXPECT_LE(std::fabs(state[row + p.memory - 1] - expected), 1.0)
            << "feature b" << b << " f" << f;
      }
      for (int u = 0; u < p.units; ++u) {
        double acc = bias[u];
        for (int r = 0; r < p.rank; ++r) {
          const int f = u * p.rank + r;
          for (int m = 0; m < p.memory; ++m) {
            acc += time[f * p.memory + m] *
                   (state[static_cast<size_t>((b * p.filters + f) * p.memory + m)] - p.state_zero_point);
          }
        }
        const double expected = std::clamp(acc * time_scale + p.output_zero_point, -128.0, 127.0);
        EXPECT_LE(std::fabs(output[b * p.units + u] - expected), 1.0) << "step " << step << " b" << b << " u" << u;
      }
    }
  }
}

TEST(SvdfKernelTest, Int8StateShiftsAndRescales) { CheckSvdf<int8_t>(nn::tflite::TensorType::kInt8, 1); }
TEST(SvdfKernelTest, Int16StateShiftsAndRescales) { CheckSvdf<int16_t>(nn::tflite::TensorType::kInt16, 2); }

// The trained LSTM's op, prepared from the model and run by LstmInt8 on the
// golden input, against a float LSTM on the dequantized weights: every
// hidden state of the 28 steps within a few int8 steps (the integer kernel
// rounds h to int8 at every step and the gates to 2^-15).
TEST(LstmKernelTest, TrainedModelFollowsTheFloatLstm) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  AlignedBytes blob(ReadBytes(SharedModelsDir() / "trained_lstm_int8.tflite"));
  nn::Model model;
  nn::NnError error;
  ASSERT_EQ(model.Init(blob.data(), blob.size(), &error), NnStatus::kOk);
  nn::OpView op;
  ASSERT_EQ(model.GetOp(0, &op, &error), NnStatus::kOk);
  nn::OpContext ctx(model, op, "UNIDIRECTIONAL_SEQUENCE_LSTM", &error);
  nn::LstmParams p{};
  nn::OpMemory memory;
  ASSERT_EQ(nn::kernels::kUnidirectionalSequenceLstm.prepare(ctx, &p, &memory), NnStatus::kOk);
  ASSERT_EQ(memory.scratch_bytes, nn::LstmScratchBytes(p));
  auto tensor = [&](int input) {
    nn::TensorView t;
    EXPECT_EQ(model.GetTensor(static_cast<uint32_t>(op.inputs[input]), &t, &error), NnStatus::kOk);
    return t;
  };
  nn::LstmWeights w{};
  std::vector<std::vector<float>> wf(8), bf(4);
  for (int g = 0; g < 4; ++g) {
    for (int k = 0; k < 2; ++k) {
      const nn::TensorView t = tensor(1 + 4 * k + g);
      const auto* q = reinterpret_cast<const int8_t*>(t.const_data);
      (k ? w.recurrent : w.input)[g] = q;
      for (uint32_t i = 0; i < t.elements; ++i) wf[4 * k + g].push_back(q[i] * t.scale());
    }
    const nn::TensorView b = tensor(12 + g);
    w.bias[g] = reinterpret_cast<const int32_t*>(b.const_data);
    for (uint32_t i = 0; i < b.elements; ++i) bf[g].push_back(static_cast<float>(w.bias[g][i] * double(b.scale())));
  }
  const nn::TensorView x_t = tensor(0), h_t = tensor(18);
  const std::vector<uint8_t> input_bytes = ReadBytes(SharedModelsDir() / "golden/trained_lstm_int8/input_0.bin");
  ASSERT_EQ(input_bytes.size(), x_t.bytes);
  const auto* x = reinterpret_cast<const int8_t*>(input_bytes.data());
  const int S = p.state_size, I = p.input_size;
  std::vector<int8_t> hidden(static_cast<size_t>(S), static_cast<int8_t>(h_t.zero_point()));
  std::vector<int16_t> cell(static_cast<size_t>(S), 0);
  std::vector<int8_t> output(static_cast<size_t>(p.time_steps * S));
  std::vector<int16_t> scratch(nn::LstmScratchBytes(p) / 2);
  nn::LstmInt8(p, w, x, hidden.data(), cell.data(), output.data(), scratch.data());

  std::vector<double> h(static_cast<size_t>(S), 0.0), c(static_cast<size_t>(S), 0.0);
  auto sigmoid = [](double v) { return 1.0 / (1.0 + std::exp(-v)); };
  int worst = 0;
  for (int t = 0; t < p.time_steps; ++t) {
    std::vector<double> gate[4];
    for (int g = 0; g < 4; ++g) {
      gate[g].resize(static_cast<size_t>(S));
      for (int s = 0; s < S; ++s) {
        double v = bf[g][s];
        for (int i = 0; i < I; ++i) v += wf[g][s * I + i] * (x[t * I + i] - x_t.zero_point()) * x_t.scale();
        for (int k = 0; k < S; ++k) v += wf[4 + g][s * S + k] * h[k];
        gate[g][s] = g == nn::kLstmCellGate ? std::tanh(v) : sigmoid(v);
      }
    }
    for (int s = 0; s < S; ++s) {
      c[s] = std::clamp(gate[nn::kLstmForgetGate][s] * c[s] + gate[nn::kLstmInputGate][s] * gate[nn::kLstmCellGate][s],
                        -10.0, 10.0);
      h[s] = gate[nn::kLstmOutputGate][s] * std::tanh(c[s]);
      const double q = std::clamp(std::round(h[s] / h_t.scale()) + h_t.zero_point(), -128.0, 127.0);
      worst = std::max(worst, static_cast<int>(std::fabs(output[t * S + s] - q)));
    }
  }
  std::printf("LSTM against float: worst %d int8 steps over %d outputs\n", worst, p.time_steps * S);
  EXPECT_LE(worst, 2);
  // The last hidden state is what the kernel left in the state tensor.
  EXPECT_EQ(std::memcmp(hidden.data(), output.data() + (p.time_steps - 1) * S, static_cast<size_t>(S)), 0);
}

// Through the interpreter: the LSTM's state tensors are kept from one Invoke
// to the next (a second Invoke on the same input starts from the first one's
// state) and a new Prepare zeroes them again.
TEST(LstmKernelTest, StatePersistsAcrossInvokesAndPrepareResetsIt) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  std::unique_ptr<LoadedModel> m = LoadModel(SharedModelsDir() / "trained_lstm_int8.tflite");
  ASSERT_TRUE(m);
  const std::vector<uint8_t> input = ReadBytes(SharedModelsDir() / "golden/trained_lstm_int8/input_0.bin");
  const std::vector<uint8_t> golden = ReadBytes(SharedModelsDir() / "golden/trained_lstm_int8/output_0.bin");
  auto run = [&] {
    std::memcpy(m->interpreter.input(0).data, input.data(), input.size());
    EXPECT_EQ(m->interpreter.Invoke(), NnStatus::kOk);
    const auto* out = static_cast<const uint8_t*>(m->interpreter.output(0).data);
    return std::vector<uint8_t>(out, out + m->interpreter.output(0).bytes);
  };
  EXPECT_EQ(run(), golden);
  EXPECT_NE(run(), golden);  // from the state the first Invoke left
  ASSERT_EQ(m->interpreter.Prepare(m->arena.data(), m->arena.size()), NnStatus::kOk);
  EXPECT_EQ(run(), golden);
}

}  // namespace
}  // namespace mote::testing
