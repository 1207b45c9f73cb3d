// mote's half of bench/torch_step_parity.py: one of the zoo's networks
// started from weights PyTorch drew, trained on the batches PyTorch trained
// on, so that the two engines' steps can be compared number by number
// (dropout is off on both sides: the two random streams cannot be matched).
//
// Reads from DIR (all float32 .npy, flat or [rows, values]):
//   init.npy       every Model::SaveState() tensor, in StateNames() order
//                  and mote's layout (NHWC activations, OHWI kernels)
//   x.npy, y.npy   STEPS batches of BATCH examples, one after another
//   final.npy      PyTorch's state after the last step, as init.npy
//   eval_x.npy     examples to run in evaluation mode on final.npy
// and writes into DIR:
//   mote_grad.npy   the gradient of every parameter at the first step, in
//                   double (float64); mote_grad32.npy the same in float
//   mote_state.npy  the state after the first step (running statistics too)
//   mote_loss.npy   each step's batch loss
//   mote_logits.npy final.npy's outputs on eval_x.npy, evaluation mode
//
// Usage: train_step_parity_bench DIR --zoo NAME --input H,W,C --classes K
//                                [--steps N] [--batch N] [--lr X]
//                                [--optimizer adam|adamw] [--weight-decay X]
//                                [--label-smoothing X]
// `--names` instead of DIR lists the state's tensors and shapes, one per
// line, for the script to lay PyTorch's weights out in.
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/file_util.h"
#include "data/import/numpy_array.h"
#include "train/losses.h"
#include "train/model.h"
#include "train/model_zoo.h"
#include "train/optimizer.h"
#include "train/thread_pool.h"

#include "npy_writer.h"

namespace {

using mote::Result;
using mote::Status;
namespace train = mote::train;
namespace fs = std::filesystem;

struct Flags {
  std::string dir, zoo = "ds_cnn";
  train::Shape input;
  int64_t classes = 0, steps = 20, batch = 32;
  double lr = 3e-3, weight_decay = 0, label_smoothing = 0.1;
  train::OptimizerKind optimizer = train::OptimizerKind::kAdam;
  bool names = false;
};

// The values of a .npy file, checked to number `expect` (0: any).
Result<std::vector<double>> ReadNpy(const fs::path& path, size_t expect) {
  Result<std::string> bytes = mote::ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  Result<mote::NumpyArray> a =
      mote::ParseNpy(std::span(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()), path.string());
  if (!a.ok()) return a.status();
  if (expect != 0 && a->values.size() != expect) {
    return Status::InvalidArgument(
        fmt::format("{}: {} values, the model needs {}", path.string(), a->values.size(), expect));
  }
  return std::move(a->values);
}

template <typename T>
Status WriteNpy(const fs::path& path, const std::vector<T>& values) {
  return mote::WriteFileAtomically(
      path, mote::bench::NpyBytes(sizeof(T) == 8 ? "<f8" : "<f4", {static_cast<int64_t>(values.size())}, values.data(),
                                  values.size() * sizeof(T)));
}

template <typename T>
void LoadState(train::Model<T>* model, const std::vector<double>& flat) {
  std::vector<train::Tensor<T>> state = model->SaveState();
  size_t at = 0;
  for (train::Tensor<T>& t : state) {
    for (int64_t i = 0; i < t.size(); ++i) t[i] = static_cast<T>(flat[at++]);
  }
  model->RestoreState(state);
}

template <typename T>
train::Tensor<T> Rows(const std::vector<double>& x, const train::Shape& input, int64_t first, int64_t count) {
  train::Shape shape = {count};
  shape.insert(shape.end(), input.begin(), input.end());
  train::Tensor<T> t(shape);
  const int64_t size = train::ShapeSize(input);
  for (int64_t i = 0; i < count * size; ++i) t[i] = static_cast<T>(x[first * size + i]);
  return t;
}

std::vector<int32_t> Labels(const std::vector<double>& y, int64_t first, int64_t count) {
  std::vector<int32_t> labels(count);
  for (int64_t i = 0; i < count; ++i) labels[i] = static_cast<int32_t>(y[first + i]);
  return labels;
}

// The training-mode loss of batch `step` (rows step * batch onwards).
template <typename T>
train::Var<T> BatchLoss(train::Tape<T>& tape, train::Model<T>* model, const Flags& f, const std::vector<double>& x,
                        const std::vector<double>& y, int64_t step) {
  const auto input = train::MakeVar(Rows<T>(x, f.input, step * f.batch, f.batch), false);
  const auto output = model->Forward(tape, input, true, nullptr);
  return train::SoftmaxCrossEntropy(tape, output, Labels(y, step * f.batch, f.batch),
                                    {.label_smoothing = f.label_smoothing});
}

// Every parameter's gradient of the first batch's loss, flat in
// parameters() order.
template <typename T>
std::vector<T> FirstGradients(train::Model<T>* model, const Flags& f, const std::vector<double>& x,
                              const std::vector<double>& y, train::ThreadPool* pool) {
  train::Tape<T> tape(pool);
  tape.Backward(BatchLoss(tape, model, f, x, y, 0));
  std::vector<T> grad;
  for (const auto& p : model->parameters()) {
    grad.insert(grad.end(), p.var->grad.data(), p.var->grad.data() + p.var->grad.size());
  }
  return grad;
}

template <typename T>
std::vector<T> Flatten(const std::vector<train::Tensor<T>>& tensors) {
  std::vector<T> flat;
  for (const auto& t : tensors) flat.insert(flat.end(), t.data(), t.data() + t.size());
  return flat;
}

Status Run(const Flags& f) {
  Result<train::ModelSpec> spec = train::ZooModel({.name = f.zoo, .classes = f.classes}, f.input);
  if (!spec.ok()) return spec.status();
  for (train::LayerSpec& layer : spec->layers) {
    if (layer.type == train::LayerType::kDropout) layer.rate = 0;
  }
  Result<train::Model<float>> model = train::Model<float>::Build(*spec, f.input, 1);
  Result<train::Model<double>> model64 = train::Model<double>::Build(*spec, f.input, 1);
  if (!model.ok()) return model.status();
  if (!model64.ok()) return model64.status();
  const std::vector<train::Tensor<float>> state = model->SaveState();
  if (f.names) {
    const std::vector<std::string> names = model->StateNames();
    for (size_t i = 0; i < state.size(); ++i) {
      if (state[i].size() > 0) std::printf("%s %s\n", names[i].c_str(), train::ShapeString(state[i].shape()).c_str());
    }
    return Status::Ok();
  }
  const fs::path dir = f.dir;
  const size_t state_size = Flatten(state).size();
  const int64_t example = train::ShapeSize(f.input), rows = f.steps * f.batch;
  Result<std::vector<double>> init = ReadNpy(dir / "init.npy", state_size);
  Result<std::vector<double>> x = ReadNpy(dir / "x.npy", rows * example);
  Result<std::vector<double>> y = ReadNpy(dir / "y.npy", rows);
  Result<std::vector<double>> final_state = ReadNpy(dir / "final.npy", state_size);
  Result<std::vector<double>> eval_x = ReadNpy(dir / "eval_x.npy", 0);
  for (const auto* r : {&init, &x, &y, &final_state, &eval_x}) {
    if (!r->ok()) return r->status();
  }
  train::ThreadPool pool(1);
  // The gradients in double: in float, a pre-activation within rounding
  // of 0 can fall on either side of a relu in the two engines and move
  // every gradient below it by 1e-4.
  LoadState(&*model64, *init);
  MOTE_RETURN_IF_ERROR(WriteNpy(dir / "mote_grad.npy", FirstGradients(&*model64, f, *x, *y, &pool)));
  // And in float, through the float kernels (direct, Winograd) that
  // training runs; the pass moved the running statistics, so load again.
  LoadState(&*model, *init);
  MOTE_RETURN_IF_ERROR(WriteNpy(dir / "mote_grad32.npy", FirstGradients(&*model, f, *x, *y, &pool)));

  LoadState(&*model, *init);
  std::vector<train::Parameter> params;
  for (const auto& p : model->parameters()) params.push_back({p.name, p.var, p.decay});
  train::Optimizer optimizer(params, {.kind = f.optimizer, .weight_decay = f.weight_decay});
  std::vector<float> losses;
  for (int64_t step = 0; step < f.steps; ++step) {
    optimizer.ZeroGrad();
    train::Tape<float> tape(&pool);
    const train::Var<float> loss = BatchLoss(tape, &*model, f, *x, *y, step);
    tape.Backward(loss);
    optimizer.Step(f.lr);
    if (step == 0) MOTE_RETURN_IF_ERROR(WriteNpy(dir / "mote_state.npy", Flatten(model->SaveState())));
    losses.push_back(loss->value[0]);
  }
  MOTE_RETURN_IF_ERROR(WriteNpy(dir / "mote_loss.npy", losses));
  LoadState(&*model, *final_state);
  const int64_t eval_rows = static_cast<int64_t>(eval_x->size()) / example;
  train::Tape<float> tape(&pool);
  const auto logits =
      model->Forward(tape, train::MakeVar(Rows<float>(*eval_x, f.input, 0, eval_rows), false), false, nullptr);
  return WriteNpy(dir / "mote_logits.npy",
                  std::vector<float>(logits->value.data(), logits->value.data() + logits->value.size()));
}

}  // namespace

int main(int argc, char** argv) {
  Flags f;
  bool usage = argc < 2;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    const std::string value = has_value ? argv[i + 1] : "";
    if (flag == "--names") {
      f.names = true;
      continue;
    }
    if (flag.rfind("--", 0) != 0) {
      f.dir = flag;
      continue;
    }
    if (!has_value) {
      usage = true;
      break;
    }
    ++i;
    if (flag == "--zoo")
      f.zoo = value;
    else if (flag == "--classes")
      f.classes = std::stoll(value);
    else if (flag == "--steps")
      f.steps = std::stoll(value);
    else if (flag == "--batch")
      f.batch = std::stoll(value);
    else if (flag == "--lr")
      f.lr = std::stod(value);
    else if (flag == "--weight-decay")
      f.weight_decay = std::stod(value);
    else if (flag == "--label-smoothing")
      f.label_smoothing = std::stod(value);
    else if (flag == "--optimizer" && (value == "adam" || value == "adamw")) {
      f.optimizer = value == "adam" ? train::OptimizerKind::kAdam : train::OptimizerKind::kAdamW;
    } else if (flag == "--input") {
      for (size_t at = 0; at <= value.size();) {
        const size_t comma = std::min(value.find(',', at), value.size());
        f.input.push_back(std::stoll(value.substr(at, comma - at)));
        at = comma + 1;
      }
    } else
      usage = true;
  }
  if (usage || f.input.empty() || f.classes < 2 || (f.dir.empty() && !f.names)) {
    std::fprintf(stderr,
                 "usage: %s DIR|--names --zoo NAME --input H,W,C --classes K [--steps N] [--batch N] [--lr X] "
                 "[--optimizer adam|adamw] [--weight-decay X] [--label-smoothing X]\n",
                 argv[0]);
    return 2;
  }
  const Status s = Run(f);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
