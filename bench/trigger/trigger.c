// SPDX-License-Identifier: GPL-2.0
/*
 * trigger - uprobe bench driver, run inside a guest
 *
 * Producer threads, each pinned to one CPU, call a probe target in a tight
 * loop and count their calls; the main thread samples the counts.  The
 * probes are registered through the uprobe_counter module's debugfs
 * interface (bench/uprobe_counter.c), whose handlers only bump a per-CPU
 * counter, so what is measured is the cost of taking the probe.
 *
 *   trigger [-p PRODUCERS] [-w WARMUP] [-d SECONDS] [-n SAMPLES]
 *           [-N CALLS] [-c COUNTER-DIR] [-k KPROBE-EVENT-DIR] MODE
 *   trigger -l
 *
 * MODEs, as in the kernel's run_bench_uprobes.sh plus three of our own:
 *   usermode-count      trig_nop, no probe
 *   syscall-count       getpgid(), no probe
 *   uprobe-nop, uprobe-push, uprobe-ret
 *   uretprobe-nop, uretprobe-push, uretprobe-ret
 *                       one (ret)probe on trig_nop, trig_push or trig_ret
 *   uprobe-multi8, uretprobe-multi8
 *                       (ret)probes on trig_mov0..7, called in turn
 *   uprobe-multi64      probes on trig_mov0..63, called in turn
 *   uprobe-endbr, uprobe-nopl (x86_64), uprobe-paciasp (arm64)
 *                       one probe on trig_endbr, trig_nopl or
 *                       trig_paciasp: the first instructions compilers
 *                       and patchable entries give functions
 *   uprobe-multi8-endbr (x86_64)
 *                       probes on trig_endbr0..7, called in turn
 *   codewrite-alone, codewrite-crowded
 *                       no probe: rewrite a function in a code page and
 *                       call it (see LOOP_CODEWRITE below)
 * See targets-ARCH.S for which instructions are emulated and which are
 * executed out of line on each architecture.
 *
 * A time run warms up for WARMUP seconds, takes SAMPLES samples of
 * SECONDS each and prints the result as run_bench_uprobes.sh does, e.g.
 *   uprobe-nop      ( 1 cpus):    3.565 ± 0.004M/s  (  3.565M/s/cpu)
 * followed by a "PSB uprobe ..." line of key=value pairs for the host
 * (scripts/bench.sh).  With -k, the producers then run once more for
 * SECONDS with the kprobe event in KPROBE-EVENT-DIR (a tracefs
 * events/GROUP/NAME directory, set up by the caller on
 * arch_uprobe_copy_ixol) enabled, and its hit count per probe hit is
 * reported as slot writes per hit.
 *
 * With -N, each producer makes exactly CALLS calls instead (no timing):
 * the XOL selftests use this to check that every call hit its probe.
 *
 * In probe modes the run fails (exit 1, result=bad:...) unless the probe
 * hit count from uprobe_counter equals the number of calls made: a probe
 * that silently stopped firing must not pass for a fast one.  In the
 * multi modes it also fails unless every target returned its index (reported
 * as wrong=N): a step that ran another instruction than the probed one,
 * from a stale slot or from an emulator's stale translation of the slot,
 * must not pass either.  The codewrite modes check every call the same
 * way.
 *
 * -l prints every target with its file offset, for use by scripts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "targets.h"

#define MAX_PRODUCERS	256
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum loop { LOOP_CALL, LOOP_SYSCALL, LOOP_MULTI, LOOP_CODEWRITE };

/*
 * @nr_multi: LOOP_MULTI calls multi[0..nr_multi-1] in turn, each of
 * which returns its index; LOOP_CODEWRITE runs nr_multi functions beside
 * the one it rewrites.
 */
struct mode {
	const char *name;
	enum loop loop;
	void (*target)(void);	/* LOOP_CALL */
	const trig_fn *multi;	/* LOOP_MULTI */
	int nr_multi;
	bool probed;
	bool ret;		/* uretprobe instead of uprobe */
};

static const struct mode modes[] = {
	{ "usermode-count",   LOOP_CALL,    trig_nop,  NULL, 0,  false, false },
	{ "syscall-count",    LOOP_SYSCALL, NULL,      NULL, 0,  false, false },
	{ "uprobe-nop",       LOOP_CALL,    trig_nop,  NULL, 0,  true,  false },
	{ "uprobe-push",      LOOP_CALL,    trig_push, NULL, 0,  true,  false },
	{ "uprobe-ret",       LOOP_CALL,    trig_ret,  NULL, 0,  true,  false },
#if defined(__x86_64__)
	{ "uprobe-endbr",     LOOP_CALL,    trig_endbr, NULL, 0, true,  false },
	{ "uprobe-nopl",      LOOP_CALL,    trig_nopl, NULL, 0,  true,  false },
#elif defined(__aarch64__)
	{ "uprobe-paciasp",   LOOP_CALL,    trig_paciasp, NULL, 0, true, false },
#endif
	{ "uretprobe-nop",    LOOP_CALL,    trig_nop,  NULL, 0,  true,  true  },
	{ "uretprobe-push",   LOOP_CALL,    trig_push, NULL, 0,  true,  true  },
	{ "uretprobe-ret",    LOOP_CALL,    trig_ret,  NULL, 0,  true,  true  },
	{ "uprobe-multi8",    LOOP_MULTI,   NULL, trig_multi, 8,  true, false },
	{ "uretprobe-multi8", LOOP_MULTI,   NULL, trig_multi, 8,  true, true  },
#if defined(__x86_64__)
	{ "uprobe-multi8-endbr", LOOP_MULTI, NULL, trig_endbr_multi,
	  NR_ENDBR_MULTI, true, false },
#endif
	{ "uprobe-multi64",   LOOP_MULTI,   NULL, trig_multi, 64, true, false },
	{ "codewrite-alone",  LOOP_CODEWRITE, NULL,    NULL, 0,  false, false },
	{ "codewrite-crowded", LOOP_CODEWRITE, NULL,   NULL, 30, false, false },
};

/* One cache line per producer, so that counting does not bounce lines. */
struct producer {
	alignas(64) unsigned long calls;
	unsigned long wrong;	/* calls that returned another K */
	pthread_t thread;
	int cpu;
};

static const struct mode *mode;
static struct producer producers[MAX_PRODUCERS];
static int nr_producers = 1;
static unsigned long calls_each;	/* -N; 0: run until stopped */
static bool stop;

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "trigger: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_until(double t)
{
	struct timespec ts = {
		.tv_sec = (time_t)t,
		.tv_nsec = (long)((t - (time_t)t) * 1e9),
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

/*
 * LOOP_CODEWRITE: the code write of an XOL hit without uprobes, to show
 * what the emulator charges for it.  Each producer has a code page of
 * CW_SLOTS slots of CW_SLOT bytes, as x86_64's XOL page.  Every call
 * writes "return K" with a new K into slot 1 through /proc/self/mem (the
 * kernel writes through its own mapping of the page, as uprobes does) and
 * calls it.  In codewrite-crowded, slots 2..nr_multi+1 hold functions of
 * their own that are called now and then, so that the page always holds
 * code that has run, as the page of a task with cached XOL slots does;
 * in codewrite-alone nothing else on the page ever runs, as in 6.1 where
 * one task takes the same lowest slot on every hit.  A CPU watches code
 * by cache line, so both cost the same there (run this program on the
 * host to see it); QEMU TCG keeps its translations by page, and what it
 * charges for the write depends on what else the page holds.
 */
#define CW_SLOT		128
#define CW_SLOTS	32
#define CW_REFRESH	256	/* calls between two calls of the others */

#if defined(__x86_64__)
#define CW_LEN	16	/* MAX_UINSN_BYTES: what uprobes copies into a slot */
#define CW_KMASK 0x7fffffffu

/* mov $k,%eax; ret; the rest int3 */
static void cw_insn(unsigned char *buf, unsigned int k)
{
	memset(buf, 0xcc, CW_LEN);
	buf[0] = 0xb8;
	memcpy(buf + 1, &k, 4);
	buf[5] = 0xc3;
}
#elif defined(__aarch64__)
#define CW_LEN	8
#define CW_KMASK 0xffffu

/* movz w0,#k; ret */
static void cw_insn(unsigned char *buf, unsigned int k)
{
	unsigned int insn[2] = { 0x52800000 | k << 5, 0xd65f03c0 };

	memcpy(buf, insn, sizeof(insn));
}
#endif

struct codepage {
	unsigned char *page;
	int mem;
};

static void cw_write(const struct codepage *cp, int slot, unsigned int k)
{
	unsigned char buf[CW_LEN];

	cw_insn(buf, k);
	if (pwrite(cp->mem, buf, CW_LEN, (long)(cp->page + slot * CW_SLOT)) !=
	    CW_LEN)
		die("write to /proc/self/mem: %s", strerror(errno));
}

static int (*cw_fn(const struct codepage *cp, int slot))(void)
{
	return (int (*)(void))(cp->page + slot * CW_SLOT);
}

static void cw_setup(struct codepage *cp)
{
	int s;

	cp->mem = open("/proc/self/mem", O_RDWR);
	if (cp->mem < 0)
		die("/proc/self/mem: %s", strerror(errno));
	cp->page = mmap(NULL, CW_SLOT * CW_SLOTS, PROT_READ | PROT_EXEC,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (cp->page == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	for (s = 2; s < 2 + mode->nr_multi; s++)
		cw_write(cp, s, s);
}

/* Call the functions kept beside slot 1; count those that returned wrong. */
static unsigned long cw_others(const struct codepage *cp)
{
	unsigned long wrong = 0;
	int s;

	for (s = 2; s < 2 + mode->nr_multi; s++)
		if (cw_fn(cp, s)() != s)
			wrong++;
	return wrong;
}

static void cw_teardown(struct codepage *cp)
{
	munmap(cp->page, CW_SLOT * CW_SLOTS);
	close(cp->mem);
}

/*
 * The loops only publish their count with a relaxed store: the sampler
 * needs an eventually exact number, not an ordering with anything else.
 */
static void *producer_fn(void *arg)
{
	struct producer *p = arg;
	unsigned long n = 0, wrong = 0;
	struct codepage cp = { .page = NULL, .mem = -1 };
	unsigned int want;
	int k;

	if (mode->loop == LOOP_CODEWRITE)
		cw_setup(&cp);
	for (;;) {
		if (calls_each ? n >= calls_each :
		    __atomic_load_n(&stop, __ATOMIC_RELAXED))
			break;
		switch (mode->loop) {
		case LOOP_CALL:
			mode->target();
			n++;
			break;
		case LOOP_SYSCALL:
			syscall(SYS_getpgid, 0);
			n++;
			break;
		case LOOP_MULTI:
			for (k = 0; k < mode->nr_multi; k++)
				if (mode->multi[k]() != k)
					wrong++;
			n += mode->nr_multi;
			break;
		case LOOP_CODEWRITE:
			if (n % CW_REFRESH == 0)
				wrong += cw_others(&cp);
			want = n & CW_KMASK;
			cw_write(&cp, 1, want);
			if ((unsigned int)cw_fn(&cp, 1)() != want)
				wrong++;
			n++;
			break;
		}
		__atomic_store_n(&p->calls, n, __ATOMIC_RELAXED);
	}
	if (mode->loop == LOOP_CODEWRITE)
		cw_teardown(&cp);
	/* read after pthread_join() */
	p->wrong = wrong;
	return NULL;
}

static unsigned long total_calls(void)
{
	unsigned long sum = 0;
	int i;

	for (i = 0; i < nr_producers; i++)
		sum += __atomic_load_n(&producers[i].calls, __ATOMIC_RELAXED);
	return sum;
}

/* Only once the producers are joined. */
static unsigned long total_wrong(void)
{
	unsigned long sum = 0;
	int i;

	for (i = 0; i < nr_producers; i++)
		sum += producers[i].wrong;
	return sum;
}

/* --- small file helpers ------------------------------------------------ */

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

static int read_u64(const char *path, unsigned long long *val)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -errno;
	ok = fscanf(f, "%llu", val) == 1;
	fclose(f);
	return ok ? 0 : -EINVAL;
}

/* --- targets and probes ------------------------------------------------ */

/* File offset of code at @addr in this executable, from /proc/self/maps. */
static unsigned long file_offset(unsigned long addr)
{
	unsigned long start, end, pgoff;
	char line[512], perms[8];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		die("/proc/self/maps: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s %lx", &start, &end, perms,
			   &pgoff) != 4)
			continue;
		if (addr >= start && addr < end) {
			fclose(f);
			return addr - start + pgoff;
		}
	}
	fclose(f);
	die("%p is in no mapping", (void *)addr);
	return 0;
}

static char exe[PATH_MAX];
static const char *counter_dir = "/sys/kernel/debug/uprobe_counter";

static void probe_cmd(const char *verb, unsigned long addr, bool ret,
		      bool must)
{
	char path[PATH_MAX + 32], cmd[PATH_MAX + 64];
	int err;

	snprintf(path, sizeof(path), "%s/control", counter_dir);
	snprintf(cmd, sizeof(cmd), "%s %s 0x%lx%s\n", verb, exe,
		 file_offset(addr), ret ? " ret" : "");
	err = write_str(path, cmd);
	if (err && must)
		die("'%s' to %s: %s", strtok(cmd, "\n"), path, strerror(-err));
}

static void probes(const char *verb, bool must)
{
	int k;

	if (mode->loop == LOOP_MULTI) {
		for (k = 0; k < mode->nr_multi; k++)
			probe_cmd(verb, (unsigned long)mode->multi[k], mode->ret,
				  must);
	} else {
		probe_cmd(verb, (unsigned long)mode->target, mode->ret, must);
	}
}

static void del_probes(void)
{
	probes("del", false);
}

static unsigned long long probe_hits(void)
{
	char path[PATH_MAX + 32];
	unsigned long long hits;
	int err;

	snprintf(path, sizeof(path), "%s/hits", counter_dir);
	err = read_u64(path, &hits);
	if (err)
		die("%s: %s", path, strerror(-err));
	return hits;
}

/*
 * Hit count of the kprobe event in @evdir (tracefs events/GROUP/NAME):
 * kprobe_profile lines are "  NAME  HITS  MISSES".
 */
static long long kprobe_hits(const char *evdir)
{
	char profile[PATH_MAX], line[512], name[256];
	const char *ev = strrchr(evdir, '/');
	unsigned long long hits, missed;
	char *tracing;
	FILE *f;

	ev = ev ? ev + 1 : evdir;
	/* .../tracing/events/GROUP/NAME -> .../tracing/kprobe_profile */
	snprintf(profile, sizeof(profile), "%s", evdir);
	tracing = strstr(profile, "/events/");
	if (!tracing)
		die("-k wants a tracefs events/GROUP/NAME directory");
	strcpy(tracing, "/kprobe_profile");
	f = fopen(profile, "r");
	if (!f)
		die("%s: %s", profile, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %llu %llu", name, &hits, &missed) == 3 &&
		    !strcmp(name, ev)) {
			fclose(f);
			return hits;
		}
	}
	fclose(f);
	die("no event %s in %s", ev, profile);
	return -1;
}

static void list_targets(void)
{
	int k;

	printf("trig_nop 0x%lx\n", file_offset((unsigned long)trig_nop));
	printf("trig_push 0x%lx\n", file_offset((unsigned long)trig_push));
	printf("trig_ret 0x%lx\n", file_offset((unsigned long)trig_ret));
	for (k = 0; k < NR_MULTI; k++)
		printf("trig_mov%d 0x%lx\n", k,
		       file_offset((unsigned long)trig_multi[k]));
#if defined(__x86_64__)
	printf("trig_endbr 0x%lx\n", file_offset((unsigned long)trig_endbr));
	printf("trig_nopl 0x%lx\n", file_offset((unsigned long)trig_nopl));
	for (k = 0; k < NR_ENDBR_MULTI; k++)
		printf("trig_endbr%d 0x%lx\n", k,
		       file_offset((unsigned long)trig_endbr_multi[k]));
#elif defined(__aarch64__)
	printf("trig_paciasp 0x%lx\n",
	       file_offset((unsigned long)trig_paciasp));
#endif
}

/* --- main -------------------------------------------------------------- */

static void help(void)
{
	size_t i;

	fprintf(stderr, "usage: trigger [-p PRODUCERS] [-w WARMUP] [-d SECONDS] [-n SAMPLES]\n"
		"               [-N CALLS] [-c COUNTER-DIR] [-k KPROBE-EVENT-DIR] MODE\n"
		"       trigger -l\nMODE:");
	for (i = 0; i < ARRAY_SIZE(modes); i++)
		fprintf(stderr, " %s", modes[i].name);
	fputc('\n', stderr);
	exit(2);
}

static double parse_seconds(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (*end || !(v > 0) || v > 3600)
		die("bad duration '%s'", s);
	return v;
}

static long parse_count(const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < 1 || v > max)
		die("bad count '%s' (1..%ld)", s, max);
	return v;
}

static void start_producers(void)
{
	cpu_set_t online;
	pthread_attr_t attr;
	int i, cpu = -1, err;

	if (sched_getaffinity(0, sizeof(online), &online))
		die("sched_getaffinity: %s", strerror(errno));
	if (nr_producers > CPU_COUNT(&online))
		die("%d producers but only %d CPUs", nr_producers,
		    CPU_COUNT(&online));
	__atomic_store_n(&stop, false, __ATOMIC_RELAXED);
	for (i = 0; i < nr_producers; i++) {
		cpu_set_t set;

		do
			cpu++;
		while (!CPU_ISSET(cpu, &online));
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		producers[i].cpu = cpu;
		producers[i].calls = 0;
		pthread_attr_init(&attr);
		pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
		err = pthread_create(&producers[i].thread, &attr, producer_fn,
				     &producers[i]);
		pthread_attr_destroy(&attr);
		if (err)
			die("pthread_create: %s", strerror(err));
	}
}

static void stop_producers(void)
{
	int i;

	__atomic_store_n(&stop, true, __ATOMIC_RELAXED);
	for (i = 0; i < nr_producers; i++)
		pthread_join(producers[i].thread, NULL);
}

int main(int argc, char **argv)
{
	double warmup = 1, duration = 1, t0, t1, mean = 0, sd = 0;
	const char *kprobe_ev = NULL;
	unsigned long long hits0 = 0, hits1 = 0;
	double writes_per_hit = -1;
	int nr_samples = 5, opt, i;
	unsigned long c0, c1, calls, wrong;
	double *rate;
	size_t m;
	char bad[128] = "";

	while ((opt = getopt(argc, argv, "p:w:d:n:N:c:k:l")) != -1) {
		switch (opt) {
		case 'p':
			nr_producers = parse_count(optarg, MAX_PRODUCERS);
			break;
		case 'w':
			warmup = parse_seconds(optarg);
			break;
		case 'd':
			duration = parse_seconds(optarg);
			break;
		case 'n':
			nr_samples = parse_count(optarg, 1000);
			break;
		case 'N':
			calls_each = parse_count(optarg, LONG_MAX);
			break;
		case 'c':
			counter_dir = optarg;
			break;
		case 'k':
			kprobe_ev = optarg;
			break;
		case 'l':
			list_targets();
			return 0;
		default:
			help();
		}
	}
	if (optind != argc - 1)
		help();
	for (m = 0; m < ARRAY_SIZE(modes); m++)
		if (!strcmp(argv[optind], modes[m].name))
			mode = &modes[m];
	if (!mode) {
		fprintf(stderr, "trigger: unknown mode '%s'\n", argv[optind]);
		help();
	}
	if (readlink("/proc/self/exe", exe, sizeof(exe) - 1) < 0)
		die("/proc/self/exe: %s", strerror(errno));

	if (mode->probed) {
		probes("add", true);
		atexit(del_probes);
		hits0 = probe_hits();
	}
	start_producers();

	if (calls_each) {
		for (i = 0; i < nr_producers; i++)
			pthread_join(producers[i].thread, NULL);
		calls = total_calls();
		wrong = total_wrong();
		printf("PSB calls mode=%s p=%d calls=%lu", mode->name,
		       nr_producers, calls);
		goto check;
	}

	rate = calloc(nr_samples, sizeof(*rate));
	if (!rate)
		die("out of memory");
	sleep_until(now() + warmup);
	for (i = 0; i < nr_samples; i++) {
		t0 = now();
		c0 = total_calls();
		sleep_until(t0 + duration);
		t1 = now();
		c1 = total_calls();
		rate[i] = (c1 - c0) / (t1 - t0);
		mean += rate[i] / nr_samples;
	}
	for (i = 0; nr_samples > 1 && i < nr_samples; i++)
		sd += (rate[i] - mean) * (rate[i] - mean) / (nr_samples - 1);
	sd = sqrt(sd);

	stop_producers();
	calls = total_calls();
	wrong = total_wrong();

	/*
	 * The slot-write sample is a run of its own, with the kprobe event
	 * enabled and disabled while no producer runs: toggling a kprobe on
	 * a function that another CPU is executing has crashed 6.1 guests
	 * under QEMU TCG (a call through a NULL ftrace trampoline target).
	 */
	if (mode->probed && kprobe_ev) {
		char enable[PATH_MAX + 16];
		unsigned long long h0, h1;
		long long k0, k1;
		int err;

		snprintf(enable, sizeof(enable), "%s/enable", kprobe_ev);
		err = write_str(enable, "1");
		if (err)
			die("%s: %s", enable, strerror(-err));
		k0 = kprobe_hits(kprobe_ev);
		h0 = probe_hits();
		start_producers();
		sleep_until(now() + duration);
		stop_producers();
		k1 = kprobe_hits(kprobe_ev);
		h1 = probe_hits();
		write_str(enable, "0");
		calls += total_calls();
		wrong += total_wrong();
		if (h1 > h0)
			writes_per_hit = (double)(k1 - k0) / (h1 - h0);
	}

	printf("%-15s (%2d cpus): %8.3f ± %5.3fM/s  (%7.3fM/s/cpu)\n",
	       mode->name, nr_producers, mean / 1e6, sd / 1e6,
	       mean / 1e6 / nr_producers);
	printf("PSB uprobe mode=%s p=%d mean=%.1f sd=%.1f calls=%lu samples=",
	       mode->name, nr_producers, mean, sd, calls);
	for (i = 0; i < nr_samples; i++)
		printf("%s%.0f", i ? ":" : "", rate[i]);
	if (writes_per_hit >= 0)
		printf(" writes_per_hit=%.4f", writes_per_hit);
	free(rate);

check:
	if (mode->probed) {
		hits1 = probe_hits();
		printf(" hits=%llu", hits1 - hits0);
		if (hits1 - hits0 != calls)
			snprintf(bad, sizeof(bad), "bad:hits-%llu-calls-%lu",
				 hits1 - hits0, calls);
	}
	if (mode->loop == LOOP_MULTI || mode->loop == LOOP_CODEWRITE) {
		printf(" wrong=%lu", wrong);
		if (wrong)
			snprintf(bad, sizeof(bad), "bad:wrong-results-%lu", wrong);
	}
	printf(" result=%s\n", bad[0] ? bad : "ok");
	if (bad[0])
		fprintf(stderr, "trigger: %s: %llu probe hits for %lu calls, %lu wrong results\n",
			mode->name, hits1 - hits0, calls, wrong);
	return bad[0] ? 1 : 0;
}
