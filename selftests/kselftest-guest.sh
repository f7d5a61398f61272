#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest script: run the kernel's kselftests installed next to it
# (kselftest_install/, from "make -C tools/testing/selftests TARGETS=...
# install"; the plan item kselftest:TARGET puts it there) with the
# kernel's own runner, run_kselftest.sh, and print its TAP.  The runner
# prints one result per program, and each program's own TAP prefixed by
# "# "; scripts/verdict.py reads every case of every program from it.
# Arguments go to run_kselftest.sh.  Its exit status says nothing about
# the tests (it is 0 when they fail): the TAP does.
[ -x ./kselftest_install/run_kselftest.sh ] || {
	echo "Bail out! kselftest_install/run_kselftest.sh missing"
	exit 1
}
# The runner appends the programs' output to /dev/stdout, which the
# guest's devtmpfs lacks (udev makes it on a full system): without it
# the output would go into a file of that name.
[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
# Into a pipe: the runner appends the programs' output to /dev/stdout,
# which, were stdout a file (the guest's plan runner redirects to one),
# would be a second file description writing at its own offset.
./kselftest_install/run_kselftest.sh "$@" | cat
