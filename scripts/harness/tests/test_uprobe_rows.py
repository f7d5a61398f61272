# SPDX-License-Identifier: GPL-2.0
"""The uprobe rows of each architecture (records.UPROBE_TABLE), how the
kernel takes their probes, and the goals made of that table."""
import importlib.util
import os
import subprocess
import sys
import unittest

from harness import records, report
from harness.goals import GOALS, goals_for
from harness.guests import parse_sizes
from harness.records import EMULATE, NO_PROBE, SIMULATE, STEP

SCRIPTS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The rows of the runs the fixtures hold, before the endbr, nopl and
# paciasp rows.
OLD_ROWS = ('usermode-count', 'syscall-count', 'uprobe-nop', 'uprobe-push',
            'uprobe-ret', 'uretprobe-nop', 'uretprobe-push', 'uretprobe-ret',
            'uprobe-multi8', 'uretprobe-multi8', 'uprobe-multi64',
            'codewrite-alone', 'codewrite-crowded')
STEPPING_NOTHING = 'rows stepping nothing: patched/vanilla, worst (5% noise)'
WRITES = 'patched slot writes per hit, stepped rows but multi64, worst'


def goal(arch, name):
    g, = [g for g in goals_for(arch) if g.name == name]
    return g


def run(arch, ratios=None, writes=None, sizes=(('1', 1),)):
    """Records of a uprobe run on ARCH: every row of ARCH at each (size, P)
    of SIZES, vanilla at 100000/s, patched at that times RATIOS[row] (1.0
    unless given); the patched kernel's slot writes per hit 0, or
    WRITES[row], vanilla's 1 on stepped rows."""
    ratios, writes = ratios or {}, writes or {}
    out = []
    for row in records.uprobe_rows(arch):
        stepped = row in records.uprobe_rows(arch, STEP)
        for size, p in sizes:
            for k, mean, w in (('vanilla', 100000.0, 1.0 if stepped else 0.0),
                               ('patched', 100000.0 * ratios.get(row, 1.0),
                                writes.get(row, 0.0))):
                out.append(records.Record(k, arch, size, size.split(':')[0], 'uprobe',
                                          row, str(p), str(mean), '100.0',
                                          f'writes_per_hit={w:.4f}', 'ok'))
    return out


def value(arch, recs, name, cpus='1'):
    rep = report.Report(recs, arch, parse_sizes(cpus))
    rep.make()
    (g, v), = [(g, v) for g, v in rep.goal_values if g.name == name]
    return g, v


class TableTest(unittest.TestCase):
    def test_old_rows_keep_their_order(self):
        self.assertEqual(tuple(r for r in records.UPROBE_ROWS if r in OLD_ROWS), OLD_ROWS)

    def test_each_row_once_with_a_known_way(self):
        self.assertEqual(len(set(records.UPROBE_ROWS)), len(records.UPROBE_ROWS))
        for r in records.UPROBE_TABLE:
            self.assertTrue(r.how, r.name)
            for arch, how in r.how:
                self.assertIn(arch, ('x86_64', 'arm64'), r.name)
                self.assertIn(how, (STEP, EMULATE, SIMULATE, NO_PROBE), r.name)

    def test_rows_of_one_architecture(self):
        x86, arm = records.uprobe_rows('x86_64'), records.uprobe_rows('arm64')
        for row in ('uprobe-endbr', 'uprobe-nopl', 'uprobe-multi8-endbr'):
            self.assertIn(row, x86)
            self.assertNotIn(row, arm)
        self.assertIn('uprobe-paciasp', arm)
        self.assertNotIn('uprobe-paciasp', x86)
        self.assertTrue(set(OLD_ROWS) <= set(x86) and set(OLD_ROWS) <= set(arm))

    def test_what_steps_nothing(self):
        # x86_64 emulates nop and push, arm64 simulates ret
        self.assertEqual(records.stepping_nothing('x86_64'),
                         ('uprobe-nop', 'uprobe-push', 'uretprobe-nop', 'uretprobe-push'))
        self.assertEqual(records.stepping_nothing('arm64'), ('uprobe-ret', 'uretprobe-ret'))

    def test_new_rows_are_stepped(self):
        self.assertEqual(records.uprobe_rows('x86_64', STEP),
                         ('uprobe-ret', 'uprobe-endbr', 'uprobe-nopl', 'uretprobe-ret',
                          'uprobe-multi8', 'uretprobe-multi8', 'uprobe-multi8-endbr',
                          'uprobe-multi64'))
        self.assertIn('uprobe-paciasp', records.uprobe_rows('arm64', STEP))

    def test_controls_probe_nothing(self):
        for arch in ('x86_64', 'arm64'):
            self.assertTrue(set(records.CONTROL_ROWS)
                            <= set(records.uprobe_rows(arch, NO_PROBE)))
            self.assertFalse(set(records.CONTROL_ROWS) & set(records.stepping_nothing(arch)))


class SteppingNothingGoalTest(unittest.TestCase):
    def test_one_goal_per_arch_on_the_tables_rows(self):
        for arch in ('x86_64', 'arm64'):
            g = goal(arch, STEPPING_NOTHING)
            self.assertEqual((g.metric, g.op, g.threshold), ('worst-ratio', '>=', 0.95))
            self.assertEqual(g.rows, records.stepping_nothing(arch))
            self.assertEqual(g.arch, arch)
        self.assertEqual(len([g for g in GOALS if g.name == STEPPING_NOTHING]), 2)
        # 6.12 takes every row as 6.1 does
        for arch in ('x86_64', 'arm64'):
            self.assertIn(STEPPING_NOTHING, [g.name for g in goals_for(arch, '6.12')])

    def test_met_when_no_row_is_slower(self):
        for arch in ('x86_64', 'arm64'):
            g, v = value(arch, run(arch), STEPPING_NOTHING)
            self.assertAlmostEqual(v, 1.0)
            self.assertTrue(g.met(v))

    def test_a_row_at_090x_fails_it(self):
        for arch in ('x86_64', 'arm64'):
            for row in records.stepping_nothing(arch):
                g, v = value(arch, run(arch, {row: 0.90}), STEPPING_NOTHING)
                self.assertAlmostEqual(v, 0.90)
                self.assertFalse(g.met(v), f'{arch} {row}')
                self.assertIn('MISSED', report.goal_line(g, v))

    def test_at_any_size_and_producer_count(self):
        recs = run('x86_64', sizes=(('1', 1), ('2', 1), ('2', 2)))
        r, = [r for r in recs if r.kernel == 'patched' and r.row == 'uretprobe-push'
              and r.vcpus == '2' and r.p == '2']
        r.mean = '90000.0'
        g, v = value('x86_64', recs, STEPPING_NOTHING, '1 2')
        self.assertAlmostEqual(v, 0.90)
        self.assertFalse(g.met(v))

    def test_stepped_rows_do_not_count(self):
        g, v = value('x86_64', run('x86_64', {'uprobe-ret': 0.5, 'uprobe-endbr': 0.5}),
                     STEPPING_NOTHING)
        self.assertTrue(g.met(v))
        g, v = value('arm64', run('arm64', {'uprobe-nop': 0.5, 'uprobe-paciasp': 0.5}),
                     STEPPING_NOTHING)
        self.assertTrue(g.met(v))

    def test_a_row_that_did_not_check_out_is_left_out(self):
        recs = run('arm64', {'uprobe-ret': 0.5})
        r, = [r for r in recs if r.kernel == 'patched' and r.row == 'uprobe-ret']
        r.result = 'bad:hits-1-calls-2'
        g, v = value('arm64', recs, STEPPING_NOTHING)
        self.assertTrue(g.met(v))

    def test_report_names_the_rows(self):
        rep = report.Report(run('arm64'), 'arm64', parse_sizes('1'))
        lines = rep.make().splitlines()
        i = [n for n, ln in enumerate(lines) if STEPPING_NOTHING in ln][0]
        self.assertTrue(lines[i].startswith('  met    '))
        self.assertIn('arm64 steps none of: uprobe-ret uretprobe-ret', lines[i + 1])


class NewRowGoalsTest(unittest.TestCase):
    def test_endbr_rows_aim_at_3x_on_x86_64(self):
        for row in ('uprobe-endbr', 'uprobe-multi8-endbr'):
            g = goal('x86_64', f'{row} patched/vanilla, 1 vCPU')
            self.assertEqual((g.metric, g.threshold, g.num[2], g.den[2], g.at),
                             ('ratio', 3, row, row, (('1', 1),)))
            _, v = value('x86_64', run('x86_64', {row: 2.9}), g.name)
            self.assertFalse(g.met(v))
            _, v = value('x86_64', run('x86_64', {row: 3.1}), g.name)
            self.assertTrue(g.met(v))

    def test_paciasp_like_nop_on_arm64(self):
        g = goal('arm64', 'uprobe-paciasp patched/vanilla, 1 vCPU')
        self.assertEqual(g.threshold, goal('arm64', 'uprobe-nop patched/vanilla, 1 vCPU').threshold)

    def test_slot_writes_on_every_stepped_single_and_multi8_row(self):
        want = {'x86_64': {'uprobe-ret', 'uretprobe-ret', 'uprobe-endbr', 'uprobe-nopl',
                           'uprobe-multi8', 'uretprobe-multi8', 'uprobe-multi8-endbr'},
                'arm64': {'uprobe-nop', 'uprobe-push', 'uretprobe-nop', 'uretprobe-push',
                          'uprobe-paciasp', 'uprobe-multi8', 'uretprobe-multi8'}}
        for arch, rows in want.items():
            g = goal(arch, WRITES)
            self.assertEqual(set(g.rows), rows)
            _, v = value(arch, run(arch), WRITES)
            self.assertTrue(g.met(v))
            for row in rows:
                _, v = value(arch, run(arch, writes={row: 0.5}), WRITES)
                self.assertFalse(g.met(v), f'{arch} {row}')
            # 64 probes do not fit into 31 cached slots: not a goal
            _, v = value(arch, run(arch, writes={'uprobe-multi64': 0.5}), WRITES)
            self.assertTrue(g.met(v))

    def test_goal_rows_exist_on_their_arch(self):
        for g in GOALS:
            arches = (g.arch,) if g.arch else ('x86_64', 'arm64')
            for _, b, r in (g.num, g.den):
                if b != 'uprobe':
                    continue
                for arch in arches:
                    for row in g.rows:
                        self.assertIn(r.format(row), records.uprobe_rows(arch),
                                      f'{g.name} {arch}')


class ReportTest(unittest.TestCase):
    def test_new_rows_in_the_table_in_order(self):
        text = report.Report(run('x86_64'), 'x86_64', parse_sizes('1')).make()
        rows = [ln.split()[0] for ln in text.splitlines() if '( 1 cpus):' in ln]
        self.assertEqual(tuple(rows), records.uprobe_rows('x86_64'))
        self.assertNotIn('uprobe-paciasp', text)

    def test_missing_new_row_fails_the_run(self):
        from harness import bench
        boot = bench.Boot('patched-smp1', 'patched', '1', None, ('uprobe',), 1)
        recs = [r for r in run('arm64') if not (r.kernel == 'patched'
                                                 and r.row == 'uprobe-paciasp')]
        self.assertEqual(report.status(recs, [boot], records.uprobe_rows('arm64')),
                         ['patched-smp1: row missing: uprobe uprobe-paciasp P=1'])


@unittest.skipUnless(importlib.util.find_spec('matplotlib'), 'no python3-matplotlib')
class PlotGoalsTest(unittest.TestCase):
    def test_stepping_nothing_goal_on_each_of_its_bars(self):
        from harness import plots
        rep = report.Report(run('x86_64', {'uprobe-nop': 0.9}), 'x86_64', parse_sizes('1'))
        rep.make()
        size, = rep.sizes

        def on(row):
            return plots.goal_on(rep, 'patched', 'vanilla', 'uprobe', row, row, size)
        self.assertEqual(on('uprobe-nop'), [(0.95, False)])
        self.assertEqual(on('uprobe-push'), [(0.95, True)])
        self.assertEqual(on('uprobe-endbr'), [(3, False)])
        self.assertEqual(on('uprobe-nopl'), [])


class BenchSettingsTest(unittest.TestCase):
    def settings(self, arch, *rows, extra=()):
        args = [sys.executable, '-P', '-m', 'harness', 'bench-settings', '--arch', arch,
                '--cpus', '1', '--duration', '1', '--warmup', '1', '--samples', '2',
                '--reruns', '0', *extra]
        if rows:
            args += ['--uprobe-rows', ' '.join(rows)]
        return subprocess.run(args, cwd=SCRIPTS, capture_output=True, text=True,
                              check=False, env=dict(os.environ, PYTHONPATH=SCRIPTS))

    def test_default_rows_are_the_archs(self):
        for arch in ('x86_64', 'arm64'):
            p = self.settings(arch)
            self.assertEqual(p.returncode, 0, p.stderr)
            line, = [ln for ln in p.stdout.splitlines() if ln.startswith('UPROBE_ROWS=')]
            self.assertEqual(line, "UPROBE_ROWS='%s'" % ' '.join(records.uprobe_rows(arch)))

    def test_a_row_of_another_arch_is_refused(self):
        p = self.settings('arm64', 'usermode-count', 'uprobe-endbr')
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown arm64 uprobe row 'uprobe-endbr'", p.stderr)
        p = self.settings('x86_64', 'uprobe-endbr', 'uprobe-nopl')
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("UPROBE_ROWS='uprobe-endbr uprobe-nopl'", p.stdout)

    def test_kver_picks_the_kernel_pair_and_its_benches(self):
        p = self.settings('x86_64')
        self.assertIn("VANILLA_KERNEL=vanilla\n", p.stdout)
        self.assertIn("BENCHES='uprobe kretprobe objpool ", p.stdout)
        p = self.settings('x86_64', extra=('--kver', '6.12'))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("VANILLA_KERNEL=vanilla-6.12\n", p.stdout)
        self.assertIn("PATCHED_KERNEL=patched-6.12\n", p.stdout)
        self.assertIn("BENCHES='uprobe kretprobe objpool-6.12 user'", p.stdout)
        p = self.settings('arm64', extra=('--kver', '6.12'))
        self.assertIn("BENCHES='uprobe kretprobe objpool-mem objpool-6.12 user'", p.stdout)
        p = self.settings('x86_64', extra=('--kver', '6.12', '--benches', 'objpool'))
        self.assertEqual(p.returncode, 2)
        self.assertIn("bench 'objpool' cannot run with KVER=6.12 on x86_64: it measures "
                      "6.1's freelist", p.stderr)
        p = self.settings('x86_64', extra=('--kver', '6.12', '--benches', 'objpool-mem'))
        self.assertEqual(p.returncode, 2)
        self.assertIn('more possible CPUs than QEMU gives', p.stderr)
        p = self.settings('x86_64', extra=('--kver', '5.10'))
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown kernel version '5.10'", p.stderr)


if __name__ == '__main__':
    unittest.main()
