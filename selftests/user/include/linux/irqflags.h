/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: interrupt flags.  Disabling interrupts would mean
 * blocking signals, a system call; code that disables them (upstream
 * objpool) is only benched, never interrupted, so this is a compiler
 * barrier, which costs less than PUSHF/CLI/POPF on a real CPU.
 */
#ifndef _PS_USER_LINUX_IRQFLAGS_H
#define _PS_USER_LINUX_IRQFLAGS_H

#include <linux/compiler.h>

#define raw_local_irq_save(flags)	do { (flags) = 0; barrier(); } while (0)
#define raw_local_irq_restore(flags)	do { (void)(flags); barrier(); } while (0)
#define local_irq_save(flags)		raw_local_irq_save(flags)
#define local_irq_restore(flags)	raw_local_irq_restore(flags)

#endif /* _PS_USER_LINUX_IRQFLAGS_H */
