/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: allocation flags.  Only __GFP_ZERO changes what the
 * allocators do; the others exist so that callers compile, and name
 * distinct bits so that a caller testing them sees them.
 */
#ifndef _PS_USER_LINUX_GFP_H
#define _PS_USER_LINUX_GFP_H

#include <linux/types.h>

#define __GFP_ZERO		((__force gfp_t)0x001u)
#define __GFP_NOWARN		((__force gfp_t)0x002u)
#define __GFP_ACCOUNT		((__force gfp_t)0x004u)
#define __GFP_DIRECT_RECLAIM	((__force gfp_t)0x008u)
#define __GFP_KSWAPD_RECLAIM	((__force gfp_t)0x010u)
#define __GFP_IO		((__force gfp_t)0x020u)
#define __GFP_FS		((__force gfp_t)0x040u)
#define __GFP_HIGH		((__force gfp_t)0x080u)
#define __GFP_NORETRY		((__force gfp_t)0x100u)
#define __GFP_RETRY_MAYFAIL	((__force gfp_t)0x200u)
#define __GFP_NOFAIL		((__force gfp_t)0x400u)
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC		(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)

/* whether an allocation with @gfp may sleep */
static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & __GFP_DIRECT_RECLAIM;
}

#endif /* _PS_USER_LINUX_GFP_H */
