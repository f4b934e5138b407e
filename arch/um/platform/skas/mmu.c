// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host mappings of a guest address space.  Changes are queued in the stub
 * data page, neighbours merged, and made in one stub round trip just
 * before the process runs guest code again.
 */
#include "skas.h"
#include "tamu/panic.h"
#include "tamu/stats.h"
#include "uapi/mman.h"
#include "uapi/unistd.h"

static struct stub_op *last_op(struct skas_proc *p)
{
	return p->nr_ops ? &p->data->ops[p->nr_ops - 1] : NULL;
}

/*
 * The host has too many mappings of p (ENOMEM: its vm.max_map_count):
 * the space loaded there is beyond help, its tasks die at their next
 * entry, and the calls queued for it go.  Any other failure is a bug.
 */
void skas_flush_check(struct skas_proc *p, int err)
{
	if (err == -ENOMEM) {
		if (p->loaded)
			p->loaded->host_refused = true;
		p->nr_ops = 0;
	} else if (err) {
		skas_flush_failed(p, err);
	}
}

static void queue(struct skas_proc *p, u64 nr, u64 a0, u64 a1, u64 a2,
		  u64 a3, u64 a4, u64 a5)
{
	struct stub_op *op;

	if (p->nr_ops == STUB_MAX_OPS)
		skas_flush_check(p, skas_flush(p));
	p->why[p->nr_ops] = stat_mm_why;
	op = &p->data->ops[p->nr_ops++];
	*op = (struct stub_op){ nr, { a0, a1, a2, a3, a4, a5 } };
}

/*
 * The process mm's changes go to, or NULL: with remap, an address space
 * that is not loaded has no host mappings to change.
 */
static struct skas_proc *proc_of(struct mm_struct *mm)
{
	struct skas_proc *p = mm->arch->proc;

	return p->loaded == mm ? p : NULL;
}

void skas_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
	      phys_addr_t phys, int prot)
{
	struct skas_proc *am = proc_of(mm);
	struct stub_op *op;

	if (!am)
		return;
	op = last_op(am);

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
	struct skas_proc *am = proc_of(mm);
	struct stub_op *op;

	if (!am)
		return;
	op = last_op(am);

	if (op && op->nr == __NR_munmap && op->args[0] + op->args[1] == addr) {
		op->args[1] += len;
		return;
	}
	queue(am, __NR_munmap, addr, len, 0, 0, 0, 0);
}

void skas_protect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		  int prot)
{
	struct skas_proc *am = proc_of(mm);
	struct stub_op *op;

	if (!am)
		return;
	op = last_op(am);
	if (op && op->nr == __NR_mprotect &&
	    op->args[0] + op->args[1] == addr && (int)op->args[2] == prot) {
		op->args[1] += len;
		return;
	}
	queue(am, __NR_mprotect, addr, len, prot, 0, 0, 0);
}

/* The host would not change p's mappings: say all that is known, and die. */
void skas_flush_failed(struct skas_proc *p, int err)
{
	unsigned long rip;
	int status;

	skas_host_last_error(&status, &rip);
	panic("skas: updating the mappings of process %d failed: %d (stub: "
	      "call %lu of %lu; last unexpected stop: wait status %#x at "
	      "%#lx)",
	      p->pid, err, (unsigned long)p->data->failed,
	      (unsigned long)p->data->nr_ops, status, rip);
}

/*
 * Guest code can write the stub data page (it is in its address space):
 * the count of calls is the kernel's, and is put there only now, with the
 * process stopped, next to calls the kernel wrote since it last ran.
 */
/* The host calls a batch is about to make, by kind and reason. */
static void count_ops(struct skas_proc *p)
{
	static const enum tamu_stat first[] = {
		[0] = STAT_mmap_guest_fault,
		[1] = STAT_munmap_guest_fault,
		[2] = STAT_mprotect_guest_fault,
	};
	static const enum tamu_stat pages[] = {
		STAT_mmap_guest_pages, STAT_munmap_guest_pages,
		STAT_mprotect_guest_pages,
	};
	unsigned int i;

	if (!IS_ENABLED(CONFIG_STATS))
		return;
	for (i = 0; i < p->nr_ops; i++) {
		struct stub_op *op = &p->data->ops[i];
		int kind = op->nr == __NR_mmap ? 0 : op->nr == __NR_munmap ? 1
			 : op->nr == __NR_mprotect ? 2 : -1;

		if (kind < 0)
			continue;
		stat_inc(first[kind] + p->why[i]);
		/* A switch's unmapping of the whole space: pages unknown. */
		if (op->args[1] < TASK_SIZE)
			stat_add(pages[kind], op->args[1] >> PAGE_SHIFT);
	}
}

int skas_flush(struct skas_proc *p)
{
	int err;

	if (!p->nr_ops && !p->fresh)
		return 0;
	count_ops(p);
	stat_inc(STAT_stub_runs);
	p->data->nr_ops = p->nr_ops;
	if (p->fresh) {
		/* Its first batch runs as it starts: one round trip less. */
		p->data->result = -EIO;	/* stays if its page is not mapped */
		p->fresh = false;
		err = skas_host_start(p->pid);
	} else {
		p->data->result = 0;
		err = skas_host_run_stub(p->pid);
	}
	p->nr_ops = 0;
	return err ? err : (int)p->data->result;
}

/*
 * The classic address-space switch: unmap everything of the outgoing
 * space, then map every resident page of the incoming one.
 */
void skas_switch_mm(struct skas_proc *p, struct mm_struct *mm)
{
	enum mm_why why = stat_mm_why;

	/* A new process's first load is its fork's or exec's doing. */
	if (p->loaded)
		stat_why(WHY_SWITCH);
	queue(p, __NR_munmap, 0, TASK_SIZE, 0, 0, 0, 0);
	p->loaded = mm;
	map_resident(mm);
	stat_why(why);
}
