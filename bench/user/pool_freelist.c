// SPDX-License-Identifier: GPL-2.0
/*
 * user_bench: 6.1's freelist (<linux/freelist.h>, extracted from
 * linux-source-6.1 into the build directory by the Makefile), where
 * kretprobe instances come from on vanilla 6.1: one shared lock-less
 * LIFO whose links live in the objects.
 */
#include <stdlib.h>

#include <linux/bug.h>	/* freelist.h uses WARN_ON_ONCE() without it */
#include <linux/freelist.h>
#include <linux/slab.h>

#include "ub.h"

/**
 * struct ub_fl_obj - a UB_OBJ_SIZE-byte freelist object
 * @node: the freelist link, in the object as in a kretprobe instance
 * @obj: what the bench uses
 */
struct ub_fl_obj {
	struct freelist_node node;
	struct ub_obj obj;
};

/**
 * struct ub_fl_pool - a freelist and the objects it was filled with
 * @head: the list
 * @objs: the objects, UB_OBJ_SIZE bytes apart
 */
struct ub_fl_pool {
	struct freelist_head head;
	void *objs;
};

#define UB_POOL_T struct ub_fl_pool

static __always_inline struct ub_obj *ub_pop(struct ub_fl_pool *pool)
{
	struct freelist_node *n = freelist_try_get(&pool->head);

	return n ? &container_of(n, struct ub_fl_obj, node)->obj : NULL;
}

static __always_inline void ub_push(struct ub_obj *obj,
				    struct ub_fl_pool *pool)
{
	freelist_add(&container_of(obj, struct ub_fl_obj, obj)->node,
		     &pool->head);
}

#include "ub_loops.h"

static void *fl_create(int nr_objs)
{
	struct ub_fl_pool *pool = calloc(1, sizeof(*pool));
	int i;

	if (!pool)
		return NULL;
	pool->objs = kcalloc(nr_objs, UB_OBJ_SIZE, GFP_KERNEL);
	if (!pool->objs) {
		free(pool);
		return NULL;
	}
	for (i = 0; i < nr_objs; i++) {
		struct ub_fl_obj *o = pool->objs + i * UB_OBJ_SIZE;

		freelist_add(&o->node, &pool->head);
	}
	return pool;
}

static void fl_destroy(void *p)
{
	struct ub_fl_pool *pool = p;

	kfree(pool->objs);
	free(pool);
}

const struct ub_pool ub_pool_freelist = {
	.name = "freelist",
	.create = fl_create,
	.destroy = fl_destroy,
	.worker = ub_worker,
	.pop_empty = ub_pop_empty,
	.drain = ub_drain,
	.hold = ub_hold,
	.unhold = ub_unhold,
};
