# SPDX-License-Identifier: GPL-2.0
"""python3 -m harness COMMAND ...: what the bash entry points ask of the
model.  Bad input: one line "probescale: ...: WHY" on stderr, exit 2.
See each command's help (python3 -m harness COMMAND -h)."""
import argparse
import os
import shlex
import sys

from . import bench, kernels, plan, progress, quote, records, report, stats
from .arches import ARCHES
from .guests import parse_sizes

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def host_cpus():
    return len(os.sched_getaffinity(0))


def assign(prefix='', **kv):
    """Shell assignments, for eval; tuples become arrays."""
    for k, v in kv.items():
        if isinstance(v, (tuple, list)):
            print(f"{prefix}{k}=({' '.join(shlex.quote(str(x)) for x in v)})")
        else:
            print(f'{prefix}{k}={shlex.quote(str(v))}')


def cmd_bench_settings(a):
    """make bench's settings, checked: shell assignments of CPUS (sorted,
    each size once), BENCHES and UPROBE_ROWS (all of them, ARCH's rows,
    unless given); the first bad one is an error saying what is
    accepted."""
    def one_of(what, var, words, known):
        if not words:
            raise ValueError(f'{var} is empty: choose from: ' + ' '.join(known))
        for w in words:
            if w not in known:
                raise ValueError(f"unknown {what} '{w}': choose from: " + ' '.join(known))
    vanilla, patched = kernels.bench_pair(a.kver)
    benches = a.benches or ' '.join(b for b in records.BENCHES
                                    if not records.not_on(b, a.kver, a.arch))
    one_of('bench', 'BENCHES', benches.split(), records.BENCHES)
    for b in benches.split():
        why = records.not_on(b, a.kver, a.arch)
        if why:
            raise ValueError(f"bench '{b}' cannot run with KVER={a.kver} "
                             f"on {a.arch}: it {why}")
    arch_rows = records.uprobe_rows(a.arch)
    rows = arch_rows if a.uprobe_rows is None else a.uprobe_rows.split()
    one_of(f'{a.arch} uprobe row', 'UPROBE_ROWS', rows, arch_rows)
    sizes = parse_sizes(a.cpus, host_cpus=host_cpus())
    for var, text, lo, hi, what in (('DURATION', a.duration, 0, 60, 'seconds per sample, > 0 and <= 60'),
                                    ('WARMUP', a.warmup, 0, 60, 'seconds, > 0 and <= 60')):
        try:
            ok = lo < float(text) <= hi and text.replace('.', '', 1).isdigit()
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(f"bad {var} '{text}': {what}")
    if not (a.samples.isdigit() and 1 <= int(a.samples) <= 100 and a.samples[0] != '0'):
        raise ValueError(f"bad SAMPLES '{a.samples}': 1 to 100")
    if not (len(a.reruns) == 1 and a.reruns.isdigit()):
        raise ValueError(f"bad RERUNS '{a.reruns}': 0 to 9")
    assign(CPUS=' '.join(str(x) for x in sizes), BENCHES=benches,
           UPROBE_ROWS=' '.join(rows), KVER=a.kver, VANILLA_KERNEL=vanilla,
           PATCHED_KERNEL=patched)


def cmd_plan_runs(a):
    """The plan runs for one kernel: NAME THREADS SMP MAXCPUS TCG TIMEOUT
    ITEM... (MAXCPUS empty as '-')."""
    with open(os.path.join(TOP, 'selftests/check.plan'), encoding='utf-8') as f:
        runs = plan.parse(f.read())
    for r in plan.runs_for(runs, a.arch, a.kernel, a.variant, a.only):
        s = r.size
        print(r.name, s.host_threads(a.jobs), s.vcpus,
              s.possible if s.possible is not None else '-', s.tcg_threads,
              r.timeout, *r.items)


def cmd_check_kernels(a):
    """make check's kernels for ARCH: NAME VARIANT stock|built per line."""
    for name, variant in kernels.check_kernels(a.arch, a.n_arches, TOP):
        print(name, variant, 'stock' if kernels.KERNELS[name].stock else 'built')


def cmd_built_kernels(a):
    """make kernels: the built test kernels make check uses, NAME VARIANT."""
    for k in kernels.KERNELS.values():
        if k.check and not k.stock and a.arch in k.arches:
            if k.series and not k.present_series(TOP)[0]:
                continue
            for v in k.variants:
                print(k.name, v)


def cmd_patched_kernels(a):
    """The kernels make check builds with patch series of patches/, one
    name per line (what the checks of the series as a whole run on)."""
    for k in kernels.KERNELS.values():
        if k.check and not k.stock and k.present_series(TOP)[0]:
            print(k.name)


def cmd_kernel(a):
    """One kernel, as shell assignments (each name after PREFIX): version,
    series (directories present), missing_series (named but not there
    yet), label."""
    k = kernels.kernel(a.name)
    have, missing = k.present_series(TOP)
    assign(a.prefix, version=k.source, series=[os.path.join(TOP, 'patches', s) for s in have],
           missing_series=missing, label=k.label or k.name)


def cmd_source(a):
    """A kernel source: tarball= package= configs=()."""
    s = kernels.source(a.version)
    assign(tarball=s.tarball, package=s.package, configs=list(s.configs))


def cmd_stock(a):
    """A stock kernel (shell assignments), or with --list ARCH the stock
    kernels make check boots there."""
    if a.list:
        print(' '.join(k.name for k in kernels.KERNELS.values()
                       if k.stock and k.check and a.name in k.arches))
        return
    k = kernels.kernel(a.name)
    if not k.stock:
        raise ValueError(f"'{a.name}' is not a stock kernel: choose from: "
                         + ' '.join(n for n, x in kernels.KERNELS.items() if x.stock))
    st = k.stock
    assign(abi=st.abi, version=st.version, release=st.release,
           packages=st.packages(), source=k.source)


def cmd_variant(a):
    """The config fragments of VARIANT (names in scripts/configs)."""
    if a.variant not in kernels.VARIANTS:
        raise ValueError(f"unknown kernel variant '{a.variant}': use "
                         + ', '.join(kernels.VARIANTS))
    print(' '.join(kernels.VARIANTS[a.variant]))


def cmd_records(a):
    """results.csv rows from a bench guest's console log; --header: the
    header line of results.csv."""
    if a.header:
        print(records.CSV_HEADER)
        return
    with open(a.log, encoding='utf-8', errors='replace') as f:
        for r in records.from_log(f, a.kernel, a.arch, a.size, a.maxcpus):
            print(r.csv())


def cmd_controls(a):
    """The control rows of each round of a guest size (CSV per round, in
    round order): DEV-PCT NOISY BEST-ROUND DEVS, nothing without them."""
    devs = [stats.controls_dev(records.read_csv(f)) for f in a.rounds]
    if devs[-1] is None:
        return
    measured = [(d, i) for i, d in enumerate(devs, 1) if d is not None]
    best = min(measured)[1]
    print('%.0f %d %d %s' % (devs[-1] * 100, devs[-1] > stats.NOISE, best,
                             ','.join('%.3f' % d for d, _ in measured)))


def cmd_bench_boots(a):
    """make bench's boots: UNIT LABEL KERNEL SIZE VCPUS TCG MAXCPUS
    BENCHES SECS per line."""
    sizes = parse_sizes(a.cpus)
    for b in bench.boots(sizes, a.benches.split(), a.kernels.split(), a.v612):
        print(b.line(bench.boot_secs(b, a.uprobe_rows, a.samples, a.duration,
                                     a.warmup)))


def read_boots(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            unit, label, k, size, _, _, m, b, _ = line.split()
            out.append(bench.Boot(label, k, size, None if m == '-' else int(m),
                                  tuple(b.split(',')), int(unit)))
    return out


def cmd_bench_report(a):
    """The report of results.csv: printed; table.csv, goals.txt,
    throughput.png and ratios.png in OUT; why the run failed in
    OUT/problems.txt (empty when it worked)."""
    recs = records.read_csv(a.results)
    sizes = parse_sizes(a.cpus)
    rep = report.Report(recs, a.arch, sizes, kver=a.kver)
    sys.stdout.write(rep.write(a.out))
    problems = report.status(recs, read_boots(a.boots) if a.boots else [],
                             rep.uprobe_rows if a.uprobe_rows is None
                             else a.uprobe_rows.split())
    with open(os.path.join(a.out, 'problems.txt'), 'w', encoding='utf-8') as f:
        f.writelines(p + '\n' for p in problems)
    if a.plots:
        from . import plots
        try:
            for path in plots.draw(rep, a.out):
                print(f'plot: {path}', file=sys.stderr)
        except ImportError as e:
            print(f'probescale: bench: no plots ({e}): run make deps as root',
                  file=sys.stderr)


def cmd_quote(a):
    """TEXT (standard input) with the bench numbers of its {{...}} tokens
    filled in from the results directory DIR (harness/quote.py)."""
    try:
        results = quote.Results(a.dir)
        text = results.quote(sys.stdin.read())
    except OSError as e:
        raise ValueError(f'{a.dir}: {e.strerror}: {e.filename}') from None
    except ValueError as e:
        raise ValueError(f'{a.dir}: {e}') from None
    sys.stdout.write(text)


def cmd_user_report(a):
    """The user bench's results: OUT/user-results.csv, user-report.txt
    (also printed) and user-goals.txt from the UB lines in RAW; exit 1
    when a row failed or lost objects."""
    from . import userbench
    with open(a.raw, encoding='utf-8', errors='replace') as f:
        lines = [userbench.CSV_HEADER] + userbench.csv_lines(f.read().splitlines(),
                                                             a.arch, a.nhost)
    text, goals = userbench.UserReport(lines).make(a.model, a.nhost, a.load)
    for name, data in (('user-results.csv', '\n'.join(lines) + '\n'),
                       ('user-report.txt', text), ('user-goals.txt', goals)):
        with open(os.path.join(a.out, name), 'w', encoding='utf-8') as f:
            f.write(data)
    sys.stdout.write(text)
    return 1 if userbench.failed(lines) else 0


def main(argv=None):
    if sys.stdout.encoding.lower() != 'utf-8':
        sys.stdout.reconfigure(encoding='utf-8')
    ap = argparse.ArgumentParser(prog='python3 -m harness', description=__doc__)
    sub = ap.add_subparsers(dest='cmd', required=True)

    def add(name, fn, *args):
        p = sub.add_parser(name, help=fn.__doc__.splitlines()[0], description=fn.__doc__)
        p.set_defaults(fn=fn)
        for flags, kw in args:
            p.add_argument(*flags, **kw)
        return p

    arch = (('arch',), dict(choices=list(ARCHES)))
    add('bench-settings', cmd_bench_settings,
        (('--arch',), dict(required=True, choices=list(ARCHES))),
        (('--benches',), dict(default='')), (('--kver',), dict(default='6.1')),
        (('--uprobe-rows',), {}),
        *((('--' + n,), dict(required=True)) for n in
          ('cpus', 'duration', 'warmup', 'samples', 'reruns')))
    add('plan-runs', cmd_plan_runs, arch, (('kernel',), {}), (('variant',), {}),
        (('--only',), dict(default='')), (('--jobs',), dict(type=int, default=host_cpus())))
    add('check-kernels', cmd_check_kernels, arch, (('n_arches',), dict(type=int)))
    add('built-kernels', cmd_built_kernels, arch)
    add('patched-kernels', cmd_patched_kernels)
    add('kernel', cmd_kernel, (('name',), {}), (('--prefix',), dict(default='')))
    add('source', cmd_source, (('version',), {}))
    add('stock', cmd_stock, (('name',), {}), (('--list',), dict(action='store_true')))
    add('variant', cmd_variant, (('variant',), {}))
    add('records', cmd_records, (('--header',), dict(action='store_true')),
        (('--kernel',), {}), (('--arch',), {}), (('--size',), {}),
        (('--maxcpus',), {}), (('log',), dict(nargs='?')))
    add('controls', cmd_controls, (('rounds',), dict(nargs='+')))
    add('bench-boots', cmd_bench_boots, (('--cpus',), dict(required=True)),
        (('--benches',), dict(required=True)), (('--kernels',), dict(required=True)),
        (('--v612',), dict(action='store_true')),
        (('--uprobe-rows',), dict(type=int, required=True)),
        (('--samples',), dict(type=int, required=True)),
        (('--duration',), dict(type=float, required=True)),
        (('--warmup',), dict(type=float, required=True)))
    add('bench-report', cmd_bench_report, (('--results',), dict(required=True)),
        (('--arch',), dict(required=True)), (('--cpus',), dict(required=True)),
        (('--out',), dict(required=True)), (('--boots',), dict(default='')),
        (('--uprobe-rows',), {}),
        (('--kver',), dict(default='6.1')), (('--plots',), dict(action='store_true')))
    add('user-report', cmd_user_report, (('--raw',), dict(required=True)),
        (('--arch',), dict(required=True)), (('--nhost',), dict(type=int, required=True)),
        (('--model',), dict(required=True)), (('--load',), dict(required=True)),
        (('--out',), dict(required=True)))
    add('quote', cmd_quote, (('dir',), {}))
    progress.add_commands(add)
    a = ap.parse_args(argv)
    try:
        return a.fn(a) or 0
    except ValueError as e:
        print(f'probescale: error: {e}', file=sys.stderr)
        return 2


sys.exit(main())
