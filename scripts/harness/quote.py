# SPDX-License-Identifier: GPL-2.0
"""Bench numbers quoted in text: the commit messages and cover letters of
patches/ take every number they give from a bench results directory kept
in the repository (scripts/gen-patches.sh, directive "numbers"), so that
none is typed by hand and all come from one run per architecture.

A results directory (bench/results/NAME) holds the results.csv of one
"make bench" run per architecture, as ARCH.csv, and RUN, which says for
each architecture when, on which host, with which QEMU, at which commit
and with which command they were made ("ARCH: key: value" lines, keys
date, host, qemu, commit, command).

A token is {{KIND ARGS...}}:

    {{rate ARCH SIZE BENCH ROW P KERNEL}}   mean rate, M/s ("0.354")
    {{ratio ARCH SIZE BENCH ROW P}}         patched/vanilla ("3.93x")
    {{us ARCH SIZE BENCH ROW P KERNEL}}     microseconds per call ("16.2")
    {{writes ARCH SIZE ROW P KERNEL}}       XOL slot writes per uprobe hit
    {{run ARCH KEY}}                        what RUN says of ARCH's KEY

SIZE is a guest size as make bench's CPUS gives it (guests.GuestSize:
1, 2, 2:tcg-single), KERNEL vanilla or patched.  A token naming a row
the results do not hold, or one whose result was not ok, is an error:
text is never filled with a number that was not measured.
"""
import os
import re

from . import records
from .arches import ARCHES
from .guests import GuestSize

TOKEN = re.compile(r'\{\{([^{}]*)\}\}')
RUN_KEYS = ('date', 'host', 'qemu', 'commit', 'command')
ARGS = {'rate': 6, 'ratio': 5, 'us': 6, 'writes': 5, 'run': 2}


class Results:
    """The records and RUN of a results directory."""

    def __init__(self, path):
        self.path = path
        self.rows = {}
        self.run = {}
        names = sorted(n for n in os.listdir(path) if n.endswith('.csv'))
        if not names:
            raise ValueError(f'{path}: no ARCH.csv (results.csv of make bench)')
        for name in names:
            for r in records.read_csv(os.path.join(path, name)):
                self.rows[(r.kernel, r.arch, r.vcpus, r.bench, r.row, r.p)] = r
        with open(os.path.join(path, 'RUN'), encoding='utf-8') as f:
            for no, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith('#'):
                    continue
                parts = [s.strip() for s in line.split(':', 2)]
                if len(parts) != 3 or parts[1] not in RUN_KEYS:
                    raise ValueError(f'{path}/RUN:{no}: not "ARCH: KEY: VALUE" '
                                     'with KEY one of ' + ' '.join(RUN_KEYS))
                self.run.setdefault(parts[0], {})[parts[1]] = parts[2]

    def measured(self, kernel, arch, size, bench, row, p):
        if arch not in ARCHES:
            raise ValueError(f"unknown architecture '{arch}'")
        GuestSize.parse(size, with_possible=False)
        if kernel not in ('vanilla', 'patched'):
            raise ValueError(f"kernel '{kernel}': vanilla or patched")
        rec = self.rows.get((kernel, arch, size, bench, row, p))
        what = f'{kernel} {arch} {size} {bench} {row} P={p}'
        if rec is None:
            raise ValueError(f'no {what} in the results')
        if not rec.ok:
            raise ValueError(f'{what}: result {rec.result}')
        return rec

    def rate(self, *key):
        return records.number(self.measured(*key).mean)

    def fill(self, kind, args):
        """The text of one token {{KIND ARGS...}}."""
        if kind not in ARGS:
            raise ValueError(f"unknown token kind '{kind}': one of " + ' '.join(ARGS))
        if len(args) != ARGS[kind]:
            raise ValueError(f"'{kind}' takes {ARGS[kind]} arguments, not {len(args)}")
        if kind == 'rate':
            arch, size, bench, row, p, kernel = args
            return f'{self.rate(kernel, arch, size, bench, row, p) / 1e6:.3f}'
        if kind == 'us':
            arch, size, bench, row, p, kernel = args
            return f'{1e6 / self.rate(kernel, arch, size, bench, row, p):.1f}'
        if kind == 'ratio':
            arch, size, bench, row, p = args
            return '%.2fx' % (self.rate('patched', arch, size, bench, row, p) /
                              self.rate('vanilla', arch, size, bench, row, p))
        if kind == 'writes':
            arch, size, row, p, kernel = args
            rec = self.measured(kernel, arch, size, 'uprobe', row, p)
            w = rec.extras().get('writes_per_hit')
            if w is None:
                raise ValueError(f'{kernel} {arch} {size} {row}: no writes_per_hit')
            w = float(w)
            return '%.0f' % w if w in (0, 1) else '%.2f' % w
        arch, key = args
        if key not in RUN_KEYS:
            raise ValueError(f"unknown RUN key '{key}': one of " + ' '.join(RUN_KEYS))
        value = self.run.get(arch, {}).get(key)
        if value is None:
            raise ValueError(f"RUN has no '{arch}: {key}:' line")
        return value

    def quote(self, text):
        """TEXT with every token filled."""
        def one(m):
            words = m.group(1).split()
            if not words:
                raise ValueError('empty token {{}}')
            return self.fill(words[0], words[1:])
        return TOKEN.sub(one, text)
