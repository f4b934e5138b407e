// SPDX-License-Identifier: GPL-2.0-only
/*
 * Futexes compared with Linux: the raw operations and their errors,
 * requeue and wake-op counts, futex_waitv, robust mutexes whose owner
 * dies (thread and process, with and without a waiter), and
 * priority-inheritance mutexes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long fx(void *uaddr, int op, unsigned int val, const void *t,
	       void *uaddr2, unsigned int val3)
{
	return syscall(SYS_futex, uaddr, op, val, t, uaddr2, val3);
}

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void raw_checks(void)
{
	static uint32_t w = 5, w2 = 0;
	struct timespec t = { 0, 10000000 }, bad = { 0, 1000000000 };

	show("FUTEX_WAIT on a changed word", fx(&w, FUTEX_WAIT, 4, NULL, NULL, 0));
	show("FUTEX_WAIT 10 ms", fx(&w, FUTEX_WAIT, 5, &t, NULL, 0));
	show("FUTEX_WAIT with tv_nsec 1e9", fx(&w, FUTEX_WAIT, 5, &bad, NULL, 0));
	show("FUTEX_WAIT unaligned", fx((char *)&w + 1, FUTEX_WAIT, 5, &t, NULL, 0));
	show("FUTEX_WAIT at a bad address", fx((void *)8, FUTEX_WAIT, 5, &t, NULL, 0));
	show("FUTEX_WAKE with nobody", fx(&w, FUTEX_WAKE, 1, NULL, NULL, 0));
	show("operation 99", fx(&w, 99, 1, NULL, NULL, 0));
	show("FUTEX_WAKE with FUTEX_CLOCK_REALTIME",
	     fx(&w, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
	show("FUTEX_WAIT_BITSET with bitset 0",
	     fx(&w, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0));
	show("FUTEX_WAKE_BITSET with bitset 0",
	     fx(&w, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0));
	show("FUTEX_CMP_REQUEUE on a changed word",
	     fx(&w, FUTEX_CMP_REQUEUE, 1, (void *)1, &w2, 4));
	show("FUTEX_REQUEUE of -1", fx(&w, FUTEX_REQUEUE, 1, (void *)-1L, &w2, 0));
	show("FUTEX_WAKE_OP with op 7",
	     fx(&w, FUTEX_WAKE_OP, 1, (void *)1, &w2, FUTEX_OP(7, 0, 0, 0)));
	show("FUTEX_WAKE_OP with cmp 9",
	     fx(&w, FUTEX_WAKE_OP, 1, (void *)1, &w2, FUTEX_OP(0, 0, 9, 0)));
	printf("  and the word: %u\n", w2);
	/* An absolute CLOCK_REALTIME deadline in the past. */
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec--;
	show("FUTEX_WAIT_BITSET, realtime deadline passed",
	     fx(&w, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 5, &t, NULL,
		FUTEX_BITSET_MATCH_ANY));
}

static uint32_t word1, word2;
static int woken;

static void *waiter(void *arg)
{
	uint32_t *w = arg;

	if (fx(w, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0) == 0)
		__atomic_add_fetch(&woken, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Start n waiters on word1 and wait until they sleep. */
static void start_waiters(pthread_t *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, waiter, &word1);
	sleep_ms(50);
}

static void wakes_and_requeues(void)
{
	pthread_t t[4];
	int i;

	start_waiters(t, 4);
	show("FUTEX_WAKE 2 of 4", fx(&word1, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0));
	show("FUTEX_CMP_REQUEUE 1, 5 to another word",
	     fx(&word1, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)5, &word2, 0));
	show("  then FUTEX_WAKE of the first word",
	     fx(&word1, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0));
	show("  and of the second", fx(&word2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0));
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("woken in all: %d\n", woken);

	/* WAKE_OP: two on word1, and word2 += 3, waking on word2 if it was 0. */
	woken = 0;
	start_waiters(t, 2);
	pthread_create(&t[2], NULL, waiter, &word2);
	sleep_ms(50);
	word2 = 0;
	show("FUTEX_WAKE_OP add 3, wake if it was 0",
	     fx(&word1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &word2,
		FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 0)));
	printf("  the word: %u\n", word2);
	show("FUTEX_WAKE_OP shift-or, wake if it was above 5",
	     fx(&word1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &word2,
		FUTEX_OP((FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT), 4,
			 FUTEX_OP_CMP_GT, 5)));
	printf("  the word: %u\n", word2);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("woken in all: %d\n", woken);
}

struct futex_waitv_entry {
	uint64_t val, uaddr;
	uint32_t flags, reserved;
};

static uint32_t wv[3];

static void *wake_second(void *arg)
{
	(void)arg;
	sleep_ms(50);
	fx(&wv[1], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	return NULL;
}

static void waitv(void)
{
	struct futex_waitv_entry e[3];
	struct timespec t;
	pthread_t th;
	int i;

	for (i = 0; i < 3; i++)
		e[i] = (struct futex_waitv_entry){ 0, (uintptr_t)&wv[i],
						   FUTEX_32 | FUTEX_PRIVATE_FLAG, 0 };
	pthread_create(&th, NULL, wake_second, NULL);
	show("futex_waitv woken on the second",
	     syscall(SYS_futex_waitv, e, 3, 0, NULL, 0));
	pthread_join(th, NULL);
	e[2].val = 1;
	show("futex_waitv with a changed word", syscall(SYS_futex_waitv, e, 3, 0, NULL, 0));
	e[2].val = 0;
	show("futex_waitv of 0", syscall(SYS_futex_waitv, e, 0, 0, NULL, 0));
	show("futex_waitv of 129", syscall(SYS_futex_waitv, e, 129, 0, NULL, 0));
	show("futex_waitv with flags 1", syscall(SYS_futex_waitv, e, 3, 1, NULL, 0));
	e[1].flags = 0;
	show("futex_waitv of a size-0 word", syscall(SYS_futex_waitv, e, 3, 0, NULL, 0));
	e[1].flags = FUTEX_32;
	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_nsec += 10000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	show("futex_waitv until 10 ms", syscall(SYS_futex_waitv, e, 3, 0, &t,
						  CLOCK_MONOTONIC));
	show("futex_waitv with clock 5", syscall(SYS_futex_waitv, e, 3, 0, &t, 5));
}

static pthread_mutex_t *shared_mutex(int protocol)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setprotocol(&a, protocol);
	pthread_mutex_init(m, &a);
	return m;
}

static void *lock_and_exit(void *arg)
{
	pthread_mutex_lock(arg);
	return NULL;
}

static void robust(int protocol, const char *kind)
{
	pthread_mutex_t *m = shared_mutex(protocol);
	pthread_t t;
	int err;

	pthread_create(&t, NULL, lock_and_exit, m);
	pthread_join(t, NULL);
	err = pthread_mutex_lock(m);
	printf("%s: a thread died holding it: %s\n", kind, strerrorname_np(err));
	pthread_mutex_consistent(m);
	pthread_mutex_unlock(m);
	printf("  then lock: %s\n", strerrorname_np(pthread_mutex_lock(m)) ?: "0");
	pthread_mutex_unlock(m);

	if (!fork()) {
		pthread_mutex_lock(m);
		_exit(0);
	}
	wait(NULL);
	err = pthread_mutex_lock(m);
	printf("  a process died holding it: %s\n", strerrorname_np(err));
	pthread_mutex_consistent(m);
	pthread_mutex_unlock(m);

	/* A waiter asleep when the owner dies. */
	if (!fork()) {
		pthread_mutex_lock(m);
		sleep_ms(100);
		_exit(0);
	}
	sleep_ms(30);
	err = pthread_mutex_lock(m);
	printf("  waiting when the owner died: %s\n", strerrorname_np(err));
	wait(NULL);
	pthread_mutex_consistent(m);
	pthread_mutex_unlock(m);
	munmap(m, 4096);
}

static void robust_list_calls(void)
{
	void *head;
	size_t len;

	show("get_robust_list of myself", syscall(SYS_get_robust_list, 0, &head, &len));
	printf("  length %zu, a head %s\n", len, head ? "yes" : "no");
	show("get_robust_list of pid -1",
	     syscall(SYS_get_robust_list, -1, &head, &len));
	show("set_robust_list of length 8", syscall(SYS_set_robust_list, head, 8));
	show("get_robust_list to a bad pointer",
	     syscall(SYS_get_robust_list, 0, (void *)8, &len));
}

static pthread_mutex_t pi_mutex;
static int pi_got;

static void *pi_locker(void *arg)
{
	(void)arg;
	printf("  trylock while held: %s\n",
	       strerrorname_np(pthread_mutex_trylock(&pi_mutex)));
	pthread_mutex_lock(&pi_mutex);
	pi_got = 1;
	pthread_mutex_unlock(&pi_mutex);
	return NULL;
}

static void pi(void)
{
	pthread_mutexattr_t a;
	static uint32_t w;
	pthread_t t;
	pid_t other;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
	pthread_mutex_init(&pi_mutex, &a);
	pthread_mutex_lock(&pi_mutex);
	pthread_create(&t, NULL, pi_locker, NULL);
	sleep_ms(50);
	printf("PI mutex: the other thread has it before the unlock: %s\n",
	       pi_got ? "yes" : "no");
	pthread_mutex_unlock(&pi_mutex);
	pthread_join(t, NULL);
	printf("  after: %s\n", pi_got ? "yes" : "no");

	w = gettid();
	show("FUTEX_LOCK_PI of my own", fx(&w, FUTEX_LOCK_PI, 0, NULL, NULL, 0));
	show("FUTEX_UNLOCK_PI", fx(&w, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0));
	printf("  the word: %u\n", w);
	other = fork();
	if (!other) {
		pause();
		_exit(0);
	}
	w = other;
	show("FUTEX_UNLOCK_PI of another's", fx(&w, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0));
	show("FUTEX_TRYLOCK_PI of another's",
	     fx(&w, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0));
	printf("  its word: the owner%s\n",
	       w == (uint32_t)other ? "" :
	       w == ((uint32_t)other | FUTEX_WAITERS) ? " and FUTEX_WAITERS" :
							 ", changed");
	kill(other, SIGKILL);
	wait(NULL);
	w = 0x3ffffff0;
	show("FUTEX_LOCK_PI owned by nobody that exists",
	     fx(&w, FUTEX_LOCK_PI, 0, NULL, NULL, 0));
	w = 0;
	show("FUTEX_TRYLOCK_PI of a free one", fx(&w, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0));
	printf("  mine now: %s\n", w == (uint32_t)gettid() ? "yes" : "no");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	raw_checks();
	wakes_and_requeues();
	waitv();
	robust(PTHREAD_PRIO_NONE, "robust mutex");
	robust(PTHREAD_PRIO_INHERIT, "robust PI mutex");
	robust_list_calls();
	pi();
	return 0;
}
