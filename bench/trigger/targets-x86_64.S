/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe targets of the uprobe trigger, x86_64.
 *
 * Each target is a complete function whose first instruction is the one
 * the bench wants the uprobe to hit.  Linux 6.1 handles them as follows
 * (arch/x86/kernel/uprobes.c):
 *   trig_nop   nop            emulated (branch_setup_xol_ops, 0x90)
 *   trig_push  push %rbp      emulated (push_setup_xol_ops)
 *   trig_ret   ret            executed out of line (single-stepped)
 *   trig_movK  mov $K,%eax    executed out of line; 64 functions, one
 *                             per K, so that no two of them put the
 *                             same bytes into an XOL slot
 *   trig_endbr endbr64        executed out of line: what every function
 *                             built with -fcf-protection starts with
 *   trig_endbrK endbr64       the same, 8 functions (then mov $K,%eax):
 *                             8 probes that all put the same bytes into
 *                             an XOL slot
 *   trig_nopl  nopl 0x0(%rax,%rax,1)  executed out of line: the 5-byte
 *                             nop of patchable function entries and of
 *                             ftrace's call sites
 * Only the one-byte nop (0x90, with prefixes) is emulated as a nop:
 * endbr64 (f3 0f 1e fa) and the multi-byte nops (0f 1f /0) are two-byte
 * opcodes that branch_setup_xol_ops() takes for a conditional jump only
 * (OPCODE2 - 0x10 must be a jcc) and push_setup_xol_ops() not at all, so
 * arch_uprobe_analyze_insn() gives them default_xol_ops: a single step.
 * Linux 6.12 does the same (its branch_setup_xol_ops() is 6.1's).
 * Written in assembly so that no compiler prologue (endbr64, frame
 * setup) comes first where it is not the probed instruction.
 */
	.text

	.macro	trig_func name
	.globl	\name
	.type	\name, @function
	.p2align 4
\name:
	.endm

	.macro	trig_end name
	.size	\name, . - \name
	.endm

trig_func trig_nop
	nop
	ret
trig_end trig_nop

trig_func trig_push
	push	%rbp
	mov	%rsp, %rbp
	pop	%rbp
	ret
trig_end trig_push

trig_func trig_ret
	ret
trig_end trig_ret

	.macro	trig_mov k
trig_func trig_mov\k
	mov	$\k, %eax
	ret
trig_end trig_mov\k
	.endm

	.altmacro
	.set	k, 0
	.rept	64
	trig_mov %k
	.set	k, k + 1
	.endr

trig_func trig_endbr
	endbr64
	ret
trig_end trig_endbr

trig_func trig_nopl
	/* as bytes: gas would drop the zero displacement (4-byte form) */
	.byte	0x0f, 0x1f, 0x44, 0x00, 0x00
	ret
trig_end trig_nopl

	.macro	trig_endbr_mov k
trig_func trig_endbr\k
	endbr64
	mov	$\k, %eax
	ret
trig_end trig_endbr\k
	.endm

	.set	k, 0
	.rept	8
	trig_endbr_mov %k
	.set	k, k + 1
	.endr

	/* trig_multi[K] = &trig_movK, read by trigger.c */
	.section .rodata
	.globl	trig_multi
	.type	trig_multi, @object
	.p2align 3
trig_multi:
	.macro	trig_ptr k
	.quad	trig_mov\k
	.endm
	.set	k, 0
	.rept	64
	trig_ptr %k
	.set	k, k + 1
	.endr
	.size	trig_multi, . - trig_multi

	/* trig_endbr_multi[K] = &trig_endbrK */
	.globl	trig_endbr_multi
	.type	trig_endbr_multi, @object
	.p2align 3
trig_endbr_multi:
	.macro	trig_endbr_ptr k
	.quad	trig_endbr\k
	.endm
	.set	k, 0
	.rept	8
	trig_endbr_ptr %k
	.set	k, k + 1
	.endr
	.size	trig_endbr_multi, . - trig_endbr_multi

	.section .note.GNU-stack, "", @progbits
