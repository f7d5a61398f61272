# SPDX-License-Identifier: GPL-2.0
"""probescale's harness as data: what the bash entry points ask.

One module per kind of fact, each the one place that states it:

  guests    guest sizes, N[/M][:tcg-single], parsed into GuestSize
  arches    each architecture's QEMU parameters and toolchain
  kernels   the kernel sources, the test kernels and their variants
  plan      selftests/check.plan, the guest runs of make check
  records   make bench's raw records (the guests' PSB lines) and results.csv
  stats     means, deviations, ratios, control rows
  goals     the bench goals, a table the report prints and checks
  report    make bench's report, table.csv, goals.txt and its exit status
  plots     the report's pictures (matplotlib)
  userbench the user bench (bench/user): its records and report
  progress  progress lines for long steps (kernel builds, unpacking)

The command line (python3 -m harness, see __main__.py) is how the bash
scripts reach it; tests/ holds the unit tests make check runs.
"""
