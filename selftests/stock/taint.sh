#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# taint.sh ALLOWED: guest test that the kernel carries no taint flag but
# the letters in ALLOWED (as "Tainted:" prints them; Debian's stock
# kernels: O, out-of-tree module, and E, unsigned module).  One TAP case;
# make check runs it last, so that it sees what every test before did.
allowed=${1:-}
# the letters of bits 0..18 of /proc/sys/kernel/tainted (kernel/panic.c)
letters="P F S R M B U D A W C I O E L K X T N"
t=$(cat /proc/sys/kernel/tainted)
got=
bad=
bit=0
for l in $letters; do
	if [ $(((t >> bit) & 1)) = 1 ]; then
		got=$got$l
		case $allowed in
		*$l*) ;;
		*) bad=$bad$l ;;
		esac
	fi
	bit=$((bit + 1))
done
[ $((t >> bit)) = 0 ] || bad="$bad(bits above $((bit - 1)))"
echo "TAP version 13"
echo "1..1"
if [ -z "$bad" ]; then
	echo "ok 1 - taint '$got' ($t) within '$allowed'"
else
	echo "not ok 1 - taint '$got' ($t): '$bad' not in '$allowed'"
	exit 1
fi
