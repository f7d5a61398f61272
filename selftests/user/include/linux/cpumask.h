/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: CPU masks: every CPU below nr_cpu_ids is possible. */
#ifndef _PS_USER_LINUX_CPUMASK_H
#define _PS_USER_LINUX_CPUMASK_H

#include <linux/smp.h>

/* the CPU after @n in @mask (all possible CPUs), wrapping around */
static inline unsigned int cpumask_next_wrap(int n, const unsigned long *mask,
					     int start, bool wrap)
{
	return (n + 1) % nr_cpu_ids;
}

#endif /* _PS_USER_LINUX_CPUMASK_H */
