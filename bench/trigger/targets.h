/* SPDX-License-Identifier: GPL-2.0 */
/* Probe targets of the uprobe trigger, defined in targets-ARCH.S. */
#ifndef TRIGGER_TARGETS_H
#define TRIGGER_TARGETS_H

#define NR_MULTI	64
#define NR_ENDBR_MULTI	8

/* a target that returns a value the caller checks */
typedef int (*trig_fn)(void);

void trig_nop(void);
void trig_push(void);
void trig_ret(void);
/* trig_multi[K] is trig_movK, whose first instruction loads K, returned */
extern const trig_fn trig_multi[NR_MULTI];

#if defined(__x86_64__)
void trig_endbr(void);
void trig_nopl(void);
/* trig_endbr_multi[K] is trig_endbrK: endbr64, then it returns K */
extern const trig_fn trig_endbr_multi[NR_ENDBR_MULTI];
#elif defined(__aarch64__)
void trig_paciasp(void);
#endif

#endif /* TRIGGER_TARGETS_H */
