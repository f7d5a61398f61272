// SPDX-License-Identifier: GPL-2.0
/*
 * Per-task cache of uprobes execute-out-of-line (XOL) slots.
 *
 * Without it every breakpoint hit that needs a single-step takes the first
 * free slot of the XOL area, copies the instruction into it and frees it
 * after the step, so the page is written on every hit even when one task
 * keeps hitting the same few probes.  Writing code the CPU may have fetched
 * is expensive: on arm64 it needs cache maintenance, and emulators throw
 * away the code they translated from the page.
 *
 * With the cache a task keeps the slot it stepped in, keyed by breakpoint
 * address, and steps from it again.  The rules:
 *
 * 1. The slot is the truth.  A cached slot is reused only after its bytes
 *    have been read back and found equal to the instruction wanted now;
 *    a slot is written only when they differ, whether it comes from the
 *    cache, from the area or from another task.  Nothing about what a
 *    slot holds is trusted: probes come and go (unregister, a new probe at
 *    the same address, another file mapped there), and the comparison
 *    makes all of that safe without the cache having to hear about it.
 *
 * 2. Every slot taken from the area has one holder: the task that took it
 *    and has not published it yet, or the entry that owners[slot] points
 *    to while that entry is IDLE or INSTEP.
 *
 * 3. Entry states, all changes by cmpxchg/xchg:
 *
 *	IDLE    -> INSTEP     owner, on a hit, or recycling the entry
 *	INSTEP  -> IDLE       owner, once the step is over (xol_cache_put())
 *	IDLE    -> RECLAIMED  anyone: the owner evicting or flushing, another
 *	                      task reclaiming or adopting,
 *	                      xol_cache_area_drop()
 *	INSTEP  -> RECLAIMED  owner only, flushing in the middle of a step
 *
 *    RECLAIMED is final.  Whoever moves an entry to RECLAIMED becomes the
 *    holder of its slot and clears owners[slot].  Nobody but the owner
 *    ever takes an INSTEP entry, so a slot is never rewritten under a task
 *    stepping in it.
 *
 * 4. Only the owner links, unlinks and frees its entries; other tasks only
 *    reach them through owners[] under rcu_read_lock(), so entries are
 *    freed with kfree_rcu().  An entry found RECLAIMED is unlinked by its
 *    owner the next time it meets it, and at the latest before the owner
 *    grows past its bound: a miss there first prunes every RECLAIMED entry
 *    (xol_cache_prune()).  So a task's entries outnumber the slots the
 *    area hands out by one at most (uprobes reserves slot 0: never more
 *    than the area's slots), however many addresses it hits once and
 *    loses to range drops.  The owner unpublishes an entry before it
 *    frees it: a claimer clears owners[slot] after its cmpxchg, and the
 *    owner may see RECLAIMED in between (xol_cache_unlink()).  Entries
 *    and owners[] are charged to the memory cgroup of the task that
 *    allocates them.
 *
 * 5. An entry belongs to the area its cache is attached to.  A cache used
 *    with another area (a new mm after exec) is flushed back to the old
 *    area first; the cache holds a reference, so the old area is there.
 *
 * 6. Finding a slot on a miss: first a free slot.  With none left, the
 *    slot of another task's idle entry for the same address, which most
 *    likely holds the right bytes already (adoption): threads hitting the
 *    same probes in a full area hand slots to each other instead of
 *    rewriting them.  A task takes these two even at or past its bound, so
 *    that a task alone in its mm may use the whole area.  Then, at or past
 *    its bound, a task takes no slot from other tasks: it recycles its
 *    least recently used entry: the entry keeps its slot and stays
 *    published, only its address changes, so a task cycling through more
 *    probes than it has slots allocates and frees nothing.  The recycled
 *    entry goes to the back of the LRU list, except for every
 *    XOL_CACHE_PROMOTE_EVERY-th one (see xol_cache_miss()).  Below its
 *    bound a task reclaims an idle entry of another task (second-chance
 *    clock over owners[]), then evicts its own least recently used entry.
 *    Only when all of that fails, holding no slot and no idle entry, does
 *    it sleep, like the area's own slot allocation did: every other slot
 *    is then in a step, and the end of that step (INSTEP -> IDLE) wakes
 *    it.  So more tasks than slots wait, they never deadlock.
 *
 * 7. Slots go back to the area only through xol_cache_area_drop() and
 *    xol_cache_flush() (exit, exec), in batches with one wake-up, and
 *    when a task that took a spare slot past its bound cannot allocate
 *    the entry for it (xol_cache_grow()); a slot recycled or evicted by
 *    its task stays with that task.
 */

#include <linux/export.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uprobes_xol_cache.h>

enum {
	XOL_ENTRY_IDLE,
	XOL_ENTRY_INSTEP,
	XOL_ENTRY_RECLAIMED,
};

/*
 * One cached slot.  @owner and @slot never change once the entry is
 * published in owners[], so other tasks may read them under RCU.  The
 * owner changes @vaddr when it recycles the entry (rule 6) while holding
 * it INSTEP; other tasks read it only as a hint, with READ_ONCE().
 */
struct xol_cache_entry {
	struct rb_node		node;		/* in owner->entries */
	struct list_head	lru;		/* in owner->lru */
	unsigned long		vaddr;		/* breakpoint address (key) */
	const void		*ident;		/* probe last stepped, only compared */
	const struct xol_cache	*owner;
	unsigned int		slot;
	unsigned int		len;		/* bytes of instruction in the slot */
	atomic_t		state;
	bool			referenced;	/* used since the clock hand passed */
	struct rcu_head		rcu;
};

static atomic_long_t xol_cache_totals[XOL_CACHE_NR_STATS];

static void xol_cache_count(struct xol_cache_area *xa, enum xol_cache_stat item)
{
	atomic_long_inc(&xa->stats[item]);
	atomic_long_inc(&xol_cache_totals[item]);
}

/**
 * xol_cache_area_init() - set up the cache part of an XOL area
 * @xa:		the cache part, embedded in the area
 * @ops:	the area's slot operations, all of them required
 * @nr_slots:	number of slots in the area
 * @insn_max:	longest instruction copy a slot takes, at most
 *		%XOL_CACHE_INSN_MAX
 * @max_entries: a task's bound: how many slots it may keep cached at the
 *		expense of other tasks; past it, it grows only into free slots
 *
 * The area starts with one reference, its owner's, dropped with
 * xol_cache_area_put().
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL for a bad argument or -ENOMEM.
 */
int xol_cache_area_init(struct xol_cache_area *xa,
			const struct xol_cache_area_ops *ops,
			unsigned int nr_slots, unsigned int insn_max,
			unsigned int max_entries)
{
	int i;

	if (!xa || !ops || !ops->take_slot || !ops->free_slot ||
	    !ops->write_slot || !ops->read_slot || !ops->release)
		return -EINVAL;
	if (!nr_slots || nr_slots > INT_MAX || !insn_max ||
	    insn_max > XOL_CACHE_INSN_MAX || !max_entries)
		return -EINVAL;

	xa->owners = kvcalloc(nr_slots, sizeof(*xa->owners),
			      GFP_KERNEL_ACCOUNT);
	if (!xa->owners)
		return -ENOMEM;
	xa->ops = ops;
	xa->nr_slots = nr_slots;
	xa->insn_max = insn_max;
	xa->max_entries = max_entries;
	xa->hand = 0;
	refcount_set(&xa->ref, 1);
	init_waitqueue_head(&xa->wq);
	for (i = 0; i < XOL_CACHE_NR_STATS; i++)
		atomic_long_set(&xa->stats[i], 0);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xol_cache_area_init, UPROBES_XOL_CACHE);

/**
 * xol_cache_area_put() - drop a reference to an area
 * @xa:	the area
 *
 * The last reference calls the area's ->release().  Task caches hold a
 * reference while attached, so an area outlives every cache using it.
 *
 * Context: any context ->release() allows; does not sleep itself.
 */
void xol_cache_area_put(struct xol_cache_area *xa)
{
	if (!refcount_dec_and_test(&xa->ref))
		return;
	kvfree(xa->owners);
	xa->owners = NULL;
	xa->ops->release(xa);
}
EXPORT_SYMBOL_NS_GPL(xol_cache_area_put, UPROBES_XOL_CACHE);

/**
 * xol_cache_area_stat() - read a counter of one area
 * @xa:		the area
 * @item:	which counter
 *
 * Return: the counter, 0 for an unknown @item.
 */
unsigned long xol_cache_area_stat(struct xol_cache_area *xa,
				  enum xol_cache_stat item)
{
	if (item >= XOL_CACHE_NR_STATS)
		return 0;
	return atomic_long_read(&xa->stats[item]);
}
EXPORT_SYMBOL_NS_GPL(xol_cache_area_stat, UPROBES_XOL_CACHE);

/**
 * xol_cache_total_stat() - read a counter summed over all areas ever used
 * @item:	which counter
 *
 * Return: the counter, 0 for an unknown @item.
 */
unsigned long xol_cache_total_stat(enum xol_cache_stat item)
{
	if (item >= XOL_CACHE_NR_STATS)
		return 0;
	return atomic_long_read(&xol_cache_totals[item]);
}
EXPORT_SYMBOL_NS_GPL(xol_cache_total_stat, UPROBES_XOL_CACHE);

/*
 * Give a slot this task holds (and no longer publishes) back to the area.
 * Callers wake the waiters once per batch, see xol_cache_wake().
 */
static void xol_cache_free_slot(struct xol_cache_area *xa, unsigned int slot)
{
	/*
	 * Order the clearing of owners[slot] before the slot is free again:
	 * the next holder takes it with a fully ordered test_and_set_bit()
	 * (or the area's equivalent) and then publishes its own entry in
	 * owners[slot], which our NULL must never overwrite.
	 */
	smp_mb();
	xa->ops->free_slot(xa, slot);
}

static void xol_cache_wake(struct xol_cache_area *xa)
{
	/*
	 * Order the slot frees and state changes before the look for
	 * sleepers; pairs with the barrier in set_current_state() inside
	 * prepare_to_wait_event(), after which a waiter re-checks for a
	 * slot.
	 */
	smp_mb();
	/* Either the waiter sees what we freed, or we see it queued. */
	if (waitqueue_active(&xa->wq))
		wake_up(&xa->wq);
}

/*
 * Move @e from @from to RECLAIMED.  On success the caller holds the slot
 * and owners[slot] is cleared; a failed attempt changes nothing.
 */
static bool xol_cache_claim(struct xol_cache_area *xa,
			    struct xol_cache_entry *e, int from)
{
	/*
	 * Fully ordered on success: the entry's last step (before its owner
	 * made it IDLE with a fully ordered xchg) happens before anything we
	 * write into the slot.  A failure means another claimer won, or the
	 * owner is using the entry, and we must not touch the slot.
	 */
	if (atomic_cmpxchg(&e->state, from, XOL_ENTRY_RECLAIMED) != from)
		return false;
	RCU_INIT_POINTER(xa->owners[e->slot], NULL);
	return true;
}

/* A new entry for a task of @xa, charged to the task's memory cgroup. */
static struct xol_cache_entry *xol_cache_entry_alloc(struct xol_cache_area *xa,
						     gfp_t gfp)
{
	struct xol_cache_entry *e = kzalloc(sizeof(*e), gfp | __GFP_ACCOUNT);

	if (e)
		xol_cache_count(xa, XOL_CACHE_ALLOCS);
	return e;
}

/*
 * Owner only: take @e, RECLAIMED, out of the cache and free it once
 * readers are gone.
 */
static void xol_cache_unlink(struct xol_cache *xc, struct xol_cache_entry *e)
{
	/*
	 * A reader may still find @e only if kfree_rcu() waits for it, so
	 * owners[] must not point to @e any more.  Whoever claimed @e clears
	 * owners[slot] only after its cmpxchg to RECLAIMED, and we may have
	 * seen RECLAIMED in between: clear it here if the claimer has not,
	 * and leave whatever it holds otherwise (NULL, or the entry the
	 * claimer published since).  Fully ordered on success, so the
	 * entry is unpublished before kfree_rcu() queues it.
	 */
	cmpxchg(&xc->area->owners[e->slot], RCU_INITIALIZER(e), NULL);
	rb_erase(&e->node, &xc->entries);
	list_del(&e->lru);
	xc->nr_entries--;
	xol_cache_count(xc->area, XOL_CACHE_FREES);
	kfree_rcu(e, rcu);
}

/*
 * Owner only: unlink every entry another task or a range drop took the
 * slot of (rule 4).  The entries left each held a slot of their own when
 * the walk passed them, so they number no more than the slots the area
 * hands out.
 */
static void xol_cache_prune(struct xol_cache *xc)
{
	struct xol_cache_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &xc->lru, lru)
		if (atomic_read(&e->state) == XOL_ENTRY_RECLAIMED)
			xol_cache_unlink(xc, e);
}

/*
 * Owner only: drop the least recently used entry.  Return its slot when
 * this task now holds it, -ENOENT when another task had reclaimed it.
 */
static int xol_cache_evict_lru(struct xol_cache *xc)
{
	struct xol_cache_entry *e;
	int slot = -ENOENT;

	e = list_last_entry(&xc->lru, struct xol_cache_entry, lru);
	if (xol_cache_claim(xc->area, e, XOL_ENTRY_IDLE)) {
		slot = e->slot;
		xol_cache_count(xc->area, XOL_CACHE_EVICTIONS);
	}
	xol_cache_unlink(xc, e);
	return slot;
}

/*
 * Take the slot of an idle entry of another task.  Second-chance clock:
 * the first round over owners[] spares entries used since the hand last
 * passed (and clears their mark), the second takes any idle entry.
 */
static int xol_cache_reclaim(struct xol_cache *xc, struct xol_cache_area *xa)
{
	unsigned int n = xa->nr_slots, start = READ_ONCE(xa->hand);
	struct xol_cache_entry *e;
	unsigned int i, slot;

	rcu_read_lock();
	for (i = 0; i < 2 * n; i++) {
		slot = (start + i) % n;
		e = rcu_dereference(xa->owners[slot]);
		if (!e || e->owner == xc ||
		    atomic_read(&e->state) != XOL_ENTRY_IDLE)
			continue;
		if (i < n && READ_ONCE(e->referenced)) {
			WRITE_ONCE(e->referenced, false);
			continue;
		}
		if (!xol_cache_claim(xa, e, XOL_ENTRY_IDLE))
			continue;
		rcu_read_unlock();
		WRITE_ONCE(xa->hand, (slot + 1) % n);
		xol_cache_count(xa, XOL_CACHE_RECLAIMS);
		return slot;
	}
	rcu_read_unlock();
	return -ENOSPC;
}

/* A free slot of the area, or -ENOSPC.  Does not sleep. */
static int xol_cache_take_free(struct xol_cache_area *xa)
{
	int slot = xa->ops->take_slot(xa);

	if (slot >= 0 && WARN_ON_ONCE(slot >= xa->nr_slots))
		return -ENOSPC;
	return slot;
}

/*
 * Claim the first idle entry, from slot @from on, that caches an address
 * in [@start, @end) for a task other than @xc (NULL: any task).  Return
 * its slot, which the caller now holds, or -ENOENT.  Does not sleep.
 */
static int xol_cache_claim_range(struct xol_cache_area *xa,
				 const struct xol_cache *xc, unsigned int from,
				 unsigned long start, unsigned long end)
{
	struct xol_cache_entry *e;
	unsigned long vaddr;
	unsigned int slot;

	rcu_read_lock();
	for (slot = from; slot < xa->nr_slots; slot++) {
		e = rcu_dereference(xa->owners[slot]);
		if (!e || e->owner == xc)
			continue;
		/* only a hint: the owner may be recycling the entry */
		vaddr = READ_ONCE(e->vaddr);
		if (vaddr >= start && vaddr < end &&
		    xol_cache_claim(xa, e, XOL_ENTRY_IDLE))
			break;
	}
	rcu_read_unlock();
	return slot < xa->nr_slots ? slot : -ENOENT;
}

/*
 * A slot a task may take even past its bound (rule 6): a free one, else
 * the slot of another task's idle entry for @vaddr, adopted with the bytes
 * it holds.  Those are most likely the ones wanted; if not, the caller's
 * xol_cache_fill() writes them (rule 1).  Does not sleep.
 */
static int xol_cache_take_spare(struct xol_cache *xc, struct xol_cache_area *xa,
				unsigned long vaddr)
{
	int slot = xol_cache_take_free(xa);

	if (slot >= 0)
		return slot;
	slot = xol_cache_claim_range(xa, xc, 0, vaddr, vaddr + 1);
	if (slot >= 0)
		xol_cache_count(xa, XOL_CACHE_ADOPTIONS);
	return slot;
}

/* A spare slot, or else one reclaimed from another task.  No sleeping. */
static int xol_cache_try_slot(struct xol_cache *xc, struct xol_cache_area *xa,
			      unsigned long vaddr)
{
	int slot = xol_cache_take_spare(xc, xa, vaddr);

	return slot >= 0 ? slot : xol_cache_reclaim(xc, xa);
}

/* wait_event() condition: sets *@slot, no sleeping. */
static bool xol_cache_got_slot(struct xol_cache *xc, struct xol_cache_area *xa,
			       unsigned long vaddr, int *slot)
{
	*slot = xol_cache_try_slot(xc, xa, vaddr);
	return *slot >= 0;
}

/* Find a slot for a new entry of @xc, below its bound; see rule 6 above. */
static int xol_cache_find_slot(struct xol_cache *xc, struct xol_cache_area *xa,
			       unsigned long vaddr)
{
	int slot;

	slot = xol_cache_try_slot(xc, xa, vaddr);
	if (slot >= 0)
		return slot;

	/* No step is in progress, so all our entries are idle or lost. */
	while (xc->nr_entries) {
		slot = xol_cache_evict_lru(xc);
		if (slot >= 0)
			return slot;
	}

	xol_cache_count(xa, XOL_CACHE_WAITS);
	if (wait_event_killable(xa->wq,
				xol_cache_got_slot(xc, xa, vaddr, &slot)))
		return -EINTR;
	return slot;
}

/* Make the slot we hold contain @insn, writing it only if it differs. */
static void xol_cache_fill(struct xol_cache_area *xa, unsigned int slot,
			   const void *insn, unsigned int len)
{
	u8 cur[XOL_CACHE_INSN_MAX];

	xa->ops->read_slot(xa, slot, cur, len);
	if (!memcmp(cur, insn, len))
		return;
	xa->ops->write_slot(xa, slot, insn, len);
	xol_cache_count(xa, XOL_CACHE_WRITES);
}

/* Owner only: link @new into the tree by its address, nothing else. */
static void xol_cache_tree_insert(struct xol_cache *xc,
				  struct xol_cache_entry *new)
{
	struct rb_node **p = &xc->entries.rb_node, *parent = NULL;
	struct xol_cache_entry *e;

	while (*p) {
		parent = *p;
		e = rb_entry(parent, struct xol_cache_entry, node);
		p = new->vaddr < e->vaddr ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&new->node, parent, p);
	rb_insert_color(&new->node, &xc->entries);
}

static struct xol_cache_entry *xol_cache_lookup(struct xol_cache *xc,
						unsigned long vaddr)
{
	struct rb_node *n = xc->entries.rb_node;
	struct xol_cache_entry *e;

	while (n) {
		e = rb_entry(n, struct xol_cache_entry, node);
		if (vaddr < e->vaddr)
			n = n->rb_left;
		else if (vaddr > e->vaddr)
			n = n->rb_right;
		else
			return e;
	}
	return NULL;
}

static void xol_cache_insert(struct xol_cache *xc, struct xol_cache_entry *new)
{
	xol_cache_tree_insert(xc, new);
	list_add(&new->lru, &xc->lru);
	xc->nr_entries++;
}

/*
 * Owner only, at the bound: make the least recently used entry the one for
 * @vaddr.  Taking it IDLE -> INSTEP, as a hit does, keeps every other task
 * off its slot; the entry stays published in owners[] and only moves in
 * the tree.  Return it, or NULL when another task had reclaimed it (it is
 * unlinked then).
 */
static struct xol_cache_entry *xol_cache_recycle(struct xol_cache *xc,
						 unsigned long vaddr)
{
	struct xol_cache_entry *e;

	e = list_last_entry(&xc->lru, struct xol_cache_entry, lru);
	/* Fully ordered on success, pairing with xol_cache_claim(). */
	if (atomic_cmpxchg(&e->state, XOL_ENTRY_IDLE,
			   XOL_ENTRY_INSTEP) != XOL_ENTRY_IDLE) {
		xol_cache_unlink(xc, e);
		return NULL;
	}
	rb_erase(&e->node, &xc->entries);
	WRITE_ONCE(e->vaddr, vaddr);
	xol_cache_tree_insert(xc, e);
	xol_cache_count(xc->area, XOL_CACHE_EVICTIONS);
	return e;
}

/* @e is ours and INSTEP: make its slot hold @insn, to step in it now. */
static int xol_cache_use(struct xol_cache *xc, struct xol_cache_entry *e,
			 const void *ident, const void *insn, unsigned int len)
{
	list_move(&e->lru, &xc->lru);
	WRITE_ONCE(e->referenced, true);
	e->ident = ident;
	e->len = len;
	xol_cache_fill(xc->area, e->slot, insn, len);
	xc->active = e;
	return e->slot;
}

static void xol_cache_attach(struct xol_cache *xc, struct xol_cache_area *xa)
{
	refcount_inc(&xa->ref);
	xc->area = xa;
	xc->entries = RB_ROOT;
	INIT_LIST_HEAD(&xc->lru);
	xc->active = NULL;
	xc->nr_entries = 0;
}

/*
 * Make the new entry @e for @vaddr hold @slot, which the task holds, and
 * publish it, INSTEP: the task steps in it now.
 */
static int xol_cache_add(struct xol_cache *xc, struct xol_cache_area *xa,
			 struct xol_cache_entry *e, unsigned int slot,
			 unsigned long vaddr, const void *ident,
			 const void *insn, unsigned int len)
{
	e->vaddr = vaddr;
	e->ident = ident;
	e->owner = xc;
	e->slot = slot;
	e->len = len;
	e->referenced = true;
	atomic_set(&e->state, XOL_ENTRY_INSTEP);
	xol_cache_fill(xa, slot, insn, len);
	xol_cache_insert(xc, e);
	/*
	 * Publish the initialised entry; pairs with rcu_dereference() in
	 * xol_cache_reclaim() and xol_cache_area_drop().
	 */
	rcu_assign_pointer(xa->owners[slot], e);
	xc->active = e;
	return slot;
}

/*
 * Past its bound a task may still grow into a spare slot (rule 6).  The
 * entry is allocated holding the slot, so without sleeping; if that
 * fails the slot goes back to the area and the caller recycles an entry
 * instead.  Return the slot, or a negative error when the task did not
 * grow.
 */
static int xol_cache_grow(struct xol_cache *xc, struct xol_cache_area *xa,
			  unsigned long vaddr, const void *ident,
			  const void *insn, unsigned int len)
{
	struct xol_cache_entry *e;
	int slot;

	slot = xol_cache_take_spare(xc, xa, vaddr);
	if (slot < 0)
		return slot;
	e = xol_cache_entry_alloc(xa, GFP_NOWAIT | __GFP_NOWARN);
	if (!e) {
		xol_cache_free_slot(xa, slot);
		xol_cache_wake(xa);
		return -ENOMEM;
	}
	return xol_cache_add(xc, xa, e, slot, vaddr, ident, insn, len);
}

static int xol_cache_miss(struct xol_cache *xc, struct xol_cache_area *xa,
			  unsigned long vaddr, const void *ident,
			  const void *insn, unsigned int len)
{
	struct xol_cache_entry *e;
	int slot;

	xol_cache_count(xa, XOL_CACHE_MISSES);
	/* Growing past the bound is what RECLAIMED entries could swell. */
	if (xc->nr_entries >= xa->max_entries)
		xol_cache_prune(xc);
	if (xc->nr_entries >= xa->max_entries) {
		slot = xol_cache_grow(xc, xa, vaddr, ident, insn, len);
		if (slot >= 0)
			return slot;
	}
	while (xc->nr_entries >= xa->max_entries) {
		e = xol_cache_recycle(xc, vaddr);
		if (!e)
			continue;
		slot = xol_cache_use(xc, e, ident, insn, len);
		/*
		 * Bimodal insertion: the new address starts at the back of
		 * the LRU list, so the next miss takes this slot again unless
		 * a hit moves the entry forward first; every
		 * XOL_CACHE_PROMOTE_EVERY-th one starts at the front.  A task
		 * cycling through more addresses than it has slots, which
		 * under plain LRU misses on every lookup and rewrites all its
		 * slots in turn, keeps most of its entries across the cycle
		 * and hits on them, its misses rewriting mostly one slot; a
		 * task whose addresses changed for good still brings them in,
		 * one per XOL_CACHE_PROMOTE_EVERY misses.  Any victim is
		 * correct (rule 1); this only decides how often slots are
		 * written.
		 */
		if (++xc->recycles % XOL_CACHE_PROMOTE_EVERY)
			list_move_tail(&e->lru, &xc->lru);
		return slot;
	}

	/* Allocate first: a task never sleeps holding a slot. */
	e = xol_cache_entry_alloc(xa, GFP_KERNEL);
	if (!e)
		return -ENOMEM;

	slot = xol_cache_find_slot(xc, xa, vaddr);
	if (slot < 0) {
		kfree(e);
		xol_cache_count(xa, XOL_CACHE_FREES);
		return slot;
	}
	return xol_cache_add(xc, xa, e, slot, vaddr, ident, insn, len);
}

/**
 * xol_cache_get() - get a slot holding an instruction, to step in it
 * @xc:		the task's cache
 * @xa:		the area of the task's mm
 * @vaddr:	breakpoint address, the key
 * @ident:	identity of the probe (never dereferenced)
 * @insn:	the instruction copy to execute out of line
 * @len:	its length
 *
 * Returns a slot of @xa holding exactly the @len bytes at @insn, reserved
 * for this task until xol_cache_put().  A cached slot that still holds
 * them is returned without any write.  The slot stays cached after the
 * step.  If @xc was used with another area, it is flushed first.
 *
 * Context: process context of the owning task, may sleep (allocation, and
 * waiting for a slot when all are being stepped in).
 * Return: the slot number; -EINVAL for bad arguments, -EBUSY if a slot is
 * already held, -ENOMEM, or -EINTR if killed while waiting.
 */
int xol_cache_get(struct xol_cache *xc, struct xol_cache_area *xa,
		  unsigned long vaddr, const void *ident,
		  const void *insn, unsigned int len)
{
	struct xol_cache_entry *e;

	if (!xc || !xa || !insn || !len || len > xa->insn_max)
		return -EINVAL;
	if (WARN_ON_ONCE(xc->area && xc->active))
		return -EBUSY;

	if (unlikely(xc->area != xa)) {
		xol_cache_flush(xc);
		xol_cache_attach(xc, xa);
	}

	e = xol_cache_lookup(xc, vaddr);
	if (e) {
		/*
		 * Fully ordered on success, pairing with xol_cache_claim():
		 * either a reclaimer sees INSTEP and leaves the slot alone,
		 * or we see RECLAIMED and do not touch it.
		 */
		if (atomic_cmpxchg(&e->state, XOL_ENTRY_IDLE,
				   XOL_ENTRY_INSTEP) == XOL_ENTRY_IDLE) {
			xc->hits++;
			return xol_cache_use(xc, e, ident, insn, len);
		}
		xol_cache_unlink(xc, e);
	}
	return xol_cache_miss(xc, xa, vaddr, ident, insn, len);
}
EXPORT_SYMBOL_NS_GPL(xol_cache_get, UPROBES_XOL_CACHE);

/**
 * xol_cache_put() - the step in the slot from xol_cache_get() is over
 * @xc:	the task's cache
 *
 * The slot stays cached for the next hit at the same address; from now on
 * other tasks may reclaim it.  Does nothing if no slot is held.
 *
 * Context: the owning task, any context; does not sleep.
 */
void xol_cache_put(struct xol_cache *xc)
{
	struct xol_cache_entry *e;
	int old;

	if (!xc->area || !xc->active)
		return;
	e = xc->active;
	xc->active = NULL;

	/*
	 * Fully ordered: the step (and every read of the slot) happens before
	 * a reclaimer can win the entry, pairing with the cmpxchg in
	 * xol_cache_claim().
	 */
	old = atomic_xchg(&e->state, XOL_ENTRY_IDLE);
	WARN_ON_ONCE(old != XOL_ENTRY_INSTEP);
	/*
	 * The xchg also orders the state change before the look for
	 * sleepers, pairing with the barrier in set_current_state() in
	 * prepare_to_wait_event(): either a waiter sees this entry IDLE
	 * when it re-checks, or we see it queued.
	 */
	if (waitqueue_active(&xc->area->wq))
		wake_up(&xc->area->wq);
}
EXPORT_SYMBOL_NS_GPL(xol_cache_put, UPROBES_XOL_CACHE);

/**
 * xol_cache_flush() - give every cached slot back and empty the cache
 * @xc:	the task's cache
 *
 * For task exit and exec, and for a cache met with another area.  A slot
 * still held between xol_cache_get() and xol_cache_put() is given back as
 * well.  Drops the cache's reference to its area.
 *
 * Context: the owning task (or after it is gone), any context; does not
 * sleep.
 */
void xol_cache_flush(struct xol_cache *xc)
{
	struct xol_cache_area *xa = xc->area;
	struct xol_cache_entry *e, *tmp;
	int from;

	if (!xa)
		return;

	list_for_each_entry_safe(e, tmp, &xc->lru, lru) {
		from = e == xc->active ? XOL_ENTRY_INSTEP : XOL_ENTRY_IDLE;
		if (xol_cache_claim(xa, e, from))
			xol_cache_free_slot(xa, e->slot);
		xol_cache_unlink(xc, e);
	}
	xol_cache_wake(xa);

	xc->area = NULL;
	xc->active = NULL;
	xol_cache_area_put(xa);
}
EXPORT_SYMBOL_NS_GPL(xol_cache_flush, UPROBES_XOL_CACHE);

/**
 * xol_cache_area_drop() - give back idle slots cached for an address range
 * @xa:		the area
 * @start:	first breakpoint address of the range
 * @end:	end of the range (exclusive)
 *
 * For when the probed range goes away (munmap): the idle entries of every
 * task for [@start, @end) lose their slot, which goes back to the area.
 * Entries being stepped in are left to their owner, and their owners
 * unlink the others (rule 4).  Only an optimisation: a stale entry is
 * never reused wrongly (rule 1), it just holds a slot.  The walk is
 * O(slots of the area): call it only where slots really become useless.
 *
 * Context: any context; does not sleep.  The caller must hold a reference
 * to @xa for the whole call, one that nothing it waits for can drop: the
 * area is not freed through RCU.
 * Return: the number of slots given back.
 */
unsigned int xol_cache_area_drop(struct xol_cache_area *xa,
				 unsigned long start, unsigned long end)
{
	unsigned int nr = 0;
	int slot = -1;

	while ((slot = xol_cache_claim_range(xa, NULL, slot + 1,
					     start, end)) >= 0) {
		xol_cache_free_slot(xa, slot);
		xol_cache_count(xa, XOL_CACHE_DROPS);
		nr++;
	}
	if (nr)
		xol_cache_wake(xa);
	return nr;
}
EXPORT_SYMBOL_NS_GPL(xol_cache_area_drop, UPROBES_XOL_CACHE);
