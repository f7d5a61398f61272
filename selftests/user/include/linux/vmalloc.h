/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: vmalloc() and friends, on the allocator of slab.h. */
#ifndef _PS_USER_LINUX_VMALLOC_H
#define _PS_USER_LINUX_VMALLOC_H

#include <linux/slab.h>

static inline void *vmalloc(unsigned long size)
{
	return ps_alloc(size, GFP_KERNEL);
}

static inline void *__vmalloc_node(unsigned long size, unsigned long align,
				   gfp_t gfp, int node, const void *caller)
{
	return ps_alloc(size, gfp);
}

static inline void vfree(const void *p)
{
	ps_free(p);
}

#endif /* _PS_USER_LINUX_VMALLOC_H */
