// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host mappings of a guest address space.  Changes are queued in the stub
 * data page, neighbours merged, and made in one stub round trip just
 * before the process runs guest code again.
 */
#include "skas.h"
#include "tamu/panic.h"
#include "uapi/mman.h"
#include "uapi/unistd.h"

static struct stub_op *last_op(struct arch_mm *am)
{
	return am->data->nr_ops ? &am->data->ops[am->data->nr_ops - 1] : NULL;
}

static void queue(struct arch_mm *am, u64 nr, u64 a0, u64 a1, u64 a2,
		  u64 a3, u64 a4, u64 a5)
{
	struct stub_op *op;
	int err;

	if (am->data->nr_ops == STUB_MAX_OPS) {
		err = skas_flush(am);
		if (err)
			panic("skas: host mapping update failed in process "
			      "%d: %d",
			      am->pid, err);
	}
	op = &am->data->ops[am->data->nr_ops++];
	*op = (struct stub_op){ nr, { a0, a1, a2, a3, a4, a5 } };
}

void skas_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
	      phys_addr_t phys, int prot)
{
	struct arch_mm *am = mm->arch;
	struct stub_op *op = last_op(am);

	/* Extend the previous mapping if this one continues it. */
	if (op && op->nr == __NR_mmap && op->args[0] + op->args[1] == addr &&
	    op->args[5] + op->args[1] == phys && (int)op->args[2] == prot) {
		op->args[1] += len;
		return;
	}
	queue(am, __NR_mmap, addr, len, prot, MAP_SHARED | MAP_FIXED,
	      skas_physmem_fd, phys);
}

void skas_unmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct arch_mm *am = mm->arch;
	struct stub_op *op = last_op(am);

	if (op && op->nr == __NR_munmap && op->args[0] + op->args[1] == addr) {
		op->args[1] += len;
		return;
	}
	queue(am, __NR_munmap, addr, len, 0, 0, 0, 0);
}

void skas_protect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		  int prot)
{
	struct arch_mm *am = mm->arch;
	struct stub_op *op = last_op(am);

	if (op && op->nr == __NR_mprotect &&
	    op->args[0] + op->args[1] == addr && (int)op->args[2] == prot) {
		op->args[1] += len;
		return;
	}
	queue(am, __NR_mprotect, addr, len, prot, 0, 0, 0);
}

int skas_flush(struct arch_mm *am)
{
	int err;

	if (!am->data->nr_ops)
		return 0;
	err = skas_host_run_stub(am->pid);
	am->data->nr_ops = 0;
	return err ? err : (int)am->data->result;
}
