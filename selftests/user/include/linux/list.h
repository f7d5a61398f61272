/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: the doubly linked lists of <linux/list.h>. */
#ifndef _PS_USER_LINUX_LIST_H
#define _PS_USER_LINUX_LIST_H

#include <linux/compiler.h>

struct list_head {
	struct list_head *next, *prev;
};

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

static inline void __list_del_entry(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
}

/* poisons the links, so that a use after list_del() crashes */
static inline void list_del(struct list_head *entry)
{
	__list_del_entry(entry);
	entry->next = (struct list_head *)0x100;
	entry->prev = (struct list_head *)0x122;
}

static inline void list_move(struct list_head *list, struct list_head *head)
{
	__list_del_entry(list);
	list_add(list, head);
}

static inline void list_move_tail(struct list_head *list,
				  struct list_head *head)
{
	__list_del_entry(list);
	list_add_tail(list, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return READ_ONCE(head->next) == head;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) \
	list_entry(ps_list_first(ptr), type, member)
#define list_last_entry(ptr, type, member) \
	list_entry(ps_list_last(ptr), type, member)

static inline struct list_head *ps_list_first(const struct list_head *head)
{
	return head->next;
}

static inline struct list_head *ps_list_last(const struct list_head *head)
{
	return head->prev;
}

/**
 * struct ps_list_iter - state of list_for_each_entry_safe()
 * @head: the list
 * @next: the node after the current one, read before the loop body runs
 * @offset: of the list_head member in an entry
 * @n: the caller's cursor for the entry after the current one
 */
struct ps_list_iter {
	struct list_head *head;
	struct list_head *next;
	size_t offset;
	void **n;
};

static inline struct ps_list_iter ps_list_iter(struct list_head *head,
					       size_t offset, void **n)
{
	return (struct ps_list_iter){ head, head->next, offset, n };
}

/*
 * The entry of the next node into *@pos, and of the one after it into
 * the caller's cursor: the loop body may delete *@pos.
 */
static inline bool ps_list_iter_next(struct ps_list_iter *it, void **pos)
{
	struct list_head *node = it->next;

	if (node == it->head)
		return false;
	it->next = node->next;
	*pos = (char *)node - it->offset;
	*it->n = (char *)it->next - it->offset;
	return true;
}

#define list_for_each_entry_safe(pos, n, head, member)			\
	for (struct ps_list_iter __ps_it =				\
		ps_list_iter((head), offsetof(__typeof__(pos[0]), member), \
			     (void **)&(n));				\
	     ps_list_iter_next(&__ps_it, (void **)&(pos));)

#endif /* _PS_USER_LINUX_LIST_H */
