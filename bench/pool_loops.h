/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The users of a pool in the objpool bench, compiled once per pool so
 * that every pop and push is the pool's own inline fast path, never an
 * indirect call.  The including unit defines, before including this:
 *   PB_POOL_T          the pool type
 *   pb_pop(pool)       -> struct pb_obj * or NULL
 *   pb_push(obj, pool) give a popped struct pb_obj * back
 * and gets pb_worker(), pb_timer(), pb_async() and, unless it defines
 * PB_POOL_NO_DRAIN, pb_drain(), pb_take_all() and pb_give_back() for its
 * struct pb_pool.
 */
#ifndef _POOL_LOOPS_H
#define _POOL_LOOPS_H

#include <linux/irq_work.h>
#include <linux/kernel.h>
#include <linux/llist.h>
#include <linux/sched.h>

#include "objpool_bench.h"

/* Hardirq context, on the CPU of @work: push back what the worker queued. */
static void pb_async(struct irq_work *work)
{
	struct pb_cpu *c = container_of(work, struct pb_cpu, async_work);
	struct llist_node *n = llist_del_all(&c->async_list);
	struct pb_obj *o, *tmp;

	llist_for_each_entry_safe(o, tmp, n, async)
		pb_push(o, (PB_POOL_T *)c->pool);
}

/* Hardirq context: the hrtimer user takes a few objects and gives them back. */
static void pb_timer(struct pb_cpu *c)
{
	PB_POOL_T *pool = c->pool;
	struct pb_obj *objs[PB_TIMER_BULK];
	int i;

	for (i = 0; i < PB_TIMER_BULK; i++)
		objs[i] = pb_pop(pool);
	for (i = 0; i < PB_TIMER_BULK; i++) {
		if (objs[i]) {
			objs[i]->refs++;
			pb_push(objs[i], pool);
			c->timer_stats.ops++;
		} else {
			c->timer_stats.misses++;
		}
	}
}

static void pb_worker_sync(struct pb_cpu *c, PB_POOL_T *pool)
{
	u64 ops = 0, misses = 0;
	struct pb_obj *o;

	while (!READ_ONCE(c->run->stop)) {
		o = pb_pop(pool);
		if (likely(o)) {
			o->refs++;
			pb_push(o, pool);
			ops++;
		} else {
			misses++;
		}
		if (!((ops + misses) & 1023))
			cond_resched();
	}
	c->worker.ops = ops;
	c->worker.misses = misses;
}

static void pb_worker_overrun(struct pb_cpu *c, PB_POOL_T *pool)
{
	struct pb_obj *objs[PB_OVERRUN_BULK];
	u64 ops = 0, misses = 0;
	int i;

	while (!READ_ONCE(c->run->stop)) {
		for (i = 0; i < PB_OVERRUN_BULK; i++)
			objs[i] = pb_pop(pool);
		for (i = 0; i < PB_OVERRUN_BULK; i++) {
			if (objs[i]) {
				objs[i]->refs++;
				pb_push(objs[i], pool);
				ops++;
			} else {
				misses++;
			}
		}
		cond_resched();
	}
	c->worker.ops = ops;
	c->worker.misses = misses;
}

/*
 * Pops here, pushes from the irq_work (hardirq) of this CPU.  The worker
 * is bound to its CPU, so irq_work_queue() raises the work of this CPU.
 */
static void pb_worker_async(struct pb_cpu *c, PB_POOL_T *pool)
{
	u64 ops = 0, misses = 0;
	struct pb_obj *o;

	while (!READ_ONCE(c->run->stop)) {
		o = pb_pop(pool);
		if (likely(o)) {
			o->refs++;
			llist_add(&o->async, &c->async_list);
			ops++;
			if (++c->async_queued == PB_ASYNC_BATCH) {
				c->async_queued = 0;
				irq_work_queue(&c->async_work);
			}
		} else {
			misses++;
		}
		if (!((ops + misses) & 1023))
			cond_resched();
	}
	irq_work_queue(&c->async_work);
	c->worker.ops = ops;
	c->worker.misses = misses;
}

static void pb_worker(struct pb_cpu *c)
{
	PB_POOL_T *pool = c->pool;

	switch (c->run->cs) {
	case PB_SYNC:
	case PB_EMPTY:	/* every pop misses: the pool's objects are held */
		pb_worker_sync(c, pool);
		break;
	case PB_ASYNC:
		pb_worker_async(c, pool);
		break;
	case PB_OVERRUN:
		pb_worker_overrun(c, pool);
		break;
	}
}

#ifndef PB_POOL_NO_DRAIN
/* After a run, with every user gone: how many objects are in the pool. */
static int pb_drain(void *p)
{
	PB_POOL_T *pool = p;
	int n = 0;

	while (pb_pop(pool))
		n++;
	return n;
}

/* Before a run of the empty case: every object out, onto @held. */
static int pb_take_all(void *p, struct llist_head *held)
{
	PB_POOL_T *pool = p;
	struct pb_obj *o;
	int n = 0;

	while ((o = pb_pop(pool))) {
		llist_add(&o->async, held);
		n++;
	}
	return n;
}

/* After a run of the empty case, with every user gone. */
static void pb_give_back(void *p, struct llist_head *held)
{
	struct llist_node *n = llist_del_all(held);
	PB_POOL_T *pool = p;
	struct pb_obj *o, *tmp;

	llist_for_each_entry_safe(o, tmp, n, async)
		pb_push(o, pool);
}
#endif

#endif /* _POOL_LOOPS_H */
