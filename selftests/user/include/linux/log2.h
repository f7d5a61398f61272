/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: powers of two. */
#ifndef _PS_USER_LINUX_LOG2_H
#define _PS_USER_LINUX_LOG2_H

#include <linux/types.h>

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (8 * sizeof(long) - __builtin_clzl(n - 1));
}

static inline bool is_power_of_2(unsigned long n)
{
	return n && !(n & (n - 1));
}

#endif /* _PS_USER_LINUX_LOG2_H */
