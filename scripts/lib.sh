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

# Debian's python3 (with python3-matplotlib from apt for make bench's
# plots), whatever else is first in PATH.
PS_PYTHON=${PS_PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}

die()
{
	echo "probescale: error: $*" >&2
	exit 1
}

log()
{
	echo "[$(date +%H:%M:%S)] $*" >&2
}

# ps_py COMMAND ARGS...: the harness's model (scripts/harness: the
# tables of kernels, architectures, guest sizes, goals; the bench
# report), "python3 -m harness COMMAND -h" for each command.
ps_py()
{
	PYTHONPATH=$PS_TOP/scripts "$PS_PYTHON" -P -m harness "$@"
}

# ps_arches COMMAND ARGS...: the table of architectures
# (scripts/harness/arches.py), which vm-run.sh boots guests by.
ps_arches()
{
	PYTHONPATH=$PS_TOP/scripts "$PS_PYTHON" -P -m harness.arches "$@"
}

# ps_arch_check ARCH: accept the architectures of the table, nothing else.
ps_arch_check()
{
	ps_arches check "$1" || exit 1
}

# Cross compiler prefix for kbuild and for the static test programs.
ps_cross_compile()
{
	ps_arches cross "$1"
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
# format-patch series), by name: what make patches and its checks cover.
# Which kernel carries which series: scripts/harness/kernels.py.
ps_series()
{
	find "$PS_TOP/patches" -mindepth 2 -maxdepth 2 -name '0001-*.patch' \
		-printf '%h\n' 2>/dev/null | sort
}
