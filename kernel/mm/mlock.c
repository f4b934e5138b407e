// SPDX-License-Identifier: GPL-2.0-only
/*
 * mlock(2) and its kin.  tamu never pages guest memory out, so locking
 * only faults the range in and marks its areas (VmLck in /proc); the
 * checks, the limit (RLIMIT_MEMLOCK, waived for root as CAP_IPC_LOCK is)
 * and the errors are Linux's.
 */
#include "tamu/syscall.h"
#include "tamu/mm.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "uapi/mman.h"

unsigned long locked_pages(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mm->vmas, list)
		if (vma->flags & VM_LOCKED)
			n += (vma->end - vma->start) >> PAGE_SHIFT;
	return n;
}

/* Every page of [start, end) mapped?  -ENOMEM at the first hole. */
static int whole_range(struct mm_struct *mm, unsigned long start,
		       unsigned long end)
{
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); start < end; vma = find_vma(mm, start)) {
		if (!vma || vma->start > start)
			return -ENOMEM;
		start = vma->end;
	}
	return 0;
}

static int may_lock(unsigned long pages)
{
	u64 limit = current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur;

	if (!current->cred.euid)
		return 0;
	if (!limit)
		return -EPERM;
	if (limit != RLIM_INFINITY &&
	    pages + locked_pages(current->mm) > limit >> PAGE_SHIFT)
		return -ENOMEM;
	return 0;
}

/*
 * A new mapping that is to be locked (MAP_LOCKED, or mlockall's
 * MCL_FUTURE in def_flags): EPERM for MAP_LOCKED without the right to
 * lock, EAGAIN past the limit, as Linux's can_do_mlock and
 * mlock_future_ok.
 */
int mlock_future_check(struct mm_struct *mm, unsigned long vm,
		       unsigned long len)
{
	int err;

	if (!((vm | mm->def_flags) & VM_LOCKED))
		return 0;
	err = may_lock(len >> PAGE_SHIFT);
	if (err == -EPERM && (vm & VM_LOCKED))
		return -EPERM;
	return err ? -EAGAIN : 0;
}

/*
 * Fault a range in, area by area (PROT_NONE ones stay absent), for mlock
 * and MAP_POPULATE; a private writable area gets its own copies, as
 * Linux's write faults do.  Linux's EAGAIN when memory runs out, EINTR
 * once the task is being killed.
 */
int mm_populate(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long addr, stop;
	unsigned int access;
	int err;

	for (vma = find_vma(mm, start); vma && vma->start < end;
	     vma = find_vma(mm, stop)) {
		addr = max(start, vma->start);
		stop = min(end, vma->end);
		access = (vma->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE
				 ? FAULT_WRITE : FAULT_READ;
		if (!(vma->flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;
		for (; addr < stop; addr += PAGE_SIZE) {
			/* A killed task (the OOM killer's choice) stops here. */
			if (fatal_signal_pending(current))
				return -EINTR;
			err = handle_mm_fault(mm, addr, access);
			if (err == -ENOMEM)
				return -EAGAIN;
			/* Past the end of its file: so is the rest of the area
			 * (Linux's __mm_populate goes on with the next). */
			if (err == -EIO)
				break;
		}
		if (stop >= end)
			break;
	}
	return 0;
}

static long do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int err;

	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	err = may_lock(len >> PAGE_SHIFT);
	if (!err)
		err = whole_range(mm, start, end);
	if (!err)
		err = vma_set_flags(mm, start, end, flags, 0);
	if (!err && !(flags & VM_LOCKONFAULT))
		err = mm_populate(mm, start, end);
	return err;
}

SYSCALL_DEFINE(mlock, unsigned long start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

SYSCALL_DEFINE(mlock2, unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED |
			(flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

SYSCALL_DEFINE(munlock, unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int err;

	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	err = whole_range(mm, start, end);
	return err ?: vma_set_flags(mm, start, end, 0,
				    VM_LOCKED | VM_LOCKONFAULT);
}

SYSCALL_DEFINE(mlockall, int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long lock = VM_LOCKED, end = TASK_SIZE;
	int err;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (current->cred.euid &&
	    !current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur)
		return -EPERM;
	if (flags & MCL_ONFAULT)
		lock |= VM_LOCKONFAULT;
	mm->def_flags = flags & MCL_FUTURE ? lock : 0;
	if (!(flags & MCL_CURRENT))
		return 0;
	if (may_lock(mm->total_vm - locked_pages(mm)))
		return -ENOMEM;
	err = vma_set_flags(mm, 0, end, lock, 0);
	if (!err && !(flags & MCL_ONFAULT))
		err = mm_populate(mm, 0, end);
	return err;
}

SYSCALL_DEFINE(munlockall, void)
{
	current->mm->def_flags = 0;
	return vma_set_flags(current->mm, 0, TASK_SIZE, 0,
			     VM_LOCKED | VM_LOCKONFAULT);
}
