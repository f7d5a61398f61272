# SPDX-License-Identifier: GPL-2.0
import unittest

from harness.arches import ARCHES, arch


class ArchTest(unittest.TestCase):
    def test_x86_64_asks_qemu_for_possible_cpus(self):
        self.assertEqual(arch('x86_64').cpu_args(2), ('2', []))
        self.assertEqual(arch('x86_64').cpu_args(2, 64),
                         ('2,maxcpus=64', ['ps.possible=64']))

    def test_x86_64_above_255_uses_the_kernel_parameter(self):
        self.assertEqual(arch('x86_64').cpu_args(2, 255),
                         ('2,maxcpus=255', ['ps.possible=255']))
        self.assertEqual(arch('x86_64').cpu_args(2, 256),
                         ('2', ['ps.possible=256', 'possible_cpus=256']))

    def test_arm64_creates_every_cpu_and_brings_up_few(self):
        # virt ignores maxcpus: -smp M, and the kernel's maxcpus=N
        self.assertEqual(arch('arm64').cpu_args(2, 64),
                         ('64', ['ps.possible=64', 'maxcpus=2']))
        self.assertEqual(arch('arm64').cpu_args(4), ('4', []))

    def test_fewer_possible_than_online_is_refused(self):
        for a in ARCHES.values():
            with self.assertRaisesRegex(ValueError, 'bad possible CPU count 1 for 2 vCPUs'):
                a.cpu_args(2, 1)

    def test_unknown_arch(self):
        with self.assertRaisesRegex(ValueError, "unknown ARCH 'riscv': use ARCH=x86_64 or ARCH=arm64"):
            arch('riscv')

    def test_cross_compiler_only_on_another_host(self):
        self.assertEqual(arch('arm64').cross_compile('aarch64'), '')
        self.assertEqual(arch('arm64').cross_compile('x86_64'), 'aarch64-linux-gnu-')
        self.assertEqual(arch('x86_64').cross_compile('x86_64'), '')

    def test_debug_kernels_of_arm64_run_alone(self):
        self.assertTrue(arch('arm64').debug_alone_only)
        self.assertFalse(arch('x86_64').debug_alone_only)


if __name__ == '__main__':
    unittest.main()
