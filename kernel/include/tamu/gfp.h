/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_GFP_H
#define _TAMU_GFP_H

typedef unsigned int gfp_t;

#define GFP_KERNEL 0u
#define __GFP_ZERO 1u /* return zeroed memory */

#endif
