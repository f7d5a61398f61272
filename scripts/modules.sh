#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# modules.sh KBUILD ARCH [MAKE-ARGS...]
#
# Build every module of the project against the kernel build KBUILD and
# print the directory holding the result.  Kbuild writes objects next to
# the sources, so each kernel gets its own copy of the sources under
# $PS_CACHE/modules/ (rsync keeps mtimes: rebuilds are incremental).
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || die "usage: modules.sh KBUILD ARCH [MAKE-ARGS...]"
kbuild=$1 arch=$2
shift 2
ps_arch_check "$arch"
"$PS_TOP/scripts/check-kdir.sh" "$kbuild"

dir=$PS_CACHE/modules/$(echo "$kbuild" | sha256sum | cut -c1-12)
mkdir -p "$dir"
echo "$kbuild" > "$dir/.kbuild"
rsync -a --delete --exclude '/.git' --exclude '/out' \
	--exclude '*.o' --exclude '*.ko' --exclude '*.mod' --exclude '*.mod.c' \
	--exclude '.*.cmd' --exclude '*.order' --exclude '*.symvers' \
	--exclude '*.a' --exclude '.kbuild' --exclude 'build.log' \
	--exclude '.tmp_*' \
	--include '/Kbuild' --include '*/' --include 'Kbuild' \
	--include '*.c' --include '*.h' --include '*.S' --exclude '*' \
	"$PS_TOP/" "$dir/" >&2
ps_ccache_env
ps_kmake "$arch" -C "$kbuild" M="$dir" "$@" modules >"$dir/build.log" 2>&1 ||
	{ grep -E 'error|warning' "$dir/build.log" | head -20 >&2
	  die "module build against $kbuild failed; log: $dir/build.log"; }
echo "$dir"
