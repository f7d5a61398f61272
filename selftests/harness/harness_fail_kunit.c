// SPDX-License-Identifier: GPL-2.0
/*
 * A KUnit suite with one passing and one failing case.  make check loads
 * it and expects the KTAP verdict to count exactly one failure: proof that
 * a failing KUnit case cannot be reported as a pass.
 */
#include <kunit/test.h>
#include <linux/module.h>

static void harness_passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 4);
}

static void harness_fails_on_purpose(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, 2 + 2, 5, "this case must fail");
}

static struct kunit_case harness_fail_cases[] = {
	KUNIT_CASE(harness_passes),
	KUNIT_CASE(harness_fails_on_purpose),
	{}
};

static struct kunit_suite harness_fail_suite = {
	.name = "probescale_harness_fail",
	.test_cases = harness_fail_cases,
};

kunit_test_suite(harness_fail_suite);

MODULE_DESCRIPTION("probescale harness check: a deliberately failing KUnit case");
MODULE_LICENSE("GPL");
