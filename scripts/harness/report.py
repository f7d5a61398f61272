# SPDX-License-Identifier: GPL-2.0
"""make bench's report: the tables side by side with ratios, the control
rows, the goals (goals.py) and the rows that did not check out; also
table.csv and goals.txt in the results directory, and the run's exit
status (status()).

Every absolute number is a QEMU TCG emulation number: the tables give
them, the ratios are what counts.  A row whose result is not ok (wrong
results, missed hits) has no valid rate: it is printed, marked, and used
in no ratio, plot or goal.
"""
import io
import os

from . import goals as goals_mod
from .guests import GuestSize
from .records import OBJPOOL_CASES, number, uprobe_rows as arch_uprobe_rows
from .stats import NOISE, control_dev

P, V, U = 'patched', 'vanilla', 'uprobe'
# The uprobe rows a plot shows.
PLOTTED_UPROBE_ROWS = ('uprobe-nop', 'uprobe-push', 'uprobe-ret', 'uprobe-multi8',
                       'uprobe-multi64', 'uretprobe-ret')
# The objpool tables: kernel, the pool ours is compared with, title, and
# the name of the kernel in plots.
OBJPOOL_TABLES = (('vanilla', 'freelist', '6.1 vanilla kernel: ours vs freelist', '6.1'),
                  ('vanilla-6.12', 'upstream', '6.12 kernel: ours vs upstream objpool', '6.12'))


def is_known_artifact(rec):
    """A row that is wrong for a reason of the emulator's, not the
    kernel's: vanilla's stepped rows with 2+ producers on a guest with a
    host thread per vCPU, where QEMU misses some of vanilla's slot
    rewrites and runs a stale translation (bench/README, selftests/xol's
    smc_alias).  Marked in the report; it does not fail the run."""
    return (rec.kernel == V and rec.bench == U
            and rec.result.startswith('bad:wrong-results-')
            and not GuestSize.parse(rec.vcpus, False).one_thread
            and number(rec.p) >= 2)


def fmt_num(x):
    """A number as awk prints one: integers whole, others with %.6g."""
    return str(int(x)) if x == int(x) else '%.6g' % x


class Results:
    """The records of a run, looked up by (kernel, bench, row, size, P)."""

    def __init__(self, records):
        self.records = records
        self.by_key = {}
        self.kernels = []
        self.mem = {}
        for r in records:
            self.by_key[r.kernel, r.bench, r.row, r.vcpus, r.p] = r
            if r.kernel not in self.kernels:
                self.kernels.append(r.kernel)
            if r.bench == 'objpool-mem':
                self.mem[r.maxcpus] = r

    def get(self, k, b, r, n, p):
        return self.by_key.get((k, b, r, str(n), str(p)))

    def has(self, k, b, r, n, p):
        return self.get(k, b, r, n, p) is not None

    def mv(self, k, b, r, n, p):
        """The mean of an ok row, else 0."""
        rec = self.get(k, b, r, n, p)
        return number(rec.mean) if rec and rec.ok else 0.0

    def ext(self, k, b, r, n, p, name):
        rec = self.get(k, b, r, n, p)
        return rec.extras().get(name, '') if rec else ''

    def rat2(self, ka, ba, ra, kb, bb, rb, n, p):
        x = self.mv(ka, ba, ra, n, p)
        y = self.mv(kb, bb, rb, n, p)
        return x / y if x > 0 and y > 0 else None

    def rat(self, a, b, bench, r, n, p):
        return self.rat2(a, bench, r, b, bench, r, n, p)

    def memory(self):
        """{maxcpus: {key: value}} of the objpool-mem rows."""
        return {m: rec.extras() for m, rec in self.mem.items()}

    def mem_ratio(self, possible, nr_objs):
        for m, f in self.memory().items():
            for pre in ('a_', 'b_'):
                if (number(m) == possible and number(f.get(pre + 'nr_objs', '')) == nr_objs
                        and number(f.get(pre + 'ours_rings', '')) > 0):
                    return number(f.get(pre + 'up_rings', '')) / number(f[pre + 'ours_rings'])
        return None

    def empty_pop_ratio(self, possible):
        """Upstream's ns per pop on an empty pool / ours, at POSSIBLE CPUs."""
        for m, f in self.memory().items():
            if number(f.get('possible', '')) == possible:
                up, ours = (number(f.get(k, '')) for k in ('empty_upstream_ns', 'empty_ours_ns'))
                if up > 0 and ours > 0:
                    return up / ours
        return None


def goal_value(goal, res, sizes):
    """The measured value of GOAL, or None when its rows were not
    measured.  SIZES: the run's guest sizes (worst-* goals go over them)."""
    if goal.metric == 'ratio':
        (n, p), = goal.at
        return res.rat2(*goal.num, *goal.den, n, p)
    if goal.metric == 'ratio-scaling':
        a, b = (res.rat2(*goal.num, *goal.den, n, p) for n, p in goal.at)
        return b / a if a and b else None
    if goal.metric == 'rate-scaling':
        (n0, p0), (n1, p1) = goal.at
        a, b = res.mv(*goal.num, n0, p0), res.mv(*goal.num, n1, p1)
        return b / p1 / (a / p0) if a > 0 and b > 0 else None
    if goal.metric == 'worst-ratio':
        worst = None
        for size in sizes:
            for p in range(1, size.vcpus + 1):
                for row in goal.rows:
                    num = goal.num[:2] + (goal.num[2].format(row),)
                    den = goal.den[:2] + (goal.den[2].format(row),)
                    v = res.rat2(*num, *den, size, p)
                    if v is not None and (worst is None or v < worst):
                        worst = v
        return worst
    if goal.metric == 'worst-extra':
        worst = None
        for row in goal.rows:
            for size in sizes:
                for p in range(1, size.vcpus + 1):
                    w = res.ext(goal.num[0], goal.num[1], goal.num[2].format(row),
                                size, p, goal.key)
                    if w != '' and (worst is None or number(w) > worst):
                        worst = number(w)
        # a measured 0 is met, not "not measured"
        return None if worst is None else (worst or 1e-9)
    if goal.metric == 'memory':
        (possible, nr_objs), = goal.at
        return res.mem_ratio(number(possible), nr_objs)
    if goal.metric == 'empty-pop':
        (possible, _), = goal.at
        return res.empty_pop_ratio(number(possible))
    raise ValueError(f'goal {goal.name!r}: unknown metric {goal.metric!r}')


def goal_line(goal, value):
    if value is None or value <= 0:
        st, shown = 'n/a   ', 'not measured'
    else:
        st = 'met   ' if goal.met(value) else 'MISSED'
        shown = ('%.4f' if goal.op == '<' else '%.2fx') % value
    return '  %s %-62s %s %s %s' % (st, goal.name, shown, goal.op,
                                    fmt_num(goal.threshold))


class Report:
    """Writes the report of RECORDS (results.csv) for ARCH and SIZES;
    UPROBE_ROWS: the uprobe rows in the order the tables give them (ARCH's
    rows unless given)."""

    def __init__(self, records, arch, sizes, uprobe_rows=None, kver='6.1'):
        self.res = Results(records)
        self.arch = arch
        self.kver = kver        # the version of the vanilla and patched kernels
        self.sizes = sizes
        self.uprobe_rows = arch_uprobe_rows(arch) if uprobe_rows is None else uprobe_rows
        self.out = io.StringIO()
        self.table = io.StringIO()
        self.goals = io.StringIO()
        self.plot = []          # (series, vcpus, M/s) for throughput.png
        self.goal_values = []   # (goal, value)

    def p(self, *lines):
        for line in lines:
            self.out.write(line + '\n')

    # --- cells -----------------------------------------------------------
    def cell(self, k, b, r, n, p):
        rec = self.res.get(k, b, r, n, p)
        if rec is None:
            return '%-37s' % '   (not measured)'
        m = number(rec.mean)
        return '%8.3f ± %5.3fM/s  (%7.3fM/s/cpu)%s' % (
            m / 1e6, number(rec.sd) / 1e6, m / 1e6 / p,
            '' if rec.ok else ' !' + rec.result)

    @staticmethod
    def ratio(a, b):
        return '%.2fx' % (a / b) if a > 0 and b > 0 else '  -  '

    @staticmethod
    def num(v):
        return '-' if v == '' else '%.0f' % number(v)

    def ms(self, k, b, r, n, p):
        rec = self.res.get(k, b, r, n, p)
        return rec.mean if rec else ''

    def sd(self, k, b, r, n, p):
        rec = self.res.get(k, b, r, n, p)
        return rec.sd if rec else ''

    def not_ok(self, k, b, r, n, p):
        rec = self.res.get(k, b, r, n, p)
        return rec is not None and not rec.ok

    def add_plot(self, series, size, v):
        if v > 0 and not size.one_thread:
            self.plot.append((series, size.vcpus, v / 1e6))

    def csvrow(self, b, n, p, r, ka, kb):
        rat = self.res.rat(kb, ka, b, r, n, p)
        self.table.write('%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,per_s_qemu_tcg\n' % (
            b, n, p, r, ka, self.ms(ka, b, r, n, p), self.sd(ka, b, r, n, p),
            kb, self.ms(kb, b, r, n, p), self.sd(kb, b, r, n, p),
            '' if rat is None else '%.4f' % rat))

    def producers(self):
        for size in self.sizes:
            for p in range(1, size.vcpus + 1):
                yield size, p

    # --- sections --------------------------------------------------------
    def uprobe(self):
        res = self.res
        if not any(res.has(V, U, r, n, p) or res.has(P, U, r, n, p)
                   for n, p in self.producers() for r in self.uprobe_rows):
            return
        self.p('', f'== uprobe: probe hits/s, M/s (QEMU TCG, {self.arch}) ==')
        self.p('%-26s %-37s | %-37s | %-6s | %s' % ('', f'vanilla {self.kver}', f'patched {self.kver}',
                                                    'ratio', 'slot writes/hit van / pat'))
        bad_rows = 0
        for n in self.sizes:
            self.p('-- guest -smp ' + n.label())
            for p in range(1, n.vcpus + 1):
                for r in self.uprobe_rows:
                    if not res.has(V, U, r, n, p) and not res.has(P, U, r, n, p):
                        continue
                    wv = res.ext(V, U, r, n, p, 'writes_per_hit')
                    wp = res.ext(P, U, r, n, p, 'writes_per_hit')
                    self.p('%-15s (%2d cpus): %s | %s | %6s | %s / %s' % (
                        r, p, self.cell(V, U, r, n, p), self.cell(P, U, r, n, p),
                        self.ratio(res.mv(P, U, r, n, p), res.mv(V, U, r, n, p)),
                        '-' if wv == '' else '%.3f' % number(wv),
                        '-' if wp == '' else '%.3f' % number(wp)))
                    self.csvrow(U, n, p, r, V, P)
                    if self.not_ok(V, U, r, n, p) or self.not_ok(P, U, r, n, p):
                        bad_rows += 1
                    if p == n.vcpus and r in PLOTTED_UPROBE_ROWS:
                        self.add_plot('vanilla ' + r, n, res.mv(V, U, r, n, p))
                        self.add_plot('patched ' + r, n, res.mv(P, U, r, n, p))
        if bad_rows:
            self.p("  ! a row that did not check out, left out of ratios and goals.  wrong-results-N: N",
                   "    calls returned another function's value, so their step ran a stale instruction",
                   "    (QEMU with a thread per vCPU does that after a slot rewrite; see selftests/xol).")
        if max(s.vcpus for s in self.sizes) > 1:
            self.p("  note: with 2+ producers QEMU (a thread per vCPU) misses some of vanilla's slot rewrites",
                   "    and runs its old translation, so vanilla's P >= 2 rows of stepped instructions run",
                   "    faster than their emulation would; scripts/bench-qemu-jit.sh -p 2 vanilla ROW counts",
                   "    QEMU's invalidations per hit (1 when every rewrite is seen; see bench/README).")
        if any(s.one_thread for s in self.sizes):
            self.p("  note: a guest on one host thread (TCG thread=single) sees every rewrite, so there",
                   "    vanilla's P >= 2 rows are what its code costs; its vCPUs take turns on one host",
                   "    core, so its rates per CPU are about 1/P of the others': compare its ratios.")
        self.codewrite_note()

    def codewrite_note(self):
        """The codewrite rows (no probes): what QEMU charges for a code
        write on a page alone / beside 30 functions that ran.  Every
        kernel runs the same code there: its boots are averaged."""
        res, seen = self.res, False
        for n in self.sizes:
            ta = tb = nk = 0
            for k in res.kernels:
                a = res.mv(k, U, 'codewrite-alone', n, 1)
                b = res.mv(k, U, 'codewrite-crowded', n, 1)
                if a > 0 and b > 0:
                    ta += 1e6 / a
                    tb += 1e6 / b
                    nk += 1
            if not nk:
                continue
            if not seen:
                seen = True
                self.p('  codewrite (no probes): us per code write + call, the function alone on its page /',
                       '    beside 30 functions that ran (as on the XOL page of a task with cached slots):')
            self.p('    guest -smp %s, P=1: %.2f us alone, %.2f us crowded (%.2fx)' % (
                n.label(), ta / nk, tb / nk, tb / ta))

    def kretprobe(self):
        res, K = self.res, 'kretprobe'
        if not any(res.has(V, K, K, n, p) for n, p in self.producers()):
            return
        self.p('', f'== kretprobe: calls/s of a kretprobed function, M/s (QEMU TCG, {self.arch}) ==')
        self.p('%-26s %-37s | %-37s | %s' % ('', f'vanilla {self.kver}', f'patched {self.kver}',
                                             'ratio'))
        for n in self.sizes:
            if n.one_thread:
                continue    # the uprobe bench only
            self.p('-- guest -smp ' + n.label())
            for p in range(1, n.vcpus + 1):
                if not res.has(V, K, K, n, p) and not res.has(P, K, K, n, p):
                    continue
                self.p('%-15s (%2d cpus): %s | %s | %6s' % (
                    K, p, self.cell(V, K, K, n, p), self.cell(P, K, K, n, p),
                    self.ratio(res.mv(P, K, K, n, p), res.mv(V, K, K, n, p))))
                self.csvrow(K, n, p, K, V, P)
                if p == n.vcpus:
                    self.add_plot('vanilla kretprobe', n, res.mv(V, K, K, n, p))
                    self.add_plot('patched kretprobe', n, res.mv(P, K, K, n, p))

    def objpool(self):
        res, B = self.res, 'objpool'
        for k, other, title, kname in OBJPOOL_TABLES:
            if not any(res.has(k, B, 'ours/' + c, n, p) or res.has(k, B, f'{other}/{c}', n, p)
                       for n, p in self.producers() for c in OBJPOOL_CASES):
                continue
            self.p('', f'== objpool, {title}: pop+push pairs/s, M/s (QEMU TCG, {self.arch}) ==')
            self.p('%-26s %-37s %7s %10s | %-37s %7s %10s | %-13s | %s' % (
                '', 'ours', 'ns/op', 'misses/s', other, 'ns/op', 'misses/s',
                'ours/' + other, 'no pool: ns/op'))
            for n in self.sizes:
                if n.one_thread:
                    continue    # the uprobe bench only
                self.p('-- guest -smp ' + n.label())
                for p in range(1, n.vcpus + 1):
                    for c in OBJPOOL_CASES:
                        ra, rb = 'ours/' + c, f'{other}/{c}'
                        if not res.has(k, B, ra, n, p) and not res.has(k, B, rb, n, p):
                            continue
                        self.p('%-15s (%2d cpus): %s %7s %10s | %s %7s %10s | %-13s | %s' % (
                            c, p, self.cell(k, B, ra, n, p),
                            self.num(res.ext(k, B, ra, n, p, 'ns_per_op')),
                            self.num(res.ext(k, B, ra, n, p, 'misses_per_s')),
                            self.cell(k, B, rb, n, p),
                            self.num(res.ext(k, B, rb, n, p, 'ns_per_op')),
                            self.num(res.ext(k, B, rb, n, p, 'misses_per_s')),
                            self.ratio(res.mv(k, B, ra, n, p), res.mv(k, B, rb, n, p)),
                            self.num(res.ext(k, B, 'none/' + c, n, p, 'ns_per_op'))))
                        rat = res.rat2(k, B, ra, k, B, rb, n, p)
                        self.table.write('objpool-%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,per_s_qemu_tcg\n' % (
                            k, n.vcpus, p, c, other, self.ms(k, B, rb, n, p),
                            self.sd(k, B, rb, n, p), 'ours', self.ms(k, B, ra, n, p),
                            self.sd(k, B, ra, n, p), '' if rat is None else '%.4f' % rat))
                        if p == n.vcpus and c in ('sync', 'async'):
                            self.add_plot(f'{kname} ours {c}', n, res.mv(k, B, ra, n, p))
                            self.add_plot(f'{kname} {other} {c}', n, res.mv(k, B, rb, n, p))

    def memory(self):
        mem = self.res.memory()
        if not mem:
            return
        self.p('', '== objpool memory, bytes (guests with 2 vCPUs online, MAXCPUS possible; '
               'same object size for all pools) ==')
        self.p('%-8s %-8s %-7s | %-22s | %-22s %-12s | %-10s | %s' % (
            'maxcpus', 'possible', 'nr_objs', 'ours rings + objects',
            'upstream rings + objs', '(allocated)', 'freelist', 'upstream rings / ours'))
        for m in sorted(mem, key=number):
            f = mem[m]
            for q, pre in enumerate(('a_', 'b_')):
                g = lambda key: f.get(pre + key, '')    # noqa: E731
                if pre + 'nr_objs' not in f or (q and number(f['b_nr_objs']) == number(f['a_nr_objs'])):
                    continue
                ours, up = number(g('ours_rings')), number(g('up_rings'))
                self.p('%-8s %-8s %-7s | %10s + %-9s | %10s + %-9s %-12s | %-10s | %s' % (
                    fmt_num(number(m)), f.get('possible', ''), g('nr_objs'), g('ours_rings'),
                    g('ours_objs'), g('up_rings'), g('up_objs'), '(' + g('up_alloc') + ')',
                    g('freelist'), '%.1fx' % (up / ours) if ours > 0 else '-'))
                self.table.write('objpool-mem,%d,%d,nr_objs=%d,upstream_rings,%s,,ours_rings,%s,,%s,bytes\n' % (
                    number(m), number(f.get('possible', '')), number(g('nr_objs')), g('up_rings'),
                    g('ours_rings'), '%.4f' % (ours / up) if up > 0 and ours > 0 else ''))
        self.empty_pop(mem)

    def empty_pop(self, mem):
        """The empty case of the objpool-mem boots: ns per pop on a pool
        whose objects are all held, on one CPU."""
        pools = [p for p in ('ours', 'upstream', 'freelist')
                 if any(f'empty_{p}_ns' in f for f in mem.values())]
        if not pools:
            return
        self.p('', '== objpool empty-pool pop, ns per pop (1 CPU, the best of SAMPLES; '
               'every object held) ==')
        self.p('%-8s %-8s | ' % ('maxcpus', 'possible') + ' '.join('%-9s' % p for p in pools)
               + ' | other / ours')
        for m in sorted(mem, key=number):
            f = mem[m]
            ns = {p: number(f.get(f'empty_{p}_ns', '')) for p in pools}
            ours = ns.get('ours', 0)
            ratios = ' '.join('%s %.1fx' % (p, ns[p] / ours) for p in pools
                              if p != 'ours' and ns[p] > 0 and ours > 0)
            self.p('%-8s %-8s | ' % (fmt_num(number(m)), f.get('possible', ''))
                   + ' '.join('%-9s' % (f.get(f'empty_{p}_ns', '') or '-') for p in pools)
                   + ' | ' + (ratios or '-'))
            for p in pools:
                if p != 'ours' and ns[p] > 0 and ours > 0:
                    self.table.write('objpool-empty,%d,%d,pop,%s_ns,%d,,ours_ns,%d,,%.4f,ns\n' % (
                        number(m), number(f.get('possible', '')), p, ns[p], ours, ours / ns[p]))

    def controls(self):
        res = self.res
        if not res.has(P, U, 'usermode-count', self.sizes[0], 1):
            return
        self.p('== controls: patched/vanilla of rows the patches cannot change (1.00x = undisturbed) ==')
        for n, p in self.producers():
            a = res.rat(P, V, U, 'usermode-count', n, p)
            b = res.rat(P, V, U, 'syscall-count', n, p)
            if a is None or b is None:
                continue
            st = ('  NOISY: a boot of this size was disturbed; rerun before trusting its ratios'
                  if control_dev(a, b) > NOISE else '')
            self.p('  guest -smp %s, P=%d: usermode-count %.2fx, syscall-count %.2fx%s' % (
                n.label(), p, a, b, st))

    def goals_section(self):
        self.p('', '== goals (ratios of QEMU TCG measurements; reported, not enforced) ==')
        for goal in goals_mod.goals_for(self.arch, self.kver):
            v = goal_value(goal, self.res, self.sizes)
            self.goal_values.append((goal, v))
            line = goal_line(goal, v)
            self.p(line)
            self.goals.write(line + '\n')
            if goal.note and v is not None:
                self.p(goal.note)

    def bad_rows(self):
        bad = [r for r in self.res.records if not r.ok]
        if not bad:
            return
        self.p('', '== rows that did not check out ==')
        for r in bad:
            mark = ('  (the QEMU artifact above: does not fail the run)'
                    if is_known_artifact(r) else '')
            self.p(f'  {r.kernel} -smp {r.vcpus}: {r.bench} {r.row} P={r.p}: {r.result}{mark}')

    def make(self):
        self.uprobe()
        self.kretprobe()
        self.objpool()
        self.memory()
        self.p('')
        self.controls()
        self.goals_section()
        self.bad_rows()
        return self.out.getvalue()

    def write(self, outdir):
        """Make the report; write table.csv and goals.txt to OUTDIR and
        return the report's text."""
        text = self.make()
        with open(os.path.join(outdir, 'table.csv'), 'w', encoding='utf-8') as f:
            f.write('bench,vcpus,p,row,kernel_a,mean_a,sd_a,kernel_b,mean_b,sd_b,'
                    'ratio_b_over_a,unit\n')
            f.write(self.table.getvalue())
        with open(os.path.join(outdir, 'goals.txt'), 'w', encoding='utf-8') as f:
            f.write(self.goals.getvalue())
        return text


def expected_rows(boot, uprobe_rows):
    """The rows a boot must give: (kernel, bench, row, size, P) for each.
    BOOT: a bench boot (bench.Boot)."""
    size = GuestSize.parse(boot.size, False)
    rows = []
    for bench in boot.benches:
        if bench == 'objpool-mem':
            rows.append((boot.kernel, bench, 'mem', boot.size, None))
            continue
        for p in range(1, size.vcpus + 1):
            if bench == 'uprobe':
                rows += [(boot.kernel, bench, r, boot.size, p) for r in uprobe_rows]
            elif bench == 'kretprobe':
                rows.append((boot.kernel, bench, 'kretprobe', boot.size, p))
            elif bench == 'objpool':
                for c in OBJPOOL_CASES:
                    for pool in boot.pools:
                        if pool == 'none' and c.startswith('overrun'):
                            continue
                        rows.append((boot.kernel, bench, f'{pool}/{c}', boot.size, p))
    return rows


def status(records, boots, uprobe_rows):
    """Whether the run worked: the problems that fail it, as lines (none:
    it worked).  A row that did not check out fails it unless it is a
    known emulator artifact (is_known_artifact); so does a row a boot
    should have given and did not."""
    problems = [f'{r.kernel} -smp {r.vcpus}: {r.bench} {r.row} P={r.p}: {r.result}'
                for r in records if not r.ok and not is_known_artifact(r)]
    have = {(r.kernel, r.bench, r.row, r.vcpus, r.p) for r in records}
    have_mem = {(r.kernel, r.maxcpus) for r in records if r.bench == 'objpool-mem'}
    for boot in boots:
        for k, b, r, n, p in expected_rows(boot, uprobe_rows):
            if b == 'objpool-mem':
                if (k, str(boot.maxcpus)) not in have_mem:
                    problems.append(f'{boot.label}: no objpool-mem row')
            elif (k, b, r, n, str(p)) not in have:
                problems.append(f'{boot.label}: row missing: {b} {r} P={p}')
    return problems
