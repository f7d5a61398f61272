# SPDX-License-Identifier: GPL-2.0
"""The user bench (bench/user): the pools on the host's real CPUs, in
user space.  bench/user/run.sh runs user_bench, which prints a "UB KIND
key=value..." line per row; this module turns them into
user-results.csv (the guest benches' layout, "pool" where they have
"kernel"), the report and its goals (goals.USER_GOALS)."""
from .goals import USER_GOALS
from .records import number

CSV_HEADER = 'pool,arch,host_cpus,possible_cpus,bench,row,p,mean_per_s,sd_per_s,extra,result'
CASES = ('sync', 'batch', 'overrun', 'async')
POOLS = ('ours', 'freelist', 'upstream')
POSSIBLE = tuple(2 ** i for i in range(1, 11))     # 2 .. 1024
_OWN = ('pool', 'mode', 'p', 'possible', 'mean', 'sd', 'result')


def csv_lines(raw, arch, nhost):
    """user-results.csv rows (no header) of the UB lines RAW."""
    out = []
    for line in raw:
        f = line.split()
        if len(f) < 2:
            continue
        kv, extra = {}, []
        for word in f[2:]:
            k, eq, v = word.partition('=')
            if not eq:
                k, v = '', word
            kv[k] = v
            if k not in _OWN:
                extra.append(word)
        row = kv.get('mode', '') if f[1] == 'run' else f[1]
        mean = {'empty': 'ns_per_pop', 'mem': 'ring_bytes'}.get(f[1], 'mean')
        out.append(','.join((kv.get('pool', ''), arch, str(nhost), kv.get('possible', ''),
                             'user', row, kv.get('p', ''), kv.get(mean, ''),
                             kv.get('sd', ''), ';'.join(extra), kv.get('result', ''))))
    return out


def failed(lines):
    """The run failed: a row that is bad or lost objects."""
    return any(',bad' in ln or 'lost-objects' in ln for ln in lines)


def si(x):
    if x >= 1e9:
        return '%.2fG' % (x / 1e9)
    if x >= 1e6:
        return '%.2fM' % (x / 1e6)
    if x >= 1e3:
        return '%.1fk' % (x / 1e3)
    return '%.0f' % x


def ratio(a, b):
    return '%.2fx' % (a / b) if b > 0 else '-'


class UserReport:
    def __init__(self, lines):
        """LINES: user-results.csv, header first."""
        self.mean, self.sd, self.order = {}, {}, {}
        self.over, self.bad, self.empty, self.mem = set(), {}, {}, {}
        for line in lines[1:]:
            f = (line.split(',') + [''] * 11)[:11]
            pool, row, p = f[0], f[5], f[6]
            if f[10] != 'ok':
                self.bad[f'{row}/{pool}/{p}'] = f[10]
            if row == 'empty':
                self.empty[pool, f[3]] = f[7]
            elif row == 'mem':
                self.mem[pool, f[3]] = f[7]
            elif (row, p, pool) not in self.mean or number(f[7]) > number(self.mean[row, p, pool]):
                # the best round (run.sh UB_ROUNDS)
                self.mean[row, p, pool] = f[7]
                self.sd[row, p, pool] = f[8]
                self.order.setdefault(row, [])
                if p not in self.order[row]:
                    self.order[row].append(p)
                if 'oversubscribed=1' in f[9]:
                    self.over.add(p)

    def m(self, cs, p, pool):
        return number(self.mean.get((cs, str(p), pool), ''))

    def goal_value(self, g):
        if g.metric == 'ratio':
            d = self.m('sync', g.threads, g.pool)
            return self.m('sync', g.threads, 'ours') / d if d else 0, ''
        if g.metric == 'worst-ratio':
            worst, where = 0, ''
            for cs in CASES:
                for p in self.order.get(cs, ()):
                    d = self.m(cs, p, g.pool)
                    if d > 0:
                        r = self.m(cs, p, 'ours') / d
                        if not worst or r < worst:
                            worst, where = r, f'{cs} P={p}'
            return worst, f' (lowest: {where})'
        ours = number(self.empty.get(('ours', str(g.possible)), ''))
        if g.metric == 'empty-ratio':
            return (number(self.empty.get((g.pool, str(g.possible)), '')) / ours
                    if ours else 0), ''
        if g.metric == 'empty-scaling':
            two = number(self.empty.get(('ours', '2'), ''))
            return ours / two if two else 0, ''
        raise ValueError(f'user goal {g.name!r}: unknown metric {g.metric!r}')

    def make(self, model, nhost, load):
        """(report text, goals text)."""
        out = ['probescale user bench: pools on real CPUs, in user space (pinned threads, no QEMU)',
               "host: %s, %d CPUs; absolute numbers are this host's only; load average %s at the start%s" % (
                   model, nhost, load, ' (other work was running: rows are noisy)'
                   if number(load) > nhost / 2 else ''),
               'ops/s: pop+push pairs per second, all threads (per thread); mean ± sd of the samples',
               '       of the best round when rows ran more than once (UB_ROUNDS)',
               'pools: ours = objpool/, freelist = 6.1 <linux/freelist.h>, upstream = 6.12 lib/objpool.c']
        for cs in CASES:
            if cs not in self.order:
                continue
            out += ['', cs, '  %-4s %-26s %-26s %-26s %-14s %s' % (
                'P', 'ours', 'freelist', 'upstream', 'ours/freelist', 'ours/upstream')]
            for p in self.order[cs]:
                line = '  %-4s' % (p + ('*' if p in self.over else ''))
                for pool in POOLS:
                    cell = '-'
                    if (cs, p, pool) in self.mean:
                        m = number(self.mean[cs, p, pool])
                        cell = f'{si(m)} ±{si(number(self.sd[cs, p, pool]))} ({si(m / number(p))})'
                    line += ' %-26s' % cell
                o = self.m(cs, p, 'ours')
                line += ' %-14s %s' % (ratio(o, self.m(cs, p, 'freelist')),
                                       ratio(o, self.m(cs, p, 'upstream')))
                out.append(line)
        out.append('  (* oversubscribed: more threads than host CPUs)')
        out += ['', 'pop on an empty pool, ns (best of 5 windows), by possible CPUs',
                '  %-9s %-10s %-10s %-10s %s' % ('possible', 'ours', 'freelist', 'upstream',
                                                 'upstream/ours')]
        have = {n for _, n in self.empty}
        for n in POSSIBLE:
            if str(n) in have:
                e = [self.empty.get((pool, str(n)), '') for pool in POOLS]
                out.append('  %-9d %-10s %-10s %-10s %s' % (
                    n, *e, ratio(number(e[2]), number(e[0]))))
        out += ['', 'ring memory, bytes besides the 512 objects, by possible CPUs',
                '  %-9s %-10s %-10s %s' % ('possible', 'ours', 'freelist', 'upstream')]
        for n in POSSIBLE:
            if ('ours', str(n)) in self.mem:
                out.append('  %-9d %-10s %-10s %s' % (
                    n, *(self.mem.get((pool, str(n)), '') for pool in POOLS)))
        out += ['', 'goals (reported, not enforced)']
        goals = []
        for g in USER_GOALS:
            v, where = self.goal_value(g)
            name = g.name.format(t='%g' % g.threshold, possible=g.possible) + where
            goals.append('  %-62s %-10s %s' % (name, g.fmt % v, 'met' if g.met(v) else 'MISSED'))
        out += goals
        out += [f'FAILED row {b}: {self.bad[b]}' for b in sorted(self.bad)]
        return '\n'.join(out) + '\n', '\n'.join(goals) + '\n'
