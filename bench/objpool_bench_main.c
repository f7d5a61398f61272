// SPDX-License-Identifier: GPL-2.0
/*
 * objpool_bench - throughput and memory of object pools
 *
 * Compares our objpool (objpool/, built as a module under its own symbol
 * names) with the pools of the kernel it runs on: 6.1's freelist
 * (<linux/freelist.h>) and, from 6.7 on, the kernel's own objpool
 * (<linux/objpool.h>), and with "none" (pool_none.c), no pool at all: the
 * cost of the cases' loops alone.  Each pool is compiled in a unit of its
 * own (pool_*.c) with its inline fast path; which ones exist depends on
 * the kernel built against (file "pools").
 *
 * A run binds one worker kthread to each of the first THREADS online
 * CPUs.  Cases:
 *   sync     pop an object, write to it, push it back
 *   async    pop an object here; an irq_work on the same CPU pushes it
 *            back (hardirq context), raised every PB_ASYNC_BATCH objects
 *   overrun  pop PB_OVERRUN_BULK objects, then push them all back, from a
 *            pool of 2 objects per possible CPU: more users than
 *            objects, so pops miss
 *   empty    pop from a pool whose objects are all held out of it (taken
 *            before the run, 2 per possible CPU): every pop misses, and
 *            ns_per_miss is what finding the pool empty costs; not for
 *            pool "none"
 * and each of them "-hrtimer": a per-CPU hrtimer also pops and pushes
 * PB_TIMER_BULK objects every millisecond, in hardirq context, nested in
 * the worker's operations.  sync and async pools hold 8 objects per
 * possible CPU.
 *
 * Interface, in /sys/kernel/debug/objpool_bench/:
 *   pools  (read)  the pools this build has, e.g. "ours freelist none"
 *   run    (write) "POOL CASE THREADS MS": run and return when done
 *          (read)  the last run, one line of key=value: pool= case=
 *                  threads= ms= nr_objs= ops= misses= rate= misses_per_s=
 *                  ns_per_op= ns_per_miss= timer_ops= timer_misses=
 *                  found=
 *                  rate and misses_per_s are summed over the workers,
 *                  each over its own running time; ns_per_op is the mean
 *                  over the workers of their time per successful pop,
 *                  ns_per_miss the same per failed pop;
 *                  found is the number of objects in the pool after the
 *                  run, which must be nr_objs
 *   mem    (read)  bytes of each pool for nr_objs = 2 x possible CPUs
 *                  (keys a_*) and nr_objs = 512 (keys b_*): our rings and
 *                  objects (objpool_ring_bytes(), objpool_obj_bytes()),
 *                  upstream's by its formula (rings, objects, and what
 *                  its allocations take), freelist's (objects with their
 *                  links, plus the head)
 * Errors: -EINVAL for a malformed command, an unknown pool or case, the
 * empty case on pool "none", THREADS outside 1..online CPUs or MS outside
 * 1..60000; -EBUSY while another run is going on; -EIO when a new pool
 * does not hand out every object it was made with; -ENOMEM.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "objpool_bench.h"

#define PB_MAX_MS	60000

static const struct pb_pool *const pb_pools[] = {
#ifdef PB_HAVE_OURS
	&pb_pool_ours,
#endif
#ifdef PB_HAVE_FREELIST
	&pb_pool_freelist,
#endif
#ifdef PB_HAVE_UPSTREAM
	&pb_pool_upstream,
#endif
	&pb_pool_none,
};

static const char *const pb_case_names[] = {
	[PB_SYNC] = "sync",
	[PB_ASYNC] = "async",
	[PB_OVERRUN] = "overrun",
	[PB_EMPTY] = "empty",
};

/**
 * struct pb_result - what the last run measured
 * @pool:         name of the pool
 * @cs:           the case
 * @hrtimer:      whether the case had the hrtimer user
 * @threads:      worker kthreads
 * @ms:           requested duration
 * @nr_objs:      objects in the pool
 * @ops:          successful pops of the workers
 * @misses:       failed pops of the workers
 * @rate:         successful pops per second, summed over the workers
 * @misses_per_s: failed pops per second, likewise
 * @ns_per_op:    mean over the workers of nanoseconds per successful pop
 * @ns_per_miss:  mean over the workers of nanoseconds per failed pop
 * @timer_ops:    successful pops of the hrtimer users
 * @timer_misses: failed pops of the hrtimer users
 * @found:        objects in the pool after the run
 */
struct pb_result {
	const char *pool;
	enum pb_case cs;
	bool hrtimer;
	unsigned int threads;
	unsigned int ms;
	int nr_objs;
	u64 ops;
	u64 misses;
	u64 rate;
	u64 misses_per_s;
	u64 ns_per_op;
	u64 ns_per_miss;
	u64 timer_ops;
	u64 timer_misses;
	int found;
};

static DEFINE_MUTEX(pb_lock);		/* one run at a time */
static struct pb_result pb_last;	/* under pb_lock */
static struct dentry *pb_dir;

static enum hrtimer_restart pb_timer_fn(struct hrtimer *t)
{
	struct pb_cpu *c = container_of(t, struct pb_cpu, timer);

	c->run->ops->timer(c);
	hrtimer_forward_now(t, ns_to_ktime(PB_TIMER_PERIOD_NS));
	return HRTIMER_RESTART;
}

static int pb_thread(void *arg)
{
	struct pb_cpu *c = arg;
	u64 t0 = ktime_get_ns();

	/* Pinned, and this kthread is bound: the timer fires on this CPU. */
	if (c->run->hrtimer)
		hrtimer_start(&c->timer, ns_to_ktime(PB_TIMER_PERIOD_NS),
			      HRTIMER_MODE_REL_PINNED);
	c->run->ops->worker(c);
	if (c->run->hrtimer)
		hrtimer_cancel(&c->timer);
	c->ns = ktime_get_ns() - t0;
	return 0;
}

static int pb_do_run(const struct pb_pool *ops, enum pb_case cs, bool hrtimer,
		     unsigned int threads, unsigned int ms)
{
	struct pb_run run = { .ops = ops, .cs = cs, .hrtimer = hrtimer };
	struct pb_result res = {
		.pool = ops->name, .cs = cs, .hrtimer = hrtimer,
		.threads = threads, .ms = ms,
	};
	unsigned int i = 0, timed = 0, timed_misses = 0;
	LLIST_HEAD(held);
	struct pb_cpu *cpus;
	int cpu, err = 0;
	void *pool;

	res.nr_objs = num_possible_cpus() *
		      (cs == PB_SYNC || cs == PB_ASYNC ? 8 : 2);
	cpus = kcalloc(threads, sizeof(*cpus), GFP_KERNEL);
	if (!cpus)
		return -ENOMEM;
	pool = ops->create(res.nr_objs);
	if (IS_ERR(pool)) {
		kfree(cpus);
		return PTR_ERR(pool);
	}
	if (cs == PB_EMPTY && ops->take_all(pool, &held) != res.nr_objs)
		err = -EIO;	/* a fresh pool without all of its objects */

	for (i = 0; i < threads; i++) {
		struct pb_cpu *c = &cpus[i];

		c->run = &run;
		c->pool = pool;
		init_llist_head(&c->async_list);
		init_irq_work(&c->async_work, ops->async);
		hrtimer_init(&c->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED);
		c->timer.function = pb_timer_fn;
	}

	/* Keep the CPUs the workers are bound to online until they end. */
	cpus_read_lock();
	i = 0;
	for_each_online_cpu(cpu) {
		struct task_struct *t;

		if (err || i == threads)
			break;
		t = kthread_create(pb_thread, &cpus[i], "objpool_bench/%d", cpu);
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			break;
		}
		kthread_bind(t, cpu);
		get_task_struct(t);
		cpus[i++].task = t;
	}
	/* A CPU went offline since the write was checked. */
	if (!err && i < threads)
		err = -EINVAL;
	if (!err) {
		for (i = 0; i < threads; i++)
			wake_up_process(cpus[i].task);
		msleep(ms);
	}
	/* A stale read only makes a worker do one more round. */
	WRITE_ONCE(run.stop, true);
	for (i = 0; i < threads && cpus[i].task; i++) {
		kthread_stop(cpus[i].task);
		put_task_struct(cpus[i].task);
	}
	cpus_read_unlock();

	/* Objects still queued for an irq_work go back from here. */
	for (i = 0; i < threads; i++) {
		irq_work_sync(&cpus[i].async_work);
		ops->async(&cpus[i].async_work);
	}
	if (cs == PB_EMPTY)
		ops->give_back(pool, &held);
	if (err)
		goto out;

	for (i = 0; i < threads; i++) {
		struct pb_cpu *c = &cpus[i];

		res.ops += c->worker.ops;
		res.misses += c->worker.misses;
		res.timer_ops += c->timer_stats.ops;
		res.timer_misses += c->timer_stats.misses;
		if (!c->ns)
			continue;
		res.rate += div64_u64(c->worker.ops * NSEC_PER_SEC, c->ns);
		res.misses_per_s += div64_u64(c->worker.misses * NSEC_PER_SEC,
					      c->ns);
		if (c->worker.ops) {
			res.ns_per_op += div64_u64(c->ns, c->worker.ops);
			timed++;
		}
		if (c->worker.misses) {
			res.ns_per_miss += div64_u64(c->ns, c->worker.misses);
			timed_misses++;
		}
	}
	if (timed)
		res.ns_per_op = div_u64(res.ns_per_op, timed);
	if (timed_misses)
		res.ns_per_miss = div_u64(res.ns_per_miss, timed_misses);
	res.found = ops->drain(pool);
	pb_last = res;
out:
	ops->destroy(pool);
	kfree(cpus);
	return err;
}

static const struct pb_pool *pb_find_pool(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(pb_pools); i++)
		if (!strcmp(pb_pools[i]->name, name))
			return pb_pools[i];
	return NULL;
}

/* "sync", "async-hrtimer", ... -> case and hrtimer flag */
static int pb_parse_case(const char *s, enum pb_case *cs, bool *hrtimer)
{
	size_t len;
	int i;

	for (i = 0; i < ARRAY_SIZE(pb_case_names); i++) {
		len = strlen(pb_case_names[i]);
		if (strncmp(s, pb_case_names[i], len))
			continue;
		if (!s[len] || !strcmp(s + len, "-hrtimer")) {
			*cs = i;
			*hrtimer = s[len];
			return 0;
		}
	}
	return -EINVAL;
}

static ssize_t pb_run_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char buf[64], name[16], cname[24];
	const struct pb_pool *ops;
	unsigned int threads, ms;
	enum pb_case cs;
	bool hrtimer;
	int err;

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	if (sscanf(buf, "%15s %23s %u %u", name, cname, &threads, &ms) != 4)
		return -EINVAL;
	ops = pb_find_pool(name);
	if (!ops || pb_parse_case(cname, &cs, &hrtimer))
		return -EINVAL;
	if (cs == PB_EMPTY && !ops->take_all)
		return -EINVAL;
	if (!threads || threads > num_online_cpus() || !ms || ms > PB_MAX_MS)
		return -EINVAL;

	if (!mutex_trylock(&pb_lock))
		return -EBUSY;
	err = pb_do_run(ops, cs, hrtimer, threads, ms);
	mutex_unlock(&pb_lock);
	return err ? err : count;
}

static int pb_run_show(struct seq_file *m, void *v)
{
	struct pb_result r;

	mutex_lock(&pb_lock);
	r = pb_last;
	mutex_unlock(&pb_lock);
	if (!r.pool)
		return 0;
	seq_printf(m, "pool=%s case=%s%s threads=%u ms=%u nr_objs=%d ops=%llu misses=%llu rate=%llu misses_per_s=%llu ns_per_op=%llu ns_per_miss=%llu timer_ops=%llu timer_misses=%llu found=%d\n",
		   r.pool, pb_case_names[r.cs], r.hrtimer ? "-hrtimer" : "",
		   r.threads, r.ms, r.nr_objs, r.ops, r.misses, r.rate,
		   r.misses_per_s, r.ns_per_op, r.ns_per_miss, r.timer_ops,
		   r.timer_misses, r.found);
	return 0;
}

static int pb_run_open(struct inode *inode, struct file *file)
{
	return single_open(file, pb_run_show, NULL);
}

static const struct file_operations pb_run_fops = {
	.owner = THIS_MODULE,
	.open = pb_run_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = pb_run_write,
};

static int pb_pools_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(pb_pools); i++)
		seq_printf(m, "%s%s", i ? " " : "", pb_pools[i]->name);
	seq_putc(m, '\n');
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pb_pools);

/*
 * Upstream objpool (lib/objpool.c, 6.7 to 6.12) by its formula: an array
 * of nr_cpu_ids slot pointers, and for each possible CPU one allocation
 * holding a ring header (four u32), roundup_pow_of_two(nr_objs) entry
 * pointers and that CPU's share of the objects.  With GFP_KERNEL that
 * allocation is a vmalloc(), so it takes whole pages.
 */
static void pb_upstream_bytes(int nr_objs, size_t *rings, size_t *objs,
			      size_t *alloc)
{
	unsigned int possible = num_possible_cpus(), n = 0, nodes;
	size_t obj = ALIGN(PB_OBJ_SIZE, sizeof(long));
	size_t ring = 4 * sizeof(u32) +
		      roundup_pow_of_two(nr_objs) * sizeof(void *);
	int cpu;

	*rings = nr_cpu_ids * sizeof(void *) + possible * ring;
	*objs = nr_objs * obj;
	*alloc = nr_cpu_ids * sizeof(void *);
	for_each_possible_cpu(cpu) {
		nodes = nr_objs / possible + (n++ < nr_objs % possible);
		*alloc += PAGE_ALIGN(ring + obj * nodes);
	}
}

static void pb_mem_show_one(struct seq_file *m, const char *pre, int nr_objs)
{
	const struct pb_pool *ours = pb_find_pool("ours");
	const struct pb_pool *fl = pb_find_pool("freelist");
	size_t rings, objs, alloc;

	seq_printf(m, " %snr_objs=%d", pre, nr_objs);
	if (ours && !ours->mem_bytes(nr_objs, &rings, &objs))
		seq_printf(m, " %sours_rings=%zu %sours_objs=%zu", pre, rings,
			   pre, objs);
	pb_upstream_bytes(nr_objs, &rings, &objs, &alloc);
	seq_printf(m, " %sup_rings=%zu %sup_objs=%zu %sup_alloc=%zu", pre,
		   rings, pre, objs, pre, alloc);
	if (fl && !fl->mem_bytes(nr_objs, &rings, &objs))
		seq_printf(m, " %sfreelist=%zu", pre, rings + objs);
}

static int pb_mem_show(struct seq_file *m, void *v)
{
	seq_printf(m, "possible=%u nr_cpu_ids=%u obj_size=%d",
		   num_possible_cpus(), nr_cpu_ids, PB_OBJ_SIZE);
	pb_mem_show_one(m, "a_", 2 * num_possible_cpus());
	pb_mem_show_one(m, "b_", 512);
	seq_putc(m, '\n');
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pb_mem);

static int __init pb_init(void)
{
	pb_dir = debugfs_create_dir("objpool_bench", NULL);
	if (IS_ERR(pb_dir))
		return PTR_ERR(pb_dir);
	debugfs_create_file("pools", 0400, pb_dir, NULL, &pb_pools_fops);
	debugfs_create_file("run", 0600, pb_dir, NULL, &pb_run_fops);
	debugfs_create_file("mem", 0400, pb_dir, NULL, &pb_mem_fops);
	return 0;
}

static void __exit pb_exit(void)
{
	/* Waits for a run in progress: it is inside a write to "run". */
	debugfs_remove_recursive(pb_dir);
}

module_init(pb_init);
module_exit(pb_exit);
MODULE_DESCRIPTION("objpool vs freelist vs upstream objpool bench (probescale)");
MODULE_LICENSE("GPL");
