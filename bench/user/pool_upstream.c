// SPDX-License-Identifier: GPL-2.0
/*
 * user_bench: upstream's objpool (lib/objpool.c and <linux/objpool.h> of
 * Linux 6.12, extracted from linux-source-6.12 into the build directory
 * by the Makefile).  Its interrupt disabling is a compiler barrier here
 * (see the layer's <linux/irqflags.h>).
 */
#include <stdlib.h>

#include <linux/gfp.h>
#include <linux/objpool.h>

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

static void *upstream_create(int nr_objs)
{
	struct objpool_head *pool = calloc(1, sizeof(*pool));

	if (pool && objpool_init(pool, nr_objs, UB_OBJ_SIZE, GFP_KERNEL, NULL,
				 NULL, NULL)) {
		free(pool);
		pool = NULL;
	}
	return pool;
}

static void upstream_destroy(void *pool)
{
	objpool_free(pool);
	free(pool);
}

const struct ub_pool ub_pool_upstream = {
	.name = "upstream",
	.create = upstream_create,
	.destroy = upstream_destroy,
	.worker = ub_worker,
	.pop_empty = ub_pop_empty,
	.drain = ub_drain,
	.hold = ub_hold,
	.unhold = ub_unhold,
};
