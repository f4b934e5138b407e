/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtual file system: inodes (files), dentries (names, in a tree that
 * caches the directory hierarchy), mounts, and open files.  File systems
 * fill in the operation tables.
 */
#ifndef _TAMU_FS_H
#define _TAMU_FS_H

#include "tamu/kernel.h"
#include "tamu/list.h"
#include "tamu/mutex.h"
#include "tamu/radix_tree.h"
#include "tamu/wait.h"
#include "uapi/stat.h"
#include "uapi/time.h"

struct inode;
struct dentry;
struct file;
struct super_block;
struct vfsmount;
struct poll_table;
struct pipe_inode_info;
struct page;
struct bio_batch;
struct bio_run;
struct path;
struct file_lock_context;
struct fsnotify_mark_connector;

typedef u32 dev_t;
#define MKDEV(ma, mi) (((ma) << 20) | (mi))
#define MAJOR(dev) ((dev) >> 20)
#define MINOR(dev) ((dev) & 0xfffff)

/* Where data moves to or from: guest memory or a kernel buffer. */
/*
 * Where data goes or comes from: one kernel buffer, one guest buffer, or
 * guest buffers one after another (readv, sendmsg...).
 */
struct iovec;
struct uio {
	unsigned long addr;	/* guest address, when !kbuf */
	char *kbuf;
	size_t len;		/* bytes still to move, in all segments */
	const struct iovec *iov;	/* the segments after this one, or NULL */
	unsigned long nr_segs;
	size_t seg_len;		/* bytes left in this one, with iov */
};

/* The most one read or write moves, as Linux's MAX_RW_COUNT. */
#define MAX_RW_COUNT (0x7fffffffUL & ~0xfffUL)

/* Move n bytes between the kernel and the uio, advancing it: 0 or -EFAULT. */
int uio_copy_out(struct uio *u, const void *src, size_t n);
int uio_copy_in(struct uio *u, void *dst, size_t n);
/*
 * The guest's vector of n iovecs at uvec as a uio, checked as Linux does
 * (at most UIO_MAXIOV, lengths that fit a ssize_t in sum); *iov is
 * allocated when the vector does not fit in fast[UIO_FASTIOV] (free it
 * when it is not fast, whatever the result).  The total length, or -errno.
 */
long import_iovec(unsigned long uvec, unsigned long n, struct iovec *fast,
		  struct iovec **iov, struct uio *u);

struct dir_context {
	/* Returns false when the buffer is full. */
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len,
		     u64 ino, unsigned int type);
	u64 pos;
};

struct seq_buf;

struct file_operations {
	int (*open)(struct inode *inode, struct file *f);
	void (*release)(struct file *f);
	ssize_t (*read)(struct file *f, struct uio *u, u64 *pos);
	ssize_t (*write)(struct file *f, struct uio *u, u64 *pos);
	s64 (*llseek)(struct file *f, s64 offset, int whence);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/* fallocate(2): mode FALLOC_FL_*; -EOPNOTSUPP where not offered. */
	long (*fallocate)(struct file *f, int mode, u64 offset, u64 len);
	/* Write the file's data (and metadata unless datasync) to disk. */
	int (*fsync)(struct file *f, bool datasync);
	/* Readiness (POLLIN...), registering on p's wait queues if p. */
	unsigned int (*poll)(struct file *f, struct poll_table *p);
	/* What /proc/PID/fdinfo/N adds for this kind of file. */
	void (*show_fdinfo)(struct seq_buf *m, struct file *f);
};

struct iattr {
	unsigned int valid;	/* ATTR_* */
	u32 mode, uid, gid;
	u64 size;
	struct timespec atime, mtime;
};

#define ATTR_MODE 0x1
#define ATTR_UID 0x2
#define ATTR_GID 0x4
#define ATTR_SIZE 0x8
#define ATTR_ATIME 0x10
#define ATTR_MTIME 0x20

/* Apply attr's mode, owner and times to inode (a setattr's common part). */
void setattr_copy(struct inode *inode, const struct iattr *attr);

struct inode_operations {
	/* Find name in dir for a dentry not in the cache; -ENOENT if none. */
	int (*lookup)(struct inode *dir, struct dentry *d);
	int (*create)(struct inode *dir, struct dentry *d, u32 mode);
	/* A new file with no name in dir (O_TMPFILE), or an ERR_PTR. */
	struct inode *(*tmpfile)(struct inode *dir, u32 mode);
	int (*mkdir)(struct inode *dir, struct dentry *d, u32 mode);
	int (*mknod)(struct inode *dir, struct dentry *d, u32 mode, dev_t dev);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	/* flags: RENAME_NOREPLACE (checked already), RENAME_EXCHANGE. */
	int (*rename)(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new,
		      unsigned int flags);
	/* A cached dentry still valid?  (procfs: the process may be gone.) */
	bool (*revalidate)(struct dentry *d);
	/*
	 * Bring the inode's attributes up to date before stat shows them,
	 * for files that change behind the kernel's back (hostfs).
	 */
	int (*getattr)(struct dentry *d);
	/* The symlink's target, NUL-terminated, valid while d is held. */
	const char *(*get_link)(struct dentry *d);
	/*
	 * A link to an object rather than a name (procfs's fd/N, exe, cwd,
	 * root): path walk goes to the object itself, referenced in out.
	 */
	int (*get_link_path)(struct dentry *d, struct path *out);
	int (*setattr)(struct dentry *d, struct iattr *attr);
	/*
	 * The page cache: the frame holding page 'index' of the file, with a
	 * reference for the caller, or NULL (a hole, unless create).
	 */
	struct page *(*get_page)(struct inode *inode, unsigned long index,
				 bool create);
	/*
	 * Extended attributes by full name ("user.x"), once fs/xattr.c has
	 * checked the name and the caller's right to it.  getxattr: the
	 * value's size, copied to buf unless size is 0 (-ERANGE if it does
	 * not fit), or -ENODATA.  setxattr: value NULL removes; flags are
	 * XATTR_CREATE, XATTR_REPLACE.  listxattr: the names the caller may
	 * see, each NUL-terminated, or only their size if size is 0.  No
	 * operations: -EOPNOTSUPP, and an empty list.
	 */
	ssize_t (*getxattr)(struct inode *inode, const char *name, void *buf,
			    size_t size);
	int (*setxattr)(struct inode *inode, const char *name,
			const void *value, size_t size, int flags);
	ssize_t (*listxattr)(struct inode *inode, char *buf, size_t size);
	/*
	 * A stacking file system's regular file (overlayfs, as Linux's old
	 * d_op->d_real): the dentry of the file an open with open_flags
	 * reaches, copied up first if the open may write, referenced; or an
	 * ERR_PTR.  The open file then has the real file's inode and
	 * operations, and f_real holds the real dentry.
	 */
	struct dentry *(*d_real)(struct dentry *d, unsigned int open_flags);
};

/*
 * The page cache of a file system whose files live elsewhere (a disk, the
 * host): how pages are read and written back.
 */
struct address_space_operations {
	/*
	 * Start reading n (zeroed) pages of consecutive indexes, whose
	 * index is set, through run; the caller waits for its batch.
	 */
	int (*readpages)(struct inode *inode, struct page **pages,
			 unsigned int n, struct bio_run *run);
	/* Start writing the page back through run; 0 or -errno. */
	int (*writepage)(struct inode *inode, struct page *page,
			 struct bio_run *run);
	/* Before data is copied into [pos, pos+len): make room (blocks). */
	int (*prepare_write)(struct inode *inode, u64 pos, size_t len);
	/* After a batch of writepage calls was waited for. */
	int (*sync)(struct inode *inode);
};

/* A file's pages in memory, by index. */
struct address_space {
	struct radix_tree pages;
	unsigned long nrpages;
	unsigned long nrdirty;
	unsigned long ra_next;	/* where a sequential reader reads next */
	unsigned int ra_pages;	/* how far it reads ahead */
	/* NULL: the pages are the file (tmpfs) and are never reclaimed. */
	const struct address_space_operations *a_ops;
	struct inode *host;
};

struct inode {
	u64 ino;
	u32 mode;
	u32 uid, gid;
	u32 nlink;
	u64 size;
	dev_t rdev;
	u64 blocks;		/* 512-byte units, for stat */
	struct timespec atime, mtime, ctime;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *sb;
	int refcount;
	/*
	 * Writers while positive, programs running it while negative
	 * (Linux's i_writecount): a running program cannot be written,
	 * nor a file open for writing run (ETXTBSY).
	 */
	int i_writecount;
	void *private;		/* the file system's */
	struct pipe_inode_info *pipe;	/* a FIFO's, while open */
	/* Its file locks (fs/locks.c); NULL while it has none. */
	struct file_lock_context *i_flctx;
	/* Its inotify watches (fs/notify/); NULL while nobody watches. */
	struct fsnotify_mark_connector *i_fsnotify_marks;
	struct address_space i_data;
	/* A directory's: held by whoever looks up or changes its names. */
	struct mutex i_mutex;
	unsigned int i_state;	/* I_DIRTY */
	struct hlist_node i_hash;	/* in the inode hash, by (sb, ino) */
	struct list_head i_dirty;	/* on its super block's dirty list */
};

#define I_DIRTY 0x1
#define I_NEW 0x2
#define I_LINKABLE 0x4	/* an O_TMPFILE file linkat may name */
#define I_FREEING 0x8	/* its last reference is gone: being evicted */

struct dentry {
	char *name;
	size_t name_len;
	u32 name_hash;
	struct dentry *parent;		/* itself at a file system's root */
	struct inode *inode;		/* NULL until instantiated */
	struct hlist_node d_hash;	/* in the dentry hash, by (parent, name) */
	/*
	 * Children in the order they came, each with an offset that stays
	 * its own (readdir positions of tmpfs: deleting one moves no other).
	 */
	struct list_head children;
	struct list_head sibling;	/* in parent->children */
	u64 d_offset;			/* its position among its siblings */
	u64 d_next_offset;		/* the next child's */
	int refcount;
	bool unhashed;			/* removed from its directory */
	int mounted;			/* mounts on top of it */
	struct super_block *sb;
	struct list_head d_lru;		/* on the prunable list, oldest first */
};

struct statfs;

/*
 * Call one(arg, key, value) for each option of "key=value,flag,...", value
 * NULL for a flag; stops at the first error, which it returns.
 */
int parse_mount_options(const char *options,
			int (*one)(void *arg, char *key, char *val), void *arg);

struct seq_buf;

struct super_operations {
	/* Free the file system's data of an inode nobody uses any more. */
	void (*evict_inode)(struct inode *inode);
	int (*statfs)(struct super_block *sb, struct statfs *st);
	/* Write a dirty inode into the file system's metadata. */
	int (*write_inode)(struct inode *inode);
	/* Write everything back (sync, unmount); 0 or -errno. */
	int (*sync_fs)(struct super_block *sb);
	/* May a read-only file system become writable?  0 or -errno. */
	int (*remount_rw)(struct super_block *sb);
	/* mount -o remount,OPTIONS: take the new options.  0 or -errno. */
	int (*remount_fs)(struct super_block *sb, const char *options);
	/* Its options for /proc/mounts, each with a leading comma. */
	void (*show_options)(struct seq_buf *m, struct super_block *sb);
	/*
	 * The last mount went and every dentry and inode of sb is gone:
	 * write back and free what the file system holds (its fs_info).
	 */
	void (*put_super)(struct super_block *sb);
};

struct super_block {
	const struct file_system_type *type;
	const struct super_operations *s_op;
	struct dentry *root;
	dev_t dev;
	struct block_device *bdev;	/* a disk file system's */
	u64 next_ino;
	unsigned long magic;
	unsigned long s_flags;		/* MS_RDONLY */
	unsigned long s_mem_pages;	/* file pages a memory fs holds */
	unsigned long s_max_pages;	/* and may hold (size=), 0: any */
	/* Its files live elsewhere: unused dentries and inodes may go. */
	bool s_prunable;
	void *fs_info;
	struct list_head s_dirty;	/* inodes to write back */
	struct list_head s_list;	/* in the list of all super blocks */
	/*
	 * Mounts showing it (kern_mount's too); at 0 it shuts down, unless
	 * its type has one instance (mount_single) that lives on.
	 */
	int s_active;
	/* Holders of the struct itself (sync walking the list, and the
	 * mounts as one): the last frees it. */
	int s_count;
	bool s_dying;			/* shutting down: sync skips it */
	bool s_leaked;			/* still used after it shut down */
	bool s_anon_dev;		/* dev is new_anon_dev()'s, to give back */
	/* Held by whoever syncs it and while it shuts down. */
	struct mutex s_umount;
	/* Its dentries and inodes in memory: 0 before it may be freed. */
	unsigned long s_nr_dentries, s_nr_inodes;
};

#define FS_REQUIRES_DEV 0x1	/* mounts a block device */

struct file_system_type {
	const char *name;
	unsigned int fs_flags;
	/* Make a super block for a new mount; -errno on failure. */
	int (*mount)(struct super_block *sb, const char *source,
		     const char *options);
	/*
	 * Or, for a file system with one instance (devtmpfs, devpts): the
	 * super block every mount shares, options applied, or an ERR_PTR.
	 */
	struct super_block *(*mount_single)(const char *options);
	struct list_head list;
};

/*
 * A mount: a file system's tree (or a part of it, bound) shown at a
 * place.  Counted as Linux counts its mounts: one reference while it is
 * in the tree (or kern_mount's, forever), one for each struct path that
 * names it (open files, working directories and roots, path walks, bound
 * unix sockets...).  Detached by umount, it is freed when the count
 * reaches 0, and its super block with its last mount.
 */
struct vfsmount {
	struct dentry *root;
	struct dentry *mountpoint;	/* in parent; NULL once detached */
	struct vfsmount *parent;	/* itself for the root and detached */
	struct super_block *sb;
	const char *source;
	unsigned long flags;
	int id;				/* for /proc/PID/mountinfo */
	int mnt_count;
	bool internal;			/* kern_mount's: never freed */
	bool expiry_mark;		/* umount MNT_EXPIRE asked once */
	bool umounting;			/* being detached with its subtree */
	/*
	 * Made by fsmount or open_tree(OPEN_TREE_CLONE) and not yet
	 * attached: move_mount may put it in the tree (Linux's anonymous
	 * mount namespace), and closing its last file frees it.
	 */
	bool anon_ns;
	/* MS_SHARED, MS_SLAVE, MS_UNBINDABLE or 0 (private): see mount.c. */
	unsigned int propagation;
	/* All mounts in the tree, in mount order; once detached, on the
	 * list of those waiting to be freed. */
	struct list_head list;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* file->f_mode */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
/* Opened by alloc_file (not a failed open): its close is reported. */
#define FMODE_OPENED 0x80000
/* Holds its inode's write access (i_writecount) until released. */
#define FMODE_WRITER 0x100000

/* The largest offset in a file, as Linux's on 64 bits. */
#define MAX_LFS_FILESIZE 0x7fffffffffffffffUL

struct file {
	const struct file_operations *f_op;
	struct path path;
	struct inode *inode;
	unsigned int f_flags;	/* O_* as opened, less the creation ones */
	unsigned int f_mode;
	u64 f_pos;
	int refcount;
	void *private_data;
	const char *anon_name;	/* a nameless file's, for /proc/PID/fd */
	struct list_head f_ep_links;	/* epoll items watching this file */
	struct file *f_next_put;	/* in a task's fput_pending */
	/* The real file's dentry under an overlay's (d_real), referenced. */
	struct dentry *f_real;
};

/* The dentry of the file's data: the real one under an overlay's name. */
static inline struct dentry *file_dentry(const struct file *f)
{
	return f->f_real ? f->f_real : f->path.dentry;
}

/*
 * The inode its name shows, whose attributes stat and chmod see: the
 * overlay's for a file opened through one, else the file's own.
 */
static inline struct inode *file_user_inode(const struct file *f)
{
	return f->f_real ? f->path.dentry->inode : f->inode;
}

/* Devices, FIFOs and sockets: their writers do not count as Linux's. */
static inline bool special_file(u32 mode)
{
	return S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) ||
	       S_ISSOCK(mode);
}

/* One more writer, unless the file runs as a program. */
static inline int get_write_access(struct inode *inode)
{
	if (inode->i_writecount < 0)
		return -ETXTBSY;
	inode->i_writecount++;
	return 0;
}

static inline void put_write_access(struct inode *inode)
{
	inode->i_writecount--;
}

/* One more program running it, unless someone has it open to write. */
static inline int deny_write_access(struct file *f)
{
	struct inode *inode = file_user_inode(f);

	if (inode->i_writecount > 0)
		return -ETXTBSY;
	inode->i_writecount--;
	return 0;
}

static inline void allow_write_access(struct file *f)
{
	if (f)
		file_user_inode(f)->i_writecount++;
}

/* A hash of a name, as the dentry cache keys its names. */
u32 full_name_hash(const char *name, size_t len);

/* Reference counting. */
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
void path_get(const struct path *p);
void path_put(const struct path *p);
/* Mount references (path_get and path_put take and drop one too). */
struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
/*
 * Free the detached mounts whose last reference went (and shut their
 * file systems down): on the way back to guest code and at exit, where
 * nothing of the caller's still points into them.  May sleep.
 */
void run_delayed_mntput(void);
static inline struct file *get_file(struct file *f)
{
	f->refcount++;
	return f;
}
void fput(struct file *f);

/* A program's file, denied to writers while it runs (exec, mm), let go. */
static inline void put_exec_file(struct file *f)
{
	if (!f)
		return;
	allow_write_access(f);
	fput(f);
}

/* Inodes and dentries for file systems. */
struct inode *new_inode(struct super_block *sb, u32 mode);
/*
 * The in-memory inode ino of sb, referenced: an existing one, or a new
 * one with I_NEW set for the file system to fill (then unlock_new_inode).
 */
struct inode *iget_locked(struct super_block *sb, u64 ino);
void unlock_new_inode(struct inode *inode);
/* Nobody finds inode by its number any more (it is another file now). */
void remove_inode_hash(struct inode *inode);
/* The inode changed: write it back with the file system's write_inode. */
void mark_inode_dirty(struct inode *inode);
/* Write the inode into its file system now if it is dirty (fsync). */
int write_inode_now(struct inode *inode);
/* Write sb's dirty inodes; 0 or the first error. */
int write_dirty_inodes(struct super_block *sb);
/* One file system to its disk (syncfs, unmount, remount read-only). */
int sync_filesystem(struct super_block *sb);
/* Every mounted file system to disk (sync(2), reboot); 0 or -EIO. */
int sync_filesystems(void);
int vfs_fsync(struct file *f, bool datasync);
/* fsync of files whose data is all in memory. */
int noop_fsync(struct file *f, bool datasync);
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
struct dentry *d_make_root(struct super_block *sb, struct inode *inode);
/* Give d its inode and link it into its parent's children. */
void d_instantiate(struct dentry *d, struct inode *inode);
/* d is gone from its directory. */
void d_delete(struct dentry *d);
/* The cached child of parent named name, referenced, or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
void d_move(struct dentry *d, struct dentry *new_parent, const char *name,
	    size_t len);
/*
 * Free up to 'want' unused dentries (and their inodes) of file systems
 * whose files live elsewhere, when memory runs short; how many went.
 */
unsigned long prune_dcache(unsigned long want);
/* Drop all of sb's dentries (and so its inodes): it shuts down. */
void shrink_dcache_sb(struct super_block *sb);
/*
 * Drop d, held by the caller (who lets go of it here), and what of its
 * subtree only the tree holds, leaves first: names that went away (a
 * dead process's /proc/PID).  What is in use stays until it is let go.
 */
void d_prune_tree(struct dentry *d);
/* Call fn on each live super block of type: fn must not sleep. */
void iterate_supers_type(const struct file_system_type *type,
			 void (*fn)(struct super_block *sb, void *arg),
			 void *arg);
/* Swap two names in the tree (rename with RENAME_EXCHANGE). */
void d_exchange(struct dentry *a, struct dentry *b);
struct timespec current_time(void);
unsigned long files_allocated(void);

/* File systems and mounts. */
void register_filesystem(struct file_system_type *fs);
/* A mount of sb seen nowhere in the tree, for the kernel's own files. */
struct vfsmount *kern_mount(struct super_block *sb);
/* A super block of type fs, with its device number, for fs to fill. */
struct super_block *new_super(struct file_system_type *fs);
/* Every registered type, in the order they were registered. */
extern struct list_head file_systems;
int do_mount(const char *source, const struct path *at, const char *type,
	     unsigned long flags, const char *options);
/* umount2(2)'s work on a path looked up (its references are dropped). */
int path_umount(struct path *p, int flags);
/* Mount the root file system (tmpfs) at boot. */
int mount_root(const char *type);
/* Fill the root from a newc cpio archive; what names it in messages. */
int unpack_initramfs(const char *buf, size_t len, const char *what);
/*
 * hostfs=: the host directory hostfs mounts show (it or below it);
 * 0, or -ENOENT, -ENOTDIR...
 */
int hostfs_export(const char *path);
/* No more hostfs mounts (the ones made stay): rootfs='s lower layer. */
void hostfs_unexport(void);
/* The file system root the first mount made. */
extern struct path root_path;
extern struct list_head mount_list;
/* A device number for a file system without a disk; 0 if none is free. */
dev_t new_anon_dev(void);
void free_anon_dev(dev_t dev);

/* Opening and basic I/O. */
struct file *alloc_file(const struct path *p, unsigned int flags);
/* Open an existing inode as a file (pipes, sockets). */
/*
 * A file of the one anonymous inode (eventfd, epoll...) with fops and
 * priv; O_NONBLOCK and the access mode are taken from flags.  On failure
 * priv is still the caller's; once the file exists, its release frees it.
 */
struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, int flags);
void anon_inode_init(void);
void eventpoll_init(void);
/* The file's last reference goes: epoll instances stop watching it. */
void eventpoll_release(struct file *f);
/*
 * An open flag of the kernel's (Linux's value): execve opens the program
 * needing only execute permission.  Never taken from a guest's flags.
 */
#define __FMODE_EXEC 040

/* The cache of struct file ("filp" in /proc/slabinfo). */
void files_init(void);
struct file *open_inode(struct inode *inode, unsigned int flags,
			const struct file_operations *fops);
ssize_t vfs_read(struct file *f, struct uio *u, u64 *pos);
ssize_t vfs_write(struct file *f, struct uio *u, u64 *pos);
ssize_t kernel_read(struct file *f, void *buf, size_t n, u64 pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, u64 pos);
s64 generic_llseek(struct file *f, s64 offset, int whence);
s64 generic_llseek_size(struct file *f, s64 offset, int whence, s64 maxsize,
			s64 eof);
int vfs_getattr(const struct path *p, struct stat *st);
int vfs_truncate(struct dentry *d, u64 size);

/* Permission to use an inode; 0 or -EACCES. */
#define MAY_EXEC 0x1
#define MAY_WRITE 0x2
#define MAY_READ 0x4
int inode_permission(struct inode *inode, int mask);
int vfs_create(const struct path *dir, struct dentry *d, u32 mode);
/* open(2) for the kernel: a referenced file or an ERR_PTR. */
struct file *file_open(int dfd, const char *name, int flags, u32 mode);
struct file *file_open_lookup(int dfd, const char *name, int flags, u32 mode,
			      unsigned int lookup);

/*
 * tmpfs for file systems the kernel fills (devtmpfs, devpts).  Fill sb
 * with a root directory of root_mode; a fixed one takes no new names but
 * the kernel's.
 */
int tmpfs_fill_super(struct super_block *sb, unsigned long magic,
		     u32 root_mode, bool fixed);
/*
 * Add name to the tmpfs directory dir: a device node, a directory
 * (S_IFDIR) or a symlink to target (S_IFLNK), owned by root.  Returns its
 * inode, valid while the name lasts, or ERR_PTR(-EEXIST) and the like.
 */
struct inode *tmpfs_add(struct dentry *dir, const char *name, u32 mode,
			dev_t dev, const char *target);
/* Remove name (a file or an empty directory) from dir. */
int tmpfs_remove(struct dentry *dir, const char *name);
/*
 * tmpfs's directory reading, for any file system whose names all stay
 * in the dentry tree (mqueue).
 */
extern const struct file_operations tmpfs_dir_fops;

/* Character devices by number. */
int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops);
/* A name in /proc/devices for a major, without operations of its own. */
int register_chrdev_region(unsigned int major, const char *name);
/* /proc/devices: the character and block majors registered, by name. */
struct seq_buf;
void devices_show(struct seq_buf *m);
void init_special_inode(struct inode *inode, u32 mode, dev_t dev);

/* The page cache (mm/filemap.c). */
ssize_t generic_file_read(struct file *f, struct uio *u, u64 *pos);
ssize_t generic_file_write(struct file *f, struct uio *u, u64 *pos);
/* RLIMIT_FSIZE: how much a write at pos may write, or -EFBIG. */
ssize_t write_limit(u64 pos, size_t count);
int inode_newsize_ok(const struct inode *inode, u64 size);
/* The get_page inode operation of page-cached files. */
struct page *filemap_get_page(struct inode *inode, unsigned long index,
			      bool create);
/* A shared mapping may write the page from now on. */
void filemap_page_mkwrite(struct page *page);
/* A page the kernel changed: write it back later. */
void set_page_dirty(struct page *page);
/* Write the file's dirty pages back and wait; 0 or -errno. */
int filemap_write_and_wait(struct inode *inode);
/* Page index of a memory file (tmpfs), made if missing: referenced. */
struct page *shmem_page(struct inode *inode, unsigned long index);
/* Zero bytes [start, end) of a memory file, dropping whole pages. */
void shmem_punch(struct inode *inode, u64 start, u64 end);
/*
 * Pages first..last of a tmpfs file, made where missing; on failure
 * (-ENOSPC) the ones this call made are freed again.
 */
int shmem_fallocate(struct inode *inode, unsigned long first,
		    unsigned long last);
/* Drop the pages past size (zeroing the tail of the last one). */
void truncate_inode_pages(struct inode *inode, u64 size);
/* Page cache pages, and the dirty ones, for /proc/meminfo. */
void page_cache_stats(unsigned long *pages, unsigned long *dirty);
void filemap_init(void);

/* The page of guest data for addr in a file-backed area (mm/filemap.c). */
struct vm_area_struct;
long vma_fill_page(struct vm_area_struct *vma, unsigned long addr, void *page);

void vfs_init(void);
void sysfs_init(void);
/* Parts of vfs_init, one per subsystem. */
void dcache_init(void);
void tmpfs_init(void);
/* An unlinked tmpfs file named name, open read-write (memfd_create). */
struct file *shmem_file_setup(const char *name, u32 mode);
struct file *shmem_zero_file(unsigned long len);
struct super_block *super_by_dev(dev_t dev);
/* A memfd's (any tmpfs file's) F_SEAL_* set, or NULL for other files. */
unsigned int *memfd_file_seals_ptr(struct file *f);
void ext2_init(void);
void hostfs_init(void);
void ovl_init(void);
void pipe_init(void);
/* Is the inode a pipe's (made by pipe(2), not a FIFO on a file system)? */
bool is_pipe_inode(const struct inode *inode);
/*
 * For splice: the pipe (or open FIFO) a file is, or NULL; the bytes in it
 * and the room; copying out without taking (to u, or to buf if !u),
 * filling, taking; waiting for data or room.
 */
struct pipe_inode_info *get_pipe_info(struct file *f);
size_t pipe_data(struct pipe_inode_info *p);
size_t pipe_room(struct pipe_inode_info *p);
ssize_t pipe_peek(struct pipe_inode_info *p, size_t skip, struct uio *u,
		  void *buf, size_t n);
ssize_t pipe_fill(struct pipe_inode_info *p, struct uio *u, const void *buf,
		  size_t n);
void pipe_consume(struct pipe_inode_info *p, size_t n);
long pipe_wait_data(struct pipe_inode_info *p, bool nonblock);
long pipe_wait_room(struct pipe_inode_info *p, bool nonblock);
/* fcntl F_GETPIPE_SZ and F_SETPIPE_SZ: -EBADF if f is no pipe or FIFO. */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
/* /proc/sys/fs/pipe-max-size, and setting it: -EINVAL past 2 GiB. */
extern unsigned int pipe_max_size;
int pipe_set_max_size(unsigned long long size);
void proc_init(void);
/* A task is gone: drop its names from every mounted /proc. */
void proc_flush_pid(int tgid, int pid);
void mem_devices_init(void);

#endif
