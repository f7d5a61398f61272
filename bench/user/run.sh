#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh USER_BENCH OUT: the real-CPU pool bench (make -C bench/user run,
# or BENCHES=user in make bench).  Runs user_bench for every case, pool
# and thread count, the empty-pool pop at 2, 64, 256 and 1024 possible
# CPUs and the ring memory, and writes to OUT:
#   user-results.csv  every row as measured
#   user-report.txt   the tables, with ratios and the goals (also printed)
#   user-goals.txt    the goals, one per line, met or MISSED
# Settings (environment): UB_THREADS (default 1 2 4 ... up to the host's
# CPUs, then twice that, oversubscribed), UB_WARMUP_MS (200), UB_SAMPLE_MS
# (200), UB_SAMPLES (5), UB_ROUNDS (1): how often every throughput row
# runs, the pools in turn; the report keeps each pool's best round (other
# work on the host only takes throughput away).  Exit status 1 when a row
# lost objects or failed; goals are reported, never enforced.
set -u
bench=$1
out=$2
mkdir -p "$out"
nhost=$(taskset -pc $$ 2>/dev/null | sed 's/.*: //' | tr ',' '\n' |
	awk -F- '{ n += NF == 2 ? $2 - $1 + 1 : 1 } END { print n }')
[ -n "$nhost" ] && [ "$nhost" -gt 0 ] || nhost=$(nproc)
if [ -z "${UB_THREADS:-}" ]; then
	UB_THREADS=
	for ((p = 1; p <= nhost; p *= 2)); do UB_THREADS="$UB_THREADS $p"; done
	[[ " $UB_THREADS " == *" $nhost "* ]] || UB_THREADS="$UB_THREADS $nhost"
	UB_THREADS="$UB_THREADS $((2 * nhost))"
fi
warmup=${UB_WARMUP_MS:-200}
sample=${UB_SAMPLE_MS:-200}
samples=${UB_SAMPLES:-5}
rounds=${UB_ROUNDS:-1}
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
[ -n "$model" ] || model=$(sed -n 's/^CPU part[[:space:]]*: //p' /proc/cpuinfo | head -1)
arch=$(uname -m)
load=$(cut -d' ' -f1 /proc/loadavg)
raw=$out/user-raw.txt
: > "$raw"
status=0

# one UB line into raw; a failure is kept as a "bad" row
ub()
{
	local line
	if line=$("$bench" "$@" 2>&1 | grep '^UB '); then
		echo "$line" >> "$raw"
		echo "  ${line#UB }" >&2
	else
		echo "UB error cmd=$1 pool=$2 result=bad:${line:-no-output}" >> "$raw"
		status=1
	fi
}

echo "user bench: $model, $nhost CPUs, threads:$UB_THREADS, $rounds round(s)" >&2
for ((round = 1; round <= rounds; round++)); do
	for cs in sync batch overrun async; do
		for p in $UB_THREADS; do
			# the pools in turn: a ratio compares runs close in time
			for pool in ours freelist upstream; do
				ub run $pool $cs "$p" "$warmup" "$sample" "$samples"
			done
		done
	done
done
for n in 2 64 256 1024; do
	for pool in ours freelist upstream; do
		ub empty $pool $n
	done
done
for n in 2 64 256 1024; do
	for pool in ours freelist upstream; do
		ub mem $pool $n 512
	done
done

# user-results.csv, user-report.txt and user-goals.txt: the report and
# its goals are scripts/harness (userbench.py, goals.py USER_GOALS)
top=$(cd "$(dirname "$0")/../.." && pwd)
python=$(command -v /usr/bin/python3 || command -v python3)
PYTHONPATH=$top/scripts "$python" -P -m harness user-report --raw "$raw" \
	--arch "$arch" --nhost "$nhost" --model "$model" --load "$load" \
	--out "$out" || status=1
exit $status
