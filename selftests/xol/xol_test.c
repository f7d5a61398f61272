// SPDX-License-Identifier: GPL-2.0
/*
 * xol_test - uprobes execute-out-of-line (XOL) selftest
 *
 * Puts uprobes on instructions the kernel single-steps out of line
 * (xol_targets-$ARCH.S), calls them from many threads and processes while
 * probes come and go, and checks that every call returns what it must and
 * that every hit was counted exactly once.  It is meant to pass on any
 * correct kernel: vanilla 6.1 proves the test sound, a kernel caching XOL
 * slots must pass it as well.
 *
 * The tests are kselftest_harness cases of the fixture "xol": each runs
 * in a child process of its own, its probes defined by the fixture's
 * setup and removed by its teardown.
 *
 * Usage: xol_test [-b tracefs|counter] [-s SCALE] [-d] [-H] [-t TEST]... [-l]
 *   -b tracefs  probes are uprobe events in tracefs (the default); hits
 *               are counted exactly from the trace ring buffer
 *   -b counter  probes are registered by a module that counts hits per
 *               CPU (probescale's bench/uprobe_counter.ko), which must be
 *               loaded; hits come from its counters
 *   -s SCALE    multiply the iteration counts and time limits (default 1)
 *   -d          more diagnostics
 *   -H          truncate_race: xol_drop_hold.ko (probescale's
 *               selftests/xol) must be loaded on a kernel with the XOL
 *               slot cache, to widen the race it tests
 *   -t TEST     run only this test (may be repeated), as -t of newer
 *               kselftest harnesses; the default is every test
 *   -l          list the tests
 * Also in $KSELFTEST_XOL_TEST_ARGS under run_kselftest.sh.  Needs root,
 * tracefs at /sys/kernel/tracing (both backends), debugfs for the XOL
 * cache's counters and, for the remap tests, a writable /tmp that uprobes
 * accept (tmpfs).  Exits 0 when every test passed or was skipped, 1
 * otherwise; 4 when it cannot run.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

/* assertion messages in the TAP output, next to the result they explain */
#define TH_LOG_STREAM	stdout
#include "../kselftest_harness.h"
#include "xol_targets.h"

#define TRACEFS		"/sys/kernel/tracing"
#define COUNTER_CTL	"/sys/kernel/debug/uprobe_counter/control"

#define MAX_PROBES	96

/* ------------------------------------------------------------------ */
/* Probe targets                                                        */

struct tctx;

/*
 * A function with a probed instruction.  check() calls it once with
 * argument @i and says whether it returned the right thing.  Calling it
 * executes the instruction at @probe and, if @also >= 0, the one of
 * target @also as well.
 */
struct target {
	const char *name;
	const void *probe;
	int (*check)(const struct target *tg, struct tctx *t, long i);
	int also;
	long m64;	/* for the xol_mNN targets: NN */
};

/* One thread of a phase, or one signal handler's worth of calls. */
struct tctx {
	int id;
	pthread_t th;
	struct phase *ph;
	long slot;		/* memory for the load/store targets */
	long sig_slot;
	long calls[MAX_PROBES];
	long sig_calls[MAX_PROBES];
	long bad;
	long sig_bad;
	long rounds_done;
	unsigned long xin, xout;	/* sums exchanged by xt_ripxchg() */
};

#if defined(__x86_64__)
static int c_ret(const struct target *tg, struct tctx *t, long i)
{
	return xt_ret() == 0x5a5a;
}

static int c_ripload(const struct target *tg, struct tctx *t, long i)
{
	return xt_ripload() == 0x1122334455667788;
}

static int c_ripxchg(const struct target *tg, struct tctx *t, long i)
{
	unsigned long v = (unsigned long)i << 8 | t->id;

	/* what goes in comes out: checked over the whole phase */
	t->xin += v;
	t->xout += xt_ripxchg(v);
	return 1;
}

static int c_movimm(const struct target *tg, struct tctx *t, long i)
{
	return xt_movimm() == 0x1234567;
}

static int c_learip(const struct target *tg, struct tctx *t, long i)
{
	return xt_learip() == (long)&xol_data;
}

static int c_lea(const struct target *tg, struct tctx *t, long i)
{
	return xt_lea(i) == i + 0x55;
}

static int c_imul(const struct target *tg, struct tctx *t, long i)
{
	return xt_imul(i) == i * 7;
}

static int c_load(const struct target *tg, struct tctx *t, long i)
{
	t->slot = i ^ ((long)t->id << 24);
	return xt_load(&t->slot) == t->slot;
}

static int c_ripstore(const struct target *tg, struct tctx *t, long i)
{
	return xt_ripstore(i) == i && xol_sink == 0x77;
}

static int c_xchg(const struct target *tg, struct tctx *t, long i)
{
	return xt_xchg(i) == i;
}

enum {
	T_RET, T_RIPLOAD, T_RIPXCHG, T_MOVIMM, T_LEARIP, T_LEA, T_IMUL,
	T_LOAD, T_RIPSTORE, T_XCHG, NR_ARCH_TARGETS
};

static struct target targets[MAX_PROBES] = {
	[T_RET]		= { "ret",	xt_ret_p,	c_ret,		-1 },
	[T_RIPLOAD]	= { "ripload",	xt_ripload,	c_ripload,	-1 },
	[T_RIPXCHG]	= { "ripxchg",	xt_ripxchg,	c_ripxchg,	-1 },
	[T_MOVIMM]	= { "movimm",	xt_movimm,	c_movimm,	-1 },
	[T_LEARIP]	= { "learip",	xt_learip,	c_learip,	-1 },
	[T_LEA]		= { "lea",	xt_lea,		c_lea,		-1 },
	[T_IMUL]	= { "imul",	xt_imul,	c_imul,		-1 },
	[T_LOAD]	= { "load",	xt_load,	c_load,		-1 },
	[T_RIPSTORE]	= { "ripstore",	xt_ripstore,	c_ripstore,	-1 },
	[T_XCHG]	= { "xchg",	xt_xchg,	c_xchg,		-1 },
};

/* eight different stepped instructions */
static const int multi8[8] = {
	T_RET, T_RIPLOAD, T_RIPXCHG, T_MOVIMM, T_LEARIP, T_LEA, T_IMUL,
	T_RIPSTORE
};

#define T_SIGNAL	T_MOVIMM	/* what signal handlers call */

/* the memory xt_ripxchg() exchanges with */
static unsigned long arch_xvalue(void)
{
	return __atomic_load_n(&xol_count, __ATOMIC_SEQ_CST);
}

static unsigned long uc_pc(ucontext_t *uc)
{
	return uc->uc_mcontext.gregs[REG_RIP];
}

/* code for the remap test: mov $K,%eax; ret */
static void remap_code(unsigned char *buf, unsigned int k)
{
	buf[0] = 0xb8;
	memcpy(buf + 1, &k, 4);
	buf[5] = 0xc3;
}

#else /* __aarch64__ */
static int c_nop(const struct target *tg, struct tctx *t, long i)
{
	return xt_nop() == 0x5a5a;
}

static int c_stp(const struct target *tg, struct tctx *t, long i)
{
	return xt_stp(i) == 2 * i + 1;
}

static int c_adr(const struct target *tg, struct tctx *t, long i)
{
	return xt_adr() == (long)xol_anchor;
}

static int c_adrp(const struct target *tg, struct tctx *t, long i)
{
	return xt_adrp() == (long)&xol_data;
}

static int c_load(const struct target *tg, struct tctx *t, long i)
{
	t->slot = i ^ ((long)t->id << 24);
	return xt_load(&t->slot) == t->slot;
}

static int c_store(const struct target *tg, struct tctx *t, long i)
{
	long v = i ^ ((long)t->id << 20);

	t->slot = 0;
	return xt_store(&t->slot, v) == v && t->slot == v;
}

static int c_movz(const struct target *tg, struct tctx *t, long i)
{
	return xt_movz() == 0x1234;
}

static int c_add(const struct target *tg, struct tctx *t, long i)
{
	return xt_add(i) == i + 0x55;
}

static int c_lsl(const struct target *tg, struct tctx *t, long i)
{
	return xt_lsl(i) == i << 3;
}

static int c_eor(const struct target *tg, struct tctx *t, long i)
{
	return xt_eor(i) == (i ^ 0xff);
}

enum {
	T_NOP, T_STP, T_LDP, T_ADR, T_ADRP, T_LOAD, T_STORE, T_MOVZ,
	T_ADD, T_LSL, T_EOR, NR_ARCH_TARGETS
};

static struct target targets[MAX_PROBES] = {
	[T_NOP]		= { "nop",	xt_nop,		c_nop,		-1 },
	[T_STP]		= { "stp",	xt_stp,		c_stp,		T_LDP },
	[T_LDP]		= { "ldp",	xt_ldp_p,	c_stp,		T_STP },
	[T_ADR]		= { "adr",	xt_adr,		c_adr,		-1 },
	[T_ADRP]	= { "adrp",	xt_adrp,	c_adrp,		-1 },
	[T_LOAD]	= { "load",	xt_load,	c_load,		-1 },
	[T_STORE]	= { "store",	xt_store,	c_store,	-1 },
	[T_MOVZ]	= { "movz",	xt_movz,	c_movz,		-1 },
	[T_ADD]		= { "add",	xt_add,		c_add,		-1 },
	[T_LSL]		= { "lsl",	xt_lsl,		c_lsl,		-1 },
	[T_EOR]		= { "eor",	xt_eor,		c_eor,		-1 },
};

static const int multi8[8] = {
	T_NOP, T_STP, T_LOAD, T_STORE, T_MOVZ, T_ADD, T_LSL, T_EOR
};

#define T_SIGNAL	T_MOVZ

static unsigned long arch_xvalue(void)
{
	return 0;
}

static unsigned long uc_pc(ucontext_t *uc)
{
	return uc->uc_mcontext.pc;
}

/* movz w0, #K; ret */
static void remap_code(unsigned char *buf, unsigned int k)
{
	unsigned int insn[2] = { 0x52800000 | (k & 0xffff) << 5, 0xd65f03c0 };

	memcpy(buf, insn, sizeof(insn));
}
#endif

static int c_m64(const struct target *tg, struct tctx *t, long i);

/* 1 when target @k, called with @i, returned the right thing */
static int call_target(int k, struct tctx *t, long i)
{
	return targets[k].check(&targets[k], t, i);
}

/* Where the xol_mNN targets start in targets[]. */
#define T_M64		NR_ARCH_TARGETS
#define NR_TARGETS	(T_M64 + NR_M64)

static int m64set[NR_M64];
static int allset[NR_ARCH_TARGETS];

/* ------------------------------------------------------------------ */
/* Options and small helpers                                            */

static int verbose;
static int scale = 1;
static int require_hold;
static char exe_path[PATH_MAX];
static long page_size;

/* a "# " line of the TAP output (stdout is line-buffered) */
#define diag(fmt, ...)	ksft_print_msg(fmt "\n", ##__VA_ARGS__)

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int write_file(const char *path, const char *s, int append)
{
	int fd, ret = 0;
	ssize_t n;

	fd = open(path, O_WRONLY | (append ? O_APPEND : O_TRUNC));
	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != strlen(s))
		ret = -EIO;
	close(fd);
	return ret;
}

/* Read a whole file into a malloc'ed, NUL-terminated buffer. */
static char *read_file(const char *path, size_t *lenp)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	for (;;) {
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = 0;
	if (lenp)
		*lenp = len;
	return buf;
}

/* The number a file such as a debugfs counter holds, or -1. */
static long read_long(const char *path)
{
	char *buf = read_file(path, NULL);
	long n = buf ? atol(buf) : -1;

	free(buf);
	return n;
}

/* File offset of @addr in the file mapped there, from /proc/self/maps. */
static int addr_to_file(const void *addr, char *path, unsigned long *off)
{
	unsigned long a = (unsigned long)addr, start, end, pgoff;
	char line[PATH_MAX + 128], perms[8], file[PATH_MAX];
	FILE *f = fopen("/proc/self/maps", "r");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		file[0] = 0;
		if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %s", &start, &end,
			   perms, &pgoff, file) < 4)
			continue;
		if (a < start || a >= end || file[0] != '/')
			continue;
		strcpy(path, file);
		*off = a - start + pgoff;
		ret = 0;
		break;
	}
	fclose(f);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Probes: tracefs uprobe events or bench/uprobe_counter.ko             */

enum backend { B_TRACEFS, B_COUNTER };
static enum backend backend = B_TRACEFS;

/*
 * Probe i is event xol/x<i> (and its alternate xol/y<i>, a second probe
 * at the same address) in tracefs, or one registration in the counter.
 */
struct probe {
	char path[PATH_MAX];
	unsigned long off;
	int defined;
	int on;			/* 0 off, 1 x<i> on, 2 y<i> on */
	long acc, base;		/* counter: hits of removed registrations */
	long hits;		/* counts_collect() result */
};

static struct probe probes[MAX_PROBES];
static int nr_probes;

static int tfs(const char *file, const char *s, int append)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), TRACEFS "/%s", file);
	return write_file(path, s, append);
}

static int event_enable(char kind, int i, int on)
{
	char file[64];

	snprintf(file, sizeof(file), "events/xol/%c%d/enable", kind, i);
	return tfs(file, on ? "1" : "0", 0);
}

static int probe_define(int i)
{
	struct probe *p = &probes[i];
	char cmd[PATH_MAX + 64];
	int ret;

	if (p->defined || backend != B_TRACEFS) {
		p->defined = 1;
		return 0;
	}
	for (char kind = 'x'; kind <= 'y'; kind++) {
		snprintf(cmd, sizeof(cmd), "p:xol/%c%d %s:0x%lx\n", kind, i,
			 p->path, p->off);
		ret = tfs("uprobe_events", cmd, 1);
		if (ret) {
			diag("defining probe %c%d at %s:0x%lx: %s", kind, i,
			     p->path, p->off, strerror(-ret));
			return ret;
		}
	}
	p->defined = 1;
	return 0;
}

/* Hits of every registered counter probe, by path and offset. */
static long counter_hits(int i, const char *buf)
{
	struct probe *p = &probes[i];
	char path[PATH_MAX], kind[16];
	unsigned long off, hits;
	const char *l;

	for (l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (sscanf(l, "%s %lx %15s %lu", path, &off, kind, &hits) != 4)
			continue;
		if (off == p->off && !strcmp(path, p->path) &&
		    !strcmp(kind, "uprobe"))
			return hits;
	}
	return -1;
}

static int counter_cmd(const char *verb, int i)
{
	char cmd[PATH_MAX + 64];

	snprintf(cmd, sizeof(cmd), "%s %s 0x%lx", verb, probes[i].path,
		 probes[i].off);
	return write_file(COUNTER_CTL, cmd, 0);
}

/* Switch probe @i to @state: 0 off, 1 primary, 2 alternate. */
static int probe_set(int i, int state)
{
	struct probe *p = &probes[i];
	char *buf;
	int ret = 0;

	if (p->on == state)
		return 0;
	ret = probe_define(i);
	if (ret)
		return ret;
	if (backend == B_TRACEFS) {
		/*
		 * Old one off first: with both on, a hit would be counted
		 * twice, once per event.
		 */
		if (p->on)
			ret = event_enable(p->on == 1 ? 'x' : 'y', i, 0);
		if (!ret && state)
			ret = event_enable(state == 1 ? 'x' : 'y', i, 1);
	} else if (!state || !p->on) {
		if (p->on) {
			buf = read_file(COUNTER_CTL, NULL);
			if (buf) {
				p->acc += counter_hits(i, buf) - p->base;
				free(buf);
			}
			ret = counter_cmd("del", i);
		} else {
			ret = counter_cmd("add", i);
		}
		p->base = 0;
	} else {
		/* primary <-> alternate: a new registration at the address */
		buf = read_file(COUNTER_CTL, NULL);
		if (buf) {
			p->acc += counter_hits(i, buf) - p->base;
			free(buf);
		}
		ret = counter_cmd("del", i);
		if (!ret)
			ret = counter_cmd("add", i);
		p->base = 0;
	}
	if (ret)
		diag("switching probe %d (%s:0x%lx) %d -> %d: %s", i, p->path,
		     p->off, p->on, state, strerror(-ret));
	else
		p->on = state;
	return ret;
}

static int probes_set(const int *set, int n, int state)
{
	int ret = 0;

	for (int j = 0; j < n && !ret; j++)
		ret = probe_set(set[j], state);
	return ret;
}

static void probes_all_off(void)
{
	for (int i = 0; i < nr_probes; i++)
		probe_set(i, 0);
}

static void probes_undefine(void)
{
	char cmd[64];

	probes_all_off();
	if (backend != B_TRACEFS)
		return;
	for (int i = 0; i < nr_probes; i++) {
		if (!probes[i].defined)
			continue;
		snprintf(cmd, sizeof(cmd), "-:xol/x%d\n", i);
		tfs("uprobe_events", cmd, 1);
		snprintf(cmd, sizeof(cmd), "-:xol/y%d\n", i);
		tfs("uprobe_events", cmd, 1);
		probes[i].defined = 0;
	}
}

/*
 * Remove what a test that never reached its teardown (killed at its time
 * limit, crashed) left registered: every tracefs event of group xol, or
 * every probe of the counter.
 */
static void probes_reset(void)
{
	char *buf, *l, *e, cmd[128];

	if (backend == B_COUNTER) {
		write_file(COUNTER_CTL, "clear", 0);
		return;
	}
	if (access(TRACEFS "/events/xol", F_OK))
		return;
	tfs("events/xol/enable", "0", 0);
	buf = read_file(TRACEFS "/uprobe_events", NULL);
	/* "p:xol/x12 /path:0x..." */
	for (l = buf; l && *l; l = e ? e + 1 : NULL) {
		e = strchr(l, '\n');
		if (e)
			*e = 0;
		if (strncmp(l, "p:xol/", 6) || !strchr(l, ' '))
			continue;
		snprintf(cmd, sizeof(cmd), "-:xol/%.*s\n",
			 (int)(strchr(l, ' ') - l - 6), l + 6);
		tfs("uprobe_events", cmd, 1);
	}
	free(buf);
}

static int add_probe(const char *path, unsigned long off)
{
	struct probe *p = &probes[nr_probes];

	if (nr_probes == MAX_PROBES)
		return -ENOSPC;
	snprintf(p->path, sizeof(p->path), "%s", path);
	p->off = off;
	return nr_probes++;
}

/* Start counting hits of every probe from zero. */
static int counts_begin(void)
{
	char *buf;

	if (backend == B_TRACEFS) {
		if (tfs("tracing_on", "0", 0) || tfs("trace", "", 0) ||
		    tfs("tracing_on", "1", 0))
			return -EIO;
		return 0;
	}
	buf = read_file(COUNTER_CTL, NULL);
	if (!buf)
		return -EIO;
	for (int i = 0; i < nr_probes; i++) {
		probes[i].acc = 0;
		probes[i].base = probes[i].on ? counter_hits(i, buf) : 0;
	}
	free(buf);
	return 0;
}

/* Every CPU's ring buffer kept every event. */
static int trace_complete(void)
{
	char path[PATH_MAX], *buf, *o;
	struct dirent *d;
	int ok = 1;
	DIR *dir;

	dir = opendir(TRACEFS "/per_cpu");
	if (!dir)
		return 0;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, "cpu", 3))
			continue;
		snprintf(path, sizeof(path), TRACEFS "/per_cpu/%s/stats",
			 d->d_name);
		buf = read_file(path, NULL);
		if (!buf)
			continue;
		o = strstr(buf, "overrun: ");
		if (o && atol(o + 9)) {
			diag("%s lost %ld events: raise buffer_size_kb",
			     d->d_name, atol(o + 9));
			ok = 0;
		}
		free(buf);
	}
	closedir(dir);
	return ok;
}

/* Hits of every probe since counts_begin() into probes[].hits. */
static int counts_collect(void)
{
	char *buf, *l, *e;
	long i;

	for (i = 0; i < nr_probes; i++)
		probes[i].hits = 0;

	if (backend == B_COUNTER) {
		buf = read_file(COUNTER_CTL, NULL);
		if (!buf)
			return -EIO;
		for (i = 0; i < nr_probes; i++)
			probes[i].hits = probes[i].acc + (probes[i].on ?
					counter_hits(i, buf) - probes[i].base : 0);
		free(buf);
		return 0;
	}

	if (tfs("tracing_on", "0", 0))
		return -EIO;
	buf = read_file(TRACEFS "/trace", NULL);
	if (!buf || !trace_complete()) {
		free(buf);
		return -EIO;
	}
	/* "<task>-<pid> [cpu] <flags> <time>: x12: (0x401a20)" */
	for (l = buf; l; l = e ? e + 1 : NULL) {
		char *m;

		e = strchr(l, '\n');
		if (e)
			*e = 0;
		if (*l == '#')
			continue;
		m = strstr(l, ": (0x");
		if (!m)
			continue;
		while (m > l && m[-1] != ' ')
			m--;
		if ((*m != 'x' && *m != 'y') || m[1] < '0' || m[1] > '9')
			continue;
		i = atol(m + 1);
		if (i >= 0 && i < nr_probes)
			probes[i].hits++;
	}
	free(buf);
	return tfs("tracing_on", "1", 0) ? -EIO : 0;
}

/* ------------------------------------------------------------------ */
/* Phases: threads calling targets, maybe with churn and signals        */

struct phase {
	const int *set;
	int nset;
	int nthreads;
	long rounds;		/* per thread; LONG_MAX: until the process dies */
	int churn;		/* 0: none, 1: probes off/on, 2: alternate probes */
	int signals;		/* SIGUSR1 storms at the workers */
	long *shared_bad;	/* where to add bad results (child processes) */
	atomic_int done;
	atomic_int stop;
	struct tctx *t;
};

static __thread struct tctx *cur;

static void on_sigusr1(int sig)
{
	struct tctx *t = cur;

	if (!t)
		return;
	if (!call_target(T_SIGNAL, t, t->sig_calls[T_SIGNAL]))
		t->sig_bad++;
	t->sig_calls[T_SIGNAL]++;
}

static void *worker(void *arg)
{
	struct tctx *t = arg;
	struct phase *ph = t->ph;
	long r, i = (long)t->id << 32;

	cur = t;
	for (r = 0; r < ph->rounds; r++) {
		for (int j = 0; j < ph->nset; j++) {
			int k = ph->set[j];

			if (!call_target(k, t, i++)) {
				t->bad++;
				if (ph->shared_bad)
					__atomic_add_fetch(ph->shared_bad, 1,
							   __ATOMIC_SEQ_CST);
			}
			t->calls[k]++;
		}
		t->rounds_done++;
	}
	/* Stay alive (and signalable) until the phase is over. */
	atomic_fetch_add(&ph->done, 1);
	while (!atomic_load(&ph->stop))
		sched_yield();
	cur = NULL;
	return NULL;
}

static void *churner(void *arg)
{
	struct phase *ph = arg;
	unsigned int seed = 12345;
	long n = 0;

	while (!atomic_load(&ph->stop)) {
		int k = ph->set[rand_r(&seed) % ph->nset];
		int was = probes[k].on;

		if (ph->churn == 2) {
			probe_set(k, was == 1 ? 2 : 1);
		} else {
			probe_set(k, 0);
			sleep_us(200);
			probe_set(k, was);
		}
		n++;
		sleep_us(500);
	}
	if (verbose)
		diag("churn: %ld probe switches", n);
	return (void *)n;
}

static void *signaller(void *arg)
{
	struct phase *ph = arg;
	long n = 0;

	while (!atomic_load(&ph->stop)) {
		for (int j = 0; j < ph->nthreads; j++)
			if (!pthread_kill(ph->t[j].th, SIGUSR1))
				n++;
		sleep_us(50);
	}
	return (void *)n;
}

static int start_thread(pthread_t *th, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	int ret;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	ret = pthread_create(th, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return ret;
}

/* Expected hits of each probe: calls of the targets that execute it. */
static void expected_hits(struct tctx *t, int nt, long *exp)
{
	memset(exp, 0, sizeof(long) * MAX_PROBES);
	for (int j = 0; j < nt; j++) {
		for (int k = 0; k < NR_TARGETS; k++) {
			long c = t[j].calls[k] + t[j].sig_calls[k];

			exp[k] += c;
			if (targets[k].also >= 0)
				exp[targets[k].also] += c;
		}
	}
}

/*
 * Compare hits with calls for the probes in @set: equal when @exact, else
 * at most as many (probes were off for a while) and some.
 */
static void check_hits(struct __test_metadata *_metadata, const char *what,
		       const int *set, int nset, const long *exp, int exact)
{
	long total_hits = 0, total_exp = 0;

	ASSERT_EQ(0, counts_collect())
		TH_LOG("%s: cannot read the hit counts", what);
	for (int j = 0; j < nset; j++) {
		int k = set[j];
		long h = probes[k].hits;

		total_hits += h;
		total_exp += exp[k];
		EXPECT_GE(h, exact ? exp[k] : 0)
			TH_LOG("%s: probe %s hit %ld times for %ld calls",
			       what, targets[k].name, h, exp[k]);
		EXPECT_LE(h, exp[k])
			TH_LOG("%s: probe %s hit %ld times for %ld calls",
			       what, targets[k].name, h, exp[k]);
	}
	EXPECT_TRUE(exact || !total_exp || total_hits)
		TH_LOG("%s: no hit at all in %ld calls", what, total_exp);
	if (verbose)
		diag("%s: %ld hits, %ld calls", what, total_hits, total_exp);
}

/*
 * Run @nthreads threads calling the targets of @set @rounds times each,
 * every probe of @set registered; check every result and the hit counts.
 */
static void run_phase(struct __test_metadata *_metadata, const char *what,
		      const int *set, int nset, int nthreads, long rounds,
		      int churn, int signals)
{
	struct phase ph = {
		.set = set, .nset = nset, .nthreads = nthreads,
		.rounds = rounds, .churn = churn, .signals = signals,
	};
	unsigned long x0, xin = 0, xout = 0;
	long exp[MAX_PROBES], bad = 0;
	pthread_t churn_th, sig_th;
	int started = 0;

	ph.t = calloc(nthreads, sizeof(*ph.t));
	ASSERT_NE(NULL, ph.t);
	ASSERT_EQ(0, probes_set(set, nset, 1))
		TH_LOG("%s: cannot switch the probes on", what);
	ASSERT_EQ(0, counts_begin())
		TH_LOG("%s: cannot start counting hits", what);
	x0 = arch_xvalue();

	for (int j = 0; j < nthreads; j++) {
		ph.t[j].id = j;
		ph.t[j].ph = &ph;
		if (start_thread(&ph.t[j].th, worker, &ph.t[j]))
			break;
		started++;
	}
	EXPECT_EQ(nthreads, started)
		TH_LOG("%s: pthread_create failed", what);
	if (churn && start_thread(&churn_th, churner, &ph))
		churn = 0;
	if (signals && start_thread(&sig_th, signaller, &ph))
		signals = 0;

	while (atomic_load(&ph.done) < started)
		sleep_us(1000);
	atomic_store(&ph.stop, 1);
	if (churn)
		pthread_join(churn_th, NULL);
	if (signals)
		pthread_join(sig_th, NULL);
	for (int j = 0; j < started; j++)
		pthread_join(ph.t[j].th, NULL);

	/* Churn leaves probes as it found them only mostly: make sure. */
	EXPECT_EQ(0, probes_set(set, nset, 1))
		TH_LOG("%s: cannot switch the probes on after churn", what);

	for (int j = 0; j < started; j++) {
		bad += ph.t[j].bad + ph.t[j].sig_bad;
		xin += ph.t[j].xin;
		xout += ph.t[j].xout;
	}
	EXPECT_EQ(0, bad)
		TH_LOG("%s: %ld wrong results", what, bad);
	EXPECT_EQ(x0 + xin, xout + arch_xvalue())
		TH_LOG("%s: the exchanging instruction lost values", what);
	expected_hits(ph.t, started, exp);
	check_hits(_metadata, what, set, nset, exp, !churn);
	free(ph.t);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */

/*
 * Every test runs in a child process of its own (the harness forks it),
 * from a clean probe state: the setup takes away what an earlier test
 * killed at its time limit left registered, the teardown unregisters
 * what the test registered.  A test's time limit is XOL_TIMEOUT seconds
 * times the scale (-s); the slowest guests, debug kernels under TCG,
 * need minutes for some tests.
 */
#define XOL_TIMEOUT	1200

FIXTURE(xol) {
};

FIXTURE_SETUP(xol)
{
	probes_reset();
}

FIXTURE_TEARDOWN(xol)
{
	probes_undefine();
}

TEST_F_TIMEOUT(xol, single, XOL_TIMEOUT)
{
	/* each target alone, then all of them together */
	for (int k = 0; k < NR_ARCH_TARGETS; k++) {
		char what[64];

		snprintf(what, sizeof(what), "single %s", targets[k].name);
		run_phase(_metadata, what, &k, 1, 1, 100 * scale, 0, 0);
		probe_set(k, 0);
	}
	run_phase(_metadata, "single all", allset, NR_ARCH_TARGETS, 1,
		  100 * scale, 0, 0);
}

TEST_F_TIMEOUT(xol, threads64, XOL_TIMEOUT)
{
	run_phase(_metadata, "64 threads", multi8, 8, 64, 20 * scale, 0, 0);
}

TEST_F_TIMEOUT(xol, multi8, XOL_TIMEOUT)
{
	run_phase(_metadata, "multi8 1 thread", multi8, 8, 1, 300 * scale,
		  0, 0);
	run_phase(_metadata, "multi8 4 threads", multi8, 8, 4, 100 * scale,
		  0, 0);
}

TEST_F_TIMEOUT(xol, multi8_churn, XOL_TIMEOUT)
{
	run_phase(_metadata, "multi8 churn", multi8, 8, 4, 150 * scale, 1, 0);
	run_phase(_metadata, "multi8 after churn", multi8, 8, 2, 50 * scale,
		  0, 0);
}

TEST_F_TIMEOUT(xol, multi64, XOL_TIMEOUT)
{
	run_phase(_metadata, "multi64 1 thread", m64set, NR_M64, 1,
		  40 * scale, 0, 0);
	run_phase(_metadata, "multi64 8 threads", m64set, NR_M64, 8,
		  10 * scale, 0, 0);
}

TEST_F_TIMEOUT(xol, multi64_churn, XOL_TIMEOUT)
{
	run_phase(_metadata, "multi64 churn", m64set, NR_M64, 8, 15 * scale,
		  1, 0);
	run_phase(_metadata, "multi64 after churn", m64set, NR_M64, 4,
		  5 * scale, 0, 0);
}

/*
 * Probes unregistered and registered again, or replaced by another probe
 * at the same address, while threads hit them.
 */
TEST_F_TIMEOUT(xol, rereg, XOL_TIMEOUT)
{
	run_phase(_metadata, "re-register", multi8, 8, 4, 150 * scale, 1, 0);
	run_phase(_metadata, "other probe, same address", multi8, 8, 4,
		  150 * scale, 2, 0);
	run_phase(_metadata, "after re-registering", multi8, 8, 4,
		  30 * scale, 0, 0);
}

TEST_F_TIMEOUT(xol, signals, XOL_TIMEOUT)
{
	run_phase(_metadata, "signal storm", multi8, 8, 8, 60 * scale, 0, 1);
}

/*
 * The stepped instruction itself faults: the signal must come with the
 * registers of the probed instruction, not of the XOL slot, and every
 * probe hit is still counted once.
 */
static sigjmp_buf fault_jmp;
static unsigned long fault_pc, fault_addr;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	__atomic_store_n(&fault_pc, uc_pc(ctx), __ATOMIC_SEQ_CST);
	__atomic_store_n(&fault_addr, (unsigned long)si->si_addr,
			 __ATOMIC_SEQ_CST);
	siglongjmp(fault_jmp, 1);
}

/* One faulting call of xt_load(): 1 if it faulted as it should. */
static __attribute_noinline__ int fault_once(void)
{
	unsigned long pc, addr;

	if (!sigsetjmp(fault_jmp, 1)) {
		xt_load((const long *)8);
		diag("load from address 8 did not fault");
		return 0;
	}
	pc = __atomic_load_n(&fault_pc, __ATOMIC_SEQ_CST);
	addr = __atomic_load_n(&fault_addr, __ATOMIC_SEQ_CST);
	if (pc != (unsigned long)xt_load || addr != 8) {
		diag("fault at pc %#lx addr %#lx, expected pc %p addr 0x8",
		     pc, addr, (void *)xt_load);
		return 0;
	}
	return 1;
}

TEST_F_TIMEOUT(xol, signal_in_step, XOL_TIMEOUT)
{
	struct sigaction sa = { .sa_sigaction = on_fault,
				.sa_flags = SA_SIGINFO };
	long exp[MAX_PROBES] = { 0 };
	struct tctx t = { .id = 1 };
	int k = T_LOAD, n;
	struct sigaction old;

	ASSERT_EQ(0, probe_set(k, 1));
	ASSERT_EQ(0, counts_begin());
	sigaction(SIGSEGV, &sa, &old);
	for (n = 0; n < 20 * scale; n++) {
		EXPECT_TRUE(fault_once());
		EXPECT_TRUE(call_target(T_LOAD, &t, n));
	}
	sigaction(SIGSEGV, &old, NULL);
	exp[k] = 2 * n;
	check_hits(_metadata, "signal in step", &k, 1, exp, 1);
}

/* Threads that exit right after caching slots, many more than slots. */
struct tx_arg {
	struct tctx t;
	long rounds;
};

static void *short_thread(void *arg)
{
	struct tx_arg *a = arg;

	for (long r = 0; r < a->rounds; r++) {
		for (int j = 0; j < 8; j++) {
			int k = multi8[j];

			if (!call_target(k, &a->t, r * 8 + j))
				a->t.bad++;
			a->t.calls[k]++;
		}
	}
	return NULL;
}

TEST_F_TIMEOUT(xol, thread_exit, XOL_TIMEOUT)
{
	int waves = 20 * scale, per_wave = 8, failed = 0;
	struct tx_arg *a = calloc(waves * per_wave, sizeof(*a));
	struct tctx *all = calloc(waves * per_wave, sizeof(*all));
	long exp[MAX_PROBES], bad = 0;
	pthread_t th[8];

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, all);
	ASSERT_EQ(0, probes_set(multi8, 8, 1));
	ASSERT_EQ(0, counts_begin());
	for (int w = 0; w < waves; w++) {
		for (int j = 0; j < per_wave; j++) {
			struct tx_arg *x = &a[w * per_wave + j];

			x->t.id = w * per_wave + j;
			x->rounds = 1 + (j % 4);
			if (start_thread(&th[j], short_thread, x)) {
				failed++;
				th[j] = 0;
			}
		}
		for (int j = 0; j < per_wave; j++)
			if (th[j])
				pthread_join(th[j], NULL);
	}
	EXPECT_EQ(0, failed) TH_LOG("pthread_create failed %d times", failed);
	for (int j = 0; j < waves * per_wave; j++) {
		all[j] = a[j].t;
		bad += a[j].t.bad;
	}
	EXPECT_EQ(0, bad) TH_LOG("thread exit: %ld wrong results", bad);
	expected_hits(all, waves * per_wave, exp);
	check_hits(_metadata, "thread exit", multi8, 8, exp, 1);
	free(all);
	free(a);
}

/*
 * The probed file unmapped and another mapped at the same address: the
 * same breakpoint address now stands for other instructions.  Also a file
 * page replaced by another page of the same file, and a mapping moved.
 */
static int make_code_file(const char *path, const unsigned int *ks, int n)
{
	unsigned char *buf = calloc(n, page_size);
	int fd, ret = 0;

	if (!buf)
		return -ENOMEM;
	for (int j = 0; j < n; j++)
		remap_code(buf + j * page_size, ks[j]);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, buf, n * page_size) != n * page_size)
		ret = -EIO;
	if (fd >= 0)
		close(fd);
	free(buf);
	return ret;
}

static long call_at(void *addr)
{
	long (*fn)(void) = (long (*)(void))addr;

	return fn();
}

static void *map_code(const char *path, long pgoff, void *at)
{
	int fd = open(path, O_RDONLY);
	void *p;

	if (fd < 0)
		return MAP_FAILED;
	p = mmap(at, page_size, PROT_READ | PROT_EXEC,
		 MAP_PRIVATE | (at ? MAP_FIXED : 0), fd, pgoff * page_size);
	close(fd);
	return p;
}

TEST_F_TIMEOUT(xol, remap, XOL_TIMEOUT)
{
	static const unsigned int ka[] = { 0x1111 }, kb[] = { 0x2222 };
	static const unsigned int kc[] = { 0x3333, 0x4444 };
	const char *fa = "/tmp/xol_remap_a", *fb = "/tmp/xol_remap_b";
	const char *fc = "/tmp/xol_remap_c";
	int pa, pb, pc0, pc1, set[4], n;
	long exp[MAX_PROBES] = { 0 }, bad = 0;
	char *x, *y;

	ASSERT_EQ(0, make_code_file(fa, ka, 1));
	ASSERT_EQ(0, make_code_file(fb, kb, 1));
	ASSERT_EQ(0, make_code_file(fc, kc, 2));
	pa = add_probe(fa, 0);
	pb = add_probe(fb, 0);
	pc0 = add_probe(fc, 0);
	pc1 = add_probe(fc, page_size);
	ASSERT_LE(0, pc1);
	set[0] = pa;
	set[1] = pb;
	set[2] = pc0;
	set[3] = pc1;
	for (int j = 0; j < 4; j++)
		targets[set[j]].name = "remap";
	ASSERT_EQ(0, probes_set(set, 4, 1));
	ASSERT_EQ(0, counts_begin());

	/* two pages of address space, the first one reused over and over */
	x = mmap(NULL, 2 * page_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	ASSERT_NE(MAP_FAILED, x);
	y = x + page_size;
	for (n = 0; n < 50 * scale; n++) {
		if (map_code(fa, 0, x) != x)
			break;
		bad += call_at(x) != 0x1111;
		exp[pa]++;
		if (map_code(fb, 0, x) != x)
			break;
		bad += call_at(x) != 0x2222;
		exp[pb]++;
		if (map_code(fc, 0, x) != x)
			break;
		bad += call_at(x) != 0x3333;
		exp[pc0]++;
		if (map_code(fc, 1, x) != x)
			break;
		bad += call_at(x) != 0x4444;
		exp[pc1]++;
		/* a moved mapping, and another file where it was */
		if (map_code(fa, 0, x) != x)
			break;
		bad += call_at(x) != 0x1111;
		exp[pa]++;
		if (mremap(x, page_size, page_size,
			   MREMAP_MAYMOVE | MREMAP_FIXED, y) != y)
			break;
		if (map_code(fb, 0, x) != x)
			break;
		bad += call_at(x) != 0x2222;
		bad += call_at(y) != 0x1111;
		exp[pb]++;
		exp[pa]++;
		munmap(x, 2 * page_size);
		if (mmap(x, 2 * page_size, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != x)
			break;
	}
	EXPECT_EQ(50 * scale, n)
		TH_LOG("remap: mapping failed in round %d: %s", n,
		       strerror(errno));
	EXPECT_EQ(0, bad) TH_LOG("remap: %ld wrong results", bad);
	munmap(x, 2 * page_size);
	check_hits(_metadata, "remap", set, 4, exp, 1);
	unlink(fa);
	unlink(fb);
	unlink(fc);
}

/* The calls one child process made, in shared memory. */
struct child_report {
	long calls[MAX_PROBES];
	long bad;
	int done;
};

static int run_child_calls(struct child_report *rep, long rounds, int id)
{
	struct tctx t = { .id = id };

	for (long r = 0; r < rounds; r++)
		for (int j = 0; j < 8; j++) {
			int k = multi8[j];

			if (!call_target(k, &t, r * 8 + j))
				t.bad++;
			t.calls[k]++;
		}
	memcpy(rep->calls, t.calls, sizeof(t.calls));
	rep->bad = t.bad;
	rep->done = 1;
	return t.bad ? 1 : 0;
}

static int exec_self(long rounds)
{
	char arg[32];
	char *const argv[] = { exe_path, "--exec-child", arg, NULL };

	snprintf(arg, sizeof(arg), "%ld", rounds);
	execv(exe_path, argv);
	return 127;
}

/* vfork + exec: the child shares the probed mm until it execs. */
static __attribute_noinline__ pid_t vfork_exec(long rounds)
{
	pid_t pid = vfork();

	if (!pid)
		_exit(exec_self(rounds));
	return pid;
}

static int wait_exit(pid_t pid, int want, const char *what)
{
	int status;

	if (waitpid(pid, &status, 0) != pid) {
		diag("%s: waitpid: %s", what, strerror(errno));
		return 0;
	}
	if (want >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == want)
		return 1;
	if (want < 0 && WIFSIGNALED(status) && WTERMSIG(status) == -want)
		return 1;
	if (WIFEXITED(status))
		diag("%s: exit status %d, expected %d", what,
		     WEXITSTATUS(status), want);
	else
		diag("%s: killed by signal %d, expected %d", what,
		     WTERMSIG(status), want);
	return 0;
}

/*
 * fork (also from a process with a thread hitting probes), fork in the
 * child, exec and vfork+exec, all while probed: every result right and
 * every hit of every process counted.
 */
TEST_F_TIMEOUT(xol, fork_exec, XOL_TIMEOUT)
{
	enum { NCHILD = 4, EXEC_ROUNDS = 40 };
	long rounds = 30 * scale, exp[MAX_PROBES];
	struct child_report *rep;
	struct phase ph = { .set = multi8, .nset = 8, .nthreads = 1 };
	struct tctx bg = { .id = 99, .ph = &ph };
	int execs = 0;
	pid_t pid[NCHILD];

	ph.rounds = rounds;
	ph.t = &bg;
	rep = mmap(NULL, sizeof(*rep) * (NCHILD + 1), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, rep);
	memset(rep, 0, sizeof(*rep) * (NCHILD + 1));
	ASSERT_EQ(0, probes_set(multi8, 8, 1));
	ASSERT_EQ(0, counts_begin());
	ASSERT_EQ(0, start_thread(&bg.th, worker, &bg));

	fflush(stdout);
	for (int c = 0; c < NCHILD; c++) {
		pid[c] = c == 3 ? vfork_exec(EXEC_ROUNDS) : fork();
		EXPECT_LE(0, pid[c]) TH_LOG("fork: %s", strerror(errno));
		if (pid[c])
			continue;
		switch (c) {
		case 0: {		/* calls, forks a grandchild, calls */
			pid_t g = fork();
			int r;

			if (!g)
				_exit(run_child_calls(&rep[NCHILD], rounds, 50));
			r = run_child_calls(&rep[0], rounds, 40);
			_exit(r || !wait_exit(g, 0, "grandchild"));
		}
		case 1:			/* calls, then exec */
			_exit(run_child_calls(&rep[1], rounds, 41));
		case 2:			/* exec at once */
			_exit(exec_self(EXEC_ROUNDS));
		}
	}
	for (int c = 0; c < NCHILD; c++) {
		int exited;

		if (pid[c] <= 0)
			continue;
		exited = wait_exit(pid[c], 0, "child");
		EXPECT_TRUE(exited);
		execs += exited && c >= 2;
	}
	while (atomic_load(&ph.done) < 1)
		sleep_us(1000);
	atomic_store(&ph.stop, 1);
	pthread_join(bg.th, NULL);

	expected_hits(&bg, 1, exp);
	for (int c = 0; c <= NCHILD; c++) {
		EXPECT_EQ(0, rep[c].bad)
			TH_LOG("child %d: %ld wrong results", c, rep[c].bad);
		for (int k = 0; k < NR_TARGETS; k++) {
			exp[k] += rep[c].calls[k];
			if (targets[k].also >= 0)
				exp[targets[k].also] += rep[c].calls[k];
		}
	}
	for (int j = 0; j < 8; j++) {
		int k = multi8[j];

		exp[k] += (long)execs * EXEC_ROUNDS;
		if (targets[k].also >= 0)
			exp[targets[k].also] += (long)execs * EXEC_ROUNDS;
	}
	EXPECT_EQ(0, bg.bad)
		TH_LOG("fork: %ld wrong results in the parent", bg.bad);
	check_hits(_metadata, "fork and exec", multi8, 8, exp, 1);
	munmap(rep, sizeof(*rep) * (NCHILD + 1));
}

/*
 * A process whose threads hit probes dies under them: exec from another
 * thread, exit_group, SIGKILL.  Threads exit holding slots, possibly in
 * the middle of a step.
 */
static long *shared_bad;

static void mt_child(int how)
{
	static struct phase ph = { .set = multi8, .nset = 8,
				   .rounds = LONG_MAX };
	static struct tctx t[16];

	ph.t = t;
	ph.shared_bad = shared_bad;
	for (int j = 0; j < 16; j++) {
		t[j].id = j;
		t[j].ph = &ph;
		start_thread(&t[j].th, worker, &t[j]);
	}
	sleep_us(30000);
	if (how == 0)
		_exit(exec_self(20));
	if (how == 1)
		_exit(7);
	pause();
	_exit(0);
}

TEST_F_TIMEOUT(xol, mt_death, XOL_TIMEOUT)
{
	shared_bad = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, shared_bad);
	ASSERT_EQ(0, probes_set(multi8, 8, 1));
	*shared_bad = 0;
	for (int round = 0; round < 3 * scale; round++) {
		pid_t pid;

		for (int how = 0; how < 3; how++) {
			static const char *const what[] = {
				"exec from a thread", "exit_group", "SIGKILL" };

			fflush(stdout);
			pid = fork();
			ASSERT_LE(0, pid) TH_LOG("fork: %s", strerror(errno));
			if (!pid)
				mt_child(how);
			if (how == 2) {
				sleep_us(40000);
				kill(pid, SIGKILL);
			}
			EXPECT_TRUE(wait_exit(pid, how == 0 ? 0 : how == 1 ?
					      7 : -SIGKILL, what[how]));
		}
	}
	EXPECT_EQ(0, *shared_bad)
		TH_LOG("threads of dying processes got %ld wrong results",
		       *shared_bad);
	munmap(shared_bad, sizeof(long));
}

/*
 * The process unmaps (or moves) its XOL area.  The kernel keeps stepping
 * from the old address, so the next hit must end in SIGSEGV at a slot
 * address with the registers of the probed instruction, and nothing
 * worse.  Runs in a child; exit status 0 means all as expected.
 */
static unsigned long xol_start, xol_end;

static void on_xol_fault(int sig, siginfo_t *si, void *ctx)
{
	unsigned long a = (unsigned long)si->si_addr;

	if (a < xol_start || a >= xol_end)
		_exit(10);
	if (uc_pc(ctx) != (unsigned long)targets[T_SIGNAL].probe)
		_exit(11);
	_exit(0);
}

static int find_xol_vma(unsigned long *start, unsigned long *end)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "[uprobes]") &&
		    sscanf(line, "%lx-%lx", start, end) == 2) {
			ret = 0;
			break;
		}
	fclose(f);
	return ret;
}

static void xol_vma_child(int move)
{
	struct sigaction sa = { .sa_sigaction = on_xol_fault,
				.sa_flags = SA_SIGINFO };
	struct tctx t = { .id = 3 };
	void *to;

	if (!call_target(T_SIGNAL, &t, 0))
		_exit(2);
	if (find_xol_vma(&xol_start, &xol_end))
		_exit(3);
	sigaction(SIGSEGV, &sa, NULL);
	if (move) {
		to = mmap(NULL, xol_end - xol_start, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (to == MAP_FAILED ||
		    mremap((void *)xol_start, xol_end - xol_start,
			   xol_end - xol_start, MREMAP_MAYMOVE | MREMAP_FIXED,
			   to) != to)
			_exit(4);
	} else if (munmap((void *)xol_start, xol_end - xol_start)) {
		_exit(5);
	}
	call_target(T_SIGNAL, &t, 1);
	_exit(6);			/* no SIGSEGV */
}

TEST_F_TIMEOUT(xol, xol_vma, XOL_TIMEOUT)
{
	ASSERT_EQ(0, probe_set(T_SIGNAL, 1));
	for (int move = 0; move < 2; move++) {
		pid_t pid;

		fflush(stdout);
		pid = fork();
		ASSERT_LE(0, pid) TH_LOG("fork: %s", strerror(errno));
		if (!pid)
			xol_vma_child(move);
		EXPECT_TRUE(wait_exit(pid, 0, move ? "XOL area moved" :
				      "XOL area unmapped"));
	}
	/* and the test's own area is untouched */
	run_phase(_metadata, "after XOL unmap", multi8, 8, 2, 20 * scale, 0,
		  0);
}

/*
 * With the XOL slot cache (patched kernels, which count slot writes in
 * debugfs), a thread that keeps hitting the same probes writes each slot
 * once: 8 probes hit in turn by 1 and by 3 threads (fewer slots than an
 * x86_64 page has) cost at most 8 and 24 writes, however many hits.
 */
#define XOL_WRITES	"/sys/kernel/debug/uprobes/xol_slot_writes"

TEST_F_TIMEOUT(xol, slot_writes, XOL_TIMEOUT)
{
	static const int threads[] = { 1, 3 };

	if (access(XOL_WRITES, R_OK))
		SKIP(return,
		     "no slot write counter: a kernel without the XOL slot cache");
	for (int j = 0; j < 2; j++) {
		long w0 = read_long(XOL_WRITES), w;

		ASSERT_LE(0, w0) TH_LOG("cannot read %s", XOL_WRITES);
		run_phase(_metadata, "slot writes", multi8, 8, threads[j],
			  100 * scale, 0, 0);
		w = read_long(XOL_WRITES) - w0;
		diag("%d threads, 8 probes, %ld hits each: %ld slot writes",
		     threads[j], 100L * scale, w);
		EXPECT_LE(0, w) TH_LOG("cannot read %s", XOL_WRITES);
		EXPECT_LE(w, 8L * threads[j])
			TH_LOG("expected at most %d slot writes",
			       8 * threads[j]);
	}
}

/*
 * The XOL slot cache's counters (patched kernels): "NAME N" lines.
 * Entries allocated minus entries freed is what the caches of all tasks
 * hold now.
 */
#define XOL_CACHE_STATS	"/sys/kernel/debug/uprobes/xol_cache"

static long xol_cache_stat(const char *name)
{
	char *buf = read_file(XOL_CACHE_STATS, NULL), *l;
	size_t n = strlen(name);
	long v = -1;

	for (l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, name, n) && l[n] == ' ') {
			v = atol(l + n + 1);
			break;
		}
	free(buf);
	return v;
}

static long xol_cache_entries(void)
{
	long a = xol_cache_stat("entries_allocated");
	long f = xol_cache_stat("entries_freed");

	return a < 0 || f < 0 ? -1 : a - f;
}

/* Slots of an XOL area the cache hands out (uprobes.c: at most 1024). */
static long xol_area_slots(void)
{
#ifdef __x86_64__
	long n = page_size / 128;
#else
	long n = page_size / 4;
#endif
	return n < 1024 ? n : 1024;
}

/* "SUnreclaim:" of /proc/meminfo (kmalloc'd memory), in kB, or -1 */
static long slab_unreclaimable_kb(void)
{
	char *buf = read_file("/proc/meminfo", NULL), *l;
	long kb = buf && (l = strstr(buf, "SUnreclaim:")) ? atol(l + 11) : -1;

	free(buf);
	return kb;
}

/* KASAN keeps freed objects in a quarantine, which counts as slab. */
static int kernel_has_kasan(void)
{
	char *buf = read_file("/proc/kallsyms", NULL);
	int has = buf && strstr(buf, " kasan_report\n");

	free(buf);
	return has;
}

/*
 * A task that maps a probed file at a fresh address, hits the probe and
 * unmaps it, again and again (a JIT, dlopen() and dlclose() of a probed
 * library): each unmap leaves the task's entry for that address without
 * its slot, at an address the task never meets again.  The task's
 * entries must stay within the slots of its area (before the fix they
 * grew by one per cycle, about 100 bytes of slab each): the debugfs
 * counters of entries allocated and freed say so exactly, and the
 * kernel's unreclaimable slab must not grow by half that much (not under
 * KASAN, whose quarantine keeps freed memory in the slab counts).
 */
TEST_F_TIMEOUT(xol, remap_cycles, XOL_TIMEOUT)
{
	enum { CYCLES = 5000, EVERY = 50, WARMUP = 100 };
	static const unsigned int k[] = { 0x6161 };
	const char *f = "/tmp/xol_cycles";
	long exp[MAX_PROBES] = { 0 }, bad = 0, e0, e, most = 0, s0 = -1, s1;
	int p, n;
	char *base;

	if (access(XOL_CACHE_STATS, R_OK))
		SKIP(return,
		     "no XOL cache counters: a kernel without the XOL slot cache");
	ASSERT_EQ(0, make_code_file(f, k, 1)) TH_LOG("cannot write %s", f);
	p = add_probe(f, 0);
	ASSERT_LE(0, p);
	targets[p].name = "cycles";
	base = mmap(NULL, (size_t)CYCLES * page_size, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ASSERT_NE(MAP_FAILED, base);
	ASSERT_EQ(0, probes_set(&p, 1, 1));
	ASSERT_EQ(0, counts_begin());
	e0 = xol_cache_entries();
	ASSERT_LE(0, e0) TH_LOG("cannot read %s", XOL_CACHE_STATS);
	for (n = 0; n < CYCLES; n++) {
		char *x = base + (size_t)n * page_size;

		if (map_code(f, 0, x) != x)
			break;
		bad += call_at(x) != 0x6161;
		exp[p]++;
		munmap(x, page_size);
		if (n % EVERY == EVERY - 1) {
			e = xol_cache_entries() - e0;
			most = e > most ? e : most;
		}
		if (n == WARMUP - 1)
			s0 = slab_unreclaimable_kb();
	}
	sleep_us(1000000);	/* RCU frees what the cycles freed */
	s1 = slab_unreclaimable_kb();
	diag("remap_cycles: %d cycles, entries grew by at most %ld (%ld slots)",
	     n, most, xol_area_slots());
	diag("remap_cycles: unreclaimable slab grew by %ld kB", s1 - s0);
	EXPECT_EQ(CYCLES, n)
		TH_LOG("mapping failed in cycle %d: %s", n, strerror(errno));
	EXPECT_EQ(0, bad) TH_LOG("%ld wrong results", bad);
	EXPECT_LE(most, xol_area_slots())
		TH_LOG("the task kept more entries than its area has slots");
	ASSERT_LE(0, s0) TH_LOG("cannot read SUnreclaim in /proc/meminfo");
	ASSERT_LE(0, s1) TH_LOG("cannot read SUnreclaim in /proc/meminfo");
	if (kernel_has_kasan())
		diag("remap_cycles: KASAN kernel, its quarantine fills the slab: counters only");
	EXPECT_TRUE(kernel_has_kasan() ||
		    (s1 - s0) * 1024 <= (CYCLES - WARMUP) * 48L)
		TH_LOG("the cycles left %ld kB of slab behind", s1 - s0);
	munmap(base, (size_t)CYCLES * page_size);
	check_hits(_metadata, "remap_cycles", &p, 1, exp, 1);
	unlink(f);
}

/*
 * truncate() and hole punching unmap a file's pages from every process
 * that maps it: uprobe_munmap() then runs for an mm that is not the
 * caller's, and that may be exiting.  Processes map a tmpfs file with a
 * probed stepped instruction, hit it and exit, while another process
 * punches holes in the file and truncates it.  On patched kernels
 * xol_drop_hold.ko holds the puncher at the entry of
 * xol_cache_area_drop() until a prober's mm is torn down: before the fix
 * that made the use-after-free of the prober's XOL area happen every
 * time.  The puncher must never get there: it holds no reference to
 * another mm's area.
 */
#define RACE_DIR	"/tmp/xol_race"
#define HOLD_DROPS	"/sys/module/xol_drop_hold/parameters/drops_by_holder"

static void puncher(const char *path, atomic_int *stop)
{
	int fd = open(path, O_RDWR);

	prctl(PR_SET_NAME, "xol_puncher");
	if (fd < 0)
		_exit(2);
	while (!atomic_load(stop)) {
		if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			      page_size, page_size) ||
		    ftruncate(fd, page_size) || ftruncate(fd, 2 * page_size))
			_exit(3);
	}
	_exit(0);
}

static void prober(const char *path, int hits)
{
	int fd = open(path, O_RDONLY), bad = 0;
	char *x;

	prctl(PR_SET_NAME, "xol_prober");
	if (fd < 0)
		_exit(2);
	x = mmap(NULL, 2 * page_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd,
		 0);
	if (x == MAP_FAILED)
		_exit(3);
	for (int j = 0; j < hits; j++)
		bad += call_at(x) != 0x7171;
	_exit(bad ? 1 : 0);
}

TEST_F_TIMEOUT(xol, truncate_race, XOL_TIMEOUT)
{
	enum { HITS = 10, AT_ONCE = 2 };
	static const unsigned int k[] = { 0x7171, 0x7272 };
	const char *f = RACE_DIR "/code";
	long rounds = 40 * scale, exp[MAX_PROBES] = { 0 }, held;
	int p, set_up, cached = !access(XOL_CACHE_STATS, R_OK);
	pid_t punch, pid[AT_ONCE];
	atomic_int *stop;

	held = read_long(HOLD_DROPS);
	ASSERT_TRUE(held >= 0 || !cached || !require_hold)
		TH_LOG("load selftests/xol/xol_drop_hold.ko first");
	if (held < 0 && cached)
		diag("truncate_race: xol_drop_hold.ko not loaded: the race is not widened");
	mkdir(RACE_DIR, 0755);
	ASSERT_EQ(0, mount("tmpfs", RACE_DIR, "tmpfs", 0, "size=1m"))
		TH_LOG("mount tmpfs: %s", strerror(errno));
	stop = mmap(NULL, sizeof(*stop), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	p = add_probe(f, 0);
	set_up = stop != MAP_FAILED && !make_code_file(f, k, 2) && p >= 0 &&
		 !probes_set(&p, 1, 1) && !counts_begin();
	if (!set_up) {
		probes_undefine();
		umount(RACE_DIR);
	}
	ASSERT_TRUE(set_up) TH_LOG("setup failed");
	targets[p].name = "truncate";
	atomic_store(stop, 0);
	fflush(stdout);
	punch = fork();
	if (!punch)
		puncher(f, stop);
	EXPECT_LE(0, punch) TH_LOG("fork: %s", strerror(errno));
	for (long r = 0; r < rounds && punch > 0; r++) {
		for (int c = 0; c < AT_ONCE; c++) {
			pid[c] = fork();
			if (!pid[c])
				prober(f, HITS);
		}
		for (int c = 0; c < AT_ONCE; c++) {
			int exited = pid[c] > 0 && wait_exit(pid[c], 0, "prober");

			EXPECT_TRUE(exited);
			exp[p] += exited ? HITS : 0;
		}
	}
	atomic_store(stop, 1);
	EXPECT_TRUE(punch > 0 && wait_exit(punch, 0, "puncher"));
	if (held >= 0) {
		held = read_long(HOLD_DROPS) - held;
		diag("truncate_race: %ld rounds, the puncher reached %ld drops",
		     rounds, held);
		EXPECT_EQ(0, held)
			TH_LOG("drops from a foreign unmap: %ld", held);
	}
	check_hits(_metadata, "truncate_race", &p, 1, exp, 1);
	/* the events hold the file: they go before the file system */
	probes_undefine();
	umount(RACE_DIR);
	munmap(stop, sizeof(*stop));
}

/* 6.12 only: begin (the 6.1 series leaves this out, see its series.conf) */
/*
 * Removing a probe must not wait for tasks that wait for an XOL slot.
 * Threads call xt_load() on a page registered with userfaultfd that the
 * test does not fill yet, so each one stays in the middle of its step,
 * holding its slot, until the test resolves the fault.  Once every slot
 * is held that way, more threads hit the probe and wait for a slot.  Then
 * the probe is removed and the removal timed; the fault is resolved
 * after that, and every thread must return what the page holds.
 *
 * Linux 6.12 runs handle_swbp() under rcu_read_lock_trace() and waited
 * for a slot inside that section, where the removal's
 * uprobe_unregister_sync() waits for it: for the steps, so for the page
 * fault.  There the removal does not return until the fault is resolved,
 * and the test fails once UNREG_BOUND seconds have passed.  Skips without
 * userfaultfd (CONFIG_USERFAULTFD).
 */
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/userfaultfd.h>

#define UNREG_BOUND	10	/* seconds the removal may take */
#define UNREG_WAITERS	32	/* threads waiting for a slot */

struct unreg_ctx {
	const long *page;	/* registered with userfaultfd */
	atomic_int started;
	int probe;
	atomic_int removed;	/* 1 once the removal returned */
	int remove_ret;
	double remove_s;	/* how long it took */
	long *ret;		/* what each thread's xt_load() returned */
};

struct unreg_thread {
	struct unreg_ctx *c;
	int id;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *unreg_stepper(void *arg)
{
	struct unreg_thread *ut = arg;

	atomic_fetch_add(&ut->c->started, 1);
	ut->c->ret[ut->id] = xt_load(ut->c->page);
	return NULL;
}

static void *unreg_remover(void *arg)
{
	struct unreg_ctx *c = arg;
	double t0 = now_s();

	c->remove_ret = probe_set(c->probe, 0);
	c->remove_s = now_s() - t0;
	atomic_store(&c->removed, 1);
	return NULL;
}

/* Start steppers @from..@to - 1; returns how many threads run in all. */
static int unreg_start(struct unreg_ctx *c, pthread_attr_t *attr,
		       struct unreg_thread *uts, pthread_t *ths, int from, int to)
{
	int i;

	for (i = from; i < to; i++) {
		uts[i] = (struct unreg_thread){ c, i };
		if (pthread_create(&ths[i], attr, unreg_stepper, &uts[i]))
			break;
	}
	return i;
}

/* Page faults @uffd reported within @ms milliseconds, added to @faults. */
static void unreg_read_faults(int uffd, int ms, long *faults)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	struct uffd_msg msg;

	while (poll(&pfd, 1, ms) > 0) {
		while (read(uffd, &msg, sizeof(msg)) == sizeof(msg))
			if (msg.event == UFFD_EVENT_PAGEFAULT)
				(*faults)++;
	}
}

TEST_F_TIMEOUT(xol, unreg_while_waiting, XOL_TIMEOUT)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct unreg_ctx c = { .probe = T_LOAD };
	struct uffdio_register reg = { 0 };
	struct uffdio_zeropage zero = { 0 };
	long slots = xol_area_slots() - 1;	/* slot 0: the trampoline */
	int nr = slots + UNREG_WAITERS, made = 0, uffd, bad = 0;
	struct unreg_thread *uts = calloc(nr, sizeof(*uts));
	pthread_t *ths = calloc(nr, sizeof(*ths));
	pthread_t remover;
	pthread_attr_t attr;
	long faults = 0, waits;
	double t0;
	void *page;

	c.ret = calloc(nr, sizeof(*c.ret));
	ASSERT_TRUE(uts && ths && c.ret);
	uffd = syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0)
		SKIP(return, "no userfaultfd: %s", strerror(errno));
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_API, &api));
	page = mmap(NULL, page_size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, page);
	reg.range.start = (unsigned long)page;
	reg.range.len = page_size;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_REGISTER, &reg));
	c.page = page;

	ASSERT_EQ(0, probe_set(c.probe, 1));
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	/* the steppers: each takes a slot and stays in the fault */
	made = unreg_start(&c, &attr, uts, ths, 0, slots);
	for (t0 = now_s(); faults < made && now_s() - t0 < 60 * scale;)
		unreg_read_faults(uffd, 100, &faults);
	/* the waiters, once no slot is left */
	waits = xol_cache_stat("waits");
	if (faults == made)
		made = unreg_start(&c, &attr, uts, ths, made, nr);
	while (atomic_load(&c.started) < made && now_s() - t0 < 60 * scale)
		sleep_us(10000);
	/* let the last of them go to sleep; more faults mean more slots */
	unreg_read_faults(uffd, 500 * scale, &faults);
	diag("unreg_while_waiting: %d threads, %ld in a step (%ld slots)",
	     made, faults, slots);
	EXPECT_EQ(nr, made) TH_LOG("could not start every thread");
	EXPECT_EQ(slots, faults)
		TH_LOG("expected a thread in a step per slot, %ld slots", slots);
	/* the slot cache (patched kernels) counts the waits */
	if (waits >= 0) {
		waits = xol_cache_stat("waits") - waits;
		diag("unreg_while_waiting: %ld waits for a slot", waits);
		EXPECT_LE(UNREG_WAITERS, waits);
	}

	t0 = now_s();
	ASSERT_EQ(0, pthread_create(&remover, NULL, unreg_remover, &c));
	while (!atomic_load(&c.removed) && now_s() - t0 < UNREG_BOUND * scale)
		sleep_us(10000);
	EXPECT_TRUE(atomic_load(&c.removed))
		TH_LOG("removal blocked for %d s: %ld tasks in a step, %d waiting",
		       UNREG_BOUND * scale, faults, made - (int)faults);

	/* the page appears: the steps end, the waiters step too */
	zero.range.start = (unsigned long)page;
	zero.range.len = page_size;
	EXPECT_EQ(0, ioctl(uffd, UFFDIO_ZEROPAGE, &zero));
	for (int i = 0; i < made; i++) {
		pthread_join(ths[i], NULL);
		bad += c.ret[i] != 0;
	}
	pthread_join(remover, NULL);
	diag("unreg_while_waiting: removing the probe took %.3f s",
	     c.remove_s);
	EXPECT_EQ(0, c.remove_ret);
	EXPECT_EQ(0, bad) TH_LOG("%d threads loaded something else than 0", bad);

	pthread_attr_destroy(&attr);
	close(uffd);
	munmap(page, page_size);
	free(c.ret);
	free(ths);
	free(uts);
}

/* 6.12 only: end */
/* ------------------------------------------------------------------ */

static int c_m64(const struct target *tg, struct tctx *t, long i)
{
	return xol_m64[tg->m64]() == M64_BASE + tg->m64;
}

static int setup_targets(void)
{
	unsigned long off = 0;
	char path[PATH_MAX];

	for (int k = 0; k < NR_M64; k++) {
		static char names[NR_M64][8];

		snprintf(names[k], sizeof(names[k]), "m%02d", k);
		targets[T_M64 + k] = (struct target){ names[k], xol_m64[k],
						       c_m64, -1, k };
		m64set[k] = T_M64 + k;
	}
	for (int k = 0; k < NR_ARCH_TARGETS; k++)
		allset[k] = k;
	for (int k = 0; k < NR_TARGETS; k++) {
		if (addr_to_file(targets[k].probe, path, &off)) {
			diag("no file mapped at %s (%p)", targets[k].name,
			     targets[k].probe);
			return -1;
		}
		if (add_probe(path, off) != k)
			return -1;
	}
	return 0;
}

static int bad_usage(const char *why)
{
	fprintf(stderr, "xol_test: %s\n"
		"usage: xol_test [-b tracefs|counter] [-s SCALE] [-d] [-H] [-t TEST]... [-l]\n",
		why);
	return KSFT_FAIL;
}

static int exec_child(long rounds)
{
	struct tctx t = { .id = 77 };

	for (long r = 0; r < rounds; r++)
		for (int j = 0; j < 8; j++)
			if (!call_target(multi8[j], &t, r * 8 + j))
				return 1;
	return 0;
}

/* The harness's test of that name, or NULL */
static struct __test_metadata *find_test(const char *name)
{
	struct __fixture_metadata *f;
	struct __test_metadata *t;

	for (f = __fixture_list; f; f = f->next)
		for (t = f->tests; t; t = t->next)
			if (!strcmp(name, t->name))
				return t;
	return NULL;
}

/*
 * Keep only the tests @names (@n of them, all when 0) in the harness's
 * lists: 6.1's harness runs every test it has, where newer ones take -t.
 * Also scales every test's time limit.  Returns the first name the
 * harness has no test of, or NULL.
 */
static const char *select_tests(char **names, int n)
{
	struct __fixture_metadata *f;
	struct __test_metadata *t, **link;

	for (int j = 0; j < n; j++)
		if (!find_test(names[j]))
			return names[j];
	for (f = __fixture_list; f; f = f->next) {
		link = &f->tests;
		for (t = f->tests; t; t = t->next) {
			int keep = !n;

			for (int j = 0; j < n; j++)
				keep |= !strcmp(names[j], t->name);
			t->timeout *= scale;
			if (keep) {
				*link = t;
				link = &t->next;
			}
		}
		*link = NULL;
	}
	return NULL;
}

static void list_tests(void)
{
	struct __fixture_metadata *f;
	struct __test_metadata *t;

	for (f = __fixture_list; f; f = f->next)
		for (t = f->tests; t; t = t->next)
			printf("%s.%s\n", f->name, t->name);
}

/* A TAP plan that says why nothing runs, and the kselftest skip status */
static void skip_all(const char *why)
{
	ksft_print_header();
	ksft_exit_skip("%s\n", why);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_sigusr1, .sa_flags = SA_RESTART };
	char **names = calloc(argc, sizeof(*names));
	int opt, nr_names = 0;
	const char *unknown;
	ssize_t n;

	page_size = sysconf(_SC_PAGESIZE);
	if (argc == 3 && !strcmp(argv[1], "--exec-child"))
		return exec_child(atol(argv[2]));
	/* lines reach the output before a test's child process exits */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!names)
		return KSFT_FAIL;
	while ((opt = getopt(argc, argv, "b:s:dHt:l")) != -1) {
		switch (opt) {
		case 'b':
			if (!strcmp(optarg, "tracefs"))
				backend = B_TRACEFS;
			else if (!strcmp(optarg, "counter"))
				backend = B_COUNTER;
			else
				return bad_usage("-b takes tracefs or counter");
			break;
		case 's':
			scale = atoi(optarg);
			if (scale < 1)
				return bad_usage("-s takes a number from 1");
			break;
		case 'd':
			verbose = 1;
			break;
		case 'H':
			require_hold = 1;
			break;
		case 't':
			names[nr_names++] = optarg;
			break;
		case 'l':
			list_tests();
			return 0;
		default:
			return bad_usage("unknown option");
		}
	}
	if (optind < argc)
		return bad_usage("tests are chosen with -t TEST");
	unknown = select_tests(names, nr_names);
	if (unknown) {
		fprintf(stderr, "xol_test: no test '%s' (-l lists them)\n",
			unknown);
		return KSFT_FAIL;
	}

	n = readlink("/proc/self/exe", exe_path, sizeof(exe_path) - 1);
	if (n <= 0)
		skip_all("cannot find /proc/self/exe");
	exe_path[n] = 0;
	if (geteuid())
		skip_all("needs root");
	if (access(TRACEFS "/uprobe_events", W_OK))
		skip_all("no uprobe_events in " TRACEFS);
	if (backend == B_COUNTER && access(COUNTER_CTL, W_OK))
		skip_all("-b counter: no " COUNTER_CTL ": uprobe_counter.ko is not loaded");
	if (setup_targets())
		skip_all("cannot locate the probe targets");
	/* room for every event of the largest phase, on one CPU if need be */
	if (backend == B_TRACEFS && tfs("buffer_size_kb", "16384", 0))
		skip_all("cannot size the trace buffer");
	sigaction(SIGUSR1, &sa, NULL);

	diag("backend %s, scale %d, %s", backend == B_TRACEFS ? "tracefs" :
	     "uprobe_counter", scale, exe_path);
	return test_harness_run(argc, argv);
}
