// SPDX-License-Identifier: GPL-2.0
/*
 * User-space layer: RCU grace periods and kfree_rcu(), see
 * <linux/rcupdate.h>.
 */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <linux/bug.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#define PS_RCU_MAX_READERS	1024

__thread struct ps_rcu_reader ps_rcu_me;

static struct ps_rcu_reader *readers[PS_RCU_MAX_READERS];
static unsigned int nr_readers;
static pthread_mutex_t readers_lock = PTHREAD_MUTEX_INITIALIZER;

/* objects waiting for a grace period, and the reclaimer that frees them */
static struct rcu_head *pending;
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
/* held while a batch waits for its grace period and is freed */
static pthread_mutex_t batch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t reclaimer_once = PTHREAD_ONCE_INIT;

static pthread_key_t reader_key;
static pthread_once_t reader_key_once = PTHREAD_ONCE_INIT;

/* At thread exit, outside any read-side section: forget its counter. */
static void ps_rcu_unregister(void *p)
{
	unsigned int i;

	pthread_mutex_lock(&readers_lock);
	for (i = 0; i < nr_readers; i++) {
		if (readers[i] == p) {
			readers[i] = readers[--nr_readers];
			break;
		}
	}
	pthread_mutex_unlock(&readers_lock);
}

static void reader_key_create(void)
{
	PS_REQUIRE(!pthread_key_create(&reader_key, ps_rcu_unregister));
}

void ps_rcu_register(void)
{
	pthread_once(&reader_key_once, reader_key_create);
	pthread_mutex_lock(&readers_lock);
	PS_REQUIRE(nr_readers < PS_RCU_MAX_READERS);
	readers[nr_readers++] = &ps_rcu_me;
	ps_rcu_me.registered = true;
	pthread_mutex_unlock(&readers_lock);
	PS_REQUIRE(!pthread_setspecific(reader_key, &ps_rcu_me));
}

void synchronize_rcu(void)
{
	unsigned int i;

	/*
	 * Full barrier: whatever the caller unpublished is visible before
	 * we read the counters; pairs with the smp_mb() of rcu_read_lock().
	 */
	smp_mb();
	pthread_mutex_lock(&readers_lock);
	for (i = 0; i < nr_readers; i++) {
		/* acquire: pairs with the release of rcu_read_unlock() */
		unsigned long c = smp_load_acquire(&readers[i]->ctr);

		if (!(c & 1))
			continue;
		/* acquire, as above */
		while (smp_load_acquire(&readers[i]->ctr) == c)
			sched_yield();
	}
	pthread_mutex_unlock(&readers_lock);
	/* the frees that follow come after the readers' last accesses */
	smp_mb();
}

/* Wait for a grace period, then free everything queued before it began. */
static void reclaim_batch(void)
{
	struct rcu_head *head, *next;

	pthread_mutex_lock(&batch_lock);
	pthread_mutex_lock(&pending_lock);
	head = pending;
	pending = NULL;
	pthread_mutex_unlock(&pending_lock);
	if (head) {
		synchronize_rcu();
		for (; head; head = next) {
			next = head->next;
			kfree(head->obj);
		}
	}
	pthread_mutex_unlock(&batch_lock);
}

static void *reclaimer(void *arg)
{
	for (;;) {
		usleep(1000);
		reclaim_batch();
	}
	return NULL;
}

static void reclaimer_start(void)
{
	pthread_t t;

	PS_REQUIRE(!pthread_create(&t, NULL, reclaimer, NULL));
	pthread_detach(t);
}

void ps_kfree_rcu(struct rcu_head *head, void *obj)
{
	pthread_once(&reclaimer_once, reclaimer_start);
	head->obj = obj;
	pthread_mutex_lock(&pending_lock);
	head->next = pending;
	pending = head;
	pthread_mutex_unlock(&pending_lock);
}

void rcu_barrier(void)
{
	/* the reclaimer's batch in flight, if any, then what is left */
	reclaim_batch();
	reclaim_batch();
}
