# SPDX-License-Identifier: GPL-2.0
"""Statistics of make bench: samples, ratios and their spread, and the
control rows that tell a disturbed boot."""
import math

from .records import CONTROL_ROWS

# Control rows further than this from 1.00x mark a disturbed guest size.
NOISE = 0.1


def mean_sd(samples):
    """Mean and sample standard deviation (0 for fewer than 2 samples)."""
    if not samples:
        raise ValueError('no samples')
    m = sum(samples) / len(samples)
    if len(samples) < 2:
        return m, 0.0
    return m, math.sqrt(sum((x - m) ** 2 for x in samples)
                        / (len(samples) - 1))


def ratio(a, b):
    """a / b, or None unless both are positive."""
    return a / b if a > 0 and b > 0 else None


def ratio_sd(a, sa, b, sb):
    """The standard deviation of a / b from those of a and b (first-order
    propagation of independent errors)."""
    r = a / b
    return r * math.sqrt((sa / a) ** 2 + (sb / b) ** 2)


def control_dev(a, b):
    """How far two patched/vanilla control ratios are from 1.00x."""
    return max(abs(a - 1), abs(b - 1))


def controls_dev(records):
    """The worst control_dev() of RECORDS (one guest size's rounds of the
    vanilla and patched boots) over their producer counts; None when no
    producer count has all four control rows."""
    ctl = {}
    for r in records:
        if r.bench == 'uprobe' and r.ok and r.row in CONTROL_ROWS:
            ctl[r.kernel, r.row, r.p] = float(r.mean)
    worst = None
    for p in sorted({k[2] for k in ctl}):
        try:
            v = [ctl['vanilla', row, p] for row in CONTROL_ROWS]
            pt = [ctl['patched', row, p] for row in CONTROL_ROWS]
        except KeyError:
            continue
        if min(v) <= 0:
            continue
        d = control_dev(pt[0] / v[0], pt[1] / v[1])
        if worst is None or d > worst:
            worst = d
    return worst
