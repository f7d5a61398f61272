#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest script: run the kretprobe_stress KUnit suite and print its KTAP.
# Exit status 0 only if the suite passed.
#
#   scripts/guest.sh [-a ARCH] [-v VARIANT] [-s SMP] \
#       selftests/kretprobe/kretprobe-stress.sh \
#       selftests/kretprobe/kretprobe_stress.ko
results=/sys/kernel/debug/kunit/kretprobe_stress/results

insmod ./kretprobe_stress.ko || { echo "insmod kretprobe_stress.ko failed"; exit 1; }
[ -r $results ] || { echo "no KUnit results at $results"; exit 1; }
cat $results > /tmp/krs.ktap
cat /tmp/krs.ktap
rmmod kretprobe_stress || exit 1
# The suite's own verdict is its top-level result line.
grep -q '^ok [0-9]* kretprobe_stress$' /tmp/krs.ktap
