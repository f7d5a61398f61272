# SPDX-License-Identifier: GPL-2.0
#
# bench-controls.awk: the control rows of the uprobe bench.  usermode-count
# never enters the kernel and syscall-count never hits a probe, so their
# patched/vanilla ratio is 1.00x unless the host disturbed one of the two
# boots of a guest size, and then every ratio of that size carries the
# same error.
#
# Loaded before bench-report.awk, which marks a guest size NOISY with
# control_dev().  On its own, with -F, -v mode=dev, it reads results.csv
# rows (scripts/bench.sh) of one guest size and prints control_dev() of
# the worst row: scripts/bench.sh runs a disturbed size again with it.

# How far two patched/vanilla control ratios are from 1.00x (0.1 = 10%).
function control_dev(a, b) {
	a = a > 1 ? a - 1 : 1 - a
	b = b > 1 ? b - 1 : 1 - b
	return a > b ? a : b
}

mode == "dev" && $5 == "uprobe" && $11 == "ok" &&
($6 == "usermode-count" || $6 == "syscall-count") {
	ctl[$1, $6, $7] = $8
	nprod[$7] = 1
}

END {
	if (mode == "dev")
		print_worst()
}

function print_worst(    p, d, worst) {
	worst = ""
	for (p in nprod) {
		if (!(("vanilla", "usermode-count", p) in ctl) ||
		    !(("patched", "usermode-count", p) in ctl) ||
		    !(("vanilla", "syscall-count", p) in ctl) ||
		    !(("patched", "syscall-count", p) in ctl))
			continue
		if (ctl["vanilla", "usermode-count", p] <= 0 ||
		    ctl["vanilla", "syscall-count", p] <= 0)
			continue
		d = control_dev(ctl["patched", "usermode-count", p] / ctl["vanilla", "usermode-count", p],
				ctl["patched", "syscall-count", p] / ctl["vanilla", "syscall-count", p])
		if (worst == "" || d > worst)
			worst = d
	}
	if (worst != "")
		printf "%.3f\n", worst
}
