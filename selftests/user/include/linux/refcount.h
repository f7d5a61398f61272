/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: refcount_t.  Orderings as in the kernel: inc is
 * relaxed; the dec/sub that reach zero are release, then acquire before
 * the caller frees (here acq_rel on every decrement, which is at least
 * that).  Underflow and increment from zero warn.
 */
#ifndef _PS_USER_LINUX_REFCOUNT_H
#define _PS_USER_LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/bug.h>

typedef struct { atomic_t refs; } refcount_t;

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

static inline void refcount_inc(refcount_t *r)
{
	int old = __atomic_fetch_add(&r->refs.counter, 1, __ATOMIC_RELAXED);

	WARN_ONCE(old <= 0, "refcount_t: increment from %d\n", old);
}

static inline bool refcount_sub_and_test(int n, refcount_t *r)
{
	int new = __atomic_sub_fetch(&r->refs.counter, n, __ATOMIC_ACQ_REL);

	WARN_ONCE(new < 0, "refcount_t: underflow to %d\n", new);
	return new == 0;
}

static inline bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

#endif /* _PS_USER_LINUX_REFCOUNT_H */
