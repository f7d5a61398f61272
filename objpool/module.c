// SPDX-License-Identifier: GPL-2.0
/*
 * Module wrapper of the out-of-tree objpool build.  In a kernel tree
 * lib/objpool.c is built in and needs none of this.
 */
#include <linux/module.h>

MODULE_DESCRIPTION("objpool: lock-less pool of pre-allocated objects (probescale)");
MODULE_LICENSE("GPL");
