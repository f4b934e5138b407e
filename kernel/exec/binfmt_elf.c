// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading x86-64 ELF programs: static, static-pie and dynamic (with their
 * interpreter), and the initial stack exactly as Linux lays it out.  The
 * file is untrusted: every header field is checked, and anything wrong is
 * -ENOEXEC.
 */
#include "um/arch.h"
#include "tamu/binfmt.h"
#include "tamu/panic.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "host/random.h"
#include "uapi/elf.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/linux_limits.h"

#define MAX_PHNUM 64
/*
 * Where position-independent programs go: two thirds of the way up user
 * space, as Linux's ELF_ET_DYN_BASE (0x555555554000 in a full 47-bit
 * space; lower in tt and seccomp, whose guest space ends below the
 * kernel's own program and libraries).
 */
#define LINUX_ET_DYN_BASE 0x555555554000UL
#define ET_DYN_BASE                                                            \
	(TASK_SIZE > LINUX_ET_DYN_BASE + 0x100000000000UL                      \
		 ? LINUX_ET_DYN_BASE                                           \
		 : (TASK_SIZE / 3 * 2) & PAGE_MASK)
#define STACK_SIZE (8 * SZ_1M)

struct elf_image {
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	unsigned long bias;	/* load address minus link address */
	unsigned long phdr_addr;
	unsigned long end;	/* highest byte mapped, for brk */
	unsigned long code_start, code_end;
	/* As Linux counts them: the last segment's start, files' end. */
	unsigned long data_start, data_end;
};

static bool elf_header_ok(const Elf64_Ehdr *eh)
{
	return !memcmp(eh->e_ident, ELFMAG, SELFMAG) &&
	       eh->e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh->e_ident[EI_DATA] == ELFDATA2LSB &&
	       eh->e_ident[EI_VERSION] == EV_CURRENT &&
	       (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) &&
	       eh->e_machine == EM_X86_64 &&
	       eh->e_phentsize == sizeof(Elf64_Phdr) && eh->e_phnum > 0 &&
	       eh->e_phnum <= MAX_PHNUM;
}

/* Read and check the headers of f into img. */
static int read_headers(struct file *f, struct elf_image *img)
{
	size_t size;
	unsigned int i;

	if (kernel_read(f, &img->eh, sizeof(img->eh), 0) != sizeof(img->eh) ||
	    !elf_header_ok(&img->eh))
		return -ENOEXEC;
	size = img->eh.e_phnum * sizeof(Elf64_Phdr);
	img->ph = kmalloc(size, GFP_KERNEL);
	if (!img->ph)
		return -ENOMEM;
	if (kernel_read(f, img->ph, size, img->eh.e_phoff) != (ssize_t)size)
		return -ENOEXEC;
	for (i = 0; i < img->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &img->ph[i];

		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_filesz > p->p_memsz || p->p_vaddr >= TASK_SIZE ||
		    p->p_memsz > TASK_SIZE - p->p_vaddr ||
		    (p->p_offset & ~PAGE_MASK) != (p->p_vaddr & ~PAGE_MASK) ||
		    p->p_offset + p->p_filesz < p->p_offset)
			return -ENOEXEC;
	}
	return 0;
}

static unsigned long vm_flags_of(const Elf64_Phdr *p)
{
	return (p->p_flags & PF_R ? VM_READ : 0) |
	       (p->p_flags & PF_W ? VM_WRITE : 0) |
	       (p->p_flags & PF_X ? VM_EXEC : 0);
}

/* The span of the loadable segments, page-aligned. */
static void load_span(const struct elf_image *img, unsigned long *lo,
		      unsigned long *hi)
{
	unsigned int i;

	*lo = ~0UL;
	*hi = 0;
	for (i = 0; i < img->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &img->ph[i];

		if (p->p_type != PT_LOAD)
			continue;
		*lo = min(*lo, p->p_vaddr & PAGE_MASK);
		*hi = max(*hi, ALIGN(p->p_vaddr + p->p_memsz, PAGE_SIZE));
	}
}

/* Map the PT_LOAD segments of f at img->bias into mm. */
static int map_segments(struct mm_struct *mm, struct file *f,
			struct elf_image *img)
{
	unsigned int i;
	int err;

	img->phdr_addr = 0;
	img->end = 0;
	img->data_start = img->data_end = 0;
	for (i = 0; i < img->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &img->ph[i];
		unsigned long start = img->bias + (p->p_vaddr & PAGE_MASK);
		unsigned long file_end = img->bias + p->p_vaddr + p->p_filesz;
		unsigned long mem_end = img->bias + p->p_vaddr + p->p_memsz;
		unsigned long flags = vm_flags_of(p);

		if (p->p_type == PT_PHDR)
			img->phdr_addr = img->bias + p->p_vaddr;
		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_filesz) {
			err = mmap_region(mm, start,
					  ALIGN(file_end, PAGE_SIZE) - start,
					  flags, f, p->p_offset >> PAGE_SHIFT);
			if (err)
				return err;
		}
		/* Zero the rest of the last file page: it is bss, not file. */
		if (p->p_memsz > p->p_filesz && (file_end & ~PAGE_MASK)) {
			size_t n = PAGE_SIZE - (file_end & ~PAGE_MASK);
			char zero[256] = { 0 };
			unsigned long at = file_end;

			for (; n; n -= min(n, sizeof(zero)), at += sizeof(zero))
				if (access_mm(mm, at, zero, min(n, sizeof(zero)),
					      true))
					return -ENOEXEC;
		}
		if (ALIGN(mem_end, PAGE_SIZE) > ALIGN(file_end, PAGE_SIZE)) {
			unsigned long bss = p->p_filesz
						    ? ALIGN(file_end, PAGE_SIZE)
						    : start;

			err = mmap_region(mm, bss, ALIGN(mem_end, PAGE_SIZE) - bss,
					  flags, NULL, 0);
			if (err)
				return err;
		}
		if (!img->phdr_addr && p->p_offset <= img->eh.e_phoff &&
		    img->eh.e_phoff < p->p_offset + p->p_filesz)
			img->phdr_addr = img->bias + p->p_vaddr +
					 (img->eh.e_phoff - p->p_offset);
		img->end = max(img->end, mem_end);
		img->data_start = max(img->data_start, img->bias + p->p_vaddr);
		img->data_end = max(img->data_end, file_end);
		if ((p->p_flags & PF_X) && !img->code_end) {
			img->code_start = img->bias + p->p_vaddr;
			img->code_end = file_end;
		}
	}
	return 0;
}

/* Load a program or interpreter image; bias chosen for ET_DYN. */
static int load_image(struct mm_struct *mm, struct file *f,
		      struct elf_image *img, unsigned long dyn_base)
{
	unsigned long lo, hi;
	long at;

	load_span(img, &lo, &hi);
	if (hi <= lo)
		return -ENOEXEC;
	img->bias = 0;
	if (img->eh.e_type == ET_DYN) {
		if (dyn_base) {
			img->bias = dyn_base - lo;
		} else {
			at = get_unmapped_area(mm, hi - lo);
			if (at < 0)
				return at;
			img->bias = at - lo;
		}
	}
	return map_segments(mm, f, img);
}

struct stack_builder {
	struct mm_struct *mm;
	unsigned long sp;
	int err;
};

static unsigned long push_bytes(struct stack_builder *s, const void *p,
				size_t n)
{
	s->sp -= n;
	if (!s->err)
		s->err = access_mm(s->mm, s->sp, (void *)p, n, true);
	return s->sp;
}

/*
 * The initial stack, from the top: the file name, the environment and
 * argument strings, "x86_64", 16 random bytes, then (16-byte aligned at
 * argc) argc, argv[], NULL, envp[], NULL, the auxiliary vector.
 */
static int create_stack(struct linux_binprm *bprm, struct elf_image *prog,
			unsigned long interp_base)
{
	struct stack_builder s = { bprm->mm, STACK_TOP, 0 };
	unsigned long execfn, platform, random, strings, *vec, *v, *auxv;
	int nvec = 1 + bprm->argc + 1 + bprm->envc + 1 + AT_VECTOR_SIZE;
	const struct cred *c = &bprm->cred;
	u8 rnd[16];
	size_t i, off;

	s.sp -= sizeof(long);	/* a zero word at the very top */
	execfn = push_bytes(&s, bprm->filename, strlen(bprm->filename) + 1);
	strings = push_bytes(&s, bprm->strings, bprm->strings_len);
	platform = push_bytes(&s, "x86_64", 7);
	host_random_bytes(rnd, sizeof(rnd));
	random = push_bytes(&s, rnd, sizeof(rnd));

	vec = kcalloc(nvec, sizeof(long), GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	v = vec;
	*v++ = bprm->argc;
	for (i = 0, off = 0; i < (size_t)(bprm->argc + bprm->envc); i++) {
		if (i == (size_t)bprm->argc)
			*v++ = 0;
		*v++ = strings + off;
		off += strlen(bprm->strings + off) + 1;
	}
	if (!bprm->envc)
		*v++ = 0;
	*v++ = 0;
	auxv = v;
#define AUX(type, val) (*v++ = (type), *v++ = (val))
	AUX(AT_HWCAP, arch_hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, prog->phdr_addr);
	AUX(AT_PHENT, sizeof(Elf64_Phdr));
	AUX(AT_PHNUM, prog->eh.e_phnum);
	AUX(AT_BASE, interp_base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, prog->bias + prog->eh.e_entry);
	AUX(AT_UID, c->uid);
	AUX(AT_EUID, c->euid);
	AUX(AT_GID, c->gid);
	AUX(AT_EGID, c->egid);
	AUX(AT_SECURE, bprm->secure);
	AUX(AT_RANDOM, random);
	AUX(AT_HWCAP2, 0);
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, platform);
	AUX(AT_MINSIGSTKSZ, arch_min_sigstack());
	AUX(AT_NULL, 0);
#undef AUX
	/* For /proc/PID/auxv and the core's NT_AUXV, as Linux's. */
	BUG_ON(v - auxv > AT_VECTOR_SIZE);
	memcpy(bprm->mm->saved_auxv, auxv, (v - auxv) * sizeof(long));
	s.sp = ALIGN_DOWN(s.sp - (v - vec) * sizeof(long), 16UL) +
	       (v - vec) * sizeof(long);
	push_bytes(&s, vec, (v - vec) * sizeof(long));
	kfree(vec);
	bprm->sp = s.sp;
	bprm->mm->start_stack = s.sp;
	bprm->mm->arg_start = strings;
	for (i = 0, off = 0; i < (size_t)bprm->argc; i++)
		off += strlen(bprm->strings + off) + 1;
	bprm->mm->arg_end = strings + off;
	bprm->mm->env_start = strings + off;
	bprm->mm->env_end = strings + bprm->strings_len;
	return s.err;
}

/* The PT_INTERP path, or NULL; -ENOEXEC if malformed, -EIO if cut short */
static char *read_interp(struct file *f, const struct elf_image *img,
			 int *err)
{
	unsigned int i;
	char *path;
	ssize_t n;

	*err = 0;
	for (i = 0; i < img->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &img->ph[i];

		if (p->p_type != PT_INTERP)
			continue;
		if (p->p_filesz < 2 || p->p_filesz > PATH_MAX) {
			*err = -ENOEXEC;
			return NULL;
		}
		path = kmalloc(p->p_filesz, GFP_KERNEL);
		if (!path) {
			*err = -ENOMEM;
			return NULL;
		}
		/* As on Linux: a short read is EIO, a bad name ENOEXEC. */
		n = kernel_read(f, path, p->p_filesz, p->p_offset);
		if (n != (ssize_t)p->p_filesz)
			*err = n < 0 ? (int)n : -EIO;
		else if (path[p->p_filesz - 1] != '\0')
			*err = -ENOEXEC;
		if (*err) {
			kfree(path);
			return NULL;
		}
		return path;
	}
	return NULL;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf_image prog = { 0 }, interp = { 0 };
	struct file *interp_file = NULL;
	unsigned long interp_base = 0;
	char *interp_path;
	struct mm_struct *mm;
	int err;

	err = read_headers(bprm->file, &prog);
	if (err)
		goto out;
	interp_path = read_interp(bprm->file, &prog, &err);
	if (err)
		goto out;
	if (interp_path) {
		interp_file = file_open(AT_FDCWD, interp_path,
					 O_RDONLY | __FMODE_EXEC, 0);
		kfree(interp_path);
		if (IS_ERR(interp_file)) {
			err = PTR_ERR(interp_file);
			interp_file = NULL;
			goto out;
		}
		would_dump(bprm, interp_file);
		err = read_headers(interp_file, &interp);
		if (err)
			goto out;
	}

	/* Everything is read: build the new address space. */
	mm = mm_alloc(current->mm);
	if (!mm) {
		err = -ENOMEM;
		goto out;
	}
	bprm->mm = mm;
	err = load_image(mm, bprm->file, &prog, ET_DYN_BASE);
	if (!err && interp_file) {
		err = load_image(mm, interp_file, &interp, 0);
		interp_base = interp.bias;
	}
	if (!err)
		err = mmap_region(mm, STACK_TOP - STACK_SIZE, STACK_SIZE,
				  VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0);
	if (!err)
		err = create_stack(bprm, &prog, interp_base);
	if (err) {
		mmput(mm);
		bprm->mm = NULL;
		goto out;
	}
	/* Denied to writers by open_exec, so this cannot fail. */
	deny_write_access(bprm->file);
	mm->exe_file = get_file(bprm->file);
	mm->start_brk = mm->brk = ALIGN(prog.end, PAGE_SIZE);
	mm->start_code = prog.code_start;
	mm->end_code = prog.code_end;
	mm->start_data = prog.data_start;
	mm->end_data = prog.data_end;
	bprm->entry = interp_file ? interp.bias + interp.eh.e_entry
				  : prog.bias + prog.eh.e_entry;
out:
	if (interp_file)
		fput(interp_file);
	kfree(prog.ph);
	kfree(interp.ph);
	return err;
}
