/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: compiler helpers, READ_ONCE()/WRITE_ONCE() and the
 * kernel's memory barriers, mapped onto GCC's __atomic builtins so that
 * ThreadSanitizer sees the same ordering the kernel code asks for.
 */
#ifndef _PS_USER_LINUX_COMPILER_H
#define _PS_USER_LINUX_COMPILER_H

#include <linux/types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
/* barrier(): a compiler barrier, no CPU fence */
#define barrier()	__atomic_signal_fence(__ATOMIC_SEQ_CST)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/*
 * READ_ONCE() and WRITE_ONCE() are single, untorn accesses that the
 * compiler may not merge or repeat: relaxed atomic loads and stores,
 * which TSAN does not report as races and which order nothing.
 */
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)	__atomic_store_n(&(x), (val), __ATOMIC_RELAXED)

/* smp_load_acquire(): an acquire load (LDAR on arm64, MOV on x86) */
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
/* smp_store_release(): a release store (STLR on arm64, MOV on x86) */
#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

#ifdef __SANITIZE_THREAD__
/*
 * TSAN does not model stand-alone fences (GCC warns about them under
 * -fsanitize=thread).  A sequentially consistent RMW of one global word
 * is a full barrier on every CPU, and TSAN sees it as acquire + release
 * of that word.  That is stronger than smp_mb() (every two smp_mb()
 * calls synchronise with each other), so TSAN can miss a bug that needs
 * an smp_mb() to pair with nothing, but it never reports a false race.
 */
extern unsigned long ps_mb_word;
#define ps_full_fence()	__atomic_fetch_add(&ps_mb_word, 0, __ATOMIC_SEQ_CST)
#else
/* a full fence: MFENCE (or a locked op) on x86, DMB ISH on arm64 */
#define ps_full_fence()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

/* smp_mb(): full barrier, orders all earlier accesses before later ones */
#define smp_mb()		ps_full_fence()
/* smp_rmb(): kept a full fence here; a cheaper one is not needed */
#define smp_rmb()		ps_full_fence()
/* smp_wmb(): kept a full fence here; a cheaper one is not needed */
#define smp_wmb()		ps_full_fence()
#ifdef PS_LOCKED_RMW_IS_FULL_BARRIER
/*
 * Set by the bench's Makefile on x86, whose locked RMW instructions are
 * full barriers: smp_mb__{before,after}_atomic() are then compiler
 * barriers, as in the kernel.  The C11 model (and TSAN) does not know
 * that, so the tests never set it.
 */
#define smp_mb__before_atomic()	barrier()
/* smp_mb__after_atomic(): as smp_mb__before_atomic() */
#define smp_mb__after_atomic()	barrier()
#else
/*
 * smp_mb__before_atomic(): make the next non-returning atomic (relaxed
 * here, as in the kernel) fully ordered: a full fence.
 */
#define smp_mb__before_atomic()	ps_full_fence()
/* smp_mb__after_atomic(): the same for the previous one */
#define smp_mb__after_atomic()	ps_full_fence()
#endif

/* cpu_relax(): a compiler barrier; spinning loops here are short */
#define cpu_relax()		barrier()

/* IS_ENABLED(CONFIG_FOO): whether -DCONFIG_FOO (i.e. "1") was given */
#define IS_ENABLED(CONFIG_option)	ps_is_one(CONFIG_option)
#define ps_is_one(value)	(__stringify(value)[0] == '1' && \
				 __stringify(value)[1] == '\0')
#define __stringify(x)		#x

#endif /* _PS_USER_LINUX_COMPILER_H */
