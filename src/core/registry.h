// Self-registration: parts of mote (commands, importers, pipeline stages,
// mote.yaml sections) add themselves to a registry from their own file with a
// static Registrar, so that adding one is adding a file.
//
// Items are added during static initialisation, before main(); afterwards the
// registry is only read, so reads from several threads are safe. Tag tells
// registries of the same item type apart.
#pragma once

#include <utility>
#include <vector>

namespace mote {

template <typename Item, typename Tag = Item>
class Registry {
 public:
  // In registration order (unspecified across files: sort where order matters).
  static const std::vector<Item>& Items() { return Storage(); }

  struct Registrar {
    explicit Registrar(Item item) { Storage().push_back(std::move(item)); }
  };

 private:
  // A function-local static, so registrars in other files' static
  // initialisers find it constructed whatever the initialisation order.
  static std::vector<Item>& Storage() {
    static std::vector<Item> items;
    return items;
  }
};

}  // namespace mote
