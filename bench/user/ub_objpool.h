/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user_bench: the glue of a pool with the <linux/objpool.h> API, ours or
 * upstream's, which differ only in the implementation behind it.  The
 * includer includes its objpool header first and defines
 * UB_OBJPOOL_NAME (the pool's name in the report) and UB_OBJPOOL_VAR
 * (the struct ub_pool it provides).
 */
#ifndef _UB_OBJPOOL_H
#define _UB_OBJPOOL_H

#include <stdlib.h>

#include "ub.h"

#define UB_POOL_T struct objpool_head

static __always_inline struct ub_obj *ub_pop(struct objpool_head *pool)
{
	return objpool_pop(pool);
}

static __always_inline void ub_push(struct ub_obj *obj,
				    struct objpool_head *pool)
{
	objpool_push(obj, pool);
}

#include "ub_loops.h"

static void *ub_objpool_create(int nr_objs)
{
	struct objpool_head *pool = calloc(1, sizeof(*pool));

	if (pool && objpool_init(pool, nr_objs, UB_OBJ_SIZE, GFP_KERNEL, NULL,
				 NULL, NULL)) {
		free(pool);
		pool = NULL;
	}
	return pool;
}

static void ub_objpool_destroy(void *pool)
{
	objpool_free(pool);
	free(pool);
}

const struct ub_pool UB_OBJPOOL_VAR = {
	.name = UB_OBJPOOL_NAME,
	.create = ub_objpool_create,
	.destroy = ub_objpool_destroy,
	.worker = ub_worker,
	.pop_empty = ub_pop_empty,
	.drain = ub_drain,
	.hold = ub_hold,
	.unhold = ub_unhold,
};

#endif /* _UB_OBJPOOL_H */
