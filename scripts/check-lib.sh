# SPDX-License-Identifier: GPL-2.0
#
# The stages of make check, sourced by scripts/check.sh (which provides
# record, stage, $results, $out, $kunit_py).

# Source files held to kernel style: every C file and header of ours.
ps_sources()
{
	(cd "$PS_TOP" && git ls-files --cached --others --exclude-standard \
		-- 'objpool/*.[ch]' 'uprobes-xol/*.[ch]' 'selftests/*.[ch]' \
		'bench/*.[ch]')
}

# checkpatch --strict, kernel-doc, and a W=1 + sparse build from scratch.
check_style()
{
	local src=$("$PS_TOP/scripts/kernel-src.sh" 6.1) f msg tmp kb

	for f in $(ps_sources); do
		if msg=$("$src/scripts/checkpatch.pl" --strict --no-tree --quiet \
			--show-types -f "$PS_TOP/$f" 2>&1); then
			record PASS "style/checkpatch/$f"
		else
			record FAIL "style/checkpatch/$f" "$(echo "$msg" | head -1)"
		fi
		if msg=$("$src/scripts/kernel-doc" -none "$PS_TOP/$f" 2>&1) &&
		   [ -z "$msg" ]; then
			record PASS "style/kernel-doc/$f"
		else
			record FAIL "style/kernel-doc/$f" "$(echo "$msg" | head -1)"
		fi
	done

	# Fresh copies so every file is compiled (and checked) again.
	kb=$("$PS_TOP/scripts/kernel-build.sh" "$src" x86_64 plain) || return 1
	tmp=$(mktemp -d)
	rsync -a --exclude /.git --exclude /out "$PS_TOP/" "$tmp/"
	make -C "$kb" M="$tmp" W=1 C=1 -j"$PS_JOBS" modules > "$out/logs/w1-sparse.log" 2>&1
	if [ $? = 0 ] && ! grep -qE 'warning:|error:' "$out/logs/w1-sparse.log"; then
		record PASS "style/W=1+sparse"
	else
		record FAIL "style/W=1+sparse" "$(grep -m1 -E 'warning:|error:' "$out/logs/w1-sparse.log")"
	fi
	rm -rf "$tmp"
}

# The libraries compiled unchanged in user space (selftests/user), each
# suite under ASan+UBSan and under TSAN: one result per program,
# "user/SANITIZER/SUITE".  Needs no root, no kernel and no QEMU.
check_user()
{
	local logf=$out/logs/user.log line st name

	if ! make -s -C "$PS_TOP/selftests/user" O="$PS_OUT/user" \
		-j"$PS_JOBS" all > "$logf" 2>&1; then
		record FAIL "user/build" "$(grep -m1 -E 'error' "$logf")"
		return 1
	fi
	make -s -C "$PS_TOP/selftests/user" O="$PS_OUT/user" run >> "$logf" 2>&1
	while read -r st name line; do
		record "$st" "$name" "$line"
	done < <(grep -E '^(PASS|FAIL) user/' "$logf")
	grep -qE '^PASS user/' "$logf" && ! grep -qE '^FAIL user/' "$logf"
}

# series_base SERIES: the kernel version SERIES applies to (its
# series.conf's "base" line).
series_base()
{
	sed -n 's/^base //p' "$1/series.conf"
}

# source_stamp VERSION: size and time of the source tarball of VERSION,
# for result-cache keys (a new Debian upload is another source).
source_stamp()
{
	stat -c '%s %Y' "$(ps_py source "$1" | sed -n "s/^tarball=//p")"
}

# Every series in patches/ must be what scripts/gen-patches.sh makes now.
check_patches_fresh()
{
	local s
	for s in "$@"; do
		if "$PS_TOP/scripts/gen-patches.sh" --check "$(basename "$s")"; then
			record PASS "patches/$(basename "$s")/up-to-date"
		else
			record FAIL "patches/$(basename "$s")/up-to-date" "run 'make patches'"
		fi
	done
}

# What patches/ sends, read as a maintainer's tooling reads it:
# checkpatch --strict on each generated .patch from standard input.  A
# cover letter has no diff, and that is the one error it may have.
# UNKNOWN_COMMIT_ID is left out: checking the commit a Fixes: tag names
# takes the upstream history, which is not here (the tag's form is still
# checked, by GIT_COMMIT_ID).  Run outside any git tree, so that no
# other repository's history is taken for the kernel's.
check_patches_style()
{
	local src s f msg want tmp

	tmp=$(mktemp -d)
	for s in "$@"; do
		src=$("$PS_TOP/scripts/kernel-src.sh" "$(series_base "$s")")
		for f in "$s"/[0-9][0-9][0-9][0-9]-*.patch; do
			[ -f "$f" ] || continue
			want=
			case "$f" in
			*/0000-cover-letter.patch) want="ERROR:NOT_UNIFIED_DIFF" ;;
			esac
			msg=$( (cd "$tmp" && "$src/scripts/checkpatch.pl" --strict \
				--show-types --ignore UNKNOWN_COMMIT_ID -) < "$f" 2>&1 |
				grep -E '^(WARNING|ERROR|CHECK):' | cut -d: -f1,2)
			if [ "$msg" = "$want" ]; then
				record PASS "patches/$(basename "$s")/checkpatch/$(basename "$f")"
			else
				record FAIL "patches/$(basename "$s")/checkpatch/$(basename "$f")" \
					"$(echo "$msg" | grep -vxF "$want" | head -1)"
			fi
		done
	done
	rm -rf "$tmp"
}

# check_htmldocs KERNEL: the documentation the series of KERNEL (a
# patched kernel of scripts/harness/kernels.py) touch, built as "make
# htmldocs" builds it (scripts/htmldocs-warnings.sh) on the vanilla tree
# of its version and on the tree with its series applied: the patched
# tree may not add a warning.
# The directories are those under Documentation/ the series' patches
# change.  Cached like a guest run: same patches, same Sphinx, same
# tarball, same script.
check_htmldocs()
{
	local kernel=$1 logf=$out/logs/htmldocs-$1.log vanilla patched dirs key
	local new s k_version k_series k_missing_series k_label patches=()
	local result="patches/htmldocs/$kernel/no-new-warnings"
	eval "$(ps_py kernel --prefix k_ "$kernel")"	# scripts/harness/kernels.py
	for s in "${k_series[@]}"; do
		patches+=("$s"/0*.patch)
	done
	dirs=$(cat "${patches[@]}" | sed -n 's|^+++ b/Documentation/\([^/]*\)/.*|\1|p' |
		sort -u | tr '\n' ' ')
	dirs=${dirs% }
	if [ -z "$dirs" ]; then
		record FAIL "$result" "no series of $kernel touches Documentation/"
		return 1
	fi
	key=htmldocs-$(cat "${patches[@]}" "$PS_TOP/scripts/htmldocs-warnings.sh" |
		{ cat; dpkg-query -W python3-sphinx; source_stamp "$k_version"; } |
		sha256sum | cut -c1-16)
	if result_hit "$key"; then
		echo "htmldocs-$kernel" >> "$out/cached"
		record PASS "$result"
		return 0
	fi
	if vanilla=$("$PS_TOP/scripts/kernel-src.sh" "$k_version" 2> "$logf") &&
	   patched=$("$PS_TOP/scripts/kernel-src.sh" "$k_version" "${k_series[@]}" 2>> "$logf") &&
	   "$PS_TOP/scripts/htmldocs-warnings.sh" "$vanilla" $dirs > "$out/logs/htmldocs-$kernel-vanilla.txt" 2>> "$logf" &&
	   "$PS_TOP/scripts/htmldocs-warnings.sh" "$patched" $dirs > "$out/logs/htmldocs-$kernel-patched.txt" 2>> "$logf"; then
		new=$(comm -13 "$out/logs/htmldocs-$kernel-vanilla.txt" "$out/logs/htmldocs-$kernel-patched.txt")
		if [ -z "$new" ]; then
			record PASS "$result"
			result_store "$key"
		else
			record FAIL "$result" \
				"$(echo "$new" | wc -l) new in Documentation/{${dirs// /,}}: $(echo "$new" | head -1)"
		fi
	else
		record FAIL "$result" "$(tail -1 "$logf")"
	fi
}

# The harness's own model (scripts/harness): its unit tests, one result
# each, "harness/model/MODULE/CASE".
check_model()
{
	local logf=$out/logs/harness-model.log st name
	(cd "$PS_TOP/scripts" && "$PS_PYTHON" -P -m unittest discover -v \
		-s harness/tests -t .) > "$logf" 2>&1
	local rc=$?
	# "test_x (harness.tests.test_m.Class.test_x) ... ok"
	while read -r name st; do
		case $st in
		ok) record PASS "harness/model/$name" ;;
		skipped*) record SKIP "harness/model/$name" ;;
		*) record FAIL "harness/model/$name" "$st; log: $logf" ;;
		esac
	done < <(sed -n 's/^test[^ ]* (harness\.tests\.test_\([^)]*\)) \.\.\. \(.*\)$/\1 \2/p' "$logf")
	grep -q '^OK' "$logf" && [ $rc = 0 ] ||
		record FAIL "harness/model" "unit tests did not pass: $(tail -1 "$logf"); log: $logf"
}

# check_bisect SERIES ARCH: the tree builds after every patch of SERIES.
# gen-patches.sh --bisect configures from the vanilla plain kernel of
# ARCH, so that is built first (nothing to do when it is cached; on a
# cold cache only x86_64's is there yet, from the style gates).
check_bisect()
{
	local name=$(basename "$1") arch=$2 base=$(series_base "$1") logf tree kb key=
	logf=$out/logs/bisect-$name-$arch.log
	if tree=$("$PS_TOP/scripts/kernel-src.sh" "$base" 2> "$logf") &&
	   kb=$("$PS_TOP/scripts/kernel-build.sh" "$tree" "$arch" plain 2>> "$logf"); then
		# The result cache (see guest_run): the same patches on the
		# same tree and config, by the same compiler and scripts.
		key=bisect-$name-$arch-$(cat "$1"/*.patch "$1"/kernel.config \
			"$kb/.config" "$PS_TOP/scripts/gen-patches.sh" \
			"$PS_TOP/scripts/lib.sh" 2>/dev/null |
			{ cat; "$(ps_cross_compile "$arch")gcc" --version;
			  source_stamp "$base"; } |
			sha256sum | cut -c1-16)
	fi
	if [ -n "$key" ] && result_hit "$key"; then
		echo "bisect-$name-$arch" >> "$out/cached"
		log "  $name on $arch: built patch by patch on $(cat "$PS_RESULTS/$key/date") from the same inputs (FRESH=1 builds again)"
		record PASS "patches/$name/builds-patch-by-patch/$arch"
	elif [ -n "$key" ] &&
	   "$PS_TOP/scripts/gen-patches.sh" --bisect "$name" "$arch" >> "$logf" 2>&1; then
		record PASS "patches/$name/builds-patch-by-patch/$arch"
		result_store "$key"
	else
		record FAIL "patches/$name/builds-patch-by-patch/$arch" "$(tail -1 "$logf")"
	fi
}

# Static userspace test programs: every selftests/*/ or bench/*/ with a
# progs.mk is built with "make -f progs.mk CC=... OUT=...".
build_progs()
{
	local arch=$1 cross mk dir
	cross=$(ps_cross_compile "$arch")
	dir=$PS_OUT/progs/$arch
	mkdir -p "$dir"
	for mk in "$PS_TOP"/selftests/*/progs.mk "$PS_TOP"/bench/*/progs.mk; do
		[ -f "$mk" ] || continue
		make -s -C "$(dirname "$mk")" -f progs.mk CC="${cross}gcc" \
			ARCH="$arch" OUT="$dir" || return 1
	done
}

# resolve_file ARCH KBUILD MODDIR PATH: where a plan item's file is: in
# our module build, the kernel build (in-tree modules), the test programs
# or the repository.
resolve_file()
{
	local arch=$1 kb=$2 moddir=$3 path=$4 d
	for d in "$moddir" "$kb" "$PS_OUT/progs/$arch" "$PS_TOP"; do
		[ -e "$d/$path" ] && { echo "$d/$path"; return 0; }
	done
	return 1
}

# kselftest_install ARCH KBUILD TARGETS: build the kernel's kselftests
# TARGETS (a space-separated list) from the source tree of the test
# kernel KBUILD and install them as the kernel's Makefile does with O=
# (KBUILD/kselftest/kselftest_install, printed), static for the guests.
kselftest_install()
{
	local arch=$1 kb=$2 targets=$3 tree
	tree=$(dirname "$kb")
	[ -d "$tree/tools/testing/selftests" ] || {
		echo "$tree has no kselftests: not a kernel source tree" >&2
		return 1
	}
	rm -rf "$kb/kselftest/kselftest_install"
	make -C "$tree/tools/testing/selftests" O="$kb" TARGETS="$targets" \
		CROSS_COMPILE="$(ps_cross_compile "$arch")" \
		USERCFLAGS=-static FORCE_TARGETS=1 install >&2 || return 1
	echo "$kb/kselftest/kselftest_install"
}

# guest_run ARCH KBUILD VARIANT MODDIR NAME SMP MAXCPUS TCG TIMEOUT ITEM...:
# one run of the plan (SMP vCPUs, MAXCPUS possible or -, TCG threading
# single or multi: scripts/harness/plan.py); its results go to $results.
guest_run()
{
	local arch=$1 kb=$2 variant=$3 moddir=$4 name=$5 smp=$6 maxcpus=$7
	local tcg_threads=$8 timeout=$9
	local stage_dir files=() item kind path args f logf rc name_tap
	local key verdict start gpid
	shift 9
	[ "$maxcpus" != - ] || maxcpus=
	stage_dir=$(mktemp -d)
	: > "$stage_dir/plan"
	for item in "$@"; do
		kind=${item%%:*}
		item=${item#*:}
		if [ "$kind" = kselftest ]; then
			if ! f=$(kselftest_install "$arch" "$kb" "${item//,/ }" \
				 2> "$out/logs/$name.kselftest.log"); then
				record FAIL "$name/kselftest-build" \
					"$(grep -m1 -E 'error|Error' "$out/logs/$name.kselftest.log")"
				rm -rf "$stage_dir"
				return
			fi
			files+=("$f")
			continue
		fi
		case $kind in
		tap) args=${item#*:}; name_tap=${item%%:*} ;;
		*) args=$item ;;
		esac
		path=${args%%,*}
		[[ $args == *,* ]] && args=${args#*,} || args=
		if ! f=$(resolve_file "$arch" "$kb" "$moddir" "$path"); then
			record FAIL "$name/$path" "no such file: plan item cannot run"
			rm -rf "$stage_dir"
			return
		fi
		files+=("$f")
		case $kind in
		data) continue ;;
		tap) echo "tap $name_tap $(basename "$f") ${args//,/ }" ;;
		*) echo "$kind $(basename "$f") ${args//,/ }" ;;
		esac >> "$stage_dir/plan"
	done
	logf=$out/logs/$name.log
	key=$(guest_run_key "$arch" "$kb" "$stage_dir/plan" \
		"$arch $variant $smp/$maxcpus $tcg_threads $timeout" "${files[@]}")
	if result_hit "$key" && cached_guest_run "$key" "$logf"; then
		echo "$name" >> "$out/cached"
		log "  $name: inputs unchanged since a passing run of $(cat "$PS_RESULTS/$key/date"): its log is judged again, the guest not booted (FRESH=1 boots it)"
		rc=0
		"$PS_TOP/scripts/log-check.sh" "$logf" 2>> "$logf.err" || rc=1
	else
		start=$(date +%s)
		VM_TCG_THREADS=$tcg_threads "$PS_TOP/scripts/guest.sh" -a "$arch" -k "$kb" -v "$variant" -s "$smp" \
			${maxcpus:+-m "$maxcpus"} -t "$timeout" -l "$logf" \
			"$PS_TOP/scripts/guest-check.sh" "$stage_dir/plan" "${files[@]}" \
			2> "$logf.err" &
		gpid=$!
		# a line a minute while it runs: test results so far, of those
		# of its last passing run (scripts/harness/progress.py)
		ps_py progress-watch --pid $gpid --log "$logf" --unit results \
			--every "${PS_PROGRESS_GUEST_SECS:-60}" --key "guest-$name" \
			--label "$name: guest" || true
		wait $gpid
		rc=$?
		[ $rc != 0 ] || ps_py progress-record --log "$logf" --unit results \
			--key "guest-$name" --seconds $(($(date +%s) - start)) || true
	fi
	# A verdict that cannot be made is a failure, never a silent pass.
	verdict=$("$kunit_py_verdict" "$kunit_py" "$logf" "$name" 2>> "$logf.err") ||
		verdict+=$'\n'"FAIL	$name/verdict"
	echo "$verdict" | sed '/^$/d' | results_add
	echo "$verdict" | sed -n 's/^FAIL\t/  FAIL: /p' >&2
	if [ $rc = 0 ]; then
		record PASS "$name/guest"
		echo "$verdict" | grep -q '^FAIL' || result_store "$key" "$logf"
	else
		record FAIL "$name/guest" "$(tail -1 "$logf.err")"
	fi
	rm -rf "$stage_dir"
}

# The result cache.  A guest run whose inputs are byte for byte those of
# a run that passed before - the kernel image and config, every file
# copied into the guest, the run's plan and parameters, the scripts that
# build and boot the guest, busybox and QEMU - would print the same log
# again, up to the timing of its stress tests.  make check then reuses
# that log instead of booting, and judges it again (log-check.sh, then
# the verdict), so a stricter judge applies to old logs too.  Only
# passing runs are stored; FRESH=1 boots every run (CI does).  Like "go
# test" caching: a warm make check after an edit reruns what the edit
# can change, and nothing else.
PS_RESULTS=$PS_CACHE/results

# guest_run_key ARCH KBUILD PLAN PARAMS FILE...: the hash of a run's inputs.
guest_run_key()
{
	local arch=$1 kb=$2 plan=$3 params=$4 f
	local qemu kernel_image machine console smp cpu_kargs
	shift 4
	eval "$(ps_arches qemu "$arch" 1)"	# scripts/harness/arches.py
	{
		echo "$params"
		cat "$plan"
		sha256sum < "$kb/$kernel_image"
		sha256sum < "$kb/.config"
		for f in "$@"; do
			echo "file $(basename "$f")"
			if [ -d "$f" ]; then
				(cd "$f" && find . -type f | sort | xargs -r sha256sum)
			else
				sha256sum < "$f"
			fi
		done
		guest_harness_id "$arch" "$qemu"
	} | sha256sum | cut -c1-16
}

# guest_harness_id ARCH QEMU: what the guest's side of the harness is
# made of, and the QEMU that runs it.
guest_harness_id()
{
	local f
	for f in guest.sh guest-check.sh guest-init.sh initramfs.sh vm-run.sh \
		 busybox.sh lib.sh harness/arches.py; do
		sha256sum < "$PS_TOP/scripts/$f"
	done
	sha256sum < "$("$PS_TOP/scripts/busybox.sh" "$1")"
	"$2" --version | head -1
	# how vm-run.sh runs it
	echo "accel=${VM_ACCEL:-tcg} cpu=${VM_CPU:-max}"
}

# result_hit KEY: a passing result is stored under KEY and FRESH=1 is
# not set.  Marks the entry used (see prune_results).
result_hit()
{
	[ "${FRESH:-0}" = 0 ] && [ -f "$PS_RESULTS/$1/date" ] || return 1
	touch "$PS_RESULTS/$1"
}

# result_store KEY [LOG]: remember a passing result under KEY, with the
# guest's console log LOG and its LOG.err if it has them.
result_store()
{
	local d=$PS_RESULTS/$1
	mkdir -p "$PS_RESULTS"
	rm -rf "$d.tmp"
	mkdir "$d.tmp" &&
		{ [ -z "${2:-}" ] || { cp "$2" "$d.tmp/log" && cp "$2.err" "$d.tmp/err"; }; } &&
		date '+%Y-%m-%d %H:%M' > "$d.tmp/date" &&
		rm -rf "$d" && mv "$d.tmp" "$d"
}

# cached_guest_run KEY LOG: copy the log stored under KEY to LOG.
cached_guest_run()
{
	cp "$PS_RESULTS/$1/log" "$2" && cp "$PS_RESULTS/$1/err" "$2.err"
}

# The result cache must tell changed inputs from unchanged ones, and
# FRESH=1 must bypass it.  Works on a fake kernel build and its own
# cache directory; boots nothing.
check_result_cache()
{
	local tmp PS_RESULTS k1 k2 k3 k4 k5 ok=1 FRESH=0
	tmp=$(mktemp -d)
	PS_RESULTS=$tmp/results
	mkdir -p "$tmp/kb/arch/x86/boot"
	echo image > "$tmp/kb/arch/x86/boot/bzImage"
	echo CONFIG_X=y > "$tmp/kb/.config"
	echo "tap t prog" > "$tmp/plan"
	echo v1 > "$tmp/prog"
	echo log > "$tmp/log"
	: > "$tmp/log.err"

	k1=$(guest_run_key x86_64 "$tmp/kb" "$tmp/plan" "p" "$tmp/prog")
	k2=$(guest_run_key x86_64 "$tmp/kb" "$tmp/plan" "p" "$tmp/prog")
	echo v2 > "$tmp/prog"
	k3=$(guest_run_key x86_64 "$tmp/kb" "$tmp/plan" "p" "$tmp/prog")
	echo image2 > "$tmp/kb/arch/x86/boot/bzImage"
	k4=$(guest_run_key x86_64 "$tmp/kb" "$tmp/plan" "p" "$tmp/prog")
	k5=$(guest_run_key x86_64 "$tmp/kb" "$tmp/plan" "q" "$tmp/prog")
	[ -n "$k1" ] && [ "$k1" = "$k2" ] && [ "$k2" != "$k3" ] &&
		[ "$k3" != "$k4" ] && [ "$k4" != "$k5" ] || ok=0

	result_store "$k1" "$tmp/log"
	result_hit "$k1" && cached_guest_run "$k1" "$tmp/out" &&
		cmp -s "$tmp/log" "$tmp/out" || ok=0
	result_hit "$k3" && ok=0
	FRESH=1 result_hit "$k1" && ok=0
	if [ $ok = 1 ]; then
		record PASS "harness/result-cache-keys-and-fresh"
	else
		record FAIL "harness/result-cache-keys-and-fresh" \
			"keys $k1 $k2 $k3 $k4 $k5, or a lookup that should (not) hit"
	fi
	rm -rf "$tmp"
}

# The guest pool must run two one-thread guests side by side and start a
# two-thread one only once one of them is over (no host thread is free
# before).  Fake runs on a pool of their own (in a subshell) with two
# host threads; boots nothing.
check_pool()
{
	local tmp PS_JOBS=2 f missing=
	tmp=$(mktemp -d)
	(
		pool_start
		pool_add 1 pool_fake "$tmp" a b
		pool_add 1 pool_fake "$tmp" b a
		pool_add 2 pool_fake "$tmp" c ""
		pool_drain
	)
	for f in a.saw-peer b.saw-peer c.after-one; do
		[ -f "$tmp/$f" ] || missing="$missing $f"
	done
	if [ -z "$missing" ]; then
		record PASS "harness/pool-runs-one-thread-guests-side-by-side"
	else
		record FAIL "harness/pool-runs-one-thread-guests-side-by-side" \
			"missing markers:$missing"
	fi
	rm -rf "$tmp"
}

# A failing kselftest_harness case must be a failure of its own, in the
# program's TAP and in what the kernel's kselftest runner makes of it.
# The program (selftests/harness/harness_fail_ksft.c) is built against
# the 6.1 headers and runs on this host: it touches nothing of the
# kernel, so no guest is needed.
check_ksft_harness()
{
	local tmp ksft lines want
	tmp=$(mktemp -d)
	ksft=$("$PS_TOP/scripts/kernel-src.sh" 6.1)/tools/testing/selftests
	# an installed layout: the runner's helpers, one collection
	mkdir "$tmp/harness"
	ln -s "$ksft/kselftest" "$tmp/kselftest"
	if ! gcc -O2 -Wall -I"$ksft/kselftest" -o "$tmp/harness/harness_fail_ksft" \
		"$PS_TOP/selftests/harness/harness_fail_ksft.c" 2> "$tmp/err"; then
		record FAIL "harness/failing-ksft-case-fails" "build: $(head -1 "$tmp/err")"
		rm -rf "$tmp"
		return
	fi
	{
		echo "probescale-begin tap:ksft"
		"$tmp/harness/harness_fail_ksft" 2>&1
		echo "probescale-end tap:ksft rc=$?"
		# the runner of run_kselftest.sh, as it runs a collection
		echo "probescale-begin tap:runner"
		# (into a pipe: it appends to /dev/stdout, a file would be
		# written at two offsets)
		(set +eu; cd "$tmp/harness" && BASE_DIR=$tmp && . "$ksft/kselftest/runner.sh" &&
			run_many ./harness_fail_ksft) 2>&1 | cat
		echo "probescale-end tap:runner rc=$?"
		echo "probescale-plan-done"
	} > "$out/logs/harness-ksft.log"
	lines=$("$kunit_py_verdict" "$kunit_py" "$out/logs/harness-ksft.log" h | sort)
	want=$(printf '%s\n' \
		'FAIL	h/tap:ksft/global.harness_fails_on_purpose' \
		'FAIL	h/tap:runner/harness:harness_fail_ksft/global.harness_fails_on_purpose' \
		'PASS	h/tap:ksft/global.harness_passes' \
		'PASS	h/tap:runner/harness:harness_fail_ksft/global.harness_passes' \
		'SKIP	h/tap:ksft/global.harness_skips' \
		'SKIP	h/tap:runner/harness:harness_fail_ksft/global.harness_skips')
	if [ "$lines" = "$want" ]; then
		record PASS "harness/failing-ksft-case-fails"
	else
		record FAIL "harness/failing-ksft-case-fails" "verdict was: $(echo $lines)"
	fi
	rm -rf "$tmp"
}

# pool_fake DIR NAME PEER: a fake run for check_pool.  With a PEER, it
# waits (up to 30 s) for the PEER to start and marks that it saw it;
# without, it marks whether another run was over when it started.
pool_fake()
{
	local dir=$1 name=$2 peer=$3 i
	: > "$dir/$name.started"
	if [ -n "$peer" ]; then
		for i in $(seq 300); do
			[ -f "$dir/$peer.started" ] && break
			sleep 0.1
		done
		[ -f "$dir/$peer.started" ] && : > "$dir/$name.saw-peer"
	elif [ -f "$dir/a.ended" ] || [ -f "$dir/b.ended" ]; then
		: > "$dir/$name.after-one"
	fi
	: > "$dir/$name.ended"
}

# prune_results: forget results not used for 30 days.
prune_results()
{
	[ -d "$PS_RESULTS" ] || return 0
	find "$PS_RESULTS" -mindepth 1 -maxdepth 1 -mtime +30 -exec rm -rf {} +
}

kunit_py_verdict=$PS_TOP/scripts/verdict.py

# kernel_dir ARCH KERNEL VARIANT TREE: the build directory of a test
# kernel: built from TREE, or for TREE "-" (a stock kernel, see
# scripts/harness/kernels.py), Debian's own kernel and headers, unpacked.
kernel_dir()
{
	if [ "$4" = - ]; then
		"$PS_TOP/scripts/stock-kernel.sh" "$2"
	else
		"$PS_TOP/scripts/kernel-build.sh" "$4" "$1" "$3"
	fi
}

# check_kernel ARCH KERNEL VARIANT TREE: build one test kernel and our
# modules for it, then boot every plan run that asks for it.
check_kernel()
{
	local arch=$1 kernel=$2 variant=$3 tree=$4 id=$1/$2/$3 kb moddir
	local name threads smp maxcpus tcg timeout items runs

	if ! kb=$(stage "$id: kernel" kernel_dir "$arch" "$kernel" "$variant" \
		  "$tree"); then
		record FAIL "$id/kernel-build"
		return
	fi
	if ! moddir=$(stage "$id: modules" "$PS_TOP/scripts/modules.sh" "$kb" "$arch"); then
		record FAIL "$id/modules"
		return
	fi
	[ "$arch/$kernel/$variant" = x86_64/vanilla/plain ] &&
		stage "harness self-tests" check_harness "$kb" "$moddir"

	# PS_ONLY=REGEX: only the plan runs whose name matches (a
	# developer's shortcut; the summary then counts only those).
	if ! runs=$(ps_py plan-runs --only "${PS_ONLY:-}" --jobs "$PS_JOBS" \
		    "$arch" "$kernel" "$variant"); then
		record FAIL "$id/plan" "selftests/check.plan: see the message above"
		return
	fi
	while read -r name threads smp maxcpus tcg timeout items; do
		[ -n "$name" ] || continue
		# shellcheck disable=SC2086
		pool_add "$threads" \
			stage "$id: $name" guest_run "$arch" "$kb" "$variant" \
			"$moddir" "$arch-$kernel-$variant-$name" "$smp" "$maxcpus" \
			"$tcg" "$timeout" $items
	done <<< "$runs"
}

# The guest pool.  Guest runs are queued (pool_add) and run in the
# background, several at once, while check.sh goes on to the next kernel
# and builds it.  A guest on single-threaded TCG keeps one host thread
# busy, any other one thread per vCPU, up to PS_JOBS (GuestSize in
# scripts/harness/guests.py).  A scheduler in the
# background (pool_scheduler, started by pool_start) takes the queued
# runs in plan order, skipping those that do not fit, and starts one
# whenever a host thread is free: two one-thread guests run side by
# side, and a bigger guest may start beside a one-thread one (one thread
# more than PS_JOBS is then busy) rather than leave a core idle.  The
# XOL selftests and the bench-module test are one-thread guests, and the
# slowest runs of make check.  Each run records its own results;
# pool_drain waits for all of them.

# pool_start: start the scheduler, reading its queue from a FIFO.
pool_start()
{
	pool_dir=$(mktemp -d)
	mkfifo "$pool_dir/queue"
	pool_scheduler < "$pool_dir/queue" &
	pool_pid=$!
	exec {pool_fd}> "$pool_dir/queue"
}

# pool_add THREADS CMD...: queue CMD, which needs THREADS host threads.
pool_add()
{
	local need=$1 cmd
	shift
	printf -v cmd '%q ' "$@"
	echo "$need $cmd" >&"$pool_fd"
}

# pool_drain: wait until everything queued has run.
pool_drain()
{
	echo END >&"$pool_fd"
	exec {pool_fd}>&-
	wait "$pool_pid"
	rm -rf "$pool_dir"
}

# pool_scheduler: the pool's own process.  Reads "THREADS COMMAND" lines
# up to END from stdin; notices within a second that a run is over (each
# run leaves a marker file named by its pid when it ends).
pool_scheduler()
{
	local line i pid busy=0 ended=0 cmds=() needs=()
	local -A running=()

	while [ $ended = 0 ] || [ ${#cmds[@]} -gt 0 ] ||
	      [ ${#running[@]} -gt 0 ]; do
		if [ $ended = 0 ]; then
			while IFS= read -r -t 1 line; do
				[ "$line" = END ] && { ended=1; break; }
				needs+=("${line%% *}")
				cmds+=("${line#* }")
			done
		else
			sleep 1
		fi
		for pid in "${!running[@]}"; do
			[ -f "$pool_dir/$pid" ] || continue
			wait "$pid"
			busy=$((busy - running[$pid]))
			unset "running[$pid]"
		done
		for i in "${!cmds[@]}"; do
			[ $busy -lt "$PS_JOBS" ] || break
			[ $busy -eq 0 ] ||
				[ $((busy + needs[i])) -le $((PS_JOBS + 1)) ] ||
				continue
			# not the queue: a run must not read it
			(eval "${cmds[i]}" < /dev/null; : > "$pool_dir/$BASHPID") &
			running[$!]=${needs[i]}
			busy=$((busy + needs[i]))
			unset 'cmds[i]' 'needs[i]'
		done
	done
}

# The harness must fail a failing KUnit case, a TAP program that dies
# before its last case, a WARN in the log, and a guest that never powers
# off - each for the right reason.
check_harness()
{
	local kb=$1 moddir=$2 tmp rc lines
	tmp=$(mktemp -d)

	echo "kunit harness_fail_kunit.ko" > "$tmp/plan"
	"$PS_TOP/scripts/guest.sh" -k "$kb" -t 120 -l "$out/logs/harness-kunit.log" \
		"$PS_TOP/scripts/guest-check.sh" "$tmp/plan" \
		"$moddir/selftests/harness/harness_fail_kunit.ko" 2>/dev/null
	lines=$("$kunit_py_verdict" "$kunit_py" "$out/logs/harness-kunit.log" h | sort)
	if [ "$lines" = "$(printf 'FAIL\th/kunit:harness_fail_kunit/probescale_harness_fail/harness_fails_on_purpose\nPASS\th/kunit:harness_fail_kunit/probescale_harness_fail/harness_passes')" ]; then
		record PASS "harness/failing-kunit-case-fails"
	else
		record FAIL "harness/failing-kunit-case-fails" "verdict was: $(echo $lines)"
	fi

	# A TAP program that dies after its first case: the cases it never
	# reached are failures, each named by its number.
	printf '#!/bin/sh\necho "TAP version 13"\necho "1..3"\necho "ok 1 reached"\nkill -9 $$\n' \
		> "$tmp/dies.sh"
	chmod +x "$tmp/dies.sh"
	echo "tap dies dies.sh" > "$tmp/plan"
	"$PS_TOP/scripts/guest.sh" -k "$kb" -t 120 -l "$out/logs/harness-dies.log" \
		"$PS_TOP/scripts/guest-check.sh" "$tmp/plan" "$tmp/dies.sh" 2>/dev/null
	lines=$("$kunit_py_verdict" "$kunit_py" "$out/logs/harness-dies.log" h | sort)
	if [ "$lines" = "$(printf 'FAIL\th/tap:dies/(test 2 missing)\nFAIL\th/tap:dies/(test 3 missing)\nPASS\th/tap:dies/reached')" ]; then
		record PASS "harness/program-dying-mid-tap-fails"
	else
		record FAIL "harness/program-dying-mid-tap-fails" "verdict was: $(echo $lines)"
	fi

	echo "lib harness_warn.ko" > "$tmp/plan"
	"$PS_TOP/scripts/guest.sh" -k "$kb" -t 120 -l "$out/logs/harness-warn.log" \
		"$PS_TOP/scripts/guest-check.sh" "$tmp/plan" \
		"$moddir/selftests/harness/harness_warn.ko" 2> "$tmp/err"
	rc=$?
	if [ $rc != 0 ] && grep -q 'kernel report.*WARNING' "$tmp/err"; then
		record PASS "harness/warn-in-log-fails"
	else
		record FAIL "harness/warn-in-log-fails" "exit $rc: $(tail -1 "$tmp/err")"
	fi

	check_ksft_harness
	check_result_cache
	check_pool

	printf 'echo "this guest never powers off"\nwhile :; do sleep 1; done\n' > "$tmp/hang.sh"
	"$PS_TOP/scripts/guest.sh" -k "$kb" -t 20 -l "$out/logs/harness-hang.log" \
		"$tmp/hang.sh" 2> "$tmp/err"
	rc=$?
	if [ $rc = 124 ] && grep -q 'did not power off' "$tmp/err"; then
		record PASS "harness/hung-guest-fails"
	else
		record FAIL "harness/hung-guest-fails" "exit $rc: $(tail -1 "$tmp/err")"
	fi
	rm -rf "$tmp"
}
