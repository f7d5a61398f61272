#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-kdir.sh KDIR: one clear line and exit 1 if KDIR cannot build our
# modules (not a prepared kernel tree, or a config without what they need).
set -eu
. "$(dirname "$0")/lib.sh"

kdir=${1:-}
[ -n "$kdir" ] && [ -d "$kdir" ] ||
	die "KDIR '$kdir' does not exist: point KDIR at a kernel build tree (e.g. /lib/modules/\$(uname -r)/build) or leave it unset to use the project's test kernel"
[ -f "$kdir/Makefile" ] && [ -f "$kdir/.config" ] ||
	die "KDIR '$kdir' is not a configured kernel tree (no Makefile/.config): run 'make modules_prepare' there or install the kernel headers package"
[ -f "$kdir/include/generated/autoconf.h" ] ||
	die "KDIR '$kdir' is not prepared: run 'make -C $kdir modules_prepare'"
for opt in MODULES KPROBES UPROBES KUNIT; do
	grep -q "^CONFIG_$opt=[ym]" "$kdir/.config" ||
		die "KDIR '$kdir' lacks CONFIG_$opt: our modules need MODULES, KPROBES, UPROBES and KUNIT (the KUnit suites); enable them or use the project's test kernel"
done
exit 0
