#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-qemu-jit.sh [-a ARCH] [-s VCPUS] [-p PRODUCERS] [-d SECONDS] [-i]
#                   KERNEL ROW
#
# Where the time of a uprobe bench row goes under QEMU TCG: code QEMU
# translates again because the guest wrote it, and the guest's own
# instructions.  Boots the KERNEL (a built kernel of
# scripts/harness/kernels.py: vanilla, patched, vanilla-6.12, ...; plain
# build, already built) with VCPUS vCPUs (default 2),
# runs the uprobe bench ROW (bench/trigger) with PRODUCERS producers
# (default 1) for SECONDS (default 10), and reads QEMU's own counters
# ("info jit" on the monitor, see vm-run.sh) around it.  Prints the
# trigger's result and, per probe hit, the blocks QEMU translated and the
# blocks it invalidated because their code was written.  A slot written
# on every hit costs one of each; a slot rewritten without an
# invalidation means QEMU ran its old translation (the trigger's wrong=N
# counts those calls).
#
# -i: count instructions instead of host time (VM_ICOUNT=0, see
# vm-run.sh: one host thread, the guest clock advances 1 ns per guest
# instruction).  The trigger's rate is then calls per 10^9 guest
# instructions, whatever else the host runs, and the line "guest
# instructions per call" says how much work the guest does per call: two
# kernels that differ there differ in their code, not in QEMU.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage="usage: bench-qemu-jit.sh [-a ARCH] [-s VCPUS] [-p PRODUCERS] [-d SECONDS] [-i] KERNEL ROW"
arch=x86_64 vcpus=2 producers=1 secs=10 icount=
while getopts a:s:p:d:i opt; do
	case $opt in
	i) icount=0 ;;
	a) arch=$OPTARG ;;
	s) vcpus=$OPTARG ;;
	p) producers=$OPTARG ;;
	d) secs=$OPTARG ;;
	*) die "$usage" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || die "$usage"
kernel=$1 row=$2
ps_arch_check "$arch"
[[ "$vcpus" =~ ^[12]$ ]] || die "VCPUS must be 1 or 2 (the host has 2 cores)"
[[ "$producers" =~ ^[12]$ ]] && [ "$producers" -le "$vcpus" ] ||
	die "PRODUCERS must be 1 to VCPUS ($vcpus)"
[[ "$secs" =~ ^[1-9][0-9]?$ ]] || die "SECONDS must be 1 to 99"
# scripts/harness/kernels.py; a stock kernel has no build to boot here
eval "$(ps_py kernel --prefix k_ "$kernel")" || exit 1
[[ $kernel != stock-* ]] || die "KERNEL must be a built kernel, not the stock '$kernel'"
tree=$("$PS_TOP/scripts/kernel-src.sh" "$k_version" "${k_series[@]}")
kb=$("$PS_TOP/scripts/kernel-build.sh" --no-build "$tree" "$arch" plain) || exit 1
mods=$("$PS_TOP/scripts/bench-modules.sh" "$kb" "$arch")
trigger=$("$PS_TOP/scripts/bench-trigger.sh" "$arch")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/run.sh" <<-EOF
	#!/bin/sh
	cd "\$(dirname "\$0")"
	insmod uprobe_counter.ko || exit 1
	echo "PSJ start"
	./trigger -p $producers -w 1 -d $secs -n 1 $row
	rc=\$?
	echo "PSJ stop"
	sleep 2
	exit \$rc
EOF
log=$work/console.log
VM_ICOUNT=$icount VM_MONITOR=$work/monitor "$PS_TOP/scripts/guest.sh" -a "$arch" -k "$kb" \
	-s "$vcpus" -t $((secs * 4 + 300)) -l "$log" "$work/run.sh" \
	"$mods/bench/uprobe_counter.ko" "$trigger" > "$work/guest.out" 2>&1 &
guest=$!

# Read "info jit" when the guest prints each PSJ marker; print the deltas.
python3 - "$work/monitor" "$log" "$icount" <<'EOF'
import re, socket, sys, time

sock_path, log_path, icount = sys.argv[1:4]
KEYS = ("TB count", "TB invalidate count", "TB flush count")

# Read up to the prompt that follows WANT: a prompt left over from an
# earlier command must not end the answer.
def command(s, line, want=b""):
    s.sendall((line + "\n").encode())
    buf = b""
    while want not in buf or not buf.rstrip().endswith(b"(qemu)"):
        data = s.recv(65536)
        if not data:
            raise OSError("monitor closed")
        buf += data
    return buf.decode(errors="replace")

def counters(s):
    text = command(s, "info jit", b"TB flush count")
    return {k: int(re.search(re.escape(k) + r"\s+(\d+)", text).group(1))
            for k in KEYS}

for _ in range(300):
    try:
        s = socket.socket(socket.AF_UNIX)
        s.connect(sock_path)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("bench-qemu-jit: QEMU's monitor did not come up")
command(s, "")
seen, at = set(), {}
while len(at) < 2:
    try:
        text = open(log_path, errors="replace").read()
    except OSError:
        text = ""
    for mark in ("start", "stop"):
        if mark not in seen and "PSJ " + mark in text:
            seen.add(mark)
            at[mark] = counters(s)
    if "probescale: exit status" in text and len(at) < 2:
        sys.exit("bench-qemu-jit: the guest ended before the row did")
    time.sleep(0.05)
calls = re.search(r"PSB uprobe .* calls=(\d+)", text)
result = re.search(r"PSB uprobe .*", text)
print(result.group(0) if result else "bench-qemu-jit: no result line")
mean = re.search(r"PSB uprobe .* mean=([0-9.]+)", text)
if icount and mean and float(mean.group(1)) > 0:
    print("  guest instructions per call: %.0f (QEMU -icount shift=0: "
          "the rate is calls per 10^9 guest instructions)"
          % (1e9 / float(mean.group(1))))
if calls and int(calls.group(1)):
    n = int(calls.group(1))
    for k in KEYS:
        d = at["stop"][k] - at["start"][k]
        print("  %-20s %10d  %.3f per call" % (k + ":", d, d / n))
EOF
# A row with wrong results fails the guest's run: that is reported above.
wait $guest || { tail -2 "$work/guest.out" >&2; exit 1; }
