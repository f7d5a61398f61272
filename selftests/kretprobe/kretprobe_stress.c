// SPDX-License-Identifier: GPL-2.0
/*
 * kretprobe stress test, a KUnit suite named "kretprobe_stress".
 *
 * kthreads on every online CPU call functions of this module that carry
 * kretprobes with entry handlers and per-instance data, one of which
 * sleeps, and the suite checks what the kretprobe API promises:
 *
 *  - every call of a probed function while its kretprobe is registered
 *    is either seen by the entry handler (accepted or rejected by it) or
 *    missed, and nmissed counts every miss when misses do not race (it
 *    is a plain int incremented without atomics, here and upstream, so
 *    concurrent misses can only make it smaller than the real count);
 *  - every accepted entry gets exactly one return, on the same task,
 *    with the instance data the entry handler wrote and the function's
 *    real return value;
 *  - a kretprobe can be unregistered and freed while instances are in
 *    flight (callers asleep in the probed function): their returns are
 *    not reported and nothing touches the freed kretprobe;
 *  - instances held by tasks that exit inside a probed function come back
 *    (rethook_flush_task(), kprobe_flush_task()), whether the kretprobe
 *    is still registered or not;
 *  - with CONFIG_FPROBE, an fprobe with an exit handler keeps the same
 *    counts (fprobe also takes its return nodes from rethook).
 *
 * Leaks and use-after-free are left to kmemleak and KASAN on the debug
 * test kernels; the counts are checked here on every kernel.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/fprobe.h>
#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/wait.h>

/*
 * No module parameters: on 6.1, KUnit runs the suites of a module while it
 * is still MODULE_STATE_COMING, before its parameters are parsed.
 */
#define KRS_LOAD_MS	1000	/* each load phase */
#define KRS_CYCLES	20	/* register/unregister cycles in flight */

/* See krs_test_unregister_in_flight(). */
#ifdef KRS_UNREGISTER_HOT
#define KRS_HOT		true
#else
#define KRS_HOT		false
#endif

#define KRS_MAGIC	0x6b72735f64617461UL	/* "krs_data" */
#define KRS_MUL		0x9e3779b97f4a7c15UL

/* The probed functions, in the order of krs_call::calls[]. */
enum krs_fn {
	KRS_FAST,	/* returns at once */
	KRS_OUTER,	/* calls KRS_FAST twice: two instances per task */
	KRS_SLEEPY,	/* sleeps for about 100 us */
	KRS_GATED,	/* sleeps until the test opens its gate, or exits */
	KRS_NR_FN,
};

/* What a worker passes to a probed function; read by the entry handler. */
struct krs_call {
	unsigned long seq;		/* changes before every call */
	unsigned long calls[KRS_NR_FN];	/* counted by the functions */
	bool exit_inside;		/* KRS_GATED: exit instead of waiting */
	bool no_wait;			/* KRS_GATED: return at once */
	struct completion *exited;	/* completed by an exiting worker */
};

/* Instance data: written on entry, checked on return. */
struct krs_data {
	unsigned long magic;		/* KRS_MAGIC ^ instance address */
	struct task_struct *task;
	unsigned long expect;		/* the return value to be seen */
	struct krs_stats *stats;
};

/* Counts of one kretprobe; never freed with it. */
struct krs_stats {
	atomic_long_t entries;		/* accepted by the entry handler */
	atomic_long_t rejected;		/* refused by the entry handler */
	atomic_long_t returns;
	atomic_long_t bad;		/* returns with wrong data */
	bool reject_some;		/* refuse every 5th call */
};

struct krs_probe {
	struct kretprobe rp;
	enum krs_fn fn;
	struct krs_stats *stats;	/* &own, or stats that outlive us */
	struct krs_stats own;
};

/* The gate of KRS_GATED and how many callers are waiting behind it. */
static DECLARE_WAIT_QUEUE_HEAD(krs_gate_wq);
static bool krs_gate_open;
static atomic_t krs_gated_inside = ATOMIC_INIT(0);

static unsigned long krs_expect(const struct krs_call *c, enum krs_fn fn)
{
	return c->seq * KRS_MUL + fn;
}

/*
 * noipa: the functions must stay real calls under their own symbols, with
 * their argument in the first argument register, whatever the optimiser
 * thinks.
 */
static noinline __attribute__((__noipa__)) unsigned long
krs_fast(struct krs_call *c)
{
	c->calls[KRS_FAST]++;
	return krs_expect(c, KRS_FAST);
}

static noinline __attribute__((__noipa__)) unsigned long
krs_outer(struct krs_call *c)
{
	unsigned long a, b;

	c->calls[KRS_OUTER]++;
	a = krs_fast(c);
	b = krs_fast(c);
	/* Both inner calls return the same value: the sum is checkable. */
	return a == b ? krs_expect(c, KRS_OUTER) : 0;
}

static noinline __attribute__((__noipa__)) unsigned long
krs_sleepy(struct krs_call *c)
{
	c->calls[KRS_SLEEPY]++;
	usleep_range(50, 150);
	return krs_expect(c, KRS_SLEEPY);
}

static noinline __attribute__((__noipa__)) unsigned long
krs_gated(struct krs_call *c)
{
	c->calls[KRS_GATED]++;
	if (c->exit_inside)
		kthread_complete_and_exit(c->exited, 0);
	if (c->no_wait)
		return krs_expect(c, KRS_GATED);
	atomic_inc(&krs_gated_inside);
	wait_event(krs_gate_wq, READ_ONCE(krs_gate_open));
	atomic_dec(&krs_gated_inside);
	return krs_expect(c, KRS_GATED);
}

static unsigned long (*const krs_fns[KRS_NR_FN])(struct krs_call *c) = {
	[KRS_FAST] = krs_fast,
	[KRS_OUTER] = krs_outer,
	[KRS_SLEEPY] = krs_sleepy,
	[KRS_GATED] = krs_gated,
};

static int krs_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct krs_probe *p = container_of(get_kretprobe(ri), struct krs_probe, rp);
	struct krs_call *c = (struct krs_call *)regs_get_kernel_argument(regs, 0);
	struct krs_data *d = (struct krs_data *)ri->data;

	if (p->stats->reject_some && c->seq % 5 == 0) {
		atomic_long_inc(&p->stats->rejected);
		return 1;
	}
	d->magic = KRS_MAGIC ^ (unsigned long)ri;
	d->task = current;
	d->expect = krs_expect(c, p->fn);
	/* The return handler must not need the kretprobe: see below. */
	d->stats = p->stats;
	atomic_long_inc(&p->stats->entries);
	return 0;
}

static int krs_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct krs_data *d = (struct krs_data *)ri->data;
	struct krs_stats *stats = d->stats;

	if (d->magic != (KRS_MAGIC ^ (unsigned long)ri) || d->task != current ||
	    regs_return_value(regs) != d->expect)
		atomic_long_inc(&stats->bad);
	/* A second return of this instance would now count as bad. */
	d->magic = 0;
	atomic_long_inc(&stats->returns);
	return 0;
}

/*
 * A kretprobe on @fn counting into @stats, or into its own stats when
 * @stats is NULL. It is kfree()d by the test, possibly while instances
 * are in flight.
 */
static struct krs_probe *krs_probe_new(struct kunit *test, enum krs_fn fn,
				       int maxactive, bool reject_some,
				       struct krs_stats *stats)
{
	struct krs_probe *p = kzalloc(sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->rp.kp.addr = (kprobe_opcode_t *)krs_fns[fn];
	p->rp.entry_handler = krs_entry;
	p->rp.handler = krs_return;
	p->rp.data_size = sizeof(struct krs_data);
	p->rp.maxactive = maxactive;
	p->fn = fn;
	p->stats = stats ? stats : &p->own;
	p->stats->reject_some = reject_some;
	return p;
}

/*
 * Check the counts of a kretprobe that was registered during every one of
 * @calls calls of its function and has no instance in flight any more.
 */
static void krs_check_counts(struct kunit *test, struct krs_probe *p,
			     unsigned long calls, const char *name, bool quiet)
{
	long entries = atomic_long_read(&p->stats->entries);
	long rejected = atomic_long_read(&p->stats->rejected);
	long returns = atomic_long_read(&p->stats->returns);
	long missed = p->rp.nmissed + p->rp.kp.nmissed;

	/* To the console: the KUnit log of a case holds only 512 bytes. */
	if (!quiet)
		pr_info("%s: %s: %lu calls, %ld entries, %ld rejected, %ld returns, %ld missed\n",
			test->name, name, calls, entries, rejected, returns, missed);
	KUNIT_EXPECT_GT_MSG(test, calls, 0UL, "%s was never called", name);
	/* Racing misses can be lost from nmissed, never added. */
	KUNIT_EXPECT_LE_MSG(test, entries + rejected + missed, (long)calls,
			    "%s: more entries and misses than calls", name);
	if (!missed)
		KUNIT_EXPECT_EQ_MSG(test, entries + rejected, (long)calls,
				    "%s: calls neither seen by the entry handler nor missed", name);
	KUNIT_EXPECT_EQ_MSG(test, returns, entries,
			    "%s: every accepted entry returns once", name);
	KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&p->stats->bad), 0L,
			    "%s: returns with wrong task, data or value", name);
}

/*
 * Load: one kthread per worker, calling one function in a loop, or once
 * for GATED (then waiting to be stopped).
 */
struct krs_worker {
	struct task_struct *task;
	enum krs_fn fn;
	struct krs_call call;
	struct completion exited;
};

struct krs_load {
	struct krs_worker *w;
	int nr;
};

static int krs_worker_fn(void *arg)
{
	struct krs_worker *w = arg;

	while (!kthread_should_stop()) {
		w->call.seq++;
		krs_fns[w->fn](&w->call);
		if (w->fn == KRS_GATED)
			break;
		cond_resched();
	}
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Start @per_cpu workers on each online CPU for each function in @fns. */
static void krs_load_start(struct kunit *test, struct krs_load *load,
			   const enum krs_fn *fns, int nr_fns, int per_cpu)
{
	int cpu, i, k, n = 0;

	load->nr = num_online_cpus() * nr_fns * per_cpu;
	load->w = kunit_kcalloc(test, load->nr, sizeof(*load->w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, load->w);

	for_each_online_cpu(cpu) {
		for (i = 0; i < nr_fns; i++) {
			for (k = 0; k < per_cpu && n < load->nr; k++, n++) {
				struct krs_worker *w = &load->w[n];

				w->fn = fns[i];
				w->task = kthread_create(krs_worker_fn, w,
							 "krs/%d:%d", cpu, n);
				KUNIT_ASSERT_FALSE(test, IS_ERR(w->task));
				kthread_bind(w->task, cpu);
			}
		}
	}
	load->nr = n;
	for (n = 0; n < load->nr; n++)
		wake_up_process(load->w[n].task);
}

/* Stop the workers; return how often they called @fn in total. */
static void krs_load_stop(struct krs_load *load, unsigned long *calls)
{
	int n, fn;

	for (fn = 0; fn < KRS_NR_FN; fn++)
		calls[fn] = 0;
	for (n = 0; n < load->nr; n++) {
		kthread_stop(load->w[n].task);
		for (fn = 0; fn < KRS_NR_FN; fn++)
			calls[fn] += load->w[n].call.calls[fn];
	}
}

/*
 * Steady load on FAST, OUTER and SLEEPY, each with its own kretprobe
 * (maxactive instances, 0 for the default), registered before the workers
 * start and unregistered after they stop: the counts must agree exactly.
 */
static void krs_counts(struct kunit *test, int maxactive)
{
	static const enum krs_fn fns[] = { KRS_FAST, KRS_OUTER, KRS_SLEEPY };
	static const char *const names[] = { "fast", "outer", "sleepy" };
	struct krs_probe *p[ARRAY_SIZE(fns)];
	struct kretprobe *rps[ARRAY_SIZE(fns)];
	unsigned long calls[KRS_NR_FN];
	struct krs_load load;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(fns); i++) {
		p[i] = krs_probe_new(test, fns[i], maxactive, fns[i] == KRS_FAST,
				     NULL);
		rps[i] = &p[i]->rp;
	}
	ret = register_kretprobes(rps, ARRAY_SIZE(rps));
	KUNIT_ASSERT_EQ(test, ret, 0);

	/* Two sleepers per CPU: with maxactive=1 they must miss. */
	krs_load_start(test, &load, fns, ARRAY_SIZE(fns), 2);
	msleep(KRS_LOAD_MS);
	krs_load_stop(&load, calls);
	unregister_kretprobes(rps, ARRAY_SIZE(rps));

	for (i = 0; i < ARRAY_SIZE(fns); i++)
		krs_check_counts(test, p[i], calls[fns[i]], names[i], false);
	/* OUTER's own calls of FAST went through FAST's kretprobe too. */
	KUNIT_EXPECT_GT(test, atomic_long_read(&p[0]->stats->rejected), 0L);
	if (maxactive == 1)
		KUNIT_EXPECT_GT_MSG(test, p[2]->rp.nmissed, 0,
				    "sleepers holding the only instance must make others miss");

	for (i = 0; i < ARRAY_SIZE(fns); i++)
		kfree(p[i]);
}

/* The default maxactive: few or no misses. */
static void krs_test_counts(struct kunit *test)
{
	krs_counts(test, 0);
}

/* One instance per kretprobe: sleepers holding it make the others miss. */
static void krs_test_counts_tight(struct kunit *test)
{
	krs_counts(test, 1);
}

/* Start @nr workers in GATED and wait until all are asleep inside it. */
static void krs_gated_start(struct kunit *test, struct krs_load *load, int nr)
{
	static const enum krs_fn fn = KRS_GATED;
	unsigned long timeout = jiffies + 30 * HZ;
	int n;

	WRITE_ONCE(krs_gate_open, false);
	krs_load_start(test, load, &fn, 1, nr);
	for (n = 0; n < load->nr; n++)
		init_completion(&load->w[n].exited);
	while (atomic_read(&krs_gated_inside) < load->nr) {
		KUNIT_ASSERT_TRUE_MSG(test, time_before(jiffies, timeout),
				      "only %d of %d workers got into the gated function",
				      atomic_read(&krs_gated_inside), load->nr);
		usleep_range(500, 1000);
	}
}

static void krs_gate_open_all(void)
{
	WRITE_ONCE(krs_gate_open, true);
	wake_up_all(&krs_gate_wq);
}

/*
 * Exact miss accounting: sleepers hold every instance of a kretprobe on
 * GATED, then this thread alone calls GATED (without waiting): each call
 * must miss, and with no concurrent miss nmissed must count each one.
 */
static void krs_test_nmissed_exact(struct kunit *test)
{
	const int calls = 1000;
	struct krs_load sleepers;
	unsigned long done[KRS_NR_FN];
	struct krs_call c = { .no_wait = true };
	struct krs_probe *p;
	int i, nr;

	nr = num_online_cpus();
	p = krs_probe_new(test, KRS_GATED, nr, false, NULL);
	KUNIT_ASSERT_EQ(test, register_kretprobe(&p->rp), 0);
	krs_gated_start(test, &sleepers, 1);
	for (i = 0; i < calls; i++) {
		c.seq++;
		krs_gated(&c);
	}
	krs_gate_open_all();
	krs_load_stop(&sleepers, done);
	unregister_kretprobe(&p->rp);

	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->entries), (long)nr);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->returns), (long)nr);
	KUNIT_EXPECT_EQ(test, p->rp.nmissed, calls);
	KUNIT_EXPECT_EQ(test, p->rp.kp.nmissed, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->bad), 0L);
	kfree(p);
}

/*
 * Register/unregister cycles while instances are in flight: each cycle
 * registers a fresh kretprobe on GATED and one on FAST, lets workers sleep
 * in GATED (holding instances) while others hammer FAST, then unregisters
 * and frees the GATED kretprobe before the sleepers wake up and return. No
 * return may be reported after unregistration and the freed kretprobe
 * must not be touched (KASAN); the instances are freed with the last
 * return (kmemleak). The FAST kretprobe, under load across the other's
 * unregistration, must keep exact counts.
 *
 * With KRS_UNREGISTER_HOT defined (make ... KRS_UNREGISTER_HOT=1), the FAST
 * kretprobe is unregistered while the hammers still run, too. On x86_64
 * 6.1 under QEMU's multi-threaded TCG that makes a hammer jump to address
 * 0 on the vanilla kernel as well (not with thread=single, not on arm64),
 * so it is off by default; then only bounds can be checked for FAST.
 */
static void krs_test_unregister_in_flight(struct kunit *test)
{
	static const enum krs_fn fast = KRS_FAST;
	const bool hot = KRS_HOT;
	unsigned int cycle;

	for (cycle = 0; cycle < KRS_CYCLES; cycle++) {
		struct krs_probe *g, *f;
		struct krs_stats *gs, *fs;
		struct krs_load sleepers, hammer;
		unsigned long calls[KRS_NR_FN];
		long entries, returns;
		int nr;

		/* Stats outlive the kretprobes they count. */
		gs = kunit_kzalloc(test, sizeof(*gs), GFP_KERNEL);
		fs = kunit_kzalloc(test, sizeof(*fs), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, gs);
		KUNIT_ASSERT_NOT_NULL(test, fs);

		nr = num_online_cpus() * 2;
		g = krs_probe_new(test, KRS_GATED, nr, false, gs);
		f = krs_probe_new(test, KRS_FAST, 0, false, fs);
		KUNIT_ASSERT_EQ(test, register_kretprobe(&g->rp), 0);
		KUNIT_ASSERT_EQ(test, register_kretprobe(&f->rp), 0);

		krs_load_start(test, &hammer, &fast, 1, 1);
		krs_gated_start(test, &sleepers, 2);
		msleep(KRS_LOAD_MS / KRS_CYCLES + 1);

		/* Unregister with sleepers inside and FAST still running. */
		unregister_kretprobe(&g->rp);
		kfree(g);
		if (hot) {
			unregister_kretprobe(&f->rp);
			krs_load_stop(&hammer, calls);
		} else {
			krs_load_stop(&hammer, calls);
			unregister_kretprobe(&f->rp);
			krs_check_counts(test, f, calls[KRS_FAST], "fast", true);
		}
		kfree(f);

		krs_gate_open_all();
		krs_load_stop(&sleepers, calls);

		entries = atomic_long_read(&gs->entries);
		returns = atomic_long_read(&gs->returns);
		KUNIT_EXPECT_EQ_MSG(test, entries, (long)nr,
				    "cycle %u: every sleeper must have an instance", cycle);
		KUNIT_EXPECT_EQ_MSG(test, returns, 0L,
				    "cycle %u: no return after unregistration", cycle);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&gs->bad), 0L);

		if (hot) {
			/* At most one instance per hammer was in flight. */
			entries = atomic_long_read(&fs->entries);
			returns = atomic_long_read(&fs->returns);
			KUNIT_EXPECT_GT(test, entries, 0L);
			KUNIT_EXPECT_LE(test, returns, entries);
			KUNIT_EXPECT_LE(test, entries - returns, (long)hammer.nr);
			KUNIT_EXPECT_EQ(test, atomic_long_read(&fs->bad), 0L);
		}
		if (test->status == KUNIT_FAILURE)
			break;
	}
	/* Let the dropped instances be freed before kmemleak looks. */
	rcu_barrier();
}

/* Wait until the exiting workers of @load are in do_exit(). */
static void krs_wait_exited(struct krs_load *load)
{
	int n;

	for (n = 0; n < load->nr; n++)
		wait_for_completion(&load->w[n].exited);
}

/* Wait until the exited workers of @load have been released. */
static void krs_wait_released(struct kunit *test, struct krs_load *load)
{
	unsigned long timeout = jiffies + 30 * HZ;
	int n;

	/*
	 * A task is autoreaped (EXIT_DEAD) in exit_notify(), then switches
	 * away for the last time (TASK_DEAD, no longer on a CPU); right
	 * after that finish_task_switch() drops its last rcu_users
	 * reference, which queues delayed_put_task_struct(): that hands the
	 * instances of the dead task back (rethook_flush_task() or
	 * kprobe_flush_task()).
	 */
	for (n = 0; n < load->nr; n++) {
		struct task_struct *t = load->w[n].task;

		while (READ_ONCE(t->exit_state) != EXIT_DEAD ||
		       READ_ONCE(t->__state) != TASK_DEAD || READ_ONCE(t->on_cpu)) {
			KUNIT_ASSERT_TRUE(test, time_before(jiffies, timeout));
			usleep_range(500, 1000);
		}
		put_task_struct(t);
	}
	/* Let finish_task_switch() get to call_rcu(), then wait for it. */
	msleep(20);
	rcu_barrier();
}

/* Start workers that exit inside GATED, holding an instance each. */
static void krs_exiting_start(struct kunit *test, struct krs_load *load)
{
	int n;

	load->nr = num_online_cpus();
	load->w = kunit_kcalloc(test, load->nr, sizeof(*load->w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, load->w);
	for (n = 0; n < load->nr; n++) {
		struct krs_worker *w = &load->w[n];

		w->fn = KRS_GATED;
		w->call.exit_inside = true;
		init_completion(&w->exited);
		w->call.exited = &w->exited;
		w->task = kthread_create(krs_worker_fn, w, "krs-exit/%d", n);
		KUNIT_ASSERT_FALSE(test, IS_ERR(w->task));
		get_task_struct(w->task);
		wake_up_process(w->task);
	}
}

/*
 * Tasks that exit inside a probed function never return through the
 * trampoline: their instances come back when the task is freed. With the
 * kretprobe still registered they must be usable again (no miss when as
 * many sleepers as maxactive come next); unregistered and freed before
 * the tasks are, they must be freed with the tasks (kmemleak, KASAN).
 */
static void krs_test_exit_inside(struct kunit *test)
{
	struct krs_load exiting, sleepers;
	unsigned long calls[KRS_NR_FN];
	struct krs_probe *p;
	int nr = num_online_cpus();

	/* Registered throughout: the instances go back to the pool. */
	p = krs_probe_new(test, KRS_GATED, nr, false, NULL);
	KUNIT_ASSERT_EQ(test, register_kretprobe(&p->rp), 0);
	krs_exiting_start(test, &exiting);
	krs_wait_exited(&exiting);
	krs_wait_released(test, &exiting);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->entries), (long)nr);

	krs_gated_start(test, &sleepers, 1);
	krs_gate_open_all();
	krs_load_stop(&sleepers, calls);
	unregister_kretprobe(&p->rp);
	KUNIT_EXPECT_EQ_MSG(test, p->rp.nmissed, 0,
			    "instances of exited tasks were not handed back");
	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->entries), 2L * nr);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->returns), (long)nr);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->bad), 0L);
	kfree(p);

	/* Unregistered and freed while the dead tasks hold instances. */
	p = krs_probe_new(test, KRS_GATED, nr, false, NULL);
	KUNIT_ASSERT_EQ(test, register_kretprobe(&p->rp), 0);
	krs_exiting_start(test, &exiting);
	krs_wait_exited(&exiting);
	unregister_kretprobe(&p->rp);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&p->stats->entries), (long)nr);
	kfree(p);
	krs_wait_released(test, &exiting);
}

#ifdef CONFIG_FPROBE
struct krs_fprobe {
	struct fprobe fp;
	atomic_long_t entries;
	atomic_long_t exits;
	atomic_long_t bad;
};

static void krs_fentry_count(struct fprobe *fp, struct pt_regs *regs,
			     void *data)
{
	struct krs_fprobe *k = container_of(fp, struct krs_fprobe, fp);
	struct krs_call *c = (struct krs_call *)regs_get_kernel_argument(regs, 0);
	unsigned long *expect = data;

	*expect = krs_expect(c, KRS_FAST);
	atomic_long_inc(&k->entries);
}

static void krs_fexit_count(struct fprobe *fp, struct pt_regs *regs,
			    void *data)
{
	struct krs_fprobe *k = container_of(fp, struct krs_fprobe, fp);
	unsigned long *expect = data;

	if (regs_return_value(regs) != *expect)
		atomic_long_inc(&k->bad);
	atomic_long_inc(&k->exits);
}

/*
 * The handlers in the two forms of the kernels this suite is built for:
 * 6.1's, and the later one (6.12's), which passes the return address too
 * and lets the entry handler skip the exit one by returning non-zero.
 * Kbuild tells which from the kernel's <linux/fprobe.h>.
 */
#ifdef KRS_FPROBE_RET_IP
static int krs_fentry(struct fprobe *fp, unsigned long ip,
		      unsigned long ret_ip, struct pt_regs *regs, void *data)
{
	krs_fentry_count(fp, regs, data);
	return 0;
}

static void krs_fexit(struct fprobe *fp, unsigned long ip,
		      unsigned long ret_ip, struct pt_regs *regs, void *data)
{
	krs_fexit_count(fp, regs, data);
}
#else
static void krs_fentry(struct fprobe *fp, unsigned long ip,
		       struct pt_regs *regs, void *data)
{
	krs_fentry_count(fp, regs, data);
}

static void krs_fexit(struct fprobe *fp, unsigned long ip,
		      struct pt_regs *regs, void *data)
{
	krs_fexit_count(fp, regs, data);
}
#endif

/*
 * An fprobe with an exit handler on FAST, under the same load: fprobe's
 * return nodes come from rethook as well. Every entry must exit once, with
 * the return value its call gives. A call not seen by the entry handler is
 * counted in nmissed, but with a plain increment: two CPUs missing at once
 * can lose one (seen on 6.12, 0.8% of the misses), so entries + nmissed
 * may fall short of the calls, never exceed them (as for kretprobes in
 * krs_check_counts()).
 */
static void krs_test_fprobe(struct kunit *test)
{
	static const enum krs_fn fns[] = { KRS_FAST, KRS_OUTER };
	unsigned long calls[KRS_NR_FN], total;
	struct krs_load load;
	struct krs_fprobe *k;
	long entries, exits;

	k = kzalloc(sizeof(*k), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, k);
	k->fp.entry_handler = krs_fentry;
	k->fp.exit_handler = krs_fexit;
	k->fp.entry_data_size = sizeof(unsigned long);
	/* By name: ftrace resolves it among this module's functions. */
	KUNIT_ASSERT_EQ(test, register_fprobe(&k->fp, "krs_fast", NULL), 0);

	krs_load_start(test, &load, fns, ARRAY_SIZE(fns), 2);
	msleep(KRS_LOAD_MS);
	krs_load_stop(&load, calls);
	KUNIT_ASSERT_EQ(test, unregister_fprobe(&k->fp), 0);

	total = calls[KRS_FAST];
	entries = atomic_long_read(&k->entries);
	exits = atomic_long_read(&k->exits);
	pr_info("%s: %lu calls, %ld entries, %ld exits, %lu missed\n",
		test->name, total, entries, exits, k->fp.nmissed);
	KUNIT_EXPECT_GT(test, total, 0UL);
	/* Racing misses can be lost from nmissed, never added. */
	KUNIT_EXPECT_LE(test, entries + k->fp.nmissed, total);
	if (!k->fp.nmissed)
		KUNIT_EXPECT_EQ(test, entries, (long)total);
	KUNIT_EXPECT_EQ(test, exits, entries);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&k->bad), 0L);
	kfree(k);
	rcu_barrier();
}
#endif /* CONFIG_FPROBE */

static void krs_exit(struct kunit *test)
{
	/* Never leave a worker asleep behind the gate. */
	krs_gate_open_all();
}

static struct kunit_case krs_cases[] = {
	KUNIT_CASE(krs_test_counts),
	KUNIT_CASE(krs_test_counts_tight),
	KUNIT_CASE(krs_test_nmissed_exact),
	KUNIT_CASE(krs_test_unregister_in_flight),
	KUNIT_CASE(krs_test_exit_inside),
#ifdef CONFIG_FPROBE
	KUNIT_CASE(krs_test_fprobe),
#endif
	{}
};

static struct kunit_suite krs_suite = {
	.name = "kretprobe_stress",
	.exit = krs_exit,
	.test_cases = krs_cases,
};

kunit_test_suite(krs_suite);

MODULE_DESCRIPTION("kretprobe stress test: counts, in-flight unregistration, task exit");
MODULE_LICENSE("GPL");
