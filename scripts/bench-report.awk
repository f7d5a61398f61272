# SPDX-License-Identifier: GPL-2.0
#
# bench-report.awk: the tables and goals of "make bench", from the
# results.csv that scripts/bench.sh writes.  Run with -F,
# -f bench-controls.awk -f bench-report.awk, and
#   -v arch=x86_64|arm64 -v cpus="1 2" -v out=RESULTS-DIR -v noise=0.1
#   -v uprobe_rows="usermode-count ..."
# (noise: how far a control row may be from 1.00x before its guest size is
# marked NOISY; uprobe_rows: every uprobe row, in table order).
# Prints the report; writes RESULTS-DIR/table.csv (rows side by side with
# ratios), goals.txt and plot.dat (input of bench-plot.sh).
#
# results.csv columns: kernel,arch,vcpus,maxcpus,bench,row,p,mean,sd,
# extra (key=value;...),result.  Kernels: vanilla, patched (6.1 + our
# series), v612 (Linux 6.12).  All rates are per second, QEMU TCG.
# vcpus is the guest size as given in CPUS: N, or N:tcg-single for N
# vCPUs on one host thread; N (size + 0 in awk) bounds its producers.

function key(k, b, r, n, p) { return k SUBSEP b SUBSEP r SUBSEP n SUBSEP p }
function has(k, b, r, n, p) { return (key(k, b, r, n, p) in mean) }
function ext(k, b, r, n, p, name,    s, i, a, kv) {
	s = extra[key(k, b, r, n, p)]
	n = split(s, a, ";")
	for (i = 1; i <= n; i++) {
		split(a[i], kv, "=")
		if (kv[1] == name)
			return kv[2]
	}
	return ""
}
function cell(k, b, r, n, p,    kk) {
	kk = key(k, b, r, n, p)
	if (!(kk in mean))
		return sprintf("%-37s", "   (not measured)")
	return sprintf("%8.3f ± %5.3fM/s  (%7.3fM/s/cpu)%s", mean[kk] / 1e6,
		       sd[kk] / 1e6, mean[kk] / 1e6 / p,
		       res[kk] == "ok" ? "" : " !" res[kk])
}
# A guest size N:tcg-single runs its N vCPUs on one host thread.
function one_thread(n) { return n ~ /:tcg-single$/ }
# A guest size as the tables name it.
function size_label(n) {
	return one_thread(n) ? (n + 0) " on one host thread (TCG thread=single)" : n
}
function num(v) { return v == "" ? "-" : sprintf("%.0f", v) }
function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.2fx", a / b) : "  -  " }
# A row whose result is not ok (wrong results, missed hits) has no valid
# rate: it is printed, marked, but used in no ratio, plot or goal.
function mv(k, b, r, n, p,    kk) {
	kk = key(k, b, r, n, p)
	return (kk in mean) && res[kk] == "ok" ? mean[kk] : 0
}
function not_ok(k, b, r, n, p,    kk) {
	kk = key(k, b, r, n, p)
	return (kk in mean) && res[kk] != "ok"
}
function ms(k, b, r, n, p) { return has(k, b, r, n, p) ? mean[key(k, b, r, n, p)] : "" }

# goal NAME MEASURED-RATIO OP TARGET: one line of the goals section.
function goal(name, v, op, target,    st) {
	if (v == "" || v <= 0) {
		st = "n/a   "
		v = "not measured"
	} else {
		if (op == ">=")
			st = (v >= target) ? "met   " : "MISSED"
		else
			st = (v < target) ? "met   " : "MISSED"
		v = sprintf(op == "<" ? "%.4f" : "%.2fx", v)
	}
	line = sprintf("  %s %-62s %s %s %s", st, name, v, op, target)
	print line
	print line > (out "/goals.txt")
}

BEGIN {
	V = "vanilla"; P = "patched"; U = "uprobe"
	nc = split(cpus, cpu_list, " ")
	maxn = 0
	for (c = 1; c <= nc; c++) {
		ncpu[c] = cpu_list[c] + 0
		if (ncpu[c] > maxn)
			maxn = ncpu[c]
		if (one_thread(cpu_list[c]))
			single = 1
	}
	nu = split(uprobe_rows, umodes, " ")
	no = split("sync sync-hrtimer async async-hrtimer overrun overrun-hrtimer", ocases, " ")
	printf "" > (out "/goals.txt")
	print "bench,vcpus,p,row,kernel_a,mean_a,sd_a,kernel_b,mean_b,sd_b,ratio_b_over_a,unit" > (out "/table.csv")
	printf "" > (out "/plot.dat")
}
NR == 1 { next }
{
	kk = key($1, $5, $6, $3, $7)
	mean[kk] = $8; sd[kk] = $9; extra[kk] = $10; res[kk] = $11
	kern[$1] = 1
	if ($5 == "objpool-mem") {
		mem[$4] = $10
		memres[$4] = $11
	}
	if ($11 != "ok")
		bad[++nbad] = $1 " -smp " $3 ": " $5 " " $6 " P=" $7 ": " $11
}
function csvrow(b, n, p, r, ka, kb) {
	printf "%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,per_s_qemu_tcg\n", b, n, p, r, ka,
	       ms(ka, b, r, n, p), has(ka, b, r, n, p) ? sd[key(ka, b, r, n, p)] : "",
	       kb, ms(kb, b, r, n, p), has(kb, b, r, n, p) ? sd[key(kb, b, r, n, p)] : "",
	       rat(kb, ka, b, r, n, p) == "" ? "" : sprintf("%.4f", rat(kb, ka, b, r, n, p)) > (out "/table.csv")
}
# Plotted against the vCPU count: sizes on one host thread are left out.
function plot(series, n, v) {
	if (v > 0 && !one_thread(n))
		printf "%s\t%d\t%.6f\n", series, n, v / 1e6 > (out "/plot.dat")
}
END {
	# --- uprobe -----------------------------------------------------------
	shown = 0
	for (c = 1; c <= nc; c++) {
		n = cpu_list[c]
		for (p = 1; p <= ncpu[c]; p++)
			for (i = 1; i <= nu; i++)
				if (has("vanilla", "uprobe", umodes[i], n, p) || has("patched", "uprobe", umodes[i], n, p))
					shown = 1
	}
	if (shown) {
		print ""
		print "== uprobe: probe hits/s, M/s (QEMU TCG, " arch ") =="
		printf "%-26s %-37s | %-37s | %-6s | %s\n", "", "vanilla 6.1", "patched 6.1", "ratio", "slot writes/hit van / pat"
		for (c = 1; c <= nc; c++) {
			n = cpu_list[c]
			print "-- guest -smp " size_label(n)
			for (p = 1; p <= ncpu[c]; p++) {
				for (i = 1; i <= nu; i++) {
					r = umodes[i]
					if (!has("vanilla", "uprobe", r, n, p) && !has("patched", "uprobe", r, n, p))
						continue
					wv = ext("vanilla", "uprobe", r, n, p, "writes_per_hit")
					wp = ext("patched", "uprobe", r, n, p, "writes_per_hit")
					printf "%-15s (%2d cpus): %s | %s | %6s | %s / %s\n", r, p,
					       cell("vanilla", "uprobe", r, n, p), cell("patched", "uprobe", r, n, p),
					       ratio(mv("patched", "uprobe", r, n, p), mv("vanilla", "uprobe", r, n, p)),
					       wv == "" ? "-" : sprintf("%.3f", wv), wp == "" ? "-" : sprintf("%.3f", wp)
					csvrow("uprobe", n, p, r, "vanilla", "patched")
					if (not_ok("vanilla", "uprobe", r, n, p) || not_ok("patched", "uprobe", r, n, p))
						bad_rows++
					if (p == n && r ~ /^(uprobe-(nop|push|ret|multi8|multi64)|uretprobe-ret)$/) {
						plot("vanilla " r, n, mv("vanilla", "uprobe", r, n, p))
						plot("patched " r, n, mv("patched", "uprobe", r, n, p))
					}
				}
			}
		}
		if (bad_rows)
			print "  ! a row that did not check out, left out of ratios and goals.  wrong-results-N: N\n" \
			      "    calls returned another function's value, so their step ran a stale instruction\n" \
			      "    (QEMU with a thread per vCPU does that after a slot rewrite; see selftests/xol)."
		if (maxn > 1)
			print "  note: with 2+ producers QEMU (a thread per vCPU) misses some of vanilla's slot rewrites\n" \
			      "    and runs its old translation, so vanilla's P >= 2 rows of stepped instructions run\n" \
			      "    faster than their emulation would; scripts/bench-qemu-jit.sh -p 2 vanilla ROW counts\n" \
			      "    QEMU's invalidations per hit (1 when every rewrite is seen; see bench/README)."
		if (single)
			print "  note: a guest on one host thread (TCG thread=single) sees every rewrite, so there\n" \
			      "    vanilla's P >= 2 rows are what its code costs; its vCPUs take turns on one host\n" \
			      "    core, so its rates per CPU are about 1/P of the others': compare its ratios."
		codewrite_note()
	}

	# --- kretprobe --------------------------------------------------------
	shown = 0
	for (c = 1; c <= nc; c++)
		for (p = 1; p <= ncpu[c]; p++)
			if (has("vanilla", "kretprobe", "kretprobe", cpu_list[c], p))
				shown = 1
	if (shown) {
		print ""
		print "== kretprobe: calls/s of a kretprobed function, M/s (QEMU TCG, " arch ") =="
		printf "%-26s %-37s | %-37s | %s\n", "", "vanilla 6.1", "patched 6.1", "ratio"
		for (c = 1; c <= nc; c++) {
			n = cpu_list[c]
			if (one_thread(n))
				continue	# the uprobe bench only
			print "-- guest -smp " size_label(n)
			for (p = 1; p <= ncpu[c]; p++) {
				if (!has("vanilla", "kretprobe", "kretprobe", n, p) && !has("patched", "kretprobe", "kretprobe", n, p))
					continue
				printf "%-15s (%2d cpus): %s | %s | %6s\n", "kretprobe", p,
				       cell("vanilla", "kretprobe", "kretprobe", n, p),
				       cell("patched", "kretprobe", "kretprobe", n, p),
				       ratio(mv("patched", "kretprobe", "kretprobe", n, p), mv("vanilla", "kretprobe", "kretprobe", n, p))
				csvrow("kretprobe", n, p, "kretprobe", "vanilla", "patched")
				if (p == n) {
					plot("vanilla kretprobe", n, mv("vanilla", "kretprobe", "kretprobe", n, p))
					plot("patched kretprobe", n, mv("patched", "kretprobe", "kretprobe", n, p))
				}
			}
		}
	}

	# --- objpool: ours vs freelist (6.1), ours vs upstream (6.12) ---------
	split("vanilla v612", okern, " ")
	split("freelist upstream", other, " ")
	split("6.1 vanilla kernel: ours vs freelist|6.12 kernel: ours vs upstream objpool", otitle, "|")
	for (o = 1; o <= 2; o++) {
		k = okern[o]
		shown = 0
		for (c = 1; c <= nc; c++)
			for (p = 1; p <= ncpu[c]; p++)
				for (i = 1; i <= no; i++)
					if (has(k, "objpool", "ours/" ocases[i], cpu_list[c], p) || has(k, "objpool", other[o] "/" ocases[i], cpu_list[c], p))
						shown = 1
		if (!shown)
			continue
		print ""
		print "== objpool, " otitle[o] ": pop+push pairs/s, M/s (QEMU TCG, " arch ") =="
		printf "%-26s %-37s %7s %10s | %-37s %7s %10s | %-13s | %s\n", "", "ours", "ns/op", "misses/s", other[o], "ns/op", "misses/s", "ours/" other[o], "no pool: ns/op"
		for (c = 1; c <= nc; c++) {
			n = cpu_list[c]
			if (one_thread(n))
				continue	# the uprobe bench only
			print "-- guest -smp " size_label(n)
			for (p = 1; p <= ncpu[c]; p++) {
				for (i = 1; i <= no; i++) {
					ra = "ours/" ocases[i]
					rb = other[o] "/" ocases[i]
					if (!has(k, "objpool", ra, n, p) && !has(k, "objpool", rb, n, p))
						continue
					printf "%-15s (%2d cpus): %s %7s %10s | %s %7s %10s | %-13s | %s\n", ocases[i], p,
					       cell(k, "objpool", ra, n, p), num(ext(k, "objpool", ra, n, p, "ns_per_op")),
					       num(ext(k, "objpool", ra, n, p, "misses_per_s")),
					       cell(k, "objpool", rb, n, p), num(ext(k, "objpool", rb, n, p, "ns_per_op")),
					       num(ext(k, "objpool", rb, n, p, "misses_per_s")),
					       ratio(mv(k, "objpool", ra, n, p), mv(k, "objpool", rb, n, p)),
					       num(ext(k, "objpool", "none/" ocases[i], n, p, "ns_per_op"))
					printf "objpool-%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,per_s_qemu_tcg\n", k, n, p, ocases[i],
					       other[o], ms(k, "objpool", rb, n, p), sd[key(k, "objpool", rb, n, p)],
					       "ours", ms(k, "objpool", ra, n, p), sd[key(k, "objpool", ra, n, p)],
					       rat2(k, "objpool", ra, k, "objpool", rb, n, p) == "" ? "" : sprintf("%.4f", rat2(k, "objpool", ra, k, "objpool", rb, n, p)) > (out "/table.csv")
					if (p == n && (ocases[i] == "sync" || ocases[i] == "async")) {
						plot((o == 1 ? "6.1" : "6.12") " ours " ocases[i], n, mv(k, "objpool", ra, n, p))
						plot((o == 1 ? "6.1 " : "6.12 ") other[o] " " ocases[i], n, mv(k, "objpool", rb, n, p))
					}
				}
			}
		}
	}

	# --- objpool memory ---------------------------------------------------
	nm = 0
	for (m in mem)
		mlist[++nm] = m + 0
	for (i = 1; i <= nm; i++)		# sort, few entries
		for (j = i + 1; j <= nm; j++)
			if (mlist[j] < mlist[i]) { t = mlist[i]; mlist[i] = mlist[j]; mlist[j] = t }
	if (nm) {
		print ""
		print "== objpool memory, bytes (guests with 2 vCPUs online, MAXCPUS possible; same object size for all pools) =="
		printf "%-8s %-8s %-7s | %-22s | %-22s %-12s | %-10s | %s\n", "maxcpus", "possible", "nr_objs",
		       "ours rings + objects", "upstream rings + objs", "(allocated)", "freelist", "upstream rings / ours"
	}
	for (i = 1; i <= nm; i++) {
		m = mlist[i]
		ns = split(mem[m], kvs, ";")
		delete f
		for (j = 1; j <= ns; j++) {
			split(kvs[j], kv, "=")
			f[kv[1]] = kv[2]
		}
		for (q = 1; q <= 2; q++) {
			pre = (q == 1) ? "a_" : "b_"
			if (!((pre "nr_objs") in f) || (q == 2 && f["b_nr_objs"] == f["a_nr_objs"]))
				continue
			printf "%-8s %-8s %-7s | %10s + %-9s | %10s + %-9s %-12s | %-10s | %s\n", m, f["possible"],
			       f[pre "nr_objs"], f[pre "ours_rings"], f[pre "ours_objs"],
			       f[pre "up_rings"], f[pre "up_objs"], "(" f[pre "up_alloc"] ")", f[pre "freelist"],
			       (f[pre "ours_rings"] > 0 ? sprintf("%.1fx", f[pre "up_rings"] / f[pre "ours_rings"]) : "-")
			printf "objpool-mem,%d,%d,nr_objs=%d,upstream_rings,%s,,ours_rings,%s,,%s,bytes\n", m,
			       f["possible"], f[pre "nr_objs"], f[pre "up_rings"], f[pre "ours_rings"],
			       (f[pre "up_rings"] > 0 && f[pre "ours_rings"] > 0 ? sprintf("%.4f", f[pre "ours_rings"] / f[pre "up_rings"]) : "") > (out "/table.csv")
			if (m == 256 && f[pre "nr_objs"] == 512 && f[pre "ours_rings"] > 0)
				mem_goal = f[pre "up_rings"] / f[pre "ours_rings"]
		}
	}

	print ""
	# --- controls: rows the patches cannot change (bench-controls.awk) ----
	if (has(P, U, "usermode-count", cpu_list[1], 1)) {
		print "== controls: patched/vanilla of rows the patches cannot change (1.00x = undisturbed) =="
		for (c = 1; c <= nc; c++)
			for (p = 1; p <= ncpu[c]; p++) {
				a = rat(P, V, U, "usermode-count", cpu_list[c], p)
				b = rat(P, V, U, "syscall-count", cpu_list[c], p)
				if (a == "" || b == "")
					continue
				st = control_dev(a, b) > noise ? \
					"  NOISY: a boot of this size was disturbed; rerun before trusting its ratios" : ""
				printf "  guest -smp %s, P=%d: usermode-count %.2fx, syscall-count %.2fx%s\n", \
					size_label(cpu_list[c]), p, a, b, st
			}
	}

	# --- goals ------------------------------------------------------------
	print ""
	print "== goals (ratios of QEMU TCG measurements; reported, not enforced) =="
	if (arch == "arm64") {
		goal("uprobe-nop patched/vanilla, 1 vCPU", rat(P, V, U, "uprobe-nop", 1, 1), ">=", 2.5)
		goal("uprobe-push patched/vanilla, 1 vCPU", rat(P, V, U, "uprobe-push", 1, 1), ">=", 2.5)
		goal("uretprobe-nop patched/vanilla, 1 vCPU", rat(P, V, U, "uretprobe-nop", 1, 1), ">=", 2)
		goal("uretprobe-push patched/vanilla, 1 vCPU", rat(P, V, U, "uretprobe-push", 1, 1), ">=", 2)
		goal("uprobe-ret patched/vanilla, 1 vCPU (within 5%)", rat(P, V, U, "uprobe-ret", 1, 1), ">=", 0.95)
		goal("patched uprobe-nop / patched uprobe-ret, 1 vCPU", rat2(P, U, "uprobe-nop", P, U, "uprobe-ret", 1, 1), ">=", 0.45)
		split("uprobe-nop uprobe-push uretprobe-nop uretprobe-push", rr, " ")
		for (i = 1; i <= 4; i++) {
			a = rat(P, V, U, rr[i], 1, 1)
			b = rat(P, V, U, rr[i], 2, 2)
			goal(rr[i] " ratio per CPU at 2 vCPUs / at 1 (no lower)", a > 0 && b > 0 ? b / a : "", ">=", 1)
			# against P=1 of the same boots: no boot-to-boot noise
			a = rat(P, V, U, rr[i], "2:tcg-single", 1)
			b = rat(P, V, U, rr[i], "2:tcg-single", 2)
			goal(rr[i] " same, 2 vCPUs on one host thread, P=2 / P=1", a > 0 && b > 0 ? b / a : "", ">=", 1)
		}
		goal("uprobe-multi8 patched/vanilla, 1 vCPU", rat(P, V, U, "uprobe-multi8", 1, 1), ">=", 3)
		# ret is simulated on arm64: nop is its one-probe stepped row.
		goal("patched uprobe-multi8 / patched uprobe-nop, 1 vCPU", rat2(P, U, "uprobe-multi8", P, U, "uprobe-nop", 1, 1), ">=", 0.8)
	} else {
		split("uprobe-ret uretprobe-ret", rr, " ")
		for (i = 1; i <= 2; i++) {
			goal(rr[i] " patched/vanilla, 1 vCPU", rat(P, V, U, rr[i], 1, 1), ">=", 1.3)
			goal(rr[i] " patched/vanilla per CPU, 2 vCPUs", rat(P, V, U, rr[i], 2, 2), ">=", 1.5)
			goal(rr[i] " same, 2 vCPUs on one host thread", rat(P, V, U, rr[i], "2:tcg-single", 2), ">=", 1.5)
		}
		split("uprobe-nop uprobe-push uretprobe-nop uretprobe-push", rr, " ")
		for (i = 1; i <= 4; i++)
			goal(rr[i] " patched/vanilla, 1 vCPU (within 5%)", rat(P, V, U, rr[i], 1, 1), ">=", 0.95)
		goal("patched uprobe-ret / patched uprobe-nop, 1 vCPU", rat2(P, U, "uprobe-ret", P, U, "uprobe-nop", 1, 1), ">=", 0.45)
		goal("uprobe-multi8 patched/vanilla, 1 vCPU", rat(P, V, U, "uprobe-multi8", 1, 1), ">=", 3)
		goal("patched uprobe-multi8 / patched uprobe-ret, 1 vCPU", rat2(P, U, "uprobe-multi8", P, U, "uprobe-ret", 1, 1), ">=", 0.8)
	}
	# multi64: the worst ratio over every measured row
	worst = ""
	for (c = 1; c <= nc; c++)
		for (p = 1; p <= ncpu[c]; p++) {
			v = rat(P, V, U, "uprobe-multi64", cpu_list[c], p)
			if (v > 0 && (worst == "" || v < worst))
				worst = v
		}
	goal("uprobe-multi64 patched/vanilla, worst row (never slower; 5% noise)", worst, ">=", 0.95)
	if (worst != "")
		print "         (both kernels write slots there: the ratio carries QEMU's price of their two\n" \
		      "         write patterns, which differs between hosts; see the codewrite rows above)"
	worst = ""
	split("uprobe-ret uretprobe-ret uprobe-multi8 uretprobe-multi8", rr, " ")
	for (i = 1; i <= 4; i++)
		for (c = 1; c <= nc; c++)
			for (p = 1; p <= ncpu[c]; p++) {
				w = ext(P, U, rr[i], cpu_list[c], p, "writes_per_hit")
				if (w != "" && (worst == "" || w + 0 > worst))
					worst = w + 0
			}
	goal("patched slot writes per hit, ret and multi8 rows, worst", worst == "" ? "" : (worst == 0 ? 1e-9 : worst), "<", 0.01)
	goal("kretprobe patched/vanilla, 1 vCPU", rat(P, V, "kretprobe", "kretprobe", 1, 1), ">=", 1.0)
	goal("kretprobe patched/vanilla, 2 vCPUs", rat(P, V, "kretprobe", "kretprobe", 2, 2), ">=", 1.5)
	split("sync async", cs, " ")
	for (i = 1; i <= 2; i++) {
		goal("objpool/freelist " cs[i] ", 1 vCPU", rat2(V, "objpool", "ours/" cs[i], V, "objpool", "freelist/" cs[i], 1, 1), ">=", 1.0)
		goal("objpool/freelist " cs[i] ", 2 vCPUs", rat2(V, "objpool", "ours/" cs[i], V, "objpool", "freelist/" cs[i], 2, 2), ">=", 1.5)
		a = mv(V, "objpool", "ours/" cs[i], 1, 1)
		b = mv(V, "objpool", "ours/" cs[i], 2, 2)
		goal("objpool " cs[i] " per-CPU throughput, 2 vCPUs / 1 vCPU", (a > 0 && b > 0) ? b / 2 / a : "", ">=", 0.9)
	}
	worst = ""
	for (c = 1; c <= nc; c++)
		for (p = 1; p <= ncpu[c]; p++)
			for (i = 1; i <= no; i++) {
				v = rat2("v612", "objpool", "ours/" ocases[i], "v612", "objpool", "upstream/" ocases[i], cpu_list[c], p)
				if (v > 0 && (worst == "" || v < worst))
					worst = v
			}
	goal("objpool/upstream objpool on 6.12, worst case", worst, ">=", 1.0)
	goal("memory, 256 possible CPUs, nr_objs=512: upstream rings / ours", mem_goal, ">=", 10)

	if (nbad) {
		print ""
		print "== rows that did not check out =="
		for (i = 1; i <= nbad; i++)
			print "  " bad[i]
	}
}
# rat A B BENCH ROW N P: mean(A)/mean(B) of the same row, "" if either lacks.
function rat(a, b, bench, r, n, p) { return rat2(a, bench, r, b, bench, r, n, p) }
function rat2(ka, ba, ra, kb, bb, rb, n, p,    x, y) {
	x = mv(ka, ba, ra, n, p)
	y = mv(kb, bb, rb, n, p)
	return (x > 0 && y > 0) ? x / y : ""
}

# The codewrite rows (bench/trigger, no probes): what QEMU charges for
# rewriting code on a page that holds no other code that ran, as 6.1's
# XOL page does, and on one where 30 other functions ran, as the page of
# a task with cached slots does.  Every kernel runs the same code there,
# so the boots of a size are averaged.
function codewrite_note(    c, n, k, ta, tb, nk, seen) {
	for (c = 1; c <= nc; c++) {
		n = cpu_list[c]
		ta = tb = nk = 0
		for (k in kern)
			if (mv(k, U, "codewrite-alone", n, 1) > 0 && mv(k, U, "codewrite-crowded", n, 1) > 0) {
				ta += 1e6 / mv(k, U, "codewrite-alone", n, 1)
				tb += 1e6 / mv(k, U, "codewrite-crowded", n, 1)
				nk++
			}
		if (!nk)
			continue
		if (!seen++)
			print "  codewrite (no probes): us per code write + call, the function alone on its page /\n" \
			      "    beside 30 functions that ran (as on the XOL page of a task with cached slots):"
		printf "    guest -smp %s, P=1: %.2f us alone, %.2f us crowded (%.2fx)\n", size_label(n),
		       ta / nk, tb / nk, tb / ta
	}
}
