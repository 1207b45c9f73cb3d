#!/usr/bin/python3
"""PyTorch anchor for train_fashion_mnist_bench: the zoo's `cnn` (width 1,
depth 2) in PyTorch with the same batch size, thread count, optimizer and
schedule, trained on the same Fashion-MNIST images. Prints samples/s over
the training epochs and the test accuracy. Needs Debian's python3-torch.

Usage: bench/torch_fashion_mnist.py [--epochs N] [--threads N] [--batch N] [--limit N]
"""
import argparse
import gzip
import math
import time

import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"


def load(prefix, limit):
    with gzip.open(f"{DATA}/{prefix}-images-idx3-ubyte.gz") as f:
        images = torch.frombuffer(bytearray(f.read()[16:]), dtype=torch.uint8).reshape(-1, 1, 28, 28)
    with gzip.open(f"{DATA}/{prefix}-labels-idx1-ubyte.gz") as f:
        labels = torch.frombuffer(bytearray(f.read()[8:]), dtype=torch.uint8)
    if limit:
        images, labels = images[:limit], labels[:limit]
    return images.float() / 255.0, labels.long()


def block(cin, cout):
    # Two 3x3 convolutions without bias, batch norm (Keras's momentum 0.99 =
    # PyTorch's 0.01, epsilon 1e-3), relu, 2x2 max pool: model_zoo.h's cnn.
    layers = []
    for c in (cin, cout):
        layers += [nn.Conv2d(c, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01), nn.ReLU()]
    return layers + [nn.MaxPool2d(2)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--limit", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x, y = load("train", a.limit)
    tx, ty = load("t10k", 0)
    model = nn.Sequential(*block(1, 16), *block(16, 32), nn.Dropout(0.2), nn.Flatten(), nn.Linear(7 * 7 * 32, 10))
    params = sum(t.numel() for t in model.parameters()) + sum(b.numel() for n, b in model.named_buffers() if "running" in n)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4, eps=1e-7)
    batches = math.ceil(len(x) / a.batch)
    total, warmup = a.epochs * batches, 200

    def lr_at(step):
        if step < warmup:
            return (step + 1) / warmup
        return (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup))) / 2

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    train_seconds = 0.0
    for epoch in range(1, a.epochs + 1):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for b in range(batches):
            idx = order[b * a.batch:(b + 1) * a.batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            sched.step()
        seconds = time.perf_counter() - start
        train_seconds += seconds
        model.eval()
        with torch.no_grad():
            acc = sum((model(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item() for i in range(0, len(tx), 1000)) / len(tx)
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}  test acc {acc:.4f}  {seconds:.1f} s  {len(x) / seconds:.0f} samples/s")
    print(f"torch_fashion_mnist: torch {torch.__version__}, {params} parameters, {a.epochs} epochs, batch {a.batch}, "
          f"{a.threads} threads: test accuracy {100 * acc:.2f} %, {len(x) * a.epochs / train_seconds:.0f} samples/s (training only)")


if __name__ == "__main__":
    main()
