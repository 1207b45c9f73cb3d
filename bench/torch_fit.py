"""The training loop the PyTorch anchors share (torch_fashion_mnist.py,
torch_keywords.py): mote's schedule (lr_schedule.h's cosine after a linear
warm-up), label-smoothed cross-entropy, one shuffled pass per epoch, test
accuracy after each. Only training time counts towards samples/s."""
import math
import time

import torch
from torch import nn


def parameter_count(model):
    """Trainable weights plus batch norm's running statistics, as mote counts."""
    return sum(t.numel() for t in model.parameters()) + sum(
        b.numel() for n, b in model.named_buffers() if "running" in n)


def fit(model, opt, train, test, epochs, batch, warmup, label_smoothing, test_name="test", eval_batch=500):
    """Trains `model` on train = (x, y) and returns (test accuracy, seconds of training)."""
    x, y = train
    tx, ty = test
    batches = math.ceil(len(x) / batch)
    total = epochs * batches

    def lr_at(step):
        if step < warmup:
            return (step + 1) / warmup
        return (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup))) / 2

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=label_smoothing)
    train_seconds, acc = 0.0, 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for b in range(batches):
            idx = order[b * batch:(b + 1) * batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            sched.step()
        seconds = time.perf_counter() - start
        train_seconds += seconds
        model.eval()
        with torch.no_grad():
            acc = sum((model(tx[i:i + eval_batch]).argmax(1) == ty[i:i + eval_batch]).sum().item()
                      for i in range(0, len(tx), eval_batch)) / len(tx)
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}  {test_name} acc {acc:.4f}  {seconds:.1f} s  "
              f"{len(x) / seconds:.0f} samples/s")
    return acc, train_seconds
