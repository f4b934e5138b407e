// SPDX-License-Identifier: GPL-2.0-only
/*
 * madvise(2), as Linux 6.1 answers it: the range is checked before
 * anything is done (aligned start, no wrap), each area in it gets the
 * advice, and a hole in the range is ENOMEM once the rest is done.  Advice
 * about paging that tamu has no use for (readahead, huge pages, KSM) is
 * accepted and changes nothing, as on a kernel that ignores the hint.
 */
#include "tamu/syscall.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/uio.h"

#define MADV_COLLAPSE 25
#define MADV_DONTNEED_LOCKED 24
#define MADV_SOFT_OFFLINE 101

static bool advice_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
	case MADV_REMOVE:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_COLLAPSE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
	case MADV_HWPOISON:
	case MADV_SOFT_OFFLINE:
		return true;
	}
	return false;
}

/* Fault every page of [start, end) in, as a read or a write would. */
static int populate(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long start, unsigned long end, bool write)
{
	unsigned long addr;
	int err;

	/* An area that does not allow the access: incompatible, EINVAL. */
	if (write && !(vma->flags & VM_WRITE))
		return -EINVAL;
	if (!(vma->flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EINVAL;
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		err = handle_mm_fault(mm, addr, write ? FAULT_WRITE : FAULT_READ);
		if (err == -ENOMEM)
			return -ENOMEM;
		if (err)
			return -EFAULT;	/* beyond its file: SIGBUS there */
	}
	return 0;
}

/* MADV_REMOVE: a hole punched in the shared file behind the range. */
static int remove(struct mm_struct *mm, struct vm_area_struct *vma,
		  unsigned long start, unsigned long end)
{
	struct file *f = vma->file;
	u64 off;

	if (!f || (vma->flags & VM_LOCKED))
		return -EINVAL;
	if (!(vma->flags & VM_SHARED) || !(vma->flags & VM_WRITE))
		return -EACCES;
	if (!f->f_op || !f->f_op->fallocate)
		return -EOPNOTSUPP;
	off = ((u64)vma->pgoff << PAGE_SHIFT) + (start - vma->start);
	zap_pages(mm, start, end - start);
	return f->f_op->fallocate(f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				  off, end - start);
}

/* The advice for the part [start, end) of one area. */
static int advise_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long start, unsigned long end, int advice)
{
	switch (advice) {
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
		return zap_pages(mm, start, end - start);
	case MADV_FREE:
		/* Freed now rather than at reclaim: reads see zeroes. */
		if (vma->file || (vma->flags & VM_SHARED))
			return -EINVAL;
		return zap_pages(mm, start, end - start);
	case MADV_REMOVE:
		return remove(mm, vma, start, end);
	case MADV_DONTFORK:
		return vma_set_flags(mm, start, end, VM_DONTCOPY, 0);
	case MADV_DOFORK:
		return vma_set_flags(mm, start, end, 0, VM_DONTCOPY);
	case MADV_WIPEONFORK:
		if (vma->file || (vma->flags & VM_SHARED))
			return -EINVAL;
		return vma_set_flags(mm, start, end, VM_WIPEONFORK, 0);
	case MADV_KEEPONFORK:
		return vma_set_flags(mm, start, end, 0, VM_WIPEONFORK);
	case MADV_DONTDUMP:
		return vma_set_flags(mm, start, end, VM_DONTDUMP, 0);
	case MADV_DODUMP:
		return vma_set_flags(mm, start, end, 0, VM_DONTDUMP);
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return populate(mm, vma, start, end,
				advice == MADV_POPULATE_WRITE);
	}
	return 0;
}

static long do_madvise(struct mm_struct *mm, unsigned long start,
		       size_t len_in, int advice)
{
	struct vm_area_struct *vma;
	unsigned long len, end, at, next;
	bool hole = false;
	int err;

	if ((start & ~PAGE_MASK) || !advice_valid(advice))
		return -EINVAL;
	len = ALIGN(len_in, PAGE_SIZE);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	/* Memory-failure injection is for the administrator. */
	if (advice == MADV_HWPOISON || advice == MADV_SOFT_OFFLINE)
		return current->cred.euid ? -EPERM : -EINVAL;
	for (at = start; at < end;) {
		vma = find_vma(mm, at);
		if (!vma || vma->start >= end) {
			hole = true;
			break;
		}
		if (vma->start > at) {
			hole = true;
			at = vma->start;
		}
		/* advise_vma may split the area: take its end first. */
		next = min(vma->end, end);
		err = advise_vma(mm, vma, at, next, advice);
		if (err)
			return err;
		at = next;
	}
	return hole ? -ENOMEM : 0;
}

SYSCALL_DEFINE(madvise, unsigned long start, size_t len_in, int advice)
{
	return do_madvise(current->mm, start, len_in, advice);
}

/* The advice one process may give about another's memory: hints only. */
static bool process_advice_valid(int advice)
{
	return advice == MADV_COLD || advice == MADV_PAGEOUT ||
	       advice == MADV_WILLNEED || advice == MADV_COLLAPSE;
}

/*
 * process_madvise: advice about the memory of the process a pidfd names,
 * hints only, for a caller who could read it (as ptrace) and has
 * CAP_SYS_NICE; about its own, any advice.  The
 * bytes advised, or the first error if none were.
 */
SYSCALL_DEFINE(process_madvise, int pidfd, unsigned long uvec,
	       unsigned long vlen, int advice, unsigned int flags)
{
	struct task_struct *t;
	struct iovec iov;
	unsigned long i;
	size_t done = 0;
	long err = 0;

	if (flags)
		return -EINVAL;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	for (i = 0; i < vlen; i++)
		if (copy_from_user(&iov, uvec + i * sizeof(iov), sizeof(iov)))
			return -EFAULT;
	t = pidfd_task(pidfd, NULL, &err);
	if (!t)
		return err;
	err = 0;
	if (!t->mm)
		return -ESRCH;
	/* About itself a process may say anything madvise takes (6.13). */
	if (t->mm != current->mm) {
		if (!process_advice_valid(advice))
			return -EINVAL;
		if (!may_access_mm(t) || !capable(CAP_SYS_NICE))
			return -EPERM;
	}
	for (i = 0; i < vlen; i++) {
		copy_from_user(&iov, uvec + i * sizeof(iov), sizeof(iov));
		err = do_madvise(t->mm, (unsigned long)iov.iov_base,
				 iov.iov_len, advice);
		if (err < 0)
			break;
		done += iov.iov_len;
	}
	return done ? (long)done : err;
}
