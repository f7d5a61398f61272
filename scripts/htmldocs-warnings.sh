#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# htmldocs-warnings.sh TREE DIR...: build the HTML documentation of
# Documentation/DIR... of the kernel source TREE ("make htmldocs
# SPHINXDIRS=", Sphinx from Debian's apt) and print its warnings and
# errors, one per line, sorted, without the tree's path and with line
# numbers as "N", so that the warnings of a tree with a series applied
# compare with those of the vanilla tree.  The output and the build log
# go to $PS_OUT/htmldocs/<tree's name>; the log's path is printed on
# stderr.  Exits non-zero if the build itself fails.
set -u
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || die "usage: htmldocs-warnings.sh TREE DIR..."
tree=$(cd "$1" && pwd) || die "no kernel tree $1"
shift
for d in "$@"; do
	[ -f "$tree/Documentation/$d/index.rst" ] ||
		die "$tree has no Documentation/$d/index.rst"
done

out=$PS_OUT/htmldocs/$(basename "$tree")
logf=$out.log
rm -rf "$out"
mkdir -p "$out"
echo "htmldocs log: $logf" >&2
make -C "$tree" O="$out" SPHINXDIRS="$*" htmldocs > "$logf" 2>&1 ||
	die "make htmldocs failed in $tree; see $logf"
grep -E 'WARNING|ERROR|warning:|error:' "$logf" |
	sed -e "s|$tree/||g" -e "s|$out/||g" -e 's/:[0-9][0-9]*:/:N:/g' |
	sort -u
