/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objpool_bench: what the bench core (objpool_bench.c) and the pools
 * (pool_*.c, one compilation unit per pool so that each includes only its
 * own header) share.
 */
#ifndef _OBJPOOL_BENCH_H
#define _OBJPOOL_BENCH_H

#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/llist.h>
#include <linux/sched.h>
#include <linux/types.h>

/* Size of every object, in every pool: about a kretprobe instance. */
#define PB_OBJ_SIZE		64
/* Objects each user holds at once in the overrun case. */
#define PB_OVERRUN_BULK		16
/* Objects the hrtimer user pops, then pushes, on each expiry. */
#define PB_TIMER_BULK		4
#define PB_TIMER_PERIOD_NS	(1000 * 1000)
/* Async case: objects queued before the irq_work is raised. */
#define PB_ASYNC_BATCH		4

enum pb_case { PB_SYNC, PB_ASYNC, PB_OVERRUN, PB_EMPTY };

/**
 * struct pb_obj - the start of every object handed out by a pool
 * @async: async case: link in the per-CPU list the irq_work pushes back;
 *         empty case: link in the list of objects held out of the pool
 * @refs:  bumped on every pop, as a user writes to what it takes
 */
struct pb_obj {
	struct llist_node async;
	unsigned long refs;
};

/**
 * struct pb_stats - what one user of a pool counted
 * @ops:    successful pops (each followed by a push)
 * @misses: pops that found the pool empty
 */
struct pb_stats {
	u64 ops;
	u64 misses;
};

struct pb_run;
struct pb_pool;

/**
 * struct pb_cpu - state of a run on one CPU
 * @run:         the run
 * @pool:        the pool, as the pool's unit created it
 * @task:        the worker kthread bound to this CPU
 * @async_list:  async case: popped objects waiting to be pushed back
 * @async_work:  async case: pushes @async_list back, in hardirq context
 * @async_queued: async case: objects queued since the last irq_work raise
 * @timer:       the hrtimer user, when the case has one
 * @worker:      counted by the worker kthread
 * @timer_stats: counted by the hrtimer user
 * @ns:          how long the worker ran
 */
struct pb_cpu {
	struct pb_run *run;
	void *pool;
	struct task_struct *task;
	struct llist_head async_list;
	struct irq_work async_work;
	unsigned int async_queued;
	struct hrtimer timer;
	struct pb_stats worker;
	struct pb_stats timer_stats;
	u64 ns;
};

/**
 * struct pb_run - one run of one case on one pool
 * @ops:     the pool implementation
 * @cs:      the case
 * @hrtimer: whether each worker CPU also has an hrtimer user
 * @stop:    set when the time is up; workers poll it
 */
struct pb_run {
	const struct pb_pool *ops;
	enum pb_case cs;
	bool hrtimer;
	bool stop;
};

/**
 * struct pb_pool - a pool implementation under test
 * @name:      what the user writes to select it
 * @create:    make a pool of @nr_objs objects of PB_OBJ_SIZE bytes, or
 *             return an ERR_PTR()
 * @destroy:   free a pool whose objects may be in it or not
 * @worker:    the worker loop of a run, until @c->run->stop
 * @timer:     one expiry of the hrtimer user
 * @async:     the irq_work function of the async case
 * @drain:     pop every object left, return how many (after a run)
 * @take_all:  empty case: pop every object onto @held before a run,
 *             return how many; NULL for a pool that cannot be emptied
 * @give_back: empty case: push every object on @held back after a run
 * @mem_bytes: bytes of the pool for @nr_objs objects (rings or list
 *             heads in @rings, objects in @objs), or -errno
 */
struct pb_pool {
	const char *name;
	void *(*create)(int nr_objs);
	void (*destroy)(void *pool);
	void (*worker)(struct pb_cpu *c);
	void (*timer)(struct pb_cpu *c);
	void (*async)(struct irq_work *work);
	int (*drain)(void *pool);
	int (*take_all)(void *pool, struct llist_head *held);
	void (*give_back)(void *pool, struct llist_head *held);
	int (*mem_bytes)(int nr_objs, size_t *rings, size_t *objs);
};

extern const struct pb_pool pb_pool_ours;
extern const struct pb_pool pb_pool_freelist;
extern const struct pb_pool pb_pool_upstream;
extern const struct pb_pool pb_pool_none;

#endif /* _OBJPOOL_BENCH_H */
