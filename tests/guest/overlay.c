// SPDX-License-Identifier: GPL-2.0-only
/*
 * overlayfs as Linux mounts it: overlay DIR, as root, in DIR (natively in
 * a private mount namespace, unshare -m; in the guest in /tmp).
 *
 * Mount options and their errors; lookups through the upper layer to the
 * lower one; directories merged in readdir; copy-up of data, mode, owner,
 * times and parent directories on open for write, truncate, chmod, chown,
 * utimes, link and rename; whiteouts left by unlink and rmdir, names made
 * again over them; opaque directories; rename (EXDEV for a directory of
 * the lower layer); a read-only overlay of two lower layers.  At the end
 * the lower layer is as it was.  Inode numbers are not printed, only
 * whether they stay the same.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

static char base[256];

static const char *e(long ret)
{
	return ret < 0 ? strerror(errno) : "ok";
}

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, e(ret));
}

/* base/name, in a static buffer of four that rotate. */
static const char *P(const char *name)
{
	static char bufs[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(bufs[i], sizeof(bufs[i]), "%s/%s", base, name);
	return bufs[i];
}

static void put(const char *name, const char *text)
{
	int fd = open(P(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		printf("put %s: %s\n", name, strerror(errno));
		exit(1);
	}
	close(fd);
}

static void cat(const char *name)
{
	char buf[256];
	int fd = open(P(name), O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		printf("cat %s: %s\n", name, strerror(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	printf("cat %s: %s", name, buf);
	if (n <= 0 || buf[n - 1] != '\n')
		printf("\n");
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a directory, sorted, on one line. */
static void ls(const char *name)
{
	char *names[256];
	struct dirent *de;
	int n = 0, i;
	DIR *d = opendir(P(name));

	if (!d) {
		printf("ls %s: %s\n", name, strerror(errno));
		return;
	}
	while ((de = readdir(d)) && n < 256)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	printf("ls %s:", name);
	for (i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

/* What kind of file name is: "file 644 0:0", "whiteout", "none"... */
static void kind(const char *name)
{
	struct stat st;

	if (lstat(P(name), &st)) {
		printf("%s: %s\n", name, strerror(errno));
		return;
	}
	if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0))
		printf("%s: whiteout\n", name);
	else
		printf("%s: %s %o %u:%u\n", name,
		       S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file"
		       : S_ISLNK(st.st_mode) ? "symlink" : "other",
		       st.st_mode & 07777, st.st_uid, st.st_gid);
}

static void opaque(const char *name)
{
	char v[8] = "";
	ssize_t n = getxattr(P(name), "trusted.overlay.opaque", v, sizeof(v));

	printf("%s opaque: %s\n", name, n < 0 ? strerror(errno) : v);
}

static int do_mount(const char *opts)
{
	char o[1024];

	snprintf(o, sizeof(o), opts, base, base, base, base);
	return mount("overlay", P("m"), "overlay", 0, o);
}

static void mount_errors(void)
{
	show("no lowerdir", do_mount("upperdir=%s/u,workdir=%s/w"));
	show("no workdir", do_mount("lowerdir=%s/l,upperdir=%s/u"));
	show("lowerdir missing", do_mount("lowerdir=%s/nothere"));
	show("lowerdir a file",
	     do_mount("lowerdir=%s/l/f,upperdir=%s/u,workdir=%s/w"));
	show("unknown option",
	     do_mount("lowerdir=%s/l,upperdir=%s/u,workdir=%s/w,bogus"));
	show("workdir in upperdir",
	     do_mount("lowerdir=%s/l,upperdir=%s/u,workdir=%s/u/w"));
}

static void make_lower(void)
{
	mkdir(P("l"), 0755);
	mkdir(P("u"), 0755);
	mkdir(P("w"), 0755);
	mkdir(P("m"), 0755);
	put("l/f", "lower f\n");
	put("l/shadowed", "lower shadowed\n");
	put("l/gone", "gone\n");
	put("l/owned", "owned\n");
	chown(P("l/owned"), 123, 456);
	chmod(P("l/owned"), 0640);
	mkdir(P("l/d"), 0750);
	mkdir(P("l/d/sub"), 0700);
	put("l/d/sub/deep", "deep\n");
	put("l/d/a", "a\n");
	mkdir(P("l/empty"), 0755);
	mkdir(P("l/empty2"), 0755);
	mkdir(P("l/full"), 0755);
	put("l/full/x", "x\n");
	mkdir(P("l/redo"), 0755);
	put("l/redo/old", "old\n");
	symlink("f", P("l/link"));
	put("l/times", "times\n");
	put("l/xat", "xattrs\n");
	put("l/lonely", "lonely\n");
	setxattr(P("l/xat"), "user.k", "v", 1, 0);
	/* An upper file hides the lower one of its name. */
	put("u/shadowed", "upper shadowed\n");
	put("u/onlyupper", "only upper\n");
}

static long ino_of(const char *name)
{
	struct stat st;

	return lstat(P(name), &st) ? -1 : (long)st.st_ino;
}

static void lookups(void)
{
	struct stat m, l;

	cat("m/f");
	cat("m/shadowed");
	cat("m/onlyupper");
	cat("m/d/sub/deep");
	kind("m/link");
	cat("m/link");
	kind("m/owned");
	kind("m/d");
	show("stat m/nothere", stat(P("m/nothere"), &m));
	ls("m");
	ls("m/d");
	stat(P("m/f"), &m);
	stat(P("l/f"), &l);
	printf("size and mode as the lower file's: %s\n",
	       m.st_size == l.st_size && m.st_mode == l.st_mode ? "yes" : "no");
	stat(P("m/d"), &m);
	stat(P("m"), &l);
	printf("a directory is on the overlay's device: %s\n",
	       m.st_dev == l.st_dev ? "yes" : "no");
	stat(P("l"), &m);
	printf("the overlay's device is not the lower one's: %s\n",
	       m.st_dev != l.st_dev ? "yes" : "no");
}

static void copy_ups(void)
{
	long ino = ino_of("m/f");
	struct stat before, after;
	struct timespec ts[2] = { { 1000000, 0 }, { 2000000, 0 } };
	int fd;

	/* Open for write: data, mode and owner come up; the lower stays. */
	fd = open(P("m/f"), O_WRONLY | O_APPEND);
	show("open m/f for append", fd);
	write(fd, "more\n", 5);
	close(fd);
	cat("m/f");
	cat("l/f");
	cat("u/f");
	printf("inode number kept: %s\n", ino_of("m/f") == ino ? "yes" : "no");

	/* A file deep down: its parents are copied up with their modes. */
	fd = open(P("m/d/sub/deep"), O_RDWR);
	show("open m/d/sub/deep read-write", fd);
	close(fd);
	kind("u/d");
	kind("u/d/sub");
	cat("u/d/sub/deep");
	ls("u/d");

	/* chmod, chown, truncate and utimes copy up. */
	stat(P("l/times"), &before);
	show("chmod m/owned", chmod(P("m/owned"), 0600));
	kind("m/owned");
	kind("u/owned");
	kind("l/owned");
	cat("u/owned");
	show("chown m/times", chown(P("m/times"), 7, 8));
	stat(P("u/times"), &after);
	printf("mtime kept by copy-up: %s\n",
	       before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
	       before.st_mtim.tv_nsec == after.st_mtim.tv_nsec ? "yes" : "no");
	kind("u/times");
	show("truncate m/d/a", truncate(P("m/d/a"), 1));
	cat("m/d/a");
	cat("l/d/a");
	show("utimensat m/link", utimensat(AT_FDCWD, P("m/link"), ts,
					   AT_SYMLINK_NOFOLLOW));
	kind("u/link");
	show("open m/shadowed O_TRUNC", fd = open(P("m/shadowed"),
						  O_WRONLY | O_TRUNC));
	close(fd);
	cat("m/shadowed");
	cat("l/shadowed");

	/* Extended attributes come up with the file. */
	show("chmod m/xat", chmod(P("m/xat"), 0604));
	{
		char v[8] = "";
		ssize_t n = getxattr(P("u/xat"), "user.k", v, sizeof(v));

		printf("u/xat user.k: %s\n", n < 0 ? strerror(errno) : v);
	}

	/* Removing an attribute the lower file lacks copies nothing up. */
	show("removexattr m/lonely user.none",
	     removexattr(P("m/lonely"), "user.none"));
	kind("u/lonely");

	/* link: the file comes up, both names are in the upper layer. */
	show("link m/d/sub/deep m/hard", link(P("m/d/sub/deep"), P("m/hard")));
	stat(P("m/hard"), &after);
	printf("m/hard links: %lu\n", (unsigned long)after.st_nlink);
	printf("m/hard has m/d/sub/deep's inode number: %s\n",
	       ino_of("m/hard") == ino_of("m/d/sub/deep") ? "yes" : "no");
	cat("u/hard");
}

static void whiteouts(void)
{
	show("unlink m/gone", unlink(P("m/gone")));
	kind("m/gone");
	kind("u/gone");
	kind("l/gone");
	ls("m");
	put("m/gone", "again\n");
	cat("m/gone");
	kind("u/gone");
	show("unlink m/gone again", unlink(P("m/gone")));
	kind("u/gone");
	show("unlink m/gone a third time", unlink(P("m/gone")));
	show("rmdir m/empty", rmdir(P("m/empty")));
	kind("u/empty");
	show("rmdir m/full", rmdir(P("m/full")));
	show("unlink m/full/x", unlink(P("m/full/x")));
	show("rmdir m/full now", rmdir(P("m/full")));
	kind("u/full");
	ls("m");
	show("mknod a whiteout on the overlay",
	     mknod(P("m/wh"), S_IFCHR | 0644, makedev(0, 0)));
	show("unlink m/onlyupper", unlink(P("m/onlyupper")));
	kind("u/onlyupper");
}

static void opaque_dirs(void)
{
	ls("m/redo");
	show("unlink m/redo/old", unlink(P("m/redo/old")));
	show("rmdir m/redo", rmdir(P("m/redo")));
	show("mkdir m/redo", mkdir(P("m/redo"), 0711));
	ls("m/redo");
	kind("m/redo");
	opaque("u/redo");
	ls("l/redo");
	show("mkdir m/newdir", mkdir(P("m/newdir"), 0755));
	opaque("u/newdir");
	show("mkdir m/d (exists)", mkdir(P("m/d"), 0755));
	show("O_EXCL m/f (exists)",
	     open(P("m/f"), O_WRONLY | O_CREAT | O_EXCL, 0644));
}

static void renames(void)
{
	show("rename lower dir m/d", rename(P("m/d"), P("m/d2")));
	show("rename new dir m/newdir", rename(P("m/newdir"), P("m/nd")));
	kind("m/nd");
	show("rename m/times m/t2", rename(P("m/times"), P("m/t2")));
	cat("m/t2");
	kind("m/times");
	kind("u/times");
	show("rename lower m/link onto m/f",
	     rename(P("m/link"), P("m/f")));
	kind("m/f");
	kind("u/link");
	show("rename m/nd m/empty2", rename(P("m/nd"), P("m/empty2")));
	ls("m");
	show("rename m/hard to m/d/hard", rename(P("m/hard"), P("m/d/hard")));
	ls("m/d");
	show("rename missing", rename(P("m/nothere"), P("m/x")));
	show("RENAME_NOREPLACE m/t2 m/t3",
	     renameat2(AT_FDCWD, P("m/t2"), AT_FDCWD, P("m/t3"),
		       RENAME_NOREPLACE));
	show("RENAME_NOREPLACE m/t3 onto m/owned",
	     renameat2(AT_FDCWD, P("m/t3"), AT_FDCWD, P("m/owned"),
		       RENAME_NOREPLACE));
	show("RENAME_EXCHANGE m/t3 m/shadowed",
	     renameat2(AT_FDCWD, P("m/t3"), AT_FDCWD, P("m/shadowed"),
		       RENAME_EXCHANGE));
	cat("m/t3");
	cat("m/shadowed");
}

static const char *stack_opts(const char *top, const char *below)
{
	static char o[1024];

	snprintf(o, sizeof(o), "lowerdir=%s/%s:%s/%s", base, top, base,
		 below);
	return o;
}

static void read_only(void)
{
	mkdir(P("l2"), 0755);
	put("l2/f", "l2 f\n");
	put("l2/only2", "only in l2\n");
	show("mount two lower layers", do_mount("lowerdir=%s/l2:%s/l"));
	cat("m/f");
	cat("m/only2");
	cat("m/d/a");
	show("open for write", open(P("m/f"), O_WRONLY));
	show("mkdir", mkdir(P("m/x"), 0755));
	show("unlink", unlink(P("m/only2")));
	show("chmod", chmod(P("m/f"), 0600));
	ls("m");

	/* Overlays on overlays: two deep, no more. */
	mkdir(P("m2"), 0755);
	mkdir(P("m3"), 0755);
	show("an overlay on it", mount("overlay", P("m2"), "overlay", 0,
				       stack_opts("m", "l2")));
	cat("m2/f");
	cat("m2/d/a");
	show("a third", mount("overlay", P("m3"), "overlay", 0,
			      stack_opts("m2", "l2")));
	show("umount m2", umount(P("m2")));
	show("umount", umount(P("m")));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: overlay DIR\n");
		return 2;
	}
	snprintf(base, sizeof(base), "%s/ovl", argv[1]);
	mkdir(base, 0755);
	umask(022);
	make_lower();
	mount_errors();
	show("mount", do_mount("lowerdir=%s/l,upperdir=%s/u,workdir=%s/w"));
	kind("w/work");
	lookups();
	copy_ups();
	whiteouts();
	opaque_dirs();
	renames();
	{
		long owned = ino_of("m/owned"), xat = ino_of("m/xat");
		long deep = ino_of("m/d/sub/deep");

		show("umount", umount(P("m")));
		show("mount again", do_mount("lowerdir=%s/l,upperdir=%s/u,"
					     "workdir=%s/w"));
		printf("copies keep their inode numbers across mounts: %s\n",
		       ino_of("m/owned") == owned && ino_of("m/xat") == xat &&
		       ino_of("m/d/sub/deep") == deep &&
		       ino_of("m/owned") == ino_of("l/owned") ? "yes" : "no");
		show("umount", umount(P("m")));
	}
	ls("l");
	ls("l/d");
	ls("u");
	cat("l/f");
	kind("l/owned");
	cat("l/d/a");
	read_only();
	return 0;
}
