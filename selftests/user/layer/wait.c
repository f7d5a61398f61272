// SPDX-License-Identifier: GPL-2.0
/* User-space layer: wait queues, see <linux/wait.h>. */
#include <errno.h>
#include <time.h>

#include <linux/wait.h>

void init_waitqueue_head(wait_queue_head_t *wq)
{
	pthread_mutex_init(&wq->lock, NULL);
	pthread_cond_init(&wq->cond, NULL);
	wq->waiters = 0;
	wq->wakes = 0;
}

void wake_up(wait_queue_head_t *wq)
{
	__atomic_fetch_add(&wq->wakes, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&wq->lock);
	pthread_cond_broadcast(&wq->cond);
	pthread_mutex_unlock(&wq->lock);
}

void ps_wait_prepare(wait_queue_head_t *wq)
{
	pthread_mutex_lock(&wq->lock);
	WRITE_ONCE(wq->waiters, wq->waiters + 1);
	/*
	 * The barrier of set_current_state(): our count is visible before
	 * the condition is checked; pairs with the waker's full barrier
	 * between its change and waitqueue_active().
	 */
	smp_mb();
}

bool ps_wait_sleep(wait_queue_head_t *wq)
{
	u32 wakes = READ_ONCE(wq->wakes);
	struct timespec until;
	int rc;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec++;
	rc = pthread_cond_timedwait(&wq->cond, &wq->lock, &until);
	/* the barrier of set_current_state() before the next check */
	smp_mb();
	return rc != ETIMEDOUT || READ_ONCE(wq->wakes) != wakes;
}

void ps_wait_finish(wait_queue_head_t *wq)
{
	WRITE_ONCE(wq->waiters, wq->waiters - 1);
	pthread_mutex_unlock(&wq->lock);
}
