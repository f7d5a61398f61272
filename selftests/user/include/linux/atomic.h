/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: the kernel's atomics on GCC __atomic builtins, with
 * the ordering of Documentation/atomic_t.txt: value-returning RMW ops
 * (xchg, cmpxchg, *_return, fetch_*) are fully ordered (__ATOMIC_SEQ_CST),
 * the _acquire/_release/_relaxed forms are what they say, and
 * non-returning RMW ops (inc, add, set_bit) are relaxed.  A failed
 * cmpxchg orders nothing (relaxed).
 */
#ifndef _PS_USER_LINUX_ATOMIC_H
#define _PS_USER_LINUX_ATOMIC_H

#include <linux/compiler.h>

#define ps_cas(p, oldp, new, mo) \
	__atomic_compare_exchange_n((p), (oldp), (new), false, (mo), \
				    __ATOMIC_RELAXED)

/* try_cmpxchg(): fully ordered on success */
#define try_cmpxchg(p, oldp, new)	ps_cas((p), (oldp), (new), __ATOMIC_SEQ_CST)
#define try_cmpxchg_acquire(p, oldp, new) \
	ps_cas((p), (oldp), (new), __ATOMIC_ACQUIRE)
#define try_cmpxchg_release(p, oldp, new) \
	ps_cas((p), (oldp), (new), __ATOMIC_RELEASE)
#define try_cmpxchg_relaxed(p, oldp, new) \
	ps_cas((p), (oldp), (new), __ATOMIC_RELAXED)

/* cmpxchg(): fully ordered, returns the value found */
#define cmpxchg(p, old, new)						\
({									\
	__typeof__(p) __ps_p = (p);					\
	__typeof__(*__ps_p) __ps_old = (old);				\
	/* fully ordered on success, relaxed on failure */		\
	ps_cas(__ps_p, &__ps_old, (new), __ATOMIC_SEQ_CST);		\
	__ps_old;							\
})
/* xchg(): fully ordered */
#define xchg(p, v)	__atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)

#define ATOMIC_INIT(i)	{ (i) }

#define atomic_read(v)		READ_ONCE((v)->counter)
#define atomic_set(v, i)	WRITE_ONCE((v)->counter, (i))
/* atomic_set_release(): a release store */
#define atomic_set_release(v, i)	smp_store_release(&(v)->counter, (i))
/* atomic_read_acquire(): an acquire load */
#define atomic_read_acquire(v)	smp_load_acquire(&(v)->counter)
/* non-returning RMW: relaxed */
#define atomic_inc(v)	__atomic_fetch_add(&(v)->counter, 1, __ATOMIC_RELAXED)
#define atomic_dec(v)	__atomic_fetch_sub(&(v)->counter, 1, __ATOMIC_RELAXED)
#define atomic_add(i, v) __atomic_fetch_add(&(v)->counter, (i), __ATOMIC_RELAXED)
/* value-returning RMW: fully ordered unless suffixed */
#define atomic_xchg(v, i)	xchg(&(v)->counter, (i))
#define atomic_cmpxchg(v, o, n)	cmpxchg(&(v)->counter, (o), (n))
#define atomic_cmpxchg_release(v, o, n)					\
({									\
	int __ps_o = (o);						\
	ps_cas(&(v)->counter, &__ps_o, (n), __ATOMIC_RELEASE);		\
	__ps_o;								\
})
#define atomic_cmpxchg_relaxed(v, o, n)					\
({									\
	int __ps_o = (o);						\
	ps_cas(&(v)->counter, &__ps_o, (n), __ATOMIC_RELAXED);		\
	__ps_o;								\
})
#define atomic_try_cmpxchg(v, op, n)	try_cmpxchg(&(v)->counter, (op), (n))
#define atomic_try_cmpxchg_acquire(v, op, n) \
	try_cmpxchg_acquire(&(v)->counter, (op), (n))
#define atomic_try_cmpxchg_release(v, op, n) \
	try_cmpxchg_release(&(v)->counter, (op), (n))
#define atomic_fetch_add(i, v) \
	__atomic_fetch_add(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_fetch_add_release(i, v) \
	__atomic_fetch_add(&(v)->counter, (i), __ATOMIC_RELEASE)
#define atomic_add_return(i, v) \
	__atomic_add_fetch(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_inc_return(v)	atomic_add_return(1, (v))
#define atomic_dec_return(v)	atomic_add_return(-1, (v))
#define atomic_dec_and_test(v)	(atomic_dec_return(v) == 0)

#define atomic_long_read(v)	READ_ONCE((v)->counter)
#define atomic_long_set(v, i)	WRITE_ONCE((v)->counter, (i))
#define atomic_long_inc(v) \
	__atomic_fetch_add(&(v)->counter, 1, __ATOMIC_RELAXED)
#define atomic_long_add(i, v) \
	__atomic_fetch_add(&(v)->counter, (i), __ATOMIC_RELAXED)
#define atomic_long_add_return(i, v) \
	__atomic_add_fetch(&(v)->counter, (i), __ATOMIC_SEQ_CST)

#endif /* _PS_USER_LINUX_ATOMIC_H */
