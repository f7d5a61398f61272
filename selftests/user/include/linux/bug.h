/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: WARN_ON() and WARN_ONCE().  A warning is
 * a test failure: each one is printed and counted in ps_warnings, which
 * the tests check.
 */
#ifndef _PS_USER_LINUX_BUG_H
#define _PS_USER_LINUX_BUG_H

#include <linux/compiler.h>

extern unsigned long ps_warnings;
void ps_warn(const char *file, int line, const char *fmt, ...);

#define WARN(cond, fmt...)						\
({									\
	bool __ps_c = !!(cond);						\
	if (unlikely(__ps_c))						\
		ps_warn(__FILE__, __LINE__, fmt);			\
	__ps_c;								\
})
#define WARN_ON(cond)	WARN((cond), "WARN_ON(%s)\n", #cond)

#define WARN_ONCE(cond, fmt...)						\
({									\
	static bool __ps_done;						\
	bool __ps_c = !!(cond);						\
	if (unlikely(__ps_c) &&						\
	    !__atomic_exchange_n(&__ps_done, true, __ATOMIC_RELAXED))	\
		ps_warn(__FILE__, __LINE__, fmt);			\
	__ps_c;								\
})
#define WARN_ON_ONCE(cond)	WARN_ONCE((cond), "WARN_ON_ONCE(%s)\n", #cond)

/* for the layer and the harness: a broken setup, not a test failure */
void ps_bug(const char *file, int line, const char *what);
#define PS_REQUIRE(cond)						\
	do {								\
		if (unlikely(!(cond)))					\
			ps_bug(__FILE__, __LINE__, #cond);		\
	} while (0)

#endif /* _PS_USER_LINUX_BUG_H */
