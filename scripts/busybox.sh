#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# busybox.sh ARCH: print the path of a static busybox for ARCH guests.
# x86_64 uses the host's busybox-static; arm64 unpacks Debian's
# busybox-static:arm64 (downloaded with apt, not installed) into the cache.
set -eu
. "$(dirname "$0")/lib.sh"

arch=$1
ps_arch_check "$arch"
case "$arch" in
x86_64)
	[ -x /bin/busybox ] ||
		die "/bin/busybox missing: install busybox-static (make deps)"
	echo /bin/busybox
	;;
arm64)
	bb=$PS_CACHE/arm64/busybox
	# Guests boot side by side (the guest pool of check-lib.sh): one
	# process fetches, the others wait for it and take its busybox.
	mkdir -p "$(dirname "$bb")"
	exec 9>"$bb.lock"
	flock 9
	if [ ! -x "$bb" ]; then
		tmp=$(mktemp -d)
		trap 'rm -rf "$tmp"' EXIT
		chmod 755 "$tmp"
		dpkg --print-foreign-architectures | grep -qx arm64 || {
			dpkg --add-architecture arm64 && apt-get update -qq; } ||
			die "cannot add the arm64 architecture to apt (are you root?)"
		(cd "$tmp" && apt-get download -qq busybox-static:arm64) >/dev/null ||
			die "apt-get download busybox-static:arm64 failed"
		dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "$tmp/x"
		cp "$tmp/x/bin/busybox" "$bb.tmp"
		mv "$bb.tmp" "$bb"
	fi
	echo "$bb"
	;;
esac
