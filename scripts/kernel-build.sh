#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-build.sh [--no-build] TREE ARCH VARIANT
#
# Build a test kernel from the source TREE (see kernel-src.sh) and print
# its build directory.  VARIANT is plain, debug or kcsan; the config is
# allnoconfig plus configs/common.config, configs/ARCH.config, the kernel
# version's fragments (6.12.config for 6.12) and, for debug and kcsan,
# configs/VARIANT.config; for a tree with patch series
# applied, also patches/SERIES/kernel.config of each series that has one
# (the options the series adds, such as its in-tree KUnit suite).
#
# The build directory is TREE/build-ARCH-VARIANT: a direct subdirectory of
# the source, so kbuild uses relative paths (srctree := ..) and ccache hits
# across trees.  It is marked complete with the hash of its config
# fragments only after a successful build; an interrupted or failed build
# is resumed by make on the next run, never taken as done.  Two runs on
# one build directory take turns (a lock in it).
#
# --no-build: only print the build directory if that kernel is built and
# up to date; fail with a message saying how to build it otherwise.
set -eu
. "$(dirname "$0")/lib.sh"

no_build=0
[ "${1:-}" = --no-build ] && { no_build=1; shift; }
[ $# -eq 3 ] || die "usage: kernel-build.sh [--no-build] TREE ARCH VARIANT"
tree=$1 arch=$2 variant=$3
ps_arch_check "$arch"
[ -f "$tree/Makefile" ] || die "'$tree' is not a kernel source tree"

cfgdir=$PS_TOP/scripts/configs
fragments=("$cfgdir/common.config" "$cfgdir/$arch.config")
# the kernel version's fragments (scripts/harness/kernels.py, SOURCES;
# the version as the tree's Makefile says it: 6.1, 6.12) and the
# variant's (VARIANTS)
version=$(sed -n 's/^VERSION = //p; s/^PATCHLEVEL = //p' "$tree/Makefile" | paste -sd.)
eval "$(ps_py source "$version")" || exit 1
variant_frags=$(ps_py variant "$variant") || exit 1
for f in "${configs[@]}" $variant_frags; do
	fragments+=("$cfgdir/$f")
done
if [ -f "$tree/.probescale-series" ]; then
	while IFS= read -r series; do
		f=$PS_TOP/patches/$series/kernel.config
		[ -f "$f" ] && fragments+=("$f")
	done < "$tree/.probescale-series"
fi

cross=$(ps_cross_compile "$arch")
command -v "${cross}gcc" >/dev/null ||
	die "${cross}gcc not found: run 'make deps' as root to install the toolchains"

build=$tree/build-$arch-$variant
stamp=$build/.probescale-complete
key=$(ps_hash "${fragments[@]}")

# built: the kernel in $build is complete and built from these fragments.
built()
{
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] &&
		[ "${PS_REBUILD:-0}" = 0 ]
}

built && { echo "$build"; exit 0; }
[ $no_build = 0 ] ||
	die "no up-to-date $arch/$variant kernel in $build: build it first (make kernels ARCH=$arch)"

# Progress lines (scripts/harness/progress.py): objects built of those
# the last complete build of this tree (or of its version) built.
label="building $arch/$variant kernel ($(basename "$tree"))"
keys=(--key "$(basename "$tree")-$arch-$variant"
      --key "$(basename "$tree" | cut -d- -f1,2)-$arch-$variant")

mkdir -p "$build"
exec 9> "$build/.probescale-lock"
if ! flock -n 9; then
	log "another run is building $build; waiting for it"
	# the lock is taken on the shared fd 9, for this script
	flock 9 &
	lpid=$!
	ps_py progress-watch --pid $lpid --log "$build/build.log" \
		--label "another run: $label" "${keys[@]}" || true
	wait $lpid
	# It may have built just what we want.
	built && { echo "$build"; exit 0; }
fi

ps_ccache_env
rm -f "$stamp"
cd "$tree"

if [ ! -f "$build/.probescale-config" ] ||
   [ "$(cat "$build/.probescale-config")" != "$key" ]; then
	log "configuring $arch/$variant kernel in $build"
	ps_kmake "$arch" O="$build" allnoconfig >/dev/null
	KCONFIG_CONFIG="$build/.config" \
		scripts/kconfig/merge_config.sh -m -O "$build" \
		"$build/.config" "${fragments[@]}" >/dev/null
	ps_kmake "$arch" O="$build" olddefconfig >/dev/null
	# merge_config.sh only warns about options Kconfig refused; refuse
	# to build a kernel that lacks what a test relies on.
	missing=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) opt=${line%=n}
			grep -q "^$opt=" "$build/.config" &&
				{ echo "  $opt is set, wanted off" >&2; missing=1; } ;;
		CONFIG_*) grep -qx "$line" "$build/.config" ||
				{ echo "  $line: not in .config" >&2; missing=1; } ;;
		esac
	done < <(cat "${fragments[@]}" | grep '^CONFIG_')
	[ $missing = 0 ] ||
		die "$arch/$variant config lacks the options above (a dependency is missing from scripts/configs)"
	echo "$key" > "$build/.probescale-config"
fi

log "$label"
# In the background, with a progress line now and then.  Only a build
# from scratch (no vmlinux yet) counts as the next one's estimate.
fresh=1
[ ! -e "$build/vmlinux" ] || fresh=0
start=$(date +%s)
ps_kmake "$arch" O="$build" >"$build/build.log" 2>&1 &
kpid=$!
ps_py progress-watch --pid $kpid --log "$build/build.log" --label "$label" \
	"${keys[@]}" || true
wait $kpid ||
	{ tail -30 "$build/build.log" >&2
	  die "$arch/$variant kernel build failed; full log: $build/build.log"; }
[ $fresh = 0 ] ||
	ps_py progress-record --log "$build/build.log" \
		--seconds $(($(date +%s) - start)) "${keys[@]}" || true
log "built $arch/$variant kernel ($(basename "$tree")) in $(($(date +%s) - start)) s"
echo "$key" > "$stamp"
echo "$build"
