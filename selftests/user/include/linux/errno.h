/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: error numbers.  The C library includes this file
 * (as the UAPI <linux/errno.h>), so it takes them from <asm/errno.h>.
 */
#ifndef _PS_USER_LINUX_ERRNO_H
#define _PS_USER_LINUX_ERRNO_H

#include <asm/errno.h>

#ifndef ENOTSUPP
#define ENOTSUPP	524
#endif

#endif /* _PS_USER_LINUX_ERRNO_H */
