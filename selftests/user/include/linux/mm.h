/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: what objpool takes from <linux/mm.h>: kvmalloc() and friends. */
#ifndef _PS_USER_LINUX_MM_H
#define _PS_USER_LINUX_MM_H

#include <linux/slab.h>

#endif /* _PS_USER_LINUX_MM_H */
