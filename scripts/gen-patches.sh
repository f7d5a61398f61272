#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gen-patches.sh SERIES                 regenerate patches/SERIES/
# gen-patches.sh --all                  regenerate every series (make patches)
# gen-patches.sh --check SERIES         exit 1 if patches/SERIES/ is stale
# gen-patches.sh --bisect SERIES ARCH   build patches/SERIES/ patch by patch
#
# A series is a git format-patch series against a vanilla kernel, made of
#  - generated commits: files of this repository (the module sources) copied
#    into the kernel tree, with include lines rewritten, plus a small
#    hand-kept diff that wires them into the kernel build;
#  - hand-written patches (the changes to existing kernel code), applied
#    with "git am".
# The config file patches/SERIES/series.conf lists them in order.  Every
# path in it is relative to patches/SERIES/, except the SRC of "copy"
# (relative to the top of this repository) and its DST (relative to the
# kernel tree).  One directive per line; '#' starts a comment line:
#
#   base VERSION        kernel the series applies to (see kernel-src.sh)
#   prefix TEXT         subject prefix, e.g. "RFC PATCH v2"
#   date DATE           author and commit date of every patch (any date
#                       git accepts); fixed so that output is reproducible
#   cover FILE          cover letter: subject line, blank line, body
#   numbers DIR         bench results (bench/results/NAME, relative to
#                       the top of this repository) that fill the
#                       {{...}} tokens of the messages and the cover
#                       letter (scripts/harness/quote.py)
#   cover-numbers DIR   bench results for the cover letter's tokens
#                       instead of those of "numbers" (a series whose
#                       messages quote another kernel's run: the cover
#                       letter's numbers can change without changing a
#                       patch, and so without rebuilding a test kernel)
#   rewrite SED-EXPR    sed expression applied to every copied file, e.g.
#                       s|#include "objpool.h"|#include <linux/objpool.h>|
#   commit MSGFILE      start a generated commit; MSGFILE is its message
#   copy SRC DST        add SRC to the current generated commit as DST
#   apply DIFF          add the changes of DIFF (git diff format, made
#                       against the tree as it is at that point of the
#                       series) to the current generated commit; @IDENT@
#                       in it stands for the identity (see below)
#   am PATCH            apply a hand-written patch (git format-patch
#                       output) with git am
#
# Output: patches/SERIES/0000-cover-letter.patch and NNNN-*.patch, from
# git format-patch --cover-letter --base with a fixed date and git config,
# so the output is byte-identical as long as the inputs and the identity
# are.  The author of every patch, and its Signed-off-by (added here: the
# message files and hand-written patches carry none), is whoever runs the
# script: git's user.name and user.email in this repository, or
# PS_PATCH_IDENT="Name <email>".  --check regenerates with the identity
# the committed patches carry and ignores Date: lines, so it tells only
# whether the content is stale.
#
# The series is made in a sparse clone of a git import of the whole
# vanilla tree (made once from Debian's tarball with a fixed identity and
# the tarball's own date, so its hash is the same on every machine): that
# commit is the series' base-commit, and only the files the series
# touches are checked out.
#
# To change a hand-written patch: apply the series to a tree
# (scripts/kernel-src.sh VERSION patches/SERIES prints one), edit, commit,
# "git format-patch -1" the commit over the old file in patches/SERIES/,
# and run this script.  A generated commit changes by editing the module
# sources, its message file or its wiring diff.
#
# --bisect applies the series to a copy of the vanilla tree (kept in the
# cache, reset on every run) one patch at a time, and after each patch
# runs olddefconfig on the ARCH "plain" test kernel config (with the
# Kconfig symbols the series adds switched on) and builds the directories
# holding the files the patch touches (for a header: those holding the C
# files of the series), with W=1, and the kselftests it touches
# (tools/testing/selftests/DIR, with "make -C tools/testing/selftests
# TARGETS=DIR" for ARCH).  It stops at the first patch that does not
# apply, configure or build.
set -eu -o pipefail
. "$(dirname "$0")/lib.sh"

usage()
{
	die "usage: gen-patches.sh [--check] SERIES | --all | --bisect SERIES ARCH"
}

mode=gen
case "${1:-}" in
--all)
	[ $# -eq 1 ] || usage
	for conf in "$PS_TOP"/patches/*/series.conf; do
		[ -f "$conf" ] || continue
		"$0" "$(basename "$(dirname "$conf")")" || exit 1
	done
	exit 0
	;;
--check) mode=check; shift ;;
--bisect) mode=bisect; shift ;;
-*) usage ;;
esac
[ $# -ge 1 ] || usage
series=${1%/}
series=${series#patches/}
sdir=$PS_TOP/patches/$series
conf=$sdir/series.conf
[ -f "$conf" ] || die "$conf missing: '$series' is not a patch series"

# The identity that signs the series off: PS_PATCH_IDENT, else git's.
# Read before git is cut off from the user's configuration below.
ident=${PS_PATCH_IDENT:-}
if [ -z "$ident" ]; then
	name=$(git -C "$PS_TOP" config user.name || true)
	email=$(git -C "$PS_TOP" config user.email || true)
	[ -n "$name" ] && [ -n "$email" ] ||
		die "no identity to sign the patches off with: set git's user.name and user.email, or PS_PATCH_IDENT=\"Name <email>\""
	ident="$name <$email>"
fi

# A git whose output does not depend on how git is set up.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export TZ=UTC LC_ALL=C

# set_ident "Name <email>": author and committer of what git makes next.
set_ident()
{
	case "$1" in
	?*' <'?*@?*'>') ;;
	*) die "'$1' is not an identity of the form 'Name <email>'" ;;
	esac
	export GIT_AUTHOR_NAME=${1% <*} GIT_AUTHOR_EMAIL=${1##* <}
	GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL%>}
	export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
	export GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
}

# Read series.conf into the settings and the list of steps.
base= prefix=PATCH date= cover= numbers= cover_numbers= rewrites=() steps=()
while IFS= read -r line || [ -n "$line" ]; do
	case "$line" in ''|'#'*) continue ;; esac
	key=${line%%[[:space:]]*}
	arg=${line#"$key"}
	arg=${arg#"${arg%%[![:space:]]*}"}
	case "$key" in
	base) base=$arg ;;
	prefix) prefix=$arg ;;
	date) date=$arg ;;
	cover) cover=$sdir/$arg ;;
	numbers) numbers=$PS_TOP/$arg
		 [ -d "$numbers" ] || die "$conf: bench results $arg missing" ;;
	cover-numbers) cover_numbers=$PS_TOP/$arg
		 [ -d "$cover_numbers" ] || die "$conf: bench results $arg missing" ;;
	rewrite) rewrites+=(-e "$arg") ;;
	commit|copy|apply|am) steps+=("$key $arg") ;;
	*) die "$conf: unknown directive '$key'" ;;
	esac
done < "$conf"
[ -n "$base" ] || die "$conf: no 'base' line"
[ -n "$date" ] || die "$conf: no 'date' line"
export GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date
set_ident "$ident"

# Paths of the kernel tree a diff or patch file touches.
diff_paths()
{
	sed -n 's|^diff --git a/\([^ ]*\) b/\([^ ]*\)$|\1\n\2|p' "$1"
}

# quote FILE [DIR]: FILE with its bench number tokens filled from DIR
# (default: the "numbers" results).
quote()
{
	local numbers=${2:-$numbers}

	if [ -n "$numbers" ]; then
		ps_py quote "$numbers" < "$1" ||
			die "$1: bench numbers could not be filled in"
	elif grep -q '{{' "$1"; then
		die "$1 quotes bench numbers, but $conf has no 'numbers' line"
	else
		cat "$1"
	fi
}

# series_patches [DIR]: the patches of the series in DIR (default: the
# series' own directory), as kernel-src.sh finds them.
series_patches()
{
	find "${1:-$sdir}" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
		! -name '0000-cover-letter.patch' | sort
}

# base_repo: print the git import of the whole vanilla tree of $base,
# tagged "base", making it first (once per machine, about a minute).  It
# is made from Debian's tarball, not from the unpacked tree of the cache
# (builds and tools may write there), with a fixed identity and the
# tarball's own date, so that its commit hash, the series' base-commit,
# is the same wherever it is made.
base_repo()
{
	local repo=$PS_CACHE/gen-patches/linux-$base-git tarball pkg tmp when ver

	mkdir -p "$PS_CACHE/gen-patches"
	(
		flock 8
		[ -d "$repo/.git" ] && exit 0
		read -r tarball pkg < <("$PS_TOP/scripts/kernel-src.sh" --tarball "$base")
		log "importing $pkg into git (once): $repo"
		rm -rf "$repo.tmp"
		mkdir -p "$repo.tmp"
		tar -C "$repo.tmp" -xf "$tarball"
		tmp=$repo.tmp/$pkg
		when="@$(stat -c %Y "$tmp/Makefile") +0000"
		ver=$(make -s -C "$tmp" kernelversion)
		git -C "$tmp" init -q
		# -f: Debian's .gitignore ignores everything at the top level.
		git -C "$tmp" add -A -f
		GIT_AUTHOR_NAME=$pkg GIT_AUTHOR_EMAIL=$pkg@packages.debian.org \
		GIT_COMMITTER_NAME=$pkg GIT_COMMITTER_EMAIL=$pkg@packages.debian.org \
		GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when \
			git -C "$tmp" commit -q -m "Linux $ver, as Debian's $pkg has it"
		git -C "$tmp" tag base
		mv "$tmp" "$repo"
		rm -rf "$repo.tmp"
	) 8>"$repo.lock" >&2 || die "could not import Linux $base into git"
	echo "$repo"
}

# gen_series OUTDIR: make the series and format it into OUTDIR.
gen_series()
{
	local out=$1 repo step key arg src dst msg ident_sed base_git first

	repo=$work/repo
	mkdir -p "$out"

	# A clone of the vanilla tree with only the files the series touches
	# checked out.
	base_git=$(base_repo)
	git clone -q --shared --no-checkout "$base_git" "$repo"
	for step in "${steps[@]}"; do
		key=${step%% *} arg=${step#* }
		case "$key" in
		copy) echo "/${arg#* }" ;;
		apply|am) [ -f "$sdir/$arg" ] || die "$sdir/$arg missing"
			  diff_paths "$sdir/$arg" | sed 's|^|/|' ;;
		esac
	done | sort -u | git -C "$repo" sparse-checkout set --no-cone --stdin
	git -C "$repo" checkout -q -b series base
	# @IDENT@ in a wiring diff (a MAINTAINERS entry) is the identity.
	ident_sed=$(printf '%s <%s>' "$GIT_AUTHOR_NAME" "$GIT_AUTHOR_EMAIL" |
		sed 's/[&/\]/\\&/g')

	# Generated commits are committed when the next step starts.
	msg=
	flush()
	{
		[ -n "$msg" ] || return 0
		git -C "$repo" add -A -f
		quote "$msg" > "$work/msg"
		git -C "$repo" commit -q -s -F "$work/msg"
		msg=
	}
	for step in "${steps[@]}"; do
		key=${step%% *} arg=${step#* }
		case "$key" in
		commit)
			flush
			msg=$sdir/$arg
			[ -f "$msg" ] || die "$conf: message file $arg missing"
			;;
		copy)
			[ -n "$msg" ] || die "$conf: 'copy' outside a 'commit'"
			src=$PS_TOP/${arg%% *} dst=${arg#* }
			[ -f "$src" ] || die "$conf: $src missing (copy $arg)"
			mkdir -p "$repo/$(dirname "$dst")"
			sed -e "" "${rewrites[@]}" "$src" > "$repo/$dst"
			;;
		apply)
			[ -n "$msg" ] || die "$conf: 'apply' outside a 'commit'"
			sed "s/@IDENT@/$ident_sed/g" "$sdir/$arg" |
				git -C "$repo" apply ||
				die "$conf: $arg does not apply at this point of the series"
			;;
		am)
			flush
			quote "$sdir/$arg" > "$work/am.patch"
			git -C "$repo" am -q "$work/am.patch" ||
				die "$conf: $arg does not apply at this point of the series"
			# The series' date and identity, not the patch file's.
			git -C "$repo" commit -q --amend --no-edit --reset-author \
				--date="$date" -s
			;;
		esac
	done
	flush

	# -B: a file the series rewrites (a kernel's own objpool replaced
	# by ours) is shown as removed and added whole, not as a mix of old
	# and new lines that reviewers and checkpatch cannot read.
	format()
	{
		git -C "$repo" format-patch -q -B --cover-letter --zero-commit \
			--no-signature --abbrev=12 --subject-prefix="$prefix" \
			--base="$(git -C "$repo" rev-parse base)" "$@" base..series
	}
	# Cc: whom scripts/get_maintainer.pl names for the series, by the
	# MAINTAINERS file the series leaves behind, but its author.
	format -o "$work/first"
	git -C "$repo" show series:MAINTAINERS > "$work/MAINTAINERS"
	mapfile -t first < <(series_patches "$work/first")
	mapfile -t cc < <(cd "$base_git" && scripts/get_maintainer.pl \
		--no-rolestats --no-git --no-git-fallback --no-fixes \
		--mpath "$work/MAINTAINERS" "${first[@]}" |
		grep -vxF "$GIT_AUTHOR_NAME <$GIT_AUTHOR_EMAIL>")
	[ ${#cc[@]} -gt 0 ] || die "get_maintainer.pl named nobody for $series"
	format -o "$out" "${cc[@]/#/--cc=}"

	# Put the cover letter's subject and text in.
	[ -n "$cover" ] && [ -f "$cover" ] || die "$conf: no cover letter file"
	quote "$cover" "$cover_numbers" > "$work/cover"
	awk -v cover="$work/cover" '
		BEGIN {
			getline subject < cover
			getline blank < cover
			while ((getline l < cover) > 0)
				body = body l "\n"
		}
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subject) }
		/^\*\*\* BLURB HERE \*\*\*$/ { printf "%s", body; next }
		{ print }
	' "$out/0000-cover-letter.patch" > "$out/cover.tmp"
	mv "$out/cover.tmp" "$out/0000-cover-letter.patch"
}

# bisect_series ARCH: apply and build the series patch by patch.
bisect_series()
{
	local arch=$1 tree build cfg p n=0 objdirs f syms

	ps_arch_check "$arch"
	cfg=$("$PS_TOP/scripts/kernel-src.sh" "$base")/build-$arch-plain/.config
	[ -f "$cfg" ] || die "$cfg missing: build the vanilla $arch plain test kernel first"
	mapfile -t patches < <(series_patches)
	[ ${#patches[@]} -gt 0 ] || die "patches/$series has no patches: run gen-patches.sh $series"

	# A clone of the vanilla tree (base_repo) for each series, so that
	# bisecting two series at once is safe; a lock keeps two runs from
	# sharing a clone.
	base_git=$(base_repo)
	tree=$PS_CACHE/gen-patches/$series-bisect-$base
	exec 9>"$tree.lock"
	flock 9
	if [ ! -d "$tree/.git" ]; then
		log "cloning $base_git to $tree"
		rm -rf "$tree"
		git clone -q --shared "$base_git" "$tree"
	fi
	git -C "$tree" rev-parse -q --verify base >/dev/null ||
		die "$tree has no 'base' tag: remove it"
	# This run holds the clone's lock: a git lock file in it was left by
	# a run that was killed, and would make every git command fail.
	rm -f "$tree/.git/index.lock"
	git -C "$tree" am --abort >/dev/null 2>&1 || true
	git -C "$tree" reset -q --hard base
	git -C "$tree" clean -q -f -d -x -e '/build-*'

	build=$tree/build-$arch-bisect
	mkdir -p "$build"
	cp "$cfg" "$build/.config"
	ps_ccache_env

	# The directories holding the C files of the series (kbuild's:
	# tools/ is user space, built by its own Makefiles).
	cdirs=$(for p in "${patches[@]}"; do diff_paths "$p"; done |
		grep -v '^tools/' | grep '\.c$' | xargs -r -n1 dirname | sort -u)

	for p in "${patches[@]}"; do
		n=$((n + 1))
		log "[$n/${#patches[@]}] $(basename "$p")"
		git -C "$tree" am -q "$p" ||
			die "$(basename "$p") does not apply on top of the patches before it"

		# The symbols the patch adds, and the series' own kernel.config
		# (as kernel-build.sh merges it), once they exist.
		syms=$(sed -n 's/^+\(menu\)\?config \([A-Z0-9_]*\)$/\2/p' "$p")
		for f in $syms; do
			"$tree/scripts/config" --file "$build/.config" --enable "$f"
		done
		if [ -f "$sdir/kernel.config" ]; then
			sed -n 's/^CONFIG_\([A-Z0-9_]*\)=\(.*\)$/\1 \2/p' \
				"$sdir/kernel.config" | while read -r f val; do
				"$tree/scripts/config" --file "$build/.config" \
					--set-val "$f" "$val"
			done
		fi
		# and what the patched test kernels enable (kernel-build.sh):
		# options a later patch adds are dropped by olddefconfig
		# until that patch is in.
		sed -n 's/^CONFIG_\([A-Z0-9_]*\)=\([ym]\)$/\1 \2/p' \
			"$PS_TOP/patches/$series/kernel.config" 2>/dev/null |
		while read -r f v; do
			if [ "$v" = m ]; then
				"$tree/scripts/config" --file "$build/.config" --module "$f"
			else
				"$tree/scripts/config" --file "$build/.config" --enable "$f"
			fi
		done
		(cd "$tree" && ps_kmake "$arch" O="$build" olddefconfig) \
			>"$build/bisect.log" 2>&1 ||
			{ cat "$build/bisect.log" >&2
			  die "$(basename "$p"): olddefconfig failed"; }

		# A kselftest the patch touches builds with its lib.mk, for
		# ARCH, into the bisect build (O=).
		for f in $(diff_paths "$p" | sed -n \
			's|^tools/testing/selftests/\([^/]*\)/.*|\1|p' | sort -u); do
			echo "  building kselftest $f"
			make -C "$tree/tools/testing/selftests" O="$build" \
				TARGETS="$f" FORCE_TARGETS=1 \
				CROSS_COMPILE="$(ps_cross_compile "$arch")" \
				>>"$build/bisect.log" 2>&1 ||
				{ grep -E 'error|Error' "$build/bisect.log" | head -20 >&2
				  die "$(basename "$p"): kselftest $f does not build for $arch; log: $build/bisect.log"; }
		done
		mapfile -t objdirs < <(diff_paths "$p" | sort -u |
			while IFS= read -r f; do
				case "$f" in
				tools/*) ;;
				*.h) echo "$cdirs" ;;
				*.c) dirname "$f" ;;
				esac
			done | sort -u | sed 's|$|/|')
		[ ${#objdirs[@]} -gt 0 ] || { echo "  nothing to build"; continue; }
		mapfile -t cfiles < <(diff_paths "$p" | grep -v '^tools/' |
			grep '\.c$' | sort -u)
		for f in "${cfiles[@]}"; do
			rm -f "$build/${f%.c}.o"
		done
		echo "  building ${objdirs[*]}"
		(cd "$tree" && ps_kmake "$arch" O="$build" W=1 "${objdirs[@]}") \
			>>"$build/bisect.log" 2>&1 ||
			{ grep -E 'error|Error' "$build/bisect.log" | head -20 >&2
			  die "$(basename "$p") does not build for $arch; log: $build/bisect.log"; }
		# A C file the config does not enable (a library nothing selects
		# yet) is compiled on its own if it can be; if not, it is not
		# part of this architecture's build and is only reported.
		for f in "${cfiles[@]}"; do
			[ -f "$tree/$f" ] && [ ! -f "$build/${f%.c}.o" ] || continue
			if (cd "$tree" && ps_kmake "$arch" O="$build" W=1 "${f%.c}.o") \
				>>"$build/bisect.log" 2>&1; then
				echo "  $f: not enabled for $arch, compiled on its own"
			else
				echo "  $f: not enabled for $arch, does not build on its own:"
				grep -m3 -F "$f:" "$build/bisect.log" | sed 's/^/    /'
			fi
		done
		for f in $(diff_paths "$p" | sort -u); do
			grep -F "$f:" "$build/bisect.log" | grep -i warning || true
		done
	done
	log "all ${#patches[@]} patches of $series build for $arch"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$mode" in
gen)
	gen_series "$work/out"
	find "$sdir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
	cp "$work"/out/*.patch "$sdir/"
	log "patches/$series: $(find "$work/out" -name '*.patch' | wc -l) files"
	;;
check)
	# The identity the committed series carries, whoever runs this.
	f=$(series_patches | head -1)
	[ -z "$f" ] || set_ident "$(git mailinfo /dev/null /dev/null < "$f" |
		sed -n 's/^Author: //p; s/^Email: \(.*\)/<\1>/p' | paste -sd ' ')"
	gen_series "$work/out"
	(cd "$sdir" && find . -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' |
		sort) > "$work/have"
	(cd "$work/out" && find . -name '*.patch' | sort) > "$work/want"
	if ! cmp -s "$work/have" "$work/want" ||
	   ! (cd "$work/out" && for f in *.patch; do
			cmp -s <(grep -v '^Date: ' "$f") \
				<(grep -v '^Date: ' "$sdir/$f") || exit 1
		done); then
		echo "patches/$series is stale: run scripts/gen-patches.sh $series and commit the result" >&2
		exit 1
	fi
	;;
bisect)
	[ $# -eq 2 ] || usage
	bisect_series "$2"
	;;
esac
