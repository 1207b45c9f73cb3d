// A killed or interrupted import leaves the store as it was and usable.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "core/sqlite.h"
#include "import_test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using testing::MoteProcess;
using testing::TempDir;

void PutBigEndian(std::vector<uint8_t>* out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out->push_back(static_cast<uint8_t>(v >> s));
}

// An uncompressed IDX pair of `n` distinct 28x28 images, big enough that
// importing it takes a while.
void WriteIdxPair(const fs::path& dir, const std::string& prefix, uint32_t n) {
  std::vector<uint8_t> images, labels;
  PutBigEndian(&images, 0x803);
  PutBigEndian(&images, n);
  PutBigEndian(&images, 28);
  PutBigEndian(&images, 28);
  PutBigEndian(&labels, 0x801);
  PutBigEndian(&labels, n);
  uint32_t x = 12345;
  for (uint32_t i = 0; i < n; ++i) {
    for (int p = 0; p < 784; ++p) {
      x = x * 1664525u + 1013904223u;
      images.push_back(static_cast<uint8_t>(x >> 24));
    }
    labels.push_back(static_cast<uint8_t>(i % 10));
  }
  testing::WriteBytes(dir / (prefix + "-images-idx3-ubyte"), images);
  testing::WriteBytes(dir / (prefix + "-labels-idx1-ubyte"), labels);
}

std::string IntegrityCheck(const fs::path& project) {
  auto db = Db::Open(project / ".mote" / "store.db");
  if (!db.ok()) return db.status().ToString();
  auto st = (*db)->Prepare("PRAGMA integrity_check");
  if (!st.ok() || !st->Step().ok()) return "cannot check";
  return st->Text(0);
}

// Bytes the process has read so far (rchar of /proc/PID/io); -1 once gone.
long long BytesRead(int pid) {
  std::ifstream io("/proc/" + std::to_string(pid) + "/io");
  std::string key;
  long long value;
  while (io >> key >> value)
    if (key == "rchar:") return value;
  return -1;
}

// Starts an import of the big pair, waits until it has read a third of the
// images file (so it is in the middle of parsing and storing), sends `sig`.
testing::RunResult InterruptImport(const fs::path& project, const fs::path& data, int sig) {
  fs::path images = data / "train-images-idx3-ubyte";
  long long third = static_cast<long long>(fs::file_size(images) / 3);
  MoteProcess p({"-C", project.string(), "data", "import", images.string(),
                 (data / "train-labels-idx1-ubyte").string()},
                project);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    long long n = BytesRead(p.pid());
    if (n < 0 || n > third) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(p.pid(), sig);
  return p.Wait();
}

class ImportInterruptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    project_ = testing::MakeProject(tmp_);
    WriteIdxPair(tmp_ / "small", "train", 50);
    WriteIdxPair(tmp_ / "big", "train", 20000);
    auto first = testing::RunImport(project_, {(tmp_ / "small").string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    before_ = testing::StoreFingerprint(project_);
  }
  void ExpectUnchangedAndUsable() {
    EXPECT_EQ(IntegrityCheck(project_), "ok");
    EXPECT_EQ(testing::StoreFingerprint(project_), before_);
    // The store still takes the whole import afterwards. The small pair is
    // the big one's first 50 images, so 19,950 are new.
    auto again = testing::RunMote({"-C", project_.string(), "--json", "data", "import", (tmp_ / "big").string()},
                                  project_);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("\"added\": 19950"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("\"duplicates\": 50"), std::string::npos) << again.out;
  }
  TempDir tmp_;
  fs::path project_;
  std::string before_;
};

TEST_F(ImportInterruptTest, SigkillMidImportLeavesTheStoreAsItWas) {
  auto r = InterruptImport(project_, tmp_ / "big", SIGKILL);
  ASSERT_EQ(r.exit_code, 128 + SIGKILL) << "the import ended before it could be killed: " << r.err;
  ExpectUnchangedAndUsable();
}

TEST_F(ImportInterruptTest, CtrlCRollsBackWithOneLine) {
  auto r = InterruptImport(project_, tmp_ / "big", SIGINT);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mote: error: interrupted; nothing was imported\n");
  ExpectUnchangedAndUsable();
}

}  // namespace
}  // namespace mote
