/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The users of a pool in user_bench, compiled once per pool so that every
 * pop and push is the pool's own inline fast path, never an indirect
 * call.  The including unit defines, before including this:
 *   UB_POOL_T          the pool type
 *   ub_pop(pool)       -> struct ub_obj * or NULL
 *   ub_push(obj, pool) give a popped struct ub_obj * back
 * and gets ub_worker(), ub_pop_empty(), ub_drain(), ub_hold() and
 * ub_unhold().
 */
#ifndef _UB_LOOPS_H
#define _UB_LOOPS_H

#include <stdlib.h>

#include "ub.h"

/* Publish the counters of @c now and then: the driver samples them. */
static inline void ub_count(struct ub_cpu *c, unsigned long ops,
			    unsigned long misses)
{
	WRITE_ONCE(c->ops, ops);
	WRITE_ONCE(c->misses, misses);
}

static void ub_worker_sync(struct ub_cpu *c, UB_POOL_T *pool)
{
	unsigned long ops = 0, misses = 0;
	struct ub_obj *o;

	while (!READ_ONCE(*c->stop)) {
		o = ub_pop(pool);
		if (likely(o)) {
			o->refs++;
			ub_push(o, pool);
			ops++;
		} else {
			misses++;
		}
		ub_count(c, ops, misses);
	}
}

/* Pop @bulk objects, then push them all back. */
static void ub_worker_bulk(struct ub_cpu *c, UB_POOL_T *pool, int bulk)
{
	struct ub_obj *objs[UB_OVERRUN_BULK];
	unsigned long ops = 0, misses = 0;
	int i;

	while (!READ_ONCE(*c->stop)) {
		for (i = 0; i < bulk; i++)
			objs[i] = ub_pop(pool);
		for (i = 0; i < bulk; i++) {
			if (objs[i]) {
				objs[i]->refs++;
				ub_push(objs[i], pool);
				ops++;
			} else {
				misses++;
			}
		}
		ub_count(c, ops, misses);
	}
}

/* Push back every object waiting in our mailbox. */
static void ub_mailbox_drain(struct ub_cpu *c, UB_POOL_T *pool)
{
	struct ub_mailbox *mb = c->mbox;
	unsigned long head = mb->head;
	/* acquire: pairs with the sender's release of tail */
	unsigned long tail = smp_load_acquire(&mb->tail);

	for (; head != tail; head++)
		ub_push(mb->objs[head % UB_MAILBOX], pool);
	/* release: our reads of the slots before the sender reuses them */
	smp_store_release(&mb->head, head);
}

/*
 * Hand @o to the next CPU; push it ourselves when it has not taken our
 * last batch yet (so that a descheduled receiver cannot hold most of the
 * pool's objects).
 */
static void ub_mailbox_send(struct ub_cpu *c, UB_POOL_T *pool,
			    struct ub_obj *o)
{
	struct ub_mailbox *mb = c->next;
	unsigned long tail = mb->tail;

	/* acquire: pairs with the receiver's release of head */
	if (tail - smp_load_acquire(&mb->head) >= UB_ASYNC_BATCH) {
		ub_push(o, pool);
		return;
	}
	mb->objs[tail % UB_MAILBOX] = o;
	/* release: the slot before the receiver sees it */
	smp_store_release(&mb->tail, tail + 1);
}

/*
 * Async: objects popped on this CPU are pushed back on the next one,
 * UB_ASYNC_BATCH at a time, as objects freed from another context.
 */
static void ub_worker_async(struct ub_cpu *c, UB_POOL_T *pool)
{
	struct ub_obj *objs[UB_ASYNC_BATCH];
	unsigned long ops = 0, misses = 0;
	int i;

	while (!READ_ONCE(*c->stop)) {
		for (i = 0; i < UB_ASYNC_BATCH; i++) {
			objs[i] = ub_pop(pool);
			if (objs[i]) {
				objs[i]->refs++;
				ops++;
			} else {
				misses++;
			}
		}
		for (i = 0; i < UB_ASYNC_BATCH; i++)
			if (objs[i])
				ub_mailbox_send(c, pool, objs[i]);
		ub_mailbox_drain(c, pool);
		ub_count(c, ops, misses);
	}
}

static void ub_worker(struct ub_cpu *c)
{
	UB_POOL_T *pool = c->pool;

	switch (c->cs) {
	case UB_SYNC:
		ub_worker_sync(c, pool);
		break;
	case UB_BATCH_CASE:
		ub_worker_bulk(c, pool, UB_BATCH);
		break;
	case UB_OVERRUN:
		ub_worker_bulk(c, pool, UB_OVERRUN_BULK);
		break;
	case UB_ASYNC:
		ub_worker_async(c, pool);
		break;
	default:
		break;
	}
}

static unsigned long ub_pop_empty(void *p, unsigned long n)
{
	UB_POOL_T *pool = p;
	unsigned long found = 0;

	while (n--)
		found += !!ub_pop(pool);
	return found;
}

static int ub_drain(void *p)
{
	UB_POOL_T *pool = p;
	int n = 0;

	while (ub_pop(pool))
		n++;
	return n;
}

static void **ub_hold(void *p, int *n)
{
	UB_POOL_T *pool = p;
	void **objs = NULL;
	struct ub_obj *o;
	int max = 0;

	*n = 0;
	while ((o = ub_pop(pool))) {
		if (*n == max) {
			max = max ? 2 * max : 64;
			objs = realloc(objs, max * sizeof(*objs));
		}
		objs[(*n)++] = o;
	}
	return objs;
}

static void ub_unhold(void *p, void **objs, int n)
{
	UB_POOL_T *pool = p;

	while (n--)
		ub_push(objs[n], pool);
	free(objs);
}

#endif /* _UB_LOOPS_H */
