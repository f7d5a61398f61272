# SPDX-License-Identifier: GPL-2.0
import unittest

from harness.guests import GuestSize, parse_sizes


class GuestSizeTest(unittest.TestCase):
    def test_every_form_round_trips(self):
        for text in ('1', '2', '2/64', '2:tcg-single', '2/64:tcg-single', '16/256'):
            self.assertEqual(str(GuestSize.parse(text)), text)

    def test_fields(self):
        s = GuestSize.parse('2/64:tcg-single')
        self.assertEqual((s.vcpus, s.possible, s.one_thread, s.tcg_threads),
                         (2, 64, True, 'single'))
        s = GuestSize.parse('4')
        self.assertEqual((s.vcpus, s.possible, s.one_thread, s.tcg_threads),
                         (4, None, False, 'multi'))

    def test_bad_sizes_say_what_is_accepted(self):
        for text in ('', '0', '02', 'x', '2:tcg', '2/', '/4', '2:tcg-single/4', '-1', '2 '):
            with self.assertRaisesRegex(ValueError, f"bad guest size '{text}'"):
                GuestSize.parse(text)
        with self.assertRaisesRegex(ValueError, 'fewer than its 4 vCPUs'):
            GuestSize.parse('4/2')

    def test_bench_sizes_take_no_possible_cpus(self):
        with self.assertRaisesRegex(ValueError, 'a vCPU count N, or N:tcg-single'):
            GuestSize.parse('2/64', with_possible=False)

    def test_host_threads(self):
        self.assertEqual(GuestSize.parse('2:tcg-single').host_threads(2), 1)
        self.assertEqual(GuestSize.parse('4').host_threads(2), 2)
        self.assertEqual(GuestSize.parse('2/64').host_threads(8), 2)

    def test_label(self):
        self.assertEqual(GuestSize.parse('2').label(), '2')
        self.assertEqual(GuestSize.parse('2:tcg-single').label(),
                         '2 on one host thread (TCG thread=single)')

    def test_sizes_sorted_once(self):
        got = parse_sizes('2:tcg-single 2 1 2 10')
        self.assertEqual([str(s) for s in got], ['1', '2', '2:tcg-single', '10'])

    def test_sizes_say_where_a_bad_one_is(self):
        with self.assertRaisesRegex(ValueError, "^bad guest size '2/64' in CPUS: a vCPU count N, or N:tcg-single$"):
            parse_sizes('1 2/64')

    def test_sizes_bounded_by_the_host(self):
        with self.assertRaisesRegex(ValueError, r'9 vCPUs is more than this machine can run \(2 CPUs x 4 = 8\)'):
            parse_sizes('1 9', host_cpus=2)
        self.assertEqual(len(parse_sizes('8', host_cpus=2)), 1)

    def test_empty_sizes(self):
        with self.assertRaisesRegex(ValueError, 'CPUS is empty'):
            parse_sizes('  ')


if __name__ == '__main__':
    unittest.main()
