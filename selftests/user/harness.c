// SPDX-License-Identifier: GPL-2.0
/* The user-space test harness, see harness.h. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/slab.h>
#include <linux/smp.h>

#include "harness.h"

unsigned long ps_check_failures;
unsigned long ps_expected_warnings;
int ps_stop;

void ps_check_failed(const char *file, int line, const char *what)
{
	if (__atomic_fetch_add(&ps_check_failures, 1, __ATOMIC_RELAXED) < 10)
		fprintf(stderr, "# %s:%d: check failed: %s\n", file, line, what);
}

int ps_run_cases(const char *suite, const struct ps_case *cases, int n)
{
	int i, failed = 0;

	printf("TAP version 13\n1..%d\n", n);
	fflush(stdout);
	for (i = 0; i < n; i++) {
		unsigned long warn = READ_ONCE(ps_warnings);
		bool ok;

		ps_check_failures = 0;
		ps_expected_warnings = 0;
		cases[i].run();
		ok = !ps_check_failures &&
		     READ_ONCE(ps_warnings) == warn + ps_expected_warnings;
		failed += !ok;
		printf("%sok %d %s/%s\n", ok ? "" : "not ", i + 1, suite,
		       cases[i].name);
		fflush(stdout);
	}
	return failed ? 1 : 0;
}

struct ps_thread_arg {
	struct ps_cpus *c;
	int i;
};

static struct ps_thread_arg thread_args[64];

static void *ps_cpu_thread(void *p)
{
	struct ps_thread_arg *a = p;
	struct ps_cpus *c = a->c;

	ps_cpu = c->cpu[a->i];
	if (c->pin) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(ps_cpu, &set);
		CHECK(!sched_setaffinity(0, sizeof(set), &set));
	}
	c->fn(a->i, c->arg);
	return NULL;
}

void ps_cpus_start(struct ps_cpus *c)
{
	int i;

	PS_REQUIRE(c->nr <= 64);
	WRITE_ONCE(ps_stop, 0);
	for (i = 0; i < c->nr; i++) {
		PS_REQUIRE(c->cpu[i] >= 0 && c->cpu[i] < (int)nr_cpu_ids);
		thread_args[i].c = c;
		thread_args[i].i = i;
		PS_REQUIRE(!pthread_create(&c->threads[i], NULL,
					   ps_cpu_thread, &thread_args[i]));
	}
}

void ps_cpus_join(struct ps_cpus *c)
{
	int i;

	for (i = 0; i < c->nr; i++)
		pthread_join(c->threads[i], NULL);
}

static void (*irq_fn)(void);
static struct ps_cpus *irq_cpus;
static unsigned int irq_period_us;
static pthread_t irq_thread;
static int irq_stop;
static unsigned long irqs_sent;

static void ps_irq_handler(int sig)
{
	irq_fn();
}

static void *ps_irq_thread(void *p)
{
	int i;

	while (!READ_ONCE(irq_stop)) {
		for (i = 0; i < irq_cpus->nr; i++)
			if (!pthread_kill(irq_cpus->threads[i], SIGUSR1))
				irqs_sent++;
		usleep(irq_period_us);
	}
	return NULL;
}

void ps_irqs_start(struct ps_cpus *c, unsigned int period_us, void (*fn)(void))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ps_irq_handler;
	sa.sa_flags = SA_RESTART;
	irq_fn = fn;
	irq_cpus = c;
	irq_period_us = period_us;
	irqs_sent = 0;
	WRITE_ONCE(irq_stop, 0);
	PS_REQUIRE(!sigaction(SIGUSR1, &sa, NULL));
	PS_REQUIRE(!pthread_create(&irq_thread, NULL, ps_irq_thread, NULL));
}

/* Stop sending; the workers must still be running, as signals go to them. */
unsigned long ps_irqs_stop(void)
{
	WRITE_ONCE(irq_stop, 1);
	pthread_join(irq_thread, NULL);
	return irqs_sent;
}

int ps_host_cpus(int *cpus, int max)
{
	cpu_set_t set;
	int cpu, n = 0;

	PS_REQUIRE(!sched_getaffinity(0, sizeof(set), &set));
	for (cpu = 0; cpu < CPU_SETSIZE && n < max; cpu++)
		if (CPU_ISSET(cpu, &set))
			cpus[n++] = cpu;
	return n;
}

void ps_irqs_block(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	PS_REQUIRE(!pthread_sigmask(SIG_BLOCK, &set, NULL));
}

unsigned int ps_rand(void)
{
	static __thread unsigned int seed;

	if (!seed)
		seed = (unsigned int)(uintptr_t)&seed ^ (unsigned int)time(NULL);
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

void ps_msleep(unsigned int ms)
{
	usleep(ms * 1000);
}
