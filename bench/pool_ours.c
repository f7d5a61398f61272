// SPDX-License-Identifier: GPL-2.0
/*
 * objpool_bench: our objpool (objpool/), under the names oot-names.h
 * gives it, so that it can be measured next to a kernel's own objpool.
 */
#include <linux/err.h>
#include <linux/slab.h>

#include "objpool.h"
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

static void *ours_create(int nr_objs)
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

static void ours_destroy(void *pool)
{
	objpool_free(pool);
	kfree(pool);
}

static int ours_mem_bytes(int nr_objs, size_t *rings, size_t *objs)
{
	struct objpool_head *pool = ours_create(nr_objs);

	if (IS_ERR(pool))
		return PTR_ERR(pool);
	*rings = objpool_ring_bytes(pool);
	*objs = objpool_obj_bytes(pool);
	ours_destroy(pool);
	return 0;
}

const struct pb_pool pb_pool_ours = {
	.name = "ours",
	.create = ours_create,
	.destroy = ours_destroy,
	.worker = pb_worker,
	.timer = pb_timer,
	.async = pb_async,
	.drain = pb_drain,
	.take_all = pb_take_all,
	.give_back = pb_give_back,
	.mem_bytes = ours_mem_bytes,
};
