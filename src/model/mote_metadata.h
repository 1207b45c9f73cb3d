// The "mote" metadata entry of a .tflite file: MoteMetadata as JSON.
//
// Layout (docs/tflite.md): {"format": 1, "mote_version": "0.1.0",
// "lineage": "<hex>", "labels": ["yes", "no"], "dsp": {...} or null}.
// Serialization is deterministic (keys sorted, no whitespace), so the same
// model exports to the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/graph.h"

namespace mote::model {

inline constexpr char kMoteMetadataName[] = "mote";

std::string SerializeMoteMetadata(const MoteMetadata& m);

// Errors name the field ("labels: expected an array of strings"); the caller
// adds the file and the entry.
Result<MoteMetadata> ParseMoteMetadata(const std::vector<uint8_t>& bytes);

}  // namespace mote::model
