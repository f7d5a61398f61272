/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: cache line size and alignment helpers. */
#ifndef _PS_USER_LINUX_CACHE_H
#define _PS_USER_LINUX_CACHE_H

#include <linux/types.h>

#define L1_CACHE_BYTES		64
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define ALIGN(x, a)							\
({									\
	__typeof__(x) __ps_mask = (__typeof__(x))(a) - 1;		\
	((x) + __ps_mask) & ~__ps_mask;					\
})

#endif /* _PS_USER_LINUX_CACHE_H */
