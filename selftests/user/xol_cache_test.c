// SPDX-License-Identifier: GPL-2.0
/*
 * The uprobes XOL slot cache (uprobes-xol/uprobes_xol_cache.c, unchanged)
 * in user space: tasks are threads, the XOL area a simulated one that
 * checks every slot has one holder and is never written while a task is
 * stepping in it.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/bitops.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/uprobes_xol_cache.h>

#include "harness.h"

#define SLOTS_MAX	64
#define TASKS_MAX	16
#define INSN_LEN	8

/**
 * struct sim_area - a simulated XOL area
 * @xa: the cache's part
 * @nr_slots: slots in use, at most %SLOTS_MAX
 * @taken: slots handed out by take_slot and not freed
 * @bytes: what each slot holds; plain memory, so the cache's ordering
 *	   is what keeps a writer and a stepper apart, under TSAN's eyes
 * @stepping: for each slot, 1 + the task stepping in it, or 0
 * @releases: calls of ->release()
 */
struct sim_area {
	struct xol_cache_area xa;
	unsigned int nr_slots;
	unsigned long taken[BITS_TO_LONGS(SLOTS_MAX)];
	u8 bytes[SLOTS_MAX][XOL_CACHE_INSN_MAX];
	int stepping[SLOTS_MAX];
	int releases;
};

static struct sim_area *to_sim(struct xol_cache_area *xa)
{
	return container_of(xa, struct sim_area, xa);
}

static int sim_take_slot(struct xol_cache_area *xa)
{
	struct sim_area *sim = to_sim(xa);
	unsigned int i;

	for (i = 0; i < sim->nr_slots; i++)
		if (!test_bit(i, sim->taken) && !test_and_set_bit(i, sim->taken))
			return i;
	return -ENOSPC;
}

static void sim_free_slot(struct xol_cache_area *xa, unsigned int slot)
{
	CHECK(test_and_clear_bit(slot, to_sim(xa)->taken));
}

static void sim_write_slot(struct xol_cache_area *xa, unsigned int slot,
			   const void *insn, unsigned int len)
{
	struct sim_area *sim = to_sim(xa);

	CHECK(test_bit(slot, sim->taken));
	/* never under a task stepping in it */
	CHECK(!__atomic_load_n(&sim->stepping[slot], __ATOMIC_RELAXED));
	memcpy(sim->bytes[slot], insn, len);
}

static void sim_read_slot(struct xol_cache_area *xa, unsigned int slot,
			  void *buf, unsigned int len)
{
	memcpy(buf, to_sim(xa)->bytes[slot], len);
}

static void sim_release(struct xol_cache_area *xa)
{
	__atomic_fetch_add(&to_sim(xa)->releases, 1, __ATOMIC_SEQ_CST);
}

static const struct xol_cache_area_ops sim_ops = {
	.take_slot = sim_take_slot,
	.free_slot = sim_free_slot,
	.write_slot = sim_write_slot,
	.read_slot = sim_read_slot,
	.release = sim_release,
};

static struct sim_area *sim_new(unsigned int nr_slots, unsigned int max_entries)
{
	struct sim_area *sim = calloc(1, sizeof(*sim));

	sim->nr_slots = nr_slots;
	if (!CHECK(!xol_cache_area_init(&sim->xa, &sim_ops, nr_slots,
					INSN_LEN, max_entries))) {
		free(sim);
		return NULL;
	}
	return sim;
}

static unsigned int sim_taken(struct sim_area *sim)
{
	unsigned int i, n = 0;

	for (i = 0; i < sim->nr_slots; i++)
		n += test_bit(i, sim->taken);
	return n;
}

/* Drop the owner's reference: the area must then be released, once. */
static void sim_put(struct sim_area *sim)
{
	rcu_barrier();
	CHECK(sim_taken(sim) == 0);
	xol_cache_area_put(&sim->xa);
	CHECK(READ_ONCE(sim->releases) == 1);
	free(sim);
}

/* The instruction of address @vaddr, variant @v. */
static void insn_of(unsigned long vaddr, unsigned int v, u8 *insn)
{
	unsigned int i;

	for (i = 0; i < INSN_LEN; i++)
		insn[i] = (u8)(vaddr * 31 + v * 7 + i);
}

/*
 * One step as uprobes does it: get a slot for @vaddr, check we are its
 * only holder and that it holds our instruction, "step", put it back.
 */
static bool step(struct xol_cache *xc, struct sim_area *sim, int task,
		 unsigned long vaddr, unsigned int v)
{
	u8 insn[INSN_LEN];
	int slot;

	insn_of(vaddr, v, insn);
	slot = xol_cache_get(xc, &sim->xa, vaddr, NULL, insn, INSN_LEN);
	if (!CHECK(slot >= 0 && slot < (int)sim->nr_slots))
		return false;
	CHECK(test_bit(slot, sim->taken));
	CHECK(!__atomic_exchange_n(&sim->stepping[slot], task + 1,
				   __ATOMIC_RELAXED));
	CHECK(!memcmp(sim->bytes[slot], insn, INSN_LEN));
	__atomic_store_n(&sim->stepping[slot], 0, __ATOMIC_RELAXED);
	xol_cache_put(xc);
	return true;
}

/* A second hit at an address reuses its slot without writing it. */
static void case_hit_writes_nothing(void)
{
	struct sim_area *sim = sim_new(8, 4);
	struct xol_cache xc = { };
	unsigned long w;

	if (!sim)
		return;
	step(&xc, sim, 0, 0x1000, 0);
	w = xol_cache_area_stat(&sim->xa, XOL_CACHE_WRITES);
	step(&xc, sim, 0, 0x1000, 0);
	CHECK(xol_cache_area_stat(&sim->xa, XOL_CACHE_WRITES) == w);
	CHECK(xc.hits == 1);
	/* a new instruction at the address is written (rule 1) */
	step(&xc, sim, 0, 0x1000, 1);
	CHECK(xol_cache_area_stat(&sim->xa, XOL_CACHE_WRITES) == w + 1);
	xol_cache_flush(&xc);
	sim_put(sim);
}

/* Flushing gives every slot back, including one held mid-step. */
static void case_flush_returns_everything(void)
{
	struct sim_area *sim = sim_new(8, 8);
	struct xol_cache xc = { };
	u8 insn[INSN_LEN];
	int i;

	if (!sim)
		return;
	for (i = 0; i < 6; i++)
		step(&xc, sim, 0, 0x100 + i, 0);
	insn_of(0x200, 0, insn);
	CHECK(xol_cache_get(&xc, &sim->xa, 0x200, NULL, insn, INSN_LEN) >= 0);
	CHECK(sim_taken(sim) == 7);
	xol_cache_flush(&xc);
	CHECK(sim_taken(sim) == 0);
	CHECK(!xc.area);
	sim_put(sim);
}

/*
 * A task below its bound takes slots from another task's idle entries;
 * at its bound, with no free slot, it recycles its own instead and
 * stays at the bound.
 */
static void case_bound_held(void)
{
	struct sim_area *sim = sim_new(8, 2);
	struct xol_cache a = { }, b = { };
	int i, round;

	if (!sim)
		return;
	/* alone, a task grows into every free slot, past its bound */
	for (i = 0; i < 8; i++)
		step(&a, sim, 0, 0x100 + i, 0);
	CHECK(a.nr_entries == 8);
	for (round = 0; round < 4; round++)
		for (i = 0; i < 8; i++)
			step(&b, sim, 1, 0x900 + i, 0);
	CHECK(b.nr_entries == 2);
	CHECK(a.nr_entries + b.nr_entries >= 8);
	CHECK(sim_taken(sim) == 8);
	xol_cache_flush(&a);
	xol_cache_flush(&b);
	sim_put(sim);
}

/* Allocation failure: -ENOMEM, no slot kept, and the next try works. */
static void case_allocation_failure(void)
{
	struct sim_area *sim;
	struct xol_cache xc = { };
	struct xol_cache_area xa;
	long live = READ_ONCE(ps_live_allocs);
	u8 insn[INSN_LEN];

	WRITE_ONCE(ps_fail_nth, 1);
	CHECK(xol_cache_area_init(&xa, &sim_ops, 8, INSN_LEN, 4) == -ENOMEM);
	WRITE_ONCE(ps_fail_nth, 0);
	sim = sim_new(8, 4);
	if (!sim)
		return;
	insn_of(0x10, 0, insn);
	WRITE_ONCE(ps_fail_nth, 1);
	CHECK(xol_cache_get(&xc, &sim->xa, 0x10, NULL, insn, INSN_LEN) == -ENOMEM);
	WRITE_ONCE(ps_fail_nth, 0);
	CHECK(sim_taken(sim) == 0);
	step(&xc, sim, 0, 0x10, 0);
	xol_cache_flush(&xc);
	sim_put(sim);

	/*
	 * At its bound a task grows into a free slot without sleeping; when
	 * that allocation fails, the slot goes back and the task recycles
	 * its entry instead.
	 */
	sim = sim_new(8, 1);
	if (!sim)
		return;
	step(&xc, sim, 0, 0x10, 0);
	WRITE_ONCE(ps_fail_nth, 1);
	CHECK(step(&xc, sim, 0, 0x20, 0));
	WRITE_ONCE(ps_fail_nth, 0);
	CHECK(xc.nr_entries == 1);
	CHECK(sim_taken(sim) == 1);
	xol_cache_flush(&xc);
	sim_put(sim);
	rcu_barrier();
	CHECK(READ_ONCE(ps_live_allocs) == live);
}

/* The stress cases: tasks stepping at random addresses, all at once. */
struct stress {
	struct sim_area *sim;
	unsigned int nr_addrs;
	int tasks;
	unsigned long steps[TASKS_MAX];
};

static void stress_task(int i, void *arg)
{
	struct stress *s = arg;
	struct xol_cache xc = { };
	unsigned int r;

	while (!READ_ONCE(ps_stop)) {
		r = ps_rand();
		/* a few addresses see their instruction change */
		if (!step(&xc, s->sim, i, 0x4000 + r % s->nr_addrs,
			  (r >> 16) % 64 == 0))
			break;
		s->steps[i]++;
		/* one entry per address at most, reclaimed ones included */
		CHECK(xc.nr_entries <= s->nr_addrs);
		if ((r >> 8) % 4096 == 0)
			xol_cache_flush(&xc);
	}
	xol_cache_flush(&xc);
}

/* The last "task": munmap of a range now and then (xol_cache_area_drop()). */
static void stress_dropper(int i, void *arg)
{
	struct stress *s = arg;
	unsigned long start;

	while (!READ_ONCE(ps_stop)) {
		start = 0x4000 + ps_rand() % s->nr_addrs;
		xol_cache_area_drop(&s->sim->xa, start, start + 4);
		ps_msleep(1);
	}
}

static void stress_thread(int i, void *arg)
{
	struct stress *s = arg;

	if (i == s->tasks)
		stress_dropper(i, arg);
	else
		stress_task(i, arg);
}

static void stress_run(unsigned int slots, unsigned int max_entries,
		       int tasks, unsigned int nr_addrs)
{
	struct ps_cpus c = { .nr = tasks + 1, .fn = stress_thread };
	struct stress s = { .nr_addrs = nr_addrs, .tasks = tasks };
	long live = READ_ONCE(ps_live_allocs);
	const char *ms = getenv("PS_STRESS_MS");
	unsigned long steps = 0;
	int i;

	s.sim = sim_new(slots, max_entries);
	if (!s.sim)
		return;
	c.arg = &s;
	ps_cpus_start(&c);
	ps_msleep(ms ? atoi(ms) : 1000);
	WRITE_ONCE(ps_stop, 1);
	ps_cpus_join(&c);
	for (i = 0; i < tasks; i++) {
		CHECK(s.steps[i] > 0);
		steps += s.steps[i];
	}
	fprintf(stderr, "# %u slots, bound %u, %d tasks, %u addresses: ",
		slots, max_entries, tasks, nr_addrs);
	fprintf(stderr, "%lu steps, %lu writes, %lu reclaims, %lu adoptions, ",
		steps, xol_cache_area_stat(&s.sim->xa, XOL_CACHE_WRITES),
		xol_cache_area_stat(&s.sim->xa, XOL_CACHE_RECLAIMS),
		xol_cache_area_stat(&s.sim->xa, XOL_CACHE_ADOPTIONS));
	fprintf(stderr, "%lu waits, %lu drops\n",
		xol_cache_area_stat(&s.sim->xa, XOL_CACHE_WAITS),
		xol_cache_area_stat(&s.sim->xa, XOL_CACHE_DROPS));
	sim_put(s.sim);
	rcu_barrier();
	CHECK(READ_ONCE(ps_live_allocs) == live);
}

/* Tasks share the addresses and the slots; more addresses than slots. */
static void case_stress_shared_addresses(void)
{
	stress_run(16, 4, 4, 24);
}

/* More tasks than slots: tasks wait for one another's steps to end. */
static void case_stress_more_tasks_than_slots(void)
{
	stress_run(3, 1, 6, 8);
}

/* Plenty of slots, a few hot addresses: adoption and hits. */
static void case_stress_plenty_of_slots(void)
{
	stress_run(SLOTS_MAX, 8, 3, 6);
}

static const struct ps_case cases[] = {
	{ "hit-writes-nothing", case_hit_writes_nothing },
	{ "flush-returns-everything", case_flush_returns_everything },
	{ "bound-held", case_bound_held },
	{ "allocation-failure", case_allocation_failure },
	{ "stress-shared-addresses", case_stress_shared_addresses },
	{ "stress-more-tasks-than-slots", case_stress_more_tasks_than_slots },
	{ "stress-plenty-of-slots", case_stress_plenty_of_slots },
};

int main(void)
{
	return ps_run_cases("xol-cache", cases, ARRAY_SIZE(cases));
}
