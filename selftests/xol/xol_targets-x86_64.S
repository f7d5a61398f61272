/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe targets of the XOL selftest, x86_64.
 *
 * Every probe point is an instruction Linux 6.1 single-steps out of line
 * (arch/x86/kernel/uprobes.c emulates only nop, push and branches), and
 * every function returns something xol_test.c can check.  The probe point
 * is the first instruction of each function, except xt_ret_p: the "ret"
 * of xt_ret.  Written in assembly so that no compiler prologue (endbr64,
 * frame setup) comes first.
 */
	.macro	xt_func name
	.globl	\name
	.type	\name, @function
	.p2align 4
\name:
	.endm

	.macro	xt_end name
	.size	\name, . - \name
	.endm

	.text

/* long xt_ret(void): 0x5a5a, probed at its ret */
xt_func xt_ret
	mov	$0x5a5a, %eax
	.globl	xt_ret_p
xt_ret_p:
	ret
xt_end xt_ret

/* long xt_ripload(void): xol_data, by a rip-relative load */
xt_func xt_ripload
	mov	xol_data(%rip), %rax
	ret
xt_end xt_ripload

/*
 * long xt_ripxchg(long a): the old xol_count, which becomes a; an atomic
 * rip-relative read-modify-write (uprobes refuse a lock prefix, but xchg
 * with memory is atomic without one)
 */
xt_func xt_ripxchg
	xchg	%rdi, xol_count(%rip)
	mov	%rdi, %rax
	ret
xt_end xt_ripxchg

/* long xt_movimm(void): 0x1234567 */
xt_func xt_movimm
	mov	$0x1234567, %eax
	ret
xt_end xt_movimm

/* long xt_learip(void): &xol_data, by a rip-relative lea */
xt_func xt_learip
	lea	xol_data(%rip), %rax
	ret
xt_end xt_learip

/* long xt_lea(long a): a + 0x55 */
xt_func xt_lea
	lea	0x55(%rdi), %rax
	ret
xt_end xt_lea

/* long xt_imul(long a): a * 7 */
xt_func xt_imul
	imul	$7, %rdi, %rax
	ret
xt_end xt_imul

/* long xt_load(const long *p): *p; faults for a bad p */
xt_func xt_load
	mov	(%rdi), %rax
	ret
xt_end xt_load

/* long xt_ripstore(long a): a; xol_sink = 0x77, rip-relative store */
xt_func xt_ripstore
	movq	$0x77, xol_sink(%rip)
	mov	%rdi, %rax
	ret
xt_end xt_ripstore

/* long xt_xchg(long a): a, through xchg */
xt_func xt_xchg
	xchg	%rdi, %rax
	ret
xt_end xt_xchg

/* long xol_mNN(void): 0x10000 + NN, 64 functions of distinct bytes */
	.macro	xt_m n
xt_func xol_m\n
	mov	$(0x10000 + \n), %eax
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
	.globl	xol_data, xol_count, xol_sink
	.p2align 3
xol_data:
	.quad	0x1122334455667788
xol_count:
	.quad	0
xol_sink:
	.quad	0

	.section .note.GNU-stack, "", @progbits
