// End-to-end tests of `mote data collect`: a fake sensor writes data-forwarder
// lines into a pseudo-terminal pair at 100 Hz and the real `mote` binary reads
// the other end as its serial port.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "core/file_util.h"
#include "data/dataset_store.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using mote::testing::MoteProcess;
using mote::testing::RunMote;
using mote::testing::RunResult;
using mote::testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr double kRateHz = 100;

// Writes reading i as "i,i.25,-i\r\n" at kRateHz from a thread, followed by
// `garbage_per_period` garbage lines after every reading whose index is below
// that count modulo `period`. Garbage comes as three kinds in turn: text,
// too few values, a non-number among numbers.
class FakeSensor {
 public:
  FakeSensor(int period, int garbage_per_period) : period_(period), garbage_per_period_(garbage_per_period) {
    termios raw{};
    ::cfmakeraw(&raw);
    char name[256];
    int slave = -1;
    EXPECT_EQ(::openpty(&master_, &slave, name, &raw, nullptr), 0);
    port_ = name;
    // The mote child must not inherit the master: closing it is our disconnect.
    ::fcntl(master_, F_SETFD, FD_CLOEXEC);
    ::close(slave);
  }
  ~FakeSensor() { Disconnect(); }

  const std::string& port() const { return port_; }

  void Start() {
    writer_ = std::thread([this] {
      Clock::time_point start = Clock::now();
      for (int i = 0; !stop_; ++i) {
        std::string lines = std::to_string(i) + "," + std::to_string(i) + ".25," + std::to_string(-i) + "\r\n";
        if (i % period_ < garbage_per_period_) lines += GarbageLine(garbage_++);
        if (::write(master_, lines.data(), lines.size()) < 0) return;
        std::this_thread::sleep_until(start + std::chrono::microseconds(static_cast<int64_t>((i + 1) * 1e6 / kRateHz)));
      }
    });
  }

  // Stops writing and closes the master: the device goes away.
  void Disconnect() {
    stop_ = true;
    if (writer_.joinable()) writer_.join();
    if (master_ >= 0) ::close(master_);
    master_ = -1;
  }

  // True if reading i is followed by a garbage line.
  bool GarbageAfter(int64_t i) const { return i % period_ < garbage_per_period_; }

 private:
  static std::string GarbageLine(int k) {
    switch (k % 3) {
      case 0: return "sensor says hello\r\n";
      case 1: return "1.5,2.5\r\n";
      default: return "1,abc,3\r\n";
    }
  }

  int period_, garbage_per_period_;
  int master_ = -1;
  std::string port_;
  std::thread writer_;
  std::atomic<bool> stop_{false};
  int garbage_ = 0;
};

// Waits until process `pid` has `port` open (so that timings start when mote
// reads, not when it was forked).
bool WaitUntilOpened(int pid, const std::string& port) {
  auto until = Clock::now() + std::chrono::seconds(10);
  fs::path fds = "/proc/" + std::to_string(pid) + "/fd";
  while (Clock::now() < until) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(fds, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code link_ec;
      if (fs::read_symlink(it->path(), link_ec) == port) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

class CollectSerial : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult init = RunMote({"init", "proj", "--template", "motion"}, dir_.path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
    project_ = dir_ / "proj";
  }

  // The project's store, created if mote has not created it yet.
  std::unique_ptr<DatasetStore> Store() {
    fs::create_directories(project_ / ".mote");
    auto store = DatasetStore::Open(project_ / ".mote" / "store.db");
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  std::vector<SampleInfo> Samples() {
    auto list = Store()->List(SampleFilter{});
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.ok() ? *list : std::vector<SampleInfo>{};
  }

  std::string Digest() {
    auto digest = Store()->WorkingSetDigest();
    EXPECT_TRUE(digest.ok()) << digest.status().ToString();
    return digest.ok() ? *digest : "";
  }

  // Runs `mote data collect --port <sensor> ARGS --json -q`; once mote has
  // the port open, waits `after` and then does `act` (disconnect, signal).
  RunResult Collect(FakeSensor& sensor, std::vector<std::string> args, double after = -1,
                    const std::function<void(int pid)>& act = nullptr) {
    std::vector<std::string> full = {"data", "collect", "--port", sensor.port(), "--json", "-q"};
    full.insert(full.end(), args.begin(), args.end());
    MoteProcess mote(full, project_);
    sensor.Start();
    if (act) {
      EXPECT_TRUE(WaitUntilOpened(mote.pid(), sensor.port()));
      std::this_thread::sleep_for(std::chrono::duration<double>(after));
      act(mote.pid());
    }
    return mote.Wait();
  }

  TempDir dir_;
  fs::path project_;
};

nlohmann::json Json(const RunResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

void ExpectRateNear100(double hz) {
  EXPECT_GE(hz, kRateHz * 0.95);
  EXPECT_LE(hz, kRateHz * 1.05);
}

// Checks that the stored windows hold consecutive readings i, i.25, -i and
// returns the first and last reading.
std::pair<int64_t, int64_t> ExpectConsecutiveReadings(DatasetStore& store, const std::vector<SampleInfo>& samples) {
  int64_t first = -1, next = -1;
  for (const SampleInfo& s : samples) {
    auto data = store.Load(s.hash);
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    if (!data.ok()) continue;
    std::span<const float> v = data->f32();
    for (size_t f = 0; f < v.size() / 3; ++f) {
      int64_t i = static_cast<int64_t>(v[f * 3]);
      if (first < 0) first = next = i;
      EXPECT_EQ(i, next) << "frame " << f << " of sample " << s.id;
      EXPECT_EQ(v[f * 3 + 1], v[f * 3] + 0.25f);
      EXPECT_EQ(v[f * 3 + 2], -v[f * 3]);
      next = i + 1;
    }
  }
  return {first, next - 1};
}

TEST_F(CollectSerial, CollectsWindowsOfMoteYamlLengthDespiteGarbage) {
  // Windows of 500 ms from mote.yaml rather than the template's 2 s.
  fs::path yaml = project_ / "mote.yaml";
  std::string text = *ReadFile(yaml);
  text.replace(text.find("size_ms: 2000"), 13, "size_ms: 500");
  mote::testing::WriteText(yaml, text);

  FakeSensor sensor(20, 1);  // one garbage line per 20 readings
  RunResult r = Collect(sensor, {"--label", "wave", "--seconds", "1.5", "--axes", "accX,accY,accZ"});
  nlohmann::json j = Json(r);
  ASSERT_TRUE(j.is_object()) << r.out;
  double hz = j["frequency_hz"];
  ExpectRateNear100(hz);
  int64_t window = std::llround(0.5 * hz), frames = std::llround(1.5 * hz);
  EXPECT_EQ(j["frames"], frames);
  EXPECT_EQ(j["windows"], frames / window);
  EXPECT_EQ(j["added"], frames / window);
  EXPECT_EQ(j["leftover_frames"], frames % window);
  EXPECT_EQ(j["axes"], (std::vector<std::string>{"accX", "accY", "accZ"}));
  EXPECT_EQ(j["complete"], true);
  EXPECT_EQ(j["ended_by"], "seconds");

  std::vector<SampleInfo> samples = Samples();
  ASSERT_EQ(static_cast<int64_t>(samples.size()), frames / window);
  for (const SampleInfo& s : samples) {
    EXPECT_EQ(s.label, "wave");
    EXPECT_EQ(s.sample_rate_hz, hz);
    EXPECT_EQ(s.shape, (std::vector<uint32_t>{static_cast<uint32_t>(window), 3}));
    ASSERT_EQ(s.axes.size(), 3u);
    EXPECT_EQ(s.axes[2].name, "accZ");
    EXPECT_EQ(s.source.rfind(sensor.port() + "#lines ", 0), 0u) << s.source;
  }
  auto [first, last] = ExpectConsecutiveReadings(*Store(), samples);
  EXPECT_EQ(last - first + 1, frames / window * window);
  // Garbage lines between the first and the last reading read were all read;
  // one just before the first may have been read too.
  int64_t between = 0;
  for (int64_t i = first; i < first + frames - 1; ++i) between += sensor.GarbageAfter(i);
  int64_t garbage = j["garbage"];
  EXPECT_GT(garbage, 0);
  EXPECT_GE(garbage, between);
  EXPECT_LE(garbage, between + 1);
  EXPECT_EQ(j["lines"], frames + garbage);
}

TEST_F(CollectSerial, DisconnectStoresTheCompleteWindows) {
  FakeSensor sensor(1000, 0);
  RunResult r = Collect(sensor, {"--label", "idle", "--seconds", "10", "--window-ms", "250"}, 1.3,
                        [&](int) { sensor.Disconnect(); });
  nlohmann::json j = Json(r);
  ASSERT_TRUE(j.is_object()) << r.out;
  ExpectRateNear100(j["frequency_hz"]);
  EXPECT_EQ(j["complete"], false);
  EXPECT_EQ(j["ended_by"], "disconnect");
  EXPECT_EQ(j["axes"], (std::vector<std::string>{"axis0", "axis1", "axis2"}));
  EXPECT_EQ(j["garbage"], 0);
  int64_t window = std::llround(0.25 * j["frequency_hz"].get<double>());
  int64_t windows = j["windows"];
  EXPECT_GE(windows, 3);  // about 1.3 s of readings
  EXPECT_EQ(windows, j["frames"].get<int64_t>() / window);
  std::string note = j["note"];
  EXPECT_NE(note.find("device disconnected after"), std::string::npos) << note;
  EXPECT_NE(note.find("stored the " + std::to_string(windows) + " complete windows"), std::string::npos) << note;
  std::vector<SampleInfo> samples = Samples();
  EXPECT_EQ(static_cast<int64_t>(samples.size()), windows);
  ExpectConsecutiveReadings(*Store(), samples);
}

TEST_F(CollectSerial, DisconnectBeforeTheFirstWindowStoresNothing) {
  std::string before = Digest();
  FakeSensor sensor(1000, 0);
  RunResult r = Collect(sensor, {"--label", "idle", "--seconds", "10", "--window-ms", "2000"}, 0.4,
                        [&](int) { sensor.Disconnect(); });
  EXPECT_EQ(r.exit_code, 1);
  std::regex expected("mote: error: " + sensor.port() +
                      ": device disconnected after [0-9.]+ of 10 s, before the first complete window of [0-9]+ "
                      "frames; nothing stored\n");
  EXPECT_TRUE(std::regex_match(r.err, expected)) << r.err;
  EXPECT_TRUE(Samples().empty());
  EXPECT_EQ(Digest(), before);
}

TEST_F(CollectSerial, TooMuchGarbageFailsNamingTheFirstBadLine) {
  std::string before = Digest();
  FakeSensor sensor(5, 2);  // 2 garbage lines per 5 readings: 29 %
  RunResult r = Collect(sensor, {"--label", "noise", "--seconds", "1", "--window-ms", "500"});
  EXPECT_EQ(r.exit_code, 1);
  std::regex expected("mote: error: " + sensor.port() +
                      ":[0-9]+: [^\n]+ \\([0-9]+ of [0-9]+ lines are garbage, over the 20% allowed; first bad lines: "
                      "[0-9]+, [0-9]+, [0-9]+, [0-9]+, [0-9]+\\)\n");
  EXPECT_TRUE(std::regex_match(r.err, expected)) << r.err;
  EXPECT_TRUE(Samples().empty());
  EXPECT_EQ(Digest(), before);

  // The same stream passes with a higher threshold.
  FakeSensor again(5, 2);
  RunResult ok = Collect(again, {"--label", "noise", "--seconds", "1", "--window-ms", "500", "--max-garbage", "0.4"});
  nlohmann::json j = Json(ok);
  ASSERT_TRUE(j.is_object()) << ok.out;
  EXPECT_NEAR(j["garbage"].get<double>() / j["lines"].get<double>(), 2.0 / 7, 0.03);
}

TEST_F(CollectSerial, InterruptStoresTheCompleteWindowsUnlessAllOrNothing) {
  std::string before = Digest();
  FakeSensor strict(1000, 0);
  RunResult refused = Collect(strict, {"--label", "wave", "--seconds", "10", "--window-ms", "250", "--all-or-nothing"},
                              1.2, [](int pid) { ::kill(pid, SIGINT); });
  EXPECT_EQ(refused.exit_code, 1);
  std::regex expected("mote: error: " + strict.port() +
                      ": interrupted after [0-9.]+ of 10 s; nothing stored \\(--all-or-nothing\\)\n");
  EXPECT_TRUE(std::regex_match(refused.err, expected)) << refused.err;
  EXPECT_EQ(Digest(), before);

  FakeSensor sensor(1000, 0);
  RunResult r = Collect(sensor, {"--label", "wave", "--seconds", "10", "--window-ms", "250"}, 1.2,
                        [](int pid) { ::kill(pid, SIGINT); });
  nlohmann::json j = Json(r);
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_EQ(j["ended_by"], "interrupt");
  EXPECT_EQ(j["complete"], false);
  EXPECT_GE(j["windows"].get<int64_t>(), 3);
  EXPECT_EQ(static_cast<int64_t>(Samples().size()), j["windows"].get<int64_t>());
}

TEST_F(CollectSerial, WithoutWindowTheWholeCollectionIsOneSample) {
  FakeSensor sensor(1000, 0);
  RunResult r = Collect(sensor, {"--label", "wave", "--seconds", "1", "--window-ms", "0", "--frequency", "100",
                                 "--axes", "x,y,z", "--split", "test"});
  nlohmann::json j = Json(r);
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_EQ(j["frequency_hz"], 100.0);
  EXPECT_EQ(j["windows"], 1);
  std::vector<SampleInfo> samples = Samples();
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_EQ(samples[0].shape, (std::vector<uint32_t>{100, 3}));
  EXPECT_EQ(samples[0].split, Split::kTest);
  EXPECT_EQ(samples[0].sample_rate_hz, 100);
  ExpectConsecutiveReadings(*Store(), samples);
}

TEST_F(CollectSerial, RefusesBadPortsAndRates) {
  RunResult missing = RunMote({"data", "collect", "--port", (dir_ / "ttyNONE").string(), "--label", "x"}, project_);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "mote: error: " + (dir_ / "ttyNONE").string() + ": cannot open: No such file or directory\n");

  mote::testing::WriteText(dir_ / "plain.txt", "1,2,3\n");
  RunResult plain = RunMote({"data", "collect", "--port", (dir_ / "plain.txt").string(), "--label", "x"}, project_);
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_NE(plain.err.find((dir_ / "plain.txt").string() + ": not a serial port"), std::string::npos) << plain.err;

  FakeSensor sensor(1000, 0);
  RunResult baud = RunMote({"data", "collect", "--port", sensor.port(), "--label", "x", "--baud", "12345"}, project_);
  EXPECT_EQ(baud.exit_code, 2);
  EXPECT_EQ(baud.err.rfind("mote: error: --baud 12345: not a standard rate (50, 75, ", 0), 0u) << baud.err;

  RunResult axes = RunMote({"data", "collect", "--port", sensor.port(), "--label", "x", "--axes", "a,,c"}, project_);
  EXPECT_EQ(axes.exit_code, 2);
  EXPECT_EQ(axes.err, "mote: error: --axes: name 2 is empty\n");

  RunResult nolabel = RunMote({"data", "collect", "--port", sensor.port()}, project_);
  EXPECT_EQ(nolabel.exit_code, 2);
  EXPECT_TRUE(Samples().empty());
}

}  // namespace
}  // namespace mote
