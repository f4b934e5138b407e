// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host files for hostfs, confined to the shared directory: every name is
 * one component below a directory descriptor, no symlink is followed, and
 * descriptors are opened beneath their directory (openat2) where the host
 * kernel can.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include "host/file.h"
#include "host/hostfs.h"

_Static_assert(HOST_RENAME_NOREPLACE == RENAME_NOREPLACE &&
	       HOST_RENAME_EXCHANGE == RENAME_EXCHANGE, "rename flags");
_Static_assert(offsetof(struct host_dirent, ino) ==
		       offsetof(struct dirent64, d_ino) &&
	       offsetof(struct host_dirent, off) ==
		       offsetof(struct dirent64, d_off) &&
	       offsetof(struct host_dirent, reclen) ==
		       offsetof(struct dirent64, d_reclen) &&
	       offsetof(struct host_dirent, type) ==
		       offsetof(struct dirent64, d_type) &&
	       offsetof(struct host_dirent, name) ==
		       offsetof(struct dirent64, d_name), "dirent64 layout");
/* The kernel reads modes and entry types with the guest's (Linux's) values. */
_Static_assert(S_IFMT == 0170000 && S_IFDIR == 0040000 &&
	       S_IFREG == 0100000 && S_IFLNK == 0120000 && DT_DIR == 4,
	       "Linux file types");

/* One component: not empty, no '/', never "..". */
static bool bad_name(const char *name)
{
	return !*name || strchr(name, '/') || !strcmp(name, "..");
}

/*
 * openat of one component, never following a symlink.  openat2's
 * RESOLVE_BENEATH also refuses anything that would leave dirfd, should a
 * name ever get past bad_name(); hosts without openat2 (before Linux 5.6,
 * or a seccomp filter that refuses it) get plain openat.
 */
static int open_beneath(int dirfd, const char *name, int flags, mode_t mode)
{
	static bool no_openat2;
	struct open_how how = {
		.flags = flags | O_NOFOLLOW | O_CLOEXEC,
		.mode = flags & O_CREAT ? mode : 0,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
			   RESOLVE_NO_MAGICLINKS,
	};
	int fd;

	if (bad_name(name))
		return -EINVAL;
	if (!no_openat2) {
		fd = syscall(SYS_openat2, dirfd, name, &how, sizeof(how));
		if (fd >= 0)
			return fd;
		if (errno != ENOSYS && errno != EPERM)
			return -errno;
	}
	fd = openat(dirfd, name, how.flags, mode);
	if (fd < 0)
		return -errno;
	no_openat2 = true;
	return fd;
}

int host_fs_open_root(const char *path)
{
	int fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	struct rlimit rl;

	if (fd < 0)
		return -errno;
	/* Every directory the guest has looked into holds a descriptor. */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	return fd;
}

int host_fs_open_dir(int dirfd, const char *name)
{
	return open_beneath(dirfd, name, O_PATH | O_DIRECTORY, 0);
}

static int fail_close(int fd, int err)
{
	close(fd);
	return err;
}

int host_fs_open_file(int dirfd, const char *name, unsigned int how)
{
	int flags = how == (HOST_FS_READ | HOST_FS_WRITE) ? O_RDWR
		    : how & HOST_FS_WRITE		  ? O_WRONLY
							  : O_RDONLY;
	struct stat st;
	int fd;

	/*
	 * Only regular files: should the host put a FIFO or a device in its
	 * place, O_NONBLOCK keeps the open from waiting and it is refused.
	 */
	fd = open_beneath(dirfd, name, flags | O_NONBLOCK | O_NOCTTY, 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0)
		return fail_close(fd, -errno);
	if (!S_ISREG(st.st_mode))
		return fail_close(fd, S_ISDIR(st.st_mode) ? -EISDIR : -ENXIO);
	if (fcntl(fd, F_SETFL, flags) < 0)
		return fail_close(fd, -errno);
	return fd;
}

int host_fs_open_readdir(int dirfd)
{
	return open_beneath(dirfd, ".", O_RDONLY | O_DIRECTORY, 0);
}

int host_fs_getdents(int fd, void *buf, size_t len)
{
	ssize_t n = getdents64(fd, buf, len);

	return n < 0 ? -errno : (int)n;
}

int host_fs_rewind(int fd)
{
	return lseek(fd, 0, SEEK_SET) < 0 ? -errno : 0;
}

static struct host_timespec ts(struct timespec t)
{
	return (struct host_timespec){ t.tv_sec, t.tv_nsec };
}

static void fill_stat(const struct stat *s, struct host_stat *st)
{
	st->dev = s->st_dev;
	st->ino = s->st_ino;
	st->mode = s->st_mode;
	st->nlink = s->st_nlink;
	st->rdev_major = major(s->st_rdev);
	st->rdev_minor = minor(s->st_rdev);
	st->size = s->st_size;
	st->blocks = s->st_blocks;
	st->atime = ts(s->st_atim);
	st->mtime = ts(s->st_mtim);
	st->ctime = ts(s->st_ctim);
}

int host_fs_stat(int fd, struct host_stat *st)
{
	struct stat s;

	if (fstat(fd, &s) < 0)
		return -errno;
	fill_stat(&s, st);
	return 0;
}

int host_fs_stat_at(int dirfd, const char *name, struct host_stat *st)
{
	struct stat s;

	if (bad_name(name))
		return -EINVAL;
	if (fstatat(dirfd, name, &s, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	fill_stat(&s, st);
	return 0;
}

int host_fs_statfs(int fd, struct host_statfs *st)
{
	struct statfs s;

	if (fstatfs(fd, &s) < 0)
		return -errno;
	st->bsize = s.f_bsize;
	st->frsize = s.f_frsize;
	st->blocks = s.f_blocks;
	st->bfree = s.f_bfree;
	st->bavail = s.f_bavail;
	st->files = s.f_files;
	st->ffree = s.f_ffree;
	st->namelen = s.f_namelen;
	return 0;
}

/*
 * The guest applied its own umask; the host's must not take more bits
 * away.  The kernel is one host thread, so the umask is 0 only while a
 * call that creates a file runs.
 */
static mode_t umask_off(void)
{
	return umask(0);
}

static int umask_restore(mode_t old, int ret)
{
	int err = ret < 0 ? -errno : ret;

	umask(old);
	return err;
}

int host_fs_create(int dirfd, const char *name, uint32_t mode)
{
	mode_t old = umask_off();
	int fd = open_beneath(dirfd, name, O_CREAT | O_EXCL | O_WRONLY,
			      mode & 07777);

	umask(old);
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

int host_fs_mkdir(int dirfd, const char *name, uint32_t mode)
{
	mode_t old;

	if (bad_name(name))
		return -EINVAL;
	old = umask_off();
	return umask_restore(old, mkdirat(dirfd, name, mode & 07777));
}

int host_fs_mknod(int dirfd, const char *name, uint32_t mode)
{
	mode_t old;

	if (bad_name(name))
		return -EINVAL;
	if (!S_ISFIFO(mode) && !S_ISSOCK(mode))
		return -EPERM;
	old = umask_off();
	return umask_restore(old, mknodat(dirfd, name,
					  mode & (S_IFMT | 07777), 0));
}

int host_fs_symlink(const char *target, int dirfd, const char *name)
{
	if (bad_name(name))
		return -EINVAL;
	return symlinkat(target, dirfd, name) < 0 ? -errno : 0;
}

int host_fs_link(int olddirfd, const char *oldname, int newdirfd,
		 const char *newname)
{
	if (bad_name(oldname) || bad_name(newname))
		return -EINVAL;
	/* No AT_SYMLINK_FOLLOW: a symlink is linked, not its target. */
	return linkat(olddirfd, oldname, newdirfd, newname, 0) < 0 ? -errno : 0;
}

int host_fs_unlink(int dirfd, const char *name, bool dir)
{
	if (bad_name(name))
		return -EINVAL;
	return unlinkat(dirfd, name, dir ? AT_REMOVEDIR : 0) < 0 ? -errno : 0;
}

int host_fs_rename(int olddirfd, const char *oldname, int newdirfd,
		   const char *newname, unsigned int flags)
{
	if (bad_name(oldname) || bad_name(newname))
		return -EINVAL;
	if (renameat2(olddirfd, oldname, newdirfd, newname, flags) < 0)
		return -errno;
	return 0;
}

int host_fs_readlink(int dirfd, const char *name, char *buf, size_t len)
{
	ssize_t n;

	if (bad_name(name))
		return -EINVAL;
	if (len < 2)
		return -ENAMETOOLONG;
	n = readlinkat(dirfd, name, buf, len - 1);
	if (n < 0)
		return -errno;
	if ((size_t)n == len - 1)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return n;
}

int host_fs_chmod(int dirfd, const char *name, uint32_t mode)
{
	/* "." is dirfd's own directory: no symlink to mind. */
	int flags = strcmp(name, ".") ? AT_SYMLINK_NOFOLLOW : 0;

	if (bad_name(name))
		return -EINVAL;
	return fchmodat(dirfd, name, mode & 07777, flags) < 0 ? -errno : 0;
}

int host_fs_fchmod(int fd, uint32_t mode)
{
	return fchmod(fd, mode & 07777) < 0 ? -errno : 0;
}

/* utimensat's pair: NULL is UTIME_OMIT. */
static void utime_pair(struct timespec t[2], const struct host_timespec *atime,
		       const struct host_timespec *mtime)
{
	t[0] = (struct timespec){ 0, UTIME_OMIT };
	t[1] = t[0];
	if (atime)
		t[0] = (struct timespec){ atime->sec, atime->nsec };
	if (mtime)
		t[1] = (struct timespec){ mtime->sec, mtime->nsec };
}

int host_fs_utimens(int dirfd, const char *name,
		    const struct host_timespec *atime,
		    const struct host_timespec *mtime)
{
	struct timespec t[2];

	if (bad_name(name))
		return -EINVAL;
	utime_pair(t, atime, mtime);
	if (utimensat(dirfd, name, t, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	return 0;
}

int host_fs_futimens(int fd, const struct host_timespec *atime,
		     const struct host_timespec *mtime)
{
	struct timespec t[2];

	utime_pair(t, atime, mtime);
	return futimens(fd, t) < 0 ? -errno : 0;
}

int host_fs_truncate(int fd, uint64_t size)
{
	return ftruncate(fd, size) < 0 ? -errno : 0;
}

int64_t host_fs_preadv(int fd, const struct host_iovec *iov, unsigned int n,
		       uint64_t off)
{
	ssize_t got;

	do
		got = preadv(fd, (const struct iovec *)iov, n, off);
	while (got < 0 && errno == EINTR);
	/* Short only at the end of the file: the rest stays as it was. */
	return got < 0 ? -errno : got;
}

int host_fs_pwritev(int fd, const struct host_iovec *iov, unsigned int n,
		    uint64_t off)
{
	size_t total = 0, done;
	unsigned int i;
	ssize_t put;

	for (i = 0; i < n; i++)
		total += iov[i].len;
	do
		put = pwritev(fd, (const struct iovec *)iov, n, off);
	while (put < 0 && errno == EINTR);
	if (put < 0)
		return -errno;
	/* A short write: the rest, one buffer at a time. */
	for (i = 0, done = put; done < total && i < n; i++) {
		if (done >= iov[i].len) {
			done -= iov[i].len;
			off += iov[i].len;
			continue;
		}
		put = host_pwrite_all(fd, (char *)iov[i].base + done,
				     iov[i].len - done, off + done);
		if (put < 0)
			return put;
		off += iov[i].len;
		done = 0;
	}
	return 0;
}

int host_fs_fsync(int fd, bool datasync)
{
	return (datasync ? fdatasync(fd) : fsync(fd)) < 0 ? -errno : 0;
}

int host_fs_syncfs(int fd)
{
	return syncfs(fd) < 0 ? -errno : 0;
}
