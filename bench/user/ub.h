/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user_bench: object pools on real CPUs.  What the driver (main.c) and
 * the pools (pool_*.c, one unit per pool so that each includes only its
 * own header) share.  A "CPU" is a thread that owns a CPU number and is
 * pinned to a host CPU (selftests/user's layer provides the kernel
 * interfaces the pools use).
 */
#ifndef _UB_H
#define _UB_H

#include <linux/types.h>

/* Size of every object, in every pool: about a kretprobe instance. */
#define UB_OBJ_SIZE		64
/* Objects a user holds at once in the batch case. */
#define UB_BATCH		4
/* Objects a user holds at once in the overrun case. */
#define UB_OVERRUN_BULK		16
/* Objects handed to the next CPU at once in the async case. */
#define UB_ASYNC_BATCH		4
/* Slots of a CPU's mailbox in the async case (a power of two). */
#define UB_MAILBOX		64

enum ub_case { UB_SYNC, UB_BATCH_CASE, UB_OVERRUN, UB_ASYNC, UB_NR_CASES };

/**
 * struct ub_obj - the start of every object handed out by a pool
 * @refs: bumped on every pop, as a user writes to what it takes
 */
struct ub_obj {
	unsigned long refs;
};

/**
 * struct ub_mailbox - objects handed to a CPU in the async case
 * @head: next slot the owner takes (written by the owner only)
 * @tail: next slot the sender fills (written by the sender only)
 * @objs: the objects
 *
 * One sender, one receiver: tail is published with a release store
 * after the slot, head with a release store after reading the slot.
 */
struct ub_mailbox {
	unsigned long head __aligned(64);
	unsigned long tail __aligned(64);
	struct ub_obj *objs[UB_MAILBOX];
};

/**
 * struct ub_cpu - one CPU of a run
 * @ops: successful pops, updated as the run goes (read by the driver)
 * @misses: pops that found the pool empty
 * @pool: the pool
 * @cs: the case
 * @stop: points to the run's stop flag
 * @mbox: this CPU's mailbox (async case)
 * @next: the mailbox of the CPU this one hands objects to (async case)
 */
struct ub_cpu {
	unsigned long ops __aligned(64);
	unsigned long misses;
	void *pool;
	enum ub_case cs;
	int *stop;
	struct ub_mailbox *mbox;
	struct ub_mailbox *next;
};

/**
 * struct ub_pool - a pool implementation under test
 * @name: as the user selects it
 * @create: a pool of @nr_objs objects of UB_OBJ_SIZE bytes, or NULL
 * @destroy: free a pool, wherever its objects are
 * @worker: the loop of a CPU, until *@c->stop
 * @pop_empty: pop @n times from a pool that holds no object; return the
 *	       number of those pops that found one (0)
 * @drain: pop every object left, on the current CPU; return how many
 * @hold: pop every object and keep them out (for @pop_empty)
 * @unhold: push back what @hold took
 */
struct ub_pool {
	const char *name;
	void *(*create)(int nr_objs);
	void (*destroy)(void *pool);
	void (*worker)(struct ub_cpu *c);
	unsigned long (*pop_empty)(void *pool, unsigned long n);
	int (*drain)(void *pool);
	void **(*hold)(void *pool, int *n);
	void (*unhold)(void *pool, void **objs, int n);
};

extern const struct ub_pool ub_pool_ours;
extern const struct ub_pool ub_pool_freelist;
extern const struct ub_pool ub_pool_upstream;

#endif /* _UB_H */
