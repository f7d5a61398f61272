// SPDX-License-Identifier: GPL-2.0
/* User-space layer: rb_erase() of the unbalanced tree of <linux/rbtree.h>. */
#include <linux/rbtree.h>

/* make whatever pointed to @old point to @new */
static void replace_child(struct rb_node *old, struct rb_node *new,
			  struct rb_root *root)
{
	struct rb_node *parent = old->rb_parent;

	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
	if (new)
		new->rb_parent = parent;
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *next;

	if (!node->rb_left) {
		replace_child(node, node->rb_right, root);
		return;
	}
	if (!node->rb_right) {
		replace_child(node, node->rb_left, root);
		return;
	}
	/* two children: the successor, leftmost of the right subtree */
	next = node->rb_right;
	while (next->rb_left)
		next = next->rb_left;
	if (next != node->rb_right) {
		replace_child(next, next->rb_right, root);
		next->rb_right = node->rb_right;
		next->rb_right->rb_parent = next;
	}
	replace_child(node, next, root);
	next->rb_left = node->rb_left;
	next->rb_left->rb_parent = next;
}
