# SPDX-License-Identifier: GPL-2.0
# Common settings and helpers for the probescale scripts.  Sourced, not run.
#
# Everything expensive (unpacked sources, kernel builds, ccache, initramfs
# inputs) lives under $PS_CACHE, outside the clone, so a fresh clone reuses
# it and "make clean" never throws it away.

PS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PS_CACHE=${PS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/probescale}
PS_OUT=${PS_OUT:-$PS_TOP/out}
PS_JOBS=${PS_JOBS:-$(nproc)}

# The kernel the project targets, and the one upstream objpool lives in.
PS_SRC_TARBALL_6_1=/usr/src/linux-source-6.1.tar.xz
PS_SRC_TARBALL_6_12=/usr/src/linux-source-6.12.tar.xz

die()
{
	echo "probescale: error: $*" >&2
	exit 1
}

log()
{
	echo "[$(date +%H:%M:%S)] $*" >&2
}

# ps_arch_check ARCH: accept the two guest architectures, nothing else.
ps_arch_check()
{
	case "$1" in
	x86_64|arm64) ;;
	*) die "unknown ARCH '$1': use ARCH=x86_64 or ARCH=arm64" ;;
	esac
}

# Cross compiler prefix for kbuild and for the static test programs.
ps_cross_compile()
{
	case "$1" in
	x86_64) [ "$(uname -m)" = x86_64 ] || echo x86_64-linux-gnu- ;;
	arm64) [ "$(uname -m)" = aarch64 ] || echo aarch64-linux-gnu- ;;
	esac
}

# ps_kmake ARCH MAKE-ARGS...: run kbuild for ARCH with ccache in front of
# the compiler.
ps_kmake()
{
	local arch=$1 cross
	shift
	cross=$(ps_cross_compile "$arch")
	make ARCH="$arch" CROSS_COMPILE="$cross" CC="ccache ${cross}gcc" \
		HOSTCC="ccache gcc" -j"$PS_JOBS" "$@"
}

ps_ccache_env()
{
	export CCACHE_DIR=$PS_CACHE/ccache
	# The kernel is always built in a subdirectory of its source tree
	# (srctree := ..), so command lines hold no absolute paths and the
	# vanilla and patched trees share cache entries.
	export CCACHE_NOHASHDIR=1
	export CCACHE_COMPILERCHECK=content
	mkdir -p "$CCACHE_DIR"
	[ -f "$CCACHE_DIR/ccache.conf" ] ||
		echo "max_size = 20G" > "$CCACHE_DIR/ccache.conf"
}

# ps_hash FILE...: a short content hash of files (order matters).
ps_hash()
{
	cat "$@" | sha256sum | cut -c1-12
}

# ps_time LABEL CMD...: run CMD, print how long it took (stage timings).
ps_time()
{
	local label=$1 start rc
	shift
	start=$(date +%s)
	"$@"
	rc=$?
	echo "timing: $label: $(($(date +%s) - start)) s" >&2
	return $rc
}

# ps_series: the patch series in patches/ (directories holding a
# format-patch series), in the order they are applied: by name.
ps_series()
{
	find "$PS_TOP/patches" -mindepth 2 -maxdepth 2 -name '0001-*.patch' \
		-printf '%h\n' 2>/dev/null | sort
}
