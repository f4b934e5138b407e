// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host's side of the uapi check, from the C library's headers: the ELF
 * format (elf.h is its complete description), and what the kernel's uapi
 * headers leave out (struct dirent64, fd_set, SCHED_OTHER) or keep to the
 * kernel (SIGRTMAX, _NSIG).  None of it differs between the C library and
 * the kernel on x86-64.
 */
#include <dirent.h>
#include <elf.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/select.h>
#include <sys/shm.h>

#include "uapi_layout.h"

const struct uapi_fact uapi_host_libc_facts[] = {
	/* signal.h */
	/*
	 * The kernel's real-time signals end at 64, its _NSIG; the C library's
	 * SIGRTMAX is a function of what it keeps for itself, and its _NSIG
	 * counts signal 0 too.
	 */
	UAPI_FACT("signal", "SIGRTMAX", __SIGRTMAX),
	UAPI_FACT("signal", "_NSIG", _NSIG - 1),

	/* sched.h */
	UAPI_CONST("sched", SCHED_OTHER),

	/* elf.h */
	UAPI_SIZEOF("elf", Elf64_Half),
	UAPI_SIZEOF("elf", Elf64_Word),
	UAPI_SIZEOF("elf", Elf64_Sword),
	UAPI_SIZEOF("elf", Elf64_Xword),
	UAPI_SIZEOF("elf", Elf64_Sxword),
	UAPI_SIZEOF("elf", Elf64_Addr),
	UAPI_SIZEOF("elf", Elf64_Off),
	UAPI_SIZEOF("elf", Elf64_Ehdr),
	UAPI_FIELD("elf", Elf64_Ehdr, e_ident),
	UAPI_FIELD("elf", Elf64_Ehdr, e_type),
	UAPI_FIELD("elf", Elf64_Ehdr, e_machine),
	UAPI_FIELD("elf", Elf64_Ehdr, e_version),
	UAPI_FIELD("elf", Elf64_Ehdr, e_entry),
	UAPI_FIELD("elf", Elf64_Ehdr, e_phoff),
	UAPI_FIELD("elf", Elf64_Ehdr, e_shoff),
	UAPI_FIELD("elf", Elf64_Ehdr, e_flags),
	UAPI_FIELD("elf", Elf64_Ehdr, e_ehsize),
	UAPI_FIELD("elf", Elf64_Ehdr, e_phentsize),
	UAPI_FIELD("elf", Elf64_Ehdr, e_phnum),
	UAPI_FIELD("elf", Elf64_Ehdr, e_shentsize),
	UAPI_FIELD("elf", Elf64_Ehdr, e_shnum),
	UAPI_FIELD("elf", Elf64_Ehdr, e_shstrndx),
	UAPI_SIZEOF("elf", Elf64_Phdr),
	UAPI_FIELD("elf", Elf64_Phdr, p_type),
	UAPI_FIELD("elf", Elf64_Phdr, p_flags),
	UAPI_FIELD("elf", Elf64_Phdr, p_offset),
	UAPI_FIELD("elf", Elf64_Phdr, p_vaddr),
	UAPI_FIELD("elf", Elf64_Phdr, p_paddr),
	UAPI_FIELD("elf", Elf64_Phdr, p_filesz),
	UAPI_FIELD("elf", Elf64_Phdr, p_memsz),
	UAPI_FIELD("elf", Elf64_Phdr, p_align),
	UAPI_SIZEOF("elf", Elf64_Shdr),
	UAPI_FIELD("elf", Elf64_Shdr, sh_name),
	UAPI_FIELD("elf", Elf64_Shdr, sh_type),
	UAPI_FIELD("elf", Elf64_Shdr, sh_flags),
	UAPI_FIELD("elf", Elf64_Shdr, sh_addr),
	UAPI_FIELD("elf", Elf64_Shdr, sh_offset),
	UAPI_FIELD("elf", Elf64_Shdr, sh_size),
	UAPI_FIELD("elf", Elf64_Shdr, sh_link),
	UAPI_FIELD("elf", Elf64_Shdr, sh_info),
	UAPI_FIELD("elf", Elf64_Shdr, sh_addralign),
	UAPI_FIELD("elf", Elf64_Shdr, sh_entsize),
	UAPI_SIZEOF("elf", Elf64_auxv_t),
	UAPI_FIELD("elf", Elf64_auxv_t, a_type),
	UAPI_FIELD("elf", Elf64_auxv_t, a_un.a_val),
	UAPI_CONST("elf", EI_NIDENT),
	UAPI_CONST("elf", EI_MAG0),
	UAPI_CONST("elf", EI_MAG1),
	UAPI_CONST("elf", EI_MAG2),
	UAPI_CONST("elf", EI_MAG3),
	UAPI_CONST("elf", EI_CLASS),
	UAPI_CONST("elf", EI_DATA),
	UAPI_CONST("elf", EI_VERSION),
	UAPI_CONST("elf", EI_OSABI),
	UAPI_CONST("elf", EI_ABIVERSION),
	UAPI_CONST("elf", EI_PAD),
	UAPI_CONST("elf", ELFMAG0),
	UAPI_CONST("elf", ELFMAG1),
	UAPI_CONST("elf", ELFMAG2),
	UAPI_CONST("elf", ELFMAG3),
	UAPI_CONST("elf", SELFMAG),
	UAPI_CONST("elf", ELFCLASSNONE),
	UAPI_CONST("elf", ELFCLASS32),
	UAPI_CONST("elf", ELFCLASS64),
	UAPI_CONST("elf", ELFDATANONE),
	UAPI_CONST("elf", ELFDATA2LSB),
	UAPI_CONST("elf", ELFDATA2MSB),
	UAPI_CONST("elf", EV_NONE),
	UAPI_CONST("elf", EV_CURRENT),
	UAPI_CONST("elf", ELFOSABI_SYSV),
	UAPI_CONST("elf", ELFOSABI_LINUX),
	UAPI_CONST("elf", ET_NONE),
	UAPI_CONST("elf", ET_REL),
	UAPI_CONST("elf", ET_EXEC),
	UAPI_CONST("elf", ET_DYN),
	UAPI_CONST("elf", ET_CORE),
	UAPI_CONST("elf", EM_386),
	UAPI_CONST("elf", EM_X86_64),
	UAPI_CONST("elf", PT_NULL),
	UAPI_CONST("elf", PT_LOAD),
	UAPI_CONST("elf", PT_DYNAMIC),
	UAPI_CONST("elf", PT_INTERP),
	UAPI_CONST("elf", PT_NOTE),
	UAPI_CONST("elf", PT_SHLIB),
	UAPI_CONST("elf", PT_PHDR),
	UAPI_CONST("elf", PT_TLS),
	UAPI_CONST("elf", PT_LOOS),
	UAPI_CONST("elf", PT_GNU_EH_FRAME),
	UAPI_CONST("elf", PT_GNU_STACK),
	UAPI_CONST("elf", PT_GNU_RELRO),
	UAPI_CONST("elf", PT_GNU_PROPERTY),
	UAPI_CONST("elf", PT_HIOS),
	UAPI_CONST("elf", PF_X),
	UAPI_CONST("elf", PF_W),
	UAPI_CONST("elf", PF_R),
	UAPI_CONST("elf", AT_NULL),
	UAPI_CONST("elf", AT_IGNORE),
	UAPI_CONST("elf", AT_EXECFD),
	UAPI_CONST("elf", AT_PHDR),
	UAPI_CONST("elf", AT_PHENT),
	UAPI_CONST("elf", AT_PHNUM),
	UAPI_CONST("elf", AT_PAGESZ),
	UAPI_CONST("elf", AT_BASE),
	UAPI_CONST("elf", AT_FLAGS),
	UAPI_CONST("elf", AT_ENTRY),
	UAPI_CONST("elf", AT_NOTELF),
	UAPI_CONST("elf", AT_UID),
	UAPI_CONST("elf", AT_EUID),
	UAPI_CONST("elf", AT_GID),
	UAPI_CONST("elf", AT_EGID),
	UAPI_CONST("elf", AT_PLATFORM),
	UAPI_CONST("elf", AT_HWCAP),
	UAPI_CONST("elf", AT_CLKTCK),
	UAPI_CONST("elf", AT_SECURE),
	UAPI_CONST("elf", AT_BASE_PLATFORM),
	UAPI_CONST("elf", AT_RANDOM),
	UAPI_CONST("elf", AT_HWCAP2),
	UAPI_CONST("elf", AT_EXECFN),
	UAPI_CONST("elf", AT_SYSINFO_EHDR),
	UAPI_CONST("elf", AT_MINSIGSTKSZ),

	/* dirent.h: struct dirent64 is struct linux_dirent64 with d_name[256] */
	UAPI_FIELD_AS("dirent", "struct linux_dirent64", "d_ino",
		      struct dirent64, d_ino),
	UAPI_FIELD_AS("dirent", "struct linux_dirent64", "d_off",
		      struct dirent64, d_off),
	UAPI_FIELD_AS("dirent", "struct linux_dirent64", "d_reclen",
		      struct dirent64, d_reclen),
	UAPI_FIELD_AS("dirent", "struct linux_dirent64", "d_type",
		      struct dirent64, d_type),
	UAPI_OFFSETOF_AS("dirent", "struct linux_dirent64", "d_name",
			 struct dirent64, d_name),
	UAPI_CONST("dirent", DT_UNKNOWN),
	UAPI_CONST("dirent", DT_FIFO),
	UAPI_CONST("dirent", DT_CHR),
	UAPI_CONST("dirent", DT_DIR),
	UAPI_CONST("dirent", DT_BLK),
	UAPI_CONST("dirent", DT_REG),
	UAPI_CONST("dirent", DT_LNK),
	UAPI_CONST("dirent", DT_SOCK),
	UAPI_CONST("dirent", DT_WHT),

	/* select.h */
	UAPI_SIZEOF("select", fd_set),
	UAPI_CONST("select", FD_SETSIZE),
	UAPI_CONST("select", __NFDBITS),

	/* shm.h: kernel-internal in Linux, where the C library keeps them. */
	UAPI_CONST("shm", SHM_DEST),
	UAPI_CONST("shm", SHM_LOCKED),
};

const size_t uapi_host_libc_nfacts =
	sizeof(uapi_host_libc_facts) / sizeof(uapi_host_libc_facts[0]);
