# SPDX-License-Identifier: GPL-2.0
import os
import tempfile
import unittest

from harness import kernels
from harness.arches import ARCHES

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


class KernelTableTest(unittest.TestCase):
    def test_bench_pair_per_version(self):
        self.assertEqual(kernels.bench_pair('6.1'), ('vanilla', 'patched'))
        self.assertEqual(kernels.bench_pair('6.12'), ('vanilla-6.12', 'patched-6.12'))
        with self.assertRaisesRegex(ValueError, "unknown kernel version '6.6'"):
            kernels.bench_pair('6.6')

    def test_every_kernel_is_complete(self):
        for k in kernels.KERNELS.values():
            self.assertIn(k.source, kernels.SOURCES, k.name)
            self.assertTrue(set(k.arches) <= set(ARCHES), k.name)
            self.assertTrue(set(k.variants) <= set(kernels.VARIANTS), k.name)

    def test_variant_fragments_exist(self):
        for frags in kernels.VARIANTS.values():
            for f in frags:
                self.assertTrue(os.path.isfile(os.path.join(TOP, 'scripts/configs', f)), f)

    def test_patched_carries_the_6_1_series(self):
        have, missing = kernels.kernel('patched').present_series(TOP)
        self.assertEqual(have, ['objpool', 'uprobes-xol'])
        self.assertEqual(missing, [])

    def test_a_series_not_there_yet_is_missing(self):
        with tempfile.TemporaryDirectory() as top:
            os.makedirs(os.path.join(top, 'patches/objpool'))
            open(os.path.join(top, 'patches/objpool/0000-cover-letter.patch'), 'w').close()
            os.makedirs(os.path.join(top, 'patches/uprobes-xol'))
            open(os.path.join(top, 'patches/uprobes-xol/0001-x.patch'), 'w').close()
            self.assertEqual(kernels.kernel('patched').present_series(top),
                             (['uprobes-xol'], ['objpool']))

    def test_check_order_stock_first_then_each_variant(self):
        self.assertEqual(kernels.check_kernels('x86_64', 2, TOP), [
            ('stock-6.1', 'plain'), ('stock-6.12', 'plain'),
            ('vanilla', 'plain'), ('patched', 'plain'),
            ('vanilla-6.12', 'plain'),
            ('patched-6.12', 'plain'), ('patched-6.12', 'debug')])

    def test_6_1_debug_only_when_checked_alone(self):
        got = kernels.check_kernels('x86_64', 1, TOP)
        self.assertIn(('vanilla', 'debug'), got)
        self.assertIn(('patched', 'debug'), got)

    def test_arm64_debug_only_when_checked_alone(self):
        self.assertEqual(kernels.check_kernels('arm64', 2, TOP), [
            ('vanilla', 'plain'), ('patched', 'plain'),
            ('vanilla-6.12', 'plain'), ('patched-6.12', 'plain')])
        self.assertEqual(kernels.check_kernels('arm64', 1, TOP), [
            ('vanilla', 'plain'), ('vanilla', 'debug'),
            ('patched', 'plain'), ('patched', 'debug'),
            ('vanilla-6.12', 'plain'),
            ('patched-6.12', 'plain'), ('patched-6.12', 'debug')])

    def test_a_new_kernel_is_one_entry(self):
        new = kernels.Kernel('patched-next', '6.12', series=('objpool-next',),
                             variants=('plain', 'debug'), arches=('x86_64',), check=True)
        saved = dict(kernels.KERNELS)
        try:
            kernels.KERNELS[new.name] = new
            with tempfile.TemporaryDirectory() as top:
                self.assertNotIn(('patched-next', 'plain'),
                                 kernels.check_kernels('x86_64', 1, top))
                d = os.path.join(top, 'patches/objpool-next')
                os.makedirs(d)
                open(os.path.join(d, '0001-lib-objpool.patch'), 'w').close()
                got = kernels.check_kernels('x86_64', 1, top)
                self.assertEqual(got[-2:], [('patched-next', 'plain'), ('patched-next', 'debug')])
                self.assertNotIn(('patched-next', 'plain'), kernels.check_kernels('arm64', 1, top))
        finally:
            kernels.KERNELS.clear()
            kernels.KERNELS.update(saved)

    def test_stock_packages(self):
        st = kernels.kernel('stock-6.1').stock
        self.assertEqual(st.packages(), (
            'linux-image-6.1.0-57-amd64-unsigned', 'linux-headers-6.1.0-57-amd64',
            'linux-headers-6.1.0-57-common', 'linux-kbuild-6.1'))

    def test_unknown_names(self):
        with self.assertRaisesRegex(ValueError, "unknown kernel 'x'"):
            kernels.kernel('x')
        with self.assertRaisesRegex(ValueError, "unknown kernel version '5.10': use 6.1 or 6.12"):
            kernels.source('5.10')


if __name__ == '__main__':
    unittest.main()
