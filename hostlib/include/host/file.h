/* SPDX-License-Identifier: GPL-2.0-only */
/* Host files the user hands to tamu (initrd=). */
#ifndef _HOST_FILE_H
#define _HOST_FILE_H

#include "host/types.h"

/* Map a whole host file read-only; 0 or -errno. */
int host_map_file(const char *path, const void **addr, size_t *len);

#endif
