#!/usr/bin/env python3
"""Splits a keyword model's test accuracy by the voice that spoke each clip.

    keywords_by_voice.py PROJECT FEATURES PREDICTIONS [--words]

PROJECT is a kws project whose test clips came from `mote data synth
keywords` (each clip names its voice in its WAV comment, docs/data-synth.md),
FEATURES the feature set the model was tested on (its index.json lists the
test rows in order) and PREDICTIONS the file `train_keywords_bench
--predictions` wrote (one `label predicted` pair per test row, in that
order). Prints the accuracy per voice, and with --words per voice and word
with the commonest wrong answer: the flite set is about 55 utterances (each
voice says each word one way, up to pitch, tempo and noise), and a few of
them decide most of the errors.

Standard library only.
"""
import argparse
import collections
import json
import sqlite3
import struct
import sys
from pathlib import Path


def wav_comment(path):
    """The ICMT entry of a WAV file's LIST/INFO chunk, or ''."""
    data = path.read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{path}: not a RIFF/WAVE file")
    pos = 12
    while pos + 8 <= len(data):
        chunk, size = data[pos:pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        body = data[pos + 8:pos + 8 + size]
        if chunk == b"LIST" and body[:4] == b"INFO":
            sub = 4
            while sub + 8 <= len(body):
                name, length = body[sub:sub + 4], struct.unpack_from("<I", body, sub + 4)[0]
                if name == b"ICMT":
                    return body[sub + 8:sub + 8 + length].rstrip(b"\0").decode("utf-8", "replace")
                sub += 8 + length + (length & 1)
        pos += 8 + size + (size & 1)
    return ""


def voice_of(path):
    """`'up': flite -voice slt, sox ...` -> `slt`; noise-only clips -> `noise`.

    Exits with one line naming the file when it is not a WAV file or does
    not say how it was made (clips synthesized before mote wrote comments)."""
    try:
        comment = wav_comment(path)
    except (OSError, ValueError, struct.error) as e:
        sys.exit(f"{path}: {e}")
    if not comment:
        sys.exit(f"{path}: no comment saying which voice spoke it (synthesize the clips again)")
    for engine in ("flite -voice ", "festival voice ", "RHVoice ", "espeak-ng -v "):
        if engine in comment:
            return comment.split(engine, 1)[1].split(",", 1)[0].split(" ", 1)[0]
    return "noise"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("features", type=Path)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--words", action="store_true", help="also split each voice by word")
    args = parser.parse_args()

    index = json.loads((args.features / "index.json").read_text())
    test_ids = [row[0] for row in index["rows"] if row[3] == "test"]
    pairs = [line.split() for line in args.predictions.read_text().splitlines()]
    if len(pairs) != len(test_ids):
        sys.exit(f"{args.predictions}: {len(pairs)} predictions, but {args.features} has {len(test_ids)} test rows")
    store = sqlite3.connect(f"file:{args.project / '.mote' / 'store.db'}?mode=ro", uri=True)
    source = dict(store.execute("SELECT id, source FROM samples"))

    by_voice = collections.defaultdict(lambda: [0, 0])
    by_word = collections.defaultdict(lambda: [0, 0, collections.Counter()])
    for sample_id, (label, predicted) in zip(test_ids, pairs):
        voice = voice_of(args.project / source[sample_id])
        right = int(label == predicted)
        by_voice[voice][0] += right
        by_voice[voice][1] += 1
        cell = by_word[(voice, label)]
        cell[0] += right
        cell[1] += 1
        if not right:
            cell[2][predicted] += 1

    total = sum(r for r, _ in by_voice.values()), sum(n for _, n in by_voice.values())
    print("voice      accuracy   clips")
    for voice, (right, n) in sorted(by_voice.items()):
        print(f"{voice:<10} {100 * right / n:6.1f} %  {n:6d}")
    print(f"{'all':<10} {100 * total[0] / total[1]:6.1f} %  {total[1]:6d}")
    if args.words:
        print("\nvoice      word        right / clips   commonest wrong answer")
        for (voice, word), (right, n, wrong) in sorted(by_word.items(), key=lambda kv: kv[1][0] / kv[1][1]):
            answer = f"{wrong.most_common(1)[0][0]} ({wrong.most_common(1)[0][1]})" if wrong else ""
            print(f"{voice:<10} {word:<10} {right:5d} / {n:<5d}  {answer}")


if __name__ == "__main__":
    main()
