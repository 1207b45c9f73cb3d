// Real FFT speed: micro/dsp's RfftF32 and RfftQ15 against KissFFT's
// kiss_fftr in the same run, same inputs, same process.
//
//   cmake -S . -B build -G Ninja -DMOTE_BUILD_BENCH=ON && ninja -C build fft_bench
//   build/bench/fft_bench --benchmark_repetitions=10 --benchmark_min_time=0.1
//       --benchmark_enable_random_interleaving=true      (one command line)
// Interleaving the runs keeps the ratios stable on a loaded machine.
//
// After Google Benchmark's table it prints one line per length with calls
// per second and the ratio mote / KissFFT (goal: >= 1.0 for float).
#include <benchmark/benchmark.h>
#include <kiss_fftr.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "micro/dsp/rfft_f32.h"
#include "micro/dsp/rfft_q15.h"

namespace {

using mote::dsp::Arena;
using mote::dsp::Complex;
using mote::dsp::ComplexQ15;
using mote::dsp::DspStatus;

std::vector<float> Noise(size_t n) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> x(n);
  for (float& v : x) v = u(rng);
  return x;
}

void BM_RfftF32(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  std::vector<unsigned char> memory(mote::dsp::RfftF32ArenaBytes(n) + mote::dsp::kArenaAlign);
  Arena arena(memory.data(), memory.size());
  mote::dsp::RfftPlanF32 plan;
  if (mote::dsp::InitRfftF32(n, &arena, &plan) != DspStatus::kOk) state.SkipWithError("init failed");
  const std::vector<float> in = Noise(n);
  std::vector<Complex> out(n / 2 + 1);
  for (auto _ : state) {
    mote::dsp::RfftF32(plan, in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}

void BM_RfftQ15(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  std::vector<unsigned char> memory(mote::dsp::RfftQ15ArenaBytes(n) + mote::dsp::kArenaAlign);
  Arena arena(memory.data(), memory.size());
  mote::dsp::RfftPlanQ15 plan;
  if (mote::dsp::InitRfftQ15(n, &arena, &plan) != DspStatus::kOk) state.SkipWithError("init failed");
  std::vector<int16_t> in;
  // RfftQ15 takes |in| <= 2^14 (a normalised frame).
  for (float v : Noise(n)) in.push_back(static_cast<int16_t>(std::lround(v * mote::dsp::kRfftQ15MaxInput)));
  std::vector<ComplexQ15> out(n / 2 + 1);
  for (auto _ : state) {
    mote::dsp::RfftQ15(plan, in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}

void BM_KissFftr(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  kiss_fftr_cfg cfg = kiss_fftr_alloc(n, 0, nullptr, nullptr);
  const std::vector<float> in = Noise(static_cast<size_t>(n));
  std::vector<kiss_fft_cpx> out(static_cast<size_t>(n / 2 + 1));
  for (auto _ : state) {
    kiss_fftr(cfg, in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  kiss_fftr_free(cfg);
}

#define MOTE_FFT_LENGTHS RangeMultiplier(2)->Range(64, 4096)
BENCHMARK(BM_RfftF32)->MOTE_FFT_LENGTHS;
BENCHMARK(BM_KissFftr)->MOTE_FFT_LENGTHS;
BENCHMARK(BM_RfftQ15)->MOTE_FFT_LENGTHS;

// Prints the usual table and remembers the mean CPU time of every
// (benchmark, length) so that the ratios can be printed at the end.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      const std::string name = run.run_name.function_name;
      const long n = std::stol(run.run_name.args);
      Mean& m = seconds_[{name, n}];
      m.sum += run.cpu_accumulated_time / static_cast<double>(run.iterations);
      m.count += 1;
    }
  }

  void PrintRatios() const {
    std::printf("\nreal FFT calls/s (mean CPU time), mote vs KissFFT in this run:\n");
    for (const auto& [key, kiss] : seconds_) {
      if (key.first != "BM_KissFftr") continue;
      const double kiss_rate = 1.0 / kiss.mean();
      std::printf("  N=%5ld  KissFFT %10.0f", key.second, kiss_rate);
      for (const char* ours : {"BM_RfftF32", "BM_RfftQ15"}) {
        const auto it = seconds_.find({ours, key.second});
        if (it == seconds_.end()) continue;
        const double rate = 1.0 / it->second.mean();
        std::printf("  %s %10.0f (%.2fx)", ours + 3, rate, rate / kiss_rate);
      }
      std::printf("\n");
    }
  }

 private:
  struct Mean {
    double sum = 0.0;
    int count = 0;
    double mean() const { return sum / count; }
  };
  std::map<std::pair<std::string, long>, Mean> seconds_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
