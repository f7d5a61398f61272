#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-kdir.sh KDIR: one clear line and exit 1 if KDIR cannot build our
# modules (not a prepared kernel tree, or a config without MODULES or
# KPROBES).  Otherwise, if the Kbuild files leave modules out for this
# kernel, one line on stderr naming them and why:
#   - the KUnit suites (the Kbuild lines that name CONFIG_KUNIT) need
#     CONFIG_KUNIT, which distribution kernels such as Debian's lack;
#   - bench/uprobe_counter needs CONFIG_UPROBES (bench/Kbuild).
set -eu
. "$(dirname "$0")/lib.sh"

kdir=${1:-}
[ -n "$kdir" ] && [ -d "$kdir" ] ||
	die "KDIR '$kdir' does not exist: point KDIR at a kernel build tree (e.g. /lib/modules/\$(uname -r)/build) or leave it unset to use the project's test kernel"
[ -f "$kdir/Makefile" ] && [ -f "$kdir/.config" ] ||
	die "KDIR '$kdir' is not a configured kernel tree (no Makefile/.config): run 'make modules_prepare' there or install the kernel headers package"
[ -f "$kdir/include/generated/autoconf.h" ] ||
	die "KDIR '$kdir' is not prepared: run 'make -C $kdir modules_prepare'"
for opt in MODULES KPROBES; do
	grep -q "^CONFIG_$opt=[ym]" "$kdir/.config" ||
		die "KDIR '$kdir' lacks CONFIG_$opt: probescale needs MODULES and KPROBES (without kprobes it has nothing to speed up or measure); enable them or use the project's test kernel"
done

# has OPT: KDIR's config sets CONFIG_OPT.
has()
{
	grep -q "^CONFIG_$1=[ym]" "$kdir/.config"
}

release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' \
	"$kdir/include/generated/utsrelease.h" 2>/dev/null) || release=
left=()
if ! has KUNIT; then
	kunit=$(cd "$PS_TOP" && sed -n 's/^obj-.*CONFIG_KUNIT.*+= *//p' \
		Kbuild */Kbuild */*/Kbuild 2>/dev/null | tr -s ' \n' ' ')
	kunit=${kunit% }
	left+=("the KUnit suites (${kunit//.o/}): no CONFIG_KUNIT")
fi
has UPROBES || left+=("uprobe_counter: no CONFIG_UPROBES")
if [ ${#left[@]} -gt 0 ]; then
	msg=$(printf '%s; ' "${left[@]}")
	echo "probescale: building for ${release:-$kdir} without ${msg%; }" >&2
fi
exit 0
