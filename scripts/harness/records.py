# SPDX-License-Identifier: GPL-2.0
"""make bench's records: the benches' shapes, the PSB lines the guests
print (bench/guest-bench.sh, bench/trigger) and results.csv.

Each guest prints one "PSB BENCH key=value..." line per row it measured,
ending in result=ok or result=bad:WHY, "PSB error ..." or "PSB skip ..."
for a bench that could not run, and PSB begin/end/note lines.  A record
keeps every field as the text it was read as, so that a report prints
exactly what was measured.
"""
from dataclasses import dataclass
from typing import Tuple

# The benches of make bench, in the order BENCHES lists them.
BENCHES = ('uprobe', 'kretprobe', 'objpool', 'objpool-mem', 'objpool-6.12',
           'user')
# Benches a kernel version cannot run, on an architecture (None: on any),
# and why: (bench, version, arch) -> reason.
NOT_ON = {
    ('objpool', '6.12', None):
        "measures 6.1's freelist (objpool-6.12 compares ours with 6.12's)",
    # 6.12's x86 topology code counts only the CPUs QEMU 7.2 describes
    # as present or online-capable: -smp N,maxcpus=M gives N possible.
    ('objpool-mem', '6.12', 'x86_64'):
        'needs more possible CPUs than QEMU gives a 6.12 x86_64 guest '
        '(run it with KVER=6.1, or ARCH=arm64)',
}


def not_on(bench, kver, arch):
    """Why BENCH cannot run on kernel version KVER on ARCH; None if it can."""
    return NOT_ON.get((bench, kver, None)) or NOT_ON.get((bench, kver, arch))

# How the kernel takes the probes of a uprobe row on an architecture:
STEP = 'step'           # single-stepped out of line from an XOL slot: what
                        # the uprobes-xol series changes
EMULATE = 'emulate'     # x86_64: the kernel does the instruction's work,
SIMULATE = 'simulate'   # arm64: likewise; neither uses a slot
NO_PROBE = 'no-probe'   # nothing probed (control and codewrite rows)


@dataclass(frozen=True)
class UprobeRow:
    """A row of the uprobe bench (bench/trigger) and how Linux 6.1 takes
    its probes on each architecture it exists on (((arch, how), ...))."""
    name: str
    how: Tuple[Tuple[str, str], ...]

    def on(self, arch):
        """How ARCH takes the row's probes; None: no such row there."""
        return dict(self.how).get(arch)


def _row(name, **how):
    return UprobeRow(name, tuple(how.items()))


# The uprobe rows, in the order they run and are reported, and how 6.1
# takes each: the one place that says which rows single-step.  Which
# instruction each probes, and the lines of arch/x86/kernel/uprobes.c and
# arch/arm64/kernel/probes/decode-insn.c that decide, are in
# bench/trigger/targets-ARCH.S; Linux 6.12 takes every row here the same
# way.  A uretprobe row is its function's entry probe plus the return
# trampoline (a breakpoint; on x86_64 6.12 the uretprobe syscall), which
# is never stepped: the row steps what its entry probe steps.
UPROBE_TABLE = (
    _row('usermode-count', x86_64=NO_PROBE, arm64=NO_PROBE),
    _row('syscall-count', x86_64=NO_PROBE, arm64=NO_PROBE),
    _row('uprobe-nop', x86_64=EMULATE, arm64=STEP),
    _row('uprobe-push', x86_64=EMULATE, arm64=STEP),
    _row('uprobe-ret', x86_64=STEP, arm64=SIMULATE),
    _row('uprobe-endbr', x86_64=STEP),
    _row('uprobe-nopl', x86_64=STEP),
    _row('uprobe-paciasp', arm64=STEP),
    _row('uretprobe-nop', x86_64=EMULATE, arm64=STEP),
    _row('uretprobe-push', x86_64=EMULATE, arm64=STEP),
    _row('uretprobe-ret', x86_64=STEP, arm64=SIMULATE),
    _row('uprobe-multi8', x86_64=STEP, arm64=STEP),
    _row('uretprobe-multi8', x86_64=STEP, arm64=STEP),
    _row('uprobe-multi8-endbr', x86_64=STEP),
    _row('uprobe-multi64', x86_64=STEP, arm64=STEP),
    _row('codewrite-alone', x86_64=NO_PROBE, arm64=NO_PROBE),
    _row('codewrite-crowded', x86_64=NO_PROBE, arm64=NO_PROBE),
)
# Every architecture's uprobe rows.
UPROBE_ROWS = tuple(r.name for r in UPROBE_TABLE)


def uprobe_rows(arch, *hows):
    """ARCH's uprobe rows, in order; with HOWS, those taken so."""
    return tuple(r.name for r in UPROBE_TABLE
                 if r.on(arch) and (not hows or r.on(arch) in hows))


def stepping_nothing(arch):
    """ARCH's rows that probe and single-step nothing: the patches
    must not make them slower."""
    return uprobe_rows(arch, EMULATE, SIMULATE)


# Rows the patches cannot change: their patched/vanilla ratio is 1.00x
# unless the host disturbed a boot (stats.controls_dev).
CONTROL_ROWS = ('usermode-count', 'syscall-count')
# The objpool bench's cases (bench/objpool_bench_main.c); pool "none"
# has no overrun cases (it never runs out).
OBJPOOL_CASES = ('sync', 'sync-hrtimer', 'async', 'async-hrtimer', 'overrun',
                 'overrun-hrtimer')

CSV_HEADER = ('kernel,arch,vcpus,maxcpus,bench,row,p,mean_per_s_qemu_tcg,'
              'sd_per_s_qemu_tcg,extra,result')
FIELDS = ('kernel', 'arch', 'vcpus', 'maxcpus', 'bench', 'row', 'p', 'mean',
          'sd', 'extra', 'result')


def number(text):
    """TEXT as a number; 0 when it is empty or not one."""
    try:
        return float(text)
    except ValueError:
        return 0.0


@dataclass
class Record:
    """One row of results.csv; every field as its text."""
    kernel: str
    arch: str
    vcpus: str      # the guest size as in CPUS (guests.GuestSize syntax)
    maxcpus: str
    bench: str
    row: str
    p: str
    mean: str
    sd: str
    extra: str      # key=value;key=value
    result: str

    @property
    def ok(self):
        return self.result == 'ok'

    def extras(self):
        """The extra key=value pairs, the first of each key."""
        d = {}
        for kv in self.extra.split(';') if self.extra else ():
            k, _, v = kv.partition('=')
            d.setdefault(k, v.split('=')[0])
        return d

    def samples(self):
        """The samples of the row (rates per second), if it lists them."""
        s = self.extras().get('samples', '')
        return [float(x) for x in s.split(':') if x]

    def csv(self):
        return ','.join(getattr(self, f) for f in FIELDS)


def from_log(lines, kernel, arch, size, maxcpus):
    """The records of one guest's console LINES (a boot of KERNEL with
    guest SIZE and MAXCPUS possible CPUs)."""
    out = []
    for line in lines:
        f = line.rstrip('\r\n').split()
        if len(f) < 2 or f[0] != 'PSB' or f[1] in ('begin', 'end', 'note'):
            continue
        v = {'mode': '', 'p': '', 'mean': '', 'sd': '', 'result': ''}
        extra = []
        for word in f[2:]:
            key, eq, val = word.partition('=')
            if not eq:
                continue
            if key in v:
                v[key] = val
            else:
                extra.append(f'{key}={val}')
        if f[1] in ('error', 'skip'):
            v['result'], v['mode'] = 'bad:' + f[1], f[1]
        elif not v['result']:
            continue        # a line garbled by console output
        out.append(Record(kernel, arch, size, maxcpus, f[1], v['mode'],
                          v['p'], v['mean'], v['sd'], ';'.join(extra),
                          v['result']))
    return out


def read_csv(path):
    """The records of a results.csv (its header line skipped)."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()[1:]
    return [Record(*(r + [''] * len(FIELDS))[:len(FIELDS)])
            for r in (line.split(',') for line in lines if line)]
