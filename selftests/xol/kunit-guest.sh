# SPDX-License-Identifier: GPL-2.0
#
# Guest script: run the KUnit suite "uprobes_xol_cache" of the XOL slot
# cache library (uprobes-xol/) and fail unless every case passed.  Needs
# xol_cache.ko and xol_cache_kunit.ko next to it (scripts/guest.sh FILEs).
results=/sys/kernel/debug/kunit/uprobes_xol_cache/results

insmod ./xol_cache.ko || exit 1
insmod ./xol_cache_kunit.ko || exit 1
[ -r $results ] || { echo "no KUnit results at $results"; exit 1; }
cat $results
rc=0
grep -q '^ok [0-9]* uprobes_xol_cache$' $results || rc=1
grep -q 'not ok' $results && rc=1
rmmod xol_cache_kunit || rc=1
rmmod xol_cache || rc=1
exit $rc
