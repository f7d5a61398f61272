/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: kmalloc() and kvmalloc() families on malloc(), with
 * injectable failure (ps_fail_nth) and a count of live allocations
 * (ps_live_allocs) so that tests can check error paths free everything.
 * kfree_rcu() is in <linux/rcupdate.h>.
 */
#ifndef _PS_USER_LINUX_SLAB_H
#define _PS_USER_LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/cache.h>
#include <linux/errno.h>

/*
 * ps_fail_nth: 0 never fails; N > 0 makes the N-th allocation from now
 * fail (and counts down).  ps_allocs counts every allocation attempt,
 * ps_alloc_bytes the bytes of those that succeeded.
 */
extern long ps_fail_nth;
extern long ps_live_allocs;
extern unsigned long ps_allocs;
extern size_t ps_alloc_bytes;

void *ps_alloc(size_t size, gfp_t gfp);
void ps_free(const void *p);

static inline void *kmalloc(size_t size, gfp_t gfp)
{
	return ps_alloc(size, gfp);
}

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return ps_alloc(size, gfp | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes = size_mul(n, size);

	return bytes == SIZE_MAX ? NULL : ps_alloc(bytes, gfp);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

static inline void *kmalloc_node(size_t size, gfp_t gfp, int node)
{
	return ps_alloc(size, gfp);
}

static inline void *kzalloc_node(size_t size, gfp_t gfp, int node)
{
	return ps_alloc(size, gfp | __GFP_ZERO);
}

static inline void *kvmalloc(size_t size, gfp_t gfp)
{
	return ps_alloc(size, gfp);
}

static inline void *kvzalloc(size_t size, gfp_t gfp)
{
	return ps_alloc(size, gfp | __GFP_ZERO);
}

static inline void *kvmalloc_node(size_t size, gfp_t gfp, int node)
{
	return ps_alloc(size, gfp);
}

static inline void *kvcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kcalloc(n, size, gfp);
}

static inline void *kvmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp);
}

static inline void kfree(const void *p)
{
	ps_free(p);
}

static inline void kvfree(const void *p)
{
	ps_free(p);
}

#endif /* _PS_USER_LINUX_SLAB_H */
