/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: bitmaps, see <linux/bitops.h>. */
#ifndef _PS_USER_LINUX_BITMAP_H
#define _PS_USER_LINUX_BITMAP_H

#include <linux/bitops.h>

#endif /* _PS_USER_LINUX_BITMAP_H */
