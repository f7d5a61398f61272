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
#   kunit MODULE.ko [ARGS...]  insmod a KUnit module, print the KTAP its
#                              suites printed (from dmesg), rmmod it
#   tap NAME PROGRAM [ARGS...] run a program that prints (K)TAP
#   run PROGRAM [ARGS...]      a setup step; its failure fails the run
# Exit status: 0 when every step ran (the verdict is in the output).
rc=0
[ -f ./plan ] || { echo "probescale: no ./plan in the guest"; exit 1; }

while read -r kind first rest <&3; do
	case "$kind" in
	''|'#'*) continue ;;
	lib)
		insmod "./$first" $rest || { echo "probescale: insmod $first failed"; rc=1; }
		;;
	kunit)
		# The console copy of the KTAP is complete; 6.1's debugfs
		# results keep only the last parameter of a parameterised case.
		dmesg -c > /dev/null
		insmod "./$first" $rest
		irc=$?
		echo "probescale-begin kunit:${first%.ko}"
		# A module's suites print no top-level header: give them one.
		echo "KTAP version 1"
		dmesg | sed -e 's/^\[[ 0-9.]*\] //'
		echo "probescale-end kunit:${first%.ko} rc=$irc"
		if [ $irc = 0 ]; then rmmod "${first%.ko}" || rc=1; fi
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
