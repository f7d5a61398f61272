/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out-of-tree build only (forced into every file of uprobes-xol/ by its
 * Kbuild): give the exported functions of the XOL slot cache names of
 * their own, so that xol_cache.ko and its KUnit suite also load on a
 * kernel that has the cache built in (a 6.1 tree with the probescale
 * uprobes-xol patches).  The sources are never edited for this.
 *
 * Such a kernel's <linux/uprobes.h> includes its own
 * <linux/uprobes_xol_cache.h>, the same file as ours: whichever comes
 * first is read, its include guard keeps the other out, and the types
 * are the same.  The names below apply to both.
 */
#ifndef _PROBESCALE_XOL_OOT_NAMES_H
#define _PROBESCALE_XOL_OOT_NAMES_H

#define xol_cache_area_init	probescale_xol_cache_area_init
#define xol_cache_area_put	probescale_xol_cache_area_put
#define xol_cache_area_drop	probescale_xol_cache_area_drop
#define xol_cache_area_stat	probescale_xol_cache_area_stat
#define xol_cache_total_stat	probescale_xol_cache_total_stat
#define xol_cache_get		probescale_xol_cache_get
#define xol_cache_put		probescale_xol_cache_put
#define xol_cache_flush		probescale_xol_cache_flush

#endif /* _PROBESCALE_XOL_OOT_NAMES_H */
