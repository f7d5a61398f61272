// SPDX-License-Identifier: GPL-2.0
/*
 * objpool (objpool/objpool.c, unchanged) in user space: its invariants
 * on threads that own CPU numbers, with signals as interrupts.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <linux/slab.h>
#include <linux/smp.h>

#include "../../objpool/objpool.h"
#include "harness.h"

/**
 * struct tobj - a test object
 * @inuse: 1 while a user holds it; a relaxed xchg, so it orders nothing
 *	   and TSAN still judges the pool's own ordering
 * @payload: plain counter incremented by every holder: the pool must
 *	     order one holder's accesses before the next one's
 * @id: its number, set by the object initialiser
 */
struct tobj {
	unsigned long inuse;
	unsigned long payload;
	unsigned long id;
};

static int nr_inits;
static int nr_releases;
static int fail_init_at;

static int tobj_init(void *obj, void *context)
{
	struct tobj *o = obj;

	if (++nr_inits == fail_init_at)
		return -ENOTSUPP;
	CHECK(!o->inuse && !o->payload && !o->id);
	o->id = nr_inits;
	return 0;
}

static int tpool_release(struct objpool_head *pool, void *context)
{
	__atomic_fetch_add(&nr_releases, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static int tpool_init(struct objpool_head *pool, int nr_objs)
{
	nr_inits = 0;
	nr_releases = 0;
	return objpool_init(pool, nr_objs, sizeof(struct tobj), GFP_KERNEL,
			    NULL, tobj_init, tpool_release);
}

/* Take @o as its one holder. */
static bool tobj_take(struct tobj *o)
{
	if (!CHECK(!__atomic_exchange_n(&o->inuse, 1, __ATOMIC_RELAXED)))
		return false;
	o->payload++;
	return true;
}

static void tobj_give(struct tobj *o)
{
	__atomic_store_n(&o->inuse, 0, __ATOMIC_RELAXED);
}

/* Pop everything from @cpu; every object once; return how many. */
static int tpool_drain(struct objpool_head *pool, int cpu, struct tobj **out,
		       int max)
{
	unsigned char *seen = calloc(max + 1, 1);
	struct tobj *o;
	int n = 0;

	ps_cpu = cpu;
	while ((o = objpool_pop(pool))) {
		CHECK(!o->inuse);
		if (CHECK(n < max) && CHECK(o->id >= 1 && o->id <= max) &&
		    CHECK(!seen[o->id]))
			seen[o->id] = 1;
		if (n < max)
			out[n] = o;
		n++;
	}
	free(seen);
	return n;
}

static void tpool_push_all(struct objpool_head *pool, int cpu,
			   struct tobj **objs, int n)
{
	int i;

	ps_cpu = cpu;
	for (i = 0; i < n; i++)
		CHECK(!objpool_push(objs[i], pool));
}

static void case_init_rejects_bad_arguments(void)
{
	struct objpool_head pool;

	nr_cpu_ids = 4;
	memset(&pool, 0xa5, sizeof(pool));
	CHECK(objpool_init(NULL, 8, 8, GFP_KERNEL, NULL, NULL, NULL) == -EINVAL);
	CHECK(objpool_init(&pool, 0, 8, GFP_KERNEL, NULL, NULL, NULL) == -EINVAL);
	CHECK(objpool_init(&pool, OBJPOOL_NR_OBJECT_MAX + 1, 8, GFP_KERNEL,
			   NULL, NULL, NULL) == -EINVAL);
	CHECK(objpool_init(&pool, 8, 0, GFP_KERNEL, NULL, NULL, NULL) == -EINVAL);
	CHECK(objpool_init(&pool, 8, OBJPOOL_OBJECT_SIZE_MAX + 1, GFP_KERNEL,
			   NULL, NULL, NULL) == -EINVAL);
	/* untouched */
	CHECK(pool.obj_size == -1515870811);	/* 0xa5a5a5a5 */
}

/* Every object comes out once, then NULL; again after pushing them back. */
static void case_pop_empty_pool(void)
{
	enum { N = 37 };
	struct objpool_head pool;
	struct tobj *objs[N];
	int cpu;

	nr_cpu_ids = 8;
	if (!CHECK(!tpool_init(&pool, N)))
		return;
	CHECK(tpool_drain(&pool, 3, objs, N) == N);
	for (cpu = 0; cpu < 8; cpu++) {
		ps_cpu = cpu;
		CHECK(!objpool_pop(&pool));
	}
	tpool_push_all(&pool, 5, objs, N);
	CHECK(tpool_drain(&pool, 0, objs, N) == N);
	CHECK(!objpool_pop(&pool));
	tpool_push_all(&pool, 0, objs, N);
	objpool_fini(&pool);
	CHECK(READ_ONCE(nr_releases) == 1);
}

/*
 * All objects pushed on one CPU: its ring fills up and the pushes spill
 * into the others; every push succeeds and every object is found again
 * from another CPU.
 */
static void case_push_to_full_ring(void)
{
	enum { N = 64 };
	struct objpool_head pool;
	struct tobj *objs[N];

	nr_cpu_ids = 16;
	if (!CHECK(!tpool_init(&pool, N)))
		return;
	CHECK(pool.capacity == OBJPOOL_RING_MIN);
	CHECK(tpool_drain(&pool, 2, objs, N) == N);
	tpool_push_all(&pool, 7, objs, N);
	CHECK(tpool_drain(&pool, 11, objs, N) == N);
	tpool_push_all(&pool, 11, objs, N);
	objpool_fini(&pool);
	CHECK(READ_ONCE(nr_releases) == 1);
}

/* fini with objects out frees at the last drop, and only then. */
static void case_fini_with_objects_out(void)
{
	enum { N = 20, OUT = 7 };
	long live = READ_ONCE(ps_live_allocs);
	struct objpool_head pool;
	struct tobj *objs[OUT];
	int i;

	nr_cpu_ids = 4;
	if (!CHECK(!tpool_init(&pool, N)))
		return;
	ps_cpu = 1;
	for (i = 0; i < OUT; i++)
		CHECK((objs[i] = objpool_pop(&pool)) != NULL);
	objpool_fini(&pool);
	CHECK(READ_ONCE(nr_releases) == 0);
	for (i = 0; i < OUT - 1; i++)
		CHECK(objpool_drop(objs[i], &pool) == -EAGAIN);
	CHECK(READ_ONCE(nr_releases) == 0);
	CHECK(objpool_drop(objs[OUT - 1], &pool) == 0);
	CHECK(READ_ONCE(nr_releases) == 1);
	CHECK(!objpool_pop(&pool));
	CHECK(READ_ONCE(ps_live_allocs) == live);
}

/* objpool_drop() of every object of a pool never fini'd frees it too. */
static void case_drop_all_then_fini(void)
{
	enum { N = 9 };
	long live = READ_ONCE(ps_live_allocs);
	struct objpool_head pool;
	struct tobj *objs[N];
	int i;

	nr_cpu_ids = 3;
	if (!CHECK(!tpool_init(&pool, N)))
		return;
	CHECK(tpool_drain(&pool, 0, objs, N) == N);
	for (i = 0; i < N; i++)
		CHECK(objpool_drop(objs[i], &pool) == -EAGAIN);
	objpool_fini(&pool);
	CHECK(READ_ONCE(nr_releases) == 1);
	CHECK(READ_ONCE(ps_live_allocs) == live);
}

/*
 * Every allocation of objpool_init() fails in turn, and every object
 * initialiser: each failure returns its error with everything freed,
 * the pool zeroed and the release callback not called.
 */
static void case_init_failure_at_every_site(void)
{
	static const struct objpool_head zero;
	long live = READ_ONCE(ps_live_allocs);
	struct objpool_head pool;
	int n, rc, sites = 0;

	nr_cpu_ids = 6;
	for (n = 1; n < 100; n++) {
		WRITE_ONCE(ps_fail_nth, n);
		rc = tpool_init(&pool, 10);
		WRITE_ONCE(ps_fail_nth, 0);
		if (!rc)
			break;
		sites++;
		CHECK(rc == -ENOMEM);
		CHECK(!memcmp(&pool, &zero, sizeof(pool)));
		CHECK(READ_ONCE(ps_live_allocs) == live);
	}
	/* bitmap, ring array, one ring per CPU */
	CHECK(sites == 2 + 6);
	objpool_fini(&pool);
	CHECK(READ_ONCE(ps_live_allocs) == live);

	for (n = 1; n <= 10; n++) {
		fail_init_at = n;
		rc = tpool_init(&pool, 10);
		CHECK(rc == -ENOTSUPP);
		CHECK(!memcmp(&pool, &zero, sizeof(pool)));
		CHECK(READ_ONCE(ps_live_allocs) == live);
	}
	fail_init_at = 0;
	CHECK(READ_ONCE(nr_releases) == 0);
}

/* The stress cases: workers on CPUs, interrupts, then the invariants. */
struct stress {
	struct objpool_head pool;
	int nr_objs;
	int batch;
	unsigned long ops[64];
	unsigned long misses[64];
};

static struct stress *irq_stress;
static __thread unsigned long irq_ops;
static unsigned long irq_ops_total;

/* An interrupt: pop and push on the CPU of the code it interrupted. */
static void stress_irq(void)
{
	struct tobj *a = objpool_pop(&irq_stress->pool);
	struct tobj *b = objpool_pop(&irq_stress->pool);

	if (a && tobj_take(a))
		irq_ops++;
	if (b && tobj_take(b))
		irq_ops++;
	if (b) {
		tobj_give(b);
		CHECK(!objpool_push(b, &irq_stress->pool));
	}
	if (a) {
		tobj_give(a);
		CHECK(!objpool_push(a, &irq_stress->pool));
	}
}

static void stress_worker(int i, void *arg)
{
	struct stress *s = arg;
	struct tobj *held[16];
	int n, k;

	while (!READ_ONCE(ps_stop)) {
		n = 1 + ps_rand() % s->batch;
		for (k = 0; k < n; k++) {
			held[k] = objpool_pop(&s->pool);
			if (!held[k])
				s->misses[i]++;
			else if (tobj_take(held[k]))
				s->ops[i]++;
		}
		while (k--) {
			if (!held[k])
				continue;
			tobj_give(held[k]);
			CHECK(!objpool_push(held[k], &s->pool));
		}
	}
	/* no interrupt may count after this */
	ps_irqs_block();
	__atomic_fetch_add(&irq_ops_total, irq_ops, __ATOMIC_RELAXED);
}

static void stress_run(int possible, int threads, bool pin, int nr_objs,
		       int batch, unsigned int ms, const int *host_cpus)
{
	struct stress *s = calloc(1, sizeof(*s));
	struct ps_cpus c = { .nr = threads, .pin = pin, .fn = stress_worker };
	long live = READ_ONCE(ps_live_allocs);
	struct tobj **objs = calloc(nr_objs, sizeof(*objs));
	unsigned long ops = 0, payload = 0;
	int i, n;

	nr_cpu_ids = possible;
	s->nr_objs = nr_objs;
	s->batch = batch;
	if (!CHECK(!tpool_init(&s->pool, nr_objs)))
		goto out;
	c.arg = s;
	for (i = 0; i < threads; i++)
		c.cpu[i] = pin ? host_cpus[i] : (int)((i * 7919L) % possible);
	irq_stress = s;
	irq_ops_total = 0;
	ps_cpus_start(&c);
	ps_irqs_start(&c, 50, stress_irq);
	ps_msleep(ms);
	CHECK(ps_irqs_stop() > 0);
	WRITE_ONCE(ps_stop, 1);
	ps_cpus_join(&c);

	for (i = 0; i < threads; i++)
		ops += s->ops[i];
	ops += irq_ops_total;
	n = tpool_drain(&s->pool, 0, objs, nr_objs);
	CHECK(n == nr_objs);
	for (i = 0; i < n && i < nr_objs; i++)
		payload += objs[i]->payload;
	/* every pop reached one object, every object counted its holders */
	if (!CHECK(payload == ops))
		fprintf(stderr, "# payload %lu, pops %lu\n", payload, ops);
	CHECK(ops > 0);
	fprintf(stderr, "# %d possible CPUs, %d %s threads, %d objects: ",
		possible, threads, pin ? "pinned" : "simulated", nr_objs);
	fprintf(stderr, "%lu pops (%lu in interrupts), %lu misses on CPU %d\n",
		ops, irq_ops_total, s->misses[0], c.cpu[0]);
	tpool_push_all(&s->pool, 0, objs, n < nr_objs ? n : nr_objs);
	objpool_fini(&s->pool);
	CHECK(READ_ONCE(nr_releases) == 1);
	CHECK(READ_ONCE(ps_live_allocs) == live);
out:
	free(objs);
	free(s);
}

static unsigned int stress_ms(void)
{
	const char *ms = getenv("PS_STRESS_MS");

	return ms ? atoi(ms) : 1000;
}

/* Few objects: rings run empty and full, pops steal, pushes spill. */
static void case_stress_few_objects_simulated_cpus(void)
{
	stress_run(8, 4, false, 12, 4, stress_ms(), NULL);
}

/* More possible CPUs than threads, most rings idle. */
static void case_stress_1024_possible_cpus(void)
{
	stress_run(1024, 4, false, 300, 8, stress_ms(), NULL);
}

/* Threads pinned to the host's CPUs, one per CPU. */
static void case_stress_pinned_host_cpus(void)
{
	int cpus[64], n = ps_host_cpus(cpus, 64);

	stress_run(cpus[n - 1] + 1, n, true, 2 * n + 1, 4, stress_ms(), cpus);
}

/*
 * fini while users hold objects, then they drop them concurrently: the
 * pool is freed, and released, exactly once, at the last drop.
 */
static struct objpool_head drop_pool;
static int drop_held;

static void drop_worker(int i, void *arg)
{
	struct tobj *held[4];
	int k, n = 0;

	for (k = 0; k < 4; k++) {
		held[n] = objpool_pop(&drop_pool);
		if (held[n])
			n++;
	}
	__atomic_fetch_add(&drop_held, 1, __ATOMIC_SEQ_CST);
	while (!READ_ONCE(ps_stop))
		;
	for (k = 0; k < n; k++) {
		int rc = objpool_drop(held[k], &drop_pool);

		CHECK(rc == 0 || rc == -EAGAIN);
	}
}

static void case_concurrent_drops_after_fini(void)
{
	struct ps_cpus c = { .nr = 4, .fn = drop_worker, .cpu = { 0, 1, 2, 3 } };
	long live = READ_ONCE(ps_live_allocs);
	int round;

	nr_cpu_ids = 4;
	for (round = 0; round < 50; round++) {
		if (!CHECK(!tpool_init(&drop_pool, 10)))
			return;
		drop_held = 0;
		ps_cpus_start(&c);
		while (__atomic_load_n(&drop_held, __ATOMIC_SEQ_CST) < 4)
			;
		objpool_fini(&drop_pool);
		CHECK(READ_ONCE(nr_releases) == 0);
		WRITE_ONCE(ps_stop, 1);
		ps_cpus_join(&c);
		CHECK(READ_ONCE(nr_releases) == 1);
		CHECK(READ_ONCE(ps_live_allocs) == live);
	}
}

/*
 * With CONFIG_DEBUG_OBJPOOL, a second push of an object and a push of a
 * foreign one are refused with -EINVAL and one warning each.
 */
static void case_debug_refuses_double_and_foreign_push(void)
{
	struct objpool_head pool;
	struct tobj *o, foreign = { };

	if (!IS_ENABLED(CONFIG_DEBUG_OBJPOOL))
		return;
	nr_cpu_ids = 2;
	if (!CHECK(!tpool_init(&pool, 4)))
		return;
	ps_cpu = 1;
	o = objpool_pop(&pool);
	if (CHECK(o)) {
		CHECK(!objpool_push(o, &pool));
		CHECK(objpool_push(o, &pool) == -EINVAL);
	}
	CHECK(objpool_push(&foreign, &pool) == -EINVAL);
	ps_expected_warnings = 2;
	objpool_fini(&pool);
	CHECK(READ_ONCE(nr_releases) == 1);
}

static const struct ps_case cases[] = {
	{ "init-rejects-bad-arguments", case_init_rejects_bad_arguments },
	{ "debug-refuses-double-and-foreign-push",
	  case_debug_refuses_double_and_foreign_push },
	{ "pop-empty-pool", case_pop_empty_pool },
	{ "push-to-full-ring", case_push_to_full_ring },
	{ "fini-with-objects-out", case_fini_with_objects_out },
	{ "drop-all-then-fini", case_drop_all_then_fini },
	{ "init-failure-at-every-site", case_init_failure_at_every_site },
	{ "concurrent-drops-after-fini", case_concurrent_drops_after_fini },
	{ "stress-few-objects-simulated-cpus", case_stress_few_objects_simulated_cpus },
	{ "stress-1024-possible-cpus", case_stress_1024_possible_cpus },
	{ "stress-pinned-host-cpus", case_stress_pinned_host_cpus },
};

int main(void)
{
	return ps_run_cases("objpool", cases, ARRAY_SIZE(cases));
}
