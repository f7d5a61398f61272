/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: the <linux/rbtree.h> interface over a plain,
 * unbalanced binary search tree.  rb_insert_color() does no balancing;
 * the trees of the tests are small, and callers only rely on search
 * order, which is the same.
 */
#ifndef _PS_USER_LINUX_RBTREE_H
#define _PS_USER_LINUX_RBTREE_H

#include <linux/compiler.h>

struct rb_node {
	struct rb_node *rb_parent;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
};

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT			((struct rb_root) { NULL, })
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->rb_parent = parent;
	node->rb_left = NULL;
	node->rb_right = NULL;
	*link = node;
}

static inline void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
}

void rb_erase(struct rb_node *node, struct rb_root *root);

#endif /* _PS_USER_LINUX_RBTREE_H */
