#!/usr/bin/python3
"""Do mote's training engine and PyTorch take the same steps? Both start from
the weights PyTorch draws and train on the same batches (dropout off in both,
since the two random streams cannot be matched; no feature masks, no
shuffling); train_step_parity_bench is mote's half. Compared:

  - the loss at the first step, and every parameter's gradient there
    (in double by both, to rounding; in float, through the kernels
    training runs, to 1e-2, since a relu input within rounding of 0 can
    flip between the engines);
  - batch norm's running statistics after it;
  - the outputs in evaluation mode of PyTorch's weights after the last step;
  - the loss of each step (informational: float rounding differences grow
    step by step, as between any two float32 engines).

The first three must agree to rounding (float32's; double's for the
gradients), or the script exits 1.

--model ds_cnn trains as train_keywords_bench and torch_keywords.py do
(Adam 3e-3, label smoothing 0.1) on the features `train_keywords_bench
--export DIR` wrote; --model cnn as train_fashion_mnist_bench and
torch_fashion_mnist.py do (AdamW 3e-3, weight decay 1e-4, label smoothing
0.05) on Debian's Fashion-MNIST. Needs python3-torch and python3-numpy.

Usage: bench/torch_step_parity.py BUILD --model ds_cnn --features NPY_DIR [--steps N] [--seed N]
       bench/torch_step_parity.py BUILD --model cnn [--steps N] [--seed N]
"""
import argparse
import copy
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_fashion_mnist import cnn, load  # noqa: E402
from torch_keywords import ds_cnn  # noqa: E402


def flatten_inputs(model, example):
    """The input shape of each nn.Flatten in `model`, by id, on `example`."""
    shapes = {}
    hooks = [m.register_forward_hook(lambda m, i, o: shapes.__setitem__(id(m), i[0].shape))
             for m in model.modules() if isinstance(m, nn.Flatten)]
    was_training = model.training
    model.eval()
    with torch.no_grad():
        model(example)
    model.train(was_training)
    for h in hooks:
        h.remove()
    return shapes


def mote_layout(model, flatten_in, values=None):
    """Every parameter and running statistic of `model` in mote's order
    (Model::StateNames: the parameters layer by layer, then each batch
    norm's moving mean and variance) and layout (OHWI kernels, depthwise
    1HWC, a dense layer after a flatten reading HWC), and how many of them
    are parameters. `values` (one per model.parameters(), e.g. gradients)
    replaces the parameters' own values."""
    value = dict(zip(map(id, model.parameters()), values)) if values is not None else {}
    get = lambda t: value.get(id(t), t).detach()  # noqa: E731
    modules = list(model.modules())
    params, stats = [], []
    for k, m in enumerate(modules):
        if isinstance(m, nn.Conv2d):
            w = get(m.weight)
            params.append(w.permute(1, 2, 3, 0) if m.groups > 1 else w.permute(0, 2, 3, 1))
            if m.bias is not None:
                params.append(get(m.bias))
        elif isinstance(m, nn.BatchNorm2d):
            params += [get(m.weight), get(m.bias)]
            stats += [m.running_mean, m.running_var]
        elif isinstance(m, nn.Linear):
            w = get(m.weight)
            shape = flatten_in.get(id(modules[k - 1]))
            if shape is not None and len(shape) == 4:  # NCHW flattened as CHW; mote flattens HWC
                w = w.reshape(w.shape[0], *shape[1:]).permute(0, 2, 3, 1).reshape(w.shape[0], -1)
            params += [w, get(m.bias)]
    return [t.contiguous().clone() for t in params + stats], len(params)


def flat(tensors):
    return np.concatenate([t.numpy().ravel() for t in tensors]).astype(np.float32)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build")
    p.add_argument("--model", choices=["ds_cnn", "cnn"], default="ds_cnn")
    p.add_argument("--features", help="ds_cnn: the .npy folder train_keywords_bench --export wrote")
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    if a.model == "ds_cnn":
        if not a.features:
            p.error("--model ds_cnn needs --features")
        x = torch.from_numpy(np.load(f"{a.features}/train_x.npy")).unsqueeze(1)
        y = torch.from_numpy(np.load(f"{a.features}/train_y.npy"))
        classes = int(y.max()) + 1
        model = ds_cnn(x.shape[2], x.shape[3], classes)
        batch, lr, smoothing, weight_decay = 32, 3e-3, 0.1, 0.0
        opt = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
    else:
        x, y = load("train", 0)
        classes = 10
        model = cnn()
        batch, lr, smoothing, weight_decay = 64, 3e-3, 0.05, 1e-4
        opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay, eps=1e-7)
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.p = 0.0
    order = torch.randperm(len(x))
    train_x, train_y = x[order[:a.steps * batch]], y[order[:a.steps * batch]]
    eval_x = x[order[-200:]]
    nhwc = lambda t: t.permute(0, 2, 3, 1).contiguous().numpy()  # noqa: E731
    input_shape = ",".join(str(d) for d in nhwc(x[:1]).shape[1:])

    bench = os.path.join(a.build, "bench", "train_step_parity_bench")
    common = ["--zoo", a.model, "--input", input_shape, "--classes", str(classes)]
    names = subprocess.run([bench, "--names"] + common, check=True, capture_output=True, text=True).stdout.split("\n")
    names = [line.split(" ", 1) for line in names if line]
    flatten_in = flatten_inputs(model, x[:2])
    init, param_count = mote_layout(model, flatten_in)
    for (name, shape), t in zip(names, init):
        if shape.replace(" ", "") != str(list(t.shape)).replace(" ", ""):
            sys.exit(f"torch_step_parity: {name}: mote's shape {shape}, PyTorch's {list(t.shape)}")
    if len(names) != len(init):
        sys.exit(f"torch_step_parity: mote has {len(names)} state tensors, PyTorch {len(init)}")

    loss_fn = nn.CrossEntropyLoss(label_smoothing=smoothing)
    # The first batch's gradients in double, from the same weights: in
    # float a pre-activation within rounding of 0 can fall on either side
    # of a relu in the two engines and move every gradient below it by 1e-4.
    model64 = copy.deepcopy(model).double().train()
    loss_fn(model64(train_x[:batch].double()), train_y[:batch]).backward()
    grads = mote_layout(model64, flatten_inputs(model64, x[:2].double()),
                        [t.grad for t in model64.parameters()])[0][:param_count]
    model.train()
    losses, grads32, state1 = [], None, None
    for step in range(a.steps):
        opt.zero_grad()
        rows = slice(step * batch, (step + 1) * batch)
        loss = loss_fn(model(train_x[rows]), train_y[rows])
        loss.backward()
        if step == 0:
            grads32 = mote_layout(model, flatten_in, [t.grad for t in model.parameters()])[0][:param_count]
        opt.step()
        if step == 0:
            state1 = mote_layout(model, flatten_in)[0]
        losses.append(loss.item())
    final = mote_layout(model, flatten_in)[0]
    model.eval()
    with torch.no_grad():
        logits = model(eval_x).numpy()

    with tempfile.TemporaryDirectory() as d:
        np.save(f"{d}/init.npy", flat(init))
        np.save(f"{d}/x.npy", nhwc(train_x).reshape(len(train_x), -1))
        np.save(f"{d}/y.npy", train_y.numpy().astype(np.float32))
        np.save(f"{d}/final.npy", flat(final))
        np.save(f"{d}/eval_x.npy", nhwc(eval_x).reshape(len(eval_x), -1))
        optimizer = "adam" if weight_decay == 0 else "adamw"
        subprocess.run([bench, d] + common + ["--steps", str(a.steps), "--batch", str(batch), "--lr", str(lr),
                                              "--optimizer", optimizer, "--weight-decay", str(weight_decay),
                                              "--label-smoothing", str(smoothing)], check=True)
        mote_grad = np.load(f"{d}/mote_grad.npy")
        mote_grad32 = np.load(f"{d}/mote_grad32.npy")
        mote_state = np.load(f"{d}/mote_state.npy")
        mote_loss = np.load(f"{d}/mote_loss.npy")
        mote_logits = np.load(f"{d}/mote_logits.npy").reshape(logits.shape)

    failures = []
    print(f"torch_step_parity: {a.model}, {sum(t.numel() for t in init)} values, batch {batch}, {a.steps} steps, "
          f"seed {a.seed}, torch {torch.__version__}")
    print(f"step 0 loss: PyTorch {losses[0]:.7f}, mote {mote_loss[0]:.7f}")
    if abs(losses[0] - mote_loss[0]) > 1e-5 * abs(losses[0]):
        failures.append("first loss")

    print("gradients at step 0, |mote - PyTorch| / |PyTorch| in double, and in float:")
    largest = max(float(np.linalg.norm(g.numpy())) for g in grads)
    at = 0
    for (name, _), g, g32 in zip(names[:param_count], grads, grads32):
        want, want32 = g.numpy().ravel(), g32.numpy().ravel()
        got, got32 = mote_grad[at:at + want.size], mote_grad32[at:at + want.size]
        at += want.size
        norm = float(np.linalg.norm(want))
        if norm < 1e-5 * largest:
            # A bias right before batch norm: its exact gradient is 0, both
            # engines give rounding noise.
            print(f"  {name:32s} exactly 0 (both rounding noise: |PyTorch| {norm:.1e}, |mote| "
                  f"{np.linalg.norm(got):.1e})")
            if np.linalg.norm(got) >= 1e-5 * largest:
                failures.append(f"gradient of {name} (not 0 in mote)")
            continue
        rel = float(np.linalg.norm(got - want)) / norm
        rel32 = float(np.linalg.norm(got32 - want32)) / float(np.linalg.norm(want32))
        print(f"  {name:32s} {rel:.1e}  {rel32:.1e}")
        # float's bound is loose: a relu input within rounding of 0 can
        # flip and move the gradients below it by 1e-4; a wrong kernel
        # moves them by far more.
        if rel > 1e-9 or rel32 > 1e-2:
            failures.append(f"gradient of {name}")

    print("running statistics after step 0 (max |mote - PyTorch| / max |PyTorch|):")
    sizes = [t.numel() for t in state1]
    offsets = np.cumsum([0] + sizes)
    want_all = flat(state1)
    for k in range(param_count, len(state1)):
        want = want_all[offsets[k]:offsets[k + 1]]
        got = mote_state[offsets[k]:offsets[k + 1]]
        rel = float(np.abs(got - want).max() / np.abs(want).max())
        print(f"  {names[k][0]:32s} {rel:.1e}")
        if rel > 1e-5:
            failures.append(names[k][0])

    scale = float(np.abs(logits).max())
    rel = float(np.abs(mote_logits - logits).max()) / scale
    agree = float((mote_logits.argmax(1) == logits.argmax(1)).mean())
    print(f"evaluation mode, PyTorch's weights after step {a.steps}, {len(eval_x)} examples: "
          f"max |mote - PyTorch| / max |logit| {rel:.1e}, same class {100 * agree:.1f} %")
    if rel > 1e-4:
        failures.append("evaluation outputs")

    print("loss per step (each engine on its own weights):")
    for step in range(a.steps):
        print(f"  {step:3d}  PyTorch {losses[step]:.6f}  mote {mote_loss[step]:.6f}  "
              f"difference {mote_loss[step] - losses[step]:+.1e}")
    if failures:
        sys.exit("torch_step_parity: differ beyond float rounding: " + ", ".join(failures))
    print("torch_step_parity: the same steps, to rounding")


if __name__ == "__main__":
    main()
