#include "train/host_interpreter.h"

#include <cstring>
#include <new>

#include <fmt/format.h>

namespace mote::train {

namespace {
constexpr std::align_val_t kAlignment{16};
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
      h->interpreter_.input(0).type != nn::tflite::TensorType::kFloat32 ||
      h->interpreter_.output(0).type != nn::tflite::TensorType::kFloat32) {
    return Status::InvalidArgument(name + ": not a float32 model (its first input and output must be float32)");
  }
  return h;
}

size_t HostInterpreter::input_size() const { return interpreter_.input(0).bytes / sizeof(float); }
size_t HostInterpreter::output_size() const { return interpreter_.output(0).bytes / sizeof(float); }

Result<std::span<const float>> HostInterpreter::Run(std::span<const float> input) {
  if (input.size() != input_size()) {
    return Status::InvalidArgument(
        fmt::format("{}: the model takes {} values, got {}", name_, input_size(), input.size()));
  }
  std::memcpy(interpreter_.input(0).data, input.data(), input.size_bytes());
  if (interpreter_.Invoke() != nn::NnStatus::kOk) return Failed();
  return std::span<const float>(static_cast<const float*>(interpreter_.output(0).data), output_size());
}

}  // namespace mote::train
