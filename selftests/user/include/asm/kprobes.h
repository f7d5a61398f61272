/* SPDX-License-Identifier: GPL-2.0 */
/* User-space layer: no kprobes, so nothing to keep them off. */
#ifndef _PS_USER_ASM_KPROBES_H
#define _PS_USER_ASM_KPROBES_H

#define NOKPROBE_SYMBOL(fname)

#endif /* _PS_USER_ASM_KPROBES_H */
