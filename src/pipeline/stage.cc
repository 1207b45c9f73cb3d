#include "pipeline/stage.h"

#include <algorithm>
#include <set>

namespace mote {

Result<std::vector<const Stage*>> StagesInOrder() {
  std::map<std::string, const Stage*, std::less<>> by_name;
  for (const auto& s : StageRegistry::Items()) by_name[std::string(s->name())] = s.get();
  auto deps = [](const Stage* s) {
    auto d = s->inputs();
    auto a = s->after();
    d.insert(d.end(), a.begin(), a.end());
    return d;
  };
  for (const auto& [name, s] : by_name)
    for (const auto& in : deps(s))
      if (!by_name.count(in)) return Status::Internal("stage " + name + " reads unknown stage " + in);
  // Kahn's algorithm; the name order breaks ties so the order is stable.
  std::vector<const Stage*> order;
  std::set<std::string> done;
  while (order.size() < by_name.size()) {
    const Stage* next = nullptr;
    for (const auto& [name, s] : by_name) {
      if (done.count(name)) continue;
      auto ins = deps(s);
      if (std::all_of(ins.begin(), ins.end(), [&](const std::string& i) { return done.count(i) > 0; })) {
        next = s;
        break;
      }
    }
    if (!next) return Status::Internal("the pipeline's stages form a cycle");
    done.insert(std::string(next->name()));
    order.push_back(next);
  }
  return order;
}

}  // namespace mote
