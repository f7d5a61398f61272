/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-task cache of uprobes execute-out-of-line (XOL) slots.
 *
 * A probed instruction that cannot be emulated is single-stepped from a
 * slot of the XOL area, a page shared by all threads of the process.  This
 * cache lets a task keep the slot it used for a breakpoint address and
 * step from it again as long as the slot still holds exactly the bytes to
 * execute, so that the page is written (and, on arm64, the caches are
 * maintained) only when its contents really change.
 *
 * The cache knows nothing about pages or mm: the XOL area provides the few
 * operations below, so that the same code runs on the real area and on the
 * simulated one of the KUnit suite.  See uprobes_xol_cache.c for the rules.
 */
#ifndef _LINUX_UPROBES_XOL_CACHE_H
#define _LINUX_UPROBES_XOL_CACHE_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/wait.h>

/* Longest instruction copy a slot holds (x86: MAX_UINSN_BYTES). */
#define XOL_CACHE_INSN_MAX	16

/*
 * At its bound, with no free slot to grow into, a task recycles its least
 * recently used entry for a new address and puts it at the back of the
 * list; every this many recycles, at the front (bimodal insertion, see
 * xol_cache_miss()).
 */
#define XOL_CACHE_PROMOTE_EVERY	32

struct xol_cache_area;
struct xol_cache_entry;

/**
 * struct xol_cache_area_ops - what the cache needs from an XOL area
 * @take_slot:	Take a free slot and return its number, or -ENOSPC when
 *		every slot is taken.  Must not sleep; it is called from a
 *		wait_event() condition.
 * @free_slot:	Give a slot taken by @take_slot back.  Must not sleep.
 * @write_slot:	Copy @len bytes of instruction into a slot, with whatever
 *		cache maintenance makes them executable.  Only called by the
 *		one holder of the slot.
 * @read_slot:	Read the first @len bytes a slot holds.
 * @release:	Called once the last reference to the area is dropped
 *		(xol_cache_area_put()); frees the area.
 */
struct xol_cache_area_ops {
	int (*take_slot)(struct xol_cache_area *xa);
	void (*free_slot)(struct xol_cache_area *xa, unsigned int slot);
	void (*write_slot)(struct xol_cache_area *xa, unsigned int slot,
			   const void *insn, unsigned int len);
	void (*read_slot)(struct xol_cache_area *xa, unsigned int slot,
			  void *buf, unsigned int len);
	void (*release)(struct xol_cache_area *xa);
};

/**
 * enum xol_cache_stat - counters kept per area and in total
 * @XOL_CACHE_WRITES:	slot writes: the bytes a task needed differed from
 *			what its slot held (each one costs a page write and
 *			cache maintenance)
 * @XOL_CACHE_MISSES:	lookups that found no usable entry and had to find
 *			a slot
 * @XOL_CACHE_RECLAIMS:	slots taken back from idle entries of other tasks
 * @XOL_CACHE_ADOPTIONS: slots taken over, with the bytes they hold, from an
 *			idle entry of another task for the same address
 * @XOL_CACHE_EVICTIONS: entries a task recycled for another address at its
 *			bound, or dropped to reuse their slot
 * @XOL_CACHE_WAITS:	times a task slept because no slot could be found
 * @XOL_CACHE_DROPS:	entries dropped by xol_cache_area_drop()
 * @XOL_CACHE_ALLOCS:	entries allocated
 * @XOL_CACHE_FREES:	entries unlinked and freed (after an RCU grace
 *			period); ALLOCS - FREES is the number of entries
 *			tasks hold now
 * @XOL_CACHE_NR_STATS:	number of counters
 */
enum xol_cache_stat {
	XOL_CACHE_WRITES,
	XOL_CACHE_MISSES,
	XOL_CACHE_RECLAIMS,
	XOL_CACHE_ADOPTIONS,
	XOL_CACHE_EVICTIONS,
	XOL_CACHE_WAITS,
	XOL_CACHE_DROPS,
	XOL_CACHE_ALLOCS,
	XOL_CACHE_FREES,
	XOL_CACHE_NR_STATS
};

/**
 * struct xol_cache_area - cache state shared by all tasks using an area
 * @ops:	the area's operations
 * @owners:	for each slot, the entry that caches it, or NULL; read
 *		under RCU by tasks looking for a slot to reclaim
 * @nr_slots:	number of slots, including reserved ones @take_slot never
 *		returns
 * @insn_max:	longest instruction a slot takes
 * @max_entries: a task's bound: past it, it takes only free slots
 * @hand:	where the next reclaim scan starts (clock hand)
 * @ref:	references: the area's owner, and every attached task cache
 * @wq:		tasks waiting for a slot
 * @stats:	counters, see &enum xol_cache_stat
 *
 * Embedded in the XOL area; set up by xol_cache_area_init().
 */
struct xol_cache_area {
	const struct xol_cache_area_ops	*ops;
	struct xol_cache_entry __rcu	**owners;
	unsigned int			nr_slots;
	unsigned int			insn_max;
	unsigned int			max_entries;
	unsigned int			hand;
	refcount_t			ref;
	wait_queue_head_t		wq;
	atomic_long_t			stats[XOL_CACHE_NR_STATS];
};

/**
 * struct xol_cache - one task's cached slots
 * @area:	the area every entry belongs to, with a reference held;
 *		NULL when the cache is empty and the other fields unset
 * @entries:	entries by breakpoint address
 * @lru:	the same entries, most recently used first
 * @active:	the entry whose slot the task is stepping in, or NULL
 * @nr_entries:	number of entries
 * @hits:	lookups served from the cache
 * @recycles:	entries recycled for another address at the bound
 *
 * Only its task uses it, so none of it is locked.  All-zero memory is a
 * valid empty cache.
 */
struct xol_cache {
	struct xol_cache_area	*area;
	struct rb_root		entries;
	struct list_head	lru;
	struct xol_cache_entry	*active;
	unsigned int		nr_entries;
	unsigned long		hits;
	unsigned long		recycles;
};

int xol_cache_area_init(struct xol_cache_area *xa,
			const struct xol_cache_area_ops *ops,
			unsigned int nr_slots, unsigned int insn_max,
			unsigned int max_entries);
void xol_cache_area_put(struct xol_cache_area *xa);
unsigned int xol_cache_area_drop(struct xol_cache_area *xa,
				 unsigned long start, unsigned long end);
unsigned long xol_cache_area_stat(struct xol_cache_area *xa,
				  enum xol_cache_stat item);
unsigned long xol_cache_total_stat(enum xol_cache_stat item);

int xol_cache_get(struct xol_cache *xc, struct xol_cache_area *xa,
		  unsigned long vaddr, const void *ident,
		  const void *insn, unsigned int len);
void xol_cache_put(struct xol_cache *xc);
void xol_cache_flush(struct xol_cache *xc);

#endif /* _LINUX_UPROBES_XOL_CACHE_H */
