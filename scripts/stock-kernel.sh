#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stock-kernel.sh NAME: Debian's own kernel NAME (stock-6.1, stock-6.12),
# ready for make check: print a directory that is both the KDIR to build
# our modules against (Debian's headers) and what the guest scripts want
# of a kernel build (arch/x86/boot/bzImage: Debian's vmlinuz, .config,
# usr/gen_init_cpio).
# stock-kernel.sh --list ARCH: the stock kernels make check boots on ARCH.
#
# The packages are fetched with "apt-get download" into
# $PS_CACHE/stock/debs and unpacked with dpkg-deb -x under
# $PS_CACHE/stock/NAME: nothing is installed into this machine.  The
# headers package's Makefile includes the common headers by absolute path
# (/usr/src/...): the unpacked copy points at the unpacked common headers.
#
# The packages and their versions are in scripts/harness/kernels.py.
set -eu
. "$(dirname "$0")/lib.sh"

if [ "${1:-}" = --list ]; then
	ps_py stock --list "${2:-}"
	exit 0
fi
[ $# -eq 1 ] || die "usage: stock-kernel.sh NAME | --list ARCH"
name=$1
# abi (the release without the flavour), version (the packages'),
# release, packages, source (the kernel version)
params=$(ps_py stock "$name") || exit 1
eval "$params"

root=$PS_CACHE/stock/$name-${version//[~:]/_}
headers=$root/usr/src/linux-headers-$release
if [ -f "$root/.probescale-complete" ]; then
	echo "$headers"
	exit 0
fi

debs=$PS_CACHE/stock/debs
mkdir -p "$debs"
missing=()
for p in "${packages[@]}"; do
	ls "$debs/${p}_${version/:/%3a}_"*.deb > /dev/null 2>&1 ||
		missing+=("$p=$version")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "fetching ${missing[*]} (apt-get download)"
	# Stale package lists (a fresh machine) are updated once, as root.
	(cd "$debs" && apt-get download "${missing[@]}" > "$debs/download.log" 2>&1) ||
		{ [ "$(id -u)" = 0 ] && apt-get update -qq >> "$debs/download.log" 2>&1 &&
		  (cd "$debs" && apt-get download "${missing[@]}" >> "$debs/download.log" 2>&1); } ||
		die "apt-get download ${missing[*]} failed (log: $debs/download.log): run 'apt-get update', or the archive no longer has $version (update the versions in scripts/harness/kernels.py)"
fi

log "unpacking $name ($release, $version) into $root"
rm -rf "$root"
tmp=$(mktemp -d "$root.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for p in "${packages[@]}"; do
	deb=$(ls "$debs/${p}_${version/:/%3a}_"*.deb)
	case $p in
	# The image's modules are not needed: only vmlinuz and its config.
	linux-image-*) dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" ./boot ;;
	*) dpkg-deb -x "$deb" "$tmp" ;;
	esac
done
h=$tmp/usr/src/linux-headers-$release
sed -i "s|^include /usr/src/|include $root/usr/src/|" "$h/Makefile"
grep -q "^include $root/" "$h/Makefile" ||
	die "$h/Makefile does not include the common headers as expected"
mkdir -p "$h/arch/x86/boot" "$h/usr"
cp "$tmp/boot/vmlinuz-$release" "$h/arch/x86/boot/bzImage"
# The initramfs tool of a kernel build, from the project's 6.1 source.
src=$("$PS_TOP/scripts/kernel-src.sh" 6.1)
gcc -O2 -o "$h/usr/gen_init_cpio" "$src/usr/gen_init_cpio.c"
mv "$tmp" "$root"
trap - EXIT
echo "$version" > "$root/.probescale-complete"
echo "$headers"
