// SPDX-License-Identifier: GPL-2.0
/*
 * objpool_bench: the kernel's own objpool (<linux/objpool.h>, Linux 6.7
 * and later).  Its memory is computed by formula in objpool_bench.c.
 */
#include <linux/err.h>
#include <linux/objpool.h>
#include <linux/slab.h>

#include "objpool_bench.h"

#define PB_POOL_T struct objpool_head

static __always_inline struct pb_obj *pb_pop(struct objpool_head *pool)
{
	return objpool_pop(pool);
}

static __always_inline void pb_push(struct pb_obj *obj,
				    struct objpool_head *pool)
{
	objpool_push(obj, pool);
}

#include "pool_loops.h"

static void *upstream_create(int nr_objs)
{
	struct objpool_head *pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	int err;

	if (!pool)
		return ERR_PTR(-ENOMEM);
	err = objpool_init(pool, nr_objs, PB_OBJ_SIZE, GFP_KERNEL, NULL, NULL,
			   NULL);
	if (err) {
		kfree(pool);
		return ERR_PTR(err);
	}
	return pool;
}

static void upstream_destroy(void *pool)
{
	objpool_free(pool);
	kfree(pool);
}

const struct pb_pool pb_pool_upstream = {
	.name = "upstream",
	.create = upstream_create,
	.destroy = upstream_destroy,
	.worker = pb_worker,
	.timer = pb_timer,
	.async = pb_async,
	.drain = pb_drain,
	.take_all = pb_take_all,
	.give_back = pb_give_back,
};
