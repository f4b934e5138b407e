// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory semantics a program can see: protection changes keep the data
 * and fault as they should, the data segment and the heap start as the
 * ELF file and zeroes say, copy-on-write keeps parent and child apart.
 * Run natively and in tamu: the outputs must be the same.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static sigjmp_buf env;
static volatile int faults;

/* Initialized data, several pages of it: the loader copies it in. */
static unsigned int table[4 * PAGE / sizeof(unsigned int)] = { 1, 2, 3 };
static unsigned int zeroes[8 * PAGE / sizeof(unsigned int)];

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	(void)si;
	faults++;
	siglongjmp(env, 1);
}

/* 1 if reading (or writing) p faults, 0 if it does not. */
static int faults_on(volatile char *p, int write)
{
	int before = faults;

	if (!sigsetjmp(env, 1)) {
		if (write)
			*p = 'w';
		else
			(void)*p;
	}
	return faults != before;
}

static void protections(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int r, w;
	char c;

	memset(p, 'a', 3 * PAGE);
	mprotect(p, 3 * PAGE, PROT_READ);
	/* Data first: a write that gets through changes it. */
	c = p[PAGE];
	r = faults_on(p + PAGE, 0);
	w = faults_on(p + PAGE, 1);
	printf("read-only: read faults %d, write faults %d, data %c %c\n", r,
	       w, c, p[PAGE]);
	mprotect(p + PAGE, PAGE, PROT_NONE);
	printf("none in the middle: %d %d %d\n", faults_on(p, 0),
	       faults_on(p + PAGE, 0), faults_on(p + 2 * PAGE, 0));
	mprotect(p, 3 * PAGE, PROT_READ | PROT_WRITE);
	printf("writable again: data %c%c%c", p[0], p[PAGE], p[2 * PAGE + 1]);
	printf(", write faults %d\n", faults_on(p + PAGE, 1));
	munmap(p + PAGE, PAGE);
	printf("hole in the middle: %d %d %d\n", faults_on(p, 0),
	       faults_on(p + PAGE, 0), faults_on(p + 2 * PAGE, 0));
	/* Untouched pages made read-only, then touched. */
	munmap(p, 3 * PAGE);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(p, 2 * PAGE, PROT_READ);
	w = faults_on(p, 1);
	r = faults_on(p + PAGE, 0);
	printf("untouched read-only: %d %d, reads %d\n", w, r, p[PAGE]);
	munmap(p, 2 * PAGE);
}

static void data_and_heap(void)
{
	unsigned long sum = 0, zero = 0, i;
	char *brk0 = sbrk(0), *heap;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		sum += table[i];
	for (i = 0; i < sizeof(zeroes) / sizeof(zeroes[0]); i++)
		zero |= zeroes[i];
	printf("data segment: sum %lu, bss zero %s\n", sum,
	       zero ? "no" : "yes");

	/* A large growth and a small one: all zeroes, all writable. */
	heap = sbrk(40 * PAGE);
	for (i = 0, zero = 0; i < 40 * PAGE; i++)
		zero |= heap[i];
	memset(heap, 'h', 40 * PAGE);
	sbrk(2 * PAGE);
	printf("heap: grew %ld pages, zero %s, last byte %c, new %d\n",
	       (long)((char *)sbrk(0) - brk0) / PAGE, zero ? "no" : "yes",
	       heap[40 * PAGE - 1], heap[41 * PAGE]);
	sbrk(-42 * PAGE);
}

static void copy_on_write(void)
{
	int pipefd[2], status;
	char c;
	pid_t pid;

	table[0] = 100;
	zeroes[PAGE] = 7;
	if (pipe(pipefd))
		return;
	pid = fork();
	if (pid == 0) {
		table[0] = 200;
		zeroes[PAGE] = 8;
		mprotect((void *)((uintptr_t)table & ~(uintptr_t)(PAGE - 1)),
			 PAGE, PROT_READ);
		c = faults_on((char *)table, 1) ? 'f' : 'n';
		if (write(pipefd[1], &c, 1) != 1)
			_exit(1);
		printf("child: %u %u\n", table[0], zeroes[PAGE]);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (read(pipefd[0], &c, 1) != 1)
		c = '?';
	printf("parent after child (%c): %u %u", c, table[0], zeroes[PAGE]);
	printf(", write faults %d\n", faults_on((char *)table, 1));
	close(pipefd[0]);
	close(pipefd[1]);
}

/*
 * Fork again and again, both sides writing the same pages at once: the
 * pages tamu learns to copy ahead must stay each side's own.
 */
static void repeated_forks(void)
{
	int i, status, bad = 0;
	pid_t pid;

	for (i = 0; i < 6; i++) {
		table[1] = i;
		zeroes[3 * PAGE / 2] = i;
		pid = fork();
		if (pid == 0) {
			int ok = table[1] == (unsigned int)i &&
				 zeroes[3 * PAGE / 2] == (unsigned int)i;

			table[1] = 1000;
			zeroes[3 * PAGE / 2] = 1000;
			_exit(ok ? 0 : 1);
		}
		table[1] = 2000 + i;
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) ||
		    table[1] != 2000u + i || zeroes[3 * PAGE / 2] != (unsigned int)i)
			bad++;
	}
	printf("repeated forks: %d of %d wrong\n", bad, i);
}

/* Shared pages stay shared through protection changes and fork. */
static void shared_memory(void)
{
	char path[] = "/tmp/memtestXXXXXX", buf[8] = "";
	int fd = mkstemp(path), status;
	char *p, *q;

	if (fd < 0 || write(fd, "original", 8) != 8)
		return;
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	printf("shared file mapping reads %.8s", p);
	mprotect(p, PAGE, PROT_READ | PROT_WRITE);
	memcpy(p, "written!", 8);
	if (pread(fd, buf, 8, 0) != 8)
		return;
	printf(", after mprotect and a write the file has %.8s\n", buf);
	munmap(p, PAGE);
	close(fd);
	unlink(path);

	q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	q[0] = 'a';
	mprotect(q, PAGE, PROT_READ);
	mprotect(q, PAGE, PROT_READ | PROT_WRITE);
	if (fork() == 0) {
		q[0] = 'c';
		_exit(0);
	}
	wait(&status);
	printf("shared anonymous page after the child wrote it: %c\n", q[0]);
	munmap(q, PAGE);
}

static void private_file(void)
{
	char path[] = "/tmp/memtestXXXXXX", buf[8] = "";
	int fd = mkstemp(path);
	char *p;

	if (fd < 0 || write(fd, "original", 8) != 8)
		return;
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	memcpy(p, "changed!", 8);
	mprotect(p, PAGE, PROT_READ);
	if (pread(fd, buf, 8, 0) != 8)
		return;
	printf("private file mapping: file %.8s, mapping %.8s\n", buf, p);
	munmap(p, PAGE);
	close(fd);
	unlink(path);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv,
				.sa_flags = SA_SIGINFO | SA_NODEFER };

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGSEGV, &sa, NULL);
	protections();
	data_and_heap();
	copy_on_write();
	repeated_forks();
	shared_memory();
	private_file();
	printf("faults: %d\n", faults);
	return 0;
}
