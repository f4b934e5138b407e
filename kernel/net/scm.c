// SPDX-License-Identifier: GPL-2.0-only
/*
 * Control messages of SOL_SOCKET (Linux's net/core/scm.c): SCM_RIGHTS
 * passes open files, SCM_CREDENTIALS the sender's pid and ids.  scm_send
 * parses a sendmsg's buffer into a cookie that holds a reference to each
 * file; the family carries them with the message, and the receiver's
 * recvmsg installs them as new descriptors (scm_detach_fds).
 */
#include "tamu/fdtable.h"
#include "tamu/net.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"

/* As Linux's scm_check_creds: one's own, or root's to claim any. */
static int check_creds(const struct ucred *c)
{
	const struct cred *me = &current->cred;

	if (!me->euid)
		return 0;
	if (c->pid != (u32)current->tgid)
		return -EPERM;
	if (c->uid != me->uid && c->uid != me->euid && c->uid != me->suid)
		return -EPERM;
	if (c->gid != me->gid && c->gid != me->egid && c->gid != me->sgid)
		return -EPERM;
	return 0;
}

static int add_rights(struct socket *sock, unsigned long data, int len,
		      struct scm_cookie *scm)
{
	int n = len / (int)sizeof(int), i, fd;
	struct file **fp;

	if (sock->ops->family != AF_UNIX)
		return -EINVAL;
	if (n <= 0)
		return 0;
	if (scm->nr_fp + n > SCM_MAX_FD)
		return -EINVAL;
	if (!scm->fp) {
		scm->fp_uid = current->cred.uid;
		scm->fp = kcalloc(SCM_MAX_FD, sizeof(*fp), GFP_KERNEL);
		if (!scm->fp)
			return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (get_user(fd, (int *)(data + i * sizeof(int))))
			return -EFAULT;
		scm->fp[scm->nr_fp] = fget_raw(fd);
		if (!scm->fp[scm->nr_fp])
			return -EBADF;
		scm->nr_fp++;
	}
	return 0;
}

int scm_send(struct socket *sock, struct sock_msg *m, struct scm_cookie *scm)
{
	unsigned long at = m->control, end = m->control + m->controllen;
	struct cmsghdr h;
	int err;

	while (end - at >= sizeof(h)) {
		if (copy_from_user(&h, at, sizeof(h)))
			return -EFAULT;
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > end - at)
			return -EINVAL;
		if (h.cmsg_level != SOL_SOCKET)
			goto next;
		switch (h.cmsg_type) {
		case SCM_RIGHTS:
			err = add_rights(sock, at + sizeof(h),
					 h.cmsg_len - sizeof(h), scm);
			if (err)
				return err;
			break;
		case SCM_CREDENTIALS:
			if (h.cmsg_len != CMSG_LEN(sizeof(struct ucred)))
				return -EINVAL;
			if (copy_from_user(&scm->creds, at + sizeof(h),
					   sizeof(scm->creds)))
				return -EFAULT;
			err = check_creds(&scm->creds);
			if (err)
				return err;
			scm->has_creds = true;
			break;
		default:
			return -EINVAL;
		}
next:
		at += CMSG_ALIGN(h.cmsg_len);
	}
	return 0;
}

void scm_destroy(struct scm_cookie *scm)
{
	int i;

	for (i = 0; i < scm->nr_fp; i++)
		fput(scm->fp[i]);
	kfree(scm->fp);
	scm->fp = NULL;
	scm->nr_fp = 0;
}

int put_cmsg(struct sock_msg *m, int level, int type, const void *data,
	     int len)
{
	struct cmsghdr h = { CMSG_LEN(len), level, type };
	size_t n = h.cmsg_len;

	if (!m->control || m->controllen < sizeof(h)) {
		m->flags |= MSG_CTRUNC;
		return 0;
	}
	if (m->controllen < n) {
		m->flags |= MSG_CTRUNC;
		n = m->controllen;
	}
	if (copy_to_user(m->control, &h, sizeof(h)) ||
	    copy_to_user(m->control + sizeof(h), data, n - sizeof(h)))
		return -EFAULT;
	n = min(CMSG_SPACE(len), m->controllen);
	m->control += n;
	m->controllen -= n;
	m->control_used += n;
	return 0;
}

void scm_detach_fds(struct sock_msg *m, struct scm_cookie *scm)
{
	int room = 0, n = 0, fd;
	int *fds;

	if (m->control && m->controllen > sizeof(struct cmsghdr))
		room = (m->controllen - sizeof(struct cmsghdr)) / sizeof(int);
	fds = kcalloc(scm->nr_fp ? scm->nr_fp : 1, sizeof(int), GFP_KERNEL);
	while (fds && n < room && n < scm->nr_fp) {
		fd = fd_install(scm->fp[n], m->cmsg_cloexec);
		if (fd < 0)
			break;
		fds[n++] = fd;
	}
	if (n)
		put_cmsg(m, SOL_SOCKET, SCM_RIGHTS, fds, n * sizeof(int));
	/* What did not fit is closed: the receiver learns by MSG_CTRUNC. */
	if (n < scm->nr_fp)
		m->flags |= MSG_CTRUNC;
	kfree(fds);
	scm_destroy(scm);
}
