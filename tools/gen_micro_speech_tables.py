#!/usr/bin/env python3
"""Writes micro/dsp/micro_speech/micro_speech_tables.cc: the constant tables of
the micro_speech-compatible front end, computed from their defining formulas.

Usage:
  tools/gen_micro_speech_tables.py                 # rewrite the .cc
  tools/gen_micro_speech_tables.py --check-model ../shared/models/audio_preprocessor_int8.tflite
      # also compare the tables with the constant tensors of TFLM's
      # audio preprocessor model (exit 1 on any difference)

Standard library only. Double precision throughout: it reproduces the model's
tensors exactly (the formulas and their rounding are described in
docs/micro-speech-frontend.md).
"""
import argparse
import math
import os
import struct
import sys

# Front-end parameters (micro_speech defaults).
SAMPLE_RATE = 16000
WINDOW_SAMPLES = 480            # 30 ms
WINDOW_BITS = 12                # Hann coefficients in Q12
FFT_LENGTH = 512
NUM_CHANNELS = 40
LOWER_BAND_HZ = 125.0
UPPER_BAND_HZ = 7500.0
FILTERBANK_BITS = 12            # weights in Q12
FILTERBANK_CHANNEL_BLOCK = 4    # channel widths are padded to multiples of 4
FILTERBANK_INDEX_ALIGNMENT = 2  # channel starts are aligned to 2 bins
PCAN_STRENGTH = 0.95
PCAN_OFFSET = 80.0
PCAN_GAIN_BITS = 21
PCAN_INPUT_BITS = 7             # noise_reduction smoothing_bits (10) - input correction bits (3)
PCAN_INTERVALS = 32             # one quadratic segment per power of two of a uint32
LOG_SEGMENTS_LOG2 = 7           # 128 segments
LOG_SCALE_LOG2 = 16
COMPLEX_FFT_LENGTH = FFT_LENGTH // 2


def q15_round(v):
    """32767 * v rounded half up, as the fixed-point FFT's twiddles are."""
    return math.floor(0.5 + 32767.0 * v)


def hann_window():
    # Periodic-looking Hann sampled at bin centres: 0.5 - 0.5 cos(2 pi (i + 0.5) / N).
    return [math.floor((0.5 - 0.5 * math.cos(2 * math.pi * (i + 0.5) / WINDOW_SAMPLES))
                       * (1 << WINDOW_BITS) + 0.5) for i in range(WINDOW_SAMPLES)]


def freq_to_mel(hz):
    return 1127.0 * math.log1p(hz / 700.0)


def filterbank():
    """Triangular mel filters as (weights, unweights, freq starts, weight
    starts, widths), with one extra leading channel whose output is
    discarded: each bin adds weight * energy to its channel and
    unweight * energy to the next one."""
    n1 = NUM_CHANNELS + 1
    spectrum_size = FFT_LENGTH // 2 + 1
    mel_low = freq_to_mel(LOWER_BAND_HZ)
    mel_spacing = (freq_to_mel(UPPER_BAND_HZ) - mel_low) / n1
    centres = [mel_low + mel_spacing * (i + 1) for i in range(n1)]
    hz_per_bin = 0.5 * SAMPLE_RATE / (spectrum_size - 1)
    first_bin = int(1.5 + LOWER_BAND_HZ / hz_per_bin)  # DC and the bins below the band are skipped

    freq_starts, weight_starts, widths = [0] * n1, [0] * n1, [0] * n1
    actual_starts, actual_widths = [0] * n1, [0] * n1
    next_bin, next_weight, zeros_inserted = first_bin, 0, False
    for c in range(n1):
        end = next_bin
        while freq_to_mel(end * hz_per_bin) <= centres[c]:
            end += 1
        width = end - next_bin
        actual_starts[c], actual_widths[c] = next_bin, width
        if width == 0:
            # An empty channel reads one block of zero weights placed first.
            freq_starts[c], weight_starts[c], widths[c] = 0, 0, FILTERBANK_CHANNEL_BLOCK
            if not zeros_inserted:
                zeros_inserted = True
                for j in range(c):
                    weight_starts[j] += FILTERBANK_CHANNEL_BLOCK
                next_weight += FILTERBANK_CHANNEL_BLOCK
        else:
            aligned = (next_bin // FILTERBANK_INDEX_ALIGNMENT) * FILTERBANK_INDEX_ALIGNMENT
            blocks = (next_bin - aligned + width - 1) // FILTERBANK_CHANNEL_BLOCK + 1
            padded = blocks * FILTERBANK_CHANNEL_BLOCK
            freq_starts[c], weight_starts[c], widths[c] = aligned, next_weight, padded
            next_weight += padded
        next_bin = end

    weights, unweights = [0] * next_weight, [0] * next_weight
    last_bin = 0
    for c in range(n1):
        lower = mel_low if c == 0 else centres[c - 1]
        for j in range(actual_widths[c]):
            b = actual_starts[c] + j
            w = (centres[c] - freq_to_mel(b * hz_per_bin)) / (centres[c] - lower)
            k = weight_starts[c] + (actual_starts[c] - freq_starts[c]) + j
            weights[k] = int(w * (1 << FILTERBANK_BITS))          # truncated, not rounded
            unweights[k] = int((1.0 - w) * (1 << FILTERBANK_BITS))
        last_bin = max(last_bin, actual_starts[c] + actual_widths[c])
    return dict(weights=weights, unweights=unweights, freq_starts=freq_starts,
                weight_starts=weight_starts, widths=widths, first_bin=first_bin, end_bin=last_bin)


def pcan_gain(x):
    g = (1 << PCAN_GAIN_BITS) * math.pow(x / (1 << PCAN_INPUT_BITS) + PCAN_OFFSET, -PCAN_STRENGTH)
    return 32767 if g > 32767 else int(g + 0.5)


def pcan_lut():
    """gain(0), gain(1), then per interval i (x in [2^(i-1), 2^i)) the
    quadratic y0 + a1 t + a2 t^2 through x0, 1.5 x0 and 2 x0, padded to 4."""
    lut = [pcan_gain(0), pcan_gain(1)]
    for interval in range(2, PCAN_INTERVALS + 1):
        x0 = 1 << (interval - 1)
        x1 = x0 + (x0 >> 1)
        x2 = x0 + (x0 - 1) if interval == PCAN_INTERVALS else 2 * x0
        y0, y1, y2 = pcan_gain(x0), pcan_gain(x1), pcan_gain(x2)
        a1 = 4 * (y1 - y0) - (y2 - y0)
        a2 = (y2 - y0) - a1
        lut += [y0, a1, a2, 0]
    return lut[:4 * PCAN_INTERVALS - 3]  # the last interval's padding is never read


def log_lut():
    # log2(1 + f) - f at the segment boundaries, in Q16.
    n = 1 << LOG_SEGMENTS_LOG2
    return [round((math.log2(1 + i / n) - i / n) * (1 << LOG_SCALE_LOG2)) for i in range(n + 1)]


def fft_twiddles():
    # In the order RfftQ15Scaled512's last radix-4 stage reads them: for each
    # r < 16 and j = 1, 2, 3, the four exponents j (4 r + l), l < 4 (the
    # other stages use the l = 0 ones).
    out = []
    for r in range(COMPLEX_FFT_LENGTH // 16):
        for j in range(1, 4):
            for l in range(4):
                phase = -2 * math.pi * j * (4 * r + l) / COMPLEX_FFT_LENGTH
                out += [q15_round(math.cos(phase)), q15_round(math.sin(phase))]
    return out


def split_twiddles():
    out = []
    for k in range(COMPLEX_FFT_LENGTH // 2):
        phase = -math.pi * ((k + 1) / COMPLEX_FFT_LENGTH + 0.5)
        out += [q15_round(math.cos(phase)), q15_round(math.sin(phase))]
    return out


def c_array(ctype, name, size_expr, values, per_line=12):
    lines = [f"const {ctype} {name}[{size_expr}] = {{"]
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


def render(fb):
    parts = [
        "// Generated by tools/gen_micro_speech_tables.py: do not edit; change the",
        "// generator and run it again. See micro_speech_tables.h for what each table is.",
        '#include "micro/dsp/micro_speech/micro_speech_tables.h"',
        "",
        "namespace mote::dsp::micro_speech {",
        "",
        c_array("int16_t", "kHannWindowQ12", "kWindowSamples", hann_window()),
        "",
        c_array("int16_t", "kFilterbankWeights", "kFilterbankWeightCount", fb["weights"]),
        "",
        c_array("int16_t", "kFilterbankUnweights", "kFilterbankWeightCount", fb["unweights"]),
        "",
        c_array("int16_t", "kFilterbankFrequencyStarts", "kNumChannels + 1", fb["freq_starts"]),
        "",
        c_array("int16_t", "kFilterbankWeightStarts", "kNumChannels + 1", fb["weight_starts"]),
        "",
        c_array("int16_t", "kFilterbankWidths", "kNumChannels + 1", fb["widths"]),
        "",
        c_array("int16_t", "kPcanGainLut", "kPcanGainLutSize", pcan_lut()),
        "",
        c_array("uint16_t", "kLogCorrectionQ16", "kLogCorrectionSize", log_lut()),
        "",
        c_array("int16_t", "kFftTwiddlesQ15", "2 * kFftTwiddleCount", fft_twiddles()),
        "",
        c_array("int16_t", "kSplitTwiddlesQ15", "2 * kSplitTwiddleCount", split_twiddles()),
        "",
        "}  // namespace mote::dsp::micro_speech",
        "",
    ]
    return "\n".join(parts)


def model_tensors(path):
    """Name -> list of values of the constant tensors of a .tflite file,
    read with a minimal FlatBuffers walk (schema: Model.subgraphs = field 2,
    Model.buffers = 4; Tensor.shape 0, type 1, buffer 2, name 3; Buffer.data 0)."""
    buf = open(path, "rb").read()
    u32 = lambda o: struct.unpack_from("<I", buf, o)[0]

    def table(pos):
        vt = pos - struct.unpack_from("<i", buf, pos)[0]
        n = (struct.unpack_from("<H", buf, vt)[0] - 4) // 2
        return pos, [struct.unpack_from("<H", buf, vt + 4 + 2 * i)[0] for i in range(n)]

    def field(t, i):
        pos, offs = t
        return pos + offs[i] if i < len(offs) and offs[i] else None

    def vector(t, i):
        f = field(t, i)
        if f is None:
            return None, 0
        v = f + u32(f)
        return v + 4, u32(v)

    def tables(t, i):
        start, n = vector(t, i)
        return [table(start + 4 * k + u32(start + 4 * k)) for k in range(n)]

    model = table(u32(0))
    buffers = tables(model, 4)
    formats = {2: "i", 7: "h", 9: "b"}  # int32, int16, int8
    out = {}
    for t in tables(tables(model, 2)[0], 0):
        name_start, name_len = vector(t, 3)
        name = buf[name_start:name_start + name_len].decode()
        ttype = struct.unpack_from("<b", buf, field(t, 1))[0] if field(t, 1) else 0
        index = u32(field(t, 2)) if field(t, 2) else 0
        data_start, data_len = vector(buffers[index], 0)
        if data_len and ttype in formats:
            fmt = formats[ttype]
            count = data_len // struct.calcsize(fmt)
            out[name] = list(struct.unpack_from(f"<{count}{fmt}", buf, data_start))
    return out


def check_model(path, fb):
    tensors = model_tensors(path)
    expected = {
        "Const": hann_window(),
        "signal_filter_bank/Const": fb["weights"],
        "signal_filter_bank/Const_1": fb["unweights"],
        "signal_filter_bank/Const_2": fb["freq_starts"],
        "signal_filter_bank/Const_3": fb["weight_starts"],
        "signal_filter_bank/Const_4": fb["widths"],
        "signal_pcan/Const": pcan_lut(),
        "strided_slice/stack": [fb["first_bin"]],
        "strided_slice/stack_1": [fb["end_bin"]],
    }
    ok = True
    for name, values in expected.items():
        got = tensors.get(name)
        same = got == values
        ok &= same
        print(f"{path}: tensor {name!r}: {len(values)} values, {'equal' if same else 'DIFFERENT'}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-model", metavar="TFLITE")
    args = parser.parse_args()
    fb = filterbank()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.join(root, "micro", "dsp", "micro_speech", "micro_speech_tables.cc")
    with open(target, "w") as f:
        f.write(render(fb))
    print(f"wrote {target}: filterbank bins [{fb['first_bin']}, {fb['end_bin']}), "
          f"{len(fb['weights'])} weights")
    if args.check_model and not check_model(args.check_model, fb):
        sys.exit(1)


if __name__ == "__main__":
    main()
