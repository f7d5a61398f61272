/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe targets of the XOL selftest, arm64.
 *
 * Linux 6.1 (arch/arm64/kernel/probes/decode-insn.c) simulates branches,
 * ret and adr/adrp and single-steps every other probed instruction out of
 * line.  xt_adr and xt_adrp are simulated, everything else here is
 * stepped.  The probe point is the first instruction of each function,
 * plus xt_ldp_p: the ldp restoring the frame in xt_stp.  Every function
 * returns something xol_test.c can check.
 */
	.macro	xt_func name
	.globl	\name
	.type	\name, %function
	.p2align 4
\name:
	.endm

	.macro	xt_end name
	.size	\name, . - \name
	.endm

	.text

/* long xt_nop(void): 0x5a5a */
xt_func xt_nop
	nop
	mov	w0, #0x5a5a
	ret
xt_end xt_nop

/* long xt_stp(long a): 2 * a + 1, through a call with a saved frame */
xt_func xt_stp
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	xt_twice
	add	x0, x0, #1
	.globl	xt_ldp_p
xt_ldp_p:
	ldp	x29, x30, [sp], #16
	ret
xt_end xt_stp

xt_func xt_twice
	lsl	x0, x0, #1
	ret
xt_end xt_twice

/* long xt_adr(void): &xol_anchor (simulated) */
xt_func xt_adr
	adr	x0, xol_anchor
	ret
xt_end xt_adr

/* long xt_adrp(void): &xol_data (adrp simulated) */
xt_func xt_adrp
	adrp	x0, xol_data
	add	x0, x0, :lo12:xol_data
	ret
xt_end xt_adrp

/* long xt_load(const long *p): *p; faults for a bad p */
xt_func xt_load
	ldr	x0, [x0]
	ret
xt_end xt_load

/* long xt_store(long *p, long v): v; *p = v */
xt_func xt_store
	str	x1, [x0]
	mov	x0, x1
	ret
xt_end xt_store

/* long xt_movz(void): 0x1234 */
xt_func xt_movz
	movz	w0, #0x1234
	ret
xt_end xt_movz

/* long xt_add(long a): a + 0x55 */
xt_func xt_add
	add	x0, x0, #0x55
	ret
xt_end xt_add

/* long xt_lsl(long a): a << 3 */
xt_func xt_lsl
	lsl	x0, x0, #3
	ret
xt_end xt_lsl

/* long xt_eor(long a): a ^ 0xff */
xt_func xt_eor
	eor	x0, x0, #0xff
	ret
xt_end xt_eor

xt_func xol_anchor
	ret
xt_end xol_anchor

/* long xol_mNN(void): 0x1000 + NN, 64 functions of distinct bytes */
	.macro	xt_m n
xt_func xol_m\n
	movz	w0, #(0x1000 + \n)
	ret
xt_end xol_m\n
	.endm

	.altmacro
	.set	n, 0
	.rept	64
	xt_m	%n
	.set	n, n + 1
	.endr

	.macro	xt_mptr n
	.quad	xol_m\n
	.endm

	/* read-only once relocated: a PIE build relocates the pointers */
	.section .data.rel.ro, "aw"
	.globl	xol_m64
	.p2align 3
xol_m64:
	.set	n, 0
	.rept	64
	xt_mptr	%n
	.set	n, n + 1
	.endr
	.size	xol_m64, . - xol_m64

	.data
	.globl	xol_data
	.p2align 3
xol_data:
	.quad	0x1122334455667788

	.section .note.GNU-stack, "", %progbits
