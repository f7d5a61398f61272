/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: RCU with a real grace period.  Each thread that
 * reads registers a counter, odd inside an outermost read-side section.
 * synchronize_rcu() waits until every counter it saw odd has changed.
 * kfree_rcu() queues the object; a reclaimer thread frees queued objects
 * after a grace period, and rcu_barrier() frees all of them now.  A
 * reader that uses an object after its grace period is then a
 * use-after-free that ASan reports.
 */
#ifndef _PS_USER_LINUX_RCUPDATE_H
#define _PS_USER_LINUX_RCUPDATE_H

#include <linux/compiler.h>

struct rcu_head {
	struct rcu_head	*next;
	void		*obj;
};

struct ps_rcu_reader {
	unsigned long	ctr;
	int		nest;
	bool		registered;
};

extern __thread struct ps_rcu_reader ps_rcu_me;
void ps_rcu_register(void);
void synchronize_rcu(void);
void rcu_barrier(void);
void ps_kfree_rcu(struct rcu_head *head, void *obj);

static inline void rcu_read_lock(void)
{
	if (unlikely(!ps_rcu_me.registered))
		ps_rcu_register();
	if (ps_rcu_me.nest++)
		return;
	WRITE_ONCE(ps_rcu_me.ctr, ps_rcu_me.ctr + 1);
	/*
	 * Full barrier: the odd counter is visible before any read of the
	 * section; pairs with the smp_mb() of synchronize_rcu() between
	 * the updater's unpublish and its read of this counter (store
	 * buffering: the reader sees the new pointer gone, or the updater
	 * sees the reader and waits).
	 */
	smp_mb();
}

static inline void rcu_read_unlock(void)
{
	if (--ps_rcu_me.nest)
		return;
	/*
	 * Release: every read of the section happens before the even
	 * counter is seen; pairs with the acquire load in synchronize_rcu().
	 */
	smp_store_release(&ps_rcu_me.ctr, ps_rcu_me.ctr + 1);
}

/* rcu_assign_pointer(): publish an initialised object, a release store */
#define rcu_assign_pointer(p, v)	smp_store_release(&(p), (v))
/* RCU_INIT_POINTER(): NULL or an already published object, no ordering */
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE((p), (v))
/*
 * rcu_dereference(): an address dependency orders the reads through the
 * pointer in the kernel; C11 and TSAN know no dependency ordering, so
 * this is an acquire load (LDAR on arm64, a plain MOV on x86).
 */
#define rcu_dereference(p)		__atomic_load_n(&(p), __ATOMIC_ACQUIRE)
#define rcu_dereference_protected(p, c)	READ_ONCE(p)
#define rcu_access_pointer(p)		READ_ONCE(p)
/* RCU_INITIALIZER(): a plain pointer as an __rcu one; no address spaces here */
#define RCU_INITIALIZER(v)		(v)

/* the rcu_head in @ptr links it; the object starts at the pointer */
#define kfree_rcu(ptr, field)						\
({									\
	__typeof__(ptr) __ps_obj = (ptr);				\
	ps_kfree_rcu(&(*__ps_obj).field, __ps_obj);			\
})

#endif /* _PS_USER_LINUX_RCUPDATE_H */
