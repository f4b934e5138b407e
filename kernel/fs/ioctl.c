// SPDX-License-Identifier: GPL-2.0-only
/* ioctl: the generic requests, then the file's own. */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/termios.h"

SYSCALL_DEFINE(fcntl, unsigned int fd, unsigned int cmd, unsigned long arg);

SYSCALL_DEFINE(ioctl, unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;
	int on;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
		ret = sys_fcntl(fd, F_SETFD, FD_CLOEXEC);
		break;
	case FIONCLEX:
		ret = sys_fcntl(fd, F_SETFD, 0);
		break;
	case FIONBIO:
		ret = get_user(on, (int *)arg);
		if (!ret) {
			if (on)
				f->f_flags |= O_NONBLOCK;
			else
				f->f_flags &= ~O_NONBLOCK;
		}
		break;
	default:
		ret = f->f_op && f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg)
						: -ENOTTY;
	}
	fput(f);
	return ret;
}
