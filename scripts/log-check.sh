#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# log-check.sh LOG: fail (exit 1) if a guest console log holds a kernel
# splat, whatever the tests said: an oops, panic, BUG, WARN, KASAN, KCSAN,
# UBSAN, lockdep, debugobjects, slab-debug, RCU stall or kmemleak report.
# Prints the first offending line and where it is.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] && [ -f "$1" ] || die "usage: log-check.sh LOG"

patterns=(
	'BUG:'			# KASAN, KCSAN, sleeping in atomic, bad page...
	'kernel BUG at'
	'WARNING:'		# WARN*(), lockdep
	'Oops'
	'Kernel panic'
	'Unable to handle kernel'
	'general protection fault'
	'UBSAN:'
	'ODEBUG:'
	'DEBUG_LOCKS_WARN_ON'
	'unreferenced object'	# kmemleak
	'detected stalls'	# RCU
	'soft lockup'
	'hard LOCKUP'
	'blocked for more than'
	'refcount_t:'
	'list_add corruption'
	'list_del corruption'
	'^BUG '			# SLUB debug: "BUG kmalloc-64 (...): ..."
	'Call Trace:'		# any other stack dump
)
re=$(IFS='|'; echo "${patterns[*]}")
if hit=$(grep -n -m1 -E "$re" "$1"); then
	echo "probescale: kernel report in $1 line ${hit%%:*}: ${hit#*:}" >&2
	exit 1
fi
exit 0
