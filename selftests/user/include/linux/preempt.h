/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: preemption, see <linux/smp.h>. */
#ifndef _PS_USER_LINUX_PREEMPT_H
#define _PS_USER_LINUX_PREEMPT_H

#include <linux/smp.h>

#endif /* _PS_USER_LINUX_PREEMPT_H */
