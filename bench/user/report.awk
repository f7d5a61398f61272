# SPDX-License-Identifier: GPL-2.0
#
# report.awk: the user bench's report from user-results.csv (run.sh).
# Variables: model, nhost, load, goals (file the goal lines also go to).

function si(x)
{
	if (x >= 1e9)
		return sprintf("%.2fG", x / 1e9)
	if (x >= 1e6)
		return sprintf("%.2fM", x / 1e6)
	if (x >= 1e3)
		return sprintf("%.1fk", x / 1e3)
	return sprintf("%.0f", x)
}

function ratio(a, b)
{
	return b > 0 ? sprintf("%.2fx", a / b) : "-"
}

# goal NAME OK VALUE: one goal line, to the report and the goals file
function goal(name, ok, value,    line)
{
	line = sprintf("  %-62s %-10s %s", name, value, ok ? "met" : "MISSED")
	print line
	print line > goals
}

NR == 1 { next }
{
	pool = $1; row = $6; p = $7
	if ($11 != "ok")
		bad[row "/" pool "/" p] = $11
	if (row == "empty") {
		empty[pool, $4] = $8
		possibles[$4] = 1
	} else if (row == "mem") {
		mem[pool, $4] = $8
	} else if (!((row, p, pool) in mean) || $8 > mean[row, p, pool]) {
		# the best round (run.sh UB_ROUNDS)
		mean[row, p, pool] = $8
		sd[row, p, pool] = $9
		if (!((row, p) in seen)) {
			seen[row, p] = 1
			order[row] = order[row] " " p
		}
		if ($10 ~ /oversubscribed=1/)
			over[p] = 1
	}
}

END {
	printf "probescale user bench: pools on real CPUs, in user space (pinned threads, no QEMU)\n"
	printf "host: %s, %d CPUs; absolute numbers are this host's only; load average %s at the start%s\n",
	       model, nhost, load, (load > nhost / 2) ? " (other work was running: rows are noisy)" : ""
	printf "ops/s: pop+push pairs per second, all threads (per thread); mean ± sd of the samples\n"
	printf "       of the best round when rows ran more than once (UB_ROUNDS)\n"
	printf "pools: ours = objpool/, freelist = 6.1 <linux/freelist.h>, upstream = 6.12 lib/objpool.c\n"
	ncases = split("sync batch overrun async", cases, " ")
	min_up = 0
	for (c = 1; c <= ncases; c++) {
		cs = cases[c]
		if (!(cs in order))
			continue
		printf "\n%s\n  %-4s %-26s %-26s %-26s %-14s %s\n", cs, "P",
		       "ours", "freelist", "upstream", "ours/freelist", "ours/upstream"
		n = split(order[cs], ps, " ")
		for (i = 1; i <= n; i++) {
			p = ps[i]
			line = sprintf("  %-4s", p (p in over ? "*" : ""))
			for (k = 1; k <= 3; k++) {
				pl = k == 1 ? "ours" : k == 2 ? "freelist" : "upstream"
				cell = "-"
				if ((cs, p, pl) in mean) {
					m = mean[cs, p, pl]
					cell = si(m) " ±" si(sd[cs, p, pl]) " (" si(m / p) ")"
				}
				line = line sprintf(" %-26s", cell)
			}
			o = mean[cs, p, "ours"]
			line = line sprintf(" %-14s %s", ratio(o, mean[cs, p, "freelist"]),
					    ratio(o, mean[cs, p, "upstream"]))
			print line
			if (mean[cs, p, "upstream"] > 0) {
				r = o / mean[cs, p, "upstream"]
				if (!min_up || r < min_up) {
					min_up = r
					min_row = cs " P=" p
				}
			}
		}
	}
	printf "  (* oversubscribed: more threads than host CPUs)\n"

	printf "\npop on an empty pool, ns (best of 5 windows), by possible CPUs\n"
	printf "  %-9s %-10s %-10s %-10s %s\n", "possible", "ours", "freelist", "upstream", "upstream/ours"
	for (n = 2; n <= 1024; n *= 2) {
		if (!(n in possibles))
			continue
		printf "  %-9d %-10s %-10s %-10s %s\n", n, empty["ours", n],
		       empty["freelist", n], empty["upstream", n],
		       ratio(empty["upstream", n], empty["ours", n])
	}

	printf "\nring memory, bytes besides the 512 objects, by possible CPUs\n"
	printf "  %-9s %-10s %-10s %s\n", "possible", "ours", "freelist", "upstream"
	for (n = 2; n <= 1024; n *= 2)
		if (("ours", n) in mem)
			printf "  %-9d %-10s %-10s %s\n", n, mem["ours", n],
			       mem["freelist", n], mem["upstream", n]

	printf "\ngoals (reported, not enforced)\n"
	printf "" > goals
	r1 = mean["sync", 1, "freelist"] ? mean["sync", 1, "ours"] / mean["sync", 1, "freelist"] : 0
	goal("ours/freelist >= 2x at 1 thread (sync)", r1 >= 2, sprintf("%.2fx", r1))
	r2 = mean["sync", 2, "freelist"] ? mean["sync", 2, "ours"] / mean["sync", 2, "freelist"] : 0
	goal("ours/freelist >= 10x at 2 threads (sync)", r2 >= 10, sprintf("%.2fx", r2))
	goal("ours >= 0.95x upstream on every row (lowest: " min_row ")",
	     min_up >= 0.95, sprintf("%.2fx", min_up))
	e = empty["ours", 1024] ? empty["upstream", 1024] / empty["ours", 1024] : 0
	goal("empty-pool pop at 1024 CPUs >= 100x cheaper than upstream", e >= 100,
	     sprintf("%.0fx", e))
	e2 = empty["ours", 2] ? empty["ours", 1024] / empty["ours", 2] : 0
	goal("empty-pool pop at 1024 CPUs <= 4x ours at 2 CPUs", e2 > 0 && e2 <= 4,
	     sprintf("%.2fx", e2))
	for (b in bad)
		printf "FAILED row %s: %s\n", b, bad[b]
}
