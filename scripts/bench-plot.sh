#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-plot.sh RESULTS-DIR ARCH: RESULTS-DIR/throughput.png from the
# plot.dat that bench-report.awk writes (lines "SERIES<tab>VCPUS<tab>M/s",
# SERIES = "KERNEL ROW").  One panel per bench: throughput of each row with
# every vCPU of the guest busy, against the guest's vCPU count; vanilla
# dashed, patched (and our objpool) solid.  Log scale: rows differ by
# orders of magnitude.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || die "usage: bench-plot.sh RESULTS-DIR ARCH"
dir=$1 arch=$2
dat=$dir/plot.dat
[ -s "$dat" ] || die "$dat is empty: nothing to plot"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One colour per row (the last word of a series), one dash type per
# kernel or pool: vanilla, freelist and upstream dashed.
declare -A colour
ncolour=0
panels=()
for panel in uprobe kretprobe objpool; do
	case $panel in
	uprobe) pat='probe-' ;;
	kretprobe) pat='kretprobe$' ;;
	objpool) pat=' (ours|freelist|upstream) ' ;;
	esac
	series=$(cut -f1 "$dat" | grep -E -- "$pat" | sort -u || true)
	[ -n "$series" ] || continue
	plot=
	i=0
	while IFS= read -r s; do
		i=$((i + 1))
		f=$tmp/$panel-$i.dat
		awk -F'\t' -v s="$s" '$1 == s { print $2, $3 }' "$dat" | sort -n > "$f"
		case "$s" in
		vanilla*|*freelist*|*upstream*) dt=2 ;;
		*) dt=1 ;;
		esac
		row=${s##* }
		if [ -z "${colour[$row]:-}" ]; then
			ncolour=$((ncolour + 1))
			colour[$row]=$ncolour
		fi
		plot="$plot${plot:+, }'$f' using 1:2 with linespoints dt $dt lc ${colour[$row]} lw 2 title '$s'"
	done <<< "$series"
	panels+=("set title '$panel: throughput with all vCPUs busy (QEMU TCG, $arch)'; plot $plot")
done
[ ${#panels[@]} -gt 0 ] || die "no series in $dat"

{
	echo "set terminal pngcairo size 1100,$((420 * ${#panels[@]})) noenhanced font ',10'"
	echo "set output '$dir/throughput.png'"
	echo "set multiplot layout ${#panels[@]},1"
	echo "set xlabel 'guest vCPUs'"
	echo "set ylabel 'M/s, QEMU TCG (log)'"
	echo "set logscale y"
	echo "set xtics 1"
	echo "set grid"
	echo "set key outside right top"
	for p in "${panels[@]}"; do
		echo "$p"
	done
	echo "unset multiplot"
} > "$tmp/plot.gp"
gnuplot "$tmp/plot.gp"
echo "$dir/throughput.png"
