// libFuzzer target: any bytes given to the .tflite reader either import or
// give an error - never a crash, a leak, an out-of-bounds access or
// undefined behaviour. What imports is also inspected (MACs, the activation
// plan) and written back, and the written file must import again to the
// same model.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/model_stats.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mote::model;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ReadOptions lenient;
  lenient.allow_unsupported = true;
  for (const ReadOptions& options : {ReadOptions{}, lenient}) {
    auto model = ReadTflite(bytes, "fuzz", options);
    if (!model.ok()) continue;
    for (const Graph& g : model->graphs) {
      for (const Operator& op : g.operators) (void)OperatorMacs(g, op);
      (void)PlanActivations(g);
      (void)WeightBytes(g);
    }
    auto written = WriteTflite(*model);
    if (!written.ok()) continue;  // lenient reading keeps what cannot be written
    auto again = ReadTflite(*written, "fuzz-rewritten", options);
    if (!again.ok()) std::abort();  // mote wrote a file it cannot read
    // NaN scales compare unequal to themselves, so only the written bytes
    // are compared: writing the re-read model gives the same file.
    auto twice = WriteTflite(*again);
    if (!twice.ok() || *twice != *written) std::abort();
  }
  return 0;
}
