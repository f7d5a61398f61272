#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh ARCH...: build (or find cached) every 6.1 test kernel make
# check uses for ARCH: vanilla and, when patches/ holds series, patched;
# plain and debug.  Prints the build directories.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || set -- x86_64 arm64
"$PS_TOP/scripts/deps.sh"
series=$(ps_series)
trees=("$("$PS_TOP/scripts/kernel-src.sh" 6.1)")
# shellcheck disable=SC2086
[ -z "$series" ] || trees+=("$("$PS_TOP/scripts/kernel-src.sh" 6.1 $series)")
for arch in "$@"; do
	for tree in "${trees[@]}"; do
		for variant in plain debug; do
			ps_time "kernel $arch/$variant $(basename "$tree")" \
				"$PS_TOP/scripts/kernel-build.sh" "$tree" "$arch" "$variant"
		done
	done
done
