#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest script: run the kernel's ftrace selftests for kprobe and kretprobe
# events (tools/testing/selftests/ftrace/test.d/kprobe) and print the
# results as TAP.  Usage: ftrace-kprobe-tap.sh [-d FTRACE-DIR] [TEST...],
# where FTRACE-DIR is a copy of the kernel's tools/testing/selftests/ftrace
# in the guest (default: "ftrace" next to this script) and each TEST a
# test file or directory under it (default: test.d/kprobe); a TEST
# written !FILE leaves that test file out of the directories named (it
# must exist: a test left out is named in the plan, with the reason), e.g.
#
#   scripts/guest.sh [-a ARCH] [-v VARIANT] \
#       selftests/kretprobe/ftrace-kprobe-tap.sh \
#       -d "$(scripts/kernel-src.sh 6.1)/tools/testing/selftests/ftrace"
#
# or, for 6.12's fprobe events as well, the TESTs
# "test.d/kprobe test.d/dynevent/add_remove_fprobe.tc ...".
#
# ftracetest of 6.1 has no TAP output; its one line per test,
# "[N] DESCRIPTION<tab>[RESULT]", becomes:
#   PASS                 ok N DESCRIPTION
#   FAIL, UNRESOLVED     not ok N DESCRIPTION (the test's log follows as
#                        diagnostics)
#   UNSUPPORTED,         ok N DESCRIPTION # SKIP RESULT (the kernel lacks
#   UNTESTED             a feature the test needs)
#   XFAIL                ok N DESCRIPTION # TODO XFAIL
# A test whose precondition the kernel does not meet (see unmet() below)
# is "ok N ... # SKIP REASON" when it does not pass: these are checked here,
# in the guest, so a kernel that meets them gets the real result.
#
# Exit status: 0 when no test failed (as the TAP says), 1 otherwise.
ft=$(cd "$(dirname "$0")" && pwd)/ftrace
[ "${1:-}" = -d ] && { ft=$2; shift 2; }
[ $# -gt 0 ] || set -- test.d/kprobe
logs=/tmp/ftrace-kprobe-logs
[ -x "$ft/ftracetest" ] || { echo "Bail out! $ft/ftracetest missing"; exit 1; }

# unmet TEST: print why TEST cannot pass on this kernel, if it cannot.
unmet()
{
	case "$1" in
	kprobe_args_symbol)
		grep -q ' linux_proc_banner$' /proc/kallsyms ||
			echo "needs CONFIG_KALLSYMS_ALL (linux_proc_banner)" ;;
	kprobe_module)
		modinfo trace-printk >/dev/null 2>&1 ||
			echo "needs the trace-printk test module" ;;
	kretprobe_maxactive)
		grep -q ' inet_csk_accept$' /proc/kallsyms ||
			echo "probes inet_csk_accept: needs CONFIG_INET" ;;
	esac
}

# The test files in the order ftracetest runs them: in argument order, a
# directory's sorted, as it does; then the !FILE ones taken out.
excluded=
for t in "$@"; do
	case "$t" in
	!*)	[ -f "$ft/${t#!}" ] || { echo "Bail out! no test ${t#!} to leave out"; exit 1; }
		excluded="$excluded ${t#!}" ;;
	esac
done
tests=$(cd "$ft" && for t in "$@"; do
	if [ "${t#!}" != "$t" ]; then
		continue
	elif [ -d "$t" ]; then
		find "$t" -name '*.tc' | sort
	elif [ -f "$t" ]; then
		echo "$t"
	else
		echo "Bail out! no test $t in $ft" >&2
		exit 1
	fi
done) || { echo "Bail out! a test named is missing"; exit 1; }
tests=$(for t in $tests; do
	case " $excluded " in *" $t "*) ;; *) echo "$t" ;; esac
done)
rm -rf "$logs"
# shellcheck disable=SC2086
(cd "$ft" && ./ftracetest -l "$logs" $tests) > /tmp/ftracetest.out 2>&1
n=$(echo "$tests" | wc -l)
echo "TAP version 13"
echo "1..$n"

rc=0
i=0
for t in $tests; do
	i=$((i + 1))
	name=$(basename "$t" .tc)
	line=$(grep "^\[$i\] " /tmp/ftracetest.out | head -1)
	desc=$(echo "$line" | sed 's/^\[[0-9]*\] //; s/[[:space:]]*\[[A-Z]*\]$//')
	result=$(echo "$line" | sed -n 's/.*\[\([A-Z]*\)\]$/\1/p')
	[ -n "$desc" ] || desc=$name
	reason=$(unmet "$name")
	if [ "$result" != PASS ] && [ -n "$reason" ]; then
		echo "ok $i $name: $desc # SKIP $reason ($result)"
		continue
	fi
	case "$result" in
	PASS)
		echo "ok $i $name: $desc"
		;;
	UNSUPPORTED|UNTESTED)
		echo "ok $i $name: $desc # SKIP $result"
		;;
	XFAIL)
		echo "ok $i $name: $desc # TODO XFAIL"
		;;
	*)
		echo "not ok $i $name: $desc (${result:-no result})"
		for log in "$logs/$i"-*-log.*; do
			[ -f "$log" ] && tail -20 "$log" | sed 's/^/# /'
		done
		rc=1
		;;
	esac
done
exit $rc
