// SPDX-License-Identifier: GPL-2.0-only
/*
 * unshare and setns.
 *
 *   unshare          what a process can unshare of its own (descriptors,
 *                    root and working directory, SysV undo), the flags
 *                    refused, and namespaces as a user without
 *                    CAP_SYS_ADMIN (nobody, when started as root):
 *                    compared with Linux
 *   unshare root     tamu only, as root: namespaces are EINVAL (tamu has
 *                    none, as a Linux built without them); setns through a
 *                    pidfd joins the one mount namespace, at its root
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static int pidfd_open(pid_t pid)
{
	return syscall(SYS_pidfd_open, pid, 0);
}

/* A thread-free child shares its table and fs with a CLONE_FILES|FS one. */
static int shared_child(void *arg)
{
	int fd = *(int *)arg;

	show("unshare CLONE_FILES of a shared table", unshare(CLONE_FILES));
	close(fd);
	show("unshare CLONE_FS of a shared fs", unshare(CLONE_FS));
	chdir("/");
	return 0;
}

static void own_state(void)
{
	static char stack[65536];
	char cwd[256];
	int fd = open("/dev/null", O_RDONLY), status;
	pid_t pid;

	getcwd(cwd, sizeof(cwd));
	show("unshare nothing", unshare(0));
	show("unshare CLONE_FILES|CLONE_FS|CLONE_SYSVSEM",
	     unshare(CLONE_FILES | CLONE_FS | CLONE_SYSVSEM));
	show("unshare CLONE_THREAD|CLONE_SIGHAND|CLONE_VM of one thread",
	     unshare(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM));
	show("unshare an unknown flag", unshare(0x1000));
	show("unshare CLONE_PARENT", unshare(CLONE_PARENT));
	pid = clone(shared_child, stack + sizeof(stack),
		    CLONE_FILES | CLONE_FS | SIGCHLD, &fd);
	waitpid(pid, &status, 0);
	printf("after the child: descriptor still open: %s\n",
	       fcntl(fd, F_GETFD) >= 0 ? "yes" : "no");
	getcwd(stack, sizeof(stack));
	printf("working directory unchanged: %s\n",
	       strcmp(stack, cwd) ? "no" : "yes");
	close(fd);
}

static void namespaces(void)
{
	int pfd = pidfd_open(getpid()), fd = open("/dev/null", O_RDONLY);

	show("unshare CLONE_NEWUTS", unshare(CLONE_NEWUTS));
	show("unshare CLONE_NEWNS", unshare(CLONE_NEWNS));
	show("unshare CLONE_NEWIPC|CLONE_NEWNET",
	     unshare(CLONE_NEWIPC | CLONE_NEWNET));
	show("unshare CLONE_NEWPID", unshare(CLONE_NEWPID));
	show("setns a closed descriptor", setns(999, 0));
	show("setns /dev/null", setns(fd, 0));
	show("setns a pidfd, no type", setns(pfd, 0));
	show("setns a pidfd, an unknown type", setns(pfd, 0x1000));
	show("setns a pidfd, CLONE_NEWNS", setns(pfd, CLONE_NEWNS));
	close(fd);
	close(pfd);
}

static void as_root(void)
{
	int pfd = pidfd_open(getpid());
	char cwd[256];

	show("unshare CLONE_NEWUTS", unshare(CLONE_NEWUTS));
	show("unshare CLONE_NEWNS", unshare(CLONE_NEWNS));
	show("unshare CLONE_NEWUSER", unshare(CLONE_NEWUSER));
	show("unshare CLONE_NEWNET", unshare(CLONE_NEWNET));
	show("setns a pidfd, CLONE_NEWUTS", setns(pfd, CLONE_NEWUTS));
	chdir("/proc");
	show("setns a pidfd, CLONE_NEWNS", setns(pfd, CLONE_NEWNS));
	printf("working directory after it: %s\n", getcwd(cwd, sizeof(cwd)));
	close(pfd);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "root")) {
		as_root();
		return 0;
	}
	own_state();
	if (getuid() == 0 && setuid(65534))
		return 1;
	namespaces();
	return 0;
}
