// SPDX-License-Identifier: GPL-2.0
/*
 * A kselftest_harness program with a passing, a failing and a skipped
 * case.  make check runs it on the build host (it touches nothing of the
 * kernel), by itself and under the kernel's kselftest runner, and expects
 * the verdict to have one result per case, exactly one of them a failure:
 * proof that a failing harness case cannot be reported as a pass.
 */
#include "../kselftest_harness.h"

TEST(harness_passes)
{
	EXPECT_EQ(4, 2 + 2);
}

TEST(harness_fails_on_purpose)
{
	EXPECT_EQ(5, 2 + 2) TH_LOG("this case must fail");
}

TEST(harness_skips)
{
	SKIP(return, "this case skips on purpose");
}

TEST_HARNESS_MAIN
