#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-run.sh -a ARCH -k KBUILD -i INITRAMFS -l LOG [-s SMP] [-m MAXCPUS]
#           [-t TIMEOUT] [-M MEM] [-A KERNEL-ARGS]
#
# Boot the test kernel in KBUILD with INITRAMFS under QEMU (TCG unless
# VM_ACCEL=kvm; VM_TCG_THREADS=single for one host thread for all
# vCPUs), stream the console to LOG (and to stdout when
# VM_VERBOSE=1), and exit with the status of the guest's run.sh.
# VM_MONITOR=PATH opens QEMU's human monitor on the unix socket PATH (for
# "info jit" and "info sync-profile" while the guest runs).
# VM_CPU=MODEL[,FEATURES] replaces QEMU's -cpu max (e.g. max,erms=off).
# VM_ICOUNT=SHIFT: QEMU's -icount shift=SHIFT,sleep=off (one host thread):
# the guest's clock counts the instructions the guest executes, 2^SHIFT
# ns each, and jumps over the time all vCPUs sleep, so that a time the
# guest measures does not depend on the host.
# A guest that has not powered off after TIMEOUT seconds is killed: exit
# 124.  A guest that dies without reporting a status: exit 125.  The log is
# not judged here: log-check.sh does that.
set -eu
. "$(dirname "$0")/lib.sh"

arch=x86_64 smp=2 maxcpus= timeout=600 mem=2048 kargs= kbuild= initrd= logf=
while getopts a:k:i:l:s:m:t:M:A: opt; do
	case $opt in
	a) arch=$OPTARG ;;
	k) kbuild=$OPTARG ;;
	i) initrd=$OPTARG ;;
	l) logf=$OPTARG ;;
	s) smp=$OPTARG ;;
	m) maxcpus=$OPTARG ;;
	t) timeout=$OPTARG ;;
	M) mem=$OPTARG ;;
	A) kargs=$OPTARG ;;
	*) die "vm-run.sh: bad option (see the header of $0)" ;;
	esac
done
ps_arch_check "$arch"
[ -n "$kbuild" ] && [ -n "$initrd" ] && [ -n "$logf" ] ||
	die "vm-run.sh needs -k KBUILD -i INITRAMFS -l LOG"
[ -f "$initrd" ] || die "initramfs '$initrd' missing"
[[ "$smp" =~ ^[1-9][0-9]*$ ]] || die "bad vCPU count '$smp'"

# -m MAXCPUS: MAXCPUS possible CPUs, SMP of them online, the way the
# architecture's table entry says (scripts/harness/arches.py: x86_64's
# q35 takes -smp SMP,maxcpus=MAXCPUS; arm64's virt ignores maxcpus, so
# there QEMU creates all MAXCPUS vCPUs and the kernel brings up SMP of
# them).  guest-init.sh checks the count it was asked for (ps.possible=)
# and fails the run if the kernel has another.
if [ -n "$maxcpus" ]; then
	[[ "$maxcpus" =~ ^[1-9][0-9]*$ ]] ||
		die "bad possible CPU count '$maxcpus' for $smp vCPUs"
fi
params=$(ps_arches qemu "$arch" "$smp" "$maxcpus") || exit 1
eval "$params"
kargs="${cpu_kargs:+$cpu_kargs }$kargs"
accel=${VM_ACCEL:-tcg}
icount=()
if [ -n "${VM_ICOUNT:-}" ]; then
	[[ "$VM_ICOUNT" =~ ^[0-9]$ ]] && [ "$accel" = tcg ] ||
		die "VM_ICOUNT=$VM_ICOUNT: a shift of 0 to 9, under TCG only"
	icount=(-icount "shift=$VM_ICOUNT,sleep=off")
	VM_TCG_THREADS=single
fi
[ "$accel" = tcg ] && accel="tcg,thread=${VM_TCG_THREADS:-multi}"
kernel=$kbuild/$kernel_image
machine=(-machine "$machine" -cpu "${VM_CPU:-max}")
command -v $qemu >/dev/null ||
	die "$qemu not found: install qemu-system (run 'make deps' as root)"
[ -f "$kernel" ] || die "kernel image $kernel missing: build the kernel first"

monitor=(-monitor none)
[ -z "${VM_MONITOR:-}" ] || monitor=(-monitor "unix:$VM_MONITOR,server=on,wait=off")
mkdir -p "$(dirname "$logf")"
: > "$logf"
# Line-buffered, so the log is current while the guest runs.
# oops=panic + panic=-1 + -no-reboot: a crashed guest stops at once instead
# of hanging until the timeout.  The oops itself is in the log.
set +e
timeout -k 10 "$timeout" $qemu "${machine[@]}" -accel "$accel" "${icount[@]}" \
	-smp "$smp" -m "$mem" -nodefaults -display none -no-reboot \
	-serial stdio "${monitor[@]}" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=$console oops=panic panic=-1 panic_on_warn=0 loglevel=7 $kargs" \
	</dev/null 2>&1 | stdbuf -oL tr -d '\r' |
	if [ "${VM_VERBOSE:-0}" = 1 ]; then tee -a "$logf"; else cat >> "$logf"; fi
qrc=${PIPESTATUS[0]}
set -e

if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	echo "probescale: guest did not power off within $timeout s (hung?); killed. Log: $logf" >&2
	exit 124
fi
status=$(sed -n 's/^probescale: exit status \([0-9]*\)$/\1/p' "$logf" | tail -1)
if [ -z "$status" ]; then
	echo "probescale: guest stopped without reporting a status (panic or crash; qemu exit $qrc). Log: $logf" >&2
	exit 125
fi
exit "$status"
