#include "train/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "train/name_table.h"

namespace mote::train {
namespace {

constexpr std::pair<std::string_view, ScheduleKind> kNames[] = {
    {"constant", ScheduleKind::kConstant}, {"step", ScheduleKind::kStep}, {"cosine", ScheduleKind::kCosine}};

}  // namespace

std::string_view ScheduleKindName(ScheduleKind kind) { return NameIn(kNames, kind); }

std::optional<ScheduleKind> ScheduleKindFromName(std::string_view name) { return ValueIn(kNames, name); }

double LrSchedule::At(int64_t step) const {
  if (step < warmup_steps) return lr * static_cast<double>(step + 1) / static_cast<double>(warmup_steps);
  const int64_t t = step - warmup_steps;
  switch (kind) {
    case ScheduleKind::kConstant:
      return lr;
    case ScheduleKind::kStep:
      return lr * std::pow(gamma, static_cast<double>(t / std::max<int64_t>(1, step_size)));
    case ScheduleKind::kCosine: {
      const int64_t span = std::max<int64_t>(1, total_steps - warmup_steps);
      if (t >= span) return min_lr;
      return min_lr + (lr - min_lr) * (1 + std::cos(std::numbers::pi * static_cast<double>(t) / span)) / 2;
    }
  }
  return lr;
}

}  // namespace mote::train
