#!/usr/bin/python3
"""PyTorch anchor for train_fashion_mnist_bench: the zoo's `cnn` (width 1,
depth 2) in PyTorch with the same batch size, thread count, optimizer and
schedule, trained on the same Fashion-MNIST images. Prints samples/s over
the training epochs and the test accuracy. Needs Debian's python3-torch.

Usage: bench/torch_fashion_mnist.py [--epochs N] [--threads N] [--batch N] [--limit N]
"""
import argparse
import gzip

import torch
from torch import nn

from torch_fit import fit, parameter_count

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


def cnn():
    """model_zoo.h's cnn at width 1, depth 2, for 28x28 images and 10 classes."""
    return nn.Sequential(*block(1, 16), *block(16, 32), nn.Dropout(0.2), nn.Flatten(), nn.Linear(7 * 7 * 32, 10))


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
    model = cnn()
    params = parameter_count(model)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4, eps=1e-7)
    acc, train_seconds = fit(model, opt, (x, y), (tx, ty), a.epochs, a.batch, 200, 0.05, eval_batch=1000)
    print(f"torch_fashion_mnist: torch {torch.__version__}, {params} parameters, {a.epochs} epochs, batch {a.batch}, "
          f"{a.threads} threads: test accuracy {100 * acc:.2f} %, {len(x) * a.epochs / train_seconds:.0f} samples/s (training only)")


if __name__ == "__main__":
    main()
