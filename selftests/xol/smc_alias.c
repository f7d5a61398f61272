// SPDX-License-Identifier: GPL-2.0
/*
 * smc_alias - does the machine run code that was just rewritten through
 * another mapping of the same page?
 *
 * Not a kernel test: a check of the emulator the tests run on.  uprobes
 * write XOL slots through the kernel's mapping of the page and the task
 * then runs them through the user mapping, from whichever CPU.  This does
 * the same with no uprobes involved: child processes with a fresh code
 * page (private, read+exec), 16 threads taking 128-byte slots from a
 * shared bitmap, having the kernel write "mov $K,%eax; ret" into it
 * through /proc/self/mem (the same kmap path) and calling it.  Every call
 * must return its own K.
 *
 * On real hardware and on single-threaded TCG it always does.  QEMU 7.2
 * with multi-threaded TCG (x86_64 guest, -smp 2) now and then keeps
 * running stale translations of such a page, so vanilla uprobes fail
 * there too (wrong results, SIGSEGV in the XOL area); the XOL selftests
 * must then run with -accel tcg,thread=single.
 *
 * Usage: smc_alias [ROUNDS]; prints TAP, exits 1 on a wrong result.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define NR_THREADS	16
#define SLOT		128
#define NR_SLOTS	32

static unsigned char *ex;
static int mem;
static unsigned long slots = 1;		/* slot 0 stays unused */
static long *wrong;

static int take_slot(void)
{
	for (;;) {
		for (int s = 1; s < NR_SLOTS; s++) {
			unsigned long m = 1UL << s;

			if (!(__atomic_fetch_or(&slots, m, __ATOMIC_SEQ_CST) & m))
				return s;
		}
	}
}

static void *thread(void *arg)
{
	long id = (long)arg;

	for (long i = 0;; i++) {
		unsigned int k = id << 20 | (i & 0xfffff);
		int s = take_slot();
		unsigned int (*fn)(void);

#if defined(__x86_64__)
		unsigned char insn[6] = { 0xb8, k, k >> 8, k >> 16, k >> 24,
					  0xc3 };
#elif defined(__aarch64__)
		unsigned int insn[2] = { 0x52800000 | (k & 0xffff) << 5,
					 0xd65f03c0 };

		k &= 0xffff;
#endif
		if (pwrite(mem, insn, sizeof(insn), (long)(ex + SLOT * s)) !=
		    sizeof(insn))
			_exit(3);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		fn = (void *)(ex + SLOT * s);
		if (fn() != k)
			__atomic_add_fetch(wrong, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_and(&slots, ~(1UL << s), __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void child(void)
{
	pthread_t t[NR_THREADS];

	mem = open("/proc/self/mem", O_RDWR);
	ex = mmap(NULL, 4096, PROT_READ | PROT_EXEC,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem < 0 || ex == MAP_FAILED)
		_exit(2);
	for (long i = 0; i < NR_THREADS; i++)
		if (pthread_create(&t[i], NULL, thread, (void *)i))
			_exit(2);
	usleep(30000);
	_exit(0);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 40, bad_exit = 0;

	wrong = mmap(NULL, sizeof(*wrong), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (wrong == MAP_FAILED)
		return 1;
	printf("TAP version 13\n1..1\n");
	for (int r = 0; r < rounds; r++) {
		pid_t pid = fork();
		int status;

		if (!pid)
			child();
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			bad_exit++;
	}
	printf("# %ld wrong results, %d children failed\n", *wrong, bad_exit);
	printf("%s 1 code the kernel rewrote runs as rewritten\n",
	       *wrong || bad_exit ? "not ok" : "ok");
	return *wrong || bad_exit;
}
