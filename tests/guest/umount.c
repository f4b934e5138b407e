// SPDX-License-Identifier: GPL-2.0-only
/*
 * umount2(2) as Linux answers it, and what an unmount gives back.
 *
 *   umount DIR               EBUSY while a file system is used (an open
 *                            file, a working directory or root, a mount
 *                            below, a mapping, a bound socket), not for
 *                            an inotify watch; MNT_DETACH, MNT_EXPIRE,
 *                            UMOUNT_NOFOLLOW, bind mounts, stacked
 *                            mounts; EINVAL and EPERM.  As root, in DIR:
 *                            natively in a private mount namespace
 *                            (unshare -m), and as a guest.
 *   umount memory DIR        tamu only: 20 rounds of a tmpfs mounted,
 *                            filled with 32 MiB, unmounted (some lazily
 *                            while busy); MemFree, Shmem and the kernel's
 *                            object counts (/proc/slabinfo) come back.
 *   umount ext2 DEV DIR      tamu only: an ext2 disk mounted, written,
 *                            unmounted and mounted again: the data is
 *                            read back from the disk; 50 rounds leave
 *                            memory and buffers as they were.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef UMOUNT_NOFOLLOW
#define UMOUNT_NOFOLLOW 8
#endif

static const char *e(long ret)
{
	return ret < 0 ? strerror(errno) : "ok";
}

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, e(ret));
}

static int mount_tmpfs(const char *at)
{
	return mount("none", at, "tmpfs", 0, "size=64m");
}

/* The file system at path: its device number. */
static dev_t dev_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? (dev_t)-1 : st.st_dev;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	return ret;
}

/* Up to size-1 bytes of the file, or "(errno text)". */
static const char *read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		snprintf(buf, size, "(%s)", strerror(errno));
		return buf;
	}
	n = read(fd, buf, size - 1);
	buf[n < 0 ? 0 : n] = '\0';
	close(fd);
	return buf;
}

/* What the open file fd holds, or "(errno text)". */
static void show_read(const char *what, int fd)
{
	char buf[64];
	ssize_t n = fd < 0 ? -1 : pread(fd, buf, sizeof(buf) - 1, 0);

	buf[n < 0 ? 0 : n] = '\0';
	printf("%s: %s\n", what, n < 0 ? strerror(errno) : buf);
}

/* Is the mount at m gone: m shows the directory under it again? */
static const char *gone(dev_t under)
{
	return dev_of("m") == under ? "gone" : "still mounted";
}

static void errors(dev_t under)
{
	show("umount of a directory nothing is mounted on", umount("m"));
	show("umount of a missing path", umount("missing"));
	show("umount2 with an unknown flag", umount2("m", 0x100));
	show("umount2 with an unknown flag and a missing path",
	     umount2("missing", 0x100));
	mount_tmpfs("m");
	mkdir("m/sub", 0755);
	show("umount of a directory inside a mount", umount("m/sub"));
	show("umount2 MNT_FORCE", umount2("m", MNT_FORCE));
	printf("after MNT_FORCE: %s\n", gone(under));
}

static void open_file(void)
{
	int fd;

	mount_tmpfs("m");
	fd = open("m/f", O_RDWR | O_CREAT, 0644);
	show("umount with a file open in it", umount("m"));
	show("umount2 MNT_FORCE with a file open in it",
	     umount2("m", MNT_FORCE));
	close(fd);
	show("umount once it is closed", umount("m"));
	/* A directory open (as by opendir) is a file too. */
	mount_tmpfs("m");
	fd = open("m", O_RDONLY | O_DIRECTORY);
	show("umount with its root directory open", umount("m"));
	close(fd);
	fd = open("m", O_PATH);
	show("umount with an O_PATH descriptor of it", umount("m"));
	close(fd);
	show("umount once they are closed", umount("m"));
}

static void cwd(void)
{
	mount_tmpfs("m");
	mkdir("m/d", 0755);
	chdir("m/d");
	show("umount .. of the working directory", umount("../../m"));
	chdir("../..");
	show("umount once the working directory left", umount("m"));
}

/* A child holds the mount (chdir, chroot) until told to go. */
static void child_holds(const char *how)
{
	int go[2], ready[2];
	char c;
	pid_t pid;
	char what[128];

	mount_tmpfs("m");
	pipe(go);
	pipe(ready);
	pid = fork();
	if (!pid) {
		if (!strcmp(how, "chroot"))
			chroot("m");
		else
			chdir("m");
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	snprintf(what, sizeof(what),
		 "umount while another process's %s is in it",
		 strcmp(how, "chroot") ? "working directory" : "root");
	show(what, umount("m"));
	write(go[1], "g", 1);
	waitpid(pid, NULL, 0);
	show("umount once it exited", umount("m"));
	close(go[0]);
	close(go[1]);
	close(ready[0]);
	close(ready[1]);
}

static void below(dev_t under)
{
	mount_tmpfs("m");
	mkdir("m/sub", 0755);
	mount_tmpfs("m/sub");
	show("umount with a mount below it", umount("m"));
	show("umount of the one below", umount("m/sub"));
	show("umount then", umount("m"));
	printf("the directory under it: %s\n", gone(under));
}

static void mapping(void)
{
	int fd;
	char *p;

	mount_tmpfs("m");
	fd = open("m/f", O_RDWR | O_CREAT, 0644);
	ftruncate(fd, 4096);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	show("umount with a file of it mapped (descriptor closed)",
	     umount("m"));
	munmap(p, 4096);
	show("umount once unmapped", umount("m"));
}

static void bound_socket(void)
{
	struct sockaddr_un a = { AF_UNIX, "m/sock" };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	mount_tmpfs("m");
	show("bind a unix socket in it",
	     bind(s, (struct sockaddr *)&a, sizeof(a)));
	show("umount with a socket bound in it", umount("m"));
	close(s);
	show("umount once the socket is closed", umount("m"));
}

/* A watch holds an inode, not the mount: Linux unmounts and tells it. */
static void watched(void)
{
	struct inotify_event *ev;
	char buf[512];
	int in = inotify_init1(IN_NONBLOCK);
	ssize_t n, off;

	mount_tmpfs("m");
	write_file("m/f", "x");
	inotify_add_watch(in, "m/f", IN_ALL_EVENTS);
	show("umount with a file in it watched by inotify", umount("m"));
	n = read(in, buf, sizeof(buf));
	for (off = 0; off < n; off += sizeof(*ev) + ev->len) {
		ev = (struct inotify_event *)(buf + off);
		printf("  event %s\n",
		       ev->mask & IN_UNMOUNT ? "UNMOUNT" :
		       ev->mask & IN_IGNORED ? "IGNORED" : "other");
	}
	close(in);
}

static void detach(dev_t under)
{
	char buf[64];
	int fd, dfd, f2;
	ssize_t n;

	mount_tmpfs("m");
	write_file("m/f", "kept");
	mkdir("m/d", 0755);
	fd = open("m/f", O_RDWR);
	dfd = open("m/d", O_RDONLY | O_DIRECTORY);
	show("umount2 MNT_DETACH of a busy mount", umount2("m", MNT_DETACH));
	printf("the mountpoint after it: %s\n", gone(under));
	printf("m/f by name: %s\n", read_file("m/f", buf, sizeof(buf)));
	show_read("the open file still reads", fd);
	show("and takes writes", pwrite(fd, "more", 4, 4));
	/* Names relative to a directory of the detached tree still work. */
	f2 = openat(dfd, "../f", O_RDONLY);
	show_read("openat ../f from a directory in it", f2);
	n = openat(dfd, "new", O_CREAT | O_WRONLY, 0644);
	show("openat a new file there", n);
	close(n);
	/* Nothing is mounted onto, or unmounted from, a detached tree. */
	fchdir(dfd);
	show("mount onto a directory of the detached tree",
	     mount("none", ".", "tmpfs", 0, NULL));
	show("umount2 MNT_DETACH of the detached tree's root",
	     umount2("..", MNT_DETACH));
	chdir(getenv("UMOUNT_TEST_DIR"));
	close(f2);
	close(fd);
	close(dfd);

	/* A tree: the mounts below go with it. */
	mount_tmpfs("m");
	mkdir("m/sub", 0755);
	mount_tmpfs("m/sub");
	write_file("m/sub/f", "below");
	fd = open("m/sub/f", O_RDONLY);
	show("umount2 MNT_DETACH with a mount below it",
	     umount2("m", MNT_DETACH));
	printf("the mountpoint after it: %s\n", gone(under));
	show_read("a file open below still reads", fd);
	close(fd);
	mount_tmpfs("m");
	show("umount2 MNT_DETACH of an idle mount", umount2("m", MNT_DETACH));
	printf("the mountpoint after it: %s\n", gone(under));
}

static void expire(void)
{
	struct stat st;
	int fd;

	mount_tmpfs("m");
	show("umount2 MNT_EXPIRE, first", umount2("m", MNT_EXPIRE));
	show("umount2 MNT_EXPIRE, second", umount2("m", MNT_EXPIRE));
	mount_tmpfs("m");
	show("umount2 MNT_EXPIRE|MNT_DETACH",
	     umount2("m", MNT_EXPIRE | MNT_DETACH));
	show("umount2 MNT_EXPIRE|MNT_FORCE",
	     umount2("m", MNT_EXPIRE | MNT_FORCE));
	show("umount2 MNT_EXPIRE, first", umount2("m", MNT_EXPIRE));
	stat("m/.", &st);
	show("umount2 MNT_EXPIRE after a use of it", umount2("m", MNT_EXPIRE));
	fd = open("m", O_RDONLY);
	show("umount2 MNT_EXPIRE while it is open", umount2("m", MNT_EXPIRE));
	close(fd);
	show("umount2 MNT_EXPIRE, first after that", umount2("m", MNT_EXPIRE));
	show("umount2 MNT_EXPIRE, second", umount2("m", MNT_EXPIRE));
}

static void nofollow(void)
{
	mount_tmpfs("m");
	symlink("m", "l");
	show("umount2 UMOUNT_NOFOLLOW of a symlink to a mount",
	     umount2("l", UMOUNT_NOFOLLOW));
	show("umount of a symlink to a mount", umount("l"));
	unlink("l");
}

static void bind_and_stack(dev_t under)
{
	char buf[64];
	int fd;

	mkdir("b", 0755);
	mount_tmpfs("m");
	write_file("m/f", "shared");
	show("mount --bind m b", mount("m", "b", NULL, MS_BIND, NULL));
	printf("b/f: %s\n", read_file("b/f", buf, sizeof(buf)));
	fd = open("b/f", O_RDONLY);
	show("umount m while a file is open through b", umount("m"));
	printf("b/f after: %s\n", read_file("b/f", buf, sizeof(buf)));
	show("umount b while that file is open", umount("b"));
	close(fd);
	show("umount b once closed", umount("b"));
	rmdir("b");

	mount_tmpfs("m");
	write_file("m/f", "lower");
	mount_tmpfs("m");
	write_file("m/f", "upper");
	show("umount of the upper of two mounts on m", umount("m"));
	printf("m/f then: %s\n", read_file("m/f", buf, sizeof(buf)));
	show("umount of the lower", umount("m"));
	printf("the mountpoint after it: %s\n", gone(under));
}

static void unprivileged(void)
{
	pid_t pid;

	mount_tmpfs("m");
	pid = fork();
	if (!pid) {
		setgid(65534);
		setuid(65534);
		show("umount as nobody", umount("m"));
		show("umount2 MNT_DETACH as nobody", umount2("m", MNT_DETACH));
		show("umount of a missing path as nobody", umount("missing"));
		show("umount2 with an unknown flag as nobody",
		     umount2("m", 0x100));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	show("umount as root after that", umount("m"));
}

static int behaviour(const char *dir)
{
	dev_t under;

	if (chdir(dir) || (mkdir("m", 0755) && errno != EEXIST)) {
		printf("%s: %s\n", dir, strerror(errno));
		return 1;
	}
	setenv("UMOUNT_TEST_DIR", dir, 1);
	under = dev_of("m");
	show("mount a tmpfs", mount_tmpfs("m"));
	printf("the mountpoint shows it: %s\n",
	       dev_of("m") != under ? "yes" : "no");
	show("umount it", umount("m"));
	printf("the mountpoint after it: %s\n", gone(under));
	errors(under);
	open_file();
	cwd();
	child_holds("chdir");
	child_holds("chroot");
	below(under);
	mapping();
	bound_socket();
	watched();
	detach(under);
	expire();
	nofollow();
	bind_and_stack(under);
	unprivileged();
	printf("left mounted: %s\n", dev_of("m") == under ? "nothing" : "m");
	rmdir("m");
	return 0;
}

/* Kernel objects in use, by /proc/slabinfo; kmalloc's caches together. */
static const char *const caches[] = { "dentry", "inode", "filp" };
#define NR_CACHES (sizeof(caches) / sizeof(caches[0]))

struct usage {
	long free_kb, shmem_kb, buffers_kb, cached_kb;
	long objs[NR_CACHES], kmalloc;
};

static long meminfo(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) &&
		    line[strlen(key)] == ':')
			v = atol(line + strlen(key) + 1);
	if (f)
		fclose(f);
	return v;
}

static void usage_now(struct usage *u)
{
	char line[512], name[64];
	long active;
	size_t i;
	FILE *f;

	/* Both files looked up once already: their dentries are counted. */
	meminfo("MemFree");
	f = fopen("/proc/slabinfo", "r");
	memset(u, 0, sizeof(*u));
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %ld", name, &active) != 2)
			continue;
		if (!strncmp(name, "kmalloc-", 8))
			u->kmalloc += active;
		for (i = 0; i < NR_CACHES; i++)
			if (!strcmp(name, caches[i]))
				u->objs[i] = active;
	}
	if (f)
		fclose(f);
	u->free_kb = meminfo("MemFree");
	u->shmem_kb = meminfo("Shmem");
	u->buffers_kb = meminfo("Buffers");
	u->cached_kb = meminfo("Cached");
}

/*
 * One line per measure.  MemFree may differ by a few pages (a slab
 * made or let go, page tables of this process); the others not at all.
 */
static void compare(const struct usage *a, const struct usage *b)
{
	long d = b->free_kb - a->free_kb;
	size_t i;

	if (d >= -64 && d <= 64)
		printf("MemFree: as before (within 64 kB)\n");
	else
		printf("MemFree: %ld kB before, %ld kB after\n", a->free_kb,
		       b->free_kb);
#define SAME(name, field)                                                    \
	do {                                                                 \
		if (a->field == b->field)                                    \
			printf("%s: as before\n", name);                     \
		else                                                         \
			printf("%s: %ld before, %ld after\n", name, a->field, \
			       b->field);                                    \
	} while (0)
	SAME("Shmem", shmem_kb);
	SAME("Buffers", buffers_kb);
	SAME("Cached", cached_kb);
	for (i = 0; i < NR_CACHES; i++)
		SAME(caches[i], objs[i]);
	SAME("kmalloc", kmalloc);
#undef SAME
}

static int fill(const char *path, size_t mib)
{
	static char block[1 << 20];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	size_t i;

	if (fd < 0)
		return -1;
	memset(block, 'x', sizeof(block));
	for (i = 0; i < mib; i++)
		if (write(fd, block, sizeof(block)) != sizeof(block)) {
			close(fd);
			return -1;
		}
	return close(fd);
}

/* A round: mount, fill 32 MiB, unmount (lazily while open if lazy). */
static int tmpfs_round(bool lazy)
{
	int fd = -1;

	if (mount("none", "m", "tmpfs", 0, NULL) || fill("m/big", 32) ||
	    mkdir("m/d", 0755) || write_file("m/d/f", "x"))
		return -1;
	if (lazy)
		fd = open("m/d/f", O_RDONLY);
	if (lazy ? umount2("m", MNT_DETACH) : umount("m"))
		return -1;
	if (fd >= 0)
		close(fd);
	return 0;
}

static int memory(const char *dir)
{
	struct usage before, after;
	int i;

	mount("proc", "/proc", "proc", 0, NULL);
	if (chdir(dir) || (mkdir("m", 0755) && errno != EEXIST)) {
		printf("%s: %s\n", dir, strerror(errno));
		return 1;
	}
	/* Once first: whatever is made on first use stays made. */
	if (tmpfs_round(false) || tmpfs_round(true)) {
		printf("first round: %s\n", strerror(errno));
		return 1;
	}
	usage_now(&before);
	for (i = 0; i < 20; i++)
		if (tmpfs_round(i % 4 == 3)) {
			printf("round %d: %s\n", i, strerror(errno));
			return 1;
		}
	usage_now(&after);
	compare(&before, &after);
	rmdir("m");
	return 0;
}

static int ext2_round(const char *dev, int i)
{
	char name[64], text[64], buf[64];

	if (mount(dev, "m", "ext2", 0, NULL))
		return -1;
	snprintf(name, sizeof(name), "m/d/f%d", i % 8);
	snprintf(text, sizeof(text), "round %d", i);
	if (write_file(name, text) || umount("m") ||
	    mount(dev, "m", "ext2", 0, NULL))
		return -1;
	read_file(name, buf, sizeof(buf));
	if (strcmp(buf, text)) {
		printf("round %d: %s reads '%s'\n", i, name, buf);
		errno = EIO;
		return -1;
	}
	return umount("m");
}

static int ext2(const char *dev, const char *dir)
{
	struct usage before, after;
	char buf[64];
	int i, fd;

	mount("proc", "/proc", "proc", 0, NULL);
	if (chdir(dir) || (mkdir("m", 0755) && errno != EEXIST) ||
	    (mkdir("m2", 0755) && errno != EEXIST)) {
		printf("%s: %s\n", dir, strerror(errno));
		return 1;
	}
	usage_now(&before);
	show("mount the disk", mount(dev, "m", "ext2", 0, NULL));
	mkdir("m/d", 0755);
	show("write a file", write_file("m/d/f", "on the disk"));
	fd = open("m/d/f", O_RDONLY);
	show("umount with it open", umount("m"));
	close(fd);
	show("umount", umount("m"));
	usage_now(&after);
	printf("Buffers after the unmount: %s\n",
	       after.buffers_kb == before.buffers_kb ? "as before" : "more");
	printf("Cached after the unmount: %s\n",
	       after.cached_kb == before.cached_kb ? "as before" : "more");
	show("mount it again", mount(dev, "m", "ext2", 0, NULL));
	printf("the file: %s\n", read_file("m/d/f", buf, sizeof(buf)));

	/* Twice at once: one file system, until its last mount goes. */
	show("mount it on a second directory",
	     mount(dev, "m2", "ext2", 0, NULL));
	write_file("m2/d/g", "through the second");
	show("umount the first", umount("m"));
	printf("the second still shows: %s\n",
	       read_file("m2/d/g", buf, sizeof(buf)));
	/* Lazily while open: written back when the file is closed. */
	fd = open("m2/d/g", O_WRONLY | O_APPEND);
	show("umount2 MNT_DETACH of the second while open",
	     umount2("m2", MNT_DETACH));
	show("write to it", write(fd, ", then detached", 15));
	close(fd);
	show("mount once more", mount(dev, "m", "ext2", 0, NULL));
	printf("the file: %s\n", read_file("m/d/g", buf, sizeof(buf)));
	show("umount", umount("m"));

	/* Once first, then 50 rounds that must leave nothing behind. */
	if (ext2_round(dev, 0)) {
		printf("first round: %s\n", strerror(errno));
		return 1;
	}
	usage_now(&before);
	for (i = 1; i <= 50; i++)
		if (ext2_round(dev, i)) {
			printf("round %d: %s\n", i, strerror(errno));
			return 1;
		}
	usage_now(&after);
	compare(&before, &after);
	rmdir("m");
	rmdir("m2");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "memory"))
		return memory(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "ext2"))
		return ext2(argv[2], argv[3]);
	if (argc == 2)
		return behaviour(argv[1]);
	fprintf(stderr, "usage: umount DIR | umount memory DIR | "
			"umount ext2 DEV DIR\n");
	return 2;
}
