/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: a bit of everything, as <linux/kernel.h>. */
#ifndef _PS_USER_LINUX_KERNEL_H
#define _PS_USER_LINUX_KERNEL_H

#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/minmax.h>
#include <linux/types.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* _PS_USER_LINUX_KERNEL_H */
