/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe targets of xol_targets-$ARCH.S.  Each returns a value the test
 * can check; see the assembly for what each probed instruction is.
 */
#ifndef XOL_TARGETS_H
#define XOL_TARGETS_H

#define NR_M64		64

/* xol_mNN(): 64 functions of distinct first instructions */
extern long (*const xol_m64[NR_M64])(void);
extern long xol_data;

#if defined(__x86_64__)
#define M64_BASE	0x10000		/* xol_mNN() returns M64_BASE + NN */

long xt_ret(void);
extern char xt_ret_p[];			/* the probed ret of xt_ret() */
long xt_ripload(void);
long xt_ripxchg(long a);
long xt_movimm(void);
long xt_learip(void);
long xt_lea(long a);
long xt_imul(long a);
long xt_load(const long *p);
long xt_ripstore(long a);
long xt_xchg(long a);
extern long xol_count, xol_sink;

#elif defined(__aarch64__)
#define M64_BASE	0x1000

long xt_nop(void);
long xt_stp(long a);
extern char xt_ldp_p[];			/* the probed ldp of xt_stp() */
long xt_adr(void);
long xt_adrp(void);
long xt_load(const long *p);
long xt_store(long *p, long v);
long xt_movz(void);
long xt_add(long a);
long xt_lsl(long a);
long xt_eor(long a);
extern char xol_anchor[];

#else
#error "xol_test: x86_64 and arm64 only"
#endif

#endif /* XOL_TARGETS_H */
