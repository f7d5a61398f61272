#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest side of make check (copied into the guest as run.sh).  Runs
# the items of ./plan in order and prints each result between marker
# lines for the host (scripts/verdict.py):
#
#   probescale-begin KIND:NAME
#   ... KTAP / TAP ...
#   probescale-end KIND:NAME rc=N
#
# Plan items, one per line:
#   lib MODULE.ko [ARGS...]    insmod a library module (kept loaded)
#   kunit MODULE.ko [ARGS...]  insmod a KUnit module, print the KTAP of
#                              each suite it registered, rmmod it
#   tap NAME PROGRAM [ARGS...] run a program that prints (K)TAP
#   run PROGRAM [ARGS...]      a setup step; its failure fails the run
# Exit status: 0 when every step ran (the verdict is in the output).
kunit_dir=/sys/kernel/debug/kunit
rc=0
[ -f ./plan ] || { echo "probescale: no ./plan in the guest"; exit 1; }

while read -r kind first rest <&3; do
	case "$kind" in
	''|'#'*) continue ;;
	lib)
		insmod "./$first" $rest || { echo "probescale: insmod $first failed"; rc=1; }
		;;
	kunit)
		before=$(ls $kunit_dir 2>/dev/null)
		if insmod "./$first" $rest; then
			for suite in $(ls $kunit_dir); do
				echo "$before" | grep -qx "$suite" && continue
				echo "probescale-begin kunit:$suite"
				cat "$kunit_dir/$suite/results"
				echo "probescale-end kunit:$suite rc=0"
			done
			rmmod "${first%.ko}" || rc=1
		else
			echo "probescale-begin kunit:${first%.ko}"
			echo "probescale-end kunit:${first%.ko} rc=1"
		fi
		;;
	tap)
		# $rest is PROGRAM [ARGS...]; word splitting is intended.
		# shellcheck disable=SC2086
		set -- $rest
		prog=$1
		shift
		"./$prog" "$@" > /tmp/tap.out < /dev/null
		trc=$?
		echo "probescale-begin tap:$first"
		cat /tmp/tap.out
		echo "probescale-end tap:$first rc=$trc"
		;;
	run)
		# shellcheck disable=SC2086
		"./$first" $rest || { echo "probescale: setup step $first failed"; rc=1; }
		;;
	*)
		echo "probescale: unknown plan item '$kind'"
		rc=1
		;;
	esac
done 3< ./plan
echo "probescale-plan-done"
exit $rc
