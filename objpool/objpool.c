// SPDX-License-Identifier: GPL-2.0
/*
 * objpool: lock-less pool of pre-allocated objects with one small ring per
 * possible CPU and a bitmap of the rings that may hold objects.
 *
 * Documentation/objpool.rst explains the design and argues its memory
 * ordering; the comments here point at the pairings.
 */

#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/topology.h>

/*
 * kretprobe and rethook handlers reach the out-of-line paths below: they
 * are NOKPROBE_SYMBOL, as the handlers are, so that no probe on them can
 * recurse into the pool.
 */
#include <asm/kprobes.h>

#include "objpool.h"

/* consecutive fruitless scans of every ring before a push complains */
#define OBJPOOL_PUSH_PATIENCE	BIT(20)

/* bytes of a ring before its objects: header and cells, cache aligned */
static size_t objpool_cells_bytes(int capacity)
{
	struct objpool_slot *ring;

	return ALIGN(struct_size(ring, cells, capacity), SMP_CACHE_BYTES);
}

static void *objpool_ring_objs(struct objpool_head *pool,
			       struct objpool_slot *ring)
{
	return (void *)ring + objpool_cells_bytes(pool->capacity);
}

/* the in-pool bit of each of the ring's objects, only with OBJPOOL_F_DEBUG */
static unsigned long *objpool_ring_dbg(struct objpool_head *pool,
				       struct objpool_slot *ring)
{
	return objpool_ring_objs(pool, ring) +
	       (size_t)ring->nr_objs * pool->obj_size;
}

/* the share of nr_objs that goes to the n-th possible CPU's ring */
static unsigned int objpool_share(int nr_objs, int nr_cpus, int n)
{
	return nr_objs / nr_cpus + (n < nr_objs % nr_cpus);
}

static void objpool_free_rings(struct objpool_head *pool)
{
	int cpu;

	for_each_possible_cpu(cpu)
		kvfree(pool->cpu_slots[cpu]);
	kfree(pool->cpu_slots);
	kfree(pool->avail);
}

static int objpool_init_rings(struct objpool_head *pool, int nr_objs,
			      void *context, objpool_init_obj_cb objinit)
{
	bool debug = pool->flags & OBJPOOL_F_DEBUG;
	size_t cells_bytes = objpool_cells_bytes(pool->capacity);
	int cpu, n = 0;

	for_each_possible_cpu(cpu) {
		unsigned int i, share;
		struct objpool_slot *ring;
		size_t size, dbg;
		void *obj;

		share = objpool_share(nr_objs, pool->nr_possible_cpus, n++);
		dbg = debug ? BITS_TO_LONGS(share) * sizeof(long) : 0;
		size = size_add(size_add(cells_bytes,
					 size_mul(share, pool->obj_size)), dbg);

		/*
		 * Each ring lives on its CPU's node, next to the objects it
		 * starts with; zeroed, as the objects are documented to be.
		 */
		ring = kvmalloc_node(size, pool->gfp | __GFP_ZERO,
				     cpu_to_node(cpu));
		if (!ring)
			return -ENOMEM;
		pool->cpu_slots[cpu] = ring;
		pool->ring_bytes += cells_bytes + dbg;

		ring->mask = pool->capacity - 1;
		ring->nr_objs = share;
		ring->steal = (cpu + 1) % nr_cpu_ids;
		ring->spill = ring->steal;
		obj = objpool_ring_objs(pool, ring);
		for (i = 0; i < share; i++, obj += pool->obj_size) {
			if (objinit) {
				int rc = objinit(obj, context);

				if (rc)
					return rc;
			}
			ring->cells[i].obj = obj;
			ring->cells[i].seq = i + 1;
		}
		ring->tail = share;
		if (share)
			__set_bit(cpu, pool->avail);
		if (debug)
			bitmap_fill(objpool_ring_dbg(pool, ring), share);
	}
	return 0;
}

/**
 * objpool_init() - create a pool of objects
 * @pool: the pool to set up, provided by the caller
 * @nr_objs: number of objects, 1 to %OBJPOOL_NR_OBJECT_MAX
 * @object_size: size of an object in bytes, 1 to %OBJPOOL_OBJECT_SIZE_MAX;
 *               rounded up to a multiple of sizeof(long)
 * @gfp: flags for the allocations (GFP_KERNEL, GFP_ATOMIC, ...)
 * @context: passed to @objinit and to @release
 * @objinit: called once for each zeroed object, may be NULL
 * @release: called once when the pool is freed, may be NULL
 *
 * Allocates one ring per possible CPU, each on its CPU's node together
 * with its share of the objects, and fills the rings with all objects.
 * Every possible CPU gets a ring whether or not it ever comes online;
 * online CPUs take objects from the others' rings when theirs runs dry.
 *
 * Each ring has max(%OBJPOOL_RING_MIN, roundup_pow_of_two(DIV_ROUND_UP(
 * @nr_objs, num_possible_cpus()))) cells, so memory is linear in @nr_objs
 * plus the number of CPUs; objpool_ring_bytes() gives the exact figure.
 *
 * Return: 0 on success.  -EINVAL, before anything is allocated and with
 * @pool left untouched, when @pool is NULL or @nr_objs or @object_size is
 * out of range.  -ENOMEM when an allocation fails, or the error @objinit
 * returned, with everything freed, @pool zeroed and @release not called.
 */
int objpool_init(struct objpool_head *pool, int nr_objs, int object_size,
		 gfp_t gfp, void *context, objpool_init_obj_cb objinit,
		 objpool_fini_cb release)
{
	unsigned int per_cpu;
	int rc;

	if (!pool || nr_objs <= 0 || nr_objs > OBJPOOL_NR_OBJECT_MAX ||
	    object_size <= 0 || object_size > OBJPOOL_OBJECT_SIZE_MAX)
		return -EINVAL;

	memset(pool, 0, sizeof(*pool));
	pool->obj_size = ALIGN(object_size, sizeof(long));
	pool->nr_possible_cpus = num_possible_cpus();
	per_cpu = DIV_ROUND_UP(nr_objs, pool->nr_possible_cpus);
	pool->capacity = roundup_pow_of_two(max_t(unsigned int, per_cpu,
						  OBJPOOL_RING_MIN));
	pool->gfp = gfp & ~__GFP_ZERO;
	pool->context = context;
	pool->release = release;
	if (IS_ENABLED(CONFIG_DEBUG_OBJPOOL))
		pool->flags = OBJPOOL_F_DEBUG;

	/*
	 * The hint bitmap gets cache lines of its own: it is written when
	 * rings turn empty or non-empty, and must not slow down anything
	 * else when that happens.
	 */
	pool->avail = kzalloc(ALIGN(BITS_TO_LONGS(nr_cpu_ids) * sizeof(long),
				    SMP_CACHE_BYTES), pool->gfp);
	pool->cpu_slots = kcalloc(nr_cpu_ids, sizeof(*pool->cpu_slots),
				  pool->gfp);
	if (!pool->avail || !pool->cpu_slots) {
		rc = -ENOMEM;
		goto fail;
	}
	pool->ring_bytes = ALIGN(BITS_TO_LONGS(nr_cpu_ids) * sizeof(long),
				 SMP_CACHE_BYTES) +
			   nr_cpu_ids * sizeof(*pool->cpu_slots);

	rc = objpool_init_rings(pool, nr_objs, context, objinit);
	if (rc)
		goto fail;

	pool->nr_objs = nr_objs;
	refcount_set(&pool->ref, nr_objs + 1);
	return 0;

fail:
	if (pool->cpu_slots)
		objpool_free_rings(pool);
	else
		kfree(pool->avail);
	memset(pool, 0, sizeof(*pool));
	return rc;
}
EXPORT_SYMBOL_GPL(objpool_init);

/*
 * objpool_hint_drop - clear the hint bit of the ring of @cpu if it is empty
 *
 * Store buffering against __objpool_try_push():
 *
 *	objpool_hint_drop()		__objpool_try_push()
 *	  reads head == tail == x	  cmpxchg tail x -> x + 1 (full barrier)
 *	  clear_bit(avail)		  reads head (== x: the ring was empty)
 *	  smp_mb__after_atomic()	  ...
 *	  reads tail			  test_bit(avail), set_bit() if clear
 *
 * Both sides write, then fully order, then read what the other wrote, so
 * at least one of them sees the other's write: either we see the new tail
 * and set the bit again, or the push sees the cleared bit and sets it.
 * The push of index x also sees head == x (our read of head, the barrier
 * and the failed read of its tail make up a cycle the full barriers
 * forbid), so it is the one that takes the was_empty branch.  Hence a
 * ring that holds a published object, with no push or pop in flight on
 * it, always has its bit set.
 */
static void objpool_hint_drop(struct objpool_head *pool, int cpu)
{
	struct objpool_slot *ring = pool->cpu_slots[cpu];
	unsigned long head, tail;

	if (!test_bit(cpu, pool->avail))
		return;
	head = READ_ONCE(ring->head);
	tail = READ_ONCE(ring->tail);
	/* not empty: a push is publishing, or objects came in since we looked */
	if (tail != head)
		return;
	clear_bit(cpu, pool->avail);
	/* Orders the clear before the tail re-read, see above. */
	smp_mb__after_atomic();
	if (READ_ONCE(ring->tail) != tail)
		set_bit(cpu, pool->avail);
}

NOKPROBE_SYMBOL(objpool_hint_drop);

/*
 * objpool_debug_find - which ring's memory holds @obj, and at which index
 *
 * O(possible CPUs); only used with OBJPOOL_F_DEBUG.
 */
static struct objpool_slot *objpool_debug_find(struct objpool_head *pool,
					       void *obj, unsigned int *index)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct objpool_slot *ring = pool->cpu_slots[cpu];
		void *objs = objpool_ring_objs(pool, ring);
		size_t off = obj - objs;

		if (obj < objs || off >= (size_t)ring->nr_objs * pool->obj_size)
			continue;
		if (off % pool->obj_size)
			return NULL;
		*index = off / pool->obj_size;
		return ring;
	}
	return NULL;
}

NOKPROBE_SYMBOL(objpool_debug_find);

/**
 * __objpool_debug_popped() - note that @obj left @pool
 * @pool: the pool, with %OBJPOOL_F_DEBUG set
 * @obj: the object objpool_pop() is about to return
 *
 * Only for objpool_pop().
 */
void __objpool_debug_popped(struct objpool_head *pool, void *obj)
{
	struct objpool_slot *ring;
	unsigned int i;

	ring = objpool_debug_find(pool, obj, &i);
	if (WARN_ONCE(!ring, "objpool %p: popped foreign object %p\n",
		      pool, obj))
		return;
	WARN_ONCE(!test_and_clear_bit(i, objpool_ring_dbg(pool, ring)),
		  "objpool %p: popped object %p that was not in the pool\n",
		  pool, obj);
}
EXPORT_SYMBOL_GPL(__objpool_debug_popped);
NOKPROBE_SYMBOL(__objpool_debug_popped);

/* whether any ring may hold objects: one word for up to BITS_PER_LONG CPUs */
static bool objpool_hints_empty(struct objpool_head *pool)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nr_cpu_ids); i++)
		if (READ_ONCE(pool->avail[i]))
			return false;
	return true;
}

NOKPROBE_SYMBOL(objpool_hints_empty);

/**
 * __objpool_pop_slow() - objpool_pop() when the local ring gave nothing
 * @pool: the pool
 * @cpu: the CPU whose ring was found empty
 *
 * Reads the hint bitmap and tries only the other rings whose bit is set,
 * starting with the ring this CPU last took an object from, and clears
 * the bits of those found empty.  When the pool is empty this touches no
 * ring but @cpu's: its cost is then bounded by BITS_TO_LONGS(nr_cpu_ids)
 * reads of the bitmap.  A ring probed in vain had its bit set by a push
 * that found it empty; the probe clears it, so such probes are bounded by
 * the number of those pushes.
 *
 * Return: an object, or NULL.
 */
void *__objpool_pop_slow(struct objpool_head *pool, int cpu)
{
	struct objpool_slot *local = pool->cpu_slots[cpu];
	unsigned int i, start;
	void *obj;

	objpool_hint_drop(pool, cpu);
	if (objpool_hints_empty(pool))
		return NULL;

	start = READ_ONCE(local->steal);
	for_each_set_bit_wrap(i, pool->avail, nr_cpu_ids, start) {
		/* just found empty; its bit is set again by a push into it */
		if (i == cpu)
			continue;
		obj = __objpool_try_pop(pool->cpu_slots[i]);
		if (obj) {
			/* a hint only: a racing update of it is harmless */
			if (i != start)
				WRITE_ONCE(local->steal, i);
			if (unlikely(READ_ONCE(pool->flags) & OBJPOOL_F_DEBUG))
				__objpool_debug_popped(pool, obj);
			return obj;
		}
		objpool_hint_drop(pool, i);
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(__objpool_pop_slow);
NOKPROBE_SYMBOL(__objpool_pop_slow);

/**
 * __objpool_push_slow() - objpool_push() when the local ring is full
 * @pool: the pool
 * @cpu: the CPU whose ring was found full
 * @obj: the object to push
 *
 * Tries the other rings, starting with the one this CPU last pushed to,
 * and repeats until one takes @obj.  Filling one ring after the other,
 * rather than spreading objects one per ring, keeps rings from flipping
 * between empty and non-empty, which costs hint bitmap writes.
 *
 * The rings have room for at least nr_objs objects in all, and a pusher
 * holds one of them, so some ring has room at every instant: a scan can
 * only miss it because concurrent pushes and pops keep moving objects into
 * the rings just ahead of it, each of which is progress for someone else.
 * Only a pool pushed more objects than it has can make this spin without
 * end, which is warned about.
 */
void __objpool_push_slow(struct objpool_head *pool, int cpu, void *obj)
{
	struct objpool_slot *local = pool->cpu_slots[cpu];
	unsigned int start = READ_ONCE(local->spill);
	unsigned long pass;
	unsigned int i;

	for (pass = 0; ; pass++) {
		for_each_cpu_wrap(i, cpu_possible_mask, start) {
			if (!__objpool_try_push(pool, i, obj))
				continue;
			/* a hint only: a racing update of it is harmless */
			if (i != start)
				WRITE_ONCE(local->spill, i);
			return;
		}
		WARN_ONCE(pass == OBJPOOL_PUSH_PATIENCE,
			  "objpool %p: every ring stays full: more objects pushed than popped?\n",
			  pool);
		cpu_relax();
	}
}
EXPORT_SYMBOL_GPL(__objpool_push_slow);
NOKPROBE_SYMBOL(__objpool_push_slow);

/**
 * __objpool_push_checked() - objpool_push() when @pool->flags is not zero
 * @obj: the object to push
 * @pool: the pool
 *
 * Handles pushes after objpool_fini() and the checks of
 * %CONFIG_DEBUG_OBJPOOL.
 *
 * Return: as for objpool_push().
 */
int __objpool_push_checked(void *obj, struct objpool_head *pool)
{
	unsigned long flags = READ_ONCE(pool->flags);
	struct objpool_slot *ring;
	unsigned int i;
	int cpu;

	if (flags & OBJPOOL_F_FINI) {
		if (WARN_ONCE(!READ_ONCE(pool->cpu_slots),
			      "objpool %p: push to a freed pool\n", pool))
			return -EINVAL;
		WARN_ONCE(1, "objpool %p: push after objpool_fini(), dropping %p\n",
			  pool, obj);
		return objpool_drop(obj, pool);
	}

	if (flags & OBJPOOL_F_DEBUG) {
		ring = objpool_debug_find(pool, obj, &i);
		if (WARN_ONCE(!ring, "objpool %p: push of foreign object %p\n",
			      pool, obj))
			return -EINVAL;
		/* set before the push publishes obj, cleared after its pop */
		if (WARN_ONCE(test_and_set_bit(i, objpool_ring_dbg(pool, ring)),
			      "objpool %p: push of object %p already in the pool\n",
			      pool, obj))
			return -EINVAL;
	}

	preempt_disable_notrace();
	cpu = raw_smp_processor_id();
	if (!__objpool_try_push(pool, cpu, obj))
		__objpool_push_slow(pool, cpu, obj);
	preempt_enable_notrace();
	return 0;
}
EXPORT_SYMBOL_GPL(__objpool_push_checked);
NOKPROBE_SYMBOL(__objpool_push_checked);

/**
 * objpool_free() - free a pool now
 * @pool: the pool
 *
 * Frees the rings and all objects, wherever they are, then calls the
 * release callback, which may free @pool itself.  No other objpool call
 * on @pool may run concurrently or follow, except on a @pool that the
 * release callback left in place: objpool_pop() then returns NULL,
 * objpool_push() warns and returns -EINVAL, and objpool_fini() and
 * objpool_free() do nothing.  Does nothing either on a pool whose
 * objpool_init() failed.
 */
void objpool_free(struct objpool_head *pool)
{
	objpool_fini_cb release = pool->release;
	void *context = pool->context;

	if (!pool->cpu_slots)
		return;

	objpool_free_rings(pool);
	WRITE_ONCE(pool->cpu_slots, NULL);
	pool->avail = NULL;
	pool->ring_bytes = 0;
	WRITE_ONCE(pool->flags, pool->flags | OBJPOOL_F_FINI);

	/* the last access to the pool: release may free it */
	if (release)
		release(pool, context);
}
EXPORT_SYMBOL_GPL(objpool_free);

/**
 * objpool_drop() - hand back an object for good
 * @obj: an object popped from @pool
 * @pool: the pool
 *
 * Drops the reference @obj holds on @pool instead of pushing it back.
 * Used for objects that are still out when objpool_fini() runs: the pool
 * is freed, and its release callback run, when the last one is dropped.
 * Callable from any context, concurrently with objpool_pop() and
 * objpool_push() on the same pool.
 *
 * Return: 0 when this freed the pool, -EAGAIN when references remain,
 * -EINVAL when @obj or @pool is NULL or, with %CONFIG_DEBUG_OBJPOOL,
 * when @obj is foreign or in the pool.
 */
int objpool_drop(void *obj, struct objpool_head *pool)
{
	if (!obj || !pool)
		return -EINVAL;

	if (WARN_ONCE(!pool->cpu_slots, "objpool %p: drop into a freed pool\n",
		      pool))
		return -EINVAL;

	if (READ_ONCE(pool->flags) & OBJPOOL_F_DEBUG) {
		struct objpool_slot *ring;
		unsigned int i;

		ring = objpool_debug_find(pool, obj, &i);
		if (WARN_ONCE(!ring, "objpool %p: drop of foreign object %p\n",
			      pool, obj))
			return -EINVAL;
		if (WARN_ONCE(test_bit(i, objpool_ring_dbg(pool, ring)),
			      "objpool %p: drop of object %p in the pool\n",
			      pool, obj))
			return -EINVAL;
	}

	if (refcount_dec_and_test(&pool->ref)) {
		objpool_free(pool);
		return 0;
	}
	return -EAGAIN;
}
EXPORT_SYMBOL_GPL(objpool_drop);
NOKPROBE_SYMBOL(objpool_drop);

/**
 * objpool_fini() - release a pool once its objects are back
 * @pool: the pool
 *
 * Takes every object left in the rings and drops the pool's own
 * reference.  When no object is out, this frees the pool and calls the
 * release callback; otherwise that happens when objpool_drop() is called
 * for the last object out.  The caller makes sure no objpool_push() or
 * objpool_pop() on @pool is in flight or follows (see the top of
 * <linux/objpool.h>).  A second call warns and does nothing, as does a
 * call on a pool whose objpool_init() failed.
 */
void objpool_fini(struct objpool_head *pool)
{
	unsigned int count = 1;
	int cpu;
	void *obj;

	if (!pool->cpu_slots)
		return;
	if (WARN_ONCE(test_and_set_bit(OBJPOOL_F_FINI_BIT, &pool->flags),
		      "objpool %p: %s() called twice\n", pool, __func__))
		return;

	/*
	 * Every ring, not only those the hint bitmap names: the loop costs
	 * nothing that matters here and leaves no doubt.
	 */
	for_each_possible_cpu(cpu) {
		while ((obj = __objpool_try_pop(pool->cpu_slots[cpu]))) {
			if (pool->flags & OBJPOOL_F_DEBUG)
				__objpool_debug_popped(pool, obj);
			count++;
		}
	}

	if (refcount_sub_and_test(count, &pool->ref))
		objpool_free(pool);
}
EXPORT_SYMBOL_GPL(objpool_fini);

/**
 * objpool_ring_bytes() - memory used by a pool for itself
 * @pool: a pool set up by objpool_init()
 *
 * The bytes objpool_init() requested from the allocators for everything
 * but the objects: the hint bitmap, rounded up to whole cache lines, the
 * array of ring pointers, and per possible CPU its ring (header and
 * cells, rounded up to whole cache lines), plus with %CONFIG_DEBUG_OBJPOOL
 * one bit per object rounded up to longs per ring.  With L1 cache lines
 * of SMP_CACHE_BYTES and C cells per ring (see objpool_init())::
 *
 *   ALIGN(BITS_TO_LONGS(nr_cpu_ids) * sizeof(long), SMP_CACHE_BYTES) +
 *   nr_cpu_ids * sizeof(void *) +
 *   num_possible_cpus() * ALIGN(sizeof(struct objpool_slot) +
 *                               C * sizeof(struct objpool_cell),
 *                               SMP_CACHE_BYTES)
 *
 * Return: that number of bytes; 0 for a pool that was freed, or whose
 * objpool_init() failed.
 */
size_t objpool_ring_bytes(struct objpool_head *pool)
{
	return pool->ring_bytes;
}
EXPORT_SYMBOL_GPL(objpool_ring_bytes);

/**
 * objpool_obj_bytes() - memory used by the objects of a pool
 * @pool: a pool set up by objpool_init()
 *
 * Return: nr_objs times the object size rounded up to a multiple of
 * sizeof(long); 0 for a pool that was freed, or whose objpool_init()
 * failed.
 */
size_t objpool_obj_bytes(struct objpool_head *pool)
{
	if (!pool->cpu_slots)
		return 0;
	return (size_t)pool->nr_objs * pool->obj_size;
}
EXPORT_SYMBOL_GPL(objpool_obj_bytes);
