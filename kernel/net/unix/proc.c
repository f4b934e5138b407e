// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/net/unix, in Linux's columns: ss, netstat and lsof read it to name
 * the unix sockets a process holds (by the inode /proc/PID/fd shows).
 */
#include "tamu/seq.h"
#include "af_unix.h"

#define __SO_ACCEPTCON (1 << 16)

static void show_name(struct seq_buf *m, const struct unix_address *a)
{
	int n = a->len - (int)sizeof(a->name.sun_family), i;
	const char *p = a->bytes + sizeof(a->name.sun_family);

	seq_printf(m, " ");
	/* An abstract name starts with a NUL; Linux prints NULs as '@'. */
	for (i = 0; i < n; i++) {
		if (!p[i] && i && p[0])
			break;		/* a path's terminating NUL */
		seq_printf(m, "%c", p[i] ? p[i] : '@');
	}
}

void unix_seq_show(struct seq_buf *m)
{
	struct unix_sock *u;

	seq_printf(m, "Num       RefCount Protocol Flags    Type St Inode Path\n");
	list_for_each_entry(u, &unix_socket_list, link) {
		int st;

		if (u->dead)
			continue;	/* released: only buffers hold it */
		if (u->file)
			st = u->state == UNIX_CONNECTED ? SS_CONNECTED
							: SS_UNCONNECTED;
		else	/* a connection not yet accepted */
			st = u->state == UNIX_CONNECTED ? SS_CONNECTING
							: SS_DISCONNECTING;
		/* Linux hides the address (%pK) from all but the privileged. */
		seq_printf(m, "%016x: %08X %08X %08X %04X %02X %5llu", 0,
			   u->refcnt, 0,
			   u->state == UNIX_LISTEN ? __SO_ACCEPTCON : 0,
			   u->sk.type, st,
			   u->file ? (unsigned long long)u->file->inode->ino : 0);
		if (u->addr)
			show_name(m, u->addr);
		seq_printf(m, "\n");
	}
}
