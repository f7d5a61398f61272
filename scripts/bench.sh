#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: "make bench".  Boots the vanilla and the patched 6.1 test
# kernels (plain config) under QEMU TCG, runs the benches in them and
# prints the results side by side, with ratios and the project's goals.
#
# Settings, from the environment (make passes its variables):
#   BENCHES   which benches, default all: uprobe kretprobe objpool
#             objpool-mem objpool-6.12 user
#             uprobe        trig-uprobe rows (bench/trigger) + slot writes
#             kretprobe     calls/s of a kretprobed function
#             objpool       our objpool vs 6.1's freelist (vanilla kernel)
#             objpool-mem   pool memory at 8, 64 and 256 possible CPUs
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
#   UPROBE_ROWS  only these rows of the uprobe bench (default all; without
#             usermode-count and syscall-count there are no controls)
#   DURATION  seconds per sample (default 1), SAMPLES per row (default 5),
#   WARMUP    seconds of warm-up before each row (default 1)
#   ARCH      x86_64 (default) or arm64
#   OUT       results directory (default out/bench/DATE-TIME)
#   NO_BUILD=1  use cached kernel builds only; a missing one is an error
#   RERUNS    how often the two boots of a guest size run again when their
#             control rows (bench-controls.awk) show a disturbed boot,
#             default 1, 0 for never; the steadiest round is kept
#   PATCHED=0   measure the vanilla kernel only
#   VANILLA_KBUILD, PATCHED_KBUILD, KBUILD_612
#               use these kernel build directories instead of building
#               (they must be complete builds for ARCH)
# The patched kernel is vanilla 6.1 plus every series in patches/*/ that
# has patches; a series that does not exist yet is skipped, and said so.
#
# Writes to OUT: results.csv (every row as measured), table.csv (rows
# side by side with ratios), goals.txt, report.txt (what is printed),
# throughput.png (gnuplot) and the guest logs.  The last line printed
# names OUT.  Exit status: 0 when every bench ran and every row checked
# out (goals are reported, not enforced), 1 otherwise, 2 for bad input.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ALL_BENCHES="uprobe kretprobe objpool objpool-mem objpool-6.12 user"
BENCHES=${BENCHES:-$ALL_BENCHES}
CPUS=${CPUS:-"1 2 2:tcg-single"}
DURATION=${DURATION:-1}
SAMPLES=${SAMPLES:-5}
WARMUP=${WARMUP:-1}
ARCH=${ARCH:-x86_64}
OUT=${OUT:-$PS_OUT/bench/$(date +%Y%m%d-%H%M%S)}
NO_BUILD=${NO_BUILD:-0}
PATCHED=${PATCHED:-1}
RERUNS=${RERUNS:-1}
# Control rows further than this from 1.00x mark a disturbed guest size.
NOISE=0.1
SERIES="objpool uprobes-xol"
MEM_MAXCPUS="8 64 256"

# --- bad input: one line, exit 2 ------------------------------------------

bad()
{
	echo "probescale: bench: $*" >&2
	exit 2
}

case "$ARCH" in
x86_64|arm64) ;;
*) bad "unknown ARCH '$ARCH': use ARCH=x86_64 or ARCH=arm64" ;;
esac
for b in $BENCHES; do
	[[ " $ALL_BENCHES " == *" $b "* ]] ||
		bad "unknown bench '$b': choose from: $ALL_BENCHES"
done
[ -n "${BENCHES// /}" ] || bad "BENCHES is empty: choose from: $ALL_BENCHES"
max_vcpus=$(($(nproc) * 4))
[ -n "${CPUS// /}" ] || bad "CPUS is empty: give vCPU counts, e.g. CPUS=\"1 2\""
for n in $CPUS; do
	[[ "$n" =~ ^[1-9][0-9]*(:tcg-single)?$ ]] ||
		bad "bad guest size '$n' in CPUS: a vCPU count N, or N:tcg-single"
	[ "${n%:*}" -le "$max_vcpus" ] ||
		bad "${n%:*} vCPUs is more than this machine can run ($(nproc) CPUs x 4 = $max_vcpus)"
done
CPUS=$(echo $CPUS | tr ' ' '\n' | sort -t: -k1,1n -k2,2 -u | tr '\n' ' ')
CPUS=${CPUS% }
# one_thread SIZE: SIZE (as in CPUS) is a guest on one host thread.
one_thread()
{
	[[ "$1" == *:tcg-single ]]
}
[[ "$DURATION" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk "BEGIN { exit !($DURATION > 0 && $DURATION <= 60) }" ||
	bad "bad DURATION '$DURATION': seconds per sample, > 0 and <= 60"
[[ "$WARMUP" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk "BEGIN { exit !($WARMUP > 0 && $WARMUP <= 60) }" ||
	bad "bad WARMUP '$WARMUP': seconds, > 0 and <= 60"
[[ "$SAMPLES" =~ ^[1-9][0-9]*$ ]] && [ "$SAMPLES" -le 100 ] ||
	bad "bad SAMPLES '$SAMPLES': 1 to 100"
[[ "$RERUNS" =~ ^[0-9]$ ]] || bad "bad RERUNS '$RERUNS': 0 to 9"
# The uprobe rows, in the order they run and are reported.
ALL_UPROBE_ROWS="usermode-count syscall-count uprobe-nop uprobe-push uprobe-ret uretprobe-nop uretprobe-push uretprobe-ret uprobe-multi8 uretprobe-multi8 uprobe-multi64 codewrite-alone codewrite-crowded"
UPROBE_ROWS=${UPROBE_ROWS:-$ALL_UPROBE_ROWS}
for r in $UPROBE_ROWS; do
	[[ " $ALL_UPROBE_ROWS " == *" $r "* ]] ||
		bad "unknown uprobe row '$r': choose from: $ALL_UPROBE_ROWS"
done
[ -n "${UPROBE_ROWS// /}" ] || bad "UPROBE_ROWS is empty: choose from: $ALL_UPROBE_ROWS"
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
	[ -f "$1/.config" ] && grep -q "^CONFIG_$(echo "$ARCH" | tr a-z A-Z)=y" "$1/.config" ||
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

series=()
for s in $SERIES; do
	if ls "$PS_TOP/patches/$s/"[0-9][0-9][0-9][0-9]-*.patch >/dev/null 2>&1; then
		series+=("$PS_TOP/patches/$s")
	else
		note "patched kernel: patches/$s has no series yet: skipped (not applied)"
	fi
done

kernels=(vanilla)
need61=0
for b in uprobe kretprobe objpool objpool-mem; do
	has_bench "$b" && need61=1
done
if [ $need61 = 1 ]; then
	log "vanilla 6.1 kernel ($ARCH, plain)"
	if [ -n "${VANILLA_KBUILD:-}" ]; then
		kb_vanilla=$VANILLA_KBUILD
	else
		src=$("$PS_TOP/scripts/kernel-src.sh" 6.1) || bad "cannot unpack the 6.1 source"
		kb_vanilla=$(kernel "$src") || exit $(($? == 3 ? 2 : 1))
	fi
	if [ "$PATCHED" = 0 ]; then
		note "patched kernel: not measured (PATCHED=0)"
	elif [ -n "${PATCHED_KBUILD:-}" ]; then
		kb_patched=$PATCHED_KBUILD
		kernels+=(patched)
		note "patched kernel: $PATCHED_KBUILD (PATCHED_KBUILD)"
	elif [ ${#series[@]} -gt 0 ] && { has_bench uprobe || has_bench kretprobe; }; then
		log "patched 6.1 kernel: vanilla + ${series[*]#$PS_TOP/}"
		if psrc=$("$PS_TOP/scripts/kernel-src.sh" 6.1 "${series[@]}") &&
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
	log "6.12 kernel ($ARCH, plain) for objpool-6.12"
	if [ -n "${KBUILD_612:-}" ]; then
		kb_612=$KBUILD_612
	elif src612=$("$PS_TOP/scripts/kernel-src.sh" 6.12) && kb_612=$(kernel "$src612"); then
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
	[ $need61 = 1 ] || break
	log "building the bench modules for the $k kernel"
	moddir[$k]=$("$PS_TOP/scripts/bench-modules.sh" "${!kbv}" "$ARCH") ||
		{ echo "probescale: bench: bench modules do not build for the $k kernel" >&2; exit 1; }
done
if [ -n "$kb_612" ]; then
	log "building the bench modules for the 6.12 kernel"
	moddir[v612]=$("$PS_TOP/scripts/bench-modules.sh" "$kb_612" "$ARCH") ||
		{ note "objpool-6.12: bench modules do not build for 6.12: SKIPPED"; kb_612=; status=1; }
fi

# --- plan: what runs in which boot, and how long it takes --------------------

# Rows per boot with N vCPUs (P = 1..N producers each).
row_s=$(awk "BEGIN { print $WARMUP + $SAMPLES * $DURATION + 0.3 }")
uprobe_rows=$(echo $UPROBE_ROWS | wc -w)
# rows per P: 6 cases x (ours, freelist or upstream) + 4 of "none"
objpool_rows=16
boots=()	# "label kernel size maxcpus benches", size as in CPUS
# The kernels alternate at each guest size, so that the boots a ratio
# compares run close together in time.
for n in $CPUS; do
	for k in "${kernels[@]}"; do
		b=
		has_bench uprobe && b="$b uprobe"
		if ! one_thread "$n"; then
			has_bench kretprobe && b="$b kretprobe"
			[ "$k" = vanilla ] && has_bench objpool && b="$b objpool"
		fi
		b=${b# }
		[ -n "$b" ] && boots+=("$k-smp${n/:/-} $k $n - ${b// /,}")
	done
done
if has_bench objpool-mem; then
	for m in $MEM_MAXCPUS; do
		boots+=("vanilla-mem$m vanilla 2 $m objpool-mem")
	done
fi
if [ -n "$kb_612" ]; then
	for n in $CPUS; do
		one_thread "$n" || boots+=("v612-smp$n v612 $n - objpool")
	done
fi

# boot_secs BENCHES SIZE: estimated seconds for a boot.
boot_secs()
{
	local b=$1 n=${2%:tcg-single} rows=0 s=15
	[[ "$b" == *uprobe* ]] &&
		s=$(awk "BEGIN { print $s + $n * $uprobe_rows * ($row_s + $DURATION) }")
	[[ "$b" == *kretprobe* ]] && s=$(awk "BEGIN { print $s + $n * $row_s }")
	[[ "$b" == *objpool* ]] && [[ "$b" != *objpool-mem* ]] &&
		s=$(awk "BEGIN { print $s + $n * $objpool_rows * $row_s }")
	[[ "$b" == *objpool-mem* ]] && s=$((s + 20))
	echo "${s%.*}"
}

total_s=0
for bt in "${boots[@]}"; do
	set -- $bt
	total_s=$((total_s + $(boot_secs "$5" "$3")))
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
		"$label" "$2" "$mode" "$p" "$(awk "BEGIN { printf \"%.0f\", ${mean:-0} }")" \
		"${result:-?}" "$(fmt_left $el)" "$(fmt_left $left)" >&2
}

# run_boot BOOT CSV [ROUND]: one guest boot (an entry of boots[]); its rows
# are appended to CSV.  ROUND > 1 marks a rerun: its logs get a suffix.
run_boot()
{
	local label k size smp tcg maxcpus benches kb kbv dir bsecs files f logf
	local cpuopt gpid grc csv=$2 round=${3:-1}

	set -- $1
	label=$1 k=$2 size=$3 maxcpus=$4 benches=$5
	smp=${size%:tcg-single}
	tcg=multi
	! one_thread "$size" || tcg=single
	[ "$round" = 1 ] || label=$label.round$round
	benches=${benches//,/ }
	[ "$maxcpus" = - ] && maxcpus=
	case $k in
	v612) kb=$kb_612 ;;
	*) kbv=kb_$k; kb=${!kbv} ;;
	esac
	dir=${moddir[$k]}
	bsecs=$(boot_secs "$benches" "$size")
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
	# Possible CPUs beyond the online ones.  x86: -smp N,maxcpus=M, but
	# QEMU's x86 machines take more than 255 vCPUs only with KVM's
	# x2APIC, so above that the kernel's possible_cpus=M (the same
	# num_possible_cpus()).  arm64 "virt" describes only the -smp CPUs
	# to the guest: -smp M with the kernel's maxcpus=N brings up N.
	cpuopt=(-s "$smp")
	if [ -n "$maxcpus" ] && [ "$ARCH" = arm64 ]; then
		cpuopt=(-s "$maxcpus" -A "maxcpus=$smp")
	elif [ -n "$maxcpus" ] && [ "$maxcpus" -gt 255 ]; then
		cpuopt=(-s "$smp" -A "possible_cpus=$maxcpus")
	elif [ -n "$maxcpus" ]; then
		cpuopt=(-s "$smp" -m "$maxcpus")
	fi
	log "boot $label: $k kernel, -smp $smp${maxcpus:+,maxcpus=$maxcpus}, TCG thread=$tcg: $benches (~$(fmt_left "$bsecs"))"
	boot_start=$(date +%s)
	set +e
	# stdbuf: line-buffer the console filters of vm-run.sh, so that the
	# log grows row by row and progress can follow it.
	VM_TCG_THREADS=$tcg stdbuf -oL "$PS_TOP/scripts/guest.sh" -a "$ARCH" -k "$kb" \
		"${cpuopt[@]}" -t $((bsecs * 3 + 300)) -l "$logf" \
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
	if [ $grc != 0 ]; then
		status=1
		note "$label: guest failed (exit $grc): $(tail -1 "$OUT/logs/$label.guest-sh.txt"); log: $logf"
	fi
	# CSV: kernel,arch,vcpus,maxcpus,bench,row,p,mean,sd,extra,result
	[ ! -f "$logf" ] || tr -d '\r' < "$logf" | awk -v k="$k" -v a="$ARCH" \
		-v n="$size" -v m="${maxcpus:-$smp}" '
		$1 == "PSB" && $2 != "begin" && $2 != "end" && $2 != "note" {
			row = ""; p = ""; mean = ""; sd = ""; res = ""; extra = ""
			for (i = 3; i <= NF; i++) {
				eq = index($i, "=")
				if (!eq)
					continue
				key = substr($i, 1, eq - 1); val = substr($i, eq + 1)
				if (key == "mode") row = val
				else if (key == "p") p = val
				else if (key == "mean") mean = val
				else if (key == "sd") sd = val
				else if (key == "result") res = val
				else extra = extra (extra == "" ? "" : ";") key "=" val
			}
			if ($2 == "error" || $2 == "skip") {
				res = "bad:" $2; row = $2
			} else if (res == "") {
				next	# a line garbled by console output
			}
			print k "," a "," n "," m "," $2 "," row "," p "," mean "," sd "," extra "," res
		}' >> "$csv"
}

# control_dev CSV: how far the control rows in CSV are from 1.00x (see
# bench-controls.awk); empty when CSV has no pair of them.
control_dev()
{
	awk -F, -v mode=dev -f "$PS_TOP/scripts/bench-controls.awk" "$1"
}

# run_size I N: boots[I..I+N-1], the vanilla and patched boots of one guest
# size.  When their control rows show a disturbed boot, they run again,
# up to RERUNS times, and the round with the steadiest controls is kept.
run_size()
{
	local i=$1 n=$2 round=1 j dev best=1 best_dev= devs= rcsv bsecs=0

	for ((j = i; j < i + n; j++)); do
		set -- ${boots[$j]}
		bsecs=$((bsecs + $(boot_secs "${5//,/ }" "$3")))
	done
	while :; do
		rcsv=$OUT/build/round$round.csv
		: > "$rcsv"
		for ((j = i; j < i + n; j++)); do
			run_boot "${boots[$j]}" "$rcsv" $round
		done
		dev=$(control_dev "$rcsv")
		[ -n "$dev" ] || break
		devs="$devs ${dev}"
		if [ -z "$best_dev" ] || awk "BEGIN { exit !($dev < $best_dev) }"; then
			best=$round best_dev=$dev
		fi
		awk "BEGIN { exit !($dev > $NOISE) }" && [ $round -le "$RERUNS" ] || break
		set -- ${boots[$i]}
		log "guest -smp $3: control rows $(awk "BEGIN { printf \"%.0f\", $dev * 100 }")% off 1.00x: a boot was disturbed; running this size again (round $((round + 1)) of at most $((RERUNS + 1)))"
		round=$((round + 1))
		total_s=$((total_s + bsecs))
	done
	if [ $round -gt 1 ]; then
		set -- ${boots[$i]}
		note "guest -smp $3: ran $round rounds (control rows off 1.00x by$devs); kept round $best"
	fi
	cat "$OUT/build/round$best.csv" >> "$OUT/results.csv.tmp"
	rm -f "$OUT"/build/round*.csv
}

# The vanilla and patched boots of a guest size run as one unit (run_size)
# when the uprobe bench gives them control rows; any other boot runs alone.
i=0
while [ $i -lt ${#boots[@]} ]; do
	n=1
	if [ $((i + 1)) -lt ${#boots[@]} ]; then
		a=(${boots[$i]}) b=(${boots[$((i + 1))]})
		[ "${a[1]}" != "${b[1]}" ] && [ "${a[2]}" = "${b[2]}" ] &&
		[[ "${a[4]}" == *uprobe* ]] && [[ "${b[4]}" == *uprobe* ]] && n=2
	fi
	run_size $i $n
	i=$((i + n))
done

{
	echo "kernel,arch,vcpus,maxcpus,bench,row,p,mean_per_s_qemu_tcg,sd_per_s_qemu_tcg,extra,result"
	cat "$OUT/results.csv.tmp"
} > "$OUT/results.csv"
rm -f "$OUT/results.csv.tmp"
grep -q ',bad' "$OUT/results.csv" && status=1

# --- report --------------------------------------------------------------------

{
	if [ ${#boots[@]} -gt 0 ]; then
		echo
		echo "probescale bench: $ARCH guests under QEMU TCG (all absolute numbers are QEMU TCG emulation numbers; compare ratios)"
		echo "CPUS=\"$CPUS\" SAMPLES=$SAMPLES DURATION=${DURATION}s WARMUP=${WARMUP}s; kernels booted: $(for bt in "${boots[@]}"; do set -- $bt; echo "$2"; done | sort -u | sed 's/v612/6.12/' | tr '\n' ' ')"
		for n in "${notes[@]}"; do
			echo "note: $n"
		done
		awk -F, -v arch="$ARCH" -v cpus="$CPUS" -v out="$OUT" -v noise=$NOISE \
			-v uprobe_rows="$ALL_UPROBE_ROWS" \
			-f "$PS_TOP/scripts/bench-controls.awk" \
			-f "$PS_TOP/scripts/bench-report.awk" "$OUT/results.csv"
	fi
	if [ -f "$OUT/user-report.txt" ]; then
		echo
		cat "$OUT/user-report.txt"
	fi
} > "$OUT/report.txt"
cat "$OUT/report.txt"

if command -v gnuplot >/dev/null && [ -s "$OUT/plot.dat" ]; then
	"$PS_TOP/scripts/bench-plot.sh" "$OUT" "$ARCH" >/dev/null 2>&1 ||
		echo "probescale: bench: gnuplot failed; data in $OUT/plot.dat" >&2
fi
[ $status = 0 ] || echo "probescale: bench: some benches failed or were skipped (see above and $OUT/logs)"
echo "results: $OUT"
exit $status
