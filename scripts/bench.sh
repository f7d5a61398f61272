#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: "make bench".  Boots the vanilla and the patched test
# kernels of one kernel version (plain config) under QEMU TCG, runs the benches in them and
# prints the results side by side, with ratios and the project's goals.
#
# Settings, from the environment (make passes its variables):
#   BENCHES   which benches, default all: uprobe kretprobe objpool
#             objpool-mem objpool-6.12 user
#             uprobe        trig-uprobe rows (bench/trigger) + slot writes
#             kretprobe     calls/s of a kretprobed function
#             objpool       our objpool vs 6.1's freelist (vanilla kernel)
#             objpool-mem   pool memory at 8, 64 and 256 possible CPUs,
#                           and the ns of a pop on an empty pool there
#             objpool-6.12  our objpool vs upstream's, on a 6.12 kernel
#             user          the three pools on the host's real CPUs, in
#                           user space (bench/user; no QEMU, no kernel):
#                           user-report.txt, user-results.csv,
#                           user-goals.txt in OUT
#   CPUS      guest sizes, default "1 2 2:tcg-single"; each boot runs 1..N
#             producers.  N:tcg-single is an N-vCPU guest on one host
#             thread (QEMU -accel tcg,thread=single) and runs the uprobe
#             bench only: with a thread per vCPU QEMU misses some of
#             vanilla's slot rewrites (bench/README), on one thread it
#             misses none, so its P >= 2 rows compare what both kernels'
#             code costs; the vCPUs share one host core
#   UPROBE_ROWS  only these rows of the uprobe bench (default all of ARCH's,
#             scripts/harness/records.py UPROBE_TABLE; without
#             usermode-count and syscall-count there are no controls)
#   DURATION  seconds per sample (default 1), SAMPLES per row (default 5),
#   WARMUP    seconds of warm-up before each row (default 1)
#   ARCH      x86_64 (default) or arm64
#   KVER      the kernel version of the vanilla and patched kernels: 6.1
#             (default) or 6.12 (scripts/harness/kernels.py); with 6.12,
#             objpool (ours vs 6.1's freelist) is not run
#   OUT       results directory (default out/bench/DATE-TIME)
#   NO_BUILD=1  use cached kernel builds only; a missing one is an error
#   RERUNS    how often the two boots of a guest size run again when their
#             control rows (scripts/harness/stats.py) show a disturbed boot,
#             default 1, 0 for never; the steadiest round is kept
#   PATCHED=0   measure the vanilla kernel only
#   VANILLA_KBUILD, PATCHED_KBUILD, KBUILD_612
#               use these kernel build directories instead of building
#               (they must be complete builds for ARCH)
# The patched kernel is the vanilla one plus the series scripts/harness/
# kernels.py names for it; a series that does not exist yet is skipped,
# and said so.
#
# What is known rather than done lives in scripts/harness (python3 -m
# harness): the settings' syntax, the kernels, which boot runs what
# (bench.py), the records, statistics, goals and the report.
#
# Writes to OUT: results.csv (every row as measured), table.csv (rows
# side by side with ratios), goals.txt, report.txt (what is printed),
# ratios.png (each ratio with its spread and goal), throughput.png
# (rates against vCPUs), problems.txt and the guest logs.  The last line
# printed names OUT.  Exit status: 0 when the run worked: every boot ran,
# gave every row, and every row checked out but rows with the known QEMU
# artifact on the vanilla kernel (marked in the report; goals are
# reported, not enforced); 1 otherwise; 2 for bad input.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

CPUS=${CPUS:-"1 2 2:tcg-single"}
DURATION=${DURATION:-1}
SAMPLES=${SAMPLES:-5}
WARMUP=${WARMUP:-1}
ARCH=${ARCH:-x86_64}
OUT=${OUT:-$PS_OUT/bench/$(date +%Y%m%d-%H%M%S)}
NO_BUILD=${NO_BUILD:-0}
PATCHED=${PATCHED:-1}
RERUNS=${RERUNS:-1}

# --- bad input: one line, exit 2 ------------------------------------------

bad()
{
	echo "probescale: bench: ${*#probescale: error: }" >&2
	exit 2
}

msg=$(ps_arches check "$ARCH" 2>&1) || bad "$msg"
# CPUS sorted, each size once; BENCHES and UPROBE_ROWS all of them (ARCH's
# rows) unless given (scripts/harness: guests.py, records.py)
settings=$(ps_py bench-settings --arch "$ARCH" --cpus "$CPUS" \
	${BENCHES:+--benches "$BENCHES"} ${UPROBE_ROWS:+--uprobe-rows "$UPROBE_ROWS"} \
	--duration "$DURATION" --warmup "$WARMUP" --samples "$SAMPLES" \
	--reruns "$RERUNS" ${KVER:+--kver "$KVER"} 2>&1) || bad "$settings"
eval "$settings"
has_bench()
{
	[[ " $BENCHES " == *" $1 "* ]]
}

mkdir -p "$OUT/logs" "$OUT/build"
OUT=$(cd "$OUT" && pwd)
: > "$OUT/results.csv.tmp"
status=0
notes=()

note()
{
	notes+=("$*")
	log "$*"
}

# --- kernels ----------------------------------------------------------------

# kbuild_ok DIR VAR: DIR must be a complete kernel build for ARCH.
kbuild_ok()
{
	[ -f "$1/.probescale-complete" ] || [ -f "$1/vmlinux" ] ||
		bad "$2=$1 is not a complete kernel build"
	[ -f "$1/.config" ] && grep -q "^$(ps_arches config "$ARCH")=y" "$1/.config" ||
		bad "$2=$1 is not a kernel build for ARCH=$ARCH"
}
for v in VANILLA_KBUILD PATCHED_KBUILD KBUILD_612; do
	[ -z "${!v:-}" ] || kbuild_ok "${!v}" "$v"
done

# kernel TREE: the plain ARCH build of TREE, built unless NO_BUILD=1.
kernel()
{
	if [ "$NO_BUILD" = 1 ]; then
		"$PS_TOP/scripts/kernel-build.sh" --no-build "$1" "$ARCH" plain ||
			return 3
		return
	fi
	"$PS_TOP/scripts/kernel-build.sh" "$1" "$ARCH" plain
}

# The kernels (scripts/harness/kernels.py): vanilla's version, the
# patched kernel's series (those not there yet are skipped, and said so).
eval "$(ps_py kernel --prefix vanilla_ "$VANILLA_KERNEL")"
eval "$(ps_py kernel --prefix patched_ "$PATCHED_KERNEL")"
eval "$(ps_py kernel --prefix v612_ vanilla-6.12)"
series=("${patched_series[@]}")
for s in "${patched_missing_series[@]}"; do
	note "patched kernel: patches/$s has no series yet: skipped (not applied)"
done

kernels=(vanilla)
need_pair=0
for b in uprobe kretprobe objpool objpool-mem; do
	has_bench "$b" && need_pair=1
done
if [ $need_pair = 1 ]; then
	log "$vanilla_label kernel ($ARCH, plain)"
	if [ -n "${VANILLA_KBUILD:-}" ]; then
		kb_vanilla=$VANILLA_KBUILD
	else
		src=$("$PS_TOP/scripts/kernel-src.sh" "$vanilla_version") ||
			bad "cannot unpack the $vanilla_version source"
		kb_vanilla=$(kernel "$src") || exit $(($? == 3 ? 2 : 1))
	fi
	if [ "$PATCHED" = 0 ]; then
		note "patched kernel: not measured (PATCHED=0)"
	elif [ -n "${PATCHED_KBUILD:-}" ]; then
		kb_patched=$PATCHED_KBUILD
		kernels+=(patched)
		note "patched kernel: $PATCHED_KBUILD (PATCHED_KBUILD)"
	elif [ ${#series[@]} -gt 0 ] && { has_bench uprobe || has_bench kretprobe; }; then
		log "$patched_label kernel: vanilla + ${series[*]#$PS_TOP/}"
		if psrc=$("$PS_TOP/scripts/kernel-src.sh" "$patched_version" "${series[@]}") &&
		   kb_patched=$(kernel "$psrc"); then
			kernels+=(patched)
		else
			[ $? != 3 ] || exit 2
			note "patched kernel: FAILED to make (see above): only the vanilla kernel is measured"
			status=1
		fi
	elif [ ${#series[@]} -eq 0 ]; then
		note "patched kernel: no patch series exist yet: only the vanilla kernel is measured"
	fi
fi
kb_612=
if has_bench objpool-6.12; then
	log "$v612_label kernel ($ARCH, plain) for objpool-6.12"
	if [ -n "${KBUILD_612:-}" ]; then
		kb_612=$KBUILD_612
	elif src612=$("$PS_TOP/scripts/kernel-src.sh" "$v612_version") && kb_612=$(kernel "$src612"); then
		:
	else
		[ $? != 3 ] || exit 2
		note "objpool-6.12: no 6.12 kernel could be built (see above): SKIPPED"
		kb_612=
		status=1
	fi
fi

# --- modules and the trigger -------------------------------------------------

trigger=
if has_bench uprobe; then
	log "building the uprobe trigger for $ARCH"
	trigger=$("$PS_TOP/scripts/bench-trigger.sh" "$ARCH") || exit 1
fi

declare -A moddir
for k in "${kernels[@]}"; do
	kbv=kb_$k
	[ $need_pair = 1 ] || break
	log "building the bench modules for the $k kernel"
	moddir[$k]=$("$PS_TOP/scripts/bench-modules.sh" "${!kbv}" "$ARCH") ||
		{ echo "probescale: bench: bench modules do not build for the $k kernel" >&2; exit 1; }
done
if [ -n "$kb_612" ]; then
	log "building the bench modules for the 6.12 kernel"
	moddir[vanilla-6.12]=$("$PS_TOP/scripts/bench-modules.sh" "$kb_612" "$ARCH") ||
		{ note "objpool-6.12: bench modules do not build for 6.12: SKIPPED"; kb_612=; status=1; }
fi

# --- plan: what runs in which boot, and how long it takes --------------------

# The boots, in the order they run (scripts/harness/bench.py): UNIT
# LABEL KERNEL SIZE VCPUS TCG MAXCPUS BENCHES SECONDS.  The vanilla and patched
# boots of a size that both run the uprobe bench are one unit (run_unit).
measured=vanilla
[[ " ${kernels[*]} " != *" patched "* ]] || measured="vanilla patched"
ps_py bench-boots --cpus "$CPUS" --benches "$BENCHES" --kernels "$measured" \
	${kb_612:+--v612} --uprobe-rows "$(echo $UPROBE_ROWS | wc -w)" \
	--samples "$SAMPLES" --duration "$DURATION" --warmup "$WARMUP" \
	> "$OUT/build/boots.txt" || exit 1
mapfile -t boots < "$OUT/build/boots.txt"

total_s=0
for bt in "${boots[@]}"; do
	set -- $bt
	total_s=$((total_s + $9))
done
log "plan: ${#boots[@]} guest boots, about $(((total_s + 59) / 60)) min (QEMU TCG, $ARCH, CPUS=\"$CPUS\", ${SAMPLES}x${DURATION}s samples)"
for n in "${notes[@]}"; do
	echo "  note: $n" >&2
done
# Each vCPU is a host thread: other work on the host steals their time,
# and a preempted vCPU holding a guest lock stalls the others.
load=$(cut -d' ' -f1 /proc/loadavg)
if awk "BEGIN { exit !($load > 0.5 * $(nproc)) }"; then
	note "host load average $load on $(nproc) CPUs before the first boot: other work is running, so rows (the multi-vCPU ones most) will be noisy"
fi

# --- the user bench: real CPUs, before any guest runs --------------------------

if has_bench user; then
	log "user bench: the pools on this host's CPUs (bench/user, about a minute)"
	# rows go to stderr as they are measured; the report comes at the end
	if ! make -s -C "$PS_TOP/bench/user" O="$OUT/build/user" OUT="$OUT" \
		run > "$OUT/logs/user-bench.log"; then
		note "user bench: FAILED (see $OUT/logs/user-bench.log)"
		status=1
	fi
fi

# --- running the guests ------------------------------------------------------

conf=$OUT/build/bench.conf
start=$(date +%s)
done_s=0

fmt_left()
{
	local s=$1
	[ "$s" -gt 0 ] || s=0
	printf '%dm%02ds' $((s / 60)) $((s % 60))
}

# progress LABEL BOOT-SECS LINE: one line per finished row.
progress()
{
	local label=$1 bsecs=$2 line=$3 mode= p= mean= result= kv el left
	for kv in $line; do
		case $kv in
		mode=*) mode=${kv#mode=} ;;
		p=*) p=${kv#p=} ;;
		mean=*) mean=${kv#mean=} ;;
		result=*) result=${kv#result=} ;;
		esac
	done
	set -- $line
	case $2 in
	begin) echo "  [$label] guest up: ${line#PSB begin }" >&2; return ;;
	end|note) return ;;
	skip|error) echo "  [$label] ${line#PSB }" >&2; return ;;
	esac
	el=$(($(date +%s) - start))
	left=$((total_s - done_s - ($(date +%s) - boot_start)))
	[ $left -ge 5 ] || left=5
	printf '  [%s] %-13s %-22s P=%-3s %12s /s  %s  (elapsed %s, ~%s left)\n' \
		"$label" "$2" "$mode" "$p" "$(printf %.0f "${mean:-0}")" \
		"${result:-?}" "$(fmt_left $el)" "$(fmt_left $left)" >&2
}

# run_boot BOOT CSV [ROUND]: one guest boot (an entry of boots[]); its rows
# are appended to CSV.  ROUND > 1 marks a rerun: its logs get a suffix.
run_boot()
{
	local label k size smp tcg maxcpus benches kb kbv dir bsecs files f logf
	local gpid grc csv=$2 round=${3:-1}

	set -- $1
	label=$2 k=$3 size=$4 smp=$5 tcg=$6 maxcpus=$7 benches=${8//,/ } bsecs=$9
	[ "$round" = 1 ] || label=$label.round$round
	[ "$maxcpus" = - ] && maxcpus=
	case $k in
	vanilla-6.12) kb=$kb_612 ;;
	*) kbv=kb_$k; kb=${!kbv} ;;
	esac
	dir=${moddir[$k]}
	cat > "$conf" <<-CONF
	BENCHES="${benches}"
	WARMUP=$WARMUP
	DURATION=$DURATION
	SAMPLES=$SAMPLES
	UPROBE_MODES="$UPROBE_ROWS"
	CONF
	files=("$conf")
	for f in "$dir"/bench/*.ko "$dir"/objpool/*.ko; do
		[ -f "$f" ] && files+=("$f")
	done
	[[ "$benches" == *uprobe* ]] && files+=("$trigger")
	logf=$OUT/logs/$label.log
	log "boot $label: $k kernel, -smp $smp${maxcpus:+,maxcpus=$maxcpus}, TCG thread=$tcg: $benches (~$(fmt_left "$bsecs"))"
	boot_start=$(date +%s)
	set +e
	# stdbuf: line-buffer the console filters of vm-run.sh, so that the
	# log grows row by row and progress can follow it.  Possible CPUs
	# beyond the online ones (-m): the way the architecture takes them
	# (scripts/harness/arches.py).
	VM_TCG_THREADS=$tcg stdbuf -oL "$PS_TOP/scripts/guest.sh" -a "$ARCH" -k "$kb" \
		-s "$smp" ${maxcpus:+-m "$maxcpus"} -t $((bsecs * 3 + 300)) -l "$logf" \
		"$PS_TOP/bench/guest-bench.sh" "${files[@]}" \
		> "$OUT/logs/$label.guest-sh.txt" 2>&1 &
	gpid=$!
	while [ ! -f "$logf" ] && kill -0 $gpid 2>/dev/null; do
		sleep 0.5
	done
	if [ -f "$logf" ]; then
		tail -n +1 -F --pid=$gpid "$logf" 2>/dev/null |
			while IFS= read -r line; do
				line=${line%$'\r'}
				case $line in
				PSB\ *) progress "$label" "$bsecs" "$line" ;;
				esac
			done
	fi
	wait $gpid
	grc=$?
	set -e
	done_s=$((done_s + bsecs))
	# A guest whose benches ran to the end ("PSB end rc=1") and whose log
	# holds no kernel report exits 1 for a row that did not check out:
	# the rows are judged with the report (a known emulator artifact does
	# not fail the run).  Any other failure is the guest's.
	if [ $grc != 0 ] &&
	   ! { [ $grc = 1 ] && grep -q '^PSB end rc=1' "$logf" 2>/dev/null &&
	       "$PS_TOP/scripts/log-check.sh" "$logf" 2>/dev/null; }; then
		status=1
		note "$label: guest failed (exit $grc): $(tail -1 "$OUT/logs/$label.guest-sh.txt"); log: $logf"
	fi
	[ ! -f "$logf" ] || ps_py records --kernel "$k" --arch "$ARCH" --size "$size" \
		--maxcpus "${maxcpus:-$smp}" "$logf" >> "$csv"
}

# run_unit I N: boots[I..I+N-1], the vanilla and patched boots of one guest
# size.  When their control rows show a disturbed boot, they run again,
# up to RERUNS times, and the round with the steadiest controls is kept
# (scripts/harness/stats.py).
run_unit()
{
	local i=$1 n=$2 round=1 j ctl pct noisy best=1 devs bsecs=0 rounds=()

	for ((j = i; j < i + n; j++)); do
		set -- ${boots[$j]}
		bsecs=$((bsecs + $9))
	done
	while :; do
		rounds+=("$OUT/build/round$round.csv")
		# a results.csv of its own: ps_py controls reads it as one
		ps_py records --header > "${rounds[-1]}"
		for ((j = i; j < i + n; j++)); do
			run_boot "${boots[$j]}" "${rounds[-1]}" $round
		done
		# DEV-PCT NOISY BEST-ROUND DEVS, empty without control rows
		ctl=$(ps_py controls "${rounds[@]}")
		[ -n "$ctl" ] || break
		read -r pct noisy best devs <<< "$ctl"
		[ "$noisy" = 1 ] && [ $round -le "$RERUNS" ] || break
		set -- ${boots[$i]}
		log "guest -smp $4: control rows $pct% off 1.00x: a boot was disturbed; running this size again (round $((round + 1)) of at most $((RERUNS + 1)))"
		round=$((round + 1))
		total_s=$((total_s + bsecs))
	done
	if [ $round -gt 1 ]; then
		set -- ${boots[$i]}
		note "guest -smp $4: ran $round rounds (control rows off 1.00x by ${devs//,/ }); kept round $best"
	fi
	tail -n +2 "$OUT/build/round$best.csv" >> "$OUT/results.csv.tmp"
	rm -f "$OUT"/build/round*.csv
}

# The boots of a unit (the first field of each) run together.
i=0
while [ $i -lt ${#boots[@]} ]; do
	n=1
	while [ $((i + n)) -lt ${#boots[@]} ] &&
	      [ "${boots[$i]%% *}" = "${boots[$((i + n))]%% *}" ]; do
		n=$((n + 1))
	done
	run_unit $i $n
	i=$((i + n))
done

{
	ps_py records --header
	cat "$OUT/results.csv.tmp"
} > "$OUT/results.csv"
rm -f "$OUT/results.csv.tmp"

# --- report --------------------------------------------------------------------

{
	if [ ${#boots[@]} -gt 0 ]; then
		echo
		echo "probescale bench: $ARCH guests under QEMU TCG (all absolute numbers are QEMU TCG emulation numbers; compare ratios)"
		echo "CPUS=\"$CPUS\" SAMPLES=$SAMPLES DURATION=${DURATION}s WARMUP=${WARMUP}s; kernels booted: $(for bt in "${boots[@]}"; do set -- $bt; echo "$3"; done | sort -u | tr '\n' ' ')"
		for n in "${notes[@]}"; do
			echo "note: $n"
		done
		# the tables, controls and goals; table.csv, goals.txt, the
		# plots, and problems.txt: why the run did not work, if it did not
		ps_py bench-report --results "$OUT/results.csv" --arch "$ARCH" \
			--cpus "$CPUS" --out "$OUT" --boots "$OUT/build/boots.txt" \
			--uprobe-rows "$UPROBE_ROWS" --kver "$KVER" --plots
	fi
	if [ -f "$OUT/user-report.txt" ]; then
		echo
		cat "$OUT/user-report.txt"
	fi
} > "$OUT/report.txt"
cat "$OUT/report.txt"

if [ -s "$OUT/problems.txt" ]; then
	echo "probescale: bench: the run did not work:"
	sed 's/^/  /' "$OUT/problems.txt"
	status=1
fi
[ $status = 0 ] || echo "probescale: bench: some benches failed or were skipped (see above and $OUT/logs)"
echo "results: $OUT"
exit $status
