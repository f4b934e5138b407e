/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF-64 as execve(2) needs it: the file and program headers (section
 * headers for tools), their constants, and the auxiliary vector the
 * kernel puts on a new program's stack.
 */
#ifndef _UAPI_ELF_H
#define _UAPI_ELF_H

#include "tamu/types.h"

typedef u16 Elf64_Half;
typedef u32 Elf64_Word;
typedef s32 Elf64_Sword;
typedef u64 Elf64_Xword;
typedef s64 Elf64_Sxword;
typedef u64 Elf64_Addr;
typedef u64 Elf64_Off;

/* e_ident */
#define EI_NIDENT 16
#define EI_MAG0 0
#define EI_MAG1 1
#define EI_MAG2 2
#define EI_MAG3 3
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define EI_OSABI 7
#define EI_ABIVERSION 8
#define EI_PAD 9

#define ELFMAG0 0x7f
#define ELFMAG1 'E'
#define ELFMAG2 'L'
#define ELFMAG3 'F'
#define ELFMAG "\177ELF"
#define SELFMAG 4

#define ELFCLASSNONE 0
#define ELFCLASS32 1
#define ELFCLASS64 2

#define ELFDATANONE 0
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2

#define EV_NONE 0
#define EV_CURRENT 1

#define ELFOSABI_SYSV 0
#define ELFOSABI_LINUX 3 /* GNU */

/* e_type */
#define ET_NONE 0
#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4

/* e_machine */
#define EM_386 3
#define EM_X86_64 62

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	Elf64_Half e_type;
	Elf64_Half e_machine;
	Elf64_Word e_version;
	Elf64_Addr e_entry;
	Elf64_Off e_phoff;
	Elf64_Off e_shoff;
	Elf64_Word e_flags;
	Elf64_Half e_ehsize;
	Elf64_Half e_phentsize;
	Elf64_Half e_phnum;
	Elf64_Half e_shentsize;
	Elf64_Half e_shnum;
	Elf64_Half e_shstrndx;
} Elf64_Ehdr;

_Static_assert(sizeof(Elf64_Ehdr) == 64, "Elf64_Ehdr");
_Static_assert(__builtin_offsetof(Elf64_Ehdr, e_entry) == 24, "e_entry");
_Static_assert(__builtin_offsetof(Elf64_Ehdr, e_phoff) == 32, "e_phoff");
_Static_assert(__builtin_offsetof(Elf64_Ehdr, e_phnum) == 56, "e_phnum");

/* p_type */
#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_SHLIB 5
#define PT_PHDR 6
#define PT_TLS 7
#define PT_LOOS 0x60000000
#define PT_GNU_EH_FRAME 0x6474e550
#define PT_GNU_STACK 0x6474e551 /* PF_X in p_flags: executable stack */
#define PT_GNU_RELRO 0x6474e552
#define PT_GNU_PROPERTY 0x6474e553
#define PT_HIOS 0x6fffffff

/* p_flags */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

typedef struct {
	Elf64_Word p_type;
	Elf64_Word p_flags;
	Elf64_Off p_offset;
	Elf64_Addr p_vaddr;
	Elf64_Addr p_paddr;
	Elf64_Xword p_filesz;
	Elf64_Xword p_memsz;
	Elf64_Xword p_align;
} Elf64_Phdr;

_Static_assert(sizeof(Elf64_Phdr) == 56, "Elf64_Phdr");
_Static_assert(__builtin_offsetof(Elf64_Phdr, p_offset) == 8, "p_offset");
_Static_assert(__builtin_offsetof(Elf64_Phdr, p_align) == 48, "p_align");

typedef struct {
	Elf64_Word sh_name;
	Elf64_Word sh_type;
	Elf64_Xword sh_flags;
	Elf64_Addr sh_addr;
	Elf64_Off sh_offset;
	Elf64_Xword sh_size;
	Elf64_Word sh_link;
	Elf64_Word sh_info;
	Elf64_Xword sh_addralign;
	Elf64_Xword sh_entsize;
} Elf64_Shdr;

_Static_assert(sizeof(Elf64_Shdr) == 64, "Elf64_Shdr");

/* The auxiliary vector: (type, value) pairs after envp, ended by AT_NULL. */
typedef struct {
	u64 a_type;
	union {
		u64 a_val;
	} a_un;
} Elf64_auxv_t;

_Static_assert(sizeof(Elf64_auxv_t) == 16, "Elf64_auxv_t");

#define AT_NULL 0
#define AT_IGNORE 1
#define AT_EXECFD 2
#define AT_PHDR 3 /* program headers of the program */
#define AT_PHENT 4 /* size of one */
#define AT_PHNUM 5 /* how many */
#define AT_PAGESZ 6
#define AT_BASE 7 /* where the interpreter is loaded */
#define AT_FLAGS 8
#define AT_ENTRY 9 /* the program's entry point */
#define AT_NOTELF 10
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15 /* address of "x86_64" */
#define AT_HWCAP 16 /* CPUID 1 EDX on x86 */
#define AT_CLKTCK 17 /* times(2)' ticks per second */
#define AT_SECURE 23 /* set-id program: 1 */
#define AT_BASE_PLATFORM 24
#define AT_RANDOM 25 /* address of 16 random bytes */
#define AT_HWCAP2 26
#define AT_EXECFN 31 /* address of the file name given to execve */
#define AT_SYSINFO_EHDR 33 /* address of the vDSO's ELF header */
#define AT_MINSIGSTKSZ 51 /* the signal frame's size with all FPU state */

#endif
