// SPDX-License-Identifier: GPL-2.0-only
/*
 * openat2: its struct and every argument checked, and the walk's scopes
 * (RESOLVE_BENEATH, RESOLVE_IN_ROOT) and refusals (RESOLVE_NO_SYMLINKS,
 * RESOLVE_NO_MAGICLINKS, RESOLVE_NO_XDEV) over files, symlinks relative
 * and absolute, "..", /proc's links and a mount.  Compared with Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int dir;
static struct stat file_st;

static long openat2(int dfd, const char *name, void *how, size_t size)
{
	return syscall(SYS_openat2, dfd, name, how, size);
}

/* Open, say what came of it, and whether it is the test's file f. */
static void try(const char *what, int dfd, const char *name, __u64 flags,
		__u64 mode, __u64 resolve)
{
	struct open_how how = { flags, mode, resolve };
	long fd = openat2(dfd, name, &how, sizeof(how));
	struct stat st;

	if (fd < 0) {
		printf("%s: %s\n", what, strerrorname_np(errno));
		return;
	}
	fstat(fd, &st);
	printf("%s: ok%s%s\n", what,
	       st.st_ino == file_st.st_ino && st.st_dev == file_st.st_dev
		       ? ", the file f" : "",
	       fcntl(fd, F_GETFD) & FD_CLOEXEC ? ", close-on-exec" : "");
	close(fd);
}

static void sizes(void)
{
	char big[64] = { 0 };
	struct open_how *how = (struct open_how *)big;
	long fd;

	how->flags = O_RDONLY;
	printf("size 23: %s\n", openat2(dir, "f", big, 23) < 0 ?
	       strerrorname_np(errno) : "ok");
	fd = openat2(dir, "f", big, 32);
	printf("size 32, zeros after: %s\n", fd < 0 ? strerrorname_np(errno) : "ok");
	close(fd);
	big[30] = 1;
	printf("size 32, not zeros: %s\n", openat2(dir, "f", big, 32) < 0 ?
	       strerrorname_np(errno) : "ok");
	printf("size 4097: %s\n", openat2(dir, "f", big, 4097) < 0 ?
	       strerrorname_np(errno) : "ok");
	printf("a bad pointer: %s\n", openat2(dir, "f", (void *)16, 24) < 0 ?
	       strerrorname_np(errno) : "ok");
}

static void arguments(void)
{
	try("an unknown flag", dir, "f", 1ULL << 40, 0, 0);
	try("an unknown resolve flag", dir, "f", O_RDONLY, 0, 0x40);
	try("BENEATH and IN_ROOT", dir, "f", O_RDONLY, 0,
	    RESOLVE_BENEATH | RESOLVE_IN_ROOT);
	try("a mode without O_CREAT", dir, "f", O_RDONLY, 0644, 0);
	try("a mode past 07777", dir, "g", O_CREAT | O_WRONLY, 010644, 0);
	try("O_CREAT|O_DIRECTORY", dir, "g", O_CREAT | O_DIRECTORY, 0644, 0);
	try("O_PATH|O_RDWR", dir, "f", O_PATH | O_RDWR, 0, 0);
	try("O_PATH|O_NOFOLLOW|O_CLOEXEC", dir, "f",
	    O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, 0);
	try("O_TMPFILE read-only", dir, ".", O_TMPFILE | O_RDONLY, 0600, 0);
	try("CACHED with O_CREAT", dir, "g", O_CREAT | O_WRONLY, 0644,
	    RESOLVE_CACHED);
	try("CACHED", dir, "f", O_RDONLY, 0, RESOLVE_CACHED);
	try("plain, O_CLOEXEC", dir, "f", O_RDONLY | O_CLOEXEC, 0, 0);
}

static void scopes(void)
{
	int root = open("/", O_PATH | O_DIRECTORY), fd;
	char magic[64];

	try("BENEATH f", dir, "f", O_RDONLY, 0, RESOLVE_BENEATH);
	try("BENEATH sub/../f", dir, "sub/../f", O_RDONLY, 0, RESOLVE_BENEATH);
	try("BENEATH ..", dir, "..", O_RDONLY, 0, RESOLVE_BENEATH);
	try("BENEATH sub/../../x", dir, "sub/../../x", O_RDONLY, 0,
	    RESOLVE_BENEATH);
	try("BENEATH an absolute path", dir, "/etc", O_RDONLY, 0,
	    RESOLVE_BENEATH);
	try("BENEATH a relative link to f", dir, "lnk", O_RDONLY, 0,
	    RESOLVE_BENEATH);
	try("BENEATH an absolute link", dir, "abs", O_RDONLY, 0,
	    RESOLVE_BENEATH);
	try("BENEATH a link up", dir, "up", O_RDONLY, 0, RESOLVE_BENEATH);
	try("BENEATH O_CREAT new", dir, "new", O_CREAT | O_WRONLY, 0600,
	    RESOLVE_BENEATH);
	try("BENEATH O_CREAT ../new", dir, "sub/../../new",
	    O_CREAT | O_WRONLY, 0600, RESOLVE_BENEATH);
	try("IN_ROOT /f", dir, "/f", O_RDONLY, 0, RESOLVE_IN_ROOT);
	try("IN_ROOT ../../f", dir, "../../f", O_RDONLY, 0, RESOLVE_IN_ROOT);
	try("IN_ROOT an absolute link (to /sub/../f)", dir, "abs2", O_RDONLY,
	    0, RESOLVE_IN_ROOT);
	try("IN_ROOT an absolute link outside", dir, "abs", O_RDONLY, 0,
	    RESOLVE_IN_ROOT);
	try("IN_ROOT a link up", dir, "up", O_RDONLY, 0, RESOLVE_IN_ROOT);
	try("NO_SYMLINKS a link", dir, "lnk", O_RDONLY, 0, RESOLVE_NO_SYMLINKS);
	try("NO_SYMLINKS a link, O_PATH|O_NOFOLLOW", dir, "lnk",
	    O_PATH | O_NOFOLLOW, 0, RESOLVE_NO_SYMLINKS);
	try("NO_SYMLINKS a link inside", dir, "lnkdir/f", O_RDONLY, 0,
	    RESOLVE_NO_SYMLINKS);
	try("NO_SYMLINKS sub/../f", dir, "sub/../f", O_RDONLY, 0,
	    RESOLVE_NO_SYMLINKS);
	try("NO_XDEV into /proc", root, "proc/self/status", O_RDONLY, 0,
	    RESOLVE_NO_XDEV);
	try("NO_XDEV within the directory", dir, "sub/../f", O_RDONLY, 0,
	    RESOLVE_NO_XDEV);
	fd = open("f", O_RDONLY);
	snprintf(magic, sizeof(magic), "/proc/self/fd/%d", fd);
	try("a /proc fd link", AT_FDCWD, magic, O_RDONLY, 0, 0);
	try("NO_MAGICLINKS a /proc fd link", AT_FDCWD, magic, O_RDONLY, 0,
	    RESOLVE_NO_MAGICLINKS);
	try("NO_MAGICLINKS /proc/self/status", AT_FDCWD, "/proc/self/status",
	    O_RDONLY, 0, RESOLVE_NO_MAGICLINKS);
	try("BENEATH a /proc fd link", root, magic + 1, O_RDONLY, 0,
	    RESOLVE_BENEATH);
	try("NO_SYMLINKS /proc/self", AT_FDCWD, "/proc/self/status", O_RDONLY,
	    0, RESOLVE_NO_SYMLINKS);
	close(fd);
	close(root);
}

int main(void)
{
	char path[] = "/tmp/openat2-XXXXXX";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access("/proc/self", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	if (!mkdtemp(path) || chdir(path))
		return 1;
	close(open("f", O_CREAT | O_WRONLY, 0644));
	stat("f", &file_st);
	mkdir("sub", 0755);
	symlink("f", "lnk");
	symlink("/etc/passwd", "abs");
	symlink("/sub/../f", "abs2");
	symlink("../x", "up");
	symlink("sub/..", "lnkdir");
	dir = open(".", O_PATH | O_DIRECTORY);
	sizes();
	arguments();
	scopes();
	close(dir);
	unlink("new");
	unlink("lnk");
	unlink("abs");
	unlink("abs2");
	unlink("up");
	unlink("lnkdir");
	unlink("f");
	rmdir("sub");
	chdir("/");
	rmdir(path);
	return 0;
}
