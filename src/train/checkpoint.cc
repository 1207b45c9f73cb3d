#include "train/checkpoint.h"

#include <cstring>

#include "core/hash.h"

namespace mote::train {

namespace {

constexpr char kCheckpointMagic[] = "MTCK";
constexpr uint32_t kCheckpointVersion = 1;

class Writer {
 public:
  template <typename T>
  void Put(T v) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  // A std::vector or a Tensor's buffer.
  template <typename Vector>
  void PutVector(const Vector& v) {
    Put<uint64_t>(v.size());
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(typename Vector::value_type));
  }
  // Rank, dims, then the values as a vector (a default Tensor, rank 0 and
  // no values, stands for an absent one: a layer without batch norm).
  void PutTensor(const Tensor<float>& t) {
    Put<uint32_t>(static_cast<uint32_t>(t.rank()));
    for (int64_t d : t.shape()) Put<int64_t>(d);
    PutVector(t.values());
  }
  void PutTensors(const std::vector<Tensor<float>>& ts) {
    Put<uint64_t>(ts.size());
    for (const Tensor<float>& t : ts) PutTensor(t);
  }
  void PutRng(const Rng::State& s) {
    for (uint64_t w : s.s) Put<uint64_t>(w);
    Put<double>(s.spare);
    Put<uint8_t>(s.has_spare);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {}

  template <typename T>
  Result<T> Get() {
    if (bytes_.size() - at_ < sizeof(T)) return Truncated();
    T v;
    std::memcpy(&v, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  template <typename T>
  Result<std::vector<T>> GetVector() {
    MOTE_ASSIGN_OR_RETURN(uint64_t n, Get<uint64_t>());
    if (n > (bytes_.size() - at_) / sizeof(T)) return Truncated();
    std::vector<T> v(n);
    std::memcpy(v.data(), bytes_.data() + at_, n * sizeof(T));
    at_ += n * sizeof(T);
    return v;
  }
  Result<Tensor<float>> GetTensor() {
    MOTE_ASSIGN_OR_RETURN(uint32_t rank, Get<uint32_t>());
    if (rank > 8) return Status::Corruption(name_ + ": a tensor of rank " + std::to_string(rank));
    Shape shape;
    for (uint32_t i = 0; i < rank; ++i) {
      MOTE_ASSIGN_OR_RETURN(int64_t d, Get<int64_t>());
      shape.push_back(d);
    }
    MOTE_ASSIGN_OR_RETURN(std::vector<float> values, GetVector<float>());
    if (rank == 0 && values.empty()) return Tensor<float>();
    // The product, checked as it grows so that no dimension can overflow it.
    uint64_t size = 1;
    bool fits = true;
    for (int64_t d : shape) {
      fits = fits && d >= 0 && (d == 0 || size <= values.size() / static_cast<uint64_t>(d));
      if (fits) size *= static_cast<uint64_t>(d);
    }
    if (!fits || size != values.size()) {
      return Status::Corruption(name_ + ": a tensor's values do not match its shape");
    }
    return Tensor<float>(std::move(shape), std::move(values));
  }
  Result<std::vector<Tensor<float>>> GetTensors() {
    MOTE_ASSIGN_OR_RETURN(uint64_t n, Get<uint64_t>());
    if (n > bytes_.size()) return Truncated();
    std::vector<Tensor<float>> ts;
    for (uint64_t i = 0; i < n; ++i) {
      MOTE_ASSIGN_OR_RETURN(Tensor<float> t, GetTensor());
      ts.push_back(std::move(t));
    }
    return ts;
  }
  Result<Rng::State> GetRng() {
    Rng::State s;
    for (uint64_t& w : s.s) {
      MOTE_ASSIGN_OR_RETURN(w, Get<uint64_t>());
    }
    MOTE_ASSIGN_OR_RETURN(s.spare, Get<double>());
    MOTE_ASSIGN_OR_RETURN(uint8_t has_spare, Get<uint8_t>());
    s.has_spare = has_spare != 0;
    return s;
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  Status Truncated() const { return Status::Corruption(name_ + ": truncated checkpoint"); }
  std::string_view bytes_;
  std::string name_;
  size_t at_ = 0;
};

}  // namespace

std::string SerializeCheckpoint(const TrainerCheckpoint& c) {
  Writer w;
  w.out().append(kCheckpointMagic, 4);
  w.Put<uint32_t>(kCheckpointVersion);
  w.Put<int64_t>(c.epochs_done);
  w.Put<int64_t>(c.step);
  w.PutTensors(c.model_state);
  w.Put<uint64_t>(c.optimizer.first.size());
  for (size_t k = 0; k < c.optimizer.first.size(); ++k) {
    w.PutVector(c.optimizer.first[k]);
    w.PutVector(c.optimizer.second[k]);
  }
  w.Put<int64_t>(c.optimizer.steps);
  w.PutRng(c.shuffle_rng);
  w.PutRng(c.dropout_rng);
  w.PutVector(c.order);
  w.Put<double>(c.best_loss);
  w.PutTensors(c.best_state);
  w.Put<int64_t>(c.since_best);
  w.Put<uint64_t>(c.history.size());
  for (const EpochMetrics& m : c.history) {
    w.Put<int64_t>(m.epoch);
    for (double v : {m.train_loss, m.train_accuracy, m.val_loss, m.val_accuracy, m.learning_rate, m.seconds,
                     m.samples_per_second}) {
      w.Put<double>(v);
    }
  }
  const Digest digest = Sha256Of(std::string_view(w.out()));
  w.out().append(reinterpret_cast<const char*>(digest.data()), digest.size());
  return std::move(w.out());
}

Result<TrainerCheckpoint> ParseCheckpoint(std::string_view bytes, const std::string& name) {
  const size_t digest_size = Digest().size();
  if (bytes.size() < 8 + digest_size || bytes.substr(0, 4) != std::string_view(kCheckpointMagic, 4)) {
    return Status::Corruption(name + ": not a mote training checkpoint");
  }
  const std::string_view body = bytes.substr(0, bytes.size() - digest_size);
  const Digest digest = Sha256Of(body);
  if (std::memcmp(digest.data(), bytes.data() + body.size(), digest_size) != 0) {
    return Status::Corruption(name + ": checksum mismatch (a damaged checkpoint)");
  }
  Reader r(body.substr(4), name);
  MOTE_ASSIGN_OR_RETURN(uint32_t version, r.Get<uint32_t>());
  if (version != kCheckpointVersion) {
    return Status::Corruption(name + ": checkpoint version " + std::to_string(version) + ", this mote reads " +
                              std::to_string(kCheckpointVersion));
  }
  TrainerCheckpoint c;
  MOTE_ASSIGN_OR_RETURN(c.epochs_done, r.Get<int64_t>());
  MOTE_ASSIGN_OR_RETURN(c.step, r.Get<int64_t>());
  MOTE_ASSIGN_OR_RETURN(c.model_state, r.GetTensors());
  MOTE_ASSIGN_OR_RETURN(uint64_t parameters, r.Get<uint64_t>());
  if (parameters > body.size()) return Status::Corruption(name + ": truncated checkpoint");
  for (uint64_t k = 0; k < parameters; ++k) {
    MOTE_ASSIGN_OR_RETURN(std::vector<float> first, r.GetVector<float>());
    MOTE_ASSIGN_OR_RETURN(std::vector<float> second, r.GetVector<float>());
    c.optimizer.first.push_back(std::move(first));
    c.optimizer.second.push_back(std::move(second));
  }
  MOTE_ASSIGN_OR_RETURN(c.optimizer.steps, r.Get<int64_t>());
  MOTE_ASSIGN_OR_RETURN(c.shuffle_rng, r.GetRng());
  MOTE_ASSIGN_OR_RETURN(c.dropout_rng, r.GetRng());
  MOTE_ASSIGN_OR_RETURN(c.order, r.GetVector<int64_t>());
  MOTE_ASSIGN_OR_RETURN(c.best_loss, r.Get<double>());
  MOTE_ASSIGN_OR_RETURN(c.best_state, r.GetTensors());
  MOTE_ASSIGN_OR_RETURN(c.since_best, r.Get<int64_t>());
  MOTE_ASSIGN_OR_RETURN(uint64_t epochs, r.Get<uint64_t>());
  if (epochs > body.size()) return Status::Corruption(name + ": truncated checkpoint");
  for (uint64_t e = 0; e < epochs; ++e) {
    EpochMetrics m;
    MOTE_ASSIGN_OR_RETURN(m.epoch, r.Get<int64_t>());
    for (double* v : {&m.train_loss, &m.train_accuracy, &m.val_loss, &m.val_accuracy, &m.learning_rate, &m.seconds,
                      &m.samples_per_second}) {
      MOTE_ASSIGN_OR_RETURN(*v, r.Get<double>());
    }
    c.history.push_back(m);
  }
  if (!r.done()) return Status::Corruption(name + ": bytes after the checkpoint's end");
  return c;
}

}  // namespace mote::train
