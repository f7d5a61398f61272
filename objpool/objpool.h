/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_OBJPOOL_H
#define _LINUX_OBJPOOL_H
/*
 * objpool: a lock-less pool of pre-allocated objects, for code that must
 * not allocate (kprobe and kretprobe handlers, hard and soft interrupts,
 * NMIs).  See Documentation/objpool.rst for the algorithm and its
 * memory-ordering argument.
 *
 * Rules of use:
 *
 * objpool_pop(), objpool_push() and objpool_drop() may be called
 * concurrently with each other, on the same pool, from any context:
 * task, softirq, hardirq and NMI, nested in any order on one CPU, with or
 * without preemption disabled.  They never take a lock, never sleep, never
 * spin waiting for another context and never disable interrupts, so a
 * context that interrupts another one in the middle of an operation always
 * completes its own.  In NMI context this holds only where cmpxchg() is
 * NMI-safe: code that uses a pool from an NMI handler must depend on
 * CONFIG_ARCH_HAVE_NMI_SAFE_CMPXCHG.
 *
 * objpool_init() may sleep when its gfp flags allow it.  objpool_fini()
 * and objpool_free() must not run concurrently with objpool_push() or
 * objpool_pop() on the same pool, nor objpool_free() with objpool_drop():
 * the caller waits for every user to be gone first (usually with an RCU
 * grace period).  Objects that are still
 * out when objpool_fini() runs are handed back with objpool_drop(), never
 * with objpool_push(); the pool is freed, and its release callback run,
 * when the last of them is dropped.
 *
 * This can be summarized as follows ("-": no exclusion needed, "X": the
 * caller must make sure they never overlap):
 *
 *        |  pop  |  push  |  drop  |  fini  |  free
 *  pop   |   -   |   -    |   -    |   X    |   X
 *  push  |       |   -    |   -    |   X    |   X
 *  drop  |       |        |   -    |   -    |   X
 *  fini  |       |        |        |   X    |   X
 *  free  |       |        |        |        |   X
 *
 * An object may be pushed only to the pool it was popped from, and only
 * once per pop.  Every object popped is pushed or dropped exactly once.
 * With CONFIG_DEBUG_OBJPOOL, foreign objects and objects pushed twice are
 * caught with a one-time warning and -EINVAL.
 *
 * objpool_pop() may return NULL while an object is on its way back into
 * the pool (its objpool_push() has not returned yet): an object can be
 * popped again once its push has returned.
 */

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/preempt.h>
#include <linux/refcount.h>
#include <linux/smp.h>
#include <linux/types.h>

/**
 * struct objpool_cell - one entry of a ring
 * @seq: index, plus one, of the last push that published @obj here
 * @obj: the object stored in this cell
 *
 * A cell holds an object for ring index @seq - 1 once @seq has been
 * written (with release semantics) after @obj.
 */
struct objpool_cell {
	unsigned long	seq;
	void		*obj;
};

/**
 * struct objpool_slot - the ring of one possible CPU
 * @head: index of the next cell to pop
 * @tail: index of the next cell to reserve for a push
 * @mask: number of cells minus one (the number of cells is a power of two)
 * @nr_objs: number of objects stored in this ring's memory by objpool_init()
 * @steal: the ring this CPU last took an object from when its own was empty
 * @spill: the ring this CPU last pushed to when its own was full
 * @cells: the cells; the ring's share of the objects follows them
 *
 * @head and @tail are free-running: they only ever grow, wrapping around
 * at ULONG_MAX, and the ring index i lives in cell (i & @mask).  All
 * arithmetic on them is unsigned, so (@tail - @head) is the number of
 * reserved cells even across the wrap, as in kfifo.  @head never passes
 * @tail and @tail never gets more than @mask + 1 ahead of @head.
 */
struct objpool_slot {
	unsigned long		head;
	unsigned long		tail;
	unsigned long		mask;
	unsigned int		nr_objs;
	unsigned int		steal;
	unsigned int		spill;
	struct objpool_cell	cells[];
};

struct objpool_head;

/**
 * typedef objpool_init_obj_cb - initialise one object of a new pool
 * @obj: the object, zeroed
 * @context: the context given to objpool_init()
 *
 * Called once for every object, from objpool_init().
 *
 * Return: 0, or an error that makes objpool_init() fail with it.
 */
typedef int (*objpool_init_obj_cb)(void *obj, void *context);

/**
 * typedef objpool_fini_cb - release callback of a pool
 * @head: the pool, whose memory has already been freed
 * @context: the context given to objpool_init()
 *
 * Called exactly once, when the pool is freed (by objpool_fini(),
 * objpool_drop() or objpool_free()), as the last access of the pool to
 * @head: it may free the memory that holds @head.
 *
 * Return: ignored.
 */
typedef int (*objpool_fini_cb)(struct objpool_head *head, void *context);

/**
 * struct objpool_head - an object pool
 * @obj_size: size of an object, rounded up to a multiple of sizeof(long)
 * @nr_objs: number of objects of the pool
 * @nr_possible_cpus: number of possible CPUs, each of which has a ring
 * @capacity: number of cells of each ring
 * @gfp: allocation flags given to objpool_init()
 * @ref: one reference per object plus one for the pool itself
 * @flags: %OBJPOOL_F_DEBUG and %OBJPOOL_F_FINI
 * @cpu_slots: the ring of each possible CPU, indexed by CPU number
 * @avail: one bit per CPU number: set when that ring may hold objects
 * @ring_bytes: bytes allocated for everything but the objects
 * @release: called once when the pool is freed, may be NULL
 * @context: passed to @release and to the object initialiser
 *
 * The fields are private to objpool; read them only through the
 * functions below.
 */
struct objpool_head {
	int			obj_size;
	int			nr_objs;
	int			nr_possible_cpus;
	int			capacity;
	gfp_t			gfp;
	refcount_t		ref;
	unsigned long		flags;
	struct objpool_slot	**cpu_slots;
	unsigned long		*avail;
	size_t			ring_bytes;
	objpool_fini_cb		release;
	void			*context;
};

/* largest nr_objs objpool_init() accepts */
#define OBJPOOL_NR_OBJECT_MAX	BIT(24)
/* largest object_size objpool_init() accepts */
#define OBJPOOL_OBJECT_SIZE_MAX	BIT(16)
/* smallest number of cells of a ring */
#define OBJPOOL_RING_MIN	4

/* objpool_head::flags: the pool checks pushes, pops and drops */
#define OBJPOOL_F_DEBUG		BIT(0)
/* objpool_head::flags: objpool_fini() or objpool_free() has run */
#define OBJPOOL_F_FINI_BIT	1
#define OBJPOOL_F_FINI		BIT(OBJPOOL_F_FINI_BIT)

int objpool_init(struct objpool_head *pool, int nr_objs, int object_size,
		 gfp_t gfp, void *context, objpool_init_obj_cb objinit,
		 objpool_fini_cb release);
void objpool_fini(struct objpool_head *pool);
int objpool_drop(void *obj, struct objpool_head *pool);
void objpool_free(struct objpool_head *pool);
size_t objpool_ring_bytes(struct objpool_head *pool);
size_t objpool_obj_bytes(struct objpool_head *pool);

/* slow paths of objpool_pop() and objpool_push(), not to be called directly */
void *__objpool_pop_slow(struct objpool_head *pool, int cpu);
void __objpool_push_slow(struct objpool_head *pool, int cpu, void *obj);
int __objpool_push_checked(void *obj, struct objpool_head *pool);
void __objpool_debug_popped(struct objpool_head *pool, void *obj);

/*
 * __objpool_try_pop - take the object at the head of @ring
 *
 * Returns NULL when the cell at the head holds no published object: the
 * ring is empty, or a push reserved that cell and has not published into
 * it yet.  Never waits for such a push, which may be the very context
 * this call interrupted.
 */
static inline void *__objpool_try_pop(struct objpool_slot *ring)
{
	unsigned long head = READ_ONCE(ring->head);

	for (;;) {
		struct objpool_cell *cell = &ring->cells[head & ring->mask];
		void *obj;

		/*
		 * Pairs with the smp_store_release() of cell->seq in
		 * __objpool_try_push(): seeing seq == head + 1 means the
		 * push for index head has stored cell->obj, and everything
		 * its caller wrote into the object, before we read them.
		 * Any other value means index head is not published yet,
		 * or that head is stale and the cell already holds a
		 * later lap.
		 */
		if (smp_load_acquire(&cell->seq) != head + 1) {
			unsigned long now = READ_ONCE(ring->head);

			if (now == head)
				return NULL;
			head = now;
			continue;
		}
		obj = READ_ONCE(cell->obj);
		/*
		 * The release orders the read of cell->obj before the new
		 * head becomes visible.  Pairs with the full barrier of the
		 * tail cmpxchg in __objpool_try_push(): a push may reuse
		 * this cell only after it has seen head move past it, so it
		 * cannot overwrite cell->obj before we have read it.  Should
		 * that push (or another pop) have got there first, head is
		 * no longer what we read and the cmpxchg fails.
		 */
		if (try_cmpxchg_release(&ring->head, &head, head + 1))
			return obj;
	}
}

/*
 * __objpool_try_push - put @obj into the ring of CPU @cpu
 *
 * Returns false, having changed nothing, when that ring is full.
 */
static inline bool __objpool_try_push(struct objpool_head *pool, int cpu,
				      void *obj)
{
	struct objpool_slot *ring = pool->cpu_slots[cpu];
	unsigned long tail = READ_ONCE(ring->tail);
	struct objpool_cell *cell;
	bool was_empty;

	do {
		/*
		 * head is read after tail, so a stale tail can only make
		 * (tail - head) look smaller, never make a ring with room
		 * look full: the signed test takes a stale tail behind
		 * head for "not full" and the cmpxchg below then fails.
		 */
		unsigned long head = READ_ONCE(ring->head);

		if ((long)(tail - head) > (long)ring->mask)
			return false;
		/*
		 * Fully ordered on success.  It orders our read of head
		 * above before our write of cell->obj below: the last
		 * reader of this cell (index tail - mask - 1) moved head
		 * past it with a release after reading cell->obj, so that
		 * read is done before we overwrite the cell.  It also
		 * orders the reservation before the head re-read below;
		 * see objpool_hint_drop() for that pairing.
		 */
	} while (!try_cmpxchg(&ring->tail, &tail, tail + 1));

	/* the ring held nothing but this reservation */
	was_empty = READ_ONCE(ring->head) == tail;

	cell = &ring->cells[tail & ring->mask];
	WRITE_ONCE(cell->obj, obj);
	/* Publish: pairs with the smp_load_acquire() in __objpool_try_pop(). */
	smp_store_release(&cell->seq, tail + 1);

	/*
	 * A ring that was empty may have had its hint bit cleared by a
	 * pop: set it again.  Only on this transition, and only if it is
	 * clear, so pushes to a non-empty ring write nothing shared.
	 */
	if (unlikely(was_empty) && !test_bit(cpu, pool->avail))
		set_bit(cpu, pool->avail);
	return true;
}

/**
 * objpool_pop() - take an object from a pool
 * @pool: the pool
 *
 * Tries the ring of the current CPU first, then, with the help of the
 * pool's hint bitmap, only those other rings that may hold objects.
 * Callable from any context, see the rules at the top of this file.
 *
 * The object is handed out as the last objpool_push() left it: objpool
 * never touches its contents.
 *
 * Return: an object, or NULL when none could be found.
 */
static inline void *objpool_pop(struct objpool_head *pool)
{
	struct objpool_slot **slots = READ_ONCE(pool->cpu_slots);
	int cpu;
	void *obj;

	/* freed by objpool_free(): documented to return NULL */
	if (unlikely(!slots))
		return NULL;

	cpu = raw_smp_processor_id();
	obj = __objpool_try_pop(slots[cpu]);
	if (unlikely(!obj))
		return __objpool_pop_slow(pool, cpu);
	if (unlikely(READ_ONCE(pool->flags) & OBJPOOL_F_DEBUG))
		__objpool_debug_popped(pool, obj);
	return obj;
}

/**
 * objpool_push() - give an object back to its pool
 * @obj: an object popped from @pool
 * @pool: the pool
 *
 * Stores @obj in the ring of the current CPU, or, when that ring is full,
 * in another ring with room.  Callable from any context, see the rules at
 * the top of this file.  Pushing an object that was not popped from @pool,
 * or pushing it twice, is a bug: with %CONFIG_DEBUG_OBJPOOL it is
 * reported once and refused with -EINVAL; without, it may make this call
 * spin until pops make room.
 *
 * Once objpool_fini() has run, an object is handed back with
 * objpool_drop(); a push then warns once and drops @obj instead.
 *
 * Return: 0 when @obj is back in the pool, which is always the case for
 * an object popped from @pool while the pool is live; -EINVAL for a
 * misuse detected as described above; after objpool_fini(), the result
 * of objpool_drop().
 */
static inline int objpool_push(void *obj, struct objpool_head *pool)
{
	int cpu;

	if (unlikely(READ_ONCE(pool->flags)))
		return __objpool_push_checked(obj, pool);

	/*
	 * Not for correctness, which holds on any CPU: a pusher preempted
	 * between reserving a cell and publishing into it would hide the
	 * objects behind that cell for as long as it is off the CPU.
	 */
	preempt_disable_notrace();
	cpu = raw_smp_processor_id();
	if (unlikely(!__objpool_try_push(pool, cpu, obj)))
		__objpool_push_slow(pool, cpu, obj);
	preempt_enable_notrace();
	return 0;
}

#endif /* _LINUX_OBJPOOL_H */
