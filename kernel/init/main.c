// SPDX-License-Identifier: GPL-2.0-only
/*
 * start_kernel: from the host's command line to the point where init
 * starts, in phases.
 */
#include "um/arch.h"
#include "host/file.h"
#include "tamu/binfmt.h"
#include "tamu/blkdev.h"
#include "tamu/fdtable.h"
#include "tamu/ipc.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/syscall.h"
#include "tamu/time.h"
#include "tamu/tty.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"
#include "host/console.h"
#include "host/log.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/params.h"
#include "tamu/printk.h"
#include "tamu/slab.h"
#include "tamu/stats.h"
#include "tamu/string.h"

static struct boot_config boot;
static struct fs_struct init_fs = { .users = 1, .umask = 022 };

static void __noreturn usage_and_exit(void)
{
	static char help[2048];

	boot_usage(help, sizeof(help));
	host_console_write(help, strlen(help));
	arch_halt(TAMU_EXIT_OK);
}

static void __noreturn version_and_exit(void)
{
	static const char version[] = "tamu " TAMU_VERSION "\n";

	host_console_write(version, sizeof(version) - 1);
	arch_halt(TAMU_EXIT_OK);
}

static void __noreturn usage_error(const char *msg)
{
	char line[256];

	scnprintf(line, sizeof(line), "tamu: %s\n", msg);
	host_log_write(line, strlen(line));
	arch_halt(TAMU_EXIT_USAGE);
}

/* The command line, for /proc/cmdline (Linux's COMMAND_LINE_SIZE). */
char saved_command_line[2048];

static void log_command_line(int argc, char **argv)
{
	size_t len = 0;
	int i;

	for (i = 0; i < argc; i++)
		len += scnprintf(saved_command_line + len,
				 sizeof(saved_command_line) - len, "%s%s",
				 i ? " " : "", argv[i]);
	pr_info("Command line: %s\n", saved_command_line);
}

static int physmem_fd;

/* Physical memory, then the page and object allocators on it. */
static void mm_init(void)
{
	void *base;
	int err;

	physmem_fd = arch_mem_setup(boot.mem_size, &base);
	if (physmem_fd < 0) {
		pr_emerg("cannot create %llu bytes of physical memory: %s\n",
			 (unsigned long long)boot.mem_size, errstr(physmem_fd));
		arch_halt(TAMU_EXIT_HOST);
	}
	err = zone_init(&phys_zone, base, boot.mem_size);
	if (err)
		panic("mm_init: zone_init failed: %d", err);
	kmalloc_init();
	pr_info("Memory: %luK available, %luK reserved for the page map\n",
		nr_free_pages() << (PAGE_SHIFT - 10),
		phys_zone.reserved_pages << (PAGE_SHIFT - 10));
}

/* A documented way to exercise the panic path (forcepanic). */
static __noinline void force_panic(void)
{
	panic("forced by the forcepanic boot option");
}

static void __noreturn halt_at(const char *stage)
{
	pr_notice("break=%s: halting as asked\n", stage);
	arch_halt(TAMU_EXIT_OK);
}

/* The number of group name in the root's /etc/group, or -ENOENT. */
static int group_id(const char *name)
{
	char buf[4096], *line, *next;
	size_t len = strlen(name);
	struct file *f;
	ssize_t n;
	int gid = -ENOENT;

	f = file_open(AT_FDCWD, "/etc/group", O_RDONLY, 0);
	if (IS_ERR(f))
		return -ENOENT;
	n = kernel_read(f, buf, sizeof(buf) - 1, 0);
	fput(f);
	if (n <= 0)
		return -ENOENT;
	buf[n] = '\0';
	/* name:password:gid:members */
	for (line = buf; line; line = next) {
		char *gid_field, *end;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncmp(line, name, len) || line[len] != ':')
			continue;
		gid_field = strchr(line + len + 1, ':');
		end = gid_field ? strchr(++gid_field, ':') : NULL;
		if (end)
			*end = '\0';
		if (!gid_field || kstrtoint(gid_field, 10, &gid) || gid < 0)
			gid = -ENOENT;
		break;
	}
	return gid;
}

/*
 * devpts on /dev/pts, as a distribution's fstab has it: slaves 0620 and of
 * group tty when there is one, so that write(1) can reach a terminal.
 */
static void mount_devpts(void)
{
	char options[64];
	int gid = group_id("tty");
	struct path pts;
	int err;

	if (gid >= 0)
		scnprintf(options, sizeof(options), "gid=%d,mode=620", gid);
	else
		scnprintf(options, sizeof(options), "mode=620");
	err = kern_path("/dev/pts", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &pts);
	if (!err) {
		err = do_mount("devpts", &pts, "devpts", 0, options);
		path_put(&pts);
	}
	if (err)
		pr_warn("cannot mount devpts on /dev/pts: %s\n", errstr(err));
}

/*
 * devtmpfs on the root's /dev, as Linux's CONFIG_DEVTMPFS_MOUNT does, so
 * init finds its console whatever the root file system holds.
 */
static void mount_dev(void)
{
	struct path dev;
	int err;

	if (kern_path("/dev", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dev)) {
		pr_warn("no /dev in the root file system: no device nodes\n");
		return;
	}
	err = do_mount("devtmpfs", &dev, "devtmpfs", 0, NULL);
	path_put(&dev);
	if (err) {
		pr_warn("cannot mount devtmpfs on /dev: %s\n", errstr(err));
		return;
	}
	mount_devpts();
}

/* The directory name in dir, made if missing; referenced in at. */
static int make_dir(const struct path *dir, const char *name,
		    struct path *at)
{
	struct inode *di = dir->dentry->inode;
	struct dentry *d = lookup_one(dir, name, strlen(name));
	int err = 0;

	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d->inode)
		err = di->i_op && di->i_op->mkdir
			      ? di->i_op->mkdir(di, d, S_IFDIR | 0755)
			      : -EROFS;
	dput(d);
	if (err)
		return err;
	mutex_lock(&di->i_mutex);
	d = lookup_one_locked(dir, name, strlen(name));
	mutex_unlock(&di->i_mutex);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d->inode) {
		dput(d);
		return -ENOENT;
	}
	*at = (struct path){ mntget(dir->mnt), d };
	return 0;
}

/* hostfs=: the shared host directory at /host, made if missing. */
static int mount_hostfs(void)
{
	struct path at;
	int err = make_dir(&current->fs->root, "host", &at);

	if (err)
		return err;
	err = do_mount(boot.hostfs, &at, "hostfs", 0, boot.hostfs);
	path_put(&at);
	return err;
}

/* The root file system: tmpfs, filled from the initramfs. */
static void rootfs_init(void)
{
	const char *what = boot.initrd ? boot.initrd : "the built-in initramfs";
	const void *data;
	size_t len;
	int err;

	err = mount_root("rootfs");
	if (err)
		panic("cannot mount the root file system: %d", err);
	init_fs.root = init_fs.pwd = root_path;
	path_get(&init_fs.root);
	path_get(&init_fs.pwd);
	current->fs = &init_fs;

	if (boot.rootfs) {
		/* Shared now, so that a bad DIR is a usage error. */
		err = hostfs_export(boot.rootfs);
		if (err) {
			pr_emerg("rootfs=%s: cannot share it: %s\n",
				 boot.rootfs, errstr(err));
			arch_halt(TAMU_EXIT_USAGE);
		}
		return;
	}
	if (boot.initrd) {
		stat_inc(STAT_mmap_kernel);
		err = host_map_file(boot.initrd, &data, &len);
		if (err) {
			pr_emerg("initrd=%s: cannot read it: %s\n",
				 boot.initrd, errstr(err));
			arch_halt(TAMU_EXIT_USAGE);
		}
	} else {
		arch_initramfs(&data, &len);
	}
	if (unpack_initramfs(data, len, what)) {
		pr_emerg("%s is not a usable newc cpio archive\n", what);
		arch_halt(boot.initrd ? TAMU_EXIT_USAGE : TAMU_EXIT_PANIC);
	}
	mount_dev();
	if (!boot.hostfs)
		return;
	err = hostfs_export(boot.hostfs);
	if (!err)
		err = mount_hostfs();
	if (err) {
		pr_emerg("hostfs=%s: cannot share it: %s\n", boot.hostfs,
			 errstr(err));
		arch_halt(TAMU_EXIT_USAGE);
	}
}

/* Open /dev/console as fds 0, 1 and 2 of init. */
static void open_console(void)
{
	struct file *f = file_open(AT_FDCWD, "/dev/console", O_RDWR, 0);

	/* Shown even with quiet: init's output goes nowhere without it. */
	if (IS_ERR(f)) {
		pr_err("Warning: unable to open an initial console "
		       "(/dev/console: %s)\n", errstr(PTR_ERR(f)));
		return;
	}
	fd_install(f, false);
	fd_install(f, false);
	fd_install(f, false);
	fput(f);
}

static int try_init(const char *path)
{
	static char *envp[] = { "HOME=/", "TERM=linux",
				"PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };
	char **argv = kcalloc(boot.init_argc + 2, sizeof(*argv), GFP_KERNEL);
	int i, n = 0, err;

	if (!argv)
		return -ENOMEM;
	/* "-- PROG ARGS": PROG is init, and ARGS its arguments, all. */
	argv[n++] = (char *)path;
	for (i = boot.init_argc ? 1 : 0; i < boot.init_argc; i++)
		argv[n++] = boot.init_argv[i];
	argv[n] = NULL;
	err = do_execve(path, argv, envp);
	kfree(argv);
	/* As the host's execve would say: one line, status 2. */
	if (err == -E2BIG && boot.init_argc)
		usage_error("--: the program's arguments are more than execve "
			    "takes (Argument list too long)");
	if (err)
		pr_err("Failed to execute %s (%s)\n", path, errstr(err));
	return err;
}

/* The newest mount becomes init's root and working directory. */
static void set_root_to_newest(void)
{
	struct vfsmount *mnt = list_entry(mount_list.prev, struct vfsmount,
					  list);
	struct path root = { mnt, mnt->root };

	path_put(&current->fs->root);
	path_put(&current->fs->pwd);
	current->fs->root = current->fs->pwd = root;
	path_get(&root);	/* one reference each */
	path_get(&root);
}

/*
 * root=: the file system on that block device becomes the root, mounted
 * over the initramfs as Linux's prepare_namespace does.  Done by init,
 * as reading the disk sleeps.
 */
static void mount_block_root(const char *dev)
{
	static const char *const types[] = { "ext2" };
	struct path root = { root_path.mnt, root_path.dentry };
	int err = -ENODEV;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types) && err; i++)
		err = do_mount(dev, &root, types[i], 0, NULL);
	if (err)
		panic_boot("VFS: Unable to mount root fs on %s: %s", dev,
			   errstr(err));
	/* The newest mount is the disk's. */
	set_root_to_newest();
	root = current->fs->root;
	pr_info("VFS: Mounted root (%s filesystem) on device %u:%u.\n",
		root.mnt->sb->type->name, MAJOR(root.mnt->sb->dev),
		MINOR(root.mnt->sb->dev));
	mount_dev();
	err = boot.hostfs ? mount_hostfs() : 0;
	if (err)
		pr_warn("hostfs=%s: cannot mount it at /host on %s: %s\n",
			boot.hostfs, dev, errstr(err));
}

/* A file system of type on the root's dir, if the root has one. */
static void mount_on(const char *dir, const char *type, const char *options)
{
	struct path at;
	int err = kern_path(dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &at);

	if (err)
		return;
	err = do_mount(type, &at, type, 0, options);
	path_put(&at);
	if (err)
		pr_warn("cannot mount %s on %s: %s\n", type, dir, errstr(err));
}

/*
 * rootfs=DIR: the root is an overlay of DIR through hostfs, read-only,
 * under a tmpfs that takes every change.  The layers are mounted on the
 * initial tmpfs, which the overlay then covers; hostfs is shared no more,
 * so the guest cannot mount DIR writable.  As a distribution's init
 * would, the kernel mounts /proc, /sys, /dev, /dev/pts, /tmp and /run.
 */
static void mount_overlay_root(const char *dir)
{
	static const char options[] = "lowerdir=/lower,upperdir=/upper/root,"
				      "workdir=/upper/work";
	struct path lower, upper, sub, root = current->fs->root;
	int err;

	err = make_dir(&root, "lower", &lower);
	if (!err) {
		err = do_mount(dir, &lower, "hostfs", MS_RDONLY, dir);
		path_put(&lower);
	}
	hostfs_unexport();
	if (!err)
		err = make_dir(&root, "upper", &upper);
	if (!err) {
		err = do_mount("tmpfs", &upper, "tmpfs", 0, "mode=755");
		path_put(&upper);
	}
	if (!err)
		err = kern_path("/upper", LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
				&upper);
	if (!err) {
		err = make_dir(&upper, "root", &sub);
		if (!err) {
			path_put(&sub);
			err = make_dir(&upper, "work", &sub);
		}
		if (!err)
			path_put(&sub);
		path_put(&upper);
	}
	if (!err)
		err = do_mount("overlay", &root, "overlay", 0, options);
	if (err)
		panic_boot("VFS: Unable to mount the overlay of %s as root: %s",
			   dir, errstr(err));
	set_root_to_newest();
	pr_info("VFS: Mounted root (overlay of %s, read-only, over tmpfs)\n",
		dir);
	mount_dev();
	mount_on("/proc", "proc", NULL);
	mount_on("/sys", "sysfs", NULL);
	mount_on("/tmp", "tmpfs", "mode=1777");
	mount_on("/run", "tmpfs", "mode=755");
}

/* pid 1: becomes the first guest program, as Linux's kernel_init does. */
static void kernel_init(void *arg)
{
	static const char *const fallbacks[] = { "/etc/init", "/bin/init",
						 "/bin/sh" };
	size_t i;

	if (boot.root)
		mount_block_root(boot.root);
	if (boot.rootfs)
		mount_overlay_root(boot.rootfs);
	open_console();
	if (boot.init_argc) {
		boot.init = boot.init_argv[0];
		boot.init_explicit = true;
	}
	if (boot.init_explicit) {
		if (!try_init(boot.init))
			user_task_loop();
		panic_boot("Requested init %s failed. See Linux "
		      "Documentation/admin-guide/init.rst for guidance.",
		      boot.init);
	}
	if (!try_init(boot.init))
		user_task_loop();
	for (i = 0; i < ARRAY_SIZE(fallbacks); i++)
		if (!try_init(fallbacks[i]))
			user_task_loop();
	panic_boot("No working init found.  Try passing init= option to "
		   "kernel.");
}

static void start_init(void)
{
	struct task_struct *t = task_create("init", kernel_init, NULL);

	if (!t || arch_thread_init(t) || !(t->files = files_alloc()) ||
	    !(t->sighand = alloc_sighand()) || !(t->signal = alloc_signal()))
		panic("cannot create the init task");
	t->pid = t->tgid = alloc_pid();
	t->cred.cap_permitted = t->cred.cap_effective = CAP_FULL_SET;
	t->cred.cap_bset = CAP_FULL_SET;
	t->fs = copy_fs_struct(&init_fs);
	t->group_leader = t;
	t->signal->leader = t;
	t->exit_signal = SIGCHLD;
	init_sigpending(&t->pending);
	t->signal->session = t->signal->pgrp = t->pid;
	t->signal->flags |= SIGNAL_UNKILLABLE;
	t->sas_ss_flags = SS_DISABLE;
	init_task = t;
	nr_tasks++;
	wake_up_new_task(t);
}

static const char *platform_error(int err)
{
	switch (err) {
	case -EPERM:
	case -EACCES:
		return "the host forbids ptrace (is a seccomp filter or "
		       "kernel.yama.ptrace_scope=3 in the way?)";
	case -ENOSYS:
		return "the host kernel lacks a system call the platform needs";
	case -ENOMEM:
		return "out of memory";
	}
	return "it failed to start (see the messages above)";
}

/* The boot context becomes the idle task: it runs when nothing else can. */
static void __noreturn cpu_idle(void)
{
	for (;;) {
		u64 next, now;

		if (arch_irqs_pending())
			handle_irqs();
		if (!runqueue_empty()) {
			arch_tick_enable(true);
			schedule();
			continue;
		}
		arch_tick_enable(false);
		next = next_timer_expiry();
		now = ktime_get_ns();
		arch_idle(next ? (next > now ? next - now : 1) : 0,
			  console_wants_input());
		/* Nothing ran while the kernel slept: before anyone wakes. */
		loadavg_update(ktime_get_ns());
		handle_irqs();
	}
}

void start_kernel(int argc, char **argv)
{
	char err[256];
	int err_platform;

	/* Command line. */
	printk_init();
	if (arch_fault_init())
		pr_warn("kernel faults will not be reported as oopses\n");
	boot_config_defaults(&boot);
	if (parse_boot_args(&boot, argc, argv, err, sizeof(err)))
		usage_error(err);
	if (boot.action == BOOT_HELP)
		usage_and_exit();
	if (boot.action == BOOT_VERSION)
		version_and_exit();
	console_loglevel = boot.loglevel;
	oops_continue = boot.oops_continue;
	stats_file = boot.stats;
	pr_notice("tamu version " TAMU_VERSION "\n");
	log_command_line(argc, argv);

	/* Memory. */
	mm_init();
	mmap_min_addr_init();
	if (boot.force_panic)
		force_panic();
	if (boot.break_at == BREAK_MM)
		halt_at("mm");

	/* Processes, files, devices, the platform. */
	sched_init();
	set_max_tasks(phys_zone.nr_pages);
	/* Before the drivers, which make their nodes in devtmpfs. */
	vfs_init();
	ipc_init();
	if (ubd_init(&boot, err, sizeof(err)))
		usage_error(err);
	loop_init();
	rootfs_init();
	console_init();
	err_platform = arch_platform_init(boot.mode, &boot.aspace, boot.protect,
					  physmem_fd);
	/* An option the mode cannot take: named above, a usage error. */
	if (err_platform == -EINVAL)
		arch_halt(TAMU_EXIT_USAGE);
	if (err_platform) {
		pr_emerg("mode=%s cannot run on this host: %s\n", boot.mode,
			 platform_error(err_platform));
		arch_halt(TAMU_EXIT_HOST);
	}
	pr_info("Platform: %s, address spaces: %s, kernel protection: %s\n",
		boot.mode, boot.aspace, arch_protection());
	stats_platform[0] = boot.mode;
	stats_platform[1] = boot.aspace;
	stats_platform[2] = arch_protection();

	/* Init. */
	syscall_trace = boot.strace;
	if (boot.break_at == BREAK_INIT)
		halt_at("init");
	start_init();
	cpu_idle();
}
