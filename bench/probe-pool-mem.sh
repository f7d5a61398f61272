#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest script: the memory the kernel's own objpool users take, measured
# from the outside: /proc/meminfo before and after adding N kretprobe
# events (kprobe_events "r:", default maxactive: max(10, 2 x possible
# CPUs) instances each) and then N fprobe exit events (dynamic_events
# "f:...%return", 2 x possible CPUs rethook nodes each), on one function.
# Usage: probe-pool-mem.sh [N] (default 10), e.g. to compare vanilla and
# patched 6.12 at 64 possible CPUs:
#
#   scripts/guest.sh -a arm64 -k KBUILD -s 2 -m 64 bench/probe-pool-mem.sh
#
# (On x86_64, our 6.12 test kernels saw 2 possible CPUs with -m 64 and
# with possible_cpus=256: 6.12's possible_cpus= only lowers the count.)
# MemFree moves by hundreds of KB between snapshots at 2 possible CPUs,
# more than the pools there: read VmallocUsed and Slab first.
#
# Prints one line per kind: "kind=kretprobe n=N possible=P slab_kb=S
# vmalloc_kb=V free_kb=F per_probe_kb=F/N" where S, V and F are the
# growth of Slab, VmallocUsed and the drop of MemFree.  Everything but
# the instance pool is the same on both kernels, so the difference of
# per_probe_kb between them is the pool's.  Exit status 1 when an event
# cannot be added or removed.
n=${1:-10}
fn=vfs_read
t=/sys/kernel/tracing
possible=$(cat /sys/devices/system/cpu/possible)

meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
settle() { sync; echo 3 > /proc/sys/vm/drop_caches; sleep 1; }
snap()
{
	settle
	slab=$(meminfo Slab) vm=$(meminfo VmallocUsed) free=$(meminfo MemFree)
}

# measure KIND FILE PREFIX DEF: add N events "PREFIXi DEF" to FILE
measure()
{
	kind=$1 file=$2 prefix=$3 def=$4
	snap
	s0=$slab v0=$vm f0=$free
	i=0
	while [ $i -lt "$n" ]; do
		echo "$prefix$i $def" >> "$file" ||
			{ echo "cannot add '$prefix$i $def' to $file"; exit 1; }
		i=$((i + 1))
	done
	snap
	echo "kind=$kind n=$n possible=$possible slab_kb=$((slab - s0))" \
	     "vmalloc_kb=$((vm - v0)) free_kb=$((f0 - free))" \
	     "per_probe_kb=$(((f0 - free) / n))"
	echo > "$file" || { echo "cannot remove the $kind events"; exit 1; }
	settle
}

[ -w $t/kprobe_events ] || { echo "no $t/kprobe_events"; exit 1; }
measure kretprobe $t/kprobe_events r:psmem_r "$fn"
if grep -qF 'f[:' $t/README 2>/dev/null; then
	measure fprobe-exit $t/dynamic_events f:psmem_f "$fn%return"
else
	echo "kind=fprobe-exit: this kernel has no fprobe events"
fi
