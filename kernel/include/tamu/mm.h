/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest address spaces: a sorted list of areas (VMAs) and four-level page
 * tables kept by the kernel in guest physical memory.  The platform mirrors
 * the page tables into host mappings, lazily, on faults.
 */
#ifndef _TAMU_MM_H
#define _TAMU_MM_H

#include "um/memory.h"
#include "tamu/kernel.h"
#include "tamu/list.h"
#include "tamu/page_alloc.h"

/* vma->flags */
#define VM_READ 0x1
#define VM_WRITE 0x2
#define VM_EXEC 0x4
#define VM_SHARED 0x8
/*
 * What mprotect may turn on: a shared mapping of a file opened read-only
 * never becomes writable, nor one on a noexec mount executable.  A
 * mapping made with none of them gets all three.
 */
#define VM_MAYREAD 0x10
#define VM_MAYWRITE 0x20
#define VM_MAYEXEC 0x40
#define VM_MAY_ALL (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
BUILD_BUG_ON(VM_MAYREAD != VM_READ << 4 || VM_MAYWRITE != VM_WRITE << 4 ||
	     VM_MAYEXEC != VM_EXEC << 4);
#define VM_GROWSDOWN 0x100
#define VM_LOCKED 0x2000		/* mlock: never paged out (tamu never does) */
#define VM_LOCKONFAULT 0x80000		/* mlock2(MLOCK_ONFAULT) */
#define VM_STACK VM_GROWSDOWN
#define VM_DONTCOPY 0x20000		/* MADV_DONTFORK: not in a child */
#define VM_DONTDUMP 0x4000000		/* MADV_DONTDUMP: not in a core */
#define VM_WIPEONFORK 0x2000000		/* MADV_WIPEONFORK: zero in a child */
#define VM_NORESERVE 0x200000		/* MAP_NORESERVE: not committed */

struct file;
struct vm_area_struct;

/* Linux's AT_VECTOR_SIZE on x86-64: room for the pairs and AT_NULL. */
#define AT_VECTOR_SIZE (2 * (3 + 22 + 1))

/*
 * For an owner that counts the areas mapping its object (System V shared
 * memory counts attaches): told of each new area (fork, a split) and of
 * each that goes (munmap, exit, exec).
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
};

struct vm_area_struct {
	unsigned long start, end;	/* [start, end), page-aligned */
	unsigned long flags;
	unsigned long pgoff;		/* file offset, in pages */
	struct file *file;
	const struct vm_operations_struct *vm_ops;	/* or NULL */
	struct mm_struct *mm;
	struct list_head list;		/* in mm->vmas, by address */
};

typedef u64 pte_t;

/* A page-table entry: frame number << 12 | these. */
#define PTE_PRESENT 0x1
#define PTE_WRITE 0x2		/* writable now (not while copy-on-write) */
/*
 * The guest's host process maps this frame with vma_host_prot(): whoever
 * changes the frame or PTE_WRITE of such an entry updates the host too.
 */
#define PTE_HOST 0x4
#define PTE_FLAGS 0xfffUL

struct arch_mm;

struct mm_struct {
	struct list_head vmas;
	struct vm_area_struct *mmap_cache;	/* last found */
	pte_t *pgd;
	int users;			/* tasks sharing it */
	int map_count;			/* its areas (vm.max_map_count) */
	unsigned int commit_gen;	/* counted by vm_committed_pages */
	/* The host would map no more of it: its tasks die (TRAP_NOMAP). */
	bool host_refused;
	unsigned long rss;		/* resident pages */
	unsigned long total_vm;		/* mapped pages */
	/* The most they have been (updated before they shrink). */
	unsigned long hiwater_rss, hiwater_vm;
	struct file *exe_file;		/* the program, for /proc/PID/exe */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	/* The auxiliary vector exec gave it, to AT_NULL: /proc/PID/auxv, cores. */
	unsigned long saved_auxv[AT_VECTOR_SIZE];
	unsigned long mmap_base;
	unsigned long def_flags;	/* mlockall(MCL_FUTURE): VM_LOCKED */
	u64 xfeatures_granted;		/* dynamic XSAVE features (AMX) allowed */
	unsigned int membarrier_state;	/* membarrier(2) registrations */
	int dumpable;			/* PR_SET_DUMPABLE; 1 from exec */
	/* /proc/PID/coredump_filter: MMF_DUMP_* bits, kept across exec. */
	unsigned long coredump_filter;
	bool thp_disable;		/* PR_SET_THP_DISABLE */
	struct fork_hot *fork_hot;	/* pages written after it forked */
	struct fork_hot *forked_hot;	/* its parent's, when forked */
	struct arch_mm *arch;		/* the platform's host side */
};

/* handle_mm_fault's access */
#define FAULT_READ 0x0
#define FAULT_WRITE 0x1
#define FAULT_EXEC 0x2
#define FAULT_USER 0x4		/* from guest code: map it in the host too */
#define FAULT_MAPERR 0x8	/* the host had no mapping there */

/* Pages written after a fork, which the next fork copies (fork_hot.c). */
void fork_hot_record(struct mm_struct *mm, unsigned long addr);
int fork_hot_share(struct mm_struct *old, struct mm_struct *mm,
		   unsigned long *hot, int max);
void fork_hot_release(struct mm_struct *mm);

/* A new address space; for an exec, replacing is the one it replaces. */
struct mm_struct *mm_alloc(struct mm_struct *replacing);
void mmput(struct mm_struct *mm);
/*
 * t's address space with a reference the caller puts (mmput), or NULL: for
 * reading another process's memory, which may sleep while t exits.
 */
struct task_struct;
struct mm_struct *get_task_mm(struct task_struct *t);
/* Back part of an anonymous area with zeroed pages now (up to budget). */
void populate_anon(struct mm_struct *mm, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end,
		   unsigned long budget);
/* A new program: map its file pages and resident pages at once. */
void prefault_mm(struct mm_struct *mm);
/* Map the resident pages of a range not yet in the host. */
void map_resident_range(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long start, unsigned long end);
/* Map every resident page into the host process (a new child's). */
void map_resident(struct mm_struct *mm);
void forget_host_mappings(struct mm_struct *mm);
/*
 * A copy-on-write copy, for fork.  The pages at the 'hot' addresses (the
 * stack and thread data both sides are about to write) are copied at once.
 */
/* Pages in mlocked areas (VmLck). */
unsigned long locked_pages(struct mm_struct *mm);
extern int sysctl_max_map_count;
int mlock_future_check(struct mm_struct *mm, unsigned long vm,
		       unsigned long len);
int mm_populate(struct mm_struct *mm, unsigned long start, unsigned long end);

/* Overcommit policies (vm.overcommit_memory) and accounting (util.c). */
#define OVERCOMMIT_GUESS 0
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER 2
extern int sysctl_overcommit_memory, sysctl_overcommit_ratio;
extern unsigned long sysctl_overcommit_kbytes;
unsigned long vm_commit_limit(void);
unsigned long vm_committed_pages(void);
int vm_enough_memory(unsigned long pages, bool noreserve);
struct mm_struct *dup_mm(struct mm_struct *old, const unsigned long *hot,
			 int nr_hot);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* Map [addr, addr + len) with flags, replacing what was there. */
int mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long flags, struct file *file, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len);
int do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long flags);
/* Move the pages of [from, from + len) to 'to' (an empty area). */
int move_pages(struct mm_struct *mm, unsigned long from, unsigned long to,
	       unsigned long len);
/* Drop the pages of a range; it reads as zeroes afterwards. */
int zap_pages(struct mm_struct *mm, unsigned long addr, unsigned long len);
/*
 * Set and clear vm flags over [start, end), all of it mapped (the caller
 * checked), splitting the areas at its ends.  0 or -ENOMEM.
 */
int vma_set_flags(struct mm_struct *mm, unsigned long start,
		  unsigned long end, unsigned long set, unsigned long clear);
/* A free range of len bytes below mm->mmap_base, or -ENOMEM. */
long get_unmapped_area(struct mm_struct *mm, unsigned long len);

/*
 * Resolve a fault at addr: 0, or -EFAULT (no area: SIGSEGV MAPERR),
 * -EACCES (area forbids it: SIGSEGV ACCERR), -ENOMEM.
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long addr,
		    unsigned int access);

/* Call fn on each present entry in [start, end); fn may change it. */
void walk_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		void (*fn)(pte_t *pte, unsigned long addr, void *arg),
		void *arg);
void free_page_tables(struct mm_struct *mm);
/* Frames of mm's page tables, for /proc/PID/status. */
unsigned long pgtable_pages(struct mm_struct *mm);

/* The entry for addr, allocating page-table pages if alloc; NULL if none. */
pte_t *page_walk(struct mm_struct *mm, unsigned long addr, bool alloc);

static inline struct page *pte_page(pte_t pte)
{
	return pfn_to_page(pte >> PAGE_SHIFT);
}

/* A frame for guest memory of no file, counted as such. */
struct page *alloc_anon_page(gfp_t gfp);

/* Memory is out: kill the biggest process (mm/oom_kill.c). */
/*
 * The lowest address a guest may map: the host's vm.mmap_min_addr (tamu
 * could not map lower in a guest's host process, or its own), at least a
 * page; /proc/sys/vm/mmap_min_addr shows it.  Set at boot.
 */
extern unsigned long mmap_min_addr;
void mmap_min_addr_init(void);
#define MMAP_MIN_ADDR mmap_min_addr

void oom_kill(void);
/* The OOM killer's range of oom_score_adj, and how it scores a process. */
#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000
#ifndef LONG_MIN
#define LONG_MIN (-0x7fffffffffffffffL - 1)
#endif
long oom_badness(struct task_struct *t, long totalpages);

/* Wake up to n futex waiters on the word at uaddr in mm. */

/* Host protection for a page with these area flags and PTE. */
int vma_host_prot(unsigned long vm_flags, pte_t pte);

/*
 * May the caller reach t's memory (process_vm_readv, process_madvise)?
 * As Linux's ptrace_may_access: root, the same ids, or a shared mm.
 */
struct task_struct;
bool may_access_mm(struct task_struct *t);

#endif
