// SPDX-License-Identifier: GPL-2.0-only
/*
 * Source lines for code addresses, for oops reports and task dumps.
 * libunwind knows function names but not lines; binutils' addr2line reads
 * them from tamu's own DWARF.  It runs as a separate process so that a
 * kernel whose heap may be damaged parses nothing itself, and a host
 * without addr2line only loses the lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host/unwind.h"
#include "internal.h"

#define ADDR2LINE_TIMEOUT_MS 3000

extern char **environ;

struct exe_range {
	uintptr_t bias, start, end;
};

/* The main program is the first object dl_iterate_phdr reports. */
static int find_exe(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct exe_range *r = arg;
	int i;

	r->bias = info->dlpi_addr;
	r->start = UINTPTR_MAX;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		if (info->dlpi_addr + ph->p_vaddr < r->start)
			r->start = info->dlpi_addr + ph->p_vaddr;
		if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > r->end)
			r->end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
	}
	return 1;
}

static int spawn_addr2line(const char *exe, int *in, int *out, pid_t *pid)
{
	char *argv[] = { "addr2line", "-e", (char *)exe, NULL };
	posix_spawn_file_actions_t fa;
	int to[2], from[2], err;

	if (pipe2(to, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(from, O_CLOEXEC) < 0) {
		err = -errno;
		goto close_to;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, to[0], 0);
	posix_spawn_file_actions_adddup2(&fa, from[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	err = -posix_spawnp(pid, "addr2line", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(from[1]);
	if (err) {
		close(from[0]);
		goto close_to;
	}
	close(to[0]);
	*in = to[1];
	*out = from[0];
	return 0;
close_to:
	close(to[0]);
	close(to[1]);
	return err;
}

/* Read everything addr2line prints, or what came before the timeout. */
static size_t read_all(int fd, char *buf, size_t size)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int waited = 0, ready;
	size_t len = 0;
	ssize_t n;

	/* The tick interrupts poll: count such waits as 10 ms each. */
	while (len < size - 1 && waited < ADDR2LINE_TIMEOUT_MS) {
		ready = poll(&pfd, 1, 10);
		if (ready <= 0) {
			waited += 10;
			continue;
		}
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	return len;
}

/*
 * "TAMU_SRCDIR/kernel/sysrq.c:42 (discriminator 1)" becomes
 * "kernel/sysrq.c:42", wherever the binary was copied to.
 */
static void store_line(struct host_frame *f, const char *line)
{
	static const char root[] = TAMU_SRCDIR "/";
	const char *colon = strrchr(line, ':');
	size_t len;

	if (!colon || line[0] == '?' || colon[1] < '1' || colon[1] > '9')
		return;
	if (!strncmp(line, root, sizeof(root) - 1))
		line += sizeof(root) - 1;
	len = strcspn(line, " ");
	snprintf(f->where, sizeof(f->where), "%.*s", (int)len, line);
}

void host_frames_add_lines(struct host_frame *frames, int n)
{
	static char out[64 * 256];
	struct exe_range r = { 0 };
	char exe[512], req[32], *line, *next;
	int in = -1, from = -1, i, status;
	ssize_t len;
	pid_t pid;

	dl_iterate_phdr(find_exe, &r);
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return;
	exe[len] = '\0';
	if (spawn_addr2line(exe, &in, &from, &pid))
		return;
	/* The lines of calls, not of the returns after them. */
	for (i = 0; i < n; i++) {
		uintptr_t pc = frames[i].ip - (frames[i].exact ? 0 : 1);

		if (pc < r.start || pc >= r.end)
			pc = 0;
		else
			pc -= r.bias;
		len = snprintf(req, sizeof(req), "%#lx\n", (unsigned long)pc);
		if (host_write_all(in, req, len) < 0)
			break;
	}
	close(in);
	read_all(from, out, sizeof(out));
	close(from);
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	for (i = 0, line = out; i < n && *line; i++, line = next) {
		next = strchrnul(line, '\n');
		if (*next)
			*next++ = '\0';
		frames[i].where[0] = '\0';
		store_line(&frames[i], line);
	}
}
