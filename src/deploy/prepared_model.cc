#include "deploy/prepared_model.h"

#include <cstdlib>
#include <cstring>
#include <string>

namespace mote::deploy {

namespace {

uint8_t* AlignedAlloc(size_t bytes) {
  const size_t rounded = (bytes + nn::kArenaAlignment - 1) / nn::kArenaAlignment * nn::kArenaAlignment;
  return static_cast<uint8_t*>(std::aligned_alloc(nn::kArenaAlignment, rounded ? rounded : nn::kArenaAlignment));
}

}  // namespace

std::string NnErrorText(const nn::Interpreter& interpreter) {
  char text[256];
  nn::FormatNnError(interpreter.error(), text, sizeof text);
  return text;
}

Result<std::unique_ptr<PreparedModel>> PreparedModel::Prepare(std::string_view tflite) {
  std::unique_ptr<PreparedModel> m(new PreparedModel());
  m->blob_ = AlignedAlloc(tflite.size());
  if (!tflite.empty()) std::memcpy(m->blob_, tflite.data(), tflite.size());
  nn::Interpreter& nn = m->interpreter_;
  if (nn.Init(m->blob_, tflite.size()) != nn::NnStatus::kOk) {
    return Status::Unsupported("micro/nn cannot run the model: " + NnErrorText(nn));
  }
  // The first Prepare learns the size (at least the planner's working set),
  // the second the exact figure, the third succeeds.
  size_t bytes = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::free(m->arena_);
    m->arena_ = AlignedAlloc(bytes);
    const nn::NnStatus s = nn.Prepare(m->arena_, bytes);
    if (s == nn::NnStatus::kOk) return m;
    if (s != nn::NnStatus::kArenaTooSmall) {
      return Status::Unsupported("micro/nn cannot run the model: " + NnErrorText(nn));
    }
    bytes = nn.arena_bytes_needed();
  }
  return Status::Internal("micro/nn: Prepare did not settle on an arena size: " + NnErrorText(nn));
}

PreparedModel::~PreparedModel() {
  std::free(blob_);
  std::free(arena_);
}

}  // namespace mote::deploy
