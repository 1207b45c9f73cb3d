#include "data/sample.h"

#include <cstring>

namespace mote {

size_t DTypeSize(DType t) {
  switch (t) {
    case DType::kU8: return 1;
    case DType::kI16: return 2;
    case DType::kF32: return 4;
  }
  return 0;
}

std::string_view DTypeName(DType t) {
  switch (t) {
    case DType::kU8: return "u8";
    case DType::kI16: return "i16";
    case DType::kF32: return "f32";
  }
  return "?";
}

std::optional<DType> DTypeFromName(std::string_view name) {
  if (name == "u8") return DType::kU8;
  if (name == "i16") return DType::kI16;
  if (name == "f32") return DType::kF32;
  return std::nullopt;
}

std::string_view SplitName(Split s) { return s == Split::kTrain ? "train" : "test"; }

std::optional<Split> SplitFromName(std::string_view name) {
  if (name == "train") return Split::kTrain;
  if (name == "test") return Split::kTest;
  return std::nullopt;
}

namespace {
size_t Product(const std::vector<uint32_t>& shape) {
  size_t n = 1;
  for (uint32_t d : shape) n *= d;
  return shape.empty() ? 0 : n;
}

template <typename T>
SampleData Make(DType dtype, std::vector<uint32_t> shape, std::span<const T> values) {
  SampleData d;
  d.dtype = dtype;
  d.shape = std::move(shape);
  d.bytes.resize(values.size_bytes());
  // Host and stored order are both little-endian (x86-64, AArch64).
  std::memcpy(d.bytes.data(), values.data(), values.size_bytes());
  return d;
}
}  // namespace

size_t SampleData::element_count() const { return Product(shape); }

std::span<const float> SampleData::f32() const {
  return {reinterpret_cast<const float*>(bytes.data()), bytes.size() / sizeof(float)};
}
std::span<const int16_t> SampleData::i16() const {
  return {reinterpret_cast<const int16_t*>(bytes.data()), bytes.size() / sizeof(int16_t)};
}

SampleData SampleData::FromF32(std::vector<uint32_t> shape, std::span<const float> v) {
  return Make(DType::kF32, std::move(shape), v);
}
SampleData SampleData::FromI16(std::vector<uint32_t> shape, std::span<const int16_t> v) {
  return Make(DType::kI16, std::move(shape), v);
}
SampleData SampleData::FromU8(std::vector<uint32_t> shape, std::span<const uint8_t> v) {
  return Make(DType::kU8, std::move(shape), v);
}

std::vector<uint8_t> EncodeSample(const SampleData& data) {
  std::vector<uint8_t> out = {'M', 'S', 'M', 'P', 1, static_cast<uint8_t>(data.dtype),
                              static_cast<uint8_t>(data.shape.size()), 0};
  for (uint32_t d : data.shape)
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(d >> (8 * i)));
  out.insert(out.end(), data.bytes.begin(), data.bytes.end());
  return out;
}

Result<SampleData> DecodeSample(std::span<const uint8_t> blob) {
  if (blob.size() < 8 || std::memcmp(blob.data(), "MSMP", 4) != 0)
    return Status::Corruption("sample blob: bad magic");
  if (blob[4] != 1) return Status::Corruption("sample blob: unknown version " + std::to_string(blob[4]));
  SampleData d;
  d.dtype = static_cast<DType>(blob[5]);
  if (DTypeSize(d.dtype) == 0) return Status::Corruption("sample blob: unknown dtype");
  size_t rank = blob[6];
  if (rank == 0 || rank > 4 || blob.size() < 8 + 4 * rank)
    return Status::Corruption("sample blob: bad rank");
  for (size_t i = 0; i < rank; ++i) {
    const uint8_t* p = blob.data() + 8 + 4 * i;
    d.shape.push_back(uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24);
  }
  size_t payload = blob.size() - 8 - 4 * rank;
  if (payload != d.element_count() * DTypeSize(d.dtype))
    return Status::Corruption("sample blob: payload size does not match shape");
  d.bytes.assign(blob.begin() + static_cast<std::ptrdiff_t>(8 + 4 * rank), blob.end());
  return d;
}

double SampleInfo::duration_ms() const {
  if (sample_rate_hz <= 0 || shape.empty()) return 0;
  return 1000.0 * shape[0] / sample_rate_hz;
}

}  // namespace mote
