# SPDX-License-Identifier: GPL-2.0
"""The user bench's records and report against a real run's UB lines
(fixtures/user, 2-CPU AMD EPYC, 1 2 4 threads).  user-results.csv and
user-goals.txt are what bench/user/run.sh and report.awk made of them
(commit 112dfb6); user-report.txt is theirs but for the table cells,
padded to their width in characters (awk padded bytes, so every cell
with a "±" was a column short)."""
import os
import unittest

from harness import userbench
from harness.goals import USER_GOALS

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures', 'user')


def read(name):
    with open(os.path.join(FIX, name), encoding='utf-8') as f:
        return f.read()


class UserBenchTest(unittest.TestCase):
    def lines(self):
        return [userbench.CSV_HEADER] + userbench.csv_lines(
            read('user-raw.txt').splitlines(), 'x86_64', 2)

    def test_raw_lines_give_the_csv(self):
        self.assertEqual('\n'.join(self.lines()) + '\n', read('user-results.csv'))

    def test_report_and_goals(self):
        text, goals = userbench.UserReport(self.lines()).make('AMD EPYC', 2, '8.89')
        self.assertEqual(text, read('user-report.txt'))
        self.assertEqual(goals, read('user-goals.txt'))

    def test_best_round_is_kept(self):
        lines = self.lines()
        first = next(ln for ln in lines if ln.startswith('ours,') and ',sync,1,' in ln)
        worse = first.split(',')
        worse[7] = '1'
        rep = userbench.UserReport(lines + [','.join(worse)])
        self.assertEqual(rep.mean['sync', '1', 'ours'], first.split(',')[7])

    def test_failed_rows(self):
        self.assertFalse(userbench.failed(self.lines()))
        bad = userbench.csv_lines(['UB error cmd=run pool=ours result=bad:no-output'], 'x86_64', 2)
        self.assertEqual(bad, ['ours,x86_64,2,,user,error,,,,cmd=run,bad:no-output'])
        self.assertTrue(userbench.failed(bad))
        text, _ = userbench.UserReport([userbench.CSV_HEADER] + bad).make('m', 2, '0')
        self.assertIn('FAILED row error/ours/: bad:no-output', text)

    def test_goals_unmeasured_are_missed(self):
        _, goals = userbench.UserReport([userbench.CSV_HEADER]).make('m', 2, '0')
        self.assertEqual(goals.count('MISSED'), len(USER_GOALS))


if __name__ == '__main__':
    unittest.main()
