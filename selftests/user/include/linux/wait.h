/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: wait queues on a mutex and a condition variable.
 * A waiter counts itself in @waiters, issues the barrier of
 * set_current_state() and checks its condition again under the mutex
 * before it sleeps; wake_up() broadcasts under the mutex.  A waiter that
 * sleeps a second without being woken while its condition holds has
 * missed a wake-up: that warns (a test failure).
 */
#ifndef _PS_USER_LINUX_WAIT_H
#define _PS_USER_LINUX_WAIT_H

#include <pthread.h>
#include <linux/bug.h>

/* @waiters and @wakes are u32 so that checkpatch accepts this typedef */
typedef struct { pthread_mutex_t lock; pthread_cond_t cond; u32 waiters, wakes; } wait_queue_head_t;

void init_waitqueue_head(wait_queue_head_t *wq);
void wake_up(wait_queue_head_t *wq);
/* lock, count ourselves as a waiter, smp_mb() */
void ps_wait_prepare(wait_queue_head_t *wq);
/*
 * Sleep until woken or a second passed: false when no wake_up() began
 * in that time (@wakes did not move).
 */
bool ps_wait_sleep(wait_queue_head_t *wq);
/* stop counting ourselves, unlock */
void ps_wait_finish(wait_queue_head_t *wq);

/*
 * Whether anyone waits: the caller's full barrier before it pairs with
 * the one in ps_wait_prepare(), as in the kernel.
 */
static inline bool waitqueue_active(wait_queue_head_t *wq)
{
	return READ_ONCE(wq->waiters);
}

/* @cond is evaluated once per check: it may take something, as a slot */
#define wait_event(wq, cond)						\
do {									\
	wait_queue_head_t *__ps_wq = &(wq);				\
	bool __ps_woken = true;						\
	ps_wait_prepare(__ps_wq);					\
	for (;;) {							\
		if (cond) {						\
			WARN_ONCE(!__ps_woken,				\
				  "wait_event: missed wake-up (%s)\n",	\
				  #cond);				\
			break;						\
		}							\
		__ps_woken = ps_wait_sleep(__ps_wq);			\
	}								\
	ps_wait_finish(__ps_wq);					\
} while (0)

/* Nothing kills a test thread: always 0. */
#define wait_event_killable(wq, cond)					\
({									\
	wait_event((wq), (cond));					\
	0;								\
})

#endif /* _PS_USER_LINUX_WAIT_H */
