// SPDX-License-Identifier: GPL-2.0
/*
 * user_bench: upstream's objpool (lib/objpool.c and <linux/objpool.h> of
 * Linux 6.12, extracted from linux-source-6.12 into the build directory
 * by the Makefile).  Its interrupt disabling is a compiler barrier here
 * (see the layer's <linux/irqflags.h>).
 */
#include <linux/gfp.h>
#include <linux/objpool.h>

#define UB_OBJPOOL_NAME	"upstream"
#define UB_OBJPOOL_VAR	ub_pool_upstream
#include "ub_objpool.h"
