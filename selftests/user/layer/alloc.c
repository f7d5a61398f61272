// SPDX-License-Identifier: GPL-2.0
/*
 * User-space layer: the allocator behind kmalloc() and kvmalloc(), with
 * failure injection and a count of live allocations.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/slab.h>

long ps_fail_nth;
long ps_live_allocs;
unsigned long ps_allocs;
size_t ps_alloc_bytes;

void *ps_alloc(size_t size, gfp_t gfp)
{
	void *p;

	__atomic_fetch_add(&ps_allocs, 1, __ATOMIC_RELAXED);
	if (READ_ONCE(ps_fail_nth) > 0 &&
	    __atomic_sub_fetch(&ps_fail_nth, 1, __ATOMIC_RELAXED) == 0)
		return NULL;
	/*
	 * Whole cache lines, cache-line aligned, as the kernel's kmalloc()
	 * of 64 bytes or more and kvmalloc() give: without it two CPUs'
	 * rings could share a cache line here and not in a kernel.
	 */
	size = ALIGN(size ? size : 1, SMP_CACHE_BYTES);
	p = aligned_alloc(SMP_CACHE_BYTES, size);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	if (p) {
		__atomic_fetch_add(&ps_live_allocs, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&ps_alloc_bytes, size, __ATOMIC_RELAXED);
	}
	return p;
}

void ps_free(const void *p)
{
	if (!p)
		return;
	__atomic_fetch_sub(&ps_live_allocs, 1, __ATOMIC_RELAXED);
	free((void *)p);
}
