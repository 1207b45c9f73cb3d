#include "micro/nn/nn_status.h"

namespace mote::nn {

const char* NnStatusMessage(NnStatus status) {
  switch (status) {
    case NnStatus::kOk: return "ok";
    case NnStatus::kNotTflite: return "not a .tflite model (no \"TFL3\" identifier)";
    case NnStatus::kCorrupt: return "out of range";
    case NnStatus::kBadModel: return "invalid value";
    case NnStatus::kUnsupportedOp: return "unsupported op";
    case NnStatus::kUnsupportedType: return "unsupported tensor types for this op";
    case NnStatus::kBadQuantization: return "missing or unusable quantization";
    case NnStatus::kBadOptions: return "missing or invalid options";
    case NnStatus::kShapeMismatch: return "tensor shapes do not agree";
    case NnStatus::kMisaligned: return "data not aligned (the model must be 16-byte aligned)";
    case NnStatus::kArenaTooSmall: return "arena too small";
    case NnStatus::kTooLarge: return "too large for the runtime";
    case NnStatus::kNotPrepared: return "interpreter not prepared";
    case NnStatus::kBadArgument: return "bad argument";
  }
  return "unknown status";
}

namespace {

// Appends to a fixed buffer, counting what did not fit.
class LineWriter {
 public:
  LineWriter(char* out, size_t size) : out_(out), size_(size) {}
  void Put(char c) {
    if (out_ && length_ + 1 < size_) out_[length_] = c;
    ++length_;
  }
  void Text(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i) Put(s[i]);
  }
  void Text(const char* s) {
    while (*s) Put(*s++);
  }
  void Number(uint64_t v) {
    char digits[20];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (n) Put(digits[--n]);
  }
  size_t Finish() {
    if (out_ && size_) out_[length_ < size_ ? length_ : size_ - 1] = '\0';
    return length_;
  }

 private:
  char* out_;
  size_t size_;
  size_t length_ = 0;
};

}  // namespace

size_t FormatNnError(const NnError& error, char* out, size_t size) {
  LineWriter w(out, size);
  if (error.op_index >= 0) {
    w.Text("op ");
    w.Number(static_cast<uint64_t>(error.op_index));
    if (error.op_name) {
      w.Text(" (");
      w.Text(error.op_name, error.op_name_length);
      w.Text(")");
    }
    w.Text(": ");
  }
  if (error.tensor_index >= 0) {
    w.Text("tensor ");
    w.Number(static_cast<uint64_t>(error.tensor_index));
    w.Text(": ");
  }
  if (error.field) {
    w.Text(error.field);
    w.Text(": ");
  }
  w.Text(NnStatusMessage(error.status));
  if (error.status == NnStatus::kArenaTooSmall) {
    w.Text(error.needed_at_least ? ": needs at least " : ": needs ");
    w.Number(error.needed);
    w.Text(" bytes, got ");
    w.Number(error.got);
  }
  return w.Finish();
}

}  // namespace mote::nn
