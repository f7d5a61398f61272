#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of every probescale guest.  Mounts the pseudo file systems, runs
# /probescale/run.sh and reports its exit status on the console in a line
# the host looks for, then powers the machine off.  Kernel parameters:
#   ps.kmemleak=1   scan for leaks after the script and print the report
#   ps.possible=N   the run asked for N possible CPUs: fail without
#                   running the script if the kernel has another count
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
exec </dev/console >/dev/console 2>&1

kmemleak=0 possible=
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	ps.kmemleak=1) kmemleak=1 ;;
	ps.possible=*) possible=${arg#ps.possible=} ;;
	esac
done

leaks=/sys/kernel/debug/kmemleak
if [ $kmemleak = 1 ] && [ -w $leaks ]; then
	# Forget what boot leaked; only the tests' leaks count.
	echo scan > $leaks
	echo clear > $leaks
fi

# "0-63", or "0" for one CPU
range=$(cat /sys/devices/system/cpu/possible)
has=$((${range#*-} + 1))
echo "probescale: guest up, $(grep -c ^processor /proc/cpuinfo) cpus online, $has possible"
if [ -n "$possible" ] && [ "$has" != "$possible" ]; then
	echo "probescale: asked for $possible possible CPUs, the kernel has $has ($range): not running the tests"
	rc=1
else
	cd /probescale && sh ./run.sh
	rc=$?
fi

if [ $kmemleak = 1 ] && [ -w $leaks ]; then
	# Objects freed by RCU or still in per-CPU caches need a grace
	# period and a second scan before they count as leaked.
	sleep 2
	echo scan > $leaks
	sleep 1
	echo scan > $leaks
	cat $leaks
fi
echo "probescale: exit status $rc"
poweroff -f
