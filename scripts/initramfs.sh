#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# initramfs.sh ARCH KBUILD STAGE-DIR OUT
#
# Make a gzip'ed initramfs for an ARCH guest: static busybox, the guest
# init (guest-init.sh) and everything in STAGE-DIR under /probescale (which
# must hold run.sh).  KBUILD is a kernel build directory; its
# usr/gen_init_cpio writes the archive, so no root or mknod is needed.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 4 ] || die "usage: initramfs.sh ARCH KBUILD STAGE-DIR OUT"
arch=$1 kbuild=$2 stage=$3 out=$4
ps_arch_check "$arch"
[ -f "$stage/run.sh" ] || die "$stage/run.sh missing: the guest has nothing to run"
gen=$kbuild/usr/gen_init_cpio
[ -x "$gen" ] || die "$gen missing: '$kbuild' is not a built test kernel"

busybox=$("$PS_TOP/scripts/busybox.sh" "$arch")

spec=$(mktemp)
trap 'rm -f "$spec" "$out.tmp"' EXIT
{
	for d in /bin /sbin /dev /proc /sys /tmp /probescale /usr /usr/bin \
		 /usr/sbin /etc; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "slink /bin/sh /bin/busybox 0777 0 0"
	echo "file /init $PS_TOP/scripts/guest-init.sh 0755 0 0"
	(cd "$stage" && find . -mindepth 1 | sort) | while IFS= read -r f; do
		f=${f#./}
		if [ -d "$stage/$f" ]; then
			echo "dir /probescale/$f 0755 0 0"
		else
			echo "file /probescale/$f $stage/$f 0755 0 0"
		fi
	done
} > "$spec"
"$gen" "$spec" | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
