// SPDX-License-Identifier: GPL-2.0
/*
 * Module wrapper of the XOL slot cache for out-of-tree builds: in the
 * kernel, uprobes_xol_cache.c is built in and this file does not exist.
 */
#include <linux/module.h>

MODULE_DESCRIPTION("Per-task cache of uprobes XOL slots");
MODULE_LICENSE("GPL");
