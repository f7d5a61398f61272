/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe targets of the uprobe trigger, arm64.
 *
 * Each target is a complete function whose first instruction is the one
 * the bench wants the uprobe to hit.  Linux 6.1 handles them as follows
 * (arch/arm64/kernel/probes/decode-insn.c, simulate-insn.c):
 *   trig_nop   nop                        executed out of line (stepped)
 *   trig_push  stp x29, x30, [sp, #-16]!  executed out of line (stepped)
 *   trig_ret   ret                        simulated
 *   trig_movK  movz w0, #K                executed out of line; 64
 *                                         functions, one per K, so that
 *                                         no two of them put the same
 *                                         bytes into an XOL slot
 *   trig_paciasp  paciasp                 executed out of line: what
 *                                         every function built with
 *                                         -mbranch-protection=pac-ret
 *                                         starts with (then autiasp
 *                                         before its ret)
 * paciasp is a hint (hint #25): aarch64_insn_is_steppable_hint() lets
 * it be stepped, and arm_probe_decode_insn() returns INSN_GOOD (a slot)
 * for anything steppable before it looks for what it simulates.  Linux
 * 6.12 does the same (decode-insn.c; the hint list moved to insn.h).
 */
	.text

	.macro	trig_func name
	.globl	\name
	.type	\name, %function
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
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	ldp	x29, x30, [sp], #16
	ret
trig_end trig_push

trig_func trig_ret
	ret
trig_end trig_ret

	.macro	trig_mov k
trig_func trig_mov\k
	movz	w0, #\k
	ret
trig_end trig_mov\k
	.endm

	.altmacro
	.set	k, 0
	.rept	64
	trig_mov %k
	.set	k, k + 1
	.endr

trig_func trig_paciasp
	paciasp
	autiasp
	ret
trig_end trig_paciasp

	/* trig_multi[K] = &trig_movK, read by trigger.c */
	.section .rodata
	.globl	trig_multi
	.type	trig_multi, %object
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

	.section .note.GNU-stack, "", %progbits
