# SPDX-License-Identifier: GPL-2.0
"""Guest sizes: how many vCPUs a guest has, how many CPUs are possible in
it and whether QEMU runs its vCPUs on one host thread.

The one syntax, used by selftests/check.plan and by make bench's CPUS:

  N             N vCPUs, a host thread each (QEMU -accel tcg,thread=multi)
  N/M           N vCPUs online, M possible (M >= N; the rest never come up)
  ...:tcg-single  all vCPUs on one host thread (-accel tcg,thread=single)

make bench does not take /M: its objpool-mem boots choose their own.
"""
import re
from dataclasses import dataclass
from typing import Optional

_SIZE = re.compile(r"([1-9][0-9]*)(?:/([1-9][0-9]*))?(:tcg-single)?")
ONE_THREAD = ':tcg-single'


@dataclass(frozen=True)
class GuestSize:
    """One guest size; str() gives back the syntax it was parsed from."""
    vcpus: int
    possible: Optional[int] = None
    one_thread: bool = False

    @classmethod
    def parse(cls, text, with_possible=True, where=''):
        """Parse TEXT; ValueError with a message saying what is accepted
        (and WHERE the size was, e.g. " in CPUS")."""
        m = _SIZE.fullmatch(text)
        if not m or (m.group(2) and not with_possible):
            what = ('a vCPU count N, N/POSSIBLE, either with :tcg-single'
                    if with_possible else 'a vCPU count N, or N:tcg-single')
            raise ValueError(f"bad guest size '{text}'{where}: {what}")
        vcpus = int(m.group(1))
        possible = int(m.group(2)) if m.group(2) else None
        if possible is not None and possible < vcpus:
            raise ValueError(f"bad guest size '{text}': {possible} possible "
                             f"CPUs is fewer than its {vcpus} vCPUs")
        return cls(vcpus, possible, bool(m.group(3)))

    def __str__(self):
        return (f'{self.vcpus}'
                + (f'/{self.possible}' if self.possible is not None else '')
                + (ONE_THREAD if self.one_thread else ''))

    @property
    def tcg_threads(self):
        """QEMU's TCG threading for this guest: single or multi."""
        return 'single' if self.one_thread else 'multi'

    def host_threads(self, jobs):
        """Host threads the guest keeps busy, when JOBS are available."""
        return 1 if self.one_thread else min(self.vcpus, jobs)

    def label(self):
        """The size as make bench's tables name it."""
        if self.one_thread:
            return f'{self.vcpus} on one host thread (TCG thread=single)'
        return str(self)

    def sort_key(self):
        return (self.vcpus, self.possible or 0, self.one_thread)


def parse_sizes(text, with_possible=False, host_cpus=None):
    """A list of sizes (make bench's CPUS): sorted, each once.

    ValueError for an empty list, a bad size, or one with more vCPUs than
    4 per CPU of a host with HOST_CPUS.
    """
    words = text.split()
    if not words:
        raise ValueError('CPUS is empty: give vCPU counts, e.g. CPUS="1 2"')
    sizes = set()
    for w in words:
        size = GuestSize.parse(w, with_possible, ' in CPUS')
        if host_cpus is not None and size.vcpus > host_cpus * 4:
            raise ValueError(f'{size.vcpus} vCPUs is more than this machine '
                             f'can run ({host_cpus} CPUs x 4 = '
                             f'{host_cpus * 4})')
        sizes.add(size)
    return sorted(sizes, key=GuestSize.sort_key)
