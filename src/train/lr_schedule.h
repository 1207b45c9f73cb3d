// Learning-rate schedules, as a function of the step (batch) number:
//   constant  lr
//   step      lr * gamma^floor(step / step_size)
//   cosine    min_lr + (lr - min_lr) * (1 + cos(pi * step / total_steps)) / 2,
//             min_lr after total_steps
// with an optional linear warm-up: for step < warmup_steps the rate is
// lr * (step + 1) / warmup_steps, and the schedule above then runs on
// (step - warmup_steps) over (total_steps - warmup_steps).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mote::train {

enum class ScheduleKind { kConstant, kStep, kCosine };
std::string_view ScheduleKindName(ScheduleKind kind);  // "constant", "step", "cosine"
std::optional<ScheduleKind> ScheduleKindFromName(std::string_view name);

struct LrSchedule {
  ScheduleKind kind = ScheduleKind::kConstant;
  double lr = 1e-3;
  int64_t step_size = 1;  // step: steps between decays (>= 1)
  double gamma = 0.1;     // step: decay factor
  int64_t total_steps = 1;  // cosine: length of the decay, warm-up included
  double min_lr = 0;        // cosine: the floor
  int64_t warmup_steps = 0;

  // The rate for 0-based step `step`.
  double At(int64_t step) const;
};

}  // namespace mote::train
