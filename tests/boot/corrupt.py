#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Usage: corrupt.py BASE OUT SEED LIMIT

Copy the ext2 image BASE to OUT with 1 to 8 random bytes of its metadata
changed: the super block, group descriptors, bitmaps, inode table and the
directory blocks, all in the first LIMIT bytes of a small image.  SEED makes
the damage reproducible."""
import random
import sys

base, out, seed, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
data = bytearray(open(base, "rb").read())
for _ in range(rng.randint(1, 8)):
    # A quarter of the damage goes to the super block and group descriptors.
    end = 3072 if rng.random() < 0.25 else min(limit, len(data))
    off = rng.randrange(1024, end)
    if rng.random() < 0.5:
        data[off] ^= 1 << rng.randrange(8)
    else:
        data[off] = rng.randrange(256)
open(out, "wb").write(data)
