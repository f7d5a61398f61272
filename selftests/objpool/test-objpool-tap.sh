#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest script: run the kernel's own objpool test module (6.12's
# lib/test_objpool.ko, CONFIG_TEST_OBJPOOL) and print its verdict as TAP.
# Usage: test-objpool-tap.sh [MODULE] (default: test_objpool.ko next to
# this script), e.g.
#
#   scripts/guest.sh -k "$(scripts/kernel-build.sh TREE x86_64 plain)" \
#       selftests/objpool/test-objpool-tap.sh \
#       "$(scripts/kernel-build.sh TREE x86_64 plain)/lib/test_objpool.ko"
#
# The module runs its ten cases (sync, sync with an hrtimer, sync
# overrun, async, async with an hrtimer; each with small and large
# objects) in its init function and then refuses to load (-EAGAIN).
# It judges nothing itself, so the verdict is made here, from its log:
#  - the insmod fails, and only because of that -EAGAIN;
#  - each case's summary line is there, with hits > 0;
#  - each case's memory summary shows every kmalloc and vmalloc of the
#    test freed: the async cases free their context in the pool's release
#    callback, which runs only when the last object out is dropped, so a
#    pool whose references do not add up leaves bytes here.
# busybox's insmod falls back from finit_module() to init_module() when
# the first fails, for any reason: the cases run twice, and each run's
# summaries are checked.
# Warnings and other kernel reports are caught by the harness's log check.
mod=${1:-$(cd "$(dirname "$0")" && pwd)/test_objpool.ko}
cases=10
[ -f "$mod" ] || { echo "Bail out! $mod missing"; exit 1; }

dmesg -c >/dev/null
insmod "$mod" 2>/tmp/to.err
irc=$?
dmesg > /tmp/to.log
echo "TAP version 13"
echo "1..3"
rc=0

if [ $irc != 0 ] && grep -q 'Resource temporarily unavailable' /tmp/to.err; then
	echo "ok 1 - insmod ran the cases and refused the module with -EAGAIN"
else
	echo "not ok 1 - insmod: exit $irc, $(cat /tmp/to.err) (want -EAGAIN)"
	rc=1
fi

# "duration: Nus <tab>hits: N <tab>miss: N <tab>NAME"
sed -n 's/.*duration: [0-9]*us[[:space:]]*hits:[[:space:]]*\([0-9]*\)[[:space:]]*miss:[[:space:]]*\([0-9]*\)[[:space:]]*\(.*\)$/\1 \2 \3/p' \
	/tmp/to.log > /tmp/to.sum
runs=$(grep -c 'Summary of testcases:' /tmp/to.log)
n=$(wc -l < /tmp/to.sum)
zero=$(awk '$1 == 0' /tmp/to.sum | wc -l)
if [ "$runs" -ge 1 ] && [ "$n" = $((runs * cases)) ] && [ "$zero" = 0 ]; then
	echo "ok 2 - $cases cases in each of $runs runs, each with hits"
else
	echo "not ok 2 - $n case summaries in $runs runs (want $cases each), $zero without hits"
	rc=1
fi
sed 's/^/# /' /tmp/to.sum

# "  kmalloc: ALLOC - FREE = LEFT", one kmalloc and one vmalloc per case
grep -E '(kmalloc|vmalloc): [0-9]+ - [0-9]+ = [0-9]+' /tmp/to.log |
	sed 's/.*\(.malloc: \)/\1/' > /tmp/to.mem
m=$(wc -l < /tmp/to.mem)
left=$(grep -vc '= 0$' /tmp/to.mem)
if [ "$runs" -ge 1 ] && [ "$m" = $((2 * runs * cases)) ] && [ "$left" = 0 ]; then
	echo "ok 3 - every allocation of the $cases cases freed"
else
	echo "not ok 3 - $m memory summaries (want $((2 * runs * cases))), $left with bytes left"
	grep -v '= 0$' /tmp/to.mem | sed 's/^/# /'
	rc=1
fi
exit $rc
