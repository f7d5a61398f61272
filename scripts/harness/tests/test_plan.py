# SPDX-License-Identifier: GPL-2.0
import os
import unittest

from harness import plan

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


class PlanTest(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(TOP, 'selftests/check.plan'), encoding='utf-8') as f:
            self.runs = plan.parse(f.read())

    def test_the_project_plan_parses(self):
        self.assertGreater(len(self.runs), 10)
        names = {r.name for r in self.runs}
        self.assertTrue({'kunit', 'objpool-64cpus', 'xol-tracefs', 'stock'} <= names)

    def test_sizes_are_parsed(self):
        r, = [r for r in self.runs if r.name == 'objpool-64cpus']
        self.assertEqual((r.size.vcpus, r.size.possible), (2, 64))
        xol = [r for r in self.runs if r.name == 'xol-tracefs']
        self.assertTrue(all(r.size.one_thread for r in xol))

    def test_runs_for_one_kernel_in_plan_order(self):
        got = [r.name for r in plan.runs_for(self.runs, 'x86_64', 'stock-6.1', 'plain')]
        self.assertEqual(got, ['stock'])
        got = [r.name for r in plan.runs_for(self.runs, 'arm64', 'vanilla', 'debug')]
        self.assertEqual(got, ['xol-tracefs', 'xol-counter', 'xol-lifetime', 'kunit', 'bench-modules'])

    def test_only(self):
        got = [r.name for r in plan.runs_for(self.runs, 'x86_64', 'vanilla', 'plain', 'objpool-')]
        self.assertEqual(got, ['objpool-4cpus', 'objpool-64cpus'])

    def test_bad_lines_name_their_line(self):
        cases = (('a x86_64 vanilla plain 2 900', 'needs NAME'),
                 ('a mips vanilla plain 2 900 tap:x:y', "unknown architecture 'mips'"),
                 ('a x86_64 vanila plain 2 900 tap:x:y', "unknown kernel 'vanila'"),
                 ('a x86_64 vanilla fast 2 900 tap:x:y', "unknown variant 'fast'"),
                 ('a x86_64 vanilla plain 2/1 900 tap:x:y', 'fewer than its 2 vCPUs'),
                 ('a x86_64 vanilla plain 2 9m tap:x:y', "bad timeout '9m'"),
                 ('a x86_64 vanilla plain 2 900 foo:x', "bad item 'foo:x'"),
                 ('a x86_64 vanilla plain 2 900 tap:x:y,$CASES', "'\\$CASES' is not defined"),
                 ('define CASES', 'is "define NAME WORD"'))
        for line, why in cases:
            with self.assertRaisesRegex(ValueError, f'p:2: .*{why}'):
                plan.parse('# comment\n' + line, 'p')

    def test_defined_words_expand_in_items(self):
        runs = plan.parse('define CASES -t,a,-t,b\n'
                          'r x86_64 vanilla plain 2 900 tap:x:y,$CASES,-t,c\n', 'p')
        self.assertEqual(runs[0].items, ('tap:x:y,-t,a,-t,b,-t,c',))
        with self.assertRaisesRegex(ValueError, "p:2: 'A' is defined twice"):
            plan.parse('define A x\ndefine A y\n', 'p')

    def test_the_xol_runs_share_their_cases(self):
        single = [r for r in self.runs if r.name == 'xol-tracefs'
                  and r.kernels == ('patched-6.12',)]
        self.assertTrue(single)
        for r in single:
            self.assertIn('-t,slot_writes,-t,unreg_while_waiting', r.items[0])


if __name__ == '__main__':
    unittest.main()
