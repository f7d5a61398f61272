/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: min(), max() and their _t forms. */
#ifndef _PS_USER_LINUX_MINMAX_H
#define _PS_USER_LINUX_MINMAX_H

#define min(a, b)							\
({									\
	__typeof__(a) __ps_a = (a);					\
	__typeof__(b) __ps_b = (b);					\
	__ps_a < __ps_b ? __ps_a : __ps_b;				\
})
#define max(a, b)							\
({									\
	__typeof__(a) __ps_a = (a);					\
	__typeof__(b) __ps_b = (b);					\
	__ps_a > __ps_b ? __ps_a : __ps_b;				\
})
#define min_t(type, a, b)	min((type)(a), (type)(b))
#define max_t(type, a, b)	max((type)(a), (type)(b))

#endif /* _PS_USER_LINUX_MINMAX_H */
