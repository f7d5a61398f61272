#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-trigger.sh ARCH: build the static uprobe trigger (bench/trigger/,
# by its progs.mk) for ARCH guests if its sources changed, and print its
# path.  Used by bench.sh and bench-qemu-jit.sh; make check builds it with
# the other test programs.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: bench-trigger.sh ARCH"
arch=$1
ps_arch_check "$arch"
cross=$(ps_cross_compile "$arch")
command -v "${cross}gcc" >/dev/null ||
	die "${cross}gcc not found: run 'make deps' as root to install the toolchains"

out=$PS_CACHE/bench/$arch
mkdir -p "$out"
make -s -C "$PS_TOP/bench/trigger" -f progs.mk CC="${cross}gcc" \
	ARCH="$arch" OUT="$out" >&2 ||
	die "the uprobe trigger does not build for $arch"
echo "$out/trigger"
