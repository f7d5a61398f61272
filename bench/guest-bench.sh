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
#   UPROBE_MODES  the uprobe rows, in order (scripts/bench.sh lists them)
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
		for m in $UPROBE_MODES; do
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

# Load the library modules the bench modules depend on (our objpool).
load_deps()
{
	for m in *.ko; do
		case $m in
		*kunit*|uprobe_counter.ko|kretprobe_bench.ko|objpool_bench.ko) ;;
		*)
			grep -q "^${m%.ko} " /proc/modules && continue
			insmod "$m" || { fail "insmod $m"; return 1; }
			;;
		esac
	done
}

bench_objpool()
{
	load_deps || return
	insmod objpool_bench.ko || { fail "insmod objpool_bench.ko"; return; }
	run=$D/objpool_bench/run
	pools=$(cat $D/objpool_bench/pools)
	echo "PSB note bench=objpool pools=$(echo $pools | tr ' ' ,)"
	ms=$(awk "BEGIN { printf \"%d\", $DURATION * 1000 }")
	wms=$(awk "BEGIN { printf \"%d\", $WARMUP * 1000 }")
	for p in $(seq_cpus); do
		for cs in sync sync-hrtimer async async-hrtimer overrun overrun-hrtimer; do
			for pool in $pools; do
				# "none" never runs out: no overrun case
				case $pool/$cs in none/overrun*) continue ;; esac
				objpool_row "$pool" "$cs" "$p"
			done
		done
	done
	rmmod objpool_bench || fail "rmmod objpool_bench"
}

# objpool_row POOL CASE P: warm-up, SAMPLES runs, one result row.
objpool_row()
{
	samples= misses= nsop= bad= timer=0
	if ! echo "$1 $2 $3 $wms" > "$run"; then
		fail "objpool warm-up $1 $2 p=$3"
		return
	fi
	i=0
	while [ $i -lt "$SAMPLES" ]; do
		if ! echo "$1 $2 $3 $ms" > "$run"; then
			bad="bad:run-failed"
			break
		fi
		for kv in $(cat "$run"); do
			case $kv in
			rate=*) samples="$samples ${kv#rate=}" ;;
			misses_per_s=*) misses="$misses ${kv#misses_per_s=}" ;;
			ns_per_op=*) nsop="$nsop ${kv#ns_per_op=}" ;;
			timer_ops=*) timer=$((timer + ${kv#timer_ops=})) ;;
			nr_objs=*) n=${kv#nr_objs=} ;;
			found=*) f=${kv#found=} ;;
			esac
		done
		# Every object must be back in the pool after a run.
		[ "$f" = "$n" ] || bad="bad:found-$f-of-$n-objects"
		i=$((i + 1))
	done
	if [ -z "$samples" ]; then
		echo "PSB objpool mode=$1/$2 p=$3 result=${bad:-bad:no-samples}"
		rc=1
		return
	fi
	set -- "$1" "$2" "$3" $(stats $samples)
	mm=$(stats $misses)
	ns=$(stats $nsop)
	printf '%-8s %-15s (%2d cpus): %8.3f ± %5.3fM/s  %6.0f ns/op  %.0f misses/s\n' \
		"$1" "$2" "$3" "$(awk "BEGIN { print $4 / 1e6 }")" \
		"$(awk "BEGIN { print $5 / 1e6 }")" "${ns% *}" "${mm% *}"
	echo "PSB objpool mode=$1/$2 p=$3 mean=$4 sd=$5 ns_per_op=${ns% *} misses_per_s=${mm% *} timer_ops=$timer nr_objs=$n samples=$(echo $samples | tr ' ' :) result=${bad:-ok}"
	[ -z "$bad" ] || rc=1
}

# empty_pop_ns POOL: the fewest ns per pop of SAMPLES runs on 1 CPU of a
# pool whose objects are all held (the "empty" case; other work only adds
# time), after a warm-up; empty when a run fails or no pop missed.
empty_pop_ns()
{
	run=$D/objpool_bench/run
	echo "$1 empty 1 $wms" > "$run" || return
	best= i=0
	while [ $i -lt "$SAMPLES" ]; do
		echo "$1 empty 1 $ms" > "$run" || return
		ns= f= n=
		for kv in $(cat "$run"); do
			case $kv in
			ns_per_miss=*) ns=${kv#ns_per_miss=} ;;
			nr_objs=*) n=${kv#nr_objs=} ;;
			found=*) f=${kv#found=} ;;
			esac
		done
		# every object back afterwards, and every pop a miss
		[ "$f" = "$n" ] && [ "${ns:-0}" -gt 0 ] || return
		[ -n "$best" ] && [ "$best" -le "$ns" ] || best=$ns
		i=$((i + 1))
	done
	echo "$best"
}

bench_objpool_mem()
{
	load_deps || return
	insmod objpool_bench.ko || { fail "insmod objpool_bench.ko"; return; }
	line=$(cat $D/objpool_bench/mem) || { fail "objpool_bench/mem"; return; }
	possible=${line#possible=}
	possible=${possible%% *}
	echo "objpool memory: $line"
	# what a pop on an empty pool costs, at this many possible CPUs
	ms=$(awk "BEGIN { printf \"%d\", $DURATION * 1000 }")
	wms=$(awk "BEGIN { printf \"%d\", $WARMUP * 1000 }")
	bad=
	for pool in $(cat $D/objpool_bench/pools); do
		[ "$pool" != none ] || continue
		ns=$(empty_pop_ns "$pool")
		[ -n "$ns" ] || { bad=bad:empty-$pool; continue; }
		echo "objpool empty pop: $pool $ns ns"
		line="$line empty_${pool}_ns=$ns"
	done
	echo "PSB objpool-mem mode=mem p=$possible $line result=${bad:-ok}"
	[ -z "$bad" ] || rc=1
	rmmod objpool_bench || fail "rmmod objpool_bench"
}

echo "PSB begin cpus=$ncpus benches=$(echo $BENCHES | tr ' ' ,) kernel=$(uname -r)"
for b in $BENCHES; do
	case $b in
	uprobe) bench_uprobe ;;
	kretprobe) bench_kretprobe ;;
	objpool) bench_objpool ;;
	objpool-mem) bench_objpool_mem ;;
	*) fail "unknown bench $b" ;;
	esac
done
echo "PSB end rc=$rc"
exit $rc
