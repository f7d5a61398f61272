/* SPDX-License-Identifier: GPL-2.0 */
/* Probe targets of the uprobe trigger, defined in targets-ARCH.S. */
#ifndef TRIGGER_TARGETS_H
#define TRIGGER_TARGETS_H

#define NR_MULTI	64

void trig_nop(void);
void trig_push(void);
void trig_ret(void);
/* trig_multi[K] is trig_movK, whose first instruction loads K, returned */
extern int (*const trig_multi[NR_MULTI])(void);

#endif /* TRIGGER_TARGETS_H */
