// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe_counter - a uprobe consumer that only counts
 *
 * Registers uprobes and uretprobes on (file, offset) pairs through
 * uprobe_register() and counts their hits in per-CPU counters, so that a
 * bench measures the uprobe machinery and nothing else.  The uprobe
 * bench (bench/trigger) and the XOL selftests drive it through debugfs.
 * It builds against the uprobe API of Linux 6.1 and of 6.12 (see
 * uc_register()).
 *
 * Interface, in /sys/kernel/debug/uprobe_counter/:
 *
 *   control (write) one command per write:
 *     add PATH OFFSET [ret]  register a uprobe, or a uretprobe with "ret",
 *                            at byte OFFSET (decimal, or hex with 0x) of
 *                            the regular file PATH
 *     del PATH OFFSET [ret]  unregister that probe
 *     clear                  unregister every probe
 *     reset                  zero every hit counter (only exact while no
 *                            probe is being hit)
 *   control (read)  one line per probe, in registration order:
 *                   "PATH 0xOFFSET uprobe|uretprobe HITS"
 *   hits    (read)  the sum of the hits of all probes, a decimal number
 *
 * A uprobe counts a hit each time its handler runs (on entry), a
 * uretprobe each time its return handler runs.  PATH is taken as written
 * (no spaces) and resolved when the command is written.  Errors, returned
 * by the write:
 *   -EINVAL  malformed command, unknown verb, PATH not a regular file,
 *            OFFSET not inside the file (or misaligned for the arch)
 *   -ENOENT  PATH does not exist, or "del" of a probe not registered
 *   -EEXIST  "add" of a probe already registered (same file, offset, kind)
 *   -ENOMEM  out of memory; nothing is left allocated or registered
 *   other    from uprobe_register(), e.g. -ENOTSUPP for an instruction
 *            the architecture cannot probe when PATH is mapped
 * Unloading the module unregisters every probe still registered.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uprobes.h>

/* The longest command: "add " PATH " " OFFSET " ret" and a newline. */
#define UC_CMD_MAX	(PATH_MAX + 32)

/**
 * struct uc_probe - one registered uprobe or uretprobe
 * @uc:     the consumer given to uprobe_register()
 * @uprobe: what uprobe_register() returned (6.12 API only): the probe's
 *          reference, held from registration to uprobe_unregister_nosync()
 * @path:   the probed file, referenced while the probe exists
 * @name:   PATH as the user wrote it, for reading back
 * @offset: byte offset of the probed instruction in the file
 * @ret:    true for a uretprobe (counts returns), false for a uprobe
 * @hits:   per-CPU hit counters
 * @node:   entry in uc_probes
 */
struct uc_probe {
	struct uprobe_consumer uc;
#ifdef UC_UPROBE_HANDLE
	struct uprobe *uprobe;
#endif
	struct path path;
	char *name;
	loff_t offset;
	bool ret;
	u64 __percpu *hits;
	struct list_head node;
};

/* uc_lock serialises commands and readers of the probe list. */
static DEFINE_MUTEX(uc_lock);
static LIST_HEAD(uc_probes);
static struct dentry *uc_dir;

static int uc_handler(struct uprobe_consumer *self, struct pt_regs *regs)
{
	struct uc_probe *p = container_of(self, struct uc_probe, uc);

	this_cpu_inc(*p->hits);
	return 0;
}

static int uc_ret_handler(struct uprobe_consumer *self, unsigned long func,
			  struct pt_regs *regs)
{
	struct uc_probe *p = container_of(self, struct uc_probe, uc);

	this_cpu_inc(*p->hits);
	return 0;
}

static u64 uc_probe_hits(struct uc_probe *p)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(p->hits, cpu));
	return sum;
}

static void uc_probe_free(struct uc_probe *p)
{
	path_put(&p->path);
	free_percpu(p->hits);
	kfree(p->name);
	kfree(p);
}

/*
 * The uprobe API.  Linux 6.12 returns a handle from uprobe_register(),
 * which holds a reference to the uprobe until uprobe_unregister_nosync()
 * drops it, and runs handlers under rcu_read_lock_trace() without the
 * uprobe's register_rwsem: once uprobe_unregister_nosync() returns, a
 * handler may still be running until uprobe_unregister_sync() has waited
 * for a tasks-trace grace period.  Linux 6.1 takes (inode, offset) in
 * both calls and runs handlers under register_rwsem, which
 * uprobe_unregister() takes for writing: when it returns no handler of
 * ours runs.  bench/Kbuild defines UC_UPROBE_HANDLE for the former.  With
 * either, a probe can be freed once uc_unregister_sync() has returned.
 */
#ifdef UC_UPROBE_HANDLE
static int uc_register(struct uc_probe *p, struct inode *inode)
{
	struct uprobe *uprobe = uprobe_register(inode, p->offset, 0, &p->uc);

	if (IS_ERR(uprobe))
		return PTR_ERR(uprobe);
	p->uprobe = uprobe;
	return 0;
}

static void uc_unregister(struct uc_probe *p)
{
	uprobe_unregister_nosync(p->uprobe, &p->uc);
}

static void uc_unregister_sync(void)
{
	uprobe_unregister_sync();
}
#else
static int uc_register(struct uc_probe *p, struct inode *inode)
{
	return uprobe_register(inode, p->offset, &p->uc);
}

static void uc_unregister(struct uc_probe *p)
{
	uprobe_unregister(d_real_inode(p->path.dentry), p->offset, &p->uc);
}

static void uc_unregister_sync(void)
{
}
#endif

/* Called with uc_lock held: unregisters and frees every probe of @list. */
static void uc_del_list(struct list_head *list)
{
	struct uc_probe *p, *tmp;

	list_for_each_entry(p, list, node)
		uc_unregister(p);
	/* one grace period for them all, then no handler of ours runs */
	uc_unregister_sync();
	list_for_each_entry_safe(p, tmp, list, node) {
		list_del(&p->node);
		uc_probe_free(p);
	}
}

static void uc_probe_del(struct uc_probe *p)
{
	LIST_HEAD(one);

	list_move(&p->node, &one);
	uc_del_list(&one);
}

static struct uc_probe *uc_find(struct inode *inode, loff_t offset, bool ret)
{
	struct uc_probe *p;

	list_for_each_entry(p, &uc_probes, node)
		if (d_real_inode(p->path.dentry) == inode &&
		    p->offset == offset && p->ret == ret)
			return p;
	return NULL;
}

/* Called with uc_lock held; @path has been resolved and checked. */
static int uc_add(const char *name, struct path *path, loff_t offset, bool ret)
{
	struct inode *inode = d_real_inode(path->dentry);
	struct uc_probe *p;
	int err;

	if (uc_find(inode, offset, ret))
		return -EEXIST;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->name = kstrdup(name, GFP_KERNEL);
	p->hits = alloc_percpu(u64);
	if (!p->name || !p->hits) {
		free_percpu(p->hits);
		kfree(p->name);
		kfree(p);
		return -ENOMEM;
	}
	p->offset = offset;
	p->ret = ret;
	if (ret)
		p->uc.ret_handler = uc_ret_handler;
	else
		p->uc.handler = uc_handler;
	p->path = *path;
	path_get(&p->path);

	err = uc_register(p, inode);
	if (err) {
		uc_probe_free(p);
		return err;
	}
	list_add_tail(&p->node, &uc_probes);
	return 0;
}

/* "add|del PATH OFFSET [ret]", the verb already taken off @args. */
static int uc_add_del(char *args, bool add)
{
	char *name, *off, *kind;
	struct inode *inode;
	struct uc_probe *p;
	struct path path;
	bool ret = false;
	u64 offset;
	int err;

	name = strsep(&args, " ");
	off = strsep(&args, " ");
	kind = strsep(&args, " ");
	if (!name || !*name || !off || args)
		return -EINVAL;
	if (kind) {
		if (strcmp(kind, "ret"))
			return -EINVAL;
		ret = true;
	}
	err = kstrtou64(off, 0, &offset);
	if (err)
		return -EINVAL;

	err = kern_path(name, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	inode = d_real_inode(path.dentry);
	if (!S_ISREG(inode->i_mode) || offset >= i_size_read(inode)) {
		err = -EINVAL;
		goto out;
	}

	mutex_lock(&uc_lock);
	if (add) {
		err = uc_add(name, &path, offset, ret);
	} else {
		p = uc_find(inode, offset, ret);
		if (p)
			uc_probe_del(p);
		else
			err = -ENOENT;
	}
	mutex_unlock(&uc_lock);
out:
	path_put(&path);
	return err;
}

static void uc_clear(void)
{
	uc_del_list(&uc_probes);
}

static ssize_t uc_control_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char *buf, *cmd, *verb;
	struct uc_probe *p;
	int cpu, err;

	if (!count || count > UC_CMD_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);

	cmd = strim(buf);
	verb = strsep(&cmd, " ");
	if (!strcmp(verb, "add") || !strcmp(verb, "del")) {
		err = cmd ? uc_add_del(cmd, verb[0] == 'a') : -EINVAL;
	} else if (!strcmp(verb, "clear") && !cmd) {
		mutex_lock(&uc_lock);
		uc_clear();
		mutex_unlock(&uc_lock);
		err = 0;
	} else if (!strcmp(verb, "reset") && !cmd) {
		mutex_lock(&uc_lock);
		list_for_each_entry(p, &uc_probes, node)
			for_each_possible_cpu(cpu)
				WRITE_ONCE(*per_cpu_ptr(p->hits, cpu), 0);
		mutex_unlock(&uc_lock);
		err = 0;
	} else {
		err = -EINVAL;
	}
	kfree(buf);
	return err ? err : count;
}

static int uc_control_show(struct seq_file *m, void *v)
{
	struct uc_probe *p;

	mutex_lock(&uc_lock);
	list_for_each_entry(p, &uc_probes, node)
		seq_printf(m, "%s 0x%llx %s %llu\n", p->name,
			   (unsigned long long)p->offset,
			   p->ret ? "uretprobe" : "uprobe", uc_probe_hits(p));
	mutex_unlock(&uc_lock);
	return 0;
}

static int uc_control_open(struct inode *inode, struct file *file)
{
	return single_open(file, uc_control_show, NULL);
}

static const struct file_operations uc_control_fops = {
	.owner = THIS_MODULE,
	.open = uc_control_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = uc_control_write,
};

static int uc_hits_show(struct seq_file *m, void *v)
{
	struct uc_probe *p;
	u64 sum = 0;

	mutex_lock(&uc_lock);
	list_for_each_entry(p, &uc_probes, node)
		sum += uc_probe_hits(p);
	mutex_unlock(&uc_lock);
	seq_printf(m, "%llu\n", sum);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(uc_hits);

static int __init uc_init(void)
{
	uc_dir = debugfs_create_dir("uprobe_counter", NULL);
	if (IS_ERR(uc_dir))
		return PTR_ERR(uc_dir);
	debugfs_create_file("control", 0600, uc_dir, NULL, &uc_control_fops);
	debugfs_create_file("hits", 0400, uc_dir, NULL, &uc_hits_fops);
	return 0;
}

static void __exit uc_exit(void)
{
	/* Waits for writers and readers still in our files. */
	debugfs_remove_recursive(uc_dir);
	mutex_lock(&uc_lock);
	uc_clear();
	mutex_unlock(&uc_lock);
}

module_init(uc_init);
module_exit(uc_exit);
MODULE_DESCRIPTION("Count uprobe and uretprobe hits per CPU (probescale bench)");
MODULE_LICENSE("GPL");
