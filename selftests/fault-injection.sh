#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest setup step for the debug kernels (selftests/check.plan): let the
# fail-nth fault injection of the tests reach GFP_KERNEL allocations too
# (failslab and fail_page_alloc skip sleeping allocations by default), and
# keep injected failures out of the console, where a stack dump would be
# taken for a kernel report.
for attr in failslab fail_page_alloc; do
	dir=/sys/kernel/debug/$attr
	[ -d $dir ] || { echo "$dir missing: not a fault-injection kernel"; exit 1; }
	echo N > $dir/ignore-gfp-wait || exit 1
	echo 0 > $dir/verbose || exit 1
done
