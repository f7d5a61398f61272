// SPDX-License-Identifier: GPL-2.0
/*
 * kretprobe_bench - calls per second of a kretprobed function
 *
 * Kthreads bound to the first THREADS online CPUs call kb_target() in a
 * tight loop while a kretprobe on it counts returns in a per-CPU counter.
 * Nothing is shared between the CPUs but the kretprobe machinery itself
 * (on 6.1: the kretprobe's instance freelist and rethook), so the rate
 * measures how that machinery scales.
 *
 * Interface, /sys/kernel/debug/kretprobe_bench/run:
 *   write "THREADS MS [noprobe]"  run for MS milliseconds and return when
 *                                 done; "noprobe" runs without the
 *                                 kretprobe (the loop's own cost)
 *   read                          the last run, one line of key=value:
 *     threads= ms= probe=0|1 calls= hits= missed= rate=
 *   rate is calls per second, the sum over the threads of each thread's
 *   calls over its own running time.  With the probe, hits + missed must
 *   equal calls.
 * Errors: -EINVAL for a malformed command, THREADS outside 1..online CPUs
 * or MS outside 1..60000; -EBUSY while another run is going on; -ENOMEM.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define KB_MAX_MS	60000

/**
 * struct kb_worker - one calling kthread
 * @task:  the kthread, referenced until it has been reaped
 * @calls: calls made, written by the kthread before it exits
 * @ns:    how long it called, likewise
 */
struct kb_worker {
	struct task_struct *task;
	u64 calls;
	u64 ns;
};

/**
 * struct kb_result - what the last run measured
 * @threads: calling kthreads
 * @ms:      requested duration
 * @probe:   whether the kretprobe was registered
 * @calls:   calls made by all kthreads
 * @hits:    returns the kretprobe handler saw
 * @missed:  returns the kretprobe missed (no free instance)
 * @rate:    calls per second, summed over the kthreads
 */
struct kb_result {
	unsigned int threads;
	unsigned int ms;
	bool probe;
	u64 calls;
	u64 hits;
	u64 missed;
	u64 rate;
};

static DEFINE_MUTEX(kb_lock);		/* one run at a time */
static struct kb_result kb_last;	/* under kb_lock */
static struct dentry *kb_dir;
static bool kb_stop;
static DEFINE_PER_CPU(u64, kb_hits);

static noinline int kb_target(int x)
{
	/* Something the compiler cannot drop, nothing more. */
	return x + 1;
}

static int kb_ret_handler(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	this_cpu_inc(kb_hits);
	return 0;
}

static struct kretprobe kb_rp;

static int kb_thread(void *arg)
{
	struct kb_worker *w = arg;
	u64 n = 0, t0 = ktime_get_ns();
	int (*call)(int) = kb_target;

	/*
	 * Call through a pointer the compiler cannot see through, so that it
	 * can neither inline kb_target() into the loop nor call a specialised
	 * clone of it: the kretprobe on kb_target would see neither.
	 */
	OPTIMIZER_HIDE_VAR(call);

	/*
	 * kb_stop is set by the controller once the time is up; a stale read
	 * only makes one more round, so no ordering is needed.
	 */
	while (!READ_ONCE(kb_stop)) {
		call((int)n);
		n++;
		if (!(n & 1023))
			cond_resched();
	}
	w->ns = ktime_get_ns() - t0;
	w->calls = n;
	return 0;
}

static int kb_run(unsigned int threads, unsigned int ms, bool probe)
{
	struct kb_result res = { .threads = threads, .ms = ms, .probe = probe };
	struct kb_worker *workers;
	unsigned int i = 0;
	int cpu, err = 0;

	workers = kcalloc(threads, sizeof(*workers), GFP_KERNEL);
	if (!workers)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		per_cpu(kb_hits, cpu) = 0;

	if (probe) {
		memset(&kb_rp, 0, sizeof(kb_rp));
		kb_rp.kp.addr = (kprobe_opcode_t *)kb_target;
		kb_rp.handler = kb_ret_handler;
		err = register_kretprobe(&kb_rp);
		if (err) {
			pr_err("register_kretprobe: %d\n", err);
			goto out_free;
		}
	}

	WRITE_ONCE(kb_stop, false);
	/* Keep the CPUs the kthreads are bound to online until they end. */
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct task_struct *t;

		if (i == threads)
			break;
		t = kthread_create(kb_thread, &workers[i], "kretbench/%d",
				   cpu);
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			break;
		}
		kthread_bind(t, cpu);
		get_task_struct(t);
		workers[i++].task = t;
	}

	/* Start them together; each thread times itself. */
	/* A CPU went offline since the write was checked. */
	if (!err && i < threads)
		err = -EINVAL;
	if (!err) {
		for (i = 0; i < threads; i++)
			wake_up_process(workers[i].task);
		msleep(ms);
	}
	WRITE_ONCE(kb_stop, true);
	for (i = 0; i < threads && workers[i].task; i++) {
		/* Returns the thread's exit code, or -EINTR if never woken. */
		kthread_stop(workers[i].task);
		put_task_struct(workers[i].task);
	}
	cpus_read_unlock();

	if (probe) {
		unregister_kretprobe(&kb_rp);
		res.missed = kb_rp.nmissed;
	}
	if (err)
		goto out_free;

	for (i = 0; i < threads; i++) {
		res.calls += workers[i].calls;
		if (workers[i].ns)
			res.rate += div64_u64(workers[i].calls * NSEC_PER_SEC,
					      workers[i].ns);
	}
	for_each_possible_cpu(cpu)
		res.hits += per_cpu(kb_hits, cpu);
	kb_last = res;
out_free:
	kfree(workers);
	return err;
}

static ssize_t kb_run_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	unsigned int threads, ms;
	char buf[48], mode[16];
	bool probe = true;
	int n, err;

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	mode[0] = '\0';
	n = sscanf(buf, "%u %u %15s", &threads, &ms, mode);
	if (n < 2)
		return -EINVAL;
	if (n == 3) {
		if (strcmp(mode, "noprobe"))
			return -EINVAL;
		probe = false;
	}
	if (!threads || threads > num_online_cpus() || !ms || ms > KB_MAX_MS)
		return -EINVAL;

	if (!mutex_trylock(&kb_lock))
		return -EBUSY;
	err = kb_run(threads, ms, probe);
	mutex_unlock(&kb_lock);
	return err ? err : count;
}

static int kb_run_show(struct seq_file *m, void *v)
{
	struct kb_result r;

	mutex_lock(&kb_lock);
	r = kb_last;
	mutex_unlock(&kb_lock);
	seq_printf(m, "threads=%u ms=%u probe=%d calls=%llu hits=%llu missed=%llu rate=%llu\n",
		   r.threads, r.ms, r.probe, r.calls, r.hits, r.missed, r.rate);
	return 0;
}

static int kb_run_open(struct inode *inode, struct file *file)
{
	return single_open(file, kb_run_show, NULL);
}

static const struct file_operations kb_run_fops = {
	.owner = THIS_MODULE,
	.open = kb_run_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = kb_run_write,
};

static int __init kb_init(void)
{
	kb_dir = debugfs_create_dir("kretprobe_bench", NULL);
	if (IS_ERR(kb_dir))
		return PTR_ERR(kb_dir);
	debugfs_create_file("run", 0600, kb_dir, NULL, &kb_run_fops);
	return 0;
}

static void __exit kb_exit(void)
{
	/* Waits for a run in progress: it is inside a write to "run". */
	debugfs_remove_recursive(kb_dir);
}

module_init(kb_init);
module_exit(kb_exit);
MODULE_DESCRIPTION("kretprobe throughput bench (probescale)");
MODULE_LICENSE("GPL");
