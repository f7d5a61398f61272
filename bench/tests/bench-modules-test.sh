#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench-modules-test.sh: guest test of the bench modules' interfaces
# (bad input, double registration, unload with probes attached, every
# object back in its pool).  Run by the harness in a guest, with the
# modules and the trigger next to it:
#   m=$(scripts/bench-modules.sh KBUILD ARCH)
#   scripts/guest.sh -a ARCH -v debug -s 2 bench/tests/bench-modules-test.sh \
#       $m/bench/*.ko $m/objpool/probescale_objpool.ko \
#       $(scripts/bench-trigger.sh ARCH)
# (the objpool library module is optional: without it the objpool bench
# only has the kernel's pools).  make check runs it from
# selftests/check.plan.  Prints TAP, its plan at the end:
# "ok N - ..." / "not ok N - ..." lines, and exits 1 if any
# check failed.
cd "$(dirname "$0")" || exit 1
D=/sys/kernel/debug
n=0
failed=0
echo "TAP version 13"

ok()
{
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok()
{
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}

# expect_err ERRTEXT FILE CMD: writing CMD to FILE must fail with ERRTEXT
# (the strerror() text busybox prints).
expect_err()
{
	out=$( (echo "$3" > "$2") 2>&1 )
	if [ $? -ne 0 ] && echo "$out" | grep -q "$1"; then
		ok "'$3' > $(basename "$2"): $1"
	else
		not_ok "'$3' > $(basename "$2"): wanted '$1', got '${out:-success}'"
	fi
}

expect_ok()
{
	out=$( (echo "$2" > "$1") 2>&1 )
	if [ $? -eq 0 ]; then
		ok "'$2' > $(basename "$1")"
	else
		not_ok "'$2' > $(basename "$1"): $out"
	fi
}

check()
{
	if eval "$2"; then ok "$1"; else not_ok "$1"; fi
}

# field KEY: the number after " KEY=" in $line (a run's key=value line),
# empty when it has none
field()
{
	echo "$line" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"
}

# --- uprobe_counter -------------------------------------------------------
# Built for 6.1 kernels only (bench/Kbuild): without it, one skipped case.
if [ -f uprobe_counter.ko ]; then
	insmod uprobe_counter.ko || { echo "not ok 1 - insmod uprobe_counter"; exit 1; }
	C=$D/uprobe_counter/control
	exe=$PWD/trigger
	nop=$(./trigger -l | awk '$1 == "trig_nop" { print $2 }')
	size=$(wc -c < trigger)

	expect_err "No such file" $C "add /nonexistent 0"
	expect_err "Invalid argument" $C "add /probescale 0"
	expect_err "Invalid argument" $C "add $exe $size"
	expect_err "Invalid argument" $C "add $exe 0x7fffffffffffffff"
	expect_err "Invalid argument" $C "add $exe"
	expect_err "Invalid argument" $C "add $exe zz"
	expect_err "Invalid argument" $C "add $exe $nop retx"
	expect_err "Invalid argument" $C "add $exe $nop ret extra"
	expect_err "Invalid argument" $C "frob"
	expect_err "Invalid argument" $C "clear now"
	expect_err "No such file" $C "del $exe $nop"
	expect_ok $C "add $exe $nop"
	expect_err "File exists" $C "add $exe $nop"
	expect_ok $C "add $exe $nop ret"
	check "control lists both probes" \
		"[ \$(grep -c '^$exe $nop ' $C) = 2 ]"
	check "no hits yet" "[ \$(cat $D/uprobe_counter/hits) = 0 ]"

	# Each of 1000 calls hits the uprobe and the uretprobe on trig_nop.
	./trigger -N 1000 -p 1 usermode-count >/dev/null
	check "1000 calls, 2000 hits" "[ \$(cat $D/uprobe_counter/hits) = 2000 ]"
	expect_ok $C "reset"
	check "reset zeroes the hits" "[ \$(cat $D/uprobe_counter/hits) = 0 ]"
	expect_ok $C "del $exe $nop ret"
	expect_err "No such file" $C "del $exe $nop ret"
	expect_ok $C "del $exe $nop"
	check "del removes the probes" "[ ! -s $C ]"

	# The trigger registers (and removes) its own probes: its -N run fails
	# unless every call was counted and, in the multi modes, returned the
	# right value.
	for m in uprobe-nop uprobe-ret uretprobe-push uprobe-multi8 uretprobe-multi8; do
		check "trigger -N 500 -p 2 $m: hits == calls" \
			"./trigger -N 500 -p 2 $m >/dev/null"
	done
	check "trigger removed its probes" "[ ! -s $C ]"
	# The codewrite rows rewrite a function through /proc/self/mem before
	# each call: every call must return what was just written.
	for m in codewrite-alone codewrite-crowded; do
		check "trigger -N 2000 -p 2 $m: every call ran the new code" \
			"./trigger -N 2000 -p 2 $m >/dev/null"
	done

	# Unloading with probes attached unregisters them: the target still runs.
	expect_ok $C "add $exe $nop"
	expect_ok $C "add $exe $nop ret"
	check "rmmod with a probe attached" "rmmod uprobe_counter"
	check "the probed function still runs after rmmod" \
		"./trigger -N 1000 usermode-count >/dev/null"
	insmod uprobe_counter.ko
	check "a new load starts with no probes" "[ ! -s $C ]"
	expect_ok $C "add $exe $nop"
	expect_ok $C "clear"
	check "clear removes every probe" "[ ! -s $C ]"
	rmmod uprobe_counter
else
	ok "uprobe_counter # SKIP uprobe_counter.ko is not built for this kernel"
fi

# --- kretprobe_bench --------------------------------------------------------
insmod kretprobe_bench.ko
R=$D/kretprobe_bench/run
ncpus=$(grep -c ^processor /proc/cpuinfo)
expect_err "Invalid argument" $R "0 100"
expect_err "Invalid argument" $R "$((ncpus + 1)) 100"
expect_err "Invalid argument" $R "1 0"
expect_err "Invalid argument" $R "1 60001"
expect_err "Invalid argument" $R "1 100 probe"
expect_err "Invalid argument" $R "x"
expect_ok $R "$ncpus 200"
line=$(cat $R)
calls=$(field calls)
hits=$(field hits)
missed=$(field missed)
check "kretprobe: calls > 0 ($line)" "[ ${calls:-0} -gt 0 ]"
check "kretprobe: hits + missed == calls" \
	"[ \$((${hits:-0} + ${missed:-0})) = ${calls:-x} ]"
rmmod kretprobe_bench

# --- objpool_bench ------------------------------------------------------------
for m in *.ko; do
	case $m in
	*kunit*|uprobe_counter.ko|kretprobe_bench.ko|objpool_bench.ko) ;;
	*) insmod "$m" ;;
	esac
done
insmod objpool_bench.ko
R=$D/objpool_bench/run
pools=$(cat $D/objpool_bench/pools)
check "objpool_bench has pools ($pools)" "[ -n '$pools' ]"
expect_err "Invalid argument" $R "nosuch sync 1 100"
expect_err "Invalid argument" $R "${pools%% *} nosuch 1 100"
expect_err "Invalid argument" $R "${pools%% *} sync-hrtimerx 1 100"
expect_err "Invalid argument" $R "${pools%% *} sync 0 100"
expect_err "Invalid argument" $R "${pools%% *} sync $((ncpus + 1)) 100"
expect_err "Invalid argument" $R "${pools%% *} sync 1 0"
for pool in $pools; do
	for cs in sync async-hrtimer overrun; do
		expect_ok $R "$pool $cs $ncpus 200"
		line=$(cat $R)
		nr=$(field nr_objs)
		found=$(field found)
		ops=$(field ops)
		check "$pool $cs: pops succeeded ($ops)" "[ ${ops:-0} -gt 0 ]"
		check "$pool $cs: all $nr objects back ($found)" "[ '$found' = '$nr' ]"
	done
done
# empty: every object is held, so every pop misses, and all come back
expect_err "Invalid argument" $R "none empty 1 100"
for pool in $pools; do
	[ "$pool" != none ] || continue
	expect_ok $R "$pool empty $ncpus 200"
	line=$(cat $R)
	nr=$(field nr_objs)
	found=$(field found)
	ops=$(field ops)
	misses=$(field misses)
	nsm=$(field ns_per_miss)
	check "$pool empty: no pop succeeded ($ops)" "[ '$ops' = 0 ]"
	check "$pool empty: pops missed ($misses, $nsm ns each)" \
		"[ ${misses:-0} -gt 0 ] && [ ${nsm:-0} -gt 0 ]"
	check "$pool empty: all $nr objects back ($found)" "[ '$found' = '$nr' ]"
done
mem=$(cat $D/objpool_bench/mem)
check "mem reports upstream's formula ($mem)" "echo '$mem' | grep -q 'b_up_rings=[1-9]'"
rmmod objpool_bench

echo "1..$n"
echo "# $failed of $n failed"
[ $failed = 0 ]
