/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: CPUs.  A "CPU" is a thread that owns a CPU number,
 * set with ps_set_cpu() (pinned to that host CPU, or simulated: any
 * number below nr_cpu_ids).  Every CPU number below nr_cpu_ids is
 * possible.  A signal handler runs on the CPU of the thread it
 * interrupts, as an interrupt does.
 */
#ifndef _PS_USER_LINUX_SMP_H
#define _PS_USER_LINUX_SMP_H

#include <linux/bitops.h>

extern unsigned int nr_cpu_ids;
extern __thread int ps_cpu;

#define raw_smp_processor_id()	(ps_cpu)
#define smp_processor_id()	(ps_cpu)

static inline unsigned int num_possible_cpus(void)
{
	return nr_cpu_ids;
}

static inline bool cpu_possible(unsigned int cpu)
{
	return cpu < nr_cpu_ids;
}

/* every CPU number is possible: iterators over "the mask" take them all */
#define cpu_possible_mask	((const unsigned long *)NULL)

#define for_each_possible_cpu(cpu)					\
	for (unsigned int __ps_c = 0;					\
	     __ps_c < nr_cpu_ids && ((cpu) = __ps_c, true); __ps_c++)

#define for_each_cpu_wrap(cpu, mask, start)				\
	for (unsigned int __ps_n = 0, __ps_s = (start);			\
	     __ps_n < nr_cpu_ids &&					\
	     ((cpu) = (__ps_s + __ps_n) % nr_cpu_ids, true); __ps_n++)

static inline unsigned int cpumask_next(int cpu, const unsigned long *mask)
{
	return cpu + 1;
}

static inline int cpu_to_node(int cpu)
{
	return 0;
}

/* Threads never migrate: a CPU number is its thread's for good. */
#define preempt_disable()		barrier()
#define preempt_enable()		barrier()
#define preempt_disable_notrace()	barrier()
#define preempt_enable_notrace()	barrier()

#endif /* _PS_USER_LINUX_SMP_H */
