// SPDX-License-Identifier: GPL-2.0-only
/*
 * System V shared memory, semaphores and message queues, and POSIX
 * message queues: data shared across fork and exec, waiting and waking,
 * SEM_UNDO at exit, message types and priorities, removal under a
 * waiter, permissions as another user, and the errno of each bad id,
 * pointer, flag and size.  Prints only what is the same on every run
 * (no ids, pids or times); tests/boot/guest.sh compares it with a
 * native run.  It runs as root there, so every object it makes is
 * removed again, on failure paths too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NOBODY 65534
#define PAGE 4096

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

struct msg {
	long type;
	char text[64];
};

static char *self;
static char mq_name[64];
/* Everything made, for cleanup(): ids, or -1. */
static int shm_ids[8], sem_ids[8], msg_ids[8];

/* Remove what is left; safe in a signal handler. */
static void cleanup(void)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		if (shm_ids[i] >= 0)
			shmctl(shm_ids[i], IPC_RMID, NULL);
		if (sem_ids[i] >= 0)
			semctl(sem_ids[i], 0, IPC_RMID);
		if (msg_ids[i] >= 0)
			msgctl(msg_ids[i], IPC_RMID, NULL);
	}
	if (mq_name[0])
		mq_unlink(mq_name);
	/* Names that must not exist: gone again if a call made one. */
	mq_unlink("/tamu-bad");
	mq_unlink("/tamu-nobody");
}

static void fatal_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int remember(int *ids, int id)
{
	unsigned int i;

	for (i = 0; id >= 0 && i < 8; i++)
		if (ids[i] < 0) {
			ids[i] = id;
			break;
		}
	return id;
}

static const char *err_name(int e)
{
	return e ? strerrorname_np(e) : "ok";
}

static void result(const char *what, long ret)
{
	printf("%s: %s\n", what, ret < 0 ? strerrorname_np(errno) : "ok");
}

/* The child's code: 0 or an errno it returned, or 128+N for signal N. */
static int reap(pid_t pid)
{
	int status;
	pid_t got;

	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	if (got != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void child_result(const char *what, pid_t pid)
{
	int code = reap(pid);

	if (code >= 128)
		printf("%s: killed by %s\n", what, sigabbrev_np(code - 128));
	else
		printf("%s: %s\n", what, err_name(code));
}

/* Exit with the call's errno (0 if it worked). */
static void __attribute__((noreturn)) exit_with(long ret)
{
	_exit(ret < 0 ? errno : 0);
}

/* Until the child sleeps interruptibly (in the call it was sent to). */
static void wait_blocked(pid_t pid)
{
	char path[64], buf[256], *p;
	int i, fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (i = 0; i < 10000; i++) {
		fd = open(path, O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		if (fd >= 0)
			close(fd);
		buf[n > 0 ? n : 0] = '\0';
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return;
		usleep(1000);
	}
	printf("a child never went to sleep\n");
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void handle_usr1(int flags)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = flags };

	sigaction(SIGUSR1, &sa, NULL);
}

static void become_nobody(void)
{
	if (setgid(NOBODY) || setuid(NOBODY))
		_exit(100);
}

/* The fields of our object's /proc/sysvipc line named by their index. */
static void sysvipc_line(const char *file, int id, const int *fields, int n)
{
	char path[64], line[512], *tok[20], *save;
	FILE *f;
	int i, nt;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", file);
	f = fopen(path, "r");
	if (!f || !fgets(line, sizeof(line), f)) {
		printf("%s: unreadable\n", path);
		if (f)
			fclose(f);
		return;
	}
	printf("%s header:%s", path, line);
	while (fgets(line, sizeof(line), f)) {
		nt = 0;
		for (tok[nt] = strtok_r(line, " \n", &save); tok[nt] && nt < 19;
		     tok[++nt] = strtok_r(NULL, " \n", &save))
			;
		if (nt < 2 || atoi(tok[1]) != id)
			continue;
		printf("%s line (%d fields):", path, nt);
		for (i = 0; i < n; i++)
			printf(" %s", fields[i] < nt ? tok[fields[i]] : "-");
		printf("\n");
	}
	fclose(f);
}

/* ---- shared memory ---- */

static void show_shm(const char *what, int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds)) {
		printf("%s: IPC_STAT %s\n", what, strerrorname_np(errno));
		return;
	}
	printf("%s: key %s mode %04o size %zu nattch %lu uid %u cuid %u"
	       " cpid %s lpid %s atime %s dtime %s\n",
	       what, ds.shm_perm.__key ? "set" : "0", ds.shm_perm.mode,
	       ds.shm_segsz, (unsigned long)ds.shm_nattch, ds.shm_perm.uid,
	       ds.shm_perm.cuid,
	       ds.shm_cpid == getpid() ? "me" :
	       ds.shm_cpid	       ? "other" :
					 "0",
	       ds.shm_lpid == getpid() ? "me" :
	       ds.shm_lpid	       ? "other" :
					 "0",
	       ds.shm_atime ? "set" : "0", ds.shm_dtime ? "set" : "0");
}

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) ? (unsigned long)-1 : ds.shm_nattch;
}

/* A free range of n pages. */
static char *free_range(int n)
{
	char *p = mmap(NULL, n * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	munmap(p, n * PAGE);
	return p;
}

static void shm_sharing(void)
{
	int id =
		remember(shm_ids, shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600));
	char *p, arg[16];
	pid_t pid;

	result("shmget private 10000 bytes", id);
	show_shm("new segment", id);
	p = shmat(id, NULL, 0);
	result("shmat", p == (void *)-1 ? -1 : 0);
	if (p == (void *)-1)
		return;
	strcpy(p, "parent wrote this");
	show_shm("attached", id);
	pid = fork();
	if (!pid) {
		/* Inherited: the same pages, and one more attach. */
		if (strcmp(p, "parent wrote this") || nattch(id) != 2)
			_exit(1);
		strcpy(p + 5000, "child wrote this");
		_exit(0);
	}
	child_result("forked child sees the parent's write, nattch 2", pid);
	printf("parent sees the child's write: %s\n", p + 5000);
	printf("nattch once the child exited: %lu\n", nattch(id));
	/* A new program, not a fork: it attaches by id alone. */
	snprintf(arg, sizeof(arg), "%d", id);
	pid = fork();
	if (!pid) {
		execl(self, self, "shm-peer", arg, (char *)NULL);
		_exit(127);
	}
	child_result("an exec'd program attaches by id and writes", pid);
	printf("parent sees its write: %s\n", p + 8000);
	/* exec drops the attaches the child inherited. */
	pid = fork();
	if (!pid) {
		execl(self, self, "nattch", arg, (char *)NULL);
		_exit(127);
	}
	printf("nattch seen after the child's exec: %d\n", reap(pid));
	result("shmdt", shmdt(p));
	result("shmdt again", shmdt(p));
	result("shmdt of an unaligned address", shmdt(p + 1));
	show_shm("detached", id);
	sysvipc_line("shm", id,
		     (const int[]){ 0, 2, 3, 6, 7, 8, 9, 10, 14, 15 }, 10);
}

/* Exec'd by shm_sharing: attach the segment and write to it. */
static int shm_peer(int id)
{
	char *p = shmat(id, NULL, 0);

	if (p == (void *)-1)
		return errno;
	strcpy(p + 8000, "exec'd program wrote this");
	return shmdt(p) ? errno : 0;
}

static void shm_addresses(void)
{
	int id = remember(shm_ids, shmget(IPC_PRIVATE, 3 * PAGE, 0600));
	char *at = free_range(4), *p, *q;
	pid_t pid;

	p = shmat(id, at + 123, 0);
	result("shmat at an unaligned address", p == (void *)-1 ? -1 : 0);
	p = shmat(id, at + 123, SHM_RND);
	printf("shmat SHM_RND: %s\n", p == at ? "rounded down" : "elsewhere");
	q = shmat(id, at, 0);
	result("shmat over an attach without SHM_REMAP",
	       q == (void *)-1 ? -1 : 0);
	q = shmat(id, at, SHM_REMAP);
	printf("shmat SHM_REMAP: %s, nattch %lu\n",
	       q == at ? "same address" : "elsewhere", nattch(id));
	result("shmat NULL with SHM_REMAP",
	       shmat(id, NULL, SHM_REMAP) == (void *)-1 ? -1 : 0);
	/* Pieces of one attach: each area counts, shmdt takes them all. */
	mprotect(q + PAGE, PAGE, PROT_READ);
	printf("after mprotect of the middle page: nattch %lu\n", nattch(id));
	munmap(q + PAGE, PAGE);
	printf("after munmap of the middle page: nattch %lu\n", nattch(id));
	result("shmdt of the pieces", shmdt(q));
	printf("then nattch %lu\n", nattch(id));
	q = shmat(id, NULL, SHM_RDONLY);
	pid = fork();
	if (!pid) {
		volatile char c = q[0];

		(void)c;
		q[0] = 1;
		_exit(0);
	}
	child_result("write to a SHM_RDONLY attach", pid);
	result("mprotect PROT_WRITE of a SHM_RDONLY attach",
	       mprotect(q, PAGE, PROT_READ | PROT_WRITE));
	shmdt(q);
}

static void shm_removal(void)
{
	int id = remember(shm_ids, shmget(IPC_PRIVATE, PAGE, 0600));
	char *p = shmat(id, NULL, 0);

	strcpy(p, "still here");
	result("IPC_RMID while attached", shmctl(id, IPC_RMID, NULL));
	show_shm("removed, attached", id);
	printf("the memory after IPC_RMID: %s\n", p);
	result("shmdt of the removed segment", shmdt(p));
	result("IPC_STAT once the last attach went",
	       shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }));
}

static void shm_errors(void)
{
	key_t key = 0x7a6d0000 | (getpid() & 0xffff);
	int id = remember(shm_ids, shmget(key, 2 * PAGE, IPC_CREAT | 0640));
	struct shmid_ds ds;
	struct shminfo info;

	result("shmget key, IPC_CREAT", id);
	printf("shmget key again: %s\n",
	       shmget(key, PAGE, 0) == id ? "same id" : "another");
	result("shmget key, IPC_CREAT|IPC_EXCL",
	       shmget(key, PAGE, IPC_CREAT | IPC_EXCL));
	result("shmget key, larger than it is", shmget(key, 3 * PAGE, 0));
	result("shmget a key nobody made", shmget(key ^ 0x8000, PAGE, 0));
	result("shmget size 0", shmget(IPC_PRIVATE, 0, 0600));
	result("shmctl IPC_STAT of a bad id",
	       shmctl(0x7ffffff0, IPC_STAT, &ds));
	result("shmctl IPC_STAT of id -1", shmctl(-1, IPC_STAT, &ds));
	result("shmctl IPC_STAT to a bad pointer",
	       shmctl(id, IPC_STAT, (void *)8));
	result("shmctl command 99", shmctl(id, 99, &ds));
	result("shmat of a bad id",
	       shmat(0x7ffffff0, NULL, 0) == (void *)-1 ? -1 : 0);
	result("shmctl SHM_LOCK", shmctl(id, SHM_LOCK, NULL));
	show_shm("locked", id);
	result("shmctl SHM_UNLOCK", shmctl(id, SHM_UNLOCK, NULL));
	result("shmctl IPC_INFO", shmctl(0, IPC_INFO, (void *)&info));
	printf("IPC_INFO: shmmin %lu, shmseg == shmmni: %s\n", info.shmmin,
	       info.shmseg == info.shmmni ? "yes" : "no");
	sysvipc_line("shm", id, (const int[]){ 2, 3, 6, 7, 8, 14 }, 6);
}

/* As nobody: what a 0640 segment of root's allows, before and after. */
static int shm_as_nobody(int id)
{
	struct shmid_ds ds;

	become_nobody();
	result("  nobody: shmat", shmat(id, NULL, 0) == (void *)-1 ? -1 : 0);
	result("  nobody: IPC_STAT", shmctl(id, IPC_STAT, &ds));
	result("  nobody: IPC_RMID", shmctl(id, IPC_RMID, NULL));
	result("  nobody: SHM_LOCK", shmctl(id, SHM_LOCK, NULL));
	return 0;
}

static void shm_permissions(void)
{
	int id = remember(shm_ids, shmget(IPC_PRIVATE, PAGE, 0640));
	struct shmid_ds ds;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (!pid)
		_exit(shm_as_nobody(id));
	reap(pid);
	shmctl(id, IPC_STAT, &ds);
	ds.shm_perm.mode = 0604;
	result("IPC_SET mode 0604", shmctl(id, IPC_SET, &ds));
	show_shm("after IPC_SET", id);
	fflush(stdout);
	pid = fork();
	if (!pid) {
		become_nobody();
		result("  nobody: shmat read-write",
		       shmat(id, NULL, 0) == (void *)-1 ? -1 : 0);
		result("  nobody: shmat SHM_RDONLY",
		       shmat(id, NULL, SHM_RDONLY) == (void *)-1 ? -1 : 0);
		result("  nobody: IPC_STAT", shmctl(id, IPC_STAT, &ds));
		fflush(stdout);
		_exit(0);
	}
	reap(pid);
	ds.shm_perm.uid = NOBODY;
	result("IPC_SET uid nobody", shmctl(id, IPC_SET, &ds));
	pid = fork();
	if (!pid) {
		become_nobody();
		exit_with(shmctl(id, IPC_RMID, NULL));
	}
	child_result("  the new owner removes it", pid);
}

/* ---- semaphores ---- */

static void show_sems(const char *what, int id, int n)
{
	unsigned short vals[8];
	int i;

	if (semctl(id, 0, GETALL, (union semun){ .array = vals })) {
		printf("%s: GETALL %s\n", what, strerrorname_np(errno));
		return;
	}
	printf("%s:", what);
	for (i = 0; i < n; i++)
		printf(" %u", vals[i]);
	printf("\n");
}

static long semop1(int id, int num, int op, int flg)
{
	struct sembuf sb = { num, op, flg };

	return semop(id, &sb, 1);
}

static void sem_basics(void)
{
	int id = remember(sem_ids, semget(IPC_PRIVATE, 3, 0600));
	unsigned short all[3] = { 1, 2, 3 };
	struct semid_ds ds;
	struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 1, -5, IPC_NOWAIT } };
	struct sembuf many[501];
	struct seminfo info;

	result("semget private, 3", id);
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	printf("IPC_STAT: nsems %lu mode %04o uid %u otime %s\n",
	       (unsigned long)ds.sem_nsems, ds.sem_perm.mode, ds.sem_perm.uid,
	       ds.sem_otime ? "set" : "0");
	show_sems("new set", id, 3);
	result("SETVAL 0 to 5",
	       semctl(id, 0, SETVAL, (union semun){ .val = 5 }));
	printf("GETVAL: %d, GETPID: %s\n", semctl(id, 0, GETVAL),
	       semctl(id, 0, GETPID) == getpid() ? "me" : "other");
	result("SETALL 1 2 3",
	       semctl(id, 0, SETALL, (union semun){ .array = all }));
	show_sems("after SETALL", id, 3);
	result("two operations, the second would wait, IPC_NOWAIT",
	       semop(id, two, 2));
	show_sems("nothing changed", id, 3);
	result("semop -2 on a 1, IPC_NOWAIT", semop1(id, 0, -2, IPC_NOWAIT));
	result("semop +1", semop1(id, 0, 1, 0));
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	printf("otime after a semop: %s\n", ds.sem_otime ? "set" : "0");
	result("semop on semaphore 3 of 3", semop1(id, 3, 1, 0));
	result("semop past SEMVMX", semop1(id, 0, 32767, 0));
	result("semop of 0 operations", semop(id, two, 0));
	memset(many, 0, sizeof(many));
	result("semop of 501 operations", semop(id, many, 501));
	result("semop from a bad pointer", semop(id, (void *)8, 1));
	result("semop on a bad id", semop1(0x7ffffff0, 0, 1, 0));
	result("SETVAL 32768",
	       semctl(id, 0, SETVAL, (union semun){ .val = 32768 }));
	result("SETVAL -1", semctl(id, 0, SETVAL, (union semun){ .val = -1 }));
	result("GETVAL of semaphore 7", semctl(id, 7, GETVAL));
	result("semctl command 99", semctl(id, 0, 99));
	result("semctl on id -1", semctl(-1, 0, GETVAL));
	result("semget nsems -1", semget(IPC_PRIVATE, -1, 0600));
	result("semget nsems 0", semget(IPC_PRIVATE, 0, 0600));
	result("semget nsems 32001", semget(IPC_PRIVATE, 32001, 0600));
	result("semtimedop with a bad timeout",
	       semtimedop(id, two, 1, &(struct timespec){ 0, 2000000000 }));
	result("IPC_INFO",
	       semctl(0, 0, IPC_INFO, (union semun){ .__buf = &info }));
	printf("IPC_INFO: semvmx %d semaem %d semusz %d\n", info.semvmx,
	       info.semaem, info.semusz);
	sysvipc_line("sem", id, (const int[]){ 0, 2, 3, 4, 5, 6, 7 }, 7);
}

/* A child blocked in semop, woken by what the parent does. */
static void sem_waiting(void)
{
	int id = remember(sem_ids, semget(IPC_PRIVATE, 2, 0600));
	struct sembuf wait2[2] = { { 0, -1, 0 }, { 1, -1, 0 } };
	pid_t pid;

	semctl(id, 1, SETVAL, (union semun){ .val = 1 });
	pid = fork();
	if (!pid)
		exit_with(semop1(id, 0, -1, 0));
	wait_blocked(pid);
	printf("waiting to decrement: GETNCNT %d GETZCNT %d\n",
	       semctl(id, 0, GETNCNT), semctl(id, 0, GETZCNT));
	semop1(id, 0, 1, 0);
	child_result("the parent's +1 completes it", pid);
	pid = fork();
	if (!pid)
		exit_with(semop1(id, 1, 0, 0));
	wait_blocked(pid);
	printf("waiting for zero: GETZCNT %d\n", semctl(id, 1, GETZCNT));
	semop1(id, 1, -1, 0);
	child_result("the parent's -1 to zero completes it", pid);
	/* Both at once: it waits on the first that cannot go on. */
	pid = fork();
	if (!pid)
		exit_with(semop(id, wait2, 2));
	wait_blocked(pid);
	printf("two decrements waiting: GETNCNT 0: %d, 1: %d\n",
	       semctl(id, 0, GETNCNT), semctl(id, 1, GETNCNT));
	semop1(id, 0, 1, 0);
	printf("after +1 on 0: GETNCNT 0: %d, 1: %d\n", semctl(id, 0, GETNCNT),
	       semctl(id, 1, GETNCNT));
	semop1(id, 1, 1, 0);
	child_result("then +1 on 1 completes both", pid);
	show_sems("values", id, 2);
	result("semtimedop waiting 50 ms",
	       semtimedop(id, wait2, 1, &(struct timespec){ 0, 50000000 }));
}

static void sem_interrupted(int flags, const char *what)
{
	int id = remember(sem_ids, semget(IPC_PRIVATE, 1, 0600));
	pid_t pid = fork();

	if (!pid) {
		handle_usr1(flags);
		exit_with(semop1(id, 0, -1, 0));
	}
	wait_blocked(pid);
	kill(pid, SIGUSR1);
	child_result(what, pid);
	pid = fork();
	if (!pid)
		exit_with(semop1(id, 0, -1, 0));
	wait_blocked(pid);
	semctl(id, 0, IPC_RMID);
	child_result("IPC_RMID while it waits", pid);
}

static void sem_undo(void)
{
	int id = remember(sem_ids, semget(IPC_PRIVATE, 2, 0600));
	pid_t holder, waiter;

	semctl(id, 0, SETVAL, (union semun){ .val = 1 });
	holder = fork();
	if (!holder) {
		semop1(id, 1, 3, SEM_UNDO);
		semop1(id, 0, -1, SEM_UNDO);
		pause();
		_exit(0);
	}
	while (semctl(id, 0, GETVAL) != 0)
		usleep(1000);
	show_sems("a child took 0 and added 3 to 1, with SEM_UNDO", id, 2);
	waiter = fork();
	if (!waiter)
		exit_with(semop1(id, 0, -1, 0));
	wait_blocked(waiter);
	kill(holder, SIGKILL);
	child_result("the holder killed", holder);
	child_result("its undo wakes the waiter", waiter);
	show_sems("values", id, 2);
	printf("GETPID of 1: %s\n",
	       semctl(id, 1, GETPID) == holder ? "the holder" : "other");
	/* SETVAL forgets the counts: this exit changes nothing. */
	holder = fork();
	if (!holder) {
		semop1(id, 0, 2, SEM_UNDO);
		semctl(id, 0, SETVAL, (union semun){ .val = 7 });
		_exit(0);
	}
	reap(holder);
	show_sems("after SETVAL cleared the undo", id, 2);
}

static void sem_as_nobody(int id)
{
	struct semid_ds ds;

	become_nobody();
	result("  nobody: semop", semop1(id, 0, 1, IPC_NOWAIT));
	result("  nobody: GETVAL", semctl(id, 0, GETVAL));
	result("  nobody: IPC_STAT",
	       semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	result("  nobody: SEM_STAT_ANY of its index",
	       semctl(id & 0x7fff, 0, SEM_STAT_ANY,
		      (union semun){ .buf = &ds }) == id ?
		       0 :
		       -1);
	result("  nobody: IPC_SET",
	       semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	result("  nobody: IPC_RMID", semctl(id, 0, IPC_RMID));
}

static void sem_permissions(void)
{
	key_t key = 0x7a730000 | (getpid() & 0xffff);
	int id = remember(sem_ids, semget(key, 1, IPC_CREAT | 0600));
	struct semid_ds ds;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (!pid) {
		sem_as_nobody(id);
		result("  nobody: semget of the key for read and write",
		       semget(key, 1, 0600));
		result("  nobody: semget of the key asking nothing",
		       semget(key, 1, 0) == id ? 0 : -1);
		fflush(stdout);
		_exit(0);
	}
	reap(pid);
	result("semget of the key with 2 semaphores", semget(key, 2, 0));
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	ds.sem_perm.mode = 0666;
	ds.sem_perm.uid = NOBODY;
	result("IPC_SET mode 0666 uid nobody",
	       semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	printf("IPC_STAT: mode %04o uid %u cuid %u\n", ds.sem_perm.mode,
	       ds.sem_perm.uid, ds.sem_perm.cuid);
	ds.sem_perm.uid = -1;
	result("IPC_SET uid -1",
	       semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
}

/* ---- message queues ---- */

static long send_msg(int id, long type, const char *text, int flg)
{
	struct msg m = { .type = type };

	strcpy(m.text, text);
	return msgsnd(id, &m, strlen(text) + 1, flg);
}

static void receive_msg(int id, long type, int flg, size_t size)
{
	struct msg m = { 0 };
	long n = msgrcv(id, &m, size, type, flg);

	if (n < 0)
		printf("  msgrcv type %ld: %s\n", type, strerrorname_np(errno));
	else
		printf("  msgrcv type %ld: %ld bytes, type %ld \"%.*s\"\n",
		       type, n, m.type, (int)n, m.text);
}

static void show_msq(const char *what, int id)
{
	struct msqid_ds ds;

	if (msgctl(id, IPC_STAT, &ds)) {
		printf("%s: IPC_STAT %s\n", what, strerrorname_np(errno));
		return;
	}
	printf("%s: qnum %lu cbytes %lu qbytes %lu mode %04o lspid %s lrpid %s\n",
	       what, (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes,
	       (unsigned long)ds.msg_qbytes, ds.msg_perm.mode,
	       ds.msg_lspid == getpid() ? "me" :
	       ds.msg_lspid		? "other" :
					  "0",
	       ds.msg_lrpid == getpid() ? "me" :
	       ds.msg_lrpid		? "other" :
					  "0");
}

static void msg_types(void)
{
	int id = remember(msg_ids, msgget(IPC_PRIVATE, 0600));
	char *edge = free_range(2) + PAGE;
	struct msginfo info;

	/* A page whose end is followed by nothing mapped. */
	mmap(edge - PAGE, PAGE, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	result("msgget private", id);
	show_msq("new queue", id);
	send_msg(id, 3, "three", 0);
	send_msg(id, 1, "one", 0);
	send_msg(id, 2, "two", 0);
	send_msg(id, 1, "one again", 0);
	send_msg(id, 5, "five", 0);
	show_msq("five sent", id);
	sysvipc_line("msg", id, (const int[]){ 0, 2, 3, 4, 7, 8, 9, 10 }, 8);
	receive_msg(id, 0, MSG_COPY | IPC_NOWAIT, 64);
	receive_msg(id, 3, MSG_COPY | IPC_NOWAIT, 64);
	receive_msg(id, 9, MSG_COPY | IPC_NOWAIT, 64);
	receive_msg(id, 0, MSG_COPY, 64);
	receive_msg(id, 0, MSG_COPY | MSG_EXCEPT | IPC_NOWAIT, 64);
	receive_msg(id, 0, 0, 3);
	receive_msg(id, 0, MSG_NOERROR, 3);
	receive_msg(id, -2, 0, 64);
	receive_msg(id, 2, MSG_EXCEPT, 64);
	receive_msg(id, 2, 0, 64);
	receive_msg(id, -9, 0, 64);
	receive_msg(id, 0, IPC_NOWAIT, 64);
	show_msq("all taken", id);
	result("msgsnd type 0", send_msg(id, 0, "zero", 0));
	result("msgsnd 8193 bytes",
	       msgsnd(id, &(struct msg){ .type = 1 }, 8193, 0));
	result("msgsnd from a bad pointer", msgsnd(id, (void *)8, 4, 0));
	*(long *)(edge - sizeof(long)) = 1;
	result("msgsnd text from a bad pointer",
	       msgsnd(id, edge - sizeof(long), 8, 0));
	result("msgrcv on a bad id",
	       msgrcv(0x7ffffff0, &(struct msg){ .type = 0 }, 8, 0, 0));
	result("msgrcv of size -1",
	       msgrcv(id, &(struct msg){ .type = 0 }, -1, 0, 0));
	result("msgctl IPC_INFO", msgctl(0, IPC_INFO, (void *)&info));
	printf("IPC_INFO: msgssz %d msgseg %d\n", info.msgssz, info.msgseg);
}

static void msg_waiting(void)
{
	int id = remember(msg_ids, msgget(IPC_PRIVATE, 0600));
	struct msqid_ds ds;
	pid_t pid;

	pid = fork();
	if (!pid) {
		struct msg m;
		long n = msgrcv(id, &m, sizeof(m.text), 7, 0);

		_exit(n < 0 ? errno : strcmp(m.text, "seven") ? 1 : 0);
	}
	wait_blocked(pid);
	send_msg(id, 5, "five", 0);
	send_msg(id, 7, "seven", 0);
	child_result("a receiver waiting for type 7 gets it", pid);
	show_msq("type 5 stays", id);
	receive_msg(id, 0, 0, 64);
	msgctl(id, IPC_STAT, &ds);
	ds.msg_qbytes = 100;
	result("IPC_SET qbytes 100", msgctl(id, IPC_SET, &ds));
	result("msgsnd 60 bytes",
	       msgsnd(id, &(struct msg){ .type = 1 }, 60, 0));
	result("msgsnd 60 more, IPC_NOWAIT",
	       msgsnd(id, &(struct msg){ .type = 1 }, 60, IPC_NOWAIT));
	pid = fork();
	if (!pid)
		exit_with(msgsnd(id, &(struct msg){ .type = 2 }, 60, 0));
	wait_blocked(pid);
	receive_msg(id, 1, 0, 64);
	child_result("a sender waiting for room sends once there is", pid);
	show_msq("its message is queued", id);
	pid = fork();
	if (!pid)
		exit_with(msgsnd(id, &(struct msg){ .type = 2 }, 60, 0));
	wait_blocked(pid);
	msgctl(id, IPC_RMID, NULL);
	child_result("IPC_RMID while a sender waits", pid);
	id = remember(msg_ids, msgget(IPC_PRIVATE, 0600));
	pid = fork();
	if (!pid)
		exit_with(msgrcv(id, &(struct msg){ .type = 0 }, 64, 0, 0));
	wait_blocked(pid);
	msgctl(id, IPC_RMID, NULL);
	child_result("IPC_RMID while a receiver waits", pid);
	id = remember(msg_ids, msgget(IPC_PRIVATE, 0600));
	pid = fork();
	if (!pid) {
		handle_usr1(SA_RESTART);
		exit_with(msgrcv(id, &(struct msg){ .type = 0 }, 64, 0, 0));
	}
	wait_blocked(pid);
	kill(pid, SIGUSR1);
	child_result("a signal with SA_RESTART during msgrcv", pid);
	pid = fork();
	if (!pid) {
		struct msg m;

		if (msgrcv(id, &m, 2, 0, 0) >= 0 || errno != E2BIG)
			_exit(1);
		exit_with(msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT));
	}
	wait_blocked(pid);
	send_msg(id, 4, "too long", 0);
	child_result("a waiting receiver with too small a buffer gets E2BIG,"
		     " then the message",
		     pid);
}

static void msg_permissions(void)
{
	int id = remember(msg_ids, msgget(IPC_PRIVATE, 0600));
	struct msqid_ds ds;
	pid_t pid;

	send_msg(id, 1, "root's", 0);
	fflush(stdout);
	pid = fork();
	if (!pid) {
		become_nobody();
		result("  nobody: msgsnd", send_msg(id, 1, "x", IPC_NOWAIT));
		result("  nobody: msgrcv",
		       msgrcv(id, &(struct msg){ .type = 0 }, 64, 0,
			      IPC_NOWAIT));
		result("  nobody: IPC_STAT", msgctl(id, IPC_STAT, &ds));
		result("  nobody: IPC_RMID", msgctl(id, IPC_RMID, NULL));
		fflush(stdout);
		_exit(0);
	}
	reap(pid);
	msgctl(id, IPC_STAT, &ds);
	ds.msg_perm.uid = NOBODY;
	result("IPC_SET uid nobody", msgctl(id, IPC_SET, &ds));
	fflush(stdout);
	pid = fork();
	if (!pid) {
		become_nobody();
		ds.msg_qbytes = 30000;
		result("  nobody, the owner: IPC_SET qbytes 30000",
		       msgctl(id, IPC_SET, &ds));
		ds.msg_qbytes = 1000;
		result("  nobody, the owner: IPC_SET qbytes 1000",
		       msgctl(id, IPC_SET, &ds));
		result("  nobody, the owner: IPC_RMID",
		       msgctl(id, IPC_RMID, NULL));
		fflush(stdout);
		_exit(0);
	}
	reap(pid);
	result("IPC_STAT after its owner removed it",
	       msgctl(id, IPC_STAT, &ds));
}

/* ---- POSIX message queues ---- */

static void show_mq(const char *what, mqd_t q)
{
	struct mq_attr a;

	if (mq_getattr(q, &a)) {
		printf("%s: mq_getattr %s\n", what, strerrorname_np(errno));
		return;
	}
	printf("%s: flags %s maxmsg %ld msgsize %ld curmsgs %ld\n", what,
	       a.mq_flags & O_NONBLOCK ? "O_NONBLOCK" : "0", a.mq_maxmsg,
	       a.mq_msgsize, a.mq_curmsgs);
}

static void mq_receive_one(mqd_t q, const char *what)
{
	char buf[64];
	unsigned int prio;
	ssize_t n = mq_receive(q, buf, sizeof(buf), &prio);

	if (n < 0)
		printf("  %s: %s\n", what, strerrorname_np(errno));
	else
		printf("  %s: prio %u \"%.*s\"\n", what, prio, (int)n, buf);
}

/* An absolute CLOCK_REALTIME time ms from now. */
static struct timespec in_ms(long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += ms * 1000000;
	ts.tv_sec += ts.tv_nsec / 1000000000;
	ts.tv_nsec %= 1000000000;
	return ts;
}

static void mq_opening(void)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
	mqd_t q;

	q = mq_open(mq_name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	result("mq_open O_CREAT|O_EXCL", q);
	show_mq("new queue", q);
	printf("close-on-exec: %s\n",
	       fcntl(q, F_GETFD) & FD_CLOEXEC ? "yes" : "no");
	result("mq_open O_CREAT|O_EXCL again",
	       mq_open(mq_name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr));
	result("mq_open without a leading /",
	       mq_open("tamu-no-slash", O_RDONLY));
	result("mq_open with another /",
	       mq_open("/tamu/ipc", O_CREAT | O_RDWR, 0600, NULL));
	result("mq_open /", mq_open("/", O_RDONLY));
	result("mq_open of a name nobody made",
	       mq_open("/tamu-nobody-made-this", O_RDONLY));
	attr.mq_maxmsg = 0;
	result("mq_open mq_maxmsg 0",
	       mq_open("/tamu-bad", O_CREAT | O_RDWR, 0600, &attr));
	attr = (struct mq_attr){ .mq_maxmsg = 100000, .mq_msgsize = 64 };
	result("mq_open mq_maxmsg 100000",
	       mq_open("/tamu-bad", O_CREAT | O_RDWR, 0600, &attr));
	attr = (struct mq_attr){ .mq_maxmsg = 4, .mq_msgsize = -1 };
	result("mq_open mq_msgsize -1",
	       mq_open("/tamu-bad", O_CREAT | O_RDWR, 0600, &attr));
	result("mq_open from a bad attr pointer",
	       mq_open("/tamu-bad", O_CREAT | O_RDWR, 0600, (void *)8));
	attr = (struct mq_attr){ .mq_maxmsg = 4, .mq_msgsize = 64 };
	result("mq_open of an existing queue with O_RDWR|O_WRONLY",
	       mq_open(mq_name, O_RDWR | O_WRONLY));
	result("mq_setattr mq_flags 1",
	       mq_setattr(q, &(struct mq_attr){ .mq_flags = 1 }, NULL));
	result("mq_getattr of stdin", mq_getattr(0, &attr));
	mq_close(q);
}

static void mq_priorities(void)
{
	mqd_t q = mq_open(mq_name, O_RDWR);
	struct pollfd pfd = { .fd = q, .events = POLLIN | POLLOUT };
	struct timespec ts;
	char buf[64];
	int fds[2];

	poll(&pfd, 1, 0);
	printf("poll of an empty queue: %s%s\n",
	       pfd.revents & POLLIN ? "IN " : "",
	       pfd.revents & POLLOUT ? "OUT" : "");
	mq_send(q, "one", 3, 1);
	mq_send(q, "five", 4, 5);
	mq_send(q, "one again", 9, 1);
	mq_send(q, "three", 5, 3);
	show_mq("four sent", q);
	poll(&pfd, 1, 0);
	printf("poll of a full queue: %s%s\n",
	       pfd.revents & POLLIN ? "IN " : "",
	       pfd.revents & POLLOUT ? "OUT" : "");
	result("mq_timedsend to a full queue, 50 ms",
	       mq_timedsend(q, "x", 1, 0, (ts = in_ms(50), &ts)));
	result("mq_timedsend, a timeout already past",
	       mq_timedsend(q, "x", 1, 0, &(struct timespec){ 1, 0 }));
	result("mq_timedsend, a bad timeout",
	       mq_timedsend(q, "x", 1, 0, &(struct timespec){ 1, -1 }));
	result("mq_setattr O_NONBLOCK",
	       mq_setattr(q, &(struct mq_attr){ .mq_flags = O_NONBLOCK },
			  NULL));
	show_mq("non-blocking", q);
	result("mq_send to a full queue", mq_send(q, "x", 1, 0));
	result("mq_receive into 63 bytes", mq_receive(q, buf, 63, NULL));
	mq_receive_one(q, "first");
	mq_receive_one(q, "second");
	mq_receive_one(q, "third");
	mq_receive_one(q, "fourth");
	mq_receive_one(q, "from an empty queue");
	mq_setattr(q, &(struct mq_attr){ .mq_flags = 0 }, NULL);
	result("mq_timedreceive from an empty queue, 50 ms",
	       mq_timedreceive(q, buf, sizeof(buf), NULL,
			       (ts = in_ms(50), &ts)));
	result("mq_send of 65 bytes", mq_send(q, buf, 65, 0));
	result("mq_send priority 32768", mq_send(q, "x", 1, 32768));
	if (!pipe(fds)) {
		result("mq_send to a pipe", mq_send(fds[1], "x", 1, 0));
		close(fds[0]);
		close(fds[1]);
	}
	mq_close(q);
	q = mq_open(mq_name, O_RDONLY);
	result("mq_send on a read-only descriptor", mq_send(q, "x", 1, 0));
	mq_close(q);
}

static volatile sig_atomic_t got_sig, got_code, got_value, got_pid;

static void on_notify(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_value = si->si_value.sival_int;
	got_pid = si->si_pid;
}

static void mq_notifying(void)
{
	struct sigaction sa = { .sa_sigaction = on_notify,
				.sa_flags = SA_SIGINFO };
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGUSR2,
			       .sigev_value.sival_int = 42 };
	mqd_t q = mq_open(mq_name, O_RDWR);
	char buf[64];
	pid_t pid;

	sigaction(SIGUSR2, &sa, NULL);
	result("mq_notify SIGUSR2", mq_notify(q, &ev));
	pid = fork();
	if (!pid)
		exit_with(mq_notify(q, &ev));
	child_result("another process registers too", pid);
	pid = fork();
	if (!pid) {
		mqd_t c = mq_open(mq_name, O_WRONLY);

		exit_with(mq_send(c, "hello", 5, 0));
	}
	child_result("another process sends", pid);
	while (!got_sig)
		usleep(1000);
	printf("notified: %s, si_code %s, value %d, si_pid %s\n",
	       sigabbrev_np(got_sig),
	       got_code == SI_MESGQ ? "SI_MESGQ" : "other", (int)got_value,
	       got_pid == pid ? "the sender" : "other");
	got_sig = 0;
	mq_send(q, "more", 4, 0);
	usleep(10000);
	printf("another message, not registered: %s\n",
	       got_sig ? "notified" : "nothing");
	mq_receive(q, buf, sizeof(buf), NULL);
	mq_receive(q, buf, sizeof(buf), NULL);
	result("mq_notify again", mq_notify(q, &ev));
	result("mq_notify NULL", mq_notify(q, NULL));
	result("mq_notify NULL when not registered", mq_notify(q, NULL));
	ev.sigev_signo = 65;
	result("mq_notify signal 65", mq_notify(q, &ev));
	ev.sigev_notify = 99;
	result("mq_notify sigev_notify 99", mq_notify(q, &ev));
	ev = (struct sigevent){ .sigev_notify = SIGEV_NONE };
	result("mq_notify SIGEV_NONE", mq_notify(q, &ev));
	mq_send(q, "quiet", 5, 0);
	mq_receive(q, buf, sizeof(buf), NULL);
	result("mq_notify after SIGEV_NONE fired", mq_notify(q, &ev));
	mq_notify(q, NULL);
	mq_close(q);
}

static void mq_waiting(void)
{
	mqd_t q = mq_open(mq_name, O_RDWR);
	char buf[64];
	pid_t pid;
	int i;

	pid = fork();
	if (!pid) {
		ssize_t n = mq_receive(q, buf, sizeof(buf), NULL);

		_exit(n < 0 ? errno : memcmp(buf, "wake", 4) ? 1 : 0);
	}
	wait_blocked(pid);
	mq_send(q, "wake", 4, 0);
	child_result("a waiting receiver gets the message", pid);
	show_mq("handed over, not queued", q);
	for (i = 0; i < 4; i++)
		mq_send(q, "full", 4, 0);
	pid = fork();
	if (!pid)
		exit_with(mq_send(q, "late", 4, 9));
	wait_blocked(pid);
	mq_receive_one(q, "the parent receives");
	child_result("a waiting sender's message goes in", pid);
	mq_receive_one(q, "next, by priority");
	mq_send(q, "full", 4, 0);
	pid = fork();
	if (!pid) {
		handle_usr1(0);
		exit_with(mq_send(q, "late", 4, 0));
	}
	wait_blocked(pid);
	kill(pid, SIGUSR1);
	child_result("a signal without SA_RESTART during mq_send", pid);
	pid = fork();
	if (!pid) {
		handle_usr1(SA_RESTART);
		exit_with(mq_send(q, "restarted", 9, 0));
	}
	wait_blocked(pid);
	kill(pid, SIGUSR1);
	wait_blocked(pid);
	mq_receive_one(q, "with SA_RESTART it sends on; room made");
	child_result("a signal with SA_RESTART during mq_send", pid);
	for (i = 0; i < 4; i++)
		mq_receive(q, buf, sizeof(buf), NULL);
	show_mq("emptied", q);
	mq_close(q);
}

static void mq_permissions(void)
{
	mqd_t q;
	pid_t pid = fork();

	if (!pid) {
		struct mq_attr attr = { .mq_maxmsg = 11, .mq_msgsize = 64 };

		become_nobody();
		result("  nobody: mq_open of root's 0600 queue",
		       mq_open(mq_name, O_RDONLY));
		result("  nobody: mq_unlink of it", mq_unlink(mq_name));
		result("  nobody: mq_open mq_maxmsg 11",
		       mq_open("/tamu-nobody", O_CREAT | O_RDWR, 0600, &attr));
		fflush(stdout);
		_exit(0);
	}
	reap(pid);
	q = mq_open(mq_name, O_RDWR);
	result("mq_unlink", mq_unlink(mq_name));
	result("mq_unlink again", mq_unlink(mq_name));
	result("mq_open after mq_unlink", mq_open(mq_name, O_RDWR));
	result("mq_send on the unlinked queue", mq_send(q, "gone", 4, 0));
	mq_receive_one(q, "and mq_receive");
	mq_close(q);
	mq_name[0] = '\0';
}

/*
 * For tests/boot/guest.sh, in tamu only: one object of each kind, left
 * for /proc/sysvipc and /dev/mqueue to show (key 0x74616d75, "tamu").
 */
static int make_objects(void)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGUSR1 };
	key_t key = 0x74616d75;
	int shm = shmget(key, 8192, IPC_CREAT | 0640);
	int sem = semget(key, 3, IPC_CREAT | 0600);
	int msq = msgget(key, IPC_CREAT | 0620);
	mqd_t q = mq_open("/tamu", O_CREAT | O_RDWR, 0600, &attr);
	char *p = shmat(shm, NULL, 0);

	if (shm < 0 || sem < 0 || msq < 0 || q < 0 || p == (void *)-1 ||
	    send_msg(msq, 1, "hello", 0) || mq_send(q, "hello!", 6, 0) ||
	    semop1(sem, 1, 1, 0) || mq_notify(q, &ev))
		return 1;
	p[0] = 1;
	return shmdt(p) ? 1 : 0;
}

int main(int argc, char **argv)
{
	int i;

	self = argv[0];
	if (argc == 3 && !strcmp(argv[1], "shm-peer"))
		return shm_peer(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "nattch"))
		return (int)nattch(atoi(argv[2]));
	if (argc == 2 && !strcmp(argv[1], "make"))
		return make_objects();
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < 8; i++)
		shm_ids[i] = sem_ids[i] = msg_ids[i] = -1;
	snprintf(mq_name, sizeof(mq_name), "/tamu-sysvipc-%d", getpid());
	atexit(cleanup);
	signal(SIGSEGV, fatal_signal);
	signal(SIGBUS, fatal_signal);
	signal(SIGABRT, fatal_signal);
	signal(SIGALRM, fatal_signal);
	signal(SIGTERM, fatal_signal);
	signal(SIGINT, fatal_signal);
	signal(SIGHUP, fatal_signal);
	alarm(120);
	/* As init in tamu, nothing has mounted /proc yet. */
	if (access("/proc/self/stat", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);

	shm_sharing();
	shm_addresses();
	shm_removal();
	shm_errors();
	shm_permissions();
	sem_basics();
	sem_waiting();
	sem_interrupted(0, "a signal without SA_RESTART during semop");
	sem_interrupted(SA_RESTART, "a signal with SA_RESTART during semop");
	sem_undo();
	sem_permissions();
	msg_types();
	msg_waiting();
	msg_permissions();
	mq_opening();
	mq_priorities();
	mq_notifying();
	mq_waiting();
	mq_permissions();
	return 0;
}
