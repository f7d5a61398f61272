#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deps.sh: install, from Debian's apt, every package the project uses.
# Idempotent and silent when everything is already there.
set -eu
. "$(dirname "$0")/lib.sh"

packages=(
	linux-source-6.1 linux-source-6.12	# test kernels, upstream reference
	gcc make git python3 flex bison bc cpio kmod xz-utils rsync
	libelf-dev libssl-dev			# kernel build (objtool, certs)
	dwarves				# pahole: module BTF, Debian's 6.12 headers
	ccache sparse
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross	# arm64 guests
	qemu-system-x86 qemu-system-arm busybox-static
	python3-matplotlib			# make bench plots (scripts/harness)
	python3-sphinx python3-sphinx-rtd-theme	# make htmldocs of the series' docs
	libasan8 libubsan1 libtsan2		# selftests/user sanitizers
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

[ "$(id -u)" = 0 ] ||
	die "missing packages: ${missing[*]}; run 'make deps' as root or install them with apt-get"
log "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null ||
	die "apt-get update failed: check the network and /etc/apt/sources.list"
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
	die "apt-get install ${missing[*]} failed; see apt's message above"
