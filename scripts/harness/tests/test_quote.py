# SPDX-License-Identifier: GPL-2.0
import os
import shutil
import tempfile
import unittest

from harness.quote import Results

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures')


class QuoteTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        shutil.copy(os.path.join(FIXTURES, 'bench-x86_64', 'results.csv'),
                    os.path.join(self.dir, 'x86_64.csv'))
        self.write_run('x86_64: date: 2026-12-06\nx86_64: host: Some CPU\n'
                       'x86_64: qemu: 7.2.0\nx86_64: commit: 0123abcd\n'
                       'x86_64: command: make bench\n')

    def write_run(self, text):
        with open(os.path.join(self.dir, 'RUN'), 'w', encoding='utf-8') as f:
            f.write(text)

    def test_rates_ratios_and_writes_come_from_the_csv(self):
        r = Results(self.dir)
        text = ('{{rate x86_64 1 uprobe uprobe-ret 1 vanilla}} -> '
                '{{rate x86_64 1 uprobe uprobe-ret 1 patched}} = '
                '{{ratio x86_64 1 uprobe uprobe-ret 1}}, writes '
                '{{writes x86_64 1 uprobe-ret 1 vanilla}} -> '
                '{{writes x86_64 1 uprobe-ret 1 patched}}')
        van = r.rows[('vanilla', 'x86_64', '1', 'uprobe', 'uprobe-ret', '1')]
        pat = r.rows[('patched', 'x86_64', '1', 'uprobe', 'uprobe-ret', '1')]
        want = '%.3f -> %.3f = %.2fx' % (float(van.mean) / 1e6, float(pat.mean) / 1e6,
                                         float(pat.mean) / float(van.mean))
        self.assertTrue(r.quote(text).startswith(want + ', writes '), r.quote(text))
        self.assertEqual(r.quote('no tokens'), 'no tokens')

    def test_run_and_time_per_call(self):
        r = Results(self.dir)
        self.assertEqual(r.quote('{{run x86_64 host}}, QEMU {{run x86_64 qemu}}: '
                                 '{{run x86_64 command}}'),
                         'Some CPU, QEMU 7.2.0: make bench')
        van = r.rows[('vanilla', 'x86_64', '1', 'uprobe', 'uprobe-ret', '1')]
        self.assertEqual(r.quote('{{us x86_64 1 uprobe uprobe-ret 1 vanilla}}'),
                         f'{1e6 / float(van.mean):.1f}')

    def test_what_was_not_measured_is_an_error(self):
        r = Results(self.dir)
        for token, why in (('{{rate x86_64 1 uprobe no-such-row 1 vanilla}}', 'no vanilla'),
                           ('{{rate x86_64 7 uprobe uprobe-ret 1 vanilla}}', 'no vanilla'),
                           ('{{rate x86_64 1/4 uprobe uprobe-ret 1 vanilla}}', 'bad guest size'),
                           ('{{rate sparc 1 uprobe uprobe-ret 1 vanilla}}', 'unknown architecture'),
                           ('{{rate x86_64 1 uprobe uprobe-ret 1 stock}}', 'vanilla or patched'),
                           ('{{ratio x86_64 1 uprobe}}', 'takes 5 arguments'),
                           ('{{mean x86_64}}', 'unknown token kind'),
                           ('{{ }}', 'empty token'),
                           ('{{run arm64 date}}', "RUN has no 'arm64: date:'"),
                           ('{{run x86_64 cpu}}', "unknown RUN key 'cpu'")):
            with self.assertRaisesRegex(ValueError, why, msg=token):
                r.quote(token)

    def test_a_row_that_failed_is_not_quoted(self):
        path = os.path.join(self.dir, 'x86_64.csv')
        with open(path, encoding='utf-8') as f:
            lines = f.read().splitlines()
        lines = [l.replace(',ok', ',bad:wrong-result') if l.startswith('vanilla,x86_64,1,1,uprobe,uprobe-ret,1,')
                 else l for l in lines]
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        with self.assertRaisesRegex(ValueError, 'result bad:wrong-result'):
            Results(self.dir).quote('{{rate x86_64 1 uprobe uprobe-ret 1 vanilla}}')

    def test_bad_run_lines_are_refused(self):
        self.write_run('x86_64 date 2026\n')
        with self.assertRaisesRegex(ValueError, 'RUN:1: not "ARCH: KEY: VALUE"'):
            Results(self.dir)
