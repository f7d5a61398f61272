#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-src.sh VERSION [SERIES-DIR...]
# kernel-src.sh --tarball VERSION
#
# Print the path of an unpacked kernel source tree, making it first if it
# is not cached.  VERSION is a source of scripts/harness/kernels.py (6.1,
# 6.12: Debian's linux-source-VERSION).
# With SERIES-DIRs, the tree is a git repository with those format-patch
# series applied by "git am", in order, as a user would apply them; it is
# keyed by the content of the series, so an edited series gets a new tree.
#
# --tarball prints Debian's tarball of VERSION and the name of the
# directory it unpacks to, without unpacking it.
#
# A tree is built under a temporary name and renamed when complete, so an
# interrupted run never leaves a half-made tree behind.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: kernel-src.sh VERSION [SERIES-DIR...] | --tarball VERSION"
tarball_only=
if [ "$1" = --tarball ]; then
	[ $# -eq 2 ] || die "usage: kernel-src.sh --tarball VERSION"
	tarball_only=1
	shift
fi
version=$1
shift

params=$(ps_py source "$version") || exit 1
eval "$params"	# tarball, package
pkg=$package
[ -f "$tarball" ] ||
	die "$tarball missing: install it with 'apt-get install $pkg' (or run 'make deps' as root)"
# --tarball: the tarball and the directory at its top, for a caller that
# unpacks it itself (gen-patches.sh imports it into git).
if [ -n "$tarball_only" ]; then
	echo "$tarball $pkg"
	exit 0
fi

patches=()
for series in "$@"; do
	[ -d "$series" ] || die "patch series '$series' is not a directory"
	while IFS= read -r p; do
		patches+=("$(realpath "$p")")
	done < <(find "$series" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
		! -name '0000-cover-letter.patch' | sort)
done

if [ ${#patches[@]} -eq 0 ]; then
	tree=$PS_CACHE/src/linux-$version
else
	tree=$PS_CACHE/src/linux-$version-$(ps_hash "${patches[@]}")
fi

if [ -f "$tree/Makefile" ]; then
	echo "$tree"
	exit 0
fi

mkdir -p "$PS_CACHE/src"
tmp=$(mktemp -d "$tree.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log "unpacking $pkg into $tree"
# In the background, with a progress line now and then (files unpacked
# of those of the last time, scripts/harness/progress.py).
start=$(date +%s)
tar -C "$tmp" -xvf "$tarball" > "$tmp.files" &
tpid=$!
ps_py progress-watch --pid $tpid --log "$tmp.files" --unit files \
	--key "unpack-$pkg" --label "unpacking $pkg" || true
wait $tpid || { rm -f "$tmp.files"; die "unpacking $tarball failed"; }
ps_py progress-record --log "$tmp.files" --unit files --key "unpack-$pkg" \
	--seconds $(($(date +%s) - start)) || true
rm -f "$tmp.files"
mv "$tmp/$pkg" "$tmp/tree"

if [ ${#patches[@]} -gt 0 ]; then
	log "applying ${#patches[@]} patches with git am"
	# gc.auto=0: the first commit leaves the whole tree as loose
	# objects, and every later commit would start "git gc --auto" in the
	# background, minutes of both cores while the kernel builds.
	git_id=(-c user.name=probescale -c user.email=probescale@localhost
		-c commit.gpgsign=false -c gc.auto=0)
	(
		cd "$tmp/tree"
		git init -q
		git config gc.auto 0
		# -f: Debian's .gitignore ignores everything at the top level
		git "${git_id[@]}" add -f -A
		git "${git_id[@]}" commit -q -m "Linux $version (Debian $pkg)"
		git "${git_id[@]}" am -q "${patches[@]}"
	) >&2 || die "a patch of the series does not apply to Linux $version; see above"
	# kernel-build.sh adds each series' own config fragment, if any.
	for series in "$@"; do
		basename "$series"
	done > "$tmp/tree/.probescale-series"
fi

mv "$tmp/tree" "$tree"
echo "$tree"
