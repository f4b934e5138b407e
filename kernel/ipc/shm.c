// SPDX-License-Identifier: GPL-2.0-only
/*
 * System V shared memory.  A segment is a memory file, as on Linux: an
 * inode of a private file system whose pages are its page cache (the
 * pages tmpfs files have), opened once.  shmat maps that file shared;
 * each area mapping it counts as an attach (shm_vm_ops hears of fork,
 * splits and unmaps), and a removed segment lives until its last attach
 * goes.
 */
#include "util.h"
#include "tamu/ipc.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/panic.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/resource.h"
#include "uapi/shm.h"

struct shmid_kernel {
	struct kern_ipc_perm perm;
	struct file *file;	/* the segment's memory file */
	unsigned long nattch;	/* areas mapping it */
	size_t segsz;
	s64 atime, dtime, ctime;
	int cpid, lpid;
};

static struct ipc_ids shm_ids = IPC_IDS_INIT(shm_ids);
static unsigned long shm_tot;	/* pages of all segments */

static struct super_block shm_sb;
static struct vfsmount *shm_mnt;

static const struct inode_operations shm_iops = {
	.get_page = filemap_get_page,
};

/* Nothing reads or writes a segment but through its mappings. */
static const struct file_operations shm_fops;

static struct shmid_kernel *shm_of(struct kern_ipc_perm *p)
{
	return IS_ERR(p) ? ERR_CAST(p)
			 : container_of(p, struct shmid_kernel, perm);
}

static unsigned long shm_pages(size_t size)
{
	return (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/*
 * The memory file: named SYSV<key> outside any directory, so that
 * /proc/PID/maps shows "/SYSV0000abcd (deleted)" as Linux does.
 */
static struct file *shm_file_setup(s32 key, size_t size)
{
	struct inode *inode = new_inode(&shm_sb, S_IFREG | S_IRWXUGO);
	struct dentry *d;
	struct file *f;
	char name[16];

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_op = &shm_iops;
	inode->i_fop = &shm_fops;
	inode->size = size;
	scnprintf(name, sizeof(name), "SYSV%08x", (u32)key);
	d = d_alloc(shm_sb.root, name, strlen(name));
	if (!d) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d->inode = inode;
	f = open_inode(inode, O_RDWR, &shm_fops);
	if (IS_ERR(f)) {
		dput(d);
		return f;
	}
	f->path = (struct path){ mntget(shm_mnt), d };
	return f;
}

static int newseg(struct ipc_params *params)
{
	size_t size = params->u.size;
	unsigned long pages = shm_pages(size);
	struct shmid_kernel *shp;
	int err;

	if (size < SHMMIN || size > SHMMAX)
		return -EINVAL;
	if (pages << PAGE_SHIFT < size)
		return -ENOSPC;
	if (shm_tot + pages < shm_tot || shm_tot + pages > SHMALL)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	shp->perm.key = params->key;
	shp->perm.mode = params->flg & S_IRWXUGO;
	shp->file = shm_file_setup(params->key, size);
	if (IS_ERR(shp->file)) {
		err = PTR_ERR(shp->file);
		kfree(shp);
		return err;
	}
	shp->file->private_data = shp;
	shp->segsz = size;
	shp->cpid = ipc_pid();
	shp->ctime = ipc_now();
	err = ipc_addid(&shm_ids, &shp->perm, SHMMNI);
	if (err < 0) {
		fput(shp->file);
		kfree(shp);
		return err;
	}
	/* Linux's tools read the id as the inode number in maps. */
	shp->file->inode->ino = shp->perm.id;
	shm_tot += pages;
	return shp->perm.id;
}

static int shm_more_checks(struct kern_ipc_perm *p, struct ipc_params *params)
{
	return shm_of(p)->segsz < params->u.size ? -EINVAL : 0;
}

SYSCALL_DEFINE(shmget, s32 key, size_t size, int shmflg)
{
	static const struct ipc_ops ops = {
		.getnew = newseg,
		.more_checks = shm_more_checks,
	};
	struct ipc_params params = { .key = key, .flg = shmflg, .u.size = size };

	return ipcget(&shm_ids, &ops, &params);
}

static void shm_destroy(struct shmid_kernel *shp)
{
	shm_tot -= shm_pages(shp->segsz);
	ipc_rmid(&shm_ids, &shp->perm);
	/* The areas still being unmapped hold the file a moment longer. */
	fput(shp->file);
	kfree(shp);
}

static bool shm_may_destroy(struct shmid_kernel *shp)
{
	return !shp->nattch && (shp->perm.mode & SHM_DEST);
}

/* One more area maps the segment: shmat, fork, a split. */
static void shm_open(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma->file->private_data;

	shp->atime = ipc_now();
	shp->lpid = ipc_pid();
	shp->nattch++;
}

/* An area goes: shmdt, munmap, exit, exec. */
static void shm_close(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma->file->private_data;

	shp->lpid = ipc_pid();
	shp->dtime = ipc_now();
	shp->nattch--;
	if (shm_may_destroy(shp))
		shm_destroy(shp);
}

static const struct vm_operations_struct shm_vm_ops = {
	.open = shm_open,
	.close = shm_close,
};

/*
 * IPC_RMID: nobody finds the segment any more (its key becomes
 * IPC_PRIVATE), but it stays, id and all, while it is attached.
 */
static void do_shm_rmid(struct shmid_kernel *shp)
{
	if (!shp->nattch) {
		shm_destroy(shp);
		return;
	}
	shp->perm.mode |= SHM_DEST;
	shp->perm.key = IPC_PRIVATE;
}

static long shmctl_down(int shmid, int cmd, struct shmid64_ds *ds)
{
	struct shmid_kernel *shp = shm_of(ipcctl_obtain_check(&shm_ids, shmid));
	int err;

	if (IS_ERR(shp))
		return PTR_ERR(shp);
	if (cmd == IPC_RMID) {
		do_shm_rmid(shp);
		return 0;
	}
	err = ipc_update_perm(&ds->shm_perm, &shp->perm);
	if (!err)
		shp->ctime = ipc_now();
	return err;
}

static long shmctl_ipc_info(unsigned long buf)
{
	struct shminfo64 info = {
		.shmmax = SHMMAX,
		.shmmin = SHMMIN,
		.shmmni = SHMMNI,
		.shmseg = SHMMNI,
		.shmall = SHMALL,
	};

	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return ipc_get_maxidx(&shm_ids);
}

static long shmctl_shm_info(unsigned long buf)
{
	struct shm_info info = { .used_ids = shm_ids.in_use, .shm_tot = shm_tot };
	struct kern_ipc_perm *p;
	unsigned long idx;

	for (idx = 0; (p = ipc_next(&shm_ids, &idx)); idx++)
		info.shm_rss += shm_of(p)->file->inode->i_data.nrpages;
	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return ipc_get_maxidx(&shm_ids);
}

/* IPC_STAT, and SHM_STAT(_ANY), which name an index and return the id. */
static long shmctl_stat(int shmid, int cmd, unsigned long buf)
{
	struct shmid_kernel *shp;
	struct shmid64_ds ds;

	shp = shm_of(cmd == IPC_STAT ? ipc_obtain_object_check(&shm_ids, shmid)
				     : ipc_obtain_object_idr(&shm_ids, shmid));
	if (IS_ERR(shp))
		return PTR_ERR(shp);
	if (cmd != SHM_STAT_ANY && !ipcperms(&shp->perm, S_IRUGO))
		return -EACCES;
	memset(&ds, 0, sizeof(ds));
	kernel_to_ipc64_perm(&shp->perm, &ds.shm_perm);
	ds.shm_segsz = shp->segsz;
	ds.shm_atime = shp->atime;
	ds.shm_dtime = shp->dtime;
	ds.shm_ctime = shp->ctime;
	ds.shm_cpid = shp->cpid;
	ds.shm_lpid = shp->lpid;
	ds.shm_nattch = shp->nattch;
	if (copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return cmd == IPC_STAT ? 0 : shp->perm.id;
}

/*
 * SHM_LOCK and SHM_UNLOCK: tamu never pages memory out, so they only
 * keep the SHM_LOCKED bit, with Linux's permission checks.
 */
static long shmctl_do_lock(int shmid, int cmd)
{
	struct shmid_kernel *shp = shm_of(ipc_obtain_object_check(&shm_ids,
								  shmid));
	u32 euid = current->cred.euid;

	if (IS_ERR(shp))
		return PTR_ERR(shp);
	if (euid != 0) {
		if (euid != shp->perm.uid && euid != shp->perm.cuid)
			return -EPERM;
		if (cmd == SHM_LOCK &&
		    !current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur)
			return -EPERM;
	}
	if (cmd == SHM_LOCK)
		shp->perm.mode |= SHM_LOCKED;
	else
		shp->perm.mode &= ~SHM_LOCKED;
	return 0;
}

SYSCALL_DEFINE(shmctl, int shmid, int cmd, unsigned long buf)
{
	struct shmid64_ds ds;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
		return shmctl_ipc_info(buf);
	case SHM_INFO:
		return shmctl_shm_info(buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shmctl_stat(shmid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		return shmctl_down(shmid, cmd, &ds);
	case IPC_RMID:
		return shmctl_down(shmid, cmd, NULL);
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_do_lock(shmid, cmd);
	}
	return -EINVAL;
}

/*
 * Map the segment at addr (fixed) or where there is room.  Without
 * SHM_REMAP a fixed address must be free, as Linux checks.
 */
static long shm_map(struct shmid_kernel *shp, unsigned long addr, bool fixed,
		    int shmflg, unsigned long vm_flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long len = ALIGN(shp->segsz, PAGE_SIZE);
	struct vm_area_struct *vma;
	long err;

	if (!fixed) {
		err = get_unmapped_area(mm, len);
		if (err < 0)
			return err;
		addr = err;
	} else if (!(shmflg & SHM_REMAP)) {
		if (addr + shp->segsz < addr)
			return -EINVAL;
		vma = find_vma(mm, addr);
		if (vma && vma->start < addr + shp->segsz)
			return -EINVAL;
	}
	if (addr >= TASK_SIZE || len > TASK_SIZE - addr)
		return -ENOMEM;
	err = mmap_region(mm, addr, len, vm_flags, shp->file, 0);
	if (err)
		return err;
	/* A file's area merges with no other: this is the new one. */
	vma = find_vma(mm, addr);
	vma->vm_ops = &shm_vm_ops;
	shm_open(vma);
	return addr;
}

/* The address shmat asks for: 0 or SHMLBA-aligned, or -EINVAL. */
static long shmat_addr(unsigned long addr, int shmflg)
{
	if (!addr)
		return shmflg & SHM_REMAP ? -EINVAL : 0;
	if (!(addr & (SHMLBA - 1)))
		return addr;
	if (!(shmflg & SHM_RND))
		return -EINVAL;
	addr &= ~(unsigned long)(SHMLBA - 1);
	return !addr && (shmflg & SHM_REMAP) ? -EINVAL : (long)addr;
}

SYSCALL_DEFINE(shmat, int shmid, unsigned long shmaddr, int shmflg)
{
	/* Read-only, it may never be made writable, as on Linux. */
	unsigned long vm_flags = VM_SHARED | VM_READ | VM_MAYREAD | VM_MAYEXEC;
	int acc = S_IRUGO;
	struct shmid_kernel *shp;
	long addr, ret;

	if (shmid < 0)
		return -EINVAL;
	addr = shmat_addr(shmaddr, shmflg);
	if (addr < 0)
		return addr;
	if (!(shmflg & SHM_RDONLY)) {
		vm_flags |= VM_WRITE | VM_MAYWRITE;
		acc |= S_IWUGO;
	}
	if (shmflg & SHM_EXEC) {
		vm_flags |= VM_EXEC;
		acc |= S_IXUGO;
	}
	shp = shm_of(ipc_obtain_object_check(&shm_ids, shmid));
	if (IS_ERR(shp))
		return PTR_ERR(shp);
	if (!ipcperms(&shp->perm, acc))
		return -EACCES;
	/* Held while mapping: an IPC_RMID meanwhile must not free it. */
	shp->nattch++;
	ret = shm_map(shp, addr, shmaddr != 0, shmflg, vm_flags);
	shp->nattch--;
	if (shm_may_destroy(shp))
		shm_destroy(shp);
	return ret;
}

/* An area of a segment attached at addr (its offset counts back to it). */
static bool attached_at(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_ops == &shm_vm_ops && vma->start >= addr &&
	       (vma->start - addr) >> PAGE_SHIFT == vma->pgoff;
}

/*
 * The first area of the attach at addr; or with file, the next of that
 * file, as long as the areas on the way end within size of addr.
 */
static struct vm_area_struct *next_attached(struct mm_struct *mm,
					    unsigned long addr,
					    struct file *file, u64 size)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->vmas, list) {
		if (vma->end <= addr)
			continue;
		if (file && vma->end - addr > size)
			return NULL;
		if (attached_at(vma, addr) && (!file || vma->file == file))
			return vma;
	}
	return NULL;
}

/*
 * shmdt: unmap the attach at addr, and the pieces of it that mprotect or
 * munmap left, as Linux does: every area of the same segment whose
 * offset puts its start at addr, up to the segment's size from addr.
 */
SYSCALL_DEFINE(shmdt, unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct file *file;
	u64 size;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	vma = next_attached(mm, addr, NULL, 0);
	if (!vma)
		return -EINVAL;
	file = get_file(vma->file);
	size = ALIGN(file->inode->size, PAGE_SIZE);
	do {
		do_munmap(mm, vma->start, vma->end - vma->start);
	} while ((vma = next_attached(mm, addr, file, size)));
	fput(file);
	return 0;
}

void sysvipc_shm_show(struct seq_buf *m)
{
	struct kern_ipc_perm *p;
	unsigned long idx;

	seq_printf(m, "       key      shmid perms                  size  cpid"
		      "  lpid nattch   uid   gid  cuid  cgid      atime      dtime"
		      "      ctime                   rss                  swap\n");
	for (idx = 0; (p = ipc_next(&shm_ids, &idx)); idx++) {
		struct shmid_kernel *shp = shm_of(p);

		seq_printf(m, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u "
			      "%5u %10llu %10llu %10llu %21lu %21lu\n",
			   p->key, p->id, p->mode, (unsigned long)shp->segsz,
			   shp->cpid, shp->lpid, shp->nattch, p->uid, p->gid,
			   p->cuid, p->cgid, (unsigned long long)shp->atime,
			   (unsigned long long)shp->dtime,
			   (unsigned long long)shp->ctime,
			   shp->file->inode->i_data.nrpages * PAGE_SIZE, 0UL);
	}
}

void shm_init(void)
{
	struct inode *root;

	shm_sb.dev = new_anon_dev();
	INIT_LIST_HEAD(&shm_sb.s_dirty);
	root = new_inode(&shm_sb, S_IFDIR | 0500);
	shm_sb.root = root ? d_make_root(&shm_sb, root) : NULL;
	shm_mnt = shm_sb.root ? kern_mount(&shm_sb) : NULL;
	if (!shm_mnt)
		panic("shm_init: out of memory");
}
