// SPDX-License-Identifier: GPL-2.0-only
/* brk, mmap, munmap, mprotect, mremap and msync. */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/memfd.h"
#include "tamu/mm.h"
#include "tamu/sched.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/mount.h"

static unsigned long prot_to_vm(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* A brk growth of up to this many pages is backed at once... */
#define BRK_FILL 32
/* ...and of a larger one, the first this many (malloc's arena header). */
#define BRK_FILL_START 8

SYSCALL_DEFINE(brk, unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old = ALIGN(mm->brk, PAGE_SIZE);
	unsigned long new = ALIGN(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk >= MMAP_BASE)
		return mm->brk;
	if (new > old) {
		struct vm_area_struct *vma = find_vma(mm, old), *heap;
		unsigned long fill;

		/* Growing must not run into another mapping. */
		if (vma && vma->start < new)
			return mm->brk;
		if (vm_enough_memory((new - old) >> PAGE_SHIFT, false))
			return mm->brk;
		if (mmap_region(mm, old, new - old, VM_READ | VM_WRITE, NULL,
				0))
			return mm->brk;
		/*
		 * The heap grows because it is about to be used: all of a
		 * small growth, the start of a large one (malloc's arena).
		 */
		heap = find_vma(mm, old);
		fill = new - old <= BRK_FILL * PAGE_SIZE ? BRK_FILL
							 : BRK_FILL_START;
		populate_anon(mm, heap, old, new, fill);
		map_resident_range(mm, heap, old,
				   min(new, old + BRK_FILL * PAGE_SIZE));
	} else if (new < old) {
		do_munmap(mm, new, old - new);
	}
	mm->brk = brk;
	return brk;
}

/*
 * Map len bytes of f (NULL: anonymous memory) at off, as Linux's do_mmap;
 * the reference to f is the caller's, put here.
 */
static long do_mmap(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags, struct file *f, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm = prot_to_vm(prot);
	unsigned long type = flags & MAP_TYPE;
	long at, err = -EINVAL;

	if (!len || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		goto out;
	if (type != MAP_PRIVATE && type != MAP_SHARED &&
	    type != MAP_SHARED_VALIDATE)
		goto out;
	len = ALIGN(len, PAGE_SIZE);
	err = -ENOMEM;
	if (!len || len > TASK_SIZE)
		goto out;
	if (type != MAP_PRIVATE)
		vm |= VM_SHARED;
	if (flags & MAP_GROWSDOWN)
		vm |= VM_GROWSDOWN;
	if (flags & MAP_LOCKED)
		vm |= VM_LOCKED;
	/*
	 * Linux's file_mmap_ok: the last byte mapped must be an offset a
	 * regular file can have, or EOVERFLOW (devices take any).
	 */
	err = -EOVERFLOW;
	if (f && S_ISREG(f->inode->mode) &&
	    (off > MAX_LFS_FILESIZE || len > MAX_LFS_FILESIZE - off))
		goto out;
	if (f) {
		err = -EACCES;
		if (!(f->f_mode & FMODE_READ) ||
		    ((vm & VM_SHARED) && (prot & PROT_WRITE) &&
		     !(f->f_mode & FMODE_WRITE)))
			goto out;
		/* /dev/zero: anonymous memory, shared or private (mmap_zero). */
		if (S_ISCHR(f->inode->mode) && f->inode->rdev == MKDEV(1, 5)) {
			fput(f);
			f = NULL;
		}
	}
	/*
	 * Shared anonymous memory is a file of the kernel's tmpfs, unlinked,
	 * as Linux's shmem_zero_setup: pages first touched after a fork are
	 * shared too, and the maps show "/dev/zero (deleted)".
	 */
	if (!f && (vm & VM_SHARED)) {
		f = shmem_zero_file(len);
		if (IS_ERR(f))
			return PTR_ERR(f);
		off = 0;
		vm |= VM_MAY_ALL;
	} else if (f) {
		err = -ENODEV;
		if (!S_ISREG(f->inode->mode) && !S_ISCHR(f->inode->mode))
			goto out;
		/* Shared file mappings need the file's page cache. */
		if ((vm & VM_SHARED) &&
		    !(f->inode->i_op && f->inode->i_op->get_page))
			goto out;
		vm |= VM_MAY_ALL;
		if ((vm & VM_SHARED) && !(f->f_mode & FMODE_WRITE))
			vm &= ~VM_MAYWRITE;
		if (f->path.mnt && (f->path.mnt->flags & MS_NOEXEC)) {
			err = -EPERM;
			if (prot & PROT_EXEC)
				goto out;
			vm &= ~VM_MAYEXEC;
		}
		err = memfd_check_seals_mmap(f, &vm);
		if (err)
			goto out;
	}

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		err = -EINVAL;
		if (addr & ~PAGE_MASK)
			goto out;
		err = -ENOMEM;
		if (addr >= TASK_SIZE || len > TASK_SIZE - addr)
			goto out;
		err = -EEXIST;
		if (flags & MAP_FIXED_NOREPLACE) {
			struct vm_area_struct *vma = find_vma(mm, addr);

			if (vma && vma->start < addr + len)
				goto out;
		}
		at = addr;
	} else {
		/* A hint that is free is taken as it is (not below the floor). */
		struct vm_area_struct *vma = NULL;

		if (addr && addr < MMAP_MIN_ADDR)
			addr = MMAP_MIN_ADDR;
		at = -ENOMEM;
		if (addr && !(addr & ~PAGE_MASK) && addr < TASK_SIZE &&
		    len <= TASK_SIZE - addr) {
			vma = find_vma(mm, addr);
			if (!vma || vma->start >= addr + len)
				at = addr;
		}
		if (at < 0)
			at = get_unmapped_area(mm, len);
		err = at;
		if (at < 0)
			goto out;
	}
	err = mlock_future_check(mm, vm, len);
	/*
	 * Private writable memory is committed (Linux's accountable_mapping),
	 * but with MAP_NORESERVE, which policy 2 ignores.
	 */
	if ((flags & MAP_NORESERVE) &&
	    sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm |= VM_NORESERVE;
	if (!err && (vm & (VM_WRITE | VM_SHARED | VM_NORESERVE)) == VM_WRITE)
		err = vm_enough_memory(len >> PAGE_SHIFT, false);
	if (!err)
		err = mmap_region(mm, at, len, vm, f, off >> PAGE_SHIFT);
	if (err)
		goto out;
	/* Linux's mm_populate after a locked or populating mmap: no errors. */
	if ((((vm | mm->def_flags) & (VM_LOCKED | VM_LOCKONFAULT)) ==
	     VM_LOCKED) ||
	    (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		mm_populate(mm, at, at + len);
	err = at;
out:
	if (f)
		fput(f);
	return err;
}

/* Linux's order: a misaligned offset, then the descriptor, then the rest. */
SYSCALL_DEFINE(mmap, unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, int fd, unsigned long off)
{
	struct file *f = NULL;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget(fd);
		if (!f)
			return -EBADF;
	}
	return do_mmap(addr, len, prot, flags, f, off);
}

/*
 * Deprecated since Linux 3.16, which emulates it as tamu does: the range
 * of one shared file mapping (or of contiguous ones of the same file) is
 * mapped again at pgoff with the same protection, populated.
 */
SYSCALL_DEFINE(remap_file_pages, unsigned long start, unsigned long size,
	      unsigned long prot, unsigned long pgoff, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *next, *n;
	unsigned long end;
	long ret;

	if (prot)
		return -EINVAL;
	start &= PAGE_MASK;
	size &= PAGE_MASK;
	end = start + size;
	if (end <= start || pgoff + (size >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->start > start || !(vma->flags & VM_SHARED) ||
	    !vma->file || vma->vm_ops)
		return -EINVAL;
	for (next = vma; next->end < end; next = n) {
		n = find_vma(mm, next->end);
		if (!n || n->start != next->end || n->file != vma->file ||
		    !(n->flags & VM_SHARED))
			return -EINVAL;
	}
	prot = (vma->flags & VM_READ ? PROT_READ : 0) |
	       (vma->flags & VM_WRITE ? PROT_WRITE : 0) |
	       (vma->flags & VM_EXEC ? PROT_EXEC : 0);
	flags = (flags & MAP_NONBLOCK) | MAP_SHARED | MAP_FIXED | MAP_POPULATE;
	if (vma->flags & VM_LOCKED)
		flags |= MAP_LOCKED;
	if (pgoff > (MAX_LFS_FILESIZE >> PAGE_SHIFT))
		return -EOVERFLOW;
	ret = do_mmap(start, size, prot, flags, get_file(vma->file),
		      pgoff << PAGE_SHIFT);
	return ret < 0 ? ret : 0;
}

SYSCALL_DEFINE(munmap, unsigned long addr, unsigned long len)
{
	return do_munmap(current->mm, addr, len);
}

/* Linux's do_mprotect_pkey; pkey -1 is plain mprotect. */
static long mprotect_pkey(unsigned long addr, unsigned long len,
			  unsigned long prot, int pkey)
{
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN |
		     PROT_GROWSUP))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	/* As Linux: a range that wraps or runs past user space is ENOMEM. */
	if (len > TASK_SIZE || addr > TASK_SIZE - ALIGN(len, PAGE_SIZE))
		return -ENOMEM;
	/* No key is ever allocated (pkey_alloc below). */
	if (pkey != -1)
		return -EINVAL;
	return do_mprotect(current->mm, addr, len, prot_to_vm(prot));
}

SYSCALL_DEFINE(mprotect, unsigned long addr, unsigned long len, unsigned long prot)
{
	return mprotect_pkey(addr, len, prot, -1);
}

/*
 * Memory protection keys, as Linux 6.18 answers on a CPU without them
 * (pkey_alloc EINVAL): tamu keeps PKRU to itself (protect=pkeys may use
 * the keys for the kernel's range), so there is no key to give.
 */
#define PKEY_DISABLE_ACCESS 0x1
#define PKEY_DISABLE_WRITE 0x2

SYSCALL_DEFINE(pkey_mprotect, unsigned long addr, unsigned long len,
	       unsigned long prot, int pkey)
{
	return mprotect_pkey(addr, len, prot, pkey);
}

SYSCALL_DEFINE(pkey_alloc, unsigned long flags, unsigned long init_val)
{
	if (flags || (init_val & ~(PKEY_DISABLE_ACCESS | PKEY_DISABLE_WRITE)))
		return -EINVAL;
	/* Linux with keys would say ENOSPC once they are all taken. */
	return -EINVAL;
}

SYSCALL_DEFINE(pkey_free, int pkey)
{
	return -EINVAL;
}

/*
 * mremap: shrinking unmaps the tail; growing extends in place when the
 * space above is free, or moves with MREMAP_MAYMOVE: anonymous pages are
 * moved, a shared file mapping is mapped again at its file offset.
 */
SYSCALL_DEFINE(mremap, unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long vm, pgoff;
	struct file *f;
	long at;
	int err;

	if ((addr & ~PAGE_MASK) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	old_len = ALIGN(old_len, PAGE_SIZE);
	new_len = ALIGN(new_len, PAGE_SIZE);
	if (!new_len || !old_len)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->start > addr || vma->end < addr + old_len)
		return -EFAULT;
	if (flags & MREMAP_FIXED)
		return -EINVAL;
	if (new_len <= old_len) {
		if (new_len < old_len)
			do_munmap(mm, addr + new_len, old_len - new_len);
		return addr;
	}
	vm = vma->flags;
	f = vma->file;
	pgoff = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
	if ((vm & (VM_WRITE | VM_SHARED | VM_NORESERVE)) == VM_WRITE &&
	    vm_enough_memory((new_len - old_len) >> PAGE_SHIFT, false))
		return -ENOMEM;
	/* An area with operations of its own (a SysV segment) stays. */
	if (vma->vm_ops)
		return -ENOMEM;
	if (vma->end == addr + old_len) {
		struct vm_area_struct *next = find_vma(mm, vma->end);

		if ((!next || next->start >= addr + new_len) &&
		    addr + new_len <= TASK_SIZE &&
		    !mmap_region(mm, addr + old_len, new_len - old_len, vm, f,
				 pgoff + (old_len >> PAGE_SHIFT)))
			return addr;
	}
	/*
	 * Moving: a private file mapping's pages are part page cache, part
	 * copies; tamu moves only anonymous pages, so such a mapping can
	 * grow in place but not move (ENOMEM, as when there is no room).
	 */
	if (!(flags & MREMAP_MAYMOVE) || (f && !(vm & VM_SHARED)))
		return -ENOMEM;
	at = get_unmapped_area(mm, new_len);
	if (at < 0)
		return at;
	/* A shared mapping's pages are the file's: mapped again, not moved. */
	if (vm & VM_SHARED) {
		err = mmap_region(mm, at, new_len, vm, f, pgoff);
		if (err)
			return err;
		do_munmap(mm, addr, old_len);
		return at;
	}
	err = mmap_region(mm, at, new_len, vm | VM_WRITE, NULL, 0);
	if (!err)
		err = move_pages(mm, addr, at, old_len);
	if (err) {
		do_munmap(mm, at, new_len);
		return err;
	}
	if (!(vm & VM_WRITE))
		do_mprotect(mm, at, new_len, vm & (VM_READ | VM_WRITE | VM_EXEC));
	do_munmap(mm, addr, old_len);
	return at;
}

/*
 * msync: MS_SYNC writes the files behind the shared mappings in the range
 * to their disks (their page cache is what the mappings map, so there is
 * nothing to copy first); MS_ASYNC has nothing to start.
 */
SYSCALL_DEFINE(msync, unsigned long addr, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = addr + ALIGN(len, PAGE_SIZE);
	struct vm_area_struct *vma;
	long err = 0;

	if ((addr & ~PAGE_MASK) || (flags & ~(MS_ASYNC | MS_INVALIDATE |
					      MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	if (end < addr)
		return -ENOMEM;
	for (vma = find_vma(mm, addr); addr < end; vma = find_vma(mm, addr)) {
		/* A hole in the range is ENOMEM, after the rest is done. */
		if (!vma || vma->start >= end) {
			err = -ENOMEM;
			break;
		}
		if (vma->start > addr)
			err = -ENOMEM;
		if ((flags & MS_SYNC) && vma->file &&
		    (vma->flags & VM_SHARED)) {
			long e = vfs_fsync(vma->file, true);

			if (e && e != -EINVAL && !err)
				err = e;
		}
		addr = vma->end;
	}
	return err;
}
