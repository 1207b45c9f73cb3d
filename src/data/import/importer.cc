#include "data/import/importer.h"

namespace mote {

std::span<const std::unique_ptr<Importer>> Importers() { return ImporterRegistry::Items(); }

const Importer* FindImporter(std::string_view name) {
  for (const auto& imp : Importers())
    if (imp->name() == name) return imp.get();
  return nullptr;
}

}  // namespace mote
