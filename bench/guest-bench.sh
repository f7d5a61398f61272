#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest-bench.sh: the benches, run inside a probescale guest (busybox sh)
# by scripts/bench.sh through scripts/guest.sh.  Settings come from
# bench.conf next to it:
#   BENCHES    which of: uprobe kretprobe objpool objpool-mem
#   WARMUP     warm-up seconds before the samples of a row
#   DURATION   seconds per sample
#   SAMPLES    samples per row
#   UPROBE_MODES, KRET_MODES  optional: restrict the uprobe rows
# Every result is one "PSB BENCH key=value..." line on stdout (the
# console), ending in result=ok or result=bad:WHY; a bench that cannot run
# prints "PSB skip bench=BENCH why=..." instead.  Exit status: 0 when
# every row ran and checked out, 1 otherwise.
set -u
cd "$(dirname "$0")"
. ./bench.conf

ncpus=$(grep -c ^processor /proc/cpuinfo)
rc=0
T=/sys/kernel/tracing
D=/sys/kernel/debug

fail()
{
	echo "PSB error $*"
	rc=1
}

seq_cpus()
{
	i=1
	while [ "$i" -le "$ncpus" ]; do
		echo "$i"
		i=$((i + 1))
	done
}

# Samples "a b c ..." -> "mean sd" (sample standard deviation).  Busybox
# awk may lack math support: no ^ and no sqrt(), hence Newton's method.
stats()
{
	echo "$*" | awk '{
		for (i = 1; i <= NF; i++) s += $i
		m = s / NF
		for (i = 1; i <= NF; i++) v += ($i - m) * ($i - m)
		v = (NF > 1 ? v / (NF - 1) : 0)
		r = (v > 1 ? v : 1)
		for (i = 0; i < 100; i++) r = (r + v / r) / 2
		printf "%.1f %.1f\n", m, (v > 0 ? r : 0) }'
}

bench_uprobe()
{
	modes=${UPROBE_MODES:-"usermode-count syscall-count uprobe-nop uprobe-push uprobe-ret uretprobe-nop uretprobe-push uretprobe-ret uprobe-multi8 uretprobe-multi8 uprobe-multi64"}
	insmod uprobe_counter.ko || { fail "insmod uprobe_counter.ko"; return; }
	# Slot writes: a kprobe event on the function that writes an XOL
	# slot, counted in kprobe_profile; tracing_on=0 keeps the ring
	# buffer out of it.  Enabled by the trigger for one extra sample.
	kopt=
	echo 0 > $T/tracing_on
	if echo 'p:psbench/copy_ixol arch_uprobe_copy_ixol' >> $T/kprobe_events; then
		kopt="-k $T/events/psbench/copy_ixol"
	else
		echo "PSB note bench=uprobe why=no-kprobe-on-arch_uprobe_copy_ixol"
	fi
	for p in $(seq_cpus); do
		for m in $modes; do
			./trigger -p "$p" -w "$WARMUP" -d "$DURATION" \
				-n "$SAMPLES" $kopt "$m" || rc=1
		done
	done
	[ -z "$kopt" ] || echo '-:psbench/copy_ixol' >> $T/kprobe_events
	rmmod uprobe_counter || fail "rmmod uprobe_counter"
}

bench_kretprobe()
{
	insmod kretprobe_bench.ko || { fail "insmod kretprobe_bench.ko"; return; }
	ms=$(awk "BEGIN { printf \"%d\", $DURATION * 1000 }")
	wms=$(awk "BEGIN { printf \"%d\", $WARMUP * 1000 }")
	for p in $(seq_cpus); do
		echo "$p $wms" > $D/kretprobe_bench/run ||
			{ fail "kretprobe warm-up p=$p"; continue; }
		samples= calls=0 hits=0 missed=0 bad=
		i=0
		while [ $i -lt "$SAMPLES" ]; do
			if ! echo "$p $ms" > $D/kretprobe_bench/run; then
				bad="bad:run-failed"
				break
			fi
			line=$(cat $D/kretprobe_bench/run)
			for kv in $line; do
				case $kv in
				rate=*) samples="$samples ${kv#rate=}" ;;
				calls=*) c=${kv#calls=} ;;
				hits=*) h=${kv#hits=} ;;
				missed=*) x=${kv#missed=} ;;
				esac
			done
			[ $((h + x)) = "$c" ] || bad="bad:hits-$h-missed-$x-calls-$c"
			calls=$((calls + c)) hits=$((hits + h)) missed=$((missed + x))
			i=$((i + 1))
		done
		set -- $(stats $samples)
		printf 'kretprobe       (%2d cpus): %8.3f ± %5.3fM/s  (%7.3fM/s/cpu)\n' \
			"$p" "$(awk "BEGIN { print $1 / 1e6 }")" \
			"$(awk "BEGIN { print $2 / 1e6 }")" \
			"$(awk "BEGIN { print $1 / 1e6 / $p }")"
		echo "PSB kretprobe mode=kretprobe p=$p mean=$1 sd=$2 calls=$calls hits=$hits missed=$missed samples=$(echo $samples | tr ' ' :) result=${bad:-ok}"
		[ -z "$bad" ] || rc=1
	done
	rmmod kretprobe_bench || fail "rmmod kretprobe_bench"
}

echo "PSB begin cpus=$ncpus benches=$(echo $BENCHES | tr ' ' ,) kernel=$(uname -r)"
for b in $BENCHES; do
	case $b in
	uprobe) bench_uprobe ;;
	kretprobe) bench_kretprobe ;;
	*) fail "unknown bench $b" ;;
	esac
done
echo "PSB end rc=$rc"
exit $rc
