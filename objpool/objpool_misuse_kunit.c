// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "objpool_misuse": objpool catches misuse and keeps working.
 *
 * These cases make objpool warn, by design (WARN_ONCE, with a backtrace),
 * so they live in a module of their own: load objpool_misuse_kunit.ko
 * only in runs whose console log may hold warnings.
 */

#include <kunit/test.h>
#include <linux/module.h>

#include "objpool.h"
#include "objpool_kunit.h"

/* misuse is caught and refused, and the pool keeps working */
static void objpool_test_misuse_debug(struct kunit *test)
{
	int nr_objs = 8;
	struct tobj **objs = kunit_kcalloc(test, nr_objs, sizeof(*objs),
					   GFP_KERNEL);
	struct tobj *foreign = kunit_kzalloc(test, sizeof(*foreign), GFP_KERNEL);
	struct tctx ctx = {};
	struct objpool_head *pool;
	struct tobj *o;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	pool = tpool_init(test, &ctx, nr_objs);
	if (!(pool->flags & OBJPOOL_F_DEBUG)) {
		objpool_fini(pool);
		kunit_skip(test, "needs CONFIG_DEBUG_OBJPOOL");
	}

	KUNIT_EXPECT_EQ(test, objpool_push(foreign, pool), -EINVAL);
	o = objpool_pop(pool);
	KUNIT_ASSERT_NOT_NULL(test, o);
	/* not on an object boundary */
	KUNIT_EXPECT_EQ(test, objpool_push((void *)o + 1, pool), -EINVAL);
	KUNIT_EXPECT_EQ(test, objpool_push(o, pool), 0);
	/* twice */
	KUNIT_EXPECT_EQ(test, objpool_push(o, pool), -EINVAL);
	/* dropping an object that is in the pool */
	KUNIT_EXPECT_EQ(test, objpool_drop(o, pool), -EINVAL);
	KUNIT_EXPECT_EQ(test, objpool_drop(foreign, pool), -EINVAL);

	/* none of that got into the pool or took a reference */
	KUNIT_EXPECT_EQ(test, tpool_pop_all(test, pool, nr_objs, objs), nr_objs);
	tpool_push_all(test, pool, objs, nr_objs);
	objpool_fini(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
}

/* calls after fini and after free are refused, not corrupting */
static void objpool_test_misuse_after_fini(struct kunit *test)
{
	struct tctx ctx = {};
	struct objpool_head *pool;
	struct tobj *a, *b;

	pool = tpool_init(test, &ctx, 4);
	a = objpool_pop(pool);
	b = objpool_pop(pool);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	objpool_fini(pool);
	objpool_fini(pool);		/* twice: warns, does nothing */
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
	KUNIT_EXPECT_NULL(test, objpool_pop(pool));

	/* a push after fini drops the object instead */
	KUNIT_EXPECT_EQ(test, objpool_push(a, pool), -EAGAIN);
	KUNIT_EXPECT_EQ(test, ctx.releases, 0U);
	KUNIT_EXPECT_EQ(test, objpool_push(b, pool), 0);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);

	/* freed, the structure left in place by release */
	KUNIT_EXPECT_EQ(test, objpool_push(a, pool), -EINVAL);
	KUNIT_EXPECT_EQ(test, objpool_drop(a, pool), -EINVAL);
	KUNIT_EXPECT_NULL(test, objpool_pop(pool));
	objpool_fini(pool);
	objpool_free(pool);
	KUNIT_EXPECT_EQ(test, ctx.releases, 1U);
}

static struct kunit_case objpool_misuse_test_cases[] = {
	KUNIT_CASE(objpool_test_misuse_debug),
	KUNIT_CASE(objpool_test_misuse_after_fini),
	{}
};

static struct kunit_suite objpool_misuse_test_suite = {
	.name = "objpool_misuse",
	.test_cases = objpool_misuse_test_cases,
};

kunit_test_suite(objpool_misuse_test_suite);

MODULE_DESCRIPTION("KUnit tests of objpool misuse (warns by design)");
MODULE_LICENSE("GPL");
