#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh ARCH...: build (or find cached) every test kernel make check
# builds for ARCH (scripts/harness/kernels.py: vanilla and, when patches/
# holds its series, patched; plain and debug).  Prints the build
# directories.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || set -- x86_64 arm64
"$PS_TOP/scripts/deps.sh"
for arch in "$@"; do
	# the kernels make check builds for ARCH (scripts/harness/kernels.py)
	mapfile -t kernels < <(ps_py built-kernels "$arch")
	for k in "${kernels[@]}"; do
		read -r kernel variant <<< "$k"
		eval "$(ps_py kernel --prefix k_ "$kernel")"
		tree=$("$PS_TOP/scripts/kernel-src.sh" "$k_version" "${k_series[@]}")
		ps_time "kernel $arch/$variant $(basename "$tree")" \
			"$PS_TOP/scripts/kernel-build.sh" "$tree" "$arch" "$variant"
	done
done
