// SPDX-License-Identifier: GPL-2.0
/*
 * objpool_bench: no pool at all, the floor the other pools are measured
 * against.  Every CPU hands out objects of its own in turn and only counts
 * pops and pushes; nothing is shared between CPUs.  What a case costs with
 * this "pool" is the cost of its loop, of the irq_work of the async case
 * and of the hrtimer user; the rest of another pool's ns/op is the pool's
 * own.
 */
#include <linux/err.h>
#include <linux/minmax.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <asm/local.h>

#include "objpool_bench.h"

/**
 * struct pb_none_cpu - the objects of one CPU
 * @popped: pops so far, the index of the next object
 * @pushed: pushes so far
 * @objs:   @per_cpu objects, handed out in turn
 *
 * Pops and pushes of an object happen on its CPU, from the worker bound
 * to it or from its hardirqs (irq_work, hrtimer), hence local_t.  Those
 * in flight are always the latest pops: a worker's async batch goes back
 * all at once, an hrtimer user gives back its objects before it returns.
 * So at most @per_cpu in flight means an object is never handed out
 * twice, as the async case needs (its list link is in the object).
 */
struct pb_none_cpu {
	local_t popped;
	local_t pushed;
	struct pb_obj *objs;
};

/**
 * struct pb_none_pool - objects for each possible CPU, nothing shared
 * @cpu:     per CPU state
 * @per_cpu: objects per CPU
 * @nr_objs: how many objects the bench asked for, all "in the pool"
 */
struct pb_none_pool {
	struct pb_none_cpu __percpu *cpu;
	int per_cpu;
	int nr_objs;
};

#define PB_POOL_T struct pb_none_pool

static __always_inline struct pb_obj *pb_pop(struct pb_none_pool *pool)
{
	struct pb_none_cpu *c = raw_cpu_ptr(pool->cpu);

	if (local_read(&c->popped) - local_read(&c->pushed) >= pool->per_cpu)
		return NULL;
	return &c->objs[local_inc_return(&c->popped) % pool->per_cpu];
}

static __always_inline void pb_push(struct pb_obj *obj,
				    struct pb_none_pool *pool)
{
	local_inc(&raw_cpu_ptr(pool->cpu)->pushed);
}

#define PB_POOL_NO_DRAIN
#include "pool_loops.h"

static void none_destroy(void *p)
{
	struct pb_none_pool *pool = p;
	int cpu;

	for_each_possible_cpu(cpu)
		kfree(per_cpu_ptr(pool->cpu, cpu)->objs);
	free_percpu(pool->cpu);
	kfree(pool);
}

static void *none_create(int nr_objs)
{
	struct pb_none_pool *pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	int cpu;

	if (!pool)
		return ERR_PTR(-ENOMEM);
	pool->nr_objs = nr_objs;
	pool->per_cpu = max(DIV_ROUND_UP(nr_objs, num_possible_cpus()), 1U);
	pool->cpu = alloc_percpu(struct pb_none_cpu);
	if (!pool->cpu) {
		kfree(pool);
		return ERR_PTR(-ENOMEM);
	}
	for_each_possible_cpu(cpu) {
		struct pb_none_cpu *c = per_cpu_ptr(pool->cpu, cpu);

		local_set(&c->popped, 0);
		local_set(&c->pushed, 0);
		c->objs = kcalloc(pool->per_cpu, sizeof(*c->objs), GFP_KERNEL);
		if (!c->objs) {
			none_destroy(pool);
			return ERR_PTR(-ENOMEM);
		}
	}
	return pool;
}

/* Nothing leaves this pool, so everything is still there. */
static int none_drain(void *p)
{
	return ((struct pb_none_pool *)p)->nr_objs;
}

static int none_mem_bytes(int nr_objs, size_t *rings, size_t *objs)
{
	return -EOPNOTSUPP;
}

const struct pb_pool pb_pool_none = {
	.name = "none",
	.create = none_create,
	.destroy = none_destroy,
	.worker = pb_worker,
	.timer = pb_timer,
	.async = pb_async,
	.drain = none_drain,
	.mem_bytes = none_mem_bytes,
};
