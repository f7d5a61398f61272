#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest script of the XOL selftests: run xol_test with probes from tracefs
# uprobe events, then, if uprobe_counter.ko (bench/) is next to it, with
# probes from that module.  Arguments: [SCALE] [TEST...]
# Exit status: 0 if every run passed.
scale=${1:-1}
[ $# -gt 0 ] && shift
rc=0

# xol_test chooses its tests with -t TEST
for t in "$@"; do
	set -- "$@" -t "$t"
	shift
done

./xol_test -b tracefs -s "$scale" "$@" || rc=1
if [ -f ./uprobe_counter.ko ]; then
	if insmod ./uprobe_counter.ko; then
		./xol_test -b counter -s "$scale" "$@" || rc=1
		rmmod uprobe_counter || rc=1
	else
		echo "# insmod uprobe_counter.ko failed"
		rc=1
	fi
fi
exit $rc
