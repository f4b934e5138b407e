// SPDX-License-Identifier: GPL-2.0-only
/*
 * memfd_create and file sealing, as Linux's mm/memfd.c: an anonymous
 * tmpfs file (in an instance nobody mounts) named "memfd:NAME", and the
 * seals that fix what may be done to it from then on: F_SEAL_SHRINK and
 * F_SEAL_GROW on its size, F_SEAL_WRITE and F_SEAL_FUTURE_WRITE on its
 * contents, F_SEAL_EXEC on its mode, F_SEAL_SEAL on the seals.  tmpfs
 * enforces them on write, truncate and fallocate; mmap asks here.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/memfd.h"
#include "tamu/mm.h"
#include "tamu/proc.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"

#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#define MFD_HUGETLB 0x0004U
#define MFD_NOEXEC_SEAL 0x0008U
#define MFD_EXEC 0x0010U
/* A huge page size may ride in the bits above, with MFD_HUGETLB only. */
#define MFD_HUGE_SHIFT 26
#define MFD_HUGE_MASK 0x3f
#define MFD_ALL_FLAGS (MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | \
		       MFD_NOEXEC_SEAL | MFD_EXEC)

#define MFD_NAME_PREFIX "memfd:"
#define MFD_NAME_MAX_LEN (255 - sizeof(MFD_NAME_PREFIX) + 1)

#define F_ALL_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | \
		     F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)

static int check_flags(unsigned int flags)
{
	if (!(flags & MFD_HUGETLB)) {
		if (flags & ~MFD_ALL_FLAGS)
			return -EINVAL;
	} else if (flags & ~(MFD_ALL_FLAGS |
			     (MFD_HUGE_MASK << MFD_HUGE_SHIFT))) {
		return -EINVAL;
	}
	if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
		return -EINVAL;
	/* No hugetlbfs here: what Linux answers without it configured. */
	if (flags & MFD_HUGETLB)
		return -ENOSYS;
	return 0;
}

/* "memfd:" and the guest's name, at most 249 bytes of it. */
static char *memfd_name(unsigned long uname)
{
	size_t plen = sizeof(MFD_NAME_PREFIX) - 1;
	char *name = kmalloc(plen + MFD_NAME_MAX_LEN + 1, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	memcpy(name, MFD_NAME_PREFIX, plen);
	len = strncpy_from_user(name + plen, uname, MFD_NAME_MAX_LEN + 1);
	if (len < 0 || len > (long)MFD_NAME_MAX_LEN) {
		kfree(name);
		return ERR_PTR(len == -EFAULT ? -EFAULT : -EINVAL);
	}
	return name;
}

SYSCALL_DEFINE(memfd_create, unsigned long uname, unsigned int flags)
{
	unsigned int *seals;
	struct file *f;
	char *name;
	u32 mode = 0777;
	int err = check_flags(flags), fd;

	if (err)
		return err;
	name = memfd_name(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	/* MFD_NOEXEC_SEAL: no execute bits, ever, and sealing allowed. */
	if (flags & MFD_NOEXEC_SEAL) {
		mode &= ~0111;
		flags |= MFD_ALLOW_SEALING;
	}
	f = shmem_file_setup(name, mode);
	kfree(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	seals = memfd_file_seals_ptr(f);
	if (flags & MFD_ALLOW_SEALING)
		*seals &= ~F_SEAL_SEAL;
	if (flags & MFD_NOEXEC_SEAL)
		*seals |= F_SEAL_EXEC;
	fd = fd_install(f, flags & MFD_CLOEXEC);
	fput(f);
	return fd;
}

/* Is the inode mapped shared and writable (or may be) anywhere? */
static bool mapped_writable(struct inode *inode)
{
	struct vm_area_struct *vma;
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		if (!t->mm || t != t->group_leader)
			continue;
		list_for_each_entry(vma, &t->mm->vmas, list)
			if (vma->file && vma->file->inode == inode &&
			    (vma->flags & VM_SHARED) &&
			    (vma->flags & VM_MAYWRITE))
				return true;
	}
	return false;
}

static long add_seals(struct file *f, unsigned int *seals, unsigned long arg)
{
	if (arg & ~F_ALL_SEALS)
		return -EINVAL;
	if (!(f->f_mode & FMODE_WRITE))
		return -EPERM;
	if (*seals & F_SEAL_SEAL)
		return -EPERM;
	if ((arg & F_SEAL_WRITE) && !(*seals & F_SEAL_WRITE) &&
	    mapped_writable(f->inode))
		return -EBUSY;
	/* An executable file sealed against chmod is sealed whole. */
	if ((arg & F_SEAL_EXEC) && (f->inode->mode & 0111))
		arg |= F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE |
		       F_SEAL_FUTURE_WRITE;
	*seals |= arg & F_ALL_SEALS;
	return 0;
}

long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	unsigned int *seals = memfd_file_seals_ptr(f);

	if (!seals)
		return -EINVAL;
	if (cmd == F_GET_SEALS)
		return *seals;
	return add_seals(f, seals, arg);
}

int memfd_check_seals_mmap(struct file *f, unsigned long *vm_flags)
{
	unsigned int *seals = memfd_file_seals_ptr(f);

	if (!seals || !(*seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) ||
	    !(*vm_flags & VM_SHARED))
		return 0;
	if (*vm_flags & VM_WRITE)
		return -EPERM;
	/* Nor may a read-only mapping of it become writable later. */
	*vm_flags &= ~VM_MAYWRITE;
	return 0;
}
