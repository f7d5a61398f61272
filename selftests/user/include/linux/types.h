/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: the kernel's basic types and annotations, for
 * compiling objpool and the XOL cache unchanged in user space.
 */
#ifndef _PS_USER_LINUX_TYPES_H
#define _PS_USER_LINUX_TYPES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/cdefs.h>	/* __always_inline */
#include <sys/types.h>

#define __bitwise
#define __rcu
#define __force
#define notrace

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned int __bitwise gfp_t;

/* the counter of an atomic_t; only ever accessed with __atomic builtins */
typedef struct { int counter; } atomic_t;
typedef struct { s64 counter; } atomic_long_t;

#endif /* _PS_USER_LINUX_TYPES_H */
