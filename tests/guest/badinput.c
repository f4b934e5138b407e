// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bad input from a program gets an error, never a crash: malformed
 * executables fail execve, bad pointers give EFAULT.  Raw system calls
 * throughout (no vDSO, no library checks), run natively and in tamu: the
 * outputs must be the same.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define BAD ((void *)16)			/* never mapped */
#define KERNEL ((void *)0xffff880000000000UL)	/* not user space */

static char dir[] = "/tmp/badinputXXXXXX";

static void report(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

struct elf_file {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned char code[4096];
};

/* A valid static ELF header and one program header, to spoil. */
static void good_elf(Elf64_Ehdr *eh, Elf64_Phdr *ph)
{
	memset(eh, 0, sizeof(*eh));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x400000 + sizeof(*eh) + sizeof(*ph);
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	memset(ph, 0, sizeof(*ph));
	ph->p_type = PT_LOAD;
	ph->p_flags = PF_R | PF_X;
	ph->p_vaddr = 0x400000;
	ph->p_filesz = ph->p_memsz = 4096;
	ph->p_align = 4096;
}

/* Write an executable file and exec it in a child: its exit or errno. */
static void try_exec(const char *what, const void *data, size_t len)
{
	char path[64];
	int fd, status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/prog", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		printf("%s: cannot write the file\n", what);
		return;
	}
	close(fd);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { path, NULL }, *envp[] = { NULL };

		syscall(SYS_execve, path, argv, envp);
		_exit(errno);
	}
	waitpid(pid, &status, 0);
	if (WIFEXITED(status))
		printf("%s: %s\n", what, strerrorname_np(WEXITSTATUS(status)));
	else
		printf("%s: killed by signal %d\n", what, WTERMSIG(status));
	unlink(path);
}

static void bad_executables(void)
{
	struct elf_file f;

	try_exec("empty file", "", 0);
	try_exec("text without #!", "hello world\n", 12);
	try_exec("#! to nowhere", "#!/nonexistent/interp\n", 22);
	try_exec("truncated ELF header", ELFMAG "\2\1\1", 7);

	good_elf(&f.eh, &f.ph);
	f.eh.e_machine = EM_AARCH64;
	try_exec("another machine", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.eh.e_type = ET_REL;
	try_exec("relocatable object", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.eh.e_phoff = 1 << 20;
	try_exec("program headers past the end", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.eh.e_phentsize = 12;
	try_exec("wrong program header size", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.eh.e_phnum = 0;
	try_exec("no program headers", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.eh.e_phnum = 0xffff;
	try_exec("65535 program headers", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.ph.p_type = PT_INTERP;
	f.ph.p_offset = 1 << 20;
	f.ph.p_filesz = 16;
	try_exec("interpreter name past the end", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	memset(f.code, 0xf4, sizeof(f.code));	/* hlt: privileged */
	try_exec("valid ELF running hlt", &f, sizeof(f));
}

/*
 * Executables Linux fails only after the point of no return (the process
 * dies of SIGSEGV) or runs in its 32-bit mode, which tamu does not have:
 * tamu checks them first and execve fails with ENOEXEC.
 */
static void refused_executables(void)
{
	struct elf_file f;

	good_elf(&f.eh, &f.ph);
	f.eh.e_ident[EI_CLASS] = ELFCLASS32;
	try_exec("32-bit ELF", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.ph.p_vaddr = 0x400123;
	try_exec("misaligned segment", &f, sizeof(f));
	good_elf(&f.eh, &f.ph);
	f.ph.p_vaddr = 0x7ffffffff000;
	f.ph.p_memsz = 0x10000;
	try_exec("segment beyond user space", &f, sizeof(f));
}

static void bad_pointers(void)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	int fds[2];

	report("write from unmapped", syscall(SYS_write, 1, BAD, 8));
	report("write from kernel space", syscall(SYS_write, 1, KERNEL, 8));
	report("read into unmapped",
	       syscall(SYS_read, open("/dev/zero", O_RDONLY), BAD, 8));
	report("read into read-only text",
	       syscall(SYS_read, open("/dev/zero", O_RDONLY),
		       (void *)bad_pointers, 8));
	report("open unmapped path", syscall(SYS_open, BAD, O_RDONLY));
	report("stat into unmapped", syscall(SYS_stat, "/", BAD));
	report("clock_gettime into unmapped",
	       syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD));
	report("nanosleep from unmapped", syscall(SYS_nanosleep, BAD, NULL));
	report("uname into kernel space", syscall(SYS_uname, KERNEL));
	report("pipe into unmapped", syscall(SYS_pipe, BAD));
	report("getrandom into unmapped", syscall(SYS_getrandom, BAD, 8, 0));
	report("rt_sigaction from unmapped",
	       syscall(SYS_rt_sigaction, SIGUSR1, BAD, NULL, 8));
	report("rt_sigprocmask from unmapped",
	       syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD, NULL, 8));
	report("poll unmapped fds", syscall(SYS_poll, BAD, 1, 0));
	report("poll a good fd", syscall(SYS_poll, &pfd, 0, 0));
	report("execve unmapped path", syscall(SYS_execve, BAD, NULL, NULL));
	report("execve unmapped argv",
	       syscall(SYS_execve, "/bin/sh", BAD, NULL));
	report("wait4 status into unmapped",
	       fork() == 0 ? (_exit(0), 0) : syscall(SYS_wait4, -1, BAD, 0,
							NULL));
	if (pipe(fds) == 0) {
		report("write spanning into unmapped",
		       syscall(SYS_write, fds[1], (char *)sbrk(0) - 4, 4096));
		close(fds[0]);
		close(fds[1]);
	}
}

/* With "refused": the cases where tamu departs from Linux on purpose. */
int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (!mkdtemp(dir))
		return 1;
	if (argc > 1 && !strcmp(argv[1], "refused")) {
		refused_executables();
	} else {
		bad_executables();
		bad_pointers();
	}
	rmdir(dir);
	return 0;
}
