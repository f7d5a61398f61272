#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fill bench numbers into a text from a bench results directory.

    bench-quote.py RESULTS-DIR < TEXT > TEXT-WITH-NUMBERS

RESULTS-DIR (bench/results/NAME) holds the results.csv of "make bench"
runs, one per architecture, as ARCH.csv, and RUN, which says for each
architecture which machine, which QEMU, which commit and which command
made them ("ARCH: key: value" lines).  The commit messages and cover
letters of patches/ quote their numbers through this, so that no number
in them is typed by hand and all of them come from one run per
architecture (scripts/gen-patches.sh, directive "numbers").

A token is {{KIND ARGS...}}:

    {{rate ARCH SIZE BENCH ROW P KERNEL}}   mean rate, M/s ("0.354")
    {{ratio ARCH SIZE BENCH ROW P}}         patched/vanilla ("3.93x")
    {{writes ARCH SIZE ROW P KERNEL}}       XOL slot writes per hit
    {{run ARCH}}                            the run, in one line

SIZE is the guest size as make bench's CPUS gives it (1, 2,
2:tcg-single), KERNEL vanilla or patched.  A token naming a row the
results do not hold, or one whose result was not ok, is an error: text
is never filled with a number that was not measured.
"""

import csv
import os
import re
import sys

TOKEN = re.compile(r"\{\{([^{}]*)\}\}")


class QuoteError(Exception):
    """A token that cannot be filled from the results."""


def load(results_dir):
    """Read RESULTS-DIR: ({(kernel, arch, size, bench, row, p): rec}, run)."""
    rows = {}
    run = {}
    for name in sorted(os.listdir(results_dir)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(results_dir, name), newline="") as f:
            for rec in csv.DictReader(f):
                key = (rec["kernel"], rec["arch"], rec["vcpus"],
                       rec["bench"], rec["row"], rec["p"])
                rows[key] = rec
    with open(os.path.join(results_dir, "RUN")) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            arch, key, value = (s.strip() for s in line.split(":", 2))
            run.setdefault(arch, {})[key] = value
    return rows, run


def measured(rows, kernel, arch, size, bench, row, p):
    rec = rows.get((kernel, arch, size, bench, row, p))
    if rec is None:
        raise QuoteError(f"no {kernel} {arch} {size} {bench} {row} P={p} in the results")
    if rec["result"] != "ok":
        raise QuoteError(f"{kernel} {arch} {size} {bench} {row} P={p}: result {rec['result']}")
    return rec


def rate(rows, kernel, arch, size, bench, row, p):
    return float(measured(rows, kernel, arch, size, bench, row, p)
                 ["mean_per_s_qemu_tcg"])


def extra(rec, name):
    for kv in rec["extra"].split(";"):
        k, _, v = kv.partition("=")
        if k == name:
            return float(v)
    raise QuoteError(f"{rec['kernel']} {rec['arch']} {rec['row']}: no {name}")


def fill(kind, args, rows, run):
    """The text of one token."""
    want = {"rate": 6, "ratio": 5, "writes": 5, "run": 1}
    if kind not in want:
        raise QuoteError(f"unknown token kind '{kind}'")
    if len(args) != want[kind]:
        raise QuoteError(f"'{kind}' takes {want[kind]} arguments, not {len(args)}")
    if kind == "rate":
        arch, size, bench, row, p, kernel = args
        return f"{rate(rows, kernel, arch, size, bench, row, p) / 1e6:.3f}"
    if kind == "ratio":
        arch, size, bench, row, p = args
        return "%.2fx" % (rate(rows, "patched", arch, size, bench, row, p) /
                          rate(rows, "vanilla", arch, size, bench, row, p))
    if kind == "writes":
        arch, size, row, p, kernel = args
        w = extra(measured(rows, kernel, arch, size, "uprobe", row, p),
                  "writes_per_hit")
        return "%.0f" % w if w in (0, 1) else "%.2f" % w
    arch, = args
    if arch not in run:
        raise QuoteError(f"RUN says nothing of {arch}")
    r = run[arch]
    try:
        return (f"{r['date']}, {r['host']}, QEMU {r['qemu']}, "
                f"probescale {r['commit']}: {r['command']}")
    except KeyError as e:
        raise QuoteError(f"RUN has no '{arch}: {e.args[0]}' line") from None


def quote(text, rows, run):
    """TEXT with every token filled."""
    def one(m):
        words = m.group(1).split()
        if not words:
            raise QuoteError("empty token {{}}")
        return fill(words[0], words[1:], rows, run)
    return TOKEN.sub(one, text)


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: bench-quote.py RESULTS-DIR < TEXT")
    try:
        rows, run = load(argv[1])
        sys.stdout.write(quote(sys.stdin.read(), rows, run))
    except (OSError, QuoteError, KeyError, ValueError) as e:
        sys.exit(f"probescale: bench-quote: {argv[1]}: {e}")


if __name__ == "__main__":
    main(sys.argv)
