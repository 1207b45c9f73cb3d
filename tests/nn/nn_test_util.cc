#include "nn/nn_test_util.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace mote::testing {

void AlignedBytes::Free::operator()(uint8_t* p) const { std::free(p); }

AlignedBytes::AlignedBytes(size_t size) : size_(size) {
  data_.reset(static_cast<uint8_t*>(std::aligned_alloc(16, (size + 15) / 16 * 16 + 16)));
  std::memset(data_.get(), 0, size);
}

AlignedBytes::AlignedBytes(const std::vector<uint8_t>& bytes) : AlignedBytes(bytes.size()) {
  if (!bytes.empty()) std::memcpy(data_.get(), bytes.data(), bytes.size());
}

std::string ErrorText(const nn::Interpreter& interpreter) {
  char line[160];
  nn::FormatNnError(interpreter.error(), line, sizeof line);
  return line;
}

nn::NnStatus PrepareWithNeededArena(nn::Interpreter& interpreter, AlignedBytes* arena) {
  // An empty arena yields a lower bound (what planning needs); the second
  // call the exact figure; the third succeeds.
  nn::NnStatus status = interpreter.Prepare(nullptr, 0);
  for (int attempt = 0; attempt < 3 && status == nn::NnStatus::kArenaTooSmall; ++attempt) {
    *arena = AlignedBytes(interpreter.arena_bytes_needed());
    status = interpreter.Prepare(arena->data(), arena->size());
  }
  return status;
}

std::unique_ptr<LoadedModel> LoadModel(const std::filesystem::path& path) {
  auto model = std::make_unique<LoadedModel>();
  model->blob = AlignedBytes(ReadBytes(path));
  if (model->blob.size() == 0) {
    ADD_FAILURE() << path << ": cannot read";
    return nullptr;
  }
  if (model->interpreter.Init(model->blob.data(), model->blob.size()) != nn::NnStatus::kOk) {
    ADD_FAILURE() << path << ": " << ErrorText(model->interpreter);
    return nullptr;
  }
  if (PrepareWithNeededArena(model->interpreter, &model->arena) != nn::NnStatus::kOk) {
    ADD_FAILURE() << path << ": " << ErrorText(model->interpreter);
    return nullptr;
  }
  return model;
}

}  // namespace mote::testing
