#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-modules.sh KBUILD ARCH: build the modules the benches load
# (objpool/ and bench/) against the kernel build KBUILD and print the
# directory holding them (DIR/objpool/objpool.ko, DIR/bench/*.ko).
#
# Like modules.sh, but only these two directories: the benches must not
# depend on the other modules building, and the same sources are built
# against 6.1 and 6.12 kernels.  Each kernel gets its own copy of the
# sources under $PS_CACHE/bench-modules/ (rsync keeps mtimes, so rebuilds
# are incremental).  objpool is built without its debug checks, which
# cost more than what the benches measure, unless OBJPOOL_DEBUG (make's
# variable, objpool/Kbuild) says otherwise: a kernel with DEBUG_KERNEL,
# such as the 6.12 test kernels (configs/6.12.config), would turn them on.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || die "usage: bench-modules.sh KBUILD ARCH"
kbuild=$1 arch=$2
ps_arch_check "$arch"
"$PS_TOP/scripts/check-kdir.sh" "$kbuild"

dir=$PS_CACHE/bench-modules/$(echo "$kbuild" | sha256sum | cut -c1-12)
mkdir -p "$dir"
echo "$kbuild" > "$dir/.kbuild"
# build SUBDIR...: copy SUBDIRs of the clone into $dir and build them.
build()
{
	local d

	rm -rf "$dir/objpool" "$dir/bench"
	for d in "$@"; do
		rsync -a --exclude '*.o' --exclude '*.ko' --exclude '*.mod' \
			--exclude '*.mod.c' --exclude '.*.cmd' --exclude '*.order' \
			--exclude '*.symvers' --exclude 'trigger/' \
			"$PS_TOP/$d" "$dir/$d"
	done
	echo "obj-m += $*" > "$dir/Kbuild"
	ps_kmake "$arch" -C "$kbuild" M="$dir" \
		OBJPOOL_DEBUG="${OBJPOOL_DEBUG:-n}" modules >"$dir/build.log" 2>&1
}

ps_ccache_env
# Our objpool is optional: without it the objpool bench compares the
# kernel's pools only, and says so.
if [ -f "$PS_TOP/objpool/Kbuild" ]; then
	build objpool/ bench/ && { echo "$dir"; exit 0; }
	grep -E 'error|ERROR' "$dir/build.log" | head -5 >&2
	echo "probescale: warning: objpool/ + bench/ do not build together against $kbuild (log above): trying bench/ without our objpool" >&2
fi
build bench/ ||
	{ grep -E 'error|warning' "$dir/build.log" | head -20 >&2
	  die "bench module build against $kbuild failed; log: $dir/build.log"; }
echo "$dir"
