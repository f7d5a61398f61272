# SPDX-License-Identifier: GPL-2.0
"""make bench's pictures (matplotlib, Debian's python3-matplotlib).

ratios.png, the one to read first: for each bench, the ratio the report
is about (patched/vanilla, ours/freelist, ours/upstream) of every row at
each guest size with all its vCPUs busy, as bars with error bars from the
rows' sample deviations, and each goal on such a ratio drawn on its bar.
throughput.png: the absolute emulation rates against the vCPU count.
"""
import os

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt     # noqa: E402

from . import report as rep_mod     # noqa: E402
from .records import OBJPOOL_CASES, number  # noqa: E402
from .stats import ratio_sd         # noqa: E402


def ratio_panels(rep):
    """[(title, kernel_num, kernel_den, [(row_label, bench, row_num, row_den)])]"""
    panels = [(f'uprobe: patched / vanilla ({rep.arch})', 'patched', 'vanilla',
               [(r, 'uprobe', r, r) for r in rep.uprobe_rows]),
              (f'kretprobe: patched / vanilla ({rep.arch})', 'patched', 'vanilla',
               [('kretprobe', 'kretprobe', 'kretprobe', 'kretprobe')])]
    for k, other, _, kname in rep_mod.OBJPOOL_TABLES:
        panels.append((f'objpool on {kname}: ours / {other} ({rep.arch})', k, k,
                       [(c, 'objpool', 'ours/' + c, f'{other}/{c}') for c in OBJPOOL_CASES]))
    return panels


def bar(res, kn, kd, bench, rn, rd, size):
    """(ratio, its sd) of a row with every vCPU of SIZE busy, or None."""
    a = res.get(kn, bench, rn, size, size.vcpus)
    b = res.get(kd, bench, rd, size, size.vcpus)
    if not (a and b and a.ok and b.ok and number(a.mean) > 0 and number(b.mean) > 0):
        return None
    ma, mb = number(a.mean), number(b.mean)
    return ma / mb, ratio_sd(ma, number(a.sd), mb, number(b.sd))


def goal_on(rep, kn, kd, bench, rn, rd, size):
    """The goals of the run's arch on this very ratio: (threshold, met).
    A worst-ratio goal holds for every bar of its rows: each is met or
    not by its own ratio."""
    out = []
    for goal, value in rep.goal_values:
        if (goal.metric == 'ratio' and goal.num == (kn, bench, rn)
                and goal.den == (kd, bench, rd)
                and goal.at[0] == (str(size), size.vcpus)):
            out.append((goal.threshold, value is not None and goal.met(value)))
        elif (goal.metric == 'worst-ratio' and goal.num[:2] == (kn, bench)
              and goal.den[:2] == (kd, bench)
              and any(goal.num[2].format(r) == rn and goal.den[2].format(r) == rd
                      for r in goal.rows)):
            v = rep.res.rat2(kn, bench, rn, kd, bench, rd, size, size.vcpus)
            out.append((goal.threshold, v is not None and goal.met(v)))
    return out


def draw_ratios(rep, path):
    panels = []
    for title, kn, kd, rows in ratio_panels(rep):
        bars = [(label, size, bar(rep.res, kn, kd, bench, rn, rd, size),
                 goal_on(rep, kn, kd, bench, rn, rd, size))
                for label, bench, rn, rd in rows for size in rep.sizes]
        if any(b[2] for b in bars):
            panels.append((title, rows, bars))
    if not panels:
        return None
    fig, axes = plt.subplots(len(panels), 1, figsize=(13, 4.2 * len(panels)), squeeze=False)
    colours = plt.rcParams['axes.prop_cycle'].by_key()['color']
    for ax, (title, rows, bars) in zip(axes[:, 0], panels):
        nsizes = len(rep.sizes)
        width = 0.8 / nsizes
        for j, size in enumerate(rep.sizes):
            xs, ys, es = [], [], []
            for i, (label, bench, rn, rd) in enumerate(rows):
                _, _, b, goals = bars[i * nsizes + j]
                x = i - 0.4 + width * (j + 0.5)
                for threshold, met in goals:
                    ax.hlines(threshold, x - width / 2, x + width / 2,
                              colors='green' if met else 'red', linewidth=2.5, zorder=3)
                if b:
                    xs.append(x)
                    ys.append(b[0])
                    es.append(b[1])
            if xs:
                ax.bar(xs, ys, width, yerr=es, capsize=2, color=colours[j % len(colours)],
                       label=f'-smp {size.label()}, P={size.vcpus}')
        ax.axhline(1.0, color='black', linewidth=0.8)
        ax.set_xlim(-0.6, len(rows) - 0.4)
        ax.set_xticks(range(len(rows)))
        ax.set_xticklabels([r[0] for r in rows], rotation=30, ha='right')
        ax.set_ylabel('ratio (QEMU TCG)')
        ax.set_title(title + ' - goal: green met, red missed')
        ax.grid(axis='y', alpha=0.3)
        ax.legend(fontsize=8, loc='upper left')
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def draw_throughput(rep, path):
    """Absolute rates with every vCPU busy against the vCPU count;
    vanilla, freelist and upstream dashed; log scale."""
    groups = (('uprobe', lambda s: 'probe-' in s),
              ('kretprobe', lambda s: s.endswith('kretprobe')),
              ('objpool', lambda s: any(f' {x} ' in s for x in ('ours', 'freelist', 'upstream'))))
    panels = []
    for name, match in groups:
        series = sorted({s for s, _, _ in rep.plot if match(s)})
        if series:
            panels.append((name, series))
    if not panels:
        return None
    fig, axes = plt.subplots(len(panels), 1, figsize=(11, 4.2 * len(panels)), squeeze=False)
    colours = plt.rcParams['axes.prop_cycle'].by_key()['color']
    colour_of = {}
    for ax, (name, series) in zip(axes[:, 0], panels):
        for s in series:
            pts = sorted((n, v) for t, n, v in rep.plot if t == s)
            row = s.split()[-1]
            c = colour_of.setdefault(row, colours[len(colour_of) % len(colours)])
            dashed = s.startswith('vanilla') or 'freelist' in s or 'upstream' in s
            ax.plot([n for n, _ in pts], [v for _, v in pts], marker='o',
                    linestyle='--' if dashed else '-', color=c, label=s)
        ax.set_yscale('log')
        ax.set_xlabel('guest vCPUs')
        ax.set_ylabel('M/s, QEMU TCG (log)')
        ax.set_title(f'{name}: throughput with all vCPUs busy (QEMU TCG, {rep.arch})')
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc='center left', bbox_to_anchor=(1.01, 0.5))
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def draw(rep, outdir):
    """Both pictures of a made report (report.Report.write) into OUTDIR."""
    paths = (draw_ratios(rep, os.path.join(outdir, 'ratios.png')),
             draw_throughput(rep, os.path.join(outdir, 'throughput.png')))
    return [p for p in paths if p]
