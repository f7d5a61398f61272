/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user-space test harness: TAP output, checks that fail the test
 * case, "CPUs" (threads that own a CPU number, simulated or pinned to a
 * host CPU) and "interrupts" (signals sent to those threads, whose
 * handler runs on the CPU of the code it interrupted).
 */
#ifndef _PS_USER_HARNESS_H
#define _PS_USER_HARNESS_H

#include <pthread.h>
#include <stdio.h>

#include <linux/kernel.h>

/* failed checks of the running case */
extern unsigned long ps_check_failures;
/* warnings the running case provokes on purpose (set by the case) */
extern unsigned long ps_expected_warnings;

void ps_check_failed(const char *file, int line, const char *what);

/* CHECK(cond): the case fails when @cond is false; says so once per site */
#define CHECK(cond)							\
({									\
	bool __ps_ok = !!(cond);					\
	if (unlikely(!__ps_ok))						\
		ps_check_failed(__FILE__, __LINE__, #cond);		\
	__ps_ok;							\
})

/**
 * struct ps_case - one test case
 * @name: what it checks, as TAP prints it
 * @run: the case; fails through CHECK() and warnings
 */
struct ps_case {
	const char *name;
	void (*run)(void);
};

/* Run @cases as a TAP plan; return the process exit status. */
int ps_run_cases(const char *suite, const struct ps_case *cases, int n);

/**
 * struct ps_cpus - threads, each owning a CPU number
 * @nr: number of threads
 * @pin: pin thread i to host CPU @cpu[i] (else the numbers are simulated)
 * @cpu: the CPU number of each thread
 * @fn: what each thread runs, with its index
 * @arg: passed to @fn
 * @threads: filled in by ps_cpus_start()
 */
struct ps_cpus {
	int nr;
	bool pin;
	int cpu[64];
	void (*fn)(int i, void *arg);
	void *arg;
	pthread_t threads[64];
};

/* Start the threads of @c; ps_cpus_join() waits for them. */
void ps_cpus_start(struct ps_cpus *c);
void ps_cpus_join(struct ps_cpus *c);

/*
 * Interrupts: while running, every thread of @c gets a SIGUSR1 every
 * @period_us microseconds (roughly), whose handler calls @fn on that
 * thread's CPU.  ps_irqs_stop() returns once no handler can run.
 */
void ps_irqs_start(struct ps_cpus *c, unsigned int period_us, void (*fn)(void));
unsigned long ps_irqs_stop(void);
/* No more interrupts on this thread: for counts the handler adds to. */
void ps_irqs_block(void);

/* The host CPUs this process may run on, at most @max; returns how many. */
int ps_host_cpus(int *cpus, int max);

/* Stop flag of stress loops and a cheap per-thread random number. */
extern int ps_stop;
unsigned int ps_rand(void);
/* Sleep @ms milliseconds. */
void ps_msleep(unsigned int ms);

#endif /* _PS_USER_HARNESS_H */
