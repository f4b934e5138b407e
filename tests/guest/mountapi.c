// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mount API (fsopen, fsconfig, fsmount, fspick, move_mount,
 * open_tree, mount_setattr), pivot_root, propagation types, bind mounts
 * of files, nodev and the flags statvfs reports, as Linux answers them.
 *
 *   mountapi DIR     as root, in DIR: natively in a private mount
 *                    namespace (unshare -m), and as a guest.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>


static const char *dir;
static char path_buf[4][4096];

static const char *at(int n, const char *name)
{
	snprintf(path_buf[n], sizeof(path_buf[n]), "%s/%s", dir, name);
	return path_buf[n];
}

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: ok\n", what);
}

static long setattr(const char *p, unsigned int flags, struct mount_attr *a,
		    size_t size)
{
	return mount_setattr(AT_FDCWD, p, flags, a, size);
}

/* The flags statvfs gives, by name. */
static void flags_of(const char *what, const char *p)
{
	struct statvfs st;

	if (statvfs(p, &st)) {
		printf("%s: statvfs %s\n", what, strerrorname_np(errno));
		return;
	}
	printf("%s:%s%s%s%s%s%s\n", what, st.f_flag & ST_RDONLY ? " ro" : " rw",
	       st.f_flag & ST_NOSUID ? " nosuid" : "",
	       st.f_flag & ST_NODEV ? " nodev" : "",
	       st.f_flag & ST_NOEXEC ? " noexec" : "",
	       st.f_flag & ST_NOATIME ? " noatime" : "",
	       st.f_flag & ST_RELATIME ? " relatime" : "");
}

/* The mount options of the mount on p, from /proc/self/mountinfo. */
static void mountinfo_of(const char *what, const char *p)
{
	char line[4096], mp[4096], opts[512];
	FILE *f = fopen("/proc/self/mountinfo", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*d %*d %*s %*s %4095s %511s", mp, opts) == 2 &&
		    !strcmp(mp, p)) {
			printf("%s: %s\n", what, opts);
			found = 1;
		}
	if (!found)
		printf("%s: not mounted\n", what);
	if (f)
		fclose(f);
}

static void write_file(const char *p, const char *text)
{
	int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0) {
		printf("create %s: %s\n", p + strlen(dir), strerrorname_np(errno));
		return;
	}
	write(fd, text, strlen(text));
	close(fd);
}

static void fs_context(void)
{
	int fd, mfd;

	show("fsopen of a bad pointer", fsopen((const char *)8, 0));
	show("fsopen of no such type", fsopen("nosuchfs", 0));
	show("fsopen bad flags", fsopen("tmpfs", 2));
	show("fsconfig fd -1", fsconfig(-1, FSCONFIG_SET_FLAG, "ro", NULL, 0));
	fd = fsopen("tmpfs", 0);
	show("fsopen tmpfs", fd);
	show("fsconfig command 99", fsconfig(fd, 99, NULL, NULL, 0));
	show("fsconfig of stdin", fsconfig(0, FSCONFIG_SET_FLAG, "ro", NULL, 0));
	show("fsconfig flag with a value",
	     fsconfig(fd, FSCONFIG_SET_FLAG, "ro", "x", 0));
	show("fsconfig flag without a key",
	     fsconfig(fd, FSCONFIG_SET_FLAG, NULL, NULL, 0));
	show("fsconfig a mount flag (nosuid)",
	     fsconfig(fd, FSCONFIG_SET_FLAG, "nosuid", NULL, 0));
	show("fsconfig key at a bad pointer",
	     fsconfig(fd, FSCONFIG_SET_FLAG, (const char *)8, NULL, 0));
	show("fsconfig value at a bad pointer",
	     fsconfig(fd, FSCONFIG_SET_STRING, "size", (const char *)8, 0));
	show("fsconfig source", fsconfig(fd, FSCONFIG_SET_STRING, "source",
					 "apitmp", 0));
	show("fsconfig source again", fsconfig(fd, FSCONFIG_SET_STRING,
					       "source", "x", 0));
	show("fsconfig size", fsconfig(fd, FSCONFIG_SET_STRING, "size", "1M",
				       0));
	show("fsconfig create with a key",
	     fsconfig(fd, FSCONFIG_CMD_CREATE, "x", NULL, 0));
	show("fsmount before create", fsmount(fd, 0, 0));
	show("fsconfig create", fsconfig(fd, FSCONFIG_CMD_CREATE, NULL, NULL,
					 0));
	show("fsconfig create again", fsconfig(fd, FSCONFIG_CMD_CREATE, NULL,
					       NULL, 0));
	show("fsconfig after create", fsconfig(fd, FSCONFIG_SET_STRING, "size",
					       "2M", 0));
	show("fsmount bad flags", fsmount(fd, 2, 0));
	show("fsmount bad attributes", fsmount(fd, 0, 0x40000));
	show("fsmount of stdin", fsmount(0, 0, 0));
	mfd = fsmount(fd, 0, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	show("fsmount nosuid,nodev", mfd);
	show("fsmount again", fsmount(fd, 0, 0));
	mountinfo_of("mountinfo before move_mount", at(0, "a"));
	show("move_mount bad flags", move_mount(mfd, "", AT_FDCWD, at(0, "a"),
						0x1000));
	show("move_mount to a bad pointer",
	     move_mount(mfd, "", AT_FDCWD, (const char *)8,
			MOVE_MOUNT_F_EMPTY_PATH));
	show("move_mount of a closed descriptor",
	     move_mount(999, "", AT_FDCWD, at(0, "a"), MOVE_MOUNT_F_EMPTY_PATH));
	show("move_mount onto a", move_mount(mfd, "", AT_FDCWD, at(0, "a"),
					     MOVE_MOUNT_F_EMPTY_PATH));
	mountinfo_of("mountinfo of a", at(0, "a"));
	flags_of("statvfs of a", at(0, "a"));
	write_file(at(0, "a/file"), "in a\n");
	show("create in a", access(at(0, "a/file"), F_OK));
	close(mfd);
	close(fd);
}

static void pick_and_clone(void)
{
	struct mount_attr a = { 0 };
	int fd, tfd;

	mkdir(at(0, "a/sub"), 0755);
	show("fspick below a mount's root",
	     fspick(AT_FDCWD, at(0, "a/sub"), 0));
	show("fspick bad flags", fspick(AT_FDCWD, at(0, "a"),
					  0x10));
	fd = fspick(AT_FDCWD, at(0, "a"), 0);
	show("fspick a", fd);
	show("reconfigure ro", fsconfig(fd, FSCONFIG_SET_FLAG, "ro", NULL, 0));
	show("reconfigure", fsconfig(fd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL,
				     0));
	flags_of("statvfs of a, reconfigured", at(0, "a"));
	mountinfo_of("mountinfo of a, reconfigured", at(0, "a"));
	write_file(at(0, "a/other"), "x");
	show("reconfigure rw", fsconfig(fd, FSCONFIG_SET_FLAG, "rw", NULL, 0));
	show("reconfigure", fsconfig(fd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL,
				     0));
	close(fd);

	show("open_tree AT_RECURSIVE alone",
	     open_tree(AT_FDCWD, at(0, "a"), AT_RECURSIVE));
	show("open_tree bad flags",
	     open_tree(AT_FDCWD, at(0, "a"), 0x4));
	fd = open_tree(AT_FDCWD, at(0, "a"), 0);
	show("open_tree without a clone", fd);
	show("move_mount of a mount root by its file",
	     move_mount(fd, "", AT_FDCWD, at(0, "c"), MOVE_MOUNT_F_EMPTY_PATH));
	mountinfo_of("a after its move", at(0, "a"));
	mountinfo_of("c after the move", at(0, "c"));
	close(fd);
	tfd = open_tree(AT_FDCWD, at(0, "c"), OPEN_TREE_CLONE);
	show("open_tree clone of c", tfd);
	show("move_mount the clone onto b",
	     move_mount(tfd, "", AT_FDCWD, at(0, "b"), MOVE_MOUNT_F_EMPTY_PATH));
	show("b shows c's file", access(at(0, "b/file"), F_OK));
	show("move_mount c into itself", move_mount(AT_FDCWD, at(0, "c"),
						    AT_FDCWD, at(1, "c/sub"),
						    0));
	show("move_mount of a directory below a root",
	     move_mount(AT_FDCWD, at(0, "c/sub"), AT_FDCWD, at(1, "a"), 0));
	close(tfd);

	a.attr_set = MOUNT_ATTR_NOEXEC | MOUNT_ATTR_RDONLY;
	show("mount_setattr of a bad pointer",
	     setattr(at(0, "b"), 0, (struct mount_attr *)8, 32));
	show("mount_setattr size 31", setattr(at(0, "b"), 0, &a, 31));
	show("mount_setattr size 8192", setattr(at(0, "b"), 0, &a, 8192));
	show("mount_setattr bad flags", setattr(at(0, "b"), 0x4, &a, 32));
	show("mount_setattr below a root", setattr(at(0, "b/sub"), 0, &a, 32));
	show("mount_setattr noexec,ro", setattr(at(0, "b"), 0, &a, 32));
	flags_of("statvfs of b", at(0, "b"));
	flags_of("statvfs of c", at(0, "c"));
	mountinfo_of("mountinfo of b", at(0, "b"));
	a.attr_set = 0;
	a.attr_clr = MOUNT_ATTR_RDONLY;
	show("mount_setattr clear ro", setattr(at(0, "b"), 0, &a, 32));
	flags_of("statvfs of b", at(0, "b"));
	a.attr_clr = 0;
	a.attr_set = MOUNT_ATTR_NOATIME;
	show("mount_setattr noatime without clearing atime",
	     setattr(at(0, "b"), 0, &a, 32));
	a.attr_clr = MOUNT_ATTR__ATIME;
	show("mount_setattr noatime", setattr(at(0, "b"), 0, &a, 32));
	flags_of("statvfs of b", at(0, "b"));
	a.attr_set = a.attr_clr = 0;
	a.propagation = MS_SHARED | MS_PRIVATE;
	show("mount_setattr two propagations", setattr(at(0, "b"), 0, &a, 32));
	a.propagation = MS_PRIVATE;
	show("mount_setattr private", setattr(at(0, "b"), 0, &a, 32));
	a.propagation = 0;
	a.attr_set = MOUNT_ATTR_IDMAP;
	a.userns_fd = 999;
	show("mount_setattr idmap of no descriptor",
	     setattr(at(0, "b"), 0, &a, 32));
	a.attr_set = a.userns_fd = 0;
	show("mount_setattr nothing", setattr("/nonexistent", 0, &a, 32));
	umount2(at(0, "b"), MNT_DETACH);
	umount2(at(0, "c"), MNT_DETACH);
}

static void old_mount_calls(void)
{
	int fd;

	show("make-private a directory",
	     mount(NULL, at(0, "a"), NULL, MS_PRIVATE, NULL));
	mount("tmpfs", at(0, "a"), "tmpfs", 0, NULL);
	show("make-private a mount", mount(NULL, at(0, "a"), NULL, MS_PRIVATE,
					   NULL));
	show("make-rprivate a mount", mount(NULL, at(0, "a"), NULL,
					    MS_REC | MS_PRIVATE, NULL));
	show("make-shared,private", mount(NULL, at(0, "a"), NULL,
					  MS_SHARED | MS_PRIVATE, NULL));
	show("make-unbindable", mount(NULL, at(0, "a"), NULL, MS_UNBINDABLE,
				      NULL));
	show("bind an unbindable mount", mount(at(0, "a"), at(1, "b"), NULL,
					       MS_BIND, NULL));
	umount(at(0, "a"));

	write_file(at(0, "f1"), "file one\n");
	write_file(at(0, "f2"), "file two\n");
	show("bind a file onto a file", mount(at(0, "f1"), at(1, "f2"), NULL,
					      MS_BIND, NULL));
	fd = open(at(0, "f2"), O_RDONLY);
	if (fd >= 0) {
		char b[32] = { 0 };

		read(fd, b, sizeof(b) - 1);
		printf("f2 reads: %s", b);
		close(fd);
	}
	umount(at(0, "f2"));
	show("bind a directory onto a file", mount(at(0, "a"), at(1, "f2"),
						   NULL, MS_BIND, NULL));
	show("bind a file onto a directory", mount(at(0, "f1"), at(1, "a"),
						   NULL, MS_BIND, NULL));
	show("mount a file system onto a file",
	     mount("tmpfs", at(0, "f2"), "tmpfs", 0, NULL));

	mount("tmpfs", at(0, "d"), "tmpfs", MS_NODEV | MS_NOSUID, NULL);
	mknod(at(0, "d/null"), S_IFCHR | 0666, makedev(1, 3));
	show("open a device on a nodev mount", open(at(0, "d/null"), O_RDWR));
	show("open it O_PATH", open(at(0, "d/null"), O_PATH));
	flags_of("statvfs of a nodev,nosuid mount", at(0, "d"));
	mount(NULL, at(0, "d"), NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL);
	flags_of("after remount,bind,ro", at(0, "d"));
	mountinfo_of("mountinfo after remount,bind,ro", at(0, "d"));
	umount(at(0, "d"));
}

/* In a child, chrooted to a mount: its root can be pivoted. */
static void pivot(void)
{
	pid_t pid;
	int status;

	mount("tmpfs", at(0, "r"), "tmpfs", 0, NULL);
	mkdir(at(0, "r/new"), 0755);
	mkdir(at(0, "r/dir"), 0755);
	pid = fork();
	if (!pid) {
		char cwd[256];

		if (chroot(at(0, "r")) || chdir("/"))
			_exit(1);
		show("pivot_root onto a directory that is no mount",
		     syscall(SYS_pivot_root, "/dir", "/dir"));
		mount("tmpfs", "/new", "tmpfs", 0, NULL);
		mkdir("/new/old", 0755);
		mkdir("/new/mine", 0755);
		show("pivot_root with put_old outside new_root",
		     syscall(SYS_pivot_root, "/new", "/dir"));
		show("pivot_root with no such put_old",
		     syscall(SYS_pivot_root, "/new", "/new/none"));
		show("pivot_root of a bad pointer",
		     syscall(SYS_pivot_root, (char *)8, "/new/old"));
		show("pivot_root", syscall(SYS_pivot_root, "/new", "/new/old"));
		printf("cwd after: %s\n", getcwd(cwd, sizeof(cwd)));
		show("the new root has mine", access("/mine", F_OK));
		show("the old root is at /old", access("/old/dir", F_OK));
		show("umount the old root", umount2("/old", MNT_DETACH));
		show("old root gone", access("/old/dir", F_OK));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("pivot child: %d\n", WEXITSTATUS(status));
	umount2(at(0, "r"), MNT_DETACH);
}

int main(int argc, char **argv)
{
	static const char *const dirs[] = { "a", "b", "c", "d", "r" };
	unsigned int i;

	if (argc != 2)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	dir = argv[1];
	if (access("/proc/self/mountinfo", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdir(at(0, dirs[i]), 0755);
	fs_context();
	pick_and_clone();
	old_mount_calls();
	pivot();
	umount2(at(0, "a"), MNT_DETACH);
	return 0;
}
