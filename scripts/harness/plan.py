# SPDX-License-Identifier: GPL-2.0
"""selftests/check.plan: the guest runs of make check.

One run per line (the file's header says what each field means):

  NAME ARCHES KERNELS VARIANTS SIZE TIMEOUT ITEM...

SIZE is a guest size (guests.GuestSize).  Each run is booted once for
every architecture, kernel and variant it names that make check builds.

A line "define NAME WORD" names a word that several runs share (a list
of test cases, say); "$NAME" in a later item stands for it.
"""
import re
from dataclasses import dataclass
from typing import Tuple

from .arches import ARCHES
from .guests import GuestSize
from .kernels import KERNELS, VARIANTS

ITEM_KINDS = ('lib', 'kunit', 'tap', 'run', 'data', 'kselftest')


@dataclass(frozen=True)
class Run:
    name: str
    arches: Tuple[str, ...]
    kernels: Tuple[str, ...]
    variants: Tuple[str, ...]
    size: GuestSize
    timeout: int
    items: Tuple[str, ...]
    line: int

    def applies(self, arch, kernel, variant):
        return (arch in self.arches and kernel in self.kernels
                and variant in self.variants)


def _expand(item, names, bad):
    """ITEM with each $NAME replaced by what "define NAME" gave it."""
    def word(m):
        if m.group(1) not in names:
            raise bad(f"'${m.group(1)}' is not defined above")
        return names[m.group(1)]
    return re.sub(r'\$([A-Za-z_][A-Za-z0-9_]*)', word, item)


def parse(text, where='selftests/check.plan'):
    """The runs of a plan; ValueError naming the line of the first bad one."""
    runs = []
    names = {}
    for no, line in enumerate(text.splitlines(), 1):
        f = line.split()
        if not f or f[0].startswith('#'):
            continue

        def bad(why):
            return ValueError(f'{where}:{no}: {why}')
        if f[0] == 'define':
            if len(f) != 3 or not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', f[1]):
                raise bad('a definition is "define NAME WORD"')
            if f[1] in names:
                raise bad(f"'{f[1]}' is defined twice")
            names[f[1]] = f[2]
            continue
        if len(f) < 7:
            raise bad('a run needs NAME ARCHES KERNELS VARIANTS SIZE TIMEOUT ITEM...')
        name, arches, kernels, variants, size, timeout = f[:6]
        arches, kernels, variants = (tuple(x.split(',')) for x in (arches, kernels, variants))
        for what, have, known in (('architecture', arches, ARCHES),
                                  ('kernel', kernels, KERNELS),
                                  ('variant', variants, VARIANTS)):
            for x in have:
                if x not in known:
                    raise bad(f"unknown {what} '{x}': choose from: " + ' '.join(known))
        try:
            size = GuestSize.parse(size)
        except ValueError as e:
            raise bad(str(e)) from None
        if not re.fullmatch(r'[1-9][0-9]*', timeout):
            raise bad(f"bad timeout '{timeout}': seconds")
        items = tuple(_expand(item, names, bad) for item in f[6:])
        for item in items:
            if item.split(':', 1)[0] not in ITEM_KINDS or ':' not in item:
                raise bad(f"bad item '{item}': KIND:... with KIND one of "
                          + ' '.join(ITEM_KINDS))
        runs.append(Run(name, arches, kernels, variants, size, int(timeout),
                        items, no))
    return runs


def runs_for(runs, arch, kernel, variant, only=None):
    """The runs for one kernel, in plan order; ONLY: a regular expression
    a run's name must contain a match of (make check's PS_ONLY)."""
    return [r for r in runs if r.applies(arch, kernel, variant)
            and (not only or re.search(only, r.name))]
