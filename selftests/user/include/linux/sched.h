/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: what the XOL cache takes from <linux/sched.h>: wait queues. */
#ifndef _PS_USER_LINUX_SCHED_H
#define _PS_USER_LINUX_SCHED_H

#include <linux/wait.h>

#endif /* _PS_USER_LINUX_SCHED_H */
