// Importers turn files (CSV, WAV, images, IDX, Edge Impulse JSON/CBOR) into
// samples. Each importer lives in its own file and registers itself with
// MOTE_REGISTER_IMPORTER; `mote data import` asks each registered importer
// which files it accepts, then hands it those files.
//
// An importer only parses: it never writes the store. It passes every sample
// to the sink, which stages it inside one transaction, so an error anywhere
// makes the whole import a no-op. Errors name the file and the line, byte or
// field ("data/a.csv:12: expected 3 values, got 2").
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/status.h"
#include "data/sample.h"

namespace mote {

// A parsed sample, before the store gives it an id and a split.
struct ImportedSample {
  SampleData data;
  std::string label;           // empty: the importer found none in the file
  std::optional<Split> split;  // set when the source defines it (IDX t10k-*)
  double sample_rate_hz = 0;   // 0 for images
  std::vector<Axis> axes;
  std::string source;          // "path" or "path#record"
};

struct ImportOptions {
  std::optional<std::string> label;   // --label: overrides every other source
  std::string label_column;           // CSV: take the label from this column
  double frequency_hz = 0;            // CSV without timestamps: the sampling rate
  double audio_rate_hz = 0;           // resample audio to this rate (0: keep)
  std::optional<std::string> hmac_key;  // Edge Impulse: verify signatures with it
  std::vector<std::string> class_names;  // IDX: label index -> name
  std::optional<Split> split;         // --split: overrides the source's split
};

// Receives each parsed sample. A non-ok Status stops the importer, which
// returns it unchanged.
using SampleSink = std::function<Status(ImportedSample&&)>;

class Importer {
 public:
  virtual ~Importer() = default;
  // Short name used in messages and --format ("csv", "wav", "image", "idx").
  virtual std::string_view name() const = 0;
  // True if this importer reads `path`. `head` holds the file's first bytes
  // (up to 64, fewer for shorter files), so formats can be sniffed by magic.
  virtual bool Accepts(const std::filesystem::path& path, std::span<const uint8_t> head) const = 0;
  // Parses every file it accepted, in order, and passes each sample to `sink`.
  // Importers that pair files (IDX images with labels) get them all at once.
  virtual Status Read(std::span<const std::filesystem::path> files, const ImportOptions& options,
                      const SampleSink& sink) const = 0;
};

using ImporterRegistry = Registry<std::unique_ptr<Importer>>;

// All registered importers, in registration order. Thread-safe after main().
std::span<const std::unique_ptr<Importer>> Importers();
// Finds an importer by name(); nullptr if there is none.
const Importer* FindImporter(std::string_view name);

}  // namespace mote

#define MOTE_REGISTER_IMPORTER(Type) \
  static ::mote::ImporterRegistry::Registrar mote_importer_registrar_##Type(std::make_unique<Type>())
