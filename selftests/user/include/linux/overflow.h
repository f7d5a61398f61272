/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: saturating size arithmetic, as <linux/overflow.h>. */
#ifndef _PS_USER_LINUX_OVERFLOW_H
#define _PS_USER_LINUX_OVERFLOW_H

#include <linux/types.h>

static inline size_t size_mul(size_t a, size_t b)
{
	size_t r;

	return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t size_add(size_t a, size_t b)
{
	size_t r;

	return __builtin_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

/* sizeof(p[0]) evaluates nothing: @p is not used, only its type */
#define struct_size(p, member, n)					\
	size_add(sizeof(p[0]), size_mul(sizeof((p[0]).member[0]), (n)))

#endif /* _PS_USER_LINUX_OVERFLOW_H */
