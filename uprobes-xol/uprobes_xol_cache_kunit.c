// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "uprobes_xol_cache" for the per-task XOL slot cache.
 *
 * The XOL area is simulated: an array of slots with the allocation rules of
 * the real one (a bitmap, slot 0 reserved for the uretprobe trampoline,
 * lowest free slot first), which counts its writes and checks that no slot
 * is written while a task is stepping in it.  Tasks are plain struct
 * xol_cache objects driven by the test, or kthreads where a task has to
 * sleep or run concurrently.
 */

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/uprobes_xol_cache.h>

#define SIM_SLOTS_MAX	64
#define SIM_INSN_LEN	XOL_CACHE_INSN_MAX

struct sim_area {
	struct xol_cache_area	xa;
	unsigned int		nr_slots;
	DECLARE_BITMAP(bitmap, SIM_SLOTS_MAX);
	u8			bytes[SIM_SLOTS_MAX][SIM_INSN_LEN];
	atomic_t		writes;
	/* tasks the test says are stepping in each slot */
	atomic_t		stepping[SIM_SLOTS_MAX];
	/* writes to a slot somebody was stepping in */
	atomic_t		bad_writes;
	bool			released;
};

static struct sim_area *to_sim(struct xol_cache_area *xa)
{
	return container_of(xa, struct sim_area, xa);
}

/* Same rules as xol_take_insn_slot(), without the waiting. */
static int sim_take_slot(struct xol_cache_area *xa)
{
	struct sim_area *sim = to_sim(xa);
	unsigned int nr;

	for (;;) {
		nr = find_first_zero_bit(sim->bitmap, sim->nr_slots);
		if (nr >= sim->nr_slots)
			return -ENOSPC;
		if (!test_and_set_bit(nr, sim->bitmap))
			return nr;
	}
}

static void sim_free_slot(struct xol_cache_area *xa, unsigned int slot)
{
	struct sim_area *sim = to_sim(xa);

	if (WARN_ON_ONCE(slot == 0 || slot >= sim->nr_slots))
		return;
	WARN_ON_ONCE(!test_and_clear_bit(slot, sim->bitmap));
}

static void sim_write_slot(struct xol_cache_area *xa, unsigned int slot,
			   const void *insn, unsigned int len)
{
	struct sim_area *sim = to_sim(xa);

	if (atomic_read(&sim->stepping[slot]))
		atomic_inc(&sim->bad_writes);
	memcpy(sim->bytes[slot], insn, len);
	atomic_inc(&sim->writes);
}

static void sim_read_slot(struct xol_cache_area *xa, unsigned int slot,
			  void *buf, unsigned int len)
{
	memcpy(buf, to_sim(xa)->bytes[slot], len);
}

static void sim_release(struct xol_cache_area *xa)
{
	to_sim(xa)->released = true;
}

static const struct xol_cache_area_ops sim_ops = {
	.take_slot	= sim_take_slot,
	.free_slot	= sim_free_slot,
	.write_slot	= sim_write_slot,
	.read_slot	= sim_read_slot,
	.release	= sim_release,
};

static struct sim_area *sim_create(struct kunit *test, unsigned int nr_slots,
				   unsigned int max_entries)
{
	struct sim_area *sim;

	sim = kunit_kzalloc(test, sizeof(*sim), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sim);
	sim->nr_slots = nr_slots;
	set_bit(0, sim->bitmap);	/* the trampoline slot */
	KUNIT_ASSERT_EQ(test, xol_cache_area_init(&sim->xa, &sim_ops, nr_slots,
						  SIM_INSN_LEN, max_entries), 0);
	return sim;
}

/* Slots taken, the reserved one included. */
static unsigned int sim_used(struct sim_area *sim)
{
	return bitmap_weight(sim->bitmap, sim->nr_slots);
}

/* The area is back to its initial state: only slot 0 taken, no owners. */
static void sim_expect_initial(struct kunit *test, struct sim_area *sim)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, sim_used(sim), 1U);
	KUNIT_EXPECT_TRUE(test, test_bit(0, sim->bitmap));
	for (i = 0; i < sim->nr_slots; i++)
		KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(sim->xa.owners[i]),
				    NULL);
	KUNIT_EXPECT_EQ(test, refcount_read(&sim->xa.ref), 1U);
}

/* Drop the test's reference; every cache must have been flushed. */
static void sim_destroy(struct kunit *test, struct sim_area *sim)
{
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->bad_writes), 0);
	xol_cache_area_put(&sim->xa);
	KUNIT_EXPECT_TRUE(test, sim->released);
}

/* The instruction bytes a probe at @vaddr wants, version @gen. */
static void make_insn(u8 *insn, unsigned long vaddr, unsigned int gen)
{
	unsigned int i;

	for (i = 0; i < SIM_INSN_LEN; i++)
		insn[i] = (u8)(vaddr >> 4) ^ (u8)(vaddr >> 12) ^
			  (u8)(gen * 0x3b) ^ (u8)(i * 7 + 1);
}

/* Get a slot for (vaddr, gen) and check it holds the right bytes. */
static int get_checked(struct kunit *test, struct sim_area *sim,
		       struct xol_cache *xc, unsigned long vaddr,
		       unsigned int gen)
{
	u8 insn[SIM_INSN_LEN];
	int slot;

	make_insn(insn, vaddr, gen);
	slot = xol_cache_get(xc, &sim->xa, vaddr, (void *)vaddr, insn,
			     sizeof(insn));
	KUNIT_EXPECT_GT(test, slot, 0);
	KUNIT_EXPECT_LT(test, slot, (int)sim->nr_slots);
	if (slot <= 0 || slot >= sim->nr_slots)
		return slot;
	KUNIT_EXPECT_TRUE(test, test_bit(slot, sim->bitmap));
	KUNIT_EXPECT_EQ(test, memcmp(sim->bytes[slot], insn, sizeof(insn)), 0);
	return slot;
}

/* One complete hit: get, step, put. */
static int hit(struct kunit *test, struct sim_area *sim, struct xol_cache *xc,
	       unsigned long vaddr, unsigned int gen)
{
	int slot = get_checked(test, sim, xc, vaddr, gen);

	xol_cache_put(xc);
	return slot;
}

static void xol_cache_test_hit_no_write(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 8, 4);
	struct xol_cache xc = {};
	int slot, again, i;

	slot = hit(test, sim, &xc, 0x1000, 0);
	KUNIT_EXPECT_EQ(test, slot, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 1);
	KUNIT_EXPECT_EQ(test, xc.hits, 0UL);

	for (i = 0; i < 10; i++) {
		again = hit(test, sim, &xc, 0x1000, 0);
		KUNIT_EXPECT_EQ(test, again, slot);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 1);
	KUNIT_EXPECT_EQ(test, xc.hits, 10UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_WRITES),
			1UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_MISSES),
			1UL);
	/* the slot stays taken after the step: the cache holds it */
	KUNIT_EXPECT_EQ(test, sim_used(sim), 2U);

	xol_cache_flush(&xc);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/* Eight probes called in turn: after the first round, no writes at all. */
static void xol_cache_test_multi_probe_round(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 32, 16);
	struct xol_cache xc = {};
	int slots[8], round, i;

	for (i = 0; i < 8; i++)
		slots[i] = hit(test, sim, &xc, 0x400000 + i * 0x40, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 8);
	for (round = 0; round < 20; round++)
		for (i = 0; i < 8; i++)
			KUNIT_EXPECT_EQ(test,
					hit(test, sim, &xc, 0x400000 + i * 0x40, 0),
					slots[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 8);
	KUNIT_EXPECT_EQ(test, xc.hits, 160UL);

	xol_cache_flush(&xc);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

static void xol_cache_test_rewrite_on_change(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 8, 4);
	struct xol_cache xc = {};
	u8 insn[SIM_INSN_LEN];
	int slot;

	slot = hit(test, sim, &xc, 0x1000, 0);
	/* a new probe at the same address, other bytes: same slot, rewritten */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x1000, 1), slot);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 2);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x1000, 1), slot);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 2);

	/* another identity with the same bytes: nothing to write */
	make_insn(insn, 0x1000, 1);
	KUNIT_EXPECT_EQ(test, xol_cache_get(&xc, &sim->xa, 0x1000, &xc, insn,
					    sizeof(insn)), slot);
	xol_cache_put(&xc);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 2);

	/* the slot itself is the truth: change it behind the cache's back */
	sim->bytes[slot][3] ^= 0xff;
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x1000, 1), slot);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 3);

	/* a shorter instruction compares only its own bytes */
	KUNIT_EXPECT_EQ(test, xol_cache_get(&xc, &sim->xa, 0x1000, NULL, insn,
					    4), slot);
	xol_cache_put(&xc);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 3);

	xol_cache_flush(&xc);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

static void xol_cache_test_eviction(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 5, 4);
	struct xol_cache_entry *lru;
	struct xol_cache xc = {};
	int slots[5], i;

	for (i = 0; i < 4; i++)
		slots[i] = hit(test, sim, &xc, 0x1000 * (i + 1), 0);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 4U);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 5U);

	/*
	 * 0x1000 becomes most recent, so 0x2000 is the one to go.  At the
	 * bound, with no free slot left, its entry is recycled for 0x5000:
	 * same entry, same slot, still published, nothing freed or allocated.
	 */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x1000, 0), slots[0]);
	lru = rcu_access_pointer(sim->xa.owners[slots[1]]);
	KUNIT_EXPECT_NOT_NULL(test, lru);
	slots[4] = hit(test, sim, &xc, 0x5000, 0);
	KUNIT_EXPECT_EQ(test, slots[4], slots[1]);
	KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(sim->xa.owners[slots[4]]),
			    lru);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 4U);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 5U);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_EVICTIONS), 1UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 5);

	/* the survivors still hit without writing */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x1000, 0), slots[0]);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x3000, 0), slots[2]);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x4000, 0), slots[3]);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 5);

	/* the evicted one misses and takes the now least recent (0x5000) */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x2000, 0), slots[4]);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 6);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 4U);

	xol_cache_flush(&xc);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * Three usable slots.  A keeps one idle and steps in another, B fills the
 * third.  B, needing more, must reclaim A's idle slot, never the one A is
 * stepping in.
 */
static void xol_cache_test_reclaim(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 4, 8);
	struct xol_cache a = {}, b = {}, c = {};
	u8 insn[SIM_INSN_LEN];
	int a_idle, a_step, b1, s, i;

	a_idle = hit(test, sim, &a, 0x1000, 0);
	a_step = get_checked(test, sim, &a, 0x2000, 0);
	b1 = hit(test, sim, &b, 0x3000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 4U);
	make_insn(insn, 0x2000, 0);

	s = hit(test, sim, &b, 0x4000, 0);
	KUNIT_EXPECT_EQ(test, s, a_idle);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_RECLAIMS),
			1UL);
	KUNIT_EXPECT_EQ(test, memcmp(sim->bytes[a_step], insn, sizeof(insn)),
			0);

	/* C has nothing: it may only take B's idle slots, never A's */
	for (i = 0; i < 6; i++) {
		s = hit(test, sim, &c, 0x5000 + i * 0x100, 0);
		KUNIT_EXPECT_NE(test, s, a_step);
		KUNIT_EXPECT_EQ(test, memcmp(sim->bytes[a_step], insn,
					     sizeof(insn)), 0);
	}
	KUNIT_EXPECT_EQ(test, b.hits, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->bad_writes), 0);

	/*
	 * A finishes its step; its reclaimed entry now misses, and A in turn
	 * reclaims from C rather than dropping its own cached 0x2000.
	 */
	xol_cache_put(&a);
	i = atomic_read(&sim->writes);
	s = hit(test, sim, &a, 0x1000, 0);
	KUNIT_EXPECT_EQ(test, a.hits, 0UL);
	KUNIT_EXPECT_NE(test, s, a_step);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), i + 1);
	KUNIT_EXPECT_EQ(test, a.nr_entries, 2U);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x2000, 0), a_step);
	KUNIT_EXPECT_EQ(test, a.hits, 1UL);
	KUNIT_EXPECT_GT(test, b1, 0);

	xol_cache_flush(&a);
	xol_cache_flush(&b);
	xol_cache_flush(&c);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * A slot that already holds the right bytes is never written again, however
 * the task came by it: adopted from another task or fresh from the area.
 */
static void xol_cache_test_no_write_same_bytes(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 3, 8);
	struct xol_cache a = {}, b = {};

	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x1000, 0), 1);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x2000, 0), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 2);

	/* two threads, one probe: B adopts A's slot of it as it is */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x1000, 0), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 2);
	/* and A takes it back the same way, never its own 0x2000 one */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x1000, 0), 1);
	KUNIT_EXPECT_EQ(test, a.hits, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 2);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_ADOPTIONS), 2UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_RECLAIMS),
			0UL);

	/* all back to the area; the free slots keep their bytes */
	xol_cache_flush(&a);
	xol_cache_flush(&b);
	sim_expect_initial(test, sim);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x1000, 0), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 2);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x3000, 0), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 3);

	xol_cache_flush(&b);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * Adoption: in a full area, a task that misses on an address another task
 * holds in an idle entry takes that entry's slot over without writing it,
 * even at its bound.  Never while a free slot is left, never an entry
 * being stepped in, and a slot whose bytes are not the wanted ones any
 * more (a new probe at the address) is written as any other.
 */
static void xol_cache_test_adopt(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 5, 2);
	struct xol_cache a = {}, b = {};
	u8 insn[SIM_INSN_LEN];
	int a1, a2, b1, b2, s, writes;

	a1 = hit(test, sim, &a, 0x1000, 0);
	a2 = hit(test, sim, &a, 0x2000, 0);
	/* a slot is still free: B writes a copy of its own, A keeps its */
	b1 = hit(test, sim, &b, 0x1000, 0);
	KUNIT_EXPECT_NE(test, b1, a1);
	b2 = hit(test, sim, &b, 0x3000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 5U);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_ADOPTIONS), 0UL);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x1000, 0), a1);
	KUNIT_EXPECT_EQ(test, a.hits, 1UL);

	/* full, and B at its bound: B adopts A's slot of 0x2000 */
	writes = atomic_read(&sim->writes);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x2000, 0), a2);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), writes);
	KUNIT_EXPECT_EQ(test, b.nr_entries, 3U);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_ADOPTIONS), 1UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_EVICTIONS), 0UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_RECLAIMS),
			0UL);
	/* A's other entry is untouched */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x1000, 0), a1);
	KUNIT_EXPECT_EQ(test, a.hits, 2UL);

	/*
	 * B steps in 0x2000's slot: A, missing on 0x2000, must not adopt it
	 * and reclaims one of B's idle slots instead, with a write.
	 */
	KUNIT_EXPECT_EQ(test, get_checked(test, sim, &b, 0x2000, 0), a2);
	make_insn(insn, 0x2000, 0);
	s = hit(test, sim, &a, 0x2000, 0);
	KUNIT_EXPECT_TRUE(test, s == b1 || s == b2);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), writes + 1);
	KUNIT_EXPECT_EQ(test, memcmp(sim->bytes[a2], insn, sizeof(insn)), 0);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_ADOPTIONS), 1UL);
	xol_cache_put(&b);

	/* a new probe at 0x3000: A adopts B's slot of it and writes it */
	writes = atomic_read(&sim->writes);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x3000, 1), b2);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), writes + 1);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_ADOPTIONS), 2UL);
	/* and B adopts it back, new bytes and all, without a write */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x3000, 1), b2);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), writes + 1);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_ADOPTIONS), 3UL);

	xol_cache_flush(&a);
	xol_cache_flush(&b);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

struct waiter {
	struct sim_area		*sim;
	struct xol_cache	xc;
	unsigned long		vaddr;
	int			slot;
	struct completion	done;
};

static int waiter_fn(void *data)
{
	struct waiter *w = data;
	u8 insn[SIM_INSN_LEN];

	allow_signal(SIGKILL);
	make_insn(insn, w->vaddr, 0);
	w->slot = xol_cache_get(&w->xc, &w->sim->xa, w->vaddr, NULL, insn,
				sizeof(insn));
	xol_cache_put(&w->xc);
	kthread_complete_and_exit(&w->done, 0);
}

static struct task_struct *waiter_start(struct kunit *test, struct waiter *w,
					struct sim_area *sim,
					unsigned long vaddr)
{
	struct task_struct *t;

	w->sim = sim;
	w->vaddr = vaddr;
	w->slot = INT_MIN;
	init_completion(&w->done);
	t = kthread_create(waiter_fn, w, "xol_cache_waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	get_task_struct(t);
	wake_up_process(t);
	return t;
}

/* Every slot being stepped in: a fourth task sleeps until a step ends. */
static void xol_cache_test_wait(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 4, 8);
	struct xol_cache a = {}, b = {}, c = {};
	struct waiter *w;
	struct task_struct *t;
	u8 insn[SIM_INSN_LEN];
	unsigned long left;
	int sb;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	get_checked(test, sim, &a, 0x1000, 0);
	sb = get_checked(test, sim, &b, 0x2000, 0);
	get_checked(test, sim, &c, 0x3000, 0);

	t = waiter_start(test, w, sim, 0x4000);
	left = wait_for_completion_timeout(&w->done, msecs_to_jiffies(200));
	KUNIT_EXPECT_EQ(test, left, 0UL);
	KUNIT_EXPECT_EQ(test, w->slot, INT_MIN);

	xol_cache_put(&b);
	if (!wait_for_completion_timeout(&w->done, 10 * HZ)) {
		KUNIT_FAIL(test, "waiter not woken by the end of a step");
		send_sig(SIGKILL, t, 1);
		wait_for_completion(&w->done);
	}
	put_task_struct(t);
	KUNIT_EXPECT_EQ(test, w->slot, sb);
	make_insn(insn, 0x4000, 0);
	KUNIT_EXPECT_EQ(test, memcmp(sim->bytes[sb], insn, sizeof(insn)), 0);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_WAITS),
			1UL);

	xol_cache_flush(&w->xc);
	xol_cache_flush(&a);
	xol_cache_flush(&b);
	xol_cache_flush(&c);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/* A task killed while waiting gives up, holding nothing. */
static void xol_cache_test_wait_killed(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 2, 8);
	struct xol_cache a = {};
	struct task_struct *t;
	struct waiter *w;
	unsigned long left;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	get_checked(test, sim, &a, 0x1000, 0);

	t = waiter_start(test, w, sim, 0x2000);
	left = wait_for_completion_timeout(&w->done, msecs_to_jiffies(100));
	KUNIT_EXPECT_EQ(test, left, 0UL);
	send_sig(SIGKILL, t, 1);
	if (!wait_for_completion_timeout(&w->done, 10 * HZ)) {
		KUNIT_FAIL(test, "waiter not woken by SIGKILL");
		xol_cache_put(&a);
		wait_for_completion(&w->done);
	}
	put_task_struct(t);
	KUNIT_EXPECT_EQ(test, w->slot, -EINTR);
	KUNIT_EXPECT_EQ(test, w->xc.nr_entries, 0U);

	xol_cache_put(&a);
	xol_cache_flush(&w->xc);
	xol_cache_flush(&a);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/* Exit (flush) gives every slot back, the one being stepped in too. */
static void xol_cache_test_flush(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 32, 8);
	struct xol_cache xc[3] = {};
	int t, i;

	for (t = 0; t < 3; t++)
		for (i = 0; i < 6; i++)
			hit(test, sim, &xc[t], 0x10000 * (t + 1) + i * 0x10, 0);
	get_checked(test, sim, &xc[1], 0x99000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 20U);
	KUNIT_EXPECT_EQ(test, refcount_read(&sim->xa.ref), 4U);

	xol_cache_flush(&xc[1]);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 13U);
	KUNIT_EXPECT_PTR_EQ(test, xc[1].area, NULL);
	KUNIT_EXPECT_EQ(test, refcount_read(&sim->xa.ref), 3U);
	/* flushing twice, or an empty cache, is harmless */
	xol_cache_flush(&xc[1]);
	xol_cache_put(&xc[1]);

	/* the other tasks still hit */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc[0], 0x10000, 0) > 0, true);
	KUNIT_EXPECT_EQ(test, xc[0].hits, 1UL);

	xol_cache_flush(&xc[0]);
	xol_cache_flush(&xc[2]);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/* exec: a cache met with another area gives everything back to the old. */
static void xol_cache_test_area_change(struct kunit *test)
{
	struct sim_area *old = sim_create(test, 8, 8);
	struct sim_area *new = sim_create(test, 8, 8);
	struct xol_cache xc = {};
	int s;

	hit(test, old, &xc, 0x1000, 0);
	hit(test, old, &xc, 0x2000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(old), 3U);

	s = hit(test, new, &xc, 0x1000, 0);
	KUNIT_EXPECT_EQ(test, s, 1);
	sim_expect_initial(test, old);
	KUNIT_EXPECT_PTR_EQ(test, xc.area, &new->xa);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 1U);
	KUNIT_EXPECT_EQ(test, xc.hits, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&new->writes), 1);
	sim_destroy(test, old);

	KUNIT_EXPECT_EQ(test, hit(test, new, &xc, 0x1000, 0), s);
	KUNIT_EXPECT_EQ(test, xc.hits, 1UL);

	/* the cache's reference keeps an area its owner already put */
	refcount_inc(&new->xa.ref);
	xol_cache_area_put(&new->xa);
	xol_cache_area_put(&new->xa);
	KUNIT_EXPECT_FALSE(test, new->released);
	xol_cache_flush(&xc);
	KUNIT_EXPECT_TRUE(test, new->released);
}

/* munmap of a probed range: idle entries in it lose their slots. */
static void xol_cache_test_drop_range(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 8, 8);
	struct xol_cache a = {}, b = {};
	int s1, s2, s3, s4, w;

	s1 = hit(test, sim, &a, 0x1000, 0);
	s2 = hit(test, sim, &a, 0x2000, 0);
	s3 = get_checked(test, sim, &a, 0x1800, 0);	/* stepping */
	s4 = hit(test, sim, &b, 0x1400, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 5U);

	KUNIT_EXPECT_EQ(test, xol_cache_area_drop(&sim->xa, 0x1000, 0x2000), 2U);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 3U);
	KUNIT_EXPECT_FALSE(test, test_bit(s1, sim->bitmap));
	KUNIT_EXPECT_FALSE(test, test_bit(s4, sim->bitmap));
	KUNIT_EXPECT_TRUE(test, test_bit(s2, sim->bitmap));
	KUNIT_EXPECT_TRUE(test, test_bit(s3, sim->bitmap));
	xol_cache_put(&a);

	/* A's dropped entry misses; the free slot it gets back is its old one */
	w = atomic_read(&sim->writes);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x1000, 0), s1);
	KUNIT_EXPECT_EQ(test, a.hits, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), w);
	KUNIT_EXPECT_EQ(test, a.nr_entries, 3U);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x1800, 0), s3);
	KUNIT_EXPECT_EQ(test, a.hits, 1UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_drop(&sim->xa, 0x5000, 0x6000), 0U);

	xol_cache_flush(&a);
	xol_cache_flush(&b);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * A task that maps a probed file at a fresh address, hits the probe and
 * unmaps it, again and again: every range drop leaves an entry of the
 * task RECLAIMED, each at an address the task never meets again.  The
 * task's entries must never outnumber the area's slots.
 */
static void xol_cache_test_drop_cycles_bounded(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 8, 4);
	struct xol_cache xc = {};
	unsigned int i, most = 0;
	unsigned long vaddr;

	for (i = 0; i < 1000; i++) {
		vaddr = 0x100000 + i * 0x1000UL;
		hit(test, sim, &xc, vaddr, 0);
		KUNIT_EXPECT_EQ(test, xol_cache_area_drop(&sim->xa, vaddr,
							  vaddr + 0x1000), 1U);
		most = max(most, xc.nr_entries);
		if (xc.nr_entries > sim->nr_slots)
			break;
	}
	KUNIT_EXPECT_EQ(test, i, 1000U);
	KUNIT_EXPECT_LE(test, most, sim->nr_slots);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_ALLOCS) -
			xol_cache_area_stat(&sim->xa, XOL_CACHE_FREES),
			(unsigned long)xc.nr_entries);

	xol_cache_flush(&xc);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_ALLOCS),
			xol_cache_area_stat(&sim->xa, XOL_CACHE_FREES));
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

static void xol_cache_test_bad_args(struct kunit *test)
{
	static const struct xol_cache_area_ops no_free = {
		.take_slot	= sim_take_slot,
		.write_slot	= sim_write_slot,
		.read_slot	= sim_read_slot,
		.release	= sim_release,
	};
	struct sim_area *sim = sim_create(test, 8, 4);
	struct xol_cache_area xa = {};
	struct xol_cache xc = {};
	u8 insn[SIM_INSN_LEN + 1] = {};

	KUNIT_EXPECT_EQ(test, xol_cache_area_init(&xa, &sim_ops, 0, 4, 4),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_init(&xa, &sim_ops, 8, 0, 4),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_init(&xa, &sim_ops, 8,
						  XOL_CACHE_INSN_MAX + 1, 4),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_init(&xa, &sim_ops, 8, 4, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_init(&xa, &no_free, 8, 4, 4),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_init(&xa, NULL, 8, 4, 4), -EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, xa.owners, NULL);

	KUNIT_EXPECT_EQ(test, xol_cache_get(&xc, &sim->xa, 0x1000, NULL, insn,
					    0), -EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_get(&xc, &sim->xa, 0x1000, NULL, insn,
					    SIM_INSN_LEN + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_get(&xc, &sim->xa, 0x1000, NULL, NULL,
					    4), -EINVAL);
	KUNIT_EXPECT_EQ(test, xol_cache_get(&xc, NULL, 0x1000, NULL, insn, 4),
			-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, xc.area, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 0);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_NR_STATS),
			0UL);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * A task cycling through twice as many addresses as its bound, in an area
 * with no more free slots than that: a recycled entry starts at the back
 * of the LRU list, so from the second round on the task hits on all
 * entries but one and every miss rewrites that one slot.  Plain LRU would
 * miss on every lookup and rotate over all its slots.  (Fewer than
 * XOL_CACHE_PROMOTE_EVERY recycles in all.)
 */
static void xol_cache_test_cycle_over_bound(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 5, 4);
	struct xol_cache xc = {};
	unsigned long hits;
	int round, i, s, miss_slot, writes;

	for (i = 0; i < 8; i++)
		hit(test, sim, &xc, 0x1000 * (i + 1), 0);
	for (round = 0; round < 3; round++) {
		hits = xc.hits;
		writes = atomic_read(&sim->writes);
		miss_slot = -1;
		for (i = 0; i < 8; i++) {
			unsigned long before = xc.hits;

			s = hit(test, sim, &xc, 0x1000 * (i + 1), 0);
			if (xc.hits != before)
				continue;
			if (miss_slot < 0)
				miss_slot = s;
			KUNIT_EXPECT_EQ(test, s, miss_slot);
		}
		KUNIT_EXPECT_EQ(test, xc.hits - hits, 3UL);
		KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes) - writes, 5);
	}
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 4U);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 5U);
	KUNIT_EXPECT_LT(test, xc.recycles, (unsigned long)XOL_CACHE_PROMOTE_EVERY);

	xol_cache_flush(&xc);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * The addresses a task hits change for good: after its bound's worth of
 * old entries, it alternates between two new ones.  Both must end up
 * cached within a bounded number of misses (the bimodal insertion brings
 * one in every XOL_CACHE_PROMOTE_EVERY recycles), and then only hit.
 */
static void xol_cache_test_working_set_change(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 5, 4);
	struct xol_cache xc = {};
	unsigned long hits;
	int i, writes;

	for (i = 0; i < 3; i++) {
		hit(test, sim, &xc, 0x1000, 0);
		hit(test, sim, &xc, 0x2000, 0);
		hit(test, sim, &xc, 0x3000, 0);
		hit(test, sim, &xc, 0x4000, 0);
	}
	for (i = 0; i < XOL_CACHE_PROMOTE_EVERY + 2; i++) {
		hit(test, sim, &xc, 0x8000, 0);
		hit(test, sim, &xc, 0x9000, 0);
	}
	hits = xc.hits;
	writes = atomic_read(&sim->writes);
	for (i = 0; i < 10; i++) {
		hit(test, sim, &xc, 0x8000, 0);
		hit(test, sim, &xc, 0x9000, 0);
	}
	KUNIT_EXPECT_EQ(test, xc.hits - hits, 20UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), writes);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 4U);

	xol_cache_flush(&xc);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * Past its bound a task still grows into free slots, so a task alone uses
 * the whole area; with none free it recycles its own entries and leaves
 * those of other tasks alone.
 */
static void xol_cache_test_grow_past_bound(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 8, 2);
	struct xol_cache a = {}, b = {};
	int slots[5], b1, b2, i, writes;

	for (i = 0; i < 5; i++)
		slots[i] = hit(test, sim, &a, 0x1000 * (i + 1), 0);
	KUNIT_EXPECT_EQ(test, a.nr_entries, 5U);
	writes = atomic_read(&sim->writes);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x1000 * (i + 1), 0),
				slots[i]);
	KUNIT_EXPECT_EQ(test, a.hits, 5UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), writes);

	/* B, below its bound, takes the last two free slots */
	b1 = hit(test, sim, &b, 0x10000, 0);
	b2 = hit(test, sim, &b, 0x20000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 8U);

	/* nothing free: A recycles its least recently used entry, 0x1000's */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x6000, 0), slots[0]);
	KUNIT_EXPECT_EQ(test, a.nr_entries, 5U);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_RECLAIMS),
			0UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_EVICTIONS), 1UL);
	writes = atomic_read(&sim->writes);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x10000, 0), b1);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x20000, 0), b2);
	KUNIT_EXPECT_EQ(test, b.hits, 2UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), writes);

	xol_cache_flush(&a);
	xol_cache_flush(&b);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

/*
 * A task at its bound whose least recently used entry was reclaimed by
 * another task cannot recycle it: it drops the entry and takes a slot the
 * usual way, here by reclaiming in turn.
 */
static void xol_cache_test_recycle_reclaimed(struct kunit *test)
{
	struct sim_area *sim = sim_create(test, 4, 2);
	struct xol_cache a = {}, b = {};
	int a_lru, a_mru, s;

	a_lru = hit(test, sim, &a, 0x1000, 0);
	a_mru = hit(test, sim, &a, 0x2000, 0);
	hit(test, sim, &b, 0x3000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 4U);

	/* B takes A's least recently used slot */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &b, 0x4000, 0), a_lru);
	KUNIT_EXPECT_EQ(test, a.nr_entries, 2U);

	s = hit(test, sim, &a, 0x5000, 0);
	KUNIT_EXPECT_NE(test, s, a_mru);
	KUNIT_EXPECT_EQ(test, a.nr_entries, 2U);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_EVICTIONS), 0UL);
	KUNIT_EXPECT_EQ(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_RECLAIMS),
			2UL);
	/* the entry A kept still hits without a write */
	s = atomic_read(&sim->writes);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &a, 0x2000, 0), a_mru);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), s);

	xol_cache_flush(&a);
	xol_cache_flush(&b);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

#ifdef CONFIG_FAULT_INJECTION
/*
 * xol_cache_get() for (@vaddr, generation 0) with its first slab
 * allocation failing, and the end of the step if it got a slot.  The
 * injected failure must have been used.
 */
static int hit_failing_alloc(struct kunit *test, struct sim_area *sim,
			     struct xol_cache *xc, unsigned long vaddr)
{
	u8 insn[SIM_INSN_LEN];
	int rc;

	make_insn(insn, vaddr, 0);
	WRITE_ONCE(current->fail_nth, 1);
	rc = xol_cache_get(xc, &sim->xa, vaddr, NULL, insn, sizeof(insn));
	KUNIT_EXPECT_EQ(test, READ_ONCE(current->fail_nth), 0U);
	WRITE_ONCE(current->fail_nth, 0);
	if (rc > 0)
		xol_cache_put(xc);
	return rc;
}
#endif

/*
 * Out of memory: the area's one allocation, and the entry of a miss,
 * fail cleanly, leaving nothing allocated and no slot taken.  Needs fault
 * injection reaching GFP_KERNEL (failslab/ignore-gfp-wait set to N).
 */
static void xol_cache_test_enomem(struct kunit *test)
{
#ifdef CONFIG_FAULT_INJECTION
	struct sim_area *sim = sim_create(test, 8, 4);
	struct xol_cache xc = {}, other = {};
	u8 insn[SIM_INSN_LEN];
	struct sim_area *s2;
	unsigned int left;
	int rc;

	s2 = kunit_kzalloc(test, sizeof(*s2), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s2);
	s2->nr_slots = 8;
	set_bit(0, s2->bitmap);

	WRITE_ONCE(current->fail_nth, 1);
	rc = xol_cache_area_init(&s2->xa, &sim_ops, 8, SIM_INSN_LEN, 4);
	left = READ_ONCE(current->fail_nth);
	WRITE_ONCE(current->fail_nth, 0);
	if (!rc)
		xol_cache_area_put(&s2->xa);
	if (left) {
		xol_cache_flush(&xc);
		sim_destroy(test, sim);
		kunit_skip(test, "failslab ignores GFP_KERNEL: set %s to N",
			   "/sys/kernel/debug/failslab/ignore-gfp-wait");
	}
	KUNIT_EXPECT_EQ(test, rc, -ENOMEM);
	KUNIT_EXPECT_PTR_EQ(test, s2->xa.owners, NULL);
	KUNIT_EXPECT_FALSE(test, s2->released);

	KUNIT_EXPECT_EQ(test, hit_failing_alloc(test, sim, &xc, 0x1000), -ENOMEM);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 1U);

	/* and the next try works */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x1000, 0), 1);

	/*
	 * Past the bound a task grows into a free slot with an allocation
	 * that does not sleep.  When that fails, the slot goes back and the
	 * task recycles its least recently used entry instead.
	 */
	hit(test, sim, &xc, 0x2000, 0);
	hit(test, sim, &xc, 0x3000, 0);
	hit(test, sim, &xc, 0x4000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 5U);
	KUNIT_EXPECT_EQ(test, hit_failing_alloc(test, sim, &xc, 0x5000), 1);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 4U);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 5U);
	make_insn(insn, 0x5000, 0);
	KUNIT_EXPECT_EQ(test, memcmp(sim->bytes[1], insn, sizeof(insn)), 0);
	/* with memory, the same miss grows */
	KUNIT_EXPECT_EQ(test, hit(test, sim, &xc, 0x6000, 0), 5);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 5U);

	/*
	 * The same for an adopted slot: the area is full, another task holds
	 * 0x10000.  Without memory the adopted slot goes back to the area,
	 * bytes and all, and the task recycles instead.
	 */
	hit(test, sim, &other, 0x10000, 0);
	hit(test, sim, &other, 0x20000, 0);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 8U);
	rc = hit_failing_alloc(test, sim, &xc, 0x10000);
	KUNIT_EXPECT_GT(test, rc, 0);
	KUNIT_EXPECT_NE(test, rc, 6);
	KUNIT_EXPECT_EQ(test, xc.nr_entries, 5U);
	KUNIT_EXPECT_EQ(test, sim_used(sim), 7U);
	KUNIT_EXPECT_FALSE(test, test_bit(6, sim->bitmap));
	/* the other task takes the slot back from the area, unwritten */
	rc = atomic_read(&sim->writes);
	KUNIT_EXPECT_EQ(test, hit(test, sim, &other, 0x10000, 0), 6);
	KUNIT_EXPECT_EQ(test, atomic_read(&sim->writes), rc);

	xol_cache_flush(&xc);
	xol_cache_flush(&other);
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
#else
	kunit_skip(test, "needs CONFIG_FAULT_INJECTION (and FAILSLAB)");
#endif
}

/*
 * Concurrency: kthreads as tasks, more of them than slots, hammer a small
 * area with a few probes whose bytes change now and then, exit (flush) from
 * time to time, and drop ranges.  Each checks it is alone in its slot and
 * the slot holds its bytes for the whole "step".
 */
#define HAMMER_PROBES	6

struct hammer_ctx {
	struct sim_area		*sim;
	unsigned int		iters;
	atomic_t		errors;
	atomic_t		twice;		/* a slot held by two tasks */
	atomic_long_t		gets;
	atomic_long_t		hits;
	atomic_t		gen[HAMMER_PROBES];
};

struct hammer {
	struct hammer_ctx	*ctx;
	struct xol_cache	xc;
	unsigned int		id;
	struct completion	done;
};

static int hammer_fn(void *data)
{
	struct hammer *h = data;
	struct hammer_ctx *ctx = h->ctx;
	struct sim_area *sim = ctx->sim;
	struct rnd_state rnd;
	u8 insn[SIM_INSN_LEN];
	unsigned long vaddr;
	unsigned int i, p, gen;
	u32 r;
	int slot;

	prandom_seed_state(&rnd, 0x5eed0000 + h->id);
	for (i = 0; i < ctx->iters; i++) {
		r = prandom_u32_state(&rnd);
		p = r % HAMMER_PROBES;
		vaddr = 0x400000 + p * 0x80;
		if ((r >> 8) % 64 == 0)	/* a new probe replaces the old */
			atomic_inc(&ctx->gen[p]);
		gen = atomic_read(&ctx->gen[p]);
		make_insn(insn, vaddr, gen);

		slot = xol_cache_get(&h->xc, &sim->xa, vaddr, NULL, insn,
				     sizeof(insn));
		atomic_long_inc(&ctx->gets);
		if (slot <= 0 || slot >= sim->nr_slots ||
		    !test_bit(slot, sim->bitmap)) {
			atomic_inc(&ctx->errors);
			continue;
		}
		if (atomic_inc_return(&sim->stepping[slot]) != 1)
			atomic_inc(&ctx->twice);
		if (memcmp(sim->bytes[slot], insn, sizeof(insn)))
			atomic_inc(&ctx->errors);
		if ((r >> 16) % 4 == 0)
			usleep_range(5, 20);	/* a step that takes a while */
		else
			cpu_relax();
		if (memcmp(sim->bytes[slot], insn, sizeof(insn)))
			atomic_inc(&ctx->errors);
		atomic_dec(&sim->stepping[slot]);
		xol_cache_put(&h->xc);

		if ((r >> 20) % 256 == 0) {
			atomic_long_add(h->xc.hits, &ctx->hits);
			xol_cache_flush(&h->xc);	/* exit, then a new task */
			h->xc.hits = 0;
		}
		if (h->id == 0 && (r >> 24) % 32 == 0)
			xol_cache_area_drop(&sim->xa, vaddr, vaddr + 0x100);
		cond_resched();
	}
	atomic_long_add(h->xc.hits, &ctx->hits);
	xol_cache_flush(&h->xc);
	kthread_complete_and_exit(&h->done, 0);
}

static void hammer_run(struct kunit *test, unsigned int nr_slots,
		       unsigned int max_entries, unsigned int nr_tasks,
		       unsigned int iters)
{
	struct sim_area *sim = sim_create(test, nr_slots, max_entries);
	struct hammer_ctx *ctx;
	struct hammer *h;
	struct task_struct *t;
	unsigned int i, started = 0;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	h = kunit_kcalloc(test, nr_tasks, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_ASSERT_NOT_NULL(test, h);
	ctx->sim = sim;
	ctx->iters = iters;

	for (i = 0; i < nr_tasks; i++) {
		h[i].ctx = ctx;
		h[i].id = i;
		init_completion(&h[i].done);
		t = kthread_run(hammer_fn, &h[i], "xol_hammer/%u", i);
		if (IS_ERR(t)) {
			KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
			break;
		}
		started++;
	}
	for (i = 0; i < started; i++)
		wait_for_completion(&h[i].done);

	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->errors), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->twice), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&ctx->gets),
			(long)started * iters);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&ctx->hits) +
			(long)xol_cache_area_stat(&sim->xa, XOL_CACHE_MISSES),
			atomic_long_read(&ctx->gets));
	KUNIT_EXPECT_GT(test, xol_cache_area_stat(&sim->xa, XOL_CACHE_RECLAIMS),
			0UL);
	KUNIT_EXPECT_GT(test, xol_cache_area_stat(&sim->xa,
						  XOL_CACHE_ADOPTIONS), 0UL);
	KUNIT_EXPECT_GT(test, atomic_long_read(&ctx->hits), 0L);
	kunit_info(test,
		   "%u tasks, %u slots: %ld gets, %ld hits, %lu writes, %lu reclaims, %lu adoptions, %lu evictions, %lu waits, %lu drops",
		   started, nr_slots - 1, atomic_long_read(&ctx->gets),
		   atomic_long_read(&ctx->hits),
		   xol_cache_area_stat(&sim->xa, XOL_CACHE_WRITES),
		   xol_cache_area_stat(&sim->xa, XOL_CACHE_RECLAIMS),
		   xol_cache_area_stat(&sim->xa, XOL_CACHE_ADOPTIONS),
		   xol_cache_area_stat(&sim->xa, XOL_CACHE_EVICTIONS),
		   xol_cache_area_stat(&sim->xa, XOL_CACHE_WAITS),
		   xol_cache_area_stat(&sim->xa, XOL_CACHE_DROPS));
	sim_expect_initial(test, sim);
	sim_destroy(test, sim);
}

static void xol_cache_test_hammer(struct kunit *test)
{
	hammer_run(test, 6, 3, 8, 3000);
}

/* Many more tasks than slots: two usable slots, sixteen tasks. */
static void xol_cache_test_hammer_tiny(struct kunit *test)
{
	hammer_run(test, 3, 2, 16, 1000);
}

static struct kunit_case xol_cache_test_cases[] = {
	KUNIT_CASE(xol_cache_test_hit_no_write),
	KUNIT_CASE(xol_cache_test_multi_probe_round),
	KUNIT_CASE(xol_cache_test_rewrite_on_change),
	KUNIT_CASE(xol_cache_test_eviction),
	KUNIT_CASE(xol_cache_test_recycle_reclaimed),
	KUNIT_CASE(xol_cache_test_cycle_over_bound),
	KUNIT_CASE(xol_cache_test_working_set_change),
	KUNIT_CASE(xol_cache_test_grow_past_bound),
	KUNIT_CASE(xol_cache_test_reclaim),
	KUNIT_CASE(xol_cache_test_no_write_same_bytes),
	KUNIT_CASE(xol_cache_test_adopt),
	KUNIT_CASE(xol_cache_test_wait),
	KUNIT_CASE(xol_cache_test_wait_killed),
	KUNIT_CASE(xol_cache_test_flush),
	KUNIT_CASE(xol_cache_test_area_change),
	KUNIT_CASE(xol_cache_test_drop_range),
	KUNIT_CASE(xol_cache_test_drop_cycles_bounded),
	KUNIT_CASE(xol_cache_test_bad_args),
	KUNIT_CASE(xol_cache_test_enomem),
	KUNIT_CASE(xol_cache_test_hammer),
	KUNIT_CASE(xol_cache_test_hammer_tiny),
	{}
};

static struct kunit_suite xol_cache_test_suite = {
	.name = "uprobes_xol_cache",
	.test_cases = xol_cache_test_cases,
};

kunit_test_suite(xol_cache_test_suite);

MODULE_DESCRIPTION("KUnit tests of the uprobes XOL slot cache");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(UPROBES_XOL_CACHE);
