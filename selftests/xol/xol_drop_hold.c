// SPDX-License-Identifier: GPL-2.0
/*
 * xol_drop_hold.ko: widen a race of the XOL slot cache for the selftests.
 *
 * uprobe_munmap() reads an mm's XOL area and hands it to
 * xol_cache_area_drop().  If the mm is not the caller's (truncate() and
 * hole punching unmap a file from every mm that maps it), the mm may be
 * exiting, and its area may be freed before the drop walks it.  That
 * window is a few instructions wide.  This module holds a chosen task (by
 * name, @holder) at the entry of xol_cache_area_drop() until a task named
 * @prober tears down an mm (exit_mmap(), which __mmput() calls after
 * uprobe_clear_state() dropped the mm's reference to its area), or for
 * @hold_ms at most.  The selftest (xol_test truncate_race) then checks
 * that the holder never got there: it holds no reference to another mm's
 * area.  Without that fix, a KASAN kernel reported the use-after-free on
 * every run.
 *
 * The hold busy-waits in a kprobe handler, with preemption disabled, so it
 * needs a second CPU for the prober to run on; it gives up after @hold_ms.
 * Only for test kernels.
 */

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>

static char *holder = "xol_puncher";
module_param(holder, charp, 0444);
MODULE_PARM_DESC(holder, "name of the task to hold in xol_cache_area_drop()");

static char *prober = "xol_prober";
module_param(prober, charp, 0444);
MODULE_PARM_DESC(prober, "name of the tasks whose mm teardown ends a hold");

static unsigned int hold_ms = 2000;
module_param(hold_ms, uint, 0444);
MODULE_PARM_DESC(hold_ms, "longest hold, in milliseconds");

/* calls of xol_cache_area_drop() by @holder */
static atomic_long_t drops_by_holder;
/* holds that ended because a prober's mm was torn down */
static atomic_long_t released_by_teardown;
/* mm teardowns by tasks named @prober */
static atomic_long_t prober_teardowns;

static int counter_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld\n", atomic_long_read(kp->arg));
}

static const struct kernel_param_ops counter_ops = {
	.get = counter_get,
};

module_param_cb(drops_by_holder, &counter_ops, &drops_by_holder, 0444);
MODULE_PARM_DESC(drops_by_holder, "xol_cache_area_drop() calls by holder");
module_param_cb(released_by_teardown, &counter_ops, &released_by_teardown,
		0444);
MODULE_PARM_DESC(released_by_teardown, "holds a prober's teardown ended");

static bool current_is(const char *name)
{
	return !strncmp(current->comm, name, TASK_COMM_LEN);
}

static int drop_entry(struct kprobe *kp, struct pt_regs *regs)
{
	long seen;
	unsigned int ms;

	if (!current_is(holder))
		return 0;
	atomic_long_inc(&drops_by_holder);
	seen = atomic_long_read(&prober_teardowns);
	for (ms = 0; ms < hold_ms; ms++) {
		if (atomic_long_read(&prober_teardowns) != seen) {
			atomic_long_inc(&released_by_teardown);
			break;
		}
		mdelay(1);
	}
	return 0;
}

static int teardown_entry(struct kprobe *kp, struct pt_regs *regs)
{
	if (current_is(prober))
		atomic_long_inc(&prober_teardowns);
	return 0;
}

static struct kprobe drop_kp = {
	.symbol_name	= "xol_cache_area_drop",
	.pre_handler	= drop_entry,
};

static struct kprobe teardown_kp = {
	.symbol_name	= "exit_mmap",
	.pre_handler	= teardown_entry,
};

static struct kprobe *kps[] = { &teardown_kp, &drop_kp };

static int __init xol_drop_hold_init(void)
{
	int ret = register_kprobes(kps, ARRAY_SIZE(kps));

	if (ret)
		pr_err("xol_drop_hold: cannot probe %s and %s (%d): a kernel without the XOL slot cache?\n",
		       drop_kp.symbol_name, teardown_kp.symbol_name, ret);
	return ret;
}

static void __exit xol_drop_hold_exit(void)
{
	unregister_kprobes(kps, ARRAY_SIZE(kps));
}

module_init(xol_drop_hold_init);
module_exit(xol_drop_hold_exit);
MODULE_DESCRIPTION("Hold a task in xol_cache_area_drop() to widen a race");
MODULE_LICENSE("GPL");
