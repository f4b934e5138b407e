/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loop devices: Linux's uapi/linux/loop.h, the ioctls of /dev/loopN and
 * /dev/loop-control and the structures they take.
 */
#ifndef _UAPI_LOOP_H
#define _UAPI_LOOP_H

#include "tamu/types.h"

#define LO_NAME_SIZE 64
#define LO_KEY_SIZE 32

enum {
	LO_FLAGS_READ_ONLY = 1,
	LO_FLAGS_AUTOCLEAR = 4,
	LO_FLAGS_PARTSCAN = 8,
	LO_FLAGS_DIRECT_IO = 16,
};

/* What LOOP_SET_STATUS(64) may set, and clear; what LOOP_CONFIGURE sets. */
#define LOOP_SET_STATUS_SETTABLE_FLAGS (LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN)
#define LOOP_SET_STATUS_CLEARABLE_FLAGS LO_FLAGS_AUTOCLEAR
#define LOOP_CONFIGURE_SETTABLE_FLAGS                                  \
	(LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN | \
	 LO_FLAGS_DIRECT_IO)

/* The old LOOP_SET_STATUS/LOOP_GET_STATUS; x86-64's old dev_t is a long. */
struct loop_info {
	int lo_number;
	unsigned long lo_device;
	unsigned long lo_inode;
	unsigned long lo_rdevice;
	int lo_offset;
	int lo_encrypt_type;
	int lo_encrypt_key_size;
	int lo_flags;
	char lo_name[LO_NAME_SIZE];
	unsigned char lo_encrypt_key[LO_KEY_SIZE];
	unsigned long lo_init[2];
	char reserved[4];
};

_Static_assert(sizeof(struct loop_info) == 168, "loop_info");
_Static_assert(__builtin_offsetof(struct loop_info, lo_offset) == 32,
	       "loop_info.lo_offset");
_Static_assert(__builtin_offsetof(struct loop_info, lo_name) == 48,
	       "loop_info.lo_name");
_Static_assert(__builtin_offsetof(struct loop_info, lo_init) == 144,
	       "loop_info.lo_init");

struct loop_info64 {
	u64 lo_device;
	u64 lo_inode;
	u64 lo_rdevice;
	u64 lo_offset;
	u64 lo_sizelimit;	/* bytes, 0: up to the file's end */
	u32 lo_number;
	u32 lo_encrypt_type;	/* only LO_CRYPT_NONE is left */
	u32 lo_encrypt_key_size;
	u32 lo_flags;
	u8 lo_file_name[LO_NAME_SIZE];
	u8 lo_crypt_name[LO_NAME_SIZE];
	u8 lo_encrypt_key[LO_KEY_SIZE];
	u64 lo_init[2];
};

_Static_assert(sizeof(struct loop_info64) == 232, "loop_info64");
_Static_assert(__builtin_offsetof(struct loop_info64, lo_number) == 40,
	       "loop_info64.lo_number");
_Static_assert(__builtin_offsetof(struct loop_info64, lo_file_name) == 56,
	       "loop_info64.lo_file_name");
_Static_assert(__builtin_offsetof(struct loop_info64, lo_init) == 216,
	       "loop_info64.lo_init");

/* LOOP_CONFIGURE: LOOP_SET_FD, LOOP_SET_STATUS64 and a block size at once. */
struct loop_config {
	u32 fd;
	u32 block_size;		/* 0: 512 */
	struct loop_info64 info;
	u64 __reserved[8];
};

_Static_assert(sizeof(struct loop_config) == 304, "loop_config");
_Static_assert(__builtin_offsetof(struct loop_config, info) == 8,
	       "loop_config.info");

#define LO_CRYPT_NONE 0
#define LO_CRYPT_XOR 1
#define LO_CRYPT_CRYPTOAPI 18

#define LOOP_SET_FD 0x4C00
#define LOOP_CLR_FD 0x4C01
#define LOOP_SET_STATUS 0x4C02
#define LOOP_GET_STATUS 0x4C03
#define LOOP_SET_STATUS64 0x4C04
#define LOOP_GET_STATUS64 0x4C05
#define LOOP_CHANGE_FD 0x4C06
#define LOOP_SET_CAPACITY 0x4C07
#define LOOP_SET_DIRECT_IO 0x4C08
#define LOOP_SET_BLOCK_SIZE 0x4C09
#define LOOP_CONFIGURE 0x4C0A

#define LOOP_CTL_ADD 0x4C80
#define LOOP_CTL_REMOVE 0x4C81
#define LOOP_CTL_GET_FREE 0x4C82

#endif
