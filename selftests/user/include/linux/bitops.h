/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: bit operations with the kernel's orderings:
 * set_bit() and clear_bit() are relaxed atomic RMWs, test_and_set_bit()
 * and test_and_clear_bit() are fully ordered, test_bit() is a plain
 * (relaxed) read and __set_bit() is not atomic.
 */
#ifndef _PS_USER_LINUX_BITOPS_H
#define _PS_USER_LINUX_BITOPS_H

#include <linux/compiler.h>

#define BITS_PER_LONG		(8 * (int)sizeof(long))
#define BIT(n)			(1UL << (n))
#define BIT_WORD(n)		((n) / BITS_PER_LONG)
#define BIT_MASK(n)		(1UL << ((n) % BITS_PER_LONG))
#define DIV_ROUND_UP(n, d)						\
({									\
	__typeof__(d) __ps_d = (d);					\
	((n) + __ps_d - 1) / __ps_d;					\
})
/* a constant expression for a constant @n, as array sizes need */
#define BITS_TO_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return READ_ONCE(addr[BIT_WORD(nr)]) & BIT_MASK(nr);
}

static inline void set_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
			   __ATOMIC_RELAXED);
}

static inline void clear_bit_unlock(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
			   __ATOMIC_RELEASE);
}

static inline bool test_and_set_bit(unsigned long nr, unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr),
				 __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned long nr, unsigned long *addr)
{
	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline void __set_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

/* the first set bit of @addr in [@from, @size), or @size */
static inline unsigned long ps_find_next_bit(const unsigned long *addr,
					     unsigned long size,
					     unsigned long from)
{
	unsigned long word;

	if (from >= size)
		return size;
	word = READ_ONCE(addr[BIT_WORD(from)]) & (~0UL << (from % BITS_PER_LONG));
	for (;;) {
		if (word) {
			from = (from & ~(BITS_PER_LONG - 1UL)) + __builtin_ctzl(word);
			return from < size ? from : size;
		}
		from = (from | (BITS_PER_LONG - 1UL)) + 1;
		if (from >= size)
			return size;
		word = READ_ONCE(addr[BIT_WORD(from)]);
	}
}

/* the first set bit at or after @start, wrapping to 0; @size if none */
static inline unsigned long ps_find_bit_wrap(const unsigned long *addr,
					     unsigned long size,
					     unsigned long start)
{
	unsigned long bit = ps_find_next_bit(addr, size, start);

	if (bit < size)
		return bit;
	bit = ps_find_next_bit(addr, start, 0);
	return bit < start ? bit : size;
}

/* the set bit after @bit in the wrapped order from @start; @size if none */
static inline unsigned long ps_find_bit_wrap_next(const unsigned long *addr,
						  unsigned long size,
						  unsigned long start,
						  unsigned long bit)
{
	unsigned long next;

	if (bit >= start) {
		next = ps_find_next_bit(addr, size, bit + 1);
		if (next < size)
			return next;
		bit = -1UL;
	}
	next = ps_find_next_bit(addr, start, bit + 1);
	return next < start ? next : size;
}

/**
 * struct ps_bit_iter - state of for_each_set_bit_wrap()
 * @addr: the bitmap
 * @size: its number of bits
 * @start: where the walk started
 * @cur: the current bit, or @size once done
 * @begun: whether @bit is set yet
 */
struct ps_bit_iter {
	const unsigned long *addr;
	unsigned long size;
	unsigned long start;
	unsigned long cur;
	bool begun;
};

static inline struct ps_bit_iter ps_bit_iter(const unsigned long *addr,
					     unsigned long size,
					     unsigned long start)
{
	return (struct ps_bit_iter){ addr, size, start, size, false };
}

/* Move @it to its next set bit; false when there is none. */
static inline bool ps_bit_iter_next(struct ps_bit_iter *it)
{
	if (!it->begun) {
		it->begun = true;
		it->cur = ps_find_bit_wrap(it->addr, it->size, it->start);
	} else {
		it->cur = ps_find_bit_wrap_next(it->addr, it->size, it->start,
						it->cur);
	}
	return it->cur < it->size;
}

#define for_each_set_bit_wrap(bit, addr, size, start)			\
	for (struct ps_bit_iter __ps_it = ps_bit_iter((addr), (size), (start)); \
	     ps_bit_iter_next(&__ps_it) && ((bit) = __ps_it.cur, true);)

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits; i++)
		__set_bit(i, dst);
}

#endif /* _PS_USER_LINUX_BITOPS_H */
