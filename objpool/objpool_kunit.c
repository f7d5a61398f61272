// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "objpool": one behaviour of objpool per test case.
 *
 * The concurrency case runs workers on every online CPU plus a hard-irq
 * hrtimer on each of them for OBJPOOL_KUNIT_STRESS_MS milliseconds per
 * parameter (2000; "make ... OBJPOOL_STRESS_MS=N" to change it).
 * The failslab case needs CONFIG_FAULT_INJECTION (and, for its GFP_KERNEL
 * half, /sys/kernel/debug/failslab/ignore-gfp-wait set to N); without it
 * the case is skipped, never passed.  The misuse cases, which
 * make objpool warn by design, are in objpool_misuse_kunit.c.
 */

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "objpool.h"
#include "objpool_kunit.h"

/*
 * Duration of each concurrency case.  Not a module parameter: the cases
 * of a module run when it comes up, before its parameters are parsed.
 */
#ifndef OBJPOOL_KUNIT_STRESS_MS
#define OBJPOOL_KUNIT_STRESS_MS	2000
#endif

/* pool sizes around the per-CPU share and the ring size boundaries */
static int nr_objs_of(int param)
{
	int np = num_possible_cpus();

	switch (param) {
	case 0: return 1;
	case 1: return np;
	case 2: return 2 * np;
	case 3: return 2 * np + 1;
	case 4: return OBJPOOL_RING_MIN * np + 3;
	case 5: return 512;
	default: return 4096;
	}
}

static const int nr_params[] = { 0, 1, 2, 3, 4, 5, 6 };

static void nr_param_desc(const int *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "nr_objs=%d", nr_objs_of(*p));
}

KUNIT_ARRAY_PARAM(nr, nr_params, nr_param_desc);

static int param_nr_objs(struct kunit *test)
{
	return nr_objs_of(*(const int *)test->param_value);
}

static void objpool_test_pop_all_once(struct kunit *test)
{
	int nr_objs = param_nr_objs(test);
	struct tobj **objs = kunit_kcalloc(test, nr_objs, sizeof(*objs),
					   GFP_KERNEL);
	struct tctx ctx = {};
	struct objpool_head *pool = tpool_init(test, &ctx, nr_objs);

	KUNIT_ASSERT_NOT_NULL(test, objs);
	KUNIT_EXPECT_EQ(test, tpool_pop_all(test, pool, nr_objs, objs), nr_objs);
	KUNIT_EXPECT_NULL(test, objpool_pop(pool));
	KUNIT_EXPECT_NULL(test, objpool_pop(pool));
	tpool_push_all(test, pool, objs, nr_objs);
	objpool_fini(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
}

/*
 * All objects pushed back from this one CPU: its ring overflows into the
 * others, and still every object comes back exactly once.
 */
static void objpool_test_push_back_pop_again(struct kunit *test)
{
	int nr_objs = param_nr_objs(test);
	struct tobj **objs = kunit_kcalloc(test, nr_objs, sizeof(*objs),
					   GFP_KERNEL);
	struct tctx ctx = {};
	struct objpool_head *pool = tpool_init(test, &ctx, nr_objs);
	int round;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (round = 0; round < 3; round++) {
		KUNIT_ASSERT_EQ(test, tpool_pop_all(test, pool, nr_objs, objs),
				nr_objs);
		tpool_push_all(test, pool, objs, nr_objs);
	}
	objpool_fini(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
}

/* once empty, the hint bitmap is clear, so a miss probes no other ring */
static void objpool_test_miss_clears_hints(struct kunit *test)
{
	int nr_objs = param_nr_objs(test);
	struct tobj **objs = kunit_kcalloc(test, nr_objs, sizeof(*objs),
					   GFP_KERNEL);
	struct tctx ctx = {};
	struct objpool_head *pool = tpool_init(test, &ctx, nr_objs);

	KUNIT_ASSERT_NOT_NULL(test, objs);
	KUNIT_EXPECT_FALSE(test, bitmap_empty(pool->avail, nr_cpu_ids));
	KUNIT_ASSERT_EQ(test, tpool_pop_all(test, pool, nr_objs, objs), nr_objs);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(pool->avail, nr_cpu_ids));

	/* one object back: its ring's bit is set again and it pops */
	KUNIT_EXPECT_EQ(test, 0, objpool_push(objs[0], pool));
	KUNIT_EXPECT_EQ(test, bitmap_weight(pool->avail, nr_cpu_ids), 1U);
	KUNIT_EXPECT_PTR_EQ(test, (struct tobj *)objpool_pop(pool), objs[0]);
	KUNIT_EXPECT_NULL(test, objpool_pop(pool));
	KUNIT_EXPECT_TRUE(test, bitmap_empty(pool->avail, nr_cpu_ids));

	tpool_push_all(test, pool, objs, nr_objs);
	objpool_fini(pool);
}

static void objpool_test_objinit_once_each(struct kunit *test)
{
	int nr_objs = param_nr_objs(test);
	struct tctx ctx = {};
	struct objpool_head *pool = tpool_init(test, &ctx, nr_objs);

	KUNIT_EXPECT_EQ(test, ctx.inits, (unsigned int)nr_objs);
	KUNIT_EXPECT_EQ(test, ctx.not_zeroed, 0U);
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
	objpool_fini(pool);
	/* objinit is not called again by fini */
	KUNIT_EXPECT_EQ(test, ctx.inits, (unsigned int)nr_objs);
}

static void objpool_test_release_once(struct kunit *test)
{
	struct tctx ctx = {};
	struct objpool_head *pool = tpool_init(test, &ctx, 16);
	struct tobj *o = objpool_pop(pool);

	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_EXPECT_EQ(test, 0, objpool_push(o, pool));
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
	objpool_fini(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
	KUNIT_EXPECT_PTR_EQ(test, ctx.released, pool);
	KUNIT_EXPECT_PTR_EQ(test, ctx.release_ctx, (void *)&ctx);

	/* the pool memory is still ours: later calls are harmless no-ops */
	KUNIT_EXPECT_EQ(test, objpool_ring_bytes(pool), (size_t)0);
	KUNIT_EXPECT_EQ(test, objpool_obj_bytes(pool), (size_t)0);
	KUNIT_EXPECT_NULL(test, objpool_pop(pool));
	objpool_free(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
}

/* fini with objects out: the last objpool_drop() frees the pool */
static void objpool_test_async_release(struct kunit *test)
{
	int nr_objs = param_nr_objs(test);
	int held = min(nr_objs, 5), i;
	struct tobj **objs = kunit_kcalloc(test, held, sizeof(*objs),
					   GFP_KERNEL);
	struct tctx ctx = {};
	struct objpool_head *pool = tpool_init(test, &ctx, nr_objs);

	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < held; i++) {
		objs[i] = objpool_pop(pool);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	objpool_fini(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
	KUNIT_EXPECT_NE(test, objpool_ring_bytes(pool), (size_t)0);

	for (i = 0; i < held - 1; i++) {
		KUNIT_EXPECT_EQ(test, objpool_drop(objs[i], pool), -EAGAIN);
		KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
		/* the objects still out stay valid */
		KUNIT_EXPECT_EQ(test, objs[held - 1]->magic, TOBJ_MAGIC);
	}
	KUNIT_EXPECT_EQ(test, objpool_drop(objs[held - 1], pool), 0);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
	KUNIT_EXPECT_PTR_EQ(test, ctx.released, pool);
	KUNIT_EXPECT_EQ(test, objpool_ring_bytes(pool), (size_t)0);
}

static void objpool_test_drop_null(struct kunit *test)
{
	struct tctx ctx = {};
	struct objpool_head *pool = tpool_init(test, &ctx, 4);
	struct tobj *o = objpool_pop(pool);

	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_EXPECT_EQ(test, objpool_drop(NULL, pool), -EINVAL);
	KUNIT_EXPECT_EQ(test, objpool_drop(o, NULL), -EINVAL);
	/* neither took a reference away: the pool lives until o's drop */
	objpool_fini(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
	KUNIT_EXPECT_EQ(test, objpool_drop(o, pool), 0);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
}

struct einval_case {
	const char *name;
	bool null_pool;
	int nr_objs;
	int size;
};

static const struct einval_case einval_cases[] = {
	{ "NULL pool", true, 8, 8 },
	{ "nr_objs=0", false, 0, 8 },
	{ "nr_objs=-1", false, -1, 8 },
	{ "nr_objs=INT_MIN", false, INT_MIN, 8 },
	{ "nr_objs=MAX+1", false, OBJPOOL_NR_OBJECT_MAX + 1, 8 },
	{ "nr_objs=INT_MAX", false, INT_MAX, 8 },
	{ "size=0", false, 8, 0 },
	{ "size=-8", false, 8, -8 },
	{ "size=MAX+1", false, 8, OBJPOOL_OBJECT_SIZE_MAX + 1 },
	{ "size=INT_MAX", false, 8, INT_MAX },
};

static void einval_desc(const struct einval_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(einval, einval_cases, einval_desc);

/* -EINVAL before anything is allocated or written, no callback run */
static void objpool_test_einval(struct kunit *test)
{
	const struct einval_case *c = test->param_value;
	struct objpool_head pool, before;
	struct tctx ctx = {};

	memset(&pool, 0xa5, sizeof(pool));
	memcpy(&before, &pool, sizeof(pool));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			objpool_init(c->null_pool ? NULL : &pool, c->nr_objs,
				     c->size, GFP_KERNEL, &ctx, tobj_init,
				     tobj_release));
	KUNIT_EXPECT_EQ(test, memcmp(&pool, &before, sizeof(pool)), 0);
	KUNIT_EXPECT_EQ(test, ctx.inits, 0U);
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
}

/* the largest accepted sizes are accepted */
static void objpool_test_limits_accepted(struct kunit *test)
{
	struct objpool_head pool;
	void *obj;

	KUNIT_ASSERT_EQ(test, 0, objpool_init(&pool, 1, OBJPOOL_OBJECT_SIZE_MAX,
					      GFP_KERNEL, NULL, NULL, NULL));
	KUNIT_EXPECT_EQ(test, objpool_obj_bytes(&pool),
			(size_t)OBJPOOL_OBJECT_SIZE_MAX);
	obj = objpool_pop(&pool);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	/* zeroed and all of it ours (KASAN checks the bounds) */
	KUNIT_EXPECT_NULL(test, memchr_inv(obj, 0, OBJPOOL_OBJECT_SIZE_MAX));
	memset(obj, 0x5a, OBJPOOL_OBJECT_SIZE_MAX);
	KUNIT_EXPECT_EQ(test, 0, objpool_push(obj, &pool));
	objpool_fini(&pool);
}

/* the k-th objinit fails: its error, everything freed, no release */
static const int objinit_fail_params[] = { 1, 2, 3, 4 };

static void objinit_fail_desc(const int *p, char *desc)
{
	static const char * const where[] = {
		"first object", "second object", "middle object", "last object"
	};

	strscpy(desc, where[*p - 1], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(objinit_fail, objinit_fail_params, objinit_fail_desc);

static void objpool_test_objinit_fails(struct kunit *test)
{
	int nr_objs = 2 * num_possible_cpus() + 1;
	unsigned int at[] = { 1, 2, nr_objs / 2 + 1, nr_objs };
	struct tctx ctx = { .fail_at = at[*(const int *)test->param_value - 1] };
	struct objpool_head pool, zero = {};

	memset(&pool, 0xa5, sizeof(pool));
	KUNIT_EXPECT_EQ(test, -EDOM,
			objpool_init(&pool, nr_objs, sizeof(struct tobj),
				     GFP_KERNEL, &ctx, tobj_init, tobj_release));
	KUNIT_EXPECT_EQ(test, ctx.inits, ctx.fail_at);
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
	KUNIT_EXPECT_EQ(test, memcmp(&pool, &zero, sizeof(pool)), 0);
	/* fini and free of a failed pool do nothing */
	objpool_fini(&pool);
	objpool_free(&pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
}

/* failslab: each allocation of objpool_init() failed in turn */
static const gfp_t failslab_gfps[] = {
	GFP_KERNEL | __GFP_NOWARN,
	GFP_ATOMIC | __GFP_NOWARN,
};

static void failslab_desc(const gfp_t *gfp, char *desc)
{
	strscpy(desc, *gfp & __GFP_DIRECT_RECLAIM ? "GFP_KERNEL" : "GFP_ATOMIC",
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(failslab, failslab_gfps, failslab_desc);

static void objpool_test_failslab(struct kunit *test)
{
#ifdef CONFIG_FAULT_INJECTION
	gfp_t gfp = *(const gfp_t *)test->param_value;
	int nr_objs = 2 * num_possible_cpus() + 3;
	struct objpool_head pool, zero = {};
	unsigned int n, left, failed = 0, absorbed = 0;
	struct tobj **objs;
	int rc;

	objs = kunit_kcalloc(test, nr_objs, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (n = 1; n < 10000; n++) {
		struct tctx ctx = {};

		memset(&pool, 0xa5, sizeof(pool));
		WRITE_ONCE(current->fail_nth, n);
		rc = objpool_init(&pool, nr_objs, sizeof(struct tobj), gfp,
				  &ctx, tobj_init, tobj_release);
		left = READ_ONCE(current->fail_nth);
		WRITE_ONCE(current->fail_nth, 0);

		if (rc) {
			KUNIT_EXPECT_EQ_MSG(test, rc, -ENOMEM, "check %u", n);
			KUNIT_EXPECT_EQ_MSG(test, memcmp(&pool, &zero, sizeof(pool)),
					    0, "pool not zeroed, check %u", n);
			KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
			failed++;
			if (rc != -ENOMEM)
				break;
			continue;
		}
		if (n == 1 && left)
			kunit_skip(test, "failslab ignores this gfp: set %s to N",
				   "/sys/kernel/debug/failslab/ignore-gfp-wait");

		/*
		 * Success: either the n-th check came after init, or it
		 * failed an allocation that was allowed to fail (kmemleak's
		 * own metadata, say).  The pool must work either way.
		 */
		KUNIT_EXPECT_EQ(test, ctx.inits, (unsigned int)nr_objs);
		KUNIT_EXPECT_EQ(test, tpool_pop_all(test, &pool, nr_objs, objs),
				nr_objs);
		tpool_push_all(test, &pool, objs, nr_objs);
		objpool_fini(&pool);
		KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
		if (left)
			break;
		absorbed++;
	}
	KUNIT_EXPECT_NE_MSG(test, left, 0U, "init never got past the failures");
	/*
	 * The bitmap, the ring array and one ring per possible CPU: each
	 * fails init when its check is the n-th.  Allocations of others in
	 * this task (KASAN's stack depot may take pages, for one) shift
	 * the count between runs, so the n-th check of one run may fall
	 * on an absorbed allocation and skip one of ours: count both.
	 */
	KUNIT_EXPECT_GE(test, failed, 1U);
	KUNIT_EXPECT_GE(test, failed + absorbed, num_possible_cpus() + 2);
#else
	kunit_skip(test, "needs CONFIG_FAULT_INJECTION (and FAILSLAB)");
#endif
}

/* objpool_ring_bytes() follows the formula of Documentation/objpool.rst */
static size_t expected_ring_bytes(int nr_objs, bool debug)
{
	int np = num_possible_cpus(), n;
	unsigned int cells = roundup_pow_of_two(max(DIV_ROUND_UP(nr_objs, np),
						    OBJPOOL_RING_MIN));
	size_t ring = ALIGN(sizeof(struct objpool_slot) +
			    cells * sizeof(struct objpool_cell), SMP_CACHE_BYTES);
	size_t bytes;

	bytes = ALIGN(BITS_TO_LONGS(nr_cpu_ids) * sizeof(long), SMP_CACHE_BYTES) +
		nr_cpu_ids * sizeof(void *) + np * ring;
	/* with CONFIG_DEBUG_OBJPOOL: a bit per object, in longs per ring */
	for (n = 0; debug && n < np; n++)
		bytes += BITS_TO_LONGS(nr_objs / np + (n < nr_objs % np)) *
			 sizeof(long);
	return bytes;
}

static void objpool_test_memory_formula(struct kunit *test)
{
	static const int sizes[] = { 1, 8, 24, 100 };
	int nr_objs = param_nr_objs(test), i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct objpool_head pool;
		bool debug;

		KUNIT_ASSERT_EQ(test, 0, objpool_init(&pool, nr_objs, sizes[i],
						      GFP_KERNEL, NULL, NULL,
						      NULL));
		debug = pool.flags & OBJPOOL_F_DEBUG;
		KUNIT_EXPECT_EQ_MSG(test, objpool_ring_bytes(&pool),
				    expected_ring_bytes(nr_objs, debug),
				    "size %d", sizes[i]);
		KUNIT_EXPECT_EQ(test, objpool_obj_bytes(&pool),
				(size_t)nr_objs * ALIGN(sizes[i], sizeof(long)));
		objpool_fini(&pool);
	}
}

/* the rings hold, in all, room for every object, and little more */
static void objpool_test_capacity_bound(struct kunit *test)
{
	int nr_objs = param_nr_objs(test);
	struct objpool_head pool;
	unsigned long room = 0;
	int cpu;

	KUNIT_ASSERT_EQ(test, 0, objpool_init(&pool, nr_objs, 8, GFP_KERNEL,
					      NULL, NULL, NULL));
	for_each_possible_cpu(cpu)
		room += pool.cpu_slots[cpu]->mask + 1;
	KUNIT_EXPECT_GE(test, room, (unsigned long)nr_objs);
	KUNIT_EXPECT_LE(test, room, 2UL * nr_objs +
			OBJPOOL_RING_MIN * num_possible_cpus());
	objpool_fini(&pool);
}

/* concurrency: workers on every online CPU and a hard-irq timer on each */
struct stress {
	struct objpool_head *pool;
	int nr_objs;
	atomic_t errors;
	atomic_long_t pops, misses, timer_pops, handoffs;
	struct llist_head handoff;
	bool stop;
};

struct stress_worker {
	struct stress *s;
	struct task_struct *task;
	struct hrtimer timer;
	unsigned int cpu;
	u32 rnd;
	struct tobj *held[64];
	int nr_held;
};

static bool tobj_claim(struct stress *s, struct tobj *o, unsigned long from,
		       unsigned long to)
{
	if (o->magic != TOBJ_MAGIC ||
	    cmpxchg(&o->owner, from, to) != from) {
		atomic_inc(&s->errors);
		return false;
	}
	return true;
}

static u32 stress_rand(struct stress_worker *w)
{
	/* xorshift32: cheap and the same on every kernel version */
	w->rnd ^= w->rnd << 13;
	w->rnd ^= w->rnd >> 17;
	w->rnd ^= w->rnd << 5;
	return w->rnd;
}

static enum hrtimer_restart stress_timer(struct hrtimer *t)
{
	struct stress_worker *w = container_of(t, struct stress_worker, timer);
	struct stress *s = w->s;
	struct tobj *got[3];
	int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(got); i++) {
		struct tobj *o = objpool_pop(s->pool);

		if (!o)
			break;
		if (tobj_claim(s, o, OWNER_FREE, OWNER_TIMER))
			got[n++] = o;
	}
	atomic_long_add(n, &s->timer_pops);
	for (i = 0; i < n; i++)
		if (tobj_claim(s, got[i], OWNER_TIMER, OWNER_FREE) &&
		    objpool_push(got[i], s->pool))
			atomic_inc(&s->errors);

	if (READ_ONCE(s->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(50 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static void stress_put(struct stress_worker *w, struct tobj *o)
{
	struct stress *s = w->s;
	unsigned long me = OWNER_WORKER + w->cpu;

	/* every eighth object goes back from another CPU */
	if (!(stress_rand(w) & 7)) {
		if (tobj_claim(s, o, me, OWNER_HANDOFF)) {
			llist_add(&o->handoff, &s->handoff);
			atomic_long_inc(&s->handoffs);
		}
		return;
	}
	if (tobj_claim(s, o, me, OWNER_FREE) && objpool_push(o, s->pool))
		atomic_inc(&s->errors);
}

static int stress_fn(void *data)
{
	struct stress_worker *w = data;
	struct stress *s = w->s;
	unsigned long me = OWNER_WORKER + w->cpu;

	hrtimer_start(&w->timer, ns_to_ktime(50 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
	/*
	 * Run until kthread_stop(): a worker that returned on its own could
	 * be gone, task_struct and all, by the time it is stopped.
	 */
	while (!kthread_should_stop()) {
		struct llist_node *list = llist_del_all(&s->handoff);
		struct tobj *o, *next;
		int want, keep, i;

		/* objects handed over by other CPUs go back from this one */
		llist_for_each_entry_safe(o, next, list, handoff)
			if (tobj_claim(s, o, OWNER_HANDOFF, OWNER_FREE) &&
			    objpool_push(o, s->pool))
				atomic_inc(&s->errors);

		/* mostly a few objects, now and then many (rings overflow) */
		want = stress_rand(w) & 15 ? 1 + stress_rand(w) % 4 :
					     ARRAY_SIZE(w->held);
		while (w->nr_held < want) {
			o = objpool_pop(s->pool);
			if (!o) {
				atomic_long_inc(&s->misses);
				break;
			}
			atomic_long_inc(&s->pops);
			if (tobj_claim(s, o, OWNER_FREE, me))
				w->held[w->nr_held++] = o;
		}
		/* keep some across the next round, put back the rest */
		keep = stress_rand(w) % (w->nr_held + 1);
		for (i = keep; i < w->nr_held; i++)
			stress_put(w, w->held[i]);
		w->nr_held = keep;
		cond_resched();
	}
	return 0;
}

static const int stress_params[] = { 2, 5 };	/* small (2 x CPUs) and 512 */

static void stress_desc(const int *p, char *desc)
{
	nr_param_desc(p, desc);
}

KUNIT_ARRAY_PARAM(stress, stress_params, stress_desc);

static void objpool_test_concurrency(struct kunit *test)
{
	struct stress_worker *workers;
	struct tctx ctx = {};
	struct tobj **objs;
	struct stress *s;
	struct tobj *o, *next;
	unsigned int cpu, nw = 0, i;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	workers = kunit_kcalloc(test, nr_cpu_ids, sizeof(*workers), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, workers);
	s->nr_objs = nr_objs_of(*(const int *)test->param_value);
	s->pool = tpool_init(test, &ctx, s->nr_objs);
	objs = kunit_kcalloc(test, s->nr_objs, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	init_llist_head(&s->handoff);

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct stress_worker *w = &workers[nw];

		w->s = s;
		w->cpu = cpu;
		w->rnd = 0x9e3779b9u * (cpu + 1);
		hrtimer_init(&w->timer, CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL_PINNED_HARD);
		w->timer.function = stress_timer;
		w->task = kthread_create_on_cpu(stress_fn, w, cpu,
						"objpool_kunit/%u");
		if (IS_ERR(w->task))
			break;
		nw++;
	}
	cpus_read_unlock();
	KUNIT_EXPECT_EQ(test, nw, num_online_cpus());
	for (i = 0; i < nw; i++)
		wake_up_process(workers[i].task);

	msleep(OBJPOOL_KUNIT_STRESS_MS);
	WRITE_ONCE(s->stop, true);
	for (i = 0; i < nw; i++) {
		struct stress_worker *w = &workers[i];
		int j;

		kthread_stop(w->task);
		hrtimer_cancel(&w->timer);
		for (j = 0; j < w->nr_held; j++)
			if (tobj_claim(s, w->held[j], OWNER_WORKER + w->cpu,
				       OWNER_FREE))
				KUNIT_EXPECT_EQ(test, 0,
						objpool_push(w->held[j], s->pool));
	}
	llist_for_each_entry_safe(o, next, llist_del_all(&s->handoff), handoff)
		if (tobj_claim(s, o, OWNER_HANDOFF, OWNER_FREE))
			KUNIT_EXPECT_EQ(test, 0, objpool_push(o, s->pool));

	kunit_info(test, "%u workers: %ld pops, %ld misses, %ld in irq, %ld handed over",
		   nw, atomic_long_read(&s->pops), atomic_long_read(&s->misses),
		   atomic_long_read(&s->timer_pops),
		   atomic_long_read(&s->handoffs));
	KUNIT_EXPECT_EQ(test, atomic_read(&s->errors), 0);
	KUNIT_EXPECT_GT(test, atomic_long_read(&s->pops), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&s->timer_pops), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&s->handoffs), 0L);

	/* nothing lost, nothing doubled, nothing hidden from pops */
	KUNIT_EXPECT_EQ(test, tpool_pop_all(test, s->pool, s->nr_objs, objs),
			s->nr_objs);
	tpool_push_all(test, s->pool, objs, s->nr_objs);
	objpool_fini(s->pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
}

static struct kunit_case objpool_test_cases[] = {
	KUNIT_CASE_PARAM(objpool_test_pop_all_once, nr_gen_params),
	KUNIT_CASE_PARAM(objpool_test_push_back_pop_again, nr_gen_params),
	KUNIT_CASE_PARAM(objpool_test_miss_clears_hints, nr_gen_params),
	KUNIT_CASE_PARAM(objpool_test_objinit_once_each, nr_gen_params),
	KUNIT_CASE(objpool_test_release_once),
	KUNIT_CASE_PARAM(objpool_test_async_release, nr_gen_params),
	KUNIT_CASE(objpool_test_drop_null),
	KUNIT_CASE_PARAM(objpool_test_einval, einval_gen_params),
	KUNIT_CASE(objpool_test_limits_accepted),
	KUNIT_CASE_PARAM(objpool_test_objinit_fails, objinit_fail_gen_params),
	KUNIT_CASE_PARAM(objpool_test_failslab, failslab_gen_params),
	KUNIT_CASE_PARAM(objpool_test_memory_formula, nr_gen_params),
	KUNIT_CASE_PARAM(objpool_test_capacity_bound, nr_gen_params),
	KUNIT_CASE_PARAM(objpool_test_concurrency, stress_gen_params),
	{}
};

static struct kunit_suite objpool_test_suite = {
	.name = "objpool",
	.test_cases = objpool_test_cases,
};

kunit_test_suite(objpool_test_suite);

MODULE_DESCRIPTION("KUnit tests of objpool");
MODULE_LICENSE("GPL");
