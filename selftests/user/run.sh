#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh PROG...: run user-space test programs built by this directory's
# Makefile (O/SANITIZER/SUITE).  Prints each program's TAP, then one line
# "PASS user/SANITIZER/SUITE" or "FAIL user/SANITIZER/SUITE (why)" per
# program.  A program fails on a "not ok" line, a missing case, a
# sanitizer report or a non-zero exit.  Exit status 1 if any failed.

# ASan/UBSan abort on the first report; TSAN reports all and exits 66.
export ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:exitcode=23
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=exitcode=66:second_deadlock_stack=1

status=0
for prog in "$@"; do
	name=user/$(basename "$(dirname "$prog")")/$(basename "$prog")
	log=$(mktemp)
	timeout 120 "$prog" > "$log" 2>&1
	rc=$?
	cat "$log"
	planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log")
	ran=$(grep -cE '^(not )?ok ' "$log")
	why=
	if grep -qE 'ERROR: AddressSanitizer|runtime error:|WARNING: ThreadSanitizer|ERROR: LeakSanitizer' "$log"; then
		why="sanitizer report"
	elif grep -q '^not ok' "$log"; then
		why="$(grep -c '^not ok' "$log") case(s) failed"
	elif [ -z "$planned" ] || [ "$ran" != "$planned" ]; then
		why="$ran of ${planned:-?} cases ran"
	elif [ $rc != 0 ]; then
		why="exit status $rc"
	fi
	if [ -z "$why" ]; then
		echo "PASS $name"
	else
		echo "FAIL $name ($why)"
		status=1
	fi
	rm -f "$log"
done
exit $status
