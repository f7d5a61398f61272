/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out-of-tree build only (forced in by objpool/Kbuild with -include):
 * give every global identifier of objpool.h a name of its own, so that
 * objpool.ko loads next to a kernel's own objpool (Linux 6.7 and later,
 * or a 6.1 tree with the probescale patches) without a symbol clash.
 * objpool.h and objpool.c are never edited for this.
 *
 * If the kernel has <linux/objpool.h>, it is included here first, under
 * its own names, and its include guard and macros are dropped so that our
 * objpool.h is read in full afterwards.  Code built with this header must
 * not use the kernel's objpool through headers included after it (such
 * as <linux/rethook.h> or <linux/kprobes.h> on those kernels): the names
 * below would rename what those headers refer to.
 */
#ifndef _PROBESCALE_OOT_NAMES_H
#define _PROBESCALE_OOT_NAMES_H

/* defined by objpool/Kbuild when the kernel has include/linux/objpool.h */
#ifdef OBJPOOL_OOT_KERNEL_HAS_OBJPOOL
#include <linux/objpool.h>
#undef _LINUX_OBJPOOL_H
#undef OBJPOOL_NR_OBJECT_MAX
#undef OBJPOOL_OBJECT_SIZE_MAX
#undef OBJPOOL_RING_MIN
#undef OBJPOOL_F_DEBUG
#undef OBJPOOL_F_FINI_BIT
#undef OBJPOOL_F_FINI
#endif

/* types */
#define objpool_head		probescale_objpool_head
#define objpool_slot		probescale_objpool_slot
#define objpool_cell		probescale_objpool_cell
#define objpool_init_obj_cb	probescale_objpool_init_obj_cb
#define objpool_fini_cb		probescale_objpool_fini_cb

/* exported functions */
#define objpool_init		probescale_objpool_init
#define objpool_fini		probescale_objpool_fini
#define objpool_drop		probescale_objpool_drop
#define objpool_free		probescale_objpool_free
#define objpool_ring_bytes	probescale_objpool_ring_bytes
#define objpool_obj_bytes	probescale_objpool_obj_bytes
#define __objpool_pop_slow	__probescale_objpool_pop_slow
#define __objpool_push_slow	__probescale_objpool_push_slow
#define __objpool_push_checked	__probescale_objpool_push_checked
#define __objpool_debug_popped	__probescale_objpool_debug_popped

/* static inline functions */
#define objpool_pop		probescale_objpool_pop
#define objpool_push		probescale_objpool_push
#define __objpool_try_pop	__probescale_objpool_try_pop
#define __objpool_try_push	__probescale_objpool_try_push

#endif /* _PROBESCALE_OOT_NAMES_H */
