#include "train/host_interpreter.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>

#include <fmt/format.h>

namespace mote::train {

namespace {

constexpr std::align_val_t kAlignment{16};

bool IsInt8(const nn::Tensor& t) { return t.type == nn::tflite::TensorType::kInt8; }
bool RealOrInt8(const nn::Tensor& t) {
  return t.type == nn::tflite::TensorType::kFloat32 || (IsInt8(t) && t.scale > 0);
}
size_t Count(const nn::Tensor& t) { return IsInt8(t) ? t.bytes : t.bytes / sizeof(float); }

}  // namespace

void HostInterpreter::FreeAligned::operator()(uint8_t* p) const { ::operator delete[](p, kAlignment); }

HostInterpreter::AlignedBuffer HostInterpreter::Allocate(size_t bytes) {
  return AlignedBuffer(static_cast<uint8_t*>(::operator new[](bytes ? bytes : 1, kAlignment)));
}

Status HostInterpreter::Failed() const {
  char line[200];
  nn::FormatNnError(interpreter_.error(), line, sizeof line);
  return Status::InvalidArgument(name_ + ": " + line);
}

Result<std::unique_ptr<HostInterpreter>> HostInterpreter::Open(const std::string& bytes, const std::string& name) {
  std::unique_ptr<HostInterpreter> h(new HostInterpreter());
  h->name_ = name;
  h->blob_ = Allocate(bytes.size());
  std::memcpy(h->blob_.get(), bytes.data(), bytes.size());
  if (h->interpreter_.Init(h->blob_.get(), bytes.size()) != nn::NnStatus::kOk) return h->Failed();
  // Planning without an arena reports what it needs; then it fits.
  nn::NnStatus status = h->interpreter_.Prepare(nullptr, 0);
  for (int attempt = 0; attempt < 3 && status == nn::NnStatus::kArenaTooSmall; ++attempt) {
    h->arena_ = Allocate(h->interpreter_.arena_bytes_needed());
    status = h->interpreter_.Prepare(h->arena_.get(), h->interpreter_.arena_bytes_needed());
  }
  if (status != nn::NnStatus::kOk) return h->Failed();
  if (h->interpreter_.input_count() < 1 || h->interpreter_.output_count() < 1 ||
      !RealOrInt8(h->interpreter_.input(0)) || !RealOrInt8(h->interpreter_.output(0))) {
    return Status::InvalidArgument(name + ": its first input and output must be float32, or int8 with a scale");
  }
  return h;
}

size_t HostInterpreter::input_size() const { return Count(interpreter_.input(0)); }
size_t HostInterpreter::output_size() const { return Count(interpreter_.output(0)); }

Result<std::span<const float>> HostInterpreter::Run(std::span<const float> input) {
  if (input.size() != input_size()) {
    return Status::InvalidArgument(
        fmt::format("{}: the model takes {} values, got {}", name_, input_size(), input.size()));
  }
  const nn::Tensor in = interpreter_.input(0);
  if (IsInt8(in)) {
    int8_t* q = static_cast<int8_t*>(in.data);
    for (size_t i = 0; i < input.size(); ++i) {
      const long v = std::lround(input[i] / in.scale) + in.zero_point;
      q[i] = static_cast<int8_t>(std::clamp<long>(v, -128, 127));
    }
  } else {
    std::memcpy(in.data, input.data(), input.size_bytes());
  }
  if (interpreter_.Invoke() != nn::NnStatus::kOk) return Failed();
  const nn::Tensor out = interpreter_.output(0);
  if (!IsInt8(out)) return std::span<const float>(static_cast<const float*>(out.data), output_size());
  dequantized_.resize(out.bytes);
  const int8_t* q = static_cast<const int8_t*>(out.data);
  for (size_t i = 0; i < dequantized_.size(); ++i) dequantized_[i] = out.scale * static_cast<float>(q[i] - out.zero_point);
  return std::span<const float>(dequantized_);
}

}  // namespace mote::train
