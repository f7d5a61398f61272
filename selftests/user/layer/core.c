// SPDX-License-Identifier: GPL-2.0
/*
 * User-space layer: CPU numbers, warnings and the barrier word.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/bug.h>
#include <linux/smp.h>

unsigned int nr_cpu_ids = 1;
__thread int ps_cpu;
unsigned long ps_warnings;
unsigned long ps_mb_word;

void ps_warn(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	__atomic_fetch_add(&ps_warnings, 1, __ATOMIC_RELAXED);
	fprintf(stderr, "# WARNING at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void ps_bug(const char *file, int line, const char *what)
{
	fprintf(stderr, "# BUG at %s:%d: %s\n", file, line, what);
	abort();
}
