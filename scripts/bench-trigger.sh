#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-trigger.sh ARCH: build the static uprobe trigger (bench/trigger/)
# for ARCH guests if its sources changed, and print its path.  Used by
# bench.sh and by the tests that load uprobe_counter.ko.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: bench-trigger.sh ARCH"
arch=$1
ps_arch_check "$arch"
cross=$(ps_cross_compile "$arch")
command -v "${cross}gcc" >/dev/null ||
	die "${cross}gcc not found: run 'make deps' as root to install the toolchains"

src=$PS_TOP/bench/trigger
out=$PS_CACHE/bench/$arch/trigger
mkdir -p "$(dirname "$out")"
if [ ! -x "$out" ] || [ -n "$(find "$src" -newer "$out" -type f)" ]; then
	"${cross}gcc" -static -O2 -pthread -Wall -Wextra -o "$out.tmp" \
		"$src/trigger.c" "$src/targets-$arch.S" -lm ||
		die "the uprobe trigger does not build for $arch"
	mv "$out.tmp" "$out"
fi
echo "$out"
