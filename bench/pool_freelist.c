// SPDX-License-Identifier: GPL-2.0
/*
 * objpool_bench: 6.1's freelist (<linux/freelist.h>), where kretprobe
 * instances come from on vanilla 6.1: one shared lock-less LIFO whose
 * links live in the objects.
 */
#include <linux/bug.h>	/* freelist.h uses WARN_ON_ONCE() without it */
#include <linux/build_bug.h>
#include <linux/err.h>
#include <linux/freelist.h>
#include <linux/slab.h>

#include "objpool_bench.h"

/**
 * struct pb_fl_obj - a PB_OBJ_SIZE-byte freelist object
 * @node: the freelist link, in the object as in a kretprobe instance
 * @obj:  what the bench uses
 */
struct pb_fl_obj {
	struct freelist_node node;
	struct pb_obj obj;
};

/**
 * struct pb_fl_pool - a freelist and the objects it was filled with
 * @head: the list
 * @objs: the objects, PB_OBJ_SIZE bytes apart
 */
struct pb_fl_pool {
	struct freelist_head head;
	void *objs;
};

#define PB_POOL_T struct pb_fl_pool

static __always_inline struct pb_obj *pb_pop(struct pb_fl_pool *pool)
{
	struct freelist_node *n = freelist_try_get(&pool->head);

	return n ? &container_of(n, struct pb_fl_obj, node)->obj : NULL;
}

static __always_inline void pb_push(struct pb_obj *obj,
				    struct pb_fl_pool *pool)
{
	freelist_add(&container_of(obj, struct pb_fl_obj, obj)->node,
		     &pool->head);
}

#include "pool_loops.h"

static void *fl_create(int nr_objs)
{
	struct pb_fl_pool *pool;
	int i;

	BUILD_BUG_ON(sizeof(struct pb_fl_obj) > PB_OBJ_SIZE);
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	pool->objs = kcalloc(nr_objs, PB_OBJ_SIZE, GFP_KERNEL);
	if (!pool->objs) {
		kfree(pool);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < nr_objs; i++) {
		struct pb_fl_obj *o = pool->objs + i * PB_OBJ_SIZE;

		freelist_add(&o->node, &pool->head);
	}
	return pool;
}

static void fl_destroy(void *p)
{
	struct pb_fl_pool *pool = p;

	kfree(pool->objs);
	kfree(pool);
}

/* The head is all there is besides the objects. */
static int fl_mem_bytes(int nr_objs, size_t *rings, size_t *objs)
{
	*rings = sizeof(struct freelist_head);
	*objs = (size_t)nr_objs * PB_OBJ_SIZE;
	return 0;
}

const struct pb_pool pb_pool_freelist = {
	.name = "freelist",
	.create = fl_create,
	.destroy = fl_destroy,
	.worker = pb_worker,
	.timer = pb_timer,
	.async = pb_async,
	.drain = pb_drain,
	.take_all = pb_take_all,
	.give_back = pb_give_back,
	.mem_bytes = fl_mem_bytes,
};
