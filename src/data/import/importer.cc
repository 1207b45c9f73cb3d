#include "data/import/importer.h"

namespace mote {

namespace {
std::vector<std::unique_ptr<Importer>>& Registry() {
  static std::vector<std::unique_ptr<Importer>> registry;
  return registry;
}
}  // namespace

std::span<const std::unique_ptr<Importer>> Importers() { return Registry(); }

const Importer* FindImporter(std::string_view name) {
  for (const auto& imp : Registry())
    if (imp->name() == name) return imp.get();
  return nullptr;
}

internal::ImporterRegistrar::ImporterRegistrar(std::unique_ptr<Importer> importer) {
  Registry().push_back(std::move(importer));
}

}  // namespace mote
