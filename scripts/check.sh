#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh ARCH...: the project's test command (make check).
#
# For each ARCH: build the test kernels of scripts/harness/kernels.py
# (the vanilla 6.1 kernel and the patched one, plain and debug); build our modules and test
# programs for each; boot a guest per run of selftests/check.plan; turn
# what the guests print into results (scripts/verdict.py, which uses the
# kernel's kunit.py).  Also: style gates, patches/ freshness, and tests of
# the harness itself (its guests, and the unit tests of scripts/harness).  Prints stage timings and ends with the line
# "N passed, N failed, N skipped"; exits non-zero on any failure.
#
# Time budget: with no ARCH (both architectures, which is what CI runs),
# arm64 is checked on its plain kernels only; its debug kernels (KASAN
# under TCG emulation of arm64 is the slowest guest there is) run with
# "make check ARCH=arm64".  Of the x86_64 debug kernels it boots the
# newest patched one (6.12's), which runs our modules' suites and the
# code of both series under KASAN; 6.1's run with "make check
# ARCH=x86_64" (scripts/harness/kernels.py, debug_alone_only).  The
# series are built patch by patch on the first ARCH given (x86_64 for
# CI); each ARCH checked alone builds them so too.  The final trees of
# every series build on every arch in any case: they are the test kernels.
#
# Debian's stock 6.1 and 6.12 kernels (x86_64) are fetched and unpacked,
# not built (scripts/stock-kernel.sh), and run the plan lines naming them.
#
# Guest runs go into a pool that runs them in the background, two
# one-thread guests (single-threaded TCG) side by side, while the next
# kernel is built (check-lib.sh).
#
# Result cache: a guest run or a patch-by-patch build whose inputs are
# unchanged since it passed is not run again (check-lib.sh, guest_run
# and check_bisect); FRESH=1 runs everything.  Entries unused for 30
# days are removed.
#
# KERNELS="NAME[/VARIANT] ..." (make check KERNELS=...): a developer's
# shortcut to the guest runs of those kernels of scripts/harness/kernels.py
# (every variant make check runs when no VARIANT is given), and nothing
# else: no style gates, no patches/ checks, no other kernel.  PS_ONLY=REGEX
# narrows it to the plan runs whose name matches.
set -u
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || set -- x86_64 arm64
for arch in "$@"; do ps_arch_check "$arch"; done
only_kernels=${KERNELS:-}
for k in $only_kernels; do
	ps_py kernel "${k%/*}" > /dev/null || exit 1
done

# wanted KERNEL VARIANT: make check runs KERNEL's VARIANT (KERNELS=).
wanted()
{
	local k
	[ -n "$only_kernels" ] || return 0
	for k in $only_kernels; do
		[ "$k" = "$1" ] || [ "$k" = "$1/$2" ] && return 0
	done
	return 1
}

out=$PS_OUT/check
results=$out/results.tsv
rm -rf "$out"
mkdir -p "$out/logs"
: > "$results"
start_all=$(date +%s)

# results_add: append the result lines on stdin to results.tsv.  Guest
# runs of the pool end side by side: the lock keeps their lines whole.
results_add()
{
	{
		flock 9
		cat >&9
	} 9>> "$results"
}

# record STATUS NAME [DETAIL]: one result line; failures are echoed.
record()
{
	printf '%s\t%s\n' "$1" "$2" | results_add
	[ "$1" = PASS ] || echo "  $1: $2${3:+ ($3)}" >&2
}

# stage LABEL CMD...: run a stage, print its time, return its status.
stage()
{
	local label=$1
	shift
	log "$label"
	ps_time "$label" "$@"
}

ps_time deps "$PS_TOP/scripts/deps.sh" || { echo "0 passed, 1 failed"; exit 1; }
ps_ccache_env
kunit_py=$("$PS_TOP/scripts/kernel-src.sh" 6.1)/tools/testing/kunit/kunit.py

. "$PS_TOP/scripts/check-lib.sh"
prune_results
pool_start

if [ -z "$only_kernels" ]; then
	stage "style gates" check_style
	stage "harness model: unit tests" check_model
	stage "user space: objpool and XOL cache under sanitizers" check_user
	series=$(ps_series)
	[ -z "$series" ] || stage "patches/ up to date" check_patches_fresh $series
	[ -z "$series" ] || stage "patches/ through checkpatch" check_patches_style $series
	for k in $(ps_py patched-kernels); do
		stage "patches/ documentation builds ($k)" check_htmldocs "$k"
	done
else
	series=
fi

for arch in "$@"; do
	stage "$arch: test programs" build_progs "$arch" ||
		{ record FAIL "$arch/programs" "build failed"; continue; }
	# The kernels of ARCH (scripts/harness/kernels.py): the stock ones
	# first, their guests run while the others build.
	mapfile -t kernels < <(ps_py check-kernels "$arch" $#)
	for k in "${kernels[@]}"; do
		read -r kernel variant kind <<< "$k"
		[ "$kind" = stock ] && wanted "$kernel" "$variant" &&
			check_kernel "$arch" "$kernel" "$variant" -
	done
	# Patch by patch on the first arch only when several are checked
	# (CI): see the time budget above.
	bisect=$series
	[ $# -eq 1 ] || [ "$arch" = "$1" ] || bisect=
	for s in $bisect; do
		stage "$arch: $(basename "$s") builds patch by patch" \
			check_bisect "$s" "$arch"
	done
	declare -A trees=()
	for k in "${kernels[@]}"; do
		read -r kernel variant kind <<< "$k"
		[ "$kind" = built ] && wanted "$kernel" "$variant" || continue
		if [ -z "${trees[$kernel]:-}" ]; then
			eval "$(ps_py kernel --prefix k_ "$kernel")"
			trees[$kernel]=$("$PS_TOP/scripts/kernel-src.sh" "$k_version" "${k_series[@]}") ||
				{ record FAIL "$arch/$kernel/apply" "git am failed"; continue; }
		fi
		check_kernel "$arch" "$kernel" "$variant" "${trees[$kernel]}"
	done
done
# The guest runs check_kernel queued (check-lib.sh, the guest pool).
pool_drain

elapsed=$(($(date +%s) - start_all))
pass=$(grep -c '^PASS' "$results")
fail=$(grep -c '^FAIL' "$results")
skip=$(grep -c '^SKIP' "$results")
echo "timing: make check: $elapsed s" >&2
[ -s "$out/cached" ] &&
	echo "result cache: $(wc -l < "$out/cached") runs reused, their inputs unchanged since they passed (list: $out/cached; FRESH=1 runs everything)"
echo "results: $results; guest logs: $out/logs"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
