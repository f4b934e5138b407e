// SPDX-License-Identifier: GPL-2.0-only
/* hostlib against the real host: every call returns a value or -errno. */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "host/console.h"
#include "host/hostfs.h"
#include "host/log.h"
#include "host/memfile.h"
#include "host/mman.h"
#include "host/signal.h"
#include "host/time.h"
#include "host/unwind.h"

#define MS 1000000ULL

START_TEST(test_clock_and_sleep)
{
	uint64_t t0 = host_clock_ns(HOST_CLOCK_MONOTONIC);
	uint64_t real = host_clock_ns(HOST_CLOCK_REALTIME);

	ck_assert_int_eq(host_sleep_ns(10 * MS), 0);
	ck_assert_uint_ge(host_clock_ns(HOST_CLOCK_MONOTONIC) - t0, 10 * MS);
	/* The real-time clock is wall time: after 2020. */
	ck_assert_uint_gt(real / HOST_NSEC_PER_SEC, 1577836800);
}
END_TEST

START_TEST(test_timer_once_and_periodic)
{
	int fd = host_timer_create();
	uint64_t n = 0;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(host_timer_arm(fd, 5 * MS, 0), 0);
	ck_assert_int_eq(host_timer_read(fd, &n), -EAGAIN);
	host_sleep_ns(20 * MS);
	ck_assert_int_eq(host_timer_read(fd, &n), 0);
	ck_assert_uint_eq(n, 1);

	ck_assert_int_eq(host_timer_arm(fd, 0, 2 * MS), 0);
	host_sleep_ns(30 * MS);
	ck_assert_int_eq(host_timer_read(fd, &n), 0);
	ck_assert_uint_ge(n, 3);

	ck_assert_int_eq(host_timer_arm(fd, 0, 0), 0);
	host_sleep_ns(5 * MS);
	host_timer_read(fd, &n);
	ck_assert_int_eq(host_timer_read(fd, &n), -EAGAIN);
	host_close(fd);
	ck_assert_int_eq(host_timer_read(fd, &n), -EBADF);
}
END_TEST

START_TEST(test_memfile_shared_mappings)
{
	int fd = host_memfile_create("test", 1 << 20);
	void *a = NULL, *b = NULL;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(host_mmap(&a, 1 << 20,
				   HOST_PROT_READ | HOST_PROT_WRITE,
				   HOST_MAP_SHARED, fd, 0),
			 0);
	ck_assert_int_eq(host_mmap(&b, 4096, HOST_PROT_READ, HOST_MAP_SHARED,
				   fd, 8192),
			 0);
	/* Both are views of the same file page. */
	strcpy((char *)a + 8192, "frame two");
	ck_assert_str_eq(b, "frame two");
	ck_assert_int_eq(host_munmap(a, 1 << 20), 0);
	ck_assert_int_eq(host_munmap(b, 4096), 0);
	ck_assert_int_eq(host_close(fd), 0);
}
END_TEST

START_TEST(test_memfile_errors)
{
	void *p = NULL;

	ck_assert_int_lt(host_memfile_create("huge", 1ULL << 63), 0);
	ck_assert_int_eq(host_mmap(&p, 4096, HOST_PROT_READ, HOST_MAP_SHARED,
				   -1, 0),
			 -EBADF);
	ck_assert_int_eq(host_close(-1), -EBADF);
}
END_TEST

START_TEST(test_mmap_fixed_and_protect)
{
	void *p = NULL, *q;

	ck_assert_int_eq(
		host_mmap(&p, 3 * 4096, HOST_PROT_READ | HOST_PROT_WRITE,
			  HOST_MAP_PRIVATE | HOST_MAP_ANONYMOUS, -1, 0),
		0);
	q = (char *)p + 4096;
	ck_assert_int_eq(host_mmap(&q, 4096, HOST_PROT_READ,
				   HOST_MAP_PRIVATE | HOST_MAP_ANONYMOUS |
					   HOST_MAP_FIXED,
				   -1, 0),
			 0);
	ck_assert_ptr_eq(q, (char *)p + 4096);
	/* Something is there already: FIXED_NOREPLACE refuses. */
	ck_assert_int_eq(host_mmap(&q, 4096, HOST_PROT_READ,
				   HOST_MAP_PRIVATE | HOST_MAP_ANONYMOUS |
					   HOST_MAP_FIXED_NOREPLACE,
				   -1, 0),
			 -EEXIST);
	ck_assert_int_eq(host_mprotect(p, 3 * 4096, HOST_PROT_NONE), 0);
	ck_assert_int_eq(host_mprotect(p, 3 * 4096, HOST_PROT_READ), 0);
	ck_assert_int_eq(host_mprotect((char *)p + 1, 4096, HOST_PROT_READ),
			 -EINVAL);
	ck_assert_int_eq(host_munmap((char *)p + 1, 4096), -EINVAL);
	ck_assert_int_eq(host_munmap(p, 3 * 4096), 0);
}
END_TEST

/* mprotect really protects: reading PROT_NONE memory kills with SIGSEGV. */
START_TEST(test_protect_none_faults)
{
	void *p = NULL;

	host_mmap(&p, 4096, HOST_PROT_READ | HOST_PROT_WRITE,
		  HOST_MAP_PRIVATE | HOST_MAP_ANONYMOUS, -1, 0);
	host_mprotect(p, 4096, HOST_PROT_NONE);
	*(volatile char *)p = 1;
}
END_TEST

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

START_TEST(test_signal_handle_mask_raise)
{
	host_sigset_t old;

	got_signal = 0;
	ck_assert_int_eq(host_signal_handle(HOST_SIGUSR1, on_signal), 0);
	ck_assert_int_eq(host_signal_raise(HOST_SIGUSR1), 0);
	ck_assert_int_eq(got_signal, HOST_SIGUSR1);

	got_signal = 0;
	ck_assert_int_eq(host_signal_mask(HOST_SIG_BLOCK,
					  HOST_SIGBIT(HOST_SIGUSR1), &old),
			 0);
	ck_assert_uint_eq(old & HOST_SIGBIT(HOST_SIGUSR1), 0);
	host_signal_raise(HOST_SIGUSR1);
	ck_assert_int_eq(got_signal, 0);
	ck_assert_int_eq(host_signal_mask(HOST_SIG_UNBLOCK,
					  HOST_SIGBIT(HOST_SIGUSR1), &old),
			 0);
	ck_assert_uint_ne(old & HOST_SIGBIT(HOST_SIGUSR1), 0);
	ck_assert_int_eq(got_signal, HOST_SIGUSR1);

	ck_assert_int_eq(host_signal_ignore(HOST_SIGUSR1), 0);
	host_signal_raise(HOST_SIGUSR1);
	ck_assert_int_eq(host_signal_handle(HOST_SIGKILL, on_signal), -EINVAL);
	ck_assert_int_eq(host_signal_mask(7, 0, NULL), -EINVAL);
}
END_TEST

struct seen_frames {
	int n;
	struct host_frame f[HOST_MAX_FRAMES];
};

__attribute__((noipa)) static int unwind_inner(struct seen_frames *s)
{
	int n = host_backtrace(0, s->f, HOST_MAX_FRAMES);

	__asm__ volatile("" ::: "memory");
	return n;
}

__attribute__((noipa)) static int unwind_outer(struct seen_frames *s)
{
	int n = unwind_inner(s);

	__asm__ volatile("" ::: "memory");
	return n;
}

START_TEST(test_unwind_names_frames)
{
	static struct seen_frames s;
	int n = unwind_outer(&s);

	ck_assert_int_gt(n, 2);
	/* It starts at its caller, and each frame is a call. */
	ck_assert_str_eq(s.f[0].name, "unwind_inner");
	ck_assert_str_eq(s.f[1].name, "unwind_outer");
	ck_assert(!s.f[0].exact && !s.f[1].exact);
	ck_assert_uint_lt(s.f[0].offset, s.f[0].size);
	/* Source lines, relative to the tree, of the calls. */
	host_frames_add_lines(s.f, n);
	ck_assert_msg(!strncmp(s.f[0].where, "tests/unit/test_hostlib.c:", 26),
		      "frame 0 at '%s'", s.f[0].where);
	ck_assert_msg(!strncmp(s.f[1].where, "tests/unit/test_hostlib.c:", 26),
		      "frame 1 at '%s'", s.f[1].where);
	ck_assert_int_lt(atoi(s.f[0].where + 26), atoi(s.f[1].where + 26));
}
END_TEST

/* Console and log writes reach fds 1 and 2 whole. */
START_TEST(test_console_and_log_write)
{
	char buf[64] = { 0 };
	int out[2], err[2];

	ck_assert_int_eq(pipe(out), 0);
	ck_assert_int_eq(pipe(err), 0);
	dup2(out[1], STDOUT_FILENO);
	dup2(err[1], STDERR_FILENO);
	ck_assert_int_eq(host_console_write("to console", 10), 10);
	ck_assert_int_eq(host_log_write("to log", 6), 6);
	ck_assert_int_eq(read(out[0], buf, sizeof(buf)), 10);
	ck_assert_str_eq(buf, "to console");
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(read(err[0], buf, sizeof(buf)), 6);
	ck_assert_str_eq(buf, "to log");
	close(STDOUT_FILENO);
	ck_assert_int_eq(host_console_write("x", 1), -EBADF);
	/* A pipe is no terminal: restore must be harmless. */
	ck_assert(!host_console_isatty() || isatty(STDIN_FILENO));
	host_console_restore();
}
END_TEST

/* hostfs calls take one name below a directory and follow no symlink. */
START_TEST(test_hostfs_confined)
{
	char dir[] = "/tmp/tamu-hostfs-unit.XXXXXX", buf[64];
	struct host_stat st;
	int root, sub, fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	root = host_fs_open_root(dir);
	ck_assert_int_ge(root, 0);
	ck_assert_int_eq(host_fs_mkdir(root, "sub", 0751), 0);
	ck_assert_int_eq(host_fs_create(root, "f", 0604), 0);
	ck_assert_int_eq(host_fs_stat_at(root, "f", &st), 0);
	ck_assert_uint_eq(st.mode, 0100604);	/* no host umask */
	ck_assert_int_eq(host_fs_symlink("/etc", root, "abs"), 0);
	ck_assert_int_eq(host_fs_symlink("..", root, "up"), 0);

	ck_assert_int_eq(host_fs_open_dir(root, ".."), -EINVAL);
	ck_assert_int_eq(host_fs_open_dir(root, "sub/.."), -EINVAL);
	ck_assert_int_eq(host_fs_open_dir(root, ""), -EINVAL);
	ck_assert_int_eq(host_fs_stat_at(root, "/etc", &st), -EINVAL);
	ck_assert_int_lt(host_fs_open_dir(root, "abs"), 0);
	ck_assert_int_lt(host_fs_open_dir(root, "up"), 0);
	ck_assert_int_lt(host_fs_open_file(root, "abs", HOST_FS_READ), 0);
	ck_assert_int_eq(host_fs_stat_at(root, "up", &st), 0);
	ck_assert(S_ISLNK(st.mode));
	ck_assert_int_eq(host_fs_readlink(root, "abs", buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "/etc");
	ck_assert_int_eq(host_fs_open_file(root, "sub", HOST_FS_READ), -EISDIR);

	sub = host_fs_open_dir(root, "sub");
	ck_assert_int_ge(sub, 0);
	ck_assert_int_eq(host_fs_stat_at(sub, ".", &st), 0);
	ck_assert_uint_eq(st.mode, 040751);
	fd = host_fs_open_file(root, "f", HOST_FS_READ | HOST_FS_WRITE);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(host_fs_pwritev(fd, &(struct host_iovec){ "hello", 5 },
					 1, 10), 0);
	ck_assert_int_eq(host_fs_preadv(fd, &(struct host_iovec){
						 buf, sizeof(buf) }, 1, 8), 7);
	ck_assert_int_eq(memcmp(buf, "\0\0hello", 7), 0);
	host_close(fd);
	ck_assert_int_eq(host_fs_rename(root, "f", sub, "g",
					HOST_RENAME_NOREPLACE), 0);
	ck_assert_int_eq(host_fs_rename(root, "abs", root, "up",
					HOST_RENAME_NOREPLACE), -EEXIST);
	ck_assert_int_eq(host_fs_unlink(root, "sub", true), -ENOTEMPTY);
	ck_assert_int_eq(host_fs_unlink(sub, "g", false), 0);
	host_close(sub);
	ck_assert_int_eq(host_fs_unlink(root, "sub", true), 0);
	ck_assert_int_eq(host_fs_unlink(root, "abs", false), 0);
	ck_assert_int_eq(host_fs_unlink(root, "up", false), 0);
	host_close(root);
	ck_assert_int_eq(host_fs_open_root("/nonexistent/x"), -ENOENT);
	ck_assert_int_eq(host_fs_open_root("/etc/passwd"), -ENOTDIR);
	rmdir(dir);
}
END_TEST

Suite *hostlib_suite(void)
{
	Suite *s = suite_create("hostlib");
	TCase *tc = tcase_create("host");

	tcase_add_test(tc, test_clock_and_sleep);
	tcase_add_test(tc, test_timer_once_and_periodic);
	tcase_add_test(tc, test_memfile_shared_mappings);
	tcase_add_test(tc, test_memfile_errors);
	tcase_add_test(tc, test_mmap_fixed_and_protect);
	tcase_add_test_raise_signal(tc, test_protect_none_faults, SIGSEGV);
	tcase_add_test(tc, test_signal_handle_mask_raise);
	tcase_add_test(tc, test_unwind_names_frames);
	tcase_add_test(tc, test_console_and_log_write);
	tcase_add_test(tc, test_hostfs_confined);
	suite_add_tcase(s, tc);
	return s;
}
