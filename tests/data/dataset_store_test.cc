#include "data/dataset_store.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace mote {
namespace {

ImportedSample Series(float seed, size_t frames = 10) {
  std::vector<float> v(frames * 3);
  for (size_t i = 0; i < v.size(); ++i) v[i] = seed + static_cast<float>(i);
  ImportedSample s;
  s.data = SampleData::FromF32({static_cast<uint32_t>(frames), 3}, v);
  s.sample_rate_hz = 100;
  s.axes = {{"accX", "m/s2"}, {"accY", "m/s2"}, {"accZ", "m/s2"}};
  s.source = "test#" + std::to_string(seed);
  return s;
}

class DatasetStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = DatasetStore::Open(dir_ / "store.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  // Imports samples with seeds [from, to) under `label` and commits.
  void Import(int from, int to, const std::string& label, double ratio = 0.3) {
    auto session = store_->BeginImport(ratio, "test");
    ASSERT_TRUE(session.ok());
    for (int i = from; i < to; ++i) ASSERT_TRUE((*session)->Add(Series(static_cast<float>(i)), label).ok());
    ASSERT_TRUE((*session)->Commit().ok());
  }
  std::map<std::string, Split> Splits() {
    std::map<std::string, Split> m;
    auto list = store_->List({});
    for (const auto& s : *list) m[s.hash] = s.split;
    return m;
  }
  testing::TempDir dir_;
  std::unique_ptr<DatasetStore> store_;
};

TEST_F(DatasetStoreTest, StoresValuesAndMetadataByContent) {
  Import(0, 3, "wave");
  auto list = store_->List({});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  const SampleInfo& s = (*list)[1];
  EXPECT_EQ(s.label, "wave");
  EXPECT_EQ(s.shape, (std::vector<uint32_t>{10, 3}));
  EXPECT_EQ(s.axes[1].name, "accY");
  EXPECT_DOUBLE_EQ(s.duration_ms(), 100.0);
  auto data = store_->Load(s.hash);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->f32()[4], 5.0f);  // seed 1 + index 4
}

TEST_F(DatasetStoreTest, DuplicatesAreSkippedAndCounted) {
  Import(0, 5, "wave");
  auto session = store_->BeginImport(0.2, "again");
  ASSERT_TRUE(session.ok());
  for (int i = 3; i < 8; ++i) ASSERT_TRUE((*session)->Add(Series(static_cast<float>(i)), "wave").ok());
  // The same content twice in one import is also one sample.
  EXPECT_FALSE(*(*session)->Add(Series(7), "wave"));
  ASSERT_TRUE((*session)->Commit().ok());
  EXPECT_EQ((*session)->added(), 3);
  EXPECT_EQ((*session)->duplicates(), 3);
  EXPECT_EQ(store_->List({})->size(), 8u);
}

TEST_F(DatasetStoreTest, SplitDependsOnlyOnContentAndNeverMoves) {
  Import(0, 200, "a");
  auto before = Splits();
  int test = 0;
  for (const auto& [h, s] : before) test += s == Split::kTest;
  // 30 % of 200 by hash: well within binomial noise of 60.
  EXPECT_GT(test, 35);
  EXPECT_LT(test, 85);
  // Re-importing everything plus new samples, even with another ratio,
  // leaves every existing sample where it was.
  Import(0, 400, "a", 0.5);
  auto after = Splits();
  for (const auto& [h, s] : before) EXPECT_EQ(after[h], s) << h;
  for (const auto& [h, s] : after) EXPECT_EQ(s, SplitForHash(h, before.count(h) ? 0.3 : 0.5));
}

TEST_F(DatasetStoreTest, ExplicitSplitWins) {
  auto session = store_->BeginImport(0.0, "t");
  ImportedSample s = Series(1);
  s.split = Split::kTest;
  ASSERT_TRUE((*session)->Add(s, "x").ok());
  ASSERT_TRUE((*session)->Commit().ok());
  EXPECT_EQ(store_->List({})->at(0).split, Split::kTest);
}

TEST_F(DatasetStoreTest, UncommittedImportLeavesNothing) {
  Import(0, 2, "a");
  auto digest = store_->WorkingSetDigest();
  {
    auto session = store_->BeginImport(0.2, "aborted");
    ASSERT_TRUE(session.ok());
    ASSERT_TRUE((*session)->Add(Series(50), "a").ok());
  }  // destroyed without Commit
  EXPECT_EQ(store_->List({})->size(), 2u);
  EXPECT_EQ(*store_->WorkingSetDigest(), *digest);
}

TEST_F(DatasetStoreTest, SnapshotsAreImmutableAndDiffable) {
  Import(0, 4, "wave");
  auto v1 = store_->CreateSnapshot("v1", "first");
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->samples, 4);
  EXPECT_EQ(store_->CreateSnapshot("v1", "").status().code(), Status::Code::kAlreadyExists);
  EXPECT_EQ(store_->CreateSnapshot("bad name", "").status().code(), Status::Code::kUsage);

  Import(4, 6, "idle");
  SampleFilter one;
  one.ids = {1};
  ASSERT_EQ(*store_->Relabel(one, "shake"), 1);
  SampleFilter two;
  two.ids = {2};
  ASSERT_EQ(*store_->Exclude(two, "noisy"), 1);
  ASSERT_TRUE(store_->CreateSnapshot("v2", "").ok());

  auto d = store_->Diff("v1", "v2");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->added.size(), 2u);
  ASSERT_EQ(d->removed.size(), 1u);
  EXPECT_EQ(d->removed[0].id, 2);
  ASSERT_EQ(d->relabelled.size(), 1u);
  EXPECT_EQ(d->relabelled[0].from, "wave");
  EXPECT_EQ(d->relabelled[0].to, "shake");

  // v1 still lists its members with the labels they had then.
  auto members = store_->List({}, std::string("v1"));
  ASSERT_EQ(members->size(), 4u);
  EXPECT_EQ(members->at(0).label, "wave");
  EXPECT_EQ(store_->Stats(std::string("v1"))->labels["wave"].total(), 4);
  // The working set equals v2.
  EXPECT_EQ(store_->Diff("v2", "@")->added.size(), 0u);
  EXPECT_EQ(store_->Diff("nope", "@").status().code(), Status::Code::kNotFound);
}

TEST_F(DatasetStoreTest, ExcludeIncludeAndStats) {
  Import(0, 6, "a");
  Import(6, 8, "b");
  SampleFilter b;
  b.labels = {"b"};
  EXPECT_EQ(*store_->Exclude(b, "check"), 2);
  auto st = store_->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->all.total(), 6);
  EXPECT_EQ(st->all.excluded, 2);
  EXPECT_EQ(st->labels["b"].excluded, 2);
  EXPECT_EQ(*store_->Include(b), 2);
  EXPECT_DOUBLE_EQ(store_->Stats()->imbalance_ratio, 3.0);
  // An empty selection is refused rather than touching everything.
  EXPECT_EQ(store_->Exclude(SampleFilter{}, "x").status().code(), Status::Code::kUsage);
}

TEST_F(DatasetStoreTest, DigestFollowsLabelsAndMembership) {
  Import(0, 3, "a");
  std::string d0 = *store_->WorkingSetDigest();
  SampleFilter one;
  one.ids = {1};
  ASSERT_EQ(*store_->Relabel(one, "b"), 1);
  std::string d1 = *store_->WorkingSetDigest();
  EXPECT_NE(d0, d1);
  ASSERT_EQ(*store_->Relabel(one, "a"), 1);
  EXPECT_EQ(*store_->WorkingSetDigest(), d0);
}

TEST(SampleQuery, ParsesTermsAndRejectsBadOnes) {
  auto f = ParseSampleQuery("label=wave label=idle split=test id=3..5 source~*x*");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->labels.size(), 2u);
  EXPECT_EQ(f->ids, (std::vector<int64_t>{3, 4, 5}));
  EXPECT_EQ(f->split, Split::kTest);
  EXPECT_EQ(f->source_glob, "*x*");
  EXPECT_EQ(ParseSampleQuery("colour=red").status().code(), Status::Code::kUsage);
  EXPECT_EQ(ParseSampleQuery("id=5..3").status().code(), Status::Code::kUsage);
  EXPECT_EQ(ParseSampleQuery("label~x").status().code(), Status::Code::kUsage);
}

TEST(SampleBlob, RoundTripsAndRejectsDamage) {
  std::vector<int16_t> v = {1, -2, 3, 32767, -32768, 0};
  SampleData d = SampleData::FromI16({3, 2}, v);
  auto blob = EncodeSample(d);
  auto back = DecodeSample(blob);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->shape, d.shape);
  EXPECT_EQ(back->i16()[4], -32768);
  blob.pop_back();
  EXPECT_EQ(DecodeSample(blob).status().code(), Status::Code::kCorruption);
  blob[0] = 'X';
  EXPECT_EQ(DecodeSample(blob).status().code(), Status::Code::kCorruption);
}

}  // namespace
}  // namespace mote
