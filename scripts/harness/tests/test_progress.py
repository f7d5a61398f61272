# SPDX-License-Identifier: GPL-2.0
import io
import os
import subprocess
import tempfile
import unittest

from harness import progress


class ProgressTest(unittest.TestCase):
    def test_counts_kbuild_objects(self):
        log = ['  SYNC    include/config/auto.conf', '  CC      kernel/fork.o',
               '  CC [M]  lib/objpool_kunit.o', '  LD      vmlinux', 'make[2]: x',
               'warning: y', '   CC      indented.o', '  AR      lib/lib.a']
        self.assertEqual(progress.count(log, 'objects'), 5)
        self.assertEqual(progress.count(['a', 'b'], 'files'), 2)
        self.assertEqual(progress.count(['ok 1 a', '    not ok 2 b', '# ok 3', 'okay 4',
                                         '[  1.0] ok 5'], 'results'), 2)

    def test_line_with_and_without_history(self):
        self.assertEqual(progress.line('building k', 120, 65, None, 'objects'),
                         'building k: 120 objects, 1m05s (no earlier run to estimate from)')
        self.assertEqual(progress.line('building k', 1000, 100, (4000, 420), 'objects'),
                         'building k: 1000 of ~4000 objects, 1m40s, ~5m00s left (last time 7m00s)')
        self.assertIn('about done', progress.line('k', 4100, 100, (4000, 420), 'objects'))

    def test_a_resumed_build_does_not_replace_the_count(self):
        with tempfile.TemporaryDirectory() as d:
            progress.save(d, 'k', 4000, 300)
            progress.save(d, 'k', 120, 10)
            self.assertEqual(progress.load(d, 'k'), (4000, 300.0))
            progress.save(d, 'k', 3900, 200)
            self.assertEqual(progress.load(d, 'k'), (3900, 200.0))
            self.assertIsNone(progress.load(d, 'other'))

    def test_watch_prints_while_the_step_lives(self):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, 'log')
            proc = subprocess.Popen(['sh', '-c', f'for i in 1 2 3; do echo "  CC      f$i.o" >> {log}; '
                                     'sleep 0.2; done'])
            out = io.StringIO()
            done = progress.watch(proc.pid, log, 'building k', 'objects', (6, 6), every=0.15,
                                  out=out, poll=0.05)
            proc.wait()
            self.assertEqual(done, 3)
            self.assertRegex(out.getvalue(), r'building k: [0-3] of ~6 objects')


if __name__ == '__main__':
    unittest.main()
