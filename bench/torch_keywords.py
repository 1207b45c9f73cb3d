#!/usr/bin/python3
"""PyTorch anchor for train_keywords_bench: the zoo's `ds_cnn` (MLPerf Tiny's
keyword spotter, width 1, depth 4) in PyTorch, trained on the features that
`train_keywords_bench --export DIR` wrote (the same MFCC rows, mean-subtracted
and standardised by mote's features stage),
with the same batch size, thread count, epochs, optimizer, schedule and
label smoothing; evaluated on the same flite test rows. Prints samples/s
over the training epochs and the test accuracy. Needs Debian's python3-torch
and python3-numpy.

With --time-mask T / --freq-mask F, each training example loses a band of
up to T frames and one of up to F coefficients (set to 0), as mote's
train.augment time_mask / freq_mask (train/feature_masks.h) do.

Usage: bench/torch_keywords.py DIR [--epochs N] [--threads N] [--batch N] [--lr X]
                               [--time-mask T] [--freq-mask F] [--seed N]
"""
import argparse
import math

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from torch_fit import fit, parameter_count


def same_padding(size, kernel, stride):
    """TensorFlow's `same` padding (before, after): the smaller half before."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class TfSamePad(nn.Module):
    def __init__(self, height, width, kernel, stride):
        super().__init__()
        top, bottom = same_padding(height, kernel[0], stride)
        left, right = same_padding(width, kernel[1], stride)
        self.pad = (left, right, top, bottom)

    def forward(self, x):
        return F.pad(x, self.pad)


def bn(channels):
    # Keras's momentum 0.99 is PyTorch's 0.01; epsilon 1e-3 as Keras.
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


class FeatureMasks(nn.Module):
    """In training, zeroes a band of up to `time` frames and one of up to
    `freq` features of each example [N, 1, frames, features]."""

    def __init__(self, time, freq):
        super().__init__()
        self.time, self.freq = time, freq

    def band(self, n, widest, size):
        width = torch.randint(0, min(widest, size) + 1, (n,))
        begin = (torch.rand(n) * (size - width + 1)).long()
        index = torch.arange(size)[None]
        return (index >= begin[:, None]) & (index < (begin + width)[:, None])

    def forward(self, x):
        if not self.training or (self.time == 0 and self.freq == 0):
            return x
        n, _, frames, features = x.shape
        mask = self.band(n, self.time, frames)[:, None, :, None] | self.band(n, self.freq, features)[:, None, None, :]
        return x.masked_fill(mask, 0.0)


def ds_cnn(frames, features, classes, filters=64, depth=4):
    """model_zoo.cc's DsCnn: conv 10x4 stride 2 (same), bn, relu, dropout 0.2,
    depth x [depthwise 3x3, bn, relu, conv 1x1, bn, relu], dropout 0.4,
    global average pool, dense. Convolutions keep their biases (MLPerf's)."""
    layers = [TfSamePad(frames, features, (10, 4), 2), nn.Conv2d(1, filters, (10, 4), stride=2), bn(filters),
              nn.ReLU(), nn.Dropout(0.2)]
    for _ in range(depth):
        layers += [nn.Conv2d(filters, filters, 3, padding=1, groups=filters), bn(filters), nn.ReLU(),
                   nn.Conv2d(filters, filters, 1), bn(filters), nn.ReLU()]
    layers += [nn.Dropout(0.4), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(filters, classes)]
    return nn.Sequential(*layers)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--time-mask", type=int, default=0)
    p.add_argument("--freq-mask", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    # [N, frames, features] -> NCHW [N, 1, frames, features]
    x = torch.from_numpy(np.load(f"{a.dir}/train_x.npy")).unsqueeze(1)
    y = torch.from_numpy(np.load(f"{a.dir}/train_y.npy"))
    tx = torch.from_numpy(np.load(f"{a.dir}/test_x.npy")).unsqueeze(1)
    ty = torch.from_numpy(np.load(f"{a.dir}/test_y.npy"))
    classes = int(max(y.max(), ty.max())) + 1
    model = nn.Sequential(FeatureMasks(a.time_mask, a.freq_mask), ds_cnn(x.shape[2], x.shape[3], classes))
    params = parameter_count(model)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, eps=1e-7)
    # warm-up over the first epoch
    acc, train_seconds = fit(model, opt, (x, y), (tx, ty), a.epochs, a.batch, math.ceil(len(x) / a.batch), 0.1,
                             test_name="flite")
    print(f"torch_keywords: torch {torch.__version__} ds_cnn, {params} parameters, {len(x)} train / {len(tx)} test "
          f"examples, {a.epochs} epochs, batch {a.batch}, {a.threads} threads: flite accuracy {100 * acc:.2f} %, "
          f"{len(x) * a.epochs / train_seconds:.0f} samples/s (training only)")


if __name__ == "__main__":
    main()
