#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh [-a ARCH] [-v VARIANT] [-k KBUILD] [-s SMP] [-m MAXCPUS]
#          [-t TIMEOUT] [-l LOG] [-A KERNEL-ARGS] SCRIPT [FILE...]
#
# Run SCRIPT in a fresh guest: the FILEs (modules, static programs, data)
# are copied to /probescale next to it, SCRIPT runs there as run.sh, and
# the exit status is SCRIPT's.  The console log is checked for kernel
# reports (log-check.sh); a report fails the run even if SCRIPT passed.
# Defaults: ARCH=x86_64, VARIANT=plain, the vanilla 6.1 kernel, 2 vCPUs.
set -eu
. "$(dirname "$0")/lib.sh"

arch=x86_64 variant=plain kbuild= smp=2 maxcpus= timeout=600 logf= kargs=
while getopts a:v:k:s:m:t:l:A: opt; do
	case $opt in
	a) arch=$OPTARG ;;
	v) variant=$OPTARG ;;
	k) kbuild=$OPTARG ;;
	s) smp=$OPTARG ;;
	m) maxcpus=$OPTARG ;;
	t) timeout=$OPTARG ;;
	l) logf=$OPTARG ;;
	A) kargs=$OPTARG ;;
	*) die "guest.sh: bad option (see the header of $0)" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || die "usage: guest.sh [options] SCRIPT [FILE...]"
script=$1
shift
[ -f "$script" ] || die "guest script '$script' not found"
ps_arch_check "$arch"

if [ -z "$kbuild" ]; then
	kbuild=$PS_CACHE/src/linux-6.1/build-$arch-$variant
	[ -f "$kbuild/.probescale-complete" ] ||
		die "no $arch/$variant test kernel at $kbuild: run 'make kernels ARCH=$arch' first"
fi
[ "$variant" = debug ] && kargs="ps.kmemleak=1 $kargs"
# Under TCG on a slow or busy host a debug kernel runs 20 to 100 times
# slower than on hardware: its boot alone can keep a CPU busy for longer
# than the default 21 s RCU stall timeout (seen in ACPI's device scan).
# 120 s still reports a CPU that never gets out, well within every
# guest's timeout.
kargs="rcupdate.rcu_cpu_stall_timeout=120 $kargs"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/stage"
cp "$script" "$work/stage/run.sh"
for f in "$@"; do
	[ -e "$f" ] || die "guest file '$f' not found"
	cp -r "$f" "$work/stage/"
done
"$PS_TOP/scripts/initramfs.sh" "$arch" "$kbuild" "$work/stage" "$work/initrd.gz"

[ -n "$logf" ] || logf=$PS_OUT/logs/guest-$arch-$variant-$(basename "$script" .sh).log
set +e
"$PS_TOP/scripts/vm-run.sh" -a "$arch" -k "$kbuild" -i "$work/initrd.gz" \
	-l "$logf" -s "$smp" ${maxcpus:+-m "$maxcpus"} -t "$timeout" \
	-A "$kargs"
rc=$?
set -e
"$PS_TOP/scripts/log-check.sh" "$logf" || rc=1
exit $rc
