/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: memcpy(), memset(), memcmp(). */
#ifndef _PS_USER_LINUX_STRING_H
#define _PS_USER_LINUX_STRING_H

#include <string.h>

#endif /* _PS_USER_LINUX_STRING_H */
