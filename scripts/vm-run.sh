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

# -m MAXCPUS: MAXCPUS possible CPUs, SMP of them online.  x86_64's q35
# takes -smp SMP,maxcpus=MAXCPUS (CPUs to hot-plug); arm64's virt machine
# ignores maxcpus (its guest saw 2 possible CPUs), so there QEMU creates
# all MAXCPUS vCPUs and the kernel brings up SMP of them (maxcpus=SMP); the
# others stay powered off.  guest-init.sh checks the count it was asked
# for (ps.possible=) and fails the run if the kernel has another.
cpus=$smp
if [ -n "$maxcpus" ]; then
	[[ "$maxcpus" =~ ^[1-9][0-9]*$ ]] && [ "$maxcpus" -ge "$smp" ] ||
		die "bad possible CPU count '$maxcpus' for $smp vCPUs"
	case "$arch" in
	x86_64) cpus="$smp,maxcpus=$maxcpus" ;;
	arm64) cpus=$maxcpus kargs="maxcpus=$smp $kargs" ;;
	esac
	kargs="ps.possible=$maxcpus $kargs"
fi
accel=${VM_ACCEL:-tcg}
[ "$accel" = tcg ] && accel="tcg,thread=${VM_TCG_THREADS:-multi}"
case "$arch" in
x86_64)
	qemu=qemu-system-x86_64
	kernel=$kbuild/arch/x86/boot/bzImage
	machine=(-machine q35 -cpu "${VM_CPU:-max}")
	console=ttyS0
	;;
arm64)
	qemu=qemu-system-aarch64
	kernel=$kbuild/arch/arm64/boot/Image
	machine=(-machine virt,gic-version=3 -cpu "${VM_CPU:-max}")
	console=ttyAMA0
	;;
esac
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
timeout -k 10 "$timeout" $qemu "${machine[@]}" -accel "$accel" \
	-smp "$cpus" -m "$mem" -nodefaults -display none -no-reboot \
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
