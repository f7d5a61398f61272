/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the objpool KUnit suites: test objects that know
 * their index and owner, callbacks that count, pool set-up and drains.
 */
#ifndef _OBJPOOL_KUNIT_H
#define _OBJPOOL_KUNIT_H

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/llist.h>
#include <linux/slab.h>

#include "objpool.h"

#define TOBJ_MAGIC	0x0b1ec7u
#define OWNER_FREE	0UL		/* the object is in the pool */
#define OWNER_HANDOFF	1UL		/* on the handoff list between workers */
#define OWNER_TIMER	2UL		/* held by an hrtimer callback */
#define OWNER_WORKER	16UL		/* + CPU number: held by that worker */

/* the objects of the tests' pools */
struct tobj {
	unsigned long owner;
	unsigned int index;
	unsigned int magic;
	struct llist_node handoff;
};

/* what the callbacks of a pool saw */
struct tctx {
	unsigned int inits;
	unsigned int not_zeroed;
	unsigned int fail_at;		/* objinit fails on this call, 0: never */
	unsigned int releases;
	struct objpool_head *released;
	void *release_ctx;
};

static inline int tobj_init(void *obj, void *context)
{
	struct tctx *ctx = context;
	struct tobj *o = obj;

	if (o->owner || o->index || o->magic)
		ctx->not_zeroed++;
	if (++ctx->inits == ctx->fail_at)
		return -EDOM;
	o->index = ctx->inits - 1;
	o->magic = TOBJ_MAGIC;
	return 0;
}

static inline int tobj_release(struct objpool_head *head, void *context)
{
	struct tctx *ctx = context;

	ctx->releases++;
	ctx->released = head;
	ctx->release_ctx = context;
	return 0;
}

static inline struct objpool_head *tpool_init(struct kunit *test,
					      struct tctx *ctx, int nr_objs)
{
	struct objpool_head *pool = kunit_kzalloc(test, sizeof(*pool),
						  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pool);
	KUNIT_ASSERT_EQ(test, 0,
			objpool_init(pool, nr_objs, sizeof(struct tobj),
				     GFP_KERNEL, ctx, tobj_init, tobj_release));
	return pool;
}

/*
 * Pop until NULL: every object must come out exactly once, intact.
 * Returns the number popped; the objects are left in @objs.
 */
static inline int tpool_pop_all(struct kunit *test,
				struct objpool_head *pool, int nr_objs,
				struct tobj **objs)
{
	unsigned long *seen = kunit_kcalloc(test, BITS_TO_LONGS(nr_objs),
					    sizeof(long), GFP_KERNEL);
	struct tobj *o;
	int n = 0;

	KUNIT_ASSERT_NOT_NULL(test, seen);
	while ((o = objpool_pop(pool))) {
		KUNIT_ASSERT_LT(test, n, nr_objs);
		KUNIT_ASSERT_EQ(test, o->magic, TOBJ_MAGIC);
		KUNIT_ASSERT_LT(test, o->index, (unsigned int)nr_objs);
		KUNIT_EXPECT_FALSE_MSG(test, __test_and_set_bit(o->index, seen),
				       "object %u popped twice", o->index);
		KUNIT_EXPECT_EQ(test, o->owner, OWNER_FREE);
		objs[n++] = o;
	}
	kunit_kfree(test, seen);
	return n;
}

static inline void tpool_push_all(struct kunit *test,
				  struct objpool_head *pool, struct tobj **objs,
				  int n)
{
	int i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, 0, objpool_push(objs[i], pool));
}

#endif /* _OBJPOOL_KUNIT_H */
