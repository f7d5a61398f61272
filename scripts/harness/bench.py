# SPDX-License-Identifier: GPL-2.0
"""make bench's plan: which guest boots run which benches, in which
order and how long each takes.

For each guest size the kernels alternate, so that the two boots a ratio
compares run close together in time; the vanilla and patched boots of a
size that both run the uprobe bench are one unit, run again together when
their control rows show a disturbed boot (scripts/bench.sh).
"""
from dataclasses import dataclass
from typing import Optional, Tuple

from .guests import GuestSize
from .kernels import KERNELS, SOURCES

# objpool-mem's possible CPUs, each a boot with 2 vCPUs online
MEM_MAXCPUS = (8, 64, 256)
# rows per producer count of the objpool bench: 6 cases x 2 pools + 4
# cases of "none" (no overrun)
OBJPOOL_ROWS = 16


@dataclass(frozen=True)
class Boot:
    label: str
    kernel: str
    size: str                   # as in CPUS
    maxcpus: Optional[int]
    benches: Tuple[str, ...]
    unit: int                   # boots of one unit share a number

    @property
    def pools(self):
        return SOURCES[KERNELS[self.kernel].source].objpool_pools

    def line(self, secs):
        """UNIT LABEL KERNEL SIZE VCPUS TCG MAXCPUS BENCHES SECS: what
        scripts/bench.sh reads of a boot (MAXCPUS - for none)."""
        size = GuestSize.parse(self.size, False)
        return (f"{self.unit} {self.label} {self.kernel} {self.size} {size.vcpus} "
                f"{size.tcg_threads} {self.maxcpus or '-'} {','.join(self.benches)} {secs}")


def boots(sizes, benches, kernels, v612=False):
    """The boots of a run: SIZES (GuestSize), BENCHES asked for, KERNELS
    measured of vanilla and patched, V612: whether a 6.12 kernel is there."""
    out = []
    for n in sizes:
        for k in kernels:
            b = [x for x in ('uprobe',) if x in benches]
            if not n.one_thread:
                b += [x for x in ('kretprobe',) if x in benches]
                if k == 'vanilla' and 'objpool' in benches:
                    b.append('objpool')
            if b:
                out.append((f"{k}-smp{str(n).replace(':', '-')}", k, str(n), None, b))
    if 'objpool-mem' in benches:
        out += [(f'vanilla-mem{m}', 'vanilla', '2', m, ['objpool-mem'])
                for m in MEM_MAXCPUS]
    if v612:
        out += [(f'vanilla-6.12-smp{n}', 'vanilla-6.12', str(n), None, ['objpool'])
                for n in sizes if not n.one_thread]
    # units: a vanilla and a patched boot of one size with the uprobe bench
    result, unit, i = [], 0, 0
    while i < len(out):
        n = 1
        if (i + 1 < len(out) and out[i][1] != out[i + 1][1]
                and out[i][2] == out[i + 1][2]
                and 'uprobe' in out[i][4] and 'uprobe' in out[i + 1][4]):
            n = 2
        unit += 1
        for j in range(i, i + n):
            result.append(Boot(*out[j][:4], tuple(out[j][4]), unit))
        i += n
    return result


def boot_secs(boot, uprobe_rows, samples, duration, warmup):
    """An estimate of a boot's seconds, guest boot and power-off included."""
    row_s = warmup + samples * duration + 0.3
    n = GuestSize.parse(boot.size, False).vcpus
    s = 15
    if 'uprobe' in boot.benches:
        s += n * uprobe_rows * (row_s + duration)
    if 'kretprobe' in boot.benches:
        s += n * row_s
    if 'objpool' in boot.benches:
        s += n * OBJPOOL_ROWS * row_s
    if 'objpool-mem' in boot.benches:
        s += 20
    return int(s)
