// SPDX-License-Identifier: GPL-2.0
/*
 * user_bench: our objpool (objpool/), under the names oot-names.h gives
 * it, so that upstream's objpool can be linked next to it.
 */
#include <stdlib.h>

#include "objpool.h"
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

static void *ours_create(int nr_objs)
{
	struct objpool_head *pool = calloc(1, sizeof(*pool));

	if (pool && objpool_init(pool, nr_objs, UB_OBJ_SIZE, GFP_KERNEL, NULL,
				 NULL, NULL)) {
		free(pool);
		pool = NULL;
	}
	return pool;
}

static void ours_destroy(void *pool)
{
	objpool_free(pool);
	free(pool);
}

const struct ub_pool ub_pool_ours = {
	.name = "ours",
	.create = ours_create,
	.destroy = ours_destroy,
	.worker = ub_worker,
	.pop_empty = ub_pop_empty,
	.drain = ub_drain,
	.hold = ub_hold,
	.unhold = ub_unhold,
};
