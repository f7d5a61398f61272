// SPDX-License-Identifier: GPL-2.0
/*
 * user_bench: object pools on real CPUs, one measurement per call.
 *
 *   user_bench run POOL CASE THREADS WARMUP_MS SAMPLE_MS SAMPLES
 *	THREADS CPUs (threads owning CPU numbers 0..THREADS-1, thread i
 *	pinned to the i-th host CPU this process may use, modulo their
 *	number) pop and push for SAMPLES samples of SAMPLE_MS after a
 *	warm-up.  Possible CPUs: max(THREADS, host CPUs).  Objects: 8 per
 *	possible CPU, 2 for the overrun case.
 *   user_bench empty POOL POSSIBLE
 *	ns per objpool_pop() on a pool with POSSIBLE possible CPUs whose
 *	objects are all out.
 *   user_bench mem POOL POSSIBLE NR_OBJS
 *	bytes a pool allocates besides its objects.
 *
 * Prints one line "UB key=value ...".  POOL: ours, freelist, upstream;
 * CASE: sync, batch, overrun, async.
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/smp.h>

#include "ub.h"

static const struct ub_pool *const pools[] = {
	&ub_pool_ours, &ub_pool_freelist, &ub_pool_upstream,
};

static const char *const case_names[UB_NR_CASES] = {
	[UB_SYNC] = "sync", [UB_BATCH_CASE] = "batch",
	[UB_OVERRUN] = "overrun", [UB_ASYNC] = "async",
};

static int host_cpus[CPU_SETSIZE];
static int nr_host_cpus;
static int stop;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *msg)
{
	fprintf(stderr, "user_bench: %s\n", msg);
	exit(2);
}

static const struct ub_pool *find_pool(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pools); i++)
		if (!strcmp(pools[i]->name, name))
			return pools[i];
	die("unknown pool: use ours, freelist or upstream");
	return NULL;
}

static void find_host_cpus(void)
{
	cpu_set_t set;
	int cpu;

	if (sched_getaffinity(0, sizeof(set), &set))
		die("sched_getaffinity failed");
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			host_cpus[nr_host_cpus++] = cpu;
}

/**
 * struct ub_thread - a worker thread
 * @c: its CPU's state
 * @ops: the pool
 * @cpu: its CPU number
 * @thread: the thread
 */
struct ub_thread {
	struct ub_cpu *c;
	const struct ub_pool *ops;
	int cpu;
	pthread_t thread;
};

static void *ub_thread_fn(void *p)
{
	struct ub_thread *t = p;
	cpu_set_t set;

	ps_cpu = t->cpu;
	CPU_ZERO(&set);
	CPU_SET(host_cpus[t->cpu % nr_host_cpus], &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity failed");
	t->ops->worker(t->c);
	return NULL;
}

static unsigned long ops_sum(struct ub_cpu *cpus, int n)
{
	unsigned long sum = 0;
	int i;

	for (i = 0; i < n; i++)
		sum += READ_ONCE(cpus[i].ops);
	return sum;
}

static unsigned long misses_sum(struct ub_cpu *cpus, int n)
{
	unsigned long sum = 0;
	int i;

	for (i = 0; i < n; i++)
		sum += READ_ONCE(cpus[i].misses);
	return sum;
}

/* Push back what the async case left in the mailboxes, on CPU 0. */
static void mailboxes_flush(const struct ub_pool *ops, void *pool,
			    struct ub_mailbox *mb, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		void **objs = malloc(UB_MAILBOX * sizeof(*objs));
		int k = 0;

		for (; mb[i].head != mb[i].tail; mb[i].head++)
			objs[k++] = mb[i].objs[mb[i].head % UB_MAILBOX];
		ops->unhold(pool, objs, k);
	}
}

static int cmd_run(int argc, char **argv)
{
	const struct ub_pool *ops = find_pool(argv[2]);
	int threads = atoi(argv[4]), warmup = atoi(argv[5]);
	int sample_ms = atoi(argv[6]), samples = atoi(argv[7]);
	double rate[100], mean = 0, sd = 0, t0, t1;
	unsigned long s0, s1, m0;
	struct ub_thread *t;
	struct ub_cpu *cpus;
	struct ub_mailbox *mb;
	int i, cs, nr_objs, found;
	void *pool;

	for (cs = 0; cs < UB_NR_CASES; cs++)
		if (!strcmp(argv[3], case_names[cs]))
			break;
	if (cs == UB_NR_CASES)
		die("unknown case: use sync, batch, overrun or async");
	if (threads < 1 || threads > 1024 || samples < 1 || samples > 100 ||
	    sample_ms < 1 || warmup < 0)
		die("bad THREADS, WARMUP_MS, SAMPLE_MS or SAMPLES");

	nr_cpu_ids = threads > nr_host_cpus ? threads : nr_host_cpus;
	nr_objs = nr_cpu_ids * (cs == UB_OVERRUN ? 2 : 8);
	ps_cpu = 0;
	pool = ops->create(nr_objs);
	if (!pool)
		die("cannot create the pool");
	cpus = aligned_alloc(64, threads * sizeof(*cpus));
	mb = aligned_alloc(64, threads * sizeof(*mb));
	t = calloc(threads, sizeof(*t));
	memset(cpus, 0, threads * sizeof(*cpus));
	memset(mb, 0, threads * sizeof(*mb));
	for (i = 0; i < threads; i++) {
		cpus[i].pool = pool;
		cpus[i].cs = cs;
		cpus[i].stop = &stop;
		cpus[i].mbox = &mb[i];
		cpus[i].next = &mb[(i + 1) % threads];
		t[i].c = &cpus[i];
		t[i].ops = ops;
		t[i].cpu = i;
		if (pthread_create(&t[i].thread, NULL, ub_thread_fn, &t[i]))
			die("pthread_create failed");
	}
	usleep(warmup * 1000);
	m0 = misses_sum(cpus, threads);
	t0 = now_s();
	for (i = 0; i < samples; i++) {
		s0 = ops_sum(cpus, threads);
		t0 = now_s();
		usleep(sample_ms * 1000);
		s1 = ops_sum(cpus, threads);
		t1 = now_s();
		rate[i] = (s1 - s0) / (t1 - t0);
		mean += rate[i] / samples;
	}
	m0 = misses_sum(cpus, threads) - m0;
	WRITE_ONCE(stop, 1);
	for (i = 0; i < threads; i++)
		pthread_join(t[i].thread, NULL);
	for (i = 0; i < samples; i++)
		sd += (rate[i] - mean) * (rate[i] - mean);
	sd = samples > 1 ? sqrt(sd / (samples - 1)) : 0;

	ps_cpu = 0;
	mailboxes_flush(ops, pool, mb, threads);
	found = ops->drain(pool);
	printf("UB run pool=%s mode=%s p=%d possible=%u nr_objs=%d ",
	       ops->name, case_names[cs], threads, nr_cpu_ids, nr_objs);
	printf("mean=%.0f sd=%.0f per_thread=%.0f misses_per_s=%.0f ",
	       mean, sd, mean / threads, m0 / (samples * sample_ms / 1000.0));
	printf("oversubscribed=%d result=%s\n", threads > nr_host_cpus,
	       found == nr_objs ? "ok" : "lost-objects");
	ops->destroy(pool);
	free(t);
	free(mb);
	free(cpus);
	return found == nr_objs ? 0 : 1;
}

static int cmd_empty(int argc, char **argv)
{
	const struct ub_pool *ops = find_pool(argv[2]);
	unsigned long n = 1000, found = 0;
	double t0, t1, best = 0;
	void **held;
	void *pool;
	int nr, i;

	nr_cpu_ids = atoi(argv[3]);
	if (nr_cpu_ids < 1 || nr_cpu_ids > 8192)
		die("bad POSSIBLE");
	ps_cpu = 0;
	pool = ops->create(nr_cpu_ids);
	if (!pool)
		die("cannot create the pool");
	held = ops->hold(pool, &nr);
	/* a window of at least 40 ms of pops, doubling the count until then */
	for (;;) {
		t0 = now_s();
		found += ops->pop_empty(pool, n);
		t1 = now_s();
		if (t1 - t0 >= 0.04)
			break;
		n *= 2;
	}
	/* the best of 5 windows: other work on the host only adds time */
	for (i = 0; i < 5; i++) {
		t0 = now_s();
		found += ops->pop_empty(pool, n);
		t1 = now_s();
		if (!i || t1 - t0 < best)
			best = t1 - t0;
	}
	printf("UB empty pool=%s possible=%u pops=%lu ns_per_pop=%.2f result=%s\n",
	       ops->name, nr_cpu_ids, n, best * 1e9 / n,
	       found || nr != (int)nr_cpu_ids ? "bad" : "ok");
	ops->unhold(pool, held, nr);
	ops->destroy(pool);
	return found ? 1 : 0;
}

static int cmd_mem(int argc, char **argv)
{
	const struct ub_pool *ops = find_pool(argv[2]);
	int nr_objs = atoi(argv[4]);
	size_t before;
	void *pool;

	nr_cpu_ids = atoi(argv[3]);
	if (nr_cpu_ids < 1 || nr_cpu_ids > 8192 || nr_objs < 1)
		die("bad POSSIBLE or NR_OBJS");
	before = ps_alloc_bytes;
	pool = ops->create(nr_objs);
	if (!pool)
		die("cannot create the pool");
	printf("UB mem pool=%s possible=%u nr_objs=%d ring_bytes=%zu result=ok\n",
	       ops->name, nr_cpu_ids, nr_objs,
	       ps_alloc_bytes - before - (size_t)nr_objs * UB_OBJ_SIZE);
	ops->destroy(pool);
	return 0;
}

int main(int argc, char **argv)
{
	find_host_cpus();
	if (argc == 8 && !strcmp(argv[1], "run"))
		return cmd_run(argc, argv);
	if (argc == 4 && !strcmp(argv[1], "empty"))
		return cmd_empty(argc, argv);
	if (argc == 5 && !strcmp(argv[1], "mem"))
		return cmd_mem(argc, argv);
	die("usage: user_bench run|empty|mem ARGS (see the source's header)");
	return 2;
}
