/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: NUMA nodes: one node, see cpu_to_node() in <linux/smp.h>. */
#ifndef _PS_USER_LINUX_TOPOLOGY_H
#define _PS_USER_LINUX_TOPOLOGY_H

#include <linux/smp.h>

#endif /* _PS_USER_LINUX_TOPOLOGY_H */
