#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# load-unload.sh MODULE...: guest test that every module given (by name,
# MODULE.ko next to this script, libraries before their users) loads,
# shows in /proc/modules, and unloads again, in reverse order.  Prints
# TAP.  make check runs it on Debian's stock kernels
# (selftests/check.plan), where a module that does not load is what a
# user would meet first.
cd "$(dirname "$0")" || exit 1
n=0
failed=0
echo "TAP version 13"
echo "1..$(($# * 2))"

result()
{
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}

loaded()
{
	grep -q "^$1 " /proc/modules
}

for m in "$@"; do
	insmod "./$m.ko" && loaded "$m"
	result $? "insmod $m.ko"
done
unload=
for m in "$@"; do
	unload="$m $unload"
done
for m in $unload; do
	rmmod "$m" && ! loaded "$m"
	result $? "rmmod $m"
done
[ $failed = 0 ]
