# SPDX-License-Identifier: GPL-2.0-only
#
# tamu: a user-mode kernel.  `make` builds ./tamu, `make run` boots it,
# `make check` runs every test.  Objects are built next to their sources,
# as Kbuild does; each directory lists its objects in its own Makefile.

VERSION := 0.1.0

PYTHON ?= /usr/bin/python3
CC ?= gcc
ifeq ($(origin CC),default)
CC := gcc
endif

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-8s %s\n'
endif

# The configuration: .config (kconfiglib) becomes a header and a make
# fragment.  Targets that only configure or clean need no .config.
KCONFIG := Kconfig
AUTOCONF := include/generated/autoconf.h
AUTOCONF_MK := include/config/auto.conf
DEFCONFIG := configs/tamu_defconfig

no-config-targets := defconfig menuconfig olddefconfig savedefconfig \
	clean mrproper deps help run gdb check bench fuzz debian
ifneq ($(filter-out $(no-config-targets),$(or $(MAKECMDGOALS),all)),)
-include $(AUTOCONF_MK)
endif

all: tamu

# ---------------------------------------------------------------------------
# Objects, collected from the per-directory Makefiles.
include scripts/Kbuild.include

$(eval $(call kbuild-dir,arch/um))
$(eval $(call kbuild-dir,kernel))
$(eval $(call kbuild-dir,hostlib))

kernel-objs := $(filter kernel/%,$(objs))
host-objs := $(filter-out kernel/%,$(objs))

# ---------------------------------------------------------------------------
# Flags.  kernel/ sees no host header at all: -nostdinc leaves only the
# compiler's own freestanding headers.  arch/um and hostlib are hosted code.
WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wmissing-prototypes \
	-Wstrict-prototypes
COMMON_CFLAGS := -std=gnu11 -g -O2 $(WARN) -fno-strict-aliasing \
	-fno-omit-frame-pointer -include $(AUTOCONF) \
	-DTAMU_VERSION='"$(VERSION)"' $(EXTRA_CFLAGS)
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
KERNEL_INC := -Ikernel/include -Iarch/um/include -Ihostlib/include
CFLAGS_kernel := $(COMMON_CFLAGS) -ffreestanding -fno-common -nostdinc \
	-isystem $(GCC_INCLUDE) $(KERNEL_INC)
# TAMU_SRCDIR: backtraces name source files relative to the tree.
CFLAGS_hosted := $(COMMON_CFLAGS) -D_GNU_SOURCE $(KERNEL_INC) \
	-DTAMU_SRCDIR='"$(CURDIR)"'
cflags-for = $(if $(filter kernel/%,$(1)),$(CFLAGS_kernel),$(CFLAGS_hosted))

LIBS := -lunwind -luring -lz -llzma -lzstd -llz4

# ---------------------------------------------------------------------------
# Build rules.
DEPFLAGS = -MMD -MP -MF $(@:.o=.d)

%.o: %.c $(AUTOCONF)
	$(quiet) CC $@
	$(Q)$(CC) $(call cflags-for,$<) $(DEPFLAGS) -c -o $@ $<

%.o: %.S $(AUTOCONF)
	$(quiet) AS $@
	$(Q)$(CC) $(CFLAGS_hosted) -D__ASSEMBLY__ $(DEPFLAGS) -c -o $@ $<

tamu: $(objs)
	$(quiet) LD $@
	$(Q)$(CC) -g -o $@ $(objs) $(LIBS)

-include $(objs:.o=.d)

# ---------------------------------------------------------------------------
# Configuration through python3-kconfiglib.
KCONFIGLIB = $(Q)KCONFIG_CONFIG=.config $(PYTHON) -m

.config:
	$(quiet) CONFIG "$@ from $(DEFCONFIG)"
	$(KCONFIGLIB) defconfig --kconfig $(KCONFIG) $(DEFCONFIG) >/dev/null

$(AUTOCONF) $(AUTOCONF_MK): .config $(shell find . -name Kconfig -not -path './.git/*')
	$(quiet) GEN $(AUTOCONF)
	$(Q)mkdir -p $(dir $(AUTOCONF)) $(dir $(AUTOCONF_MK))
	$(KCONFIGLIB) olddefconfig $(KCONFIG) >/dev/null
	$(KCONFIGLIB) genconfig --header-path $(AUTOCONF) \
		--config-out $(AUTOCONF_MK) $(KCONFIG)
	$(Q)touch $(AUTOCONF) $(AUTOCONF_MK)

defconfig:
	$(KCONFIGLIB) defconfig --kconfig $(KCONFIG) $(DEFCONFIG)

menuconfig:
	$(KCONFIGLIB) menuconfig $(KCONFIG)

olddefconfig:
	$(KCONFIGLIB) olddefconfig $(KCONFIG)

savedefconfig: .config
	$(KCONFIGLIB) savedefconfig --kconfig $(KCONFIG) --out defconfig
	@echo "Minimal configuration written to ./defconfig"

# ---------------------------------------------------------------------------
# Running and testing.  Both first make sure the Debian packages are there.
deps:
	$(Q)tools/install-deps

run: deps
	$(Q)$(MAKE) --no-print-directory tamu
	./tamu $(ARGS)

# tamu under gdb, set up for it (tools/gdb/tamu.gdb: signals, helpers).
gdb: deps
	$(Q)$(MAKE) --no-print-directory tamu
	gdb -iex "add-auto-load-safe-path $(CURDIR)/tamu-gdb.py" \
		-x tools/gdb/tamu.gdb --args ./tamu $(ARGS)

include tests/Makefile
include rootfs/Makefile
include tests/guest/Makefile

# The initramfs is inside the binary.
arch/um/kernel/initramfs.o: $(ROOTFS_CPIO)

# So is the configuration, for /proc/config.gz (kernel/configs.c).
kernel/config_data.gz: kernel/linux.config .config
	$(quiet) GZIP $@
	$(Q)cat $^ | gzip -n -9 >$@
kernel/configs.o: kernel/config_data.gz

tools/bench/floor: tools/bench/floor.c
	$(quiet) HOSTCC $@
	$(Q)$(CC) -O2 -g -Wall -Wextra -Werror -o $@ $<

# Benchmarks report numbers (tools/tamu-bench --help); they are no tests.
BENCH_ARGS ?= --plot tamu-bench.svg
bench: deps
	$(Q)$(MAKE) --no-print-directory tamu guest-tests tools/bench/floor
	$(Q)tools/tamu-bench $(BENCH_ARGS)

check: deps
	$(Q)tools/install-deps --debian --optional
	$(Q)$(MAKE) --no-print-directory tamu unit-tests $(ROOTFS_CPIO) \
		$(ROOTFS_EXT2) guest-tests tests/boot/deny tools/bench/floor
	$(Q)tests/run-all

# A Debian bookworm root as an ext2 image, built once into a cache
# outside the tree (tools/mkdebian; docs/debian.md).
debian:
	$(Q)tools/install-deps --debian
	$(Q)$(MAKE) --no-print-directory tamu
	$(Q)img=$$(tools/mkdebian) && echo "$$img" && \
		echo "Boot it (changes go to debian.cow, never to the image):" && \
		echo "  ./tamu ubd0=debian.cow,$$img root=/dev/ubda"

# The fuzzer for FUZZ_SECONDS in each mode (tests/fuzz/run.sh), with
# FUZZ_SEED as the first seed; findings come with their replay command.
FUZZ_SECONDS ?= 600
FUZZ_SEED ?= 1
fuzz: deps
	$(Q)$(MAKE) --no-print-directory tamu guest-tests
	$(Q)tests/fuzz/run.sh -s $(FUZZ_SECONDS) -f $(FUZZ_SEED) ./tamu

clean:
	$(quiet) CLEAN objects
	$(Q)find arch kernel hostlib tests tools rootfs \
		-type f \( -name '*.o' -o -name '*.d' \) -delete
	$(Q)rm -f tamu $(unit-bin) $(ROOTFS_CLEAN) $(GUEST_CLEAN) \
		tools/bench/floor tests/boot/deny
	$(Q)rm -rf tests/unit/build

mrproper: clean
	$(quiet) CLEAN configuration
	$(Q)rm -rf .config .config.old include/generated include/config defconfig

help:
	@echo 'Targets:'
	@echo '  all (default)  build ./tamu'
	@echo '  run            install missing packages, build, boot (ARGS="...")'
	@echo '  gdb            the same under gdb, with tools/gdb/tamu.gdb'
	@echo '  check          install missing packages, build, run every test'
	@echo '  rootfs/rootfs.ext2  the root file system as an ext2 disk image'
	@echo '  debian         a Debian bookworm root as an ext2 image (cached, mmdebstrap)'
	@echo '  bench          build and run the benchmarks (BENCH_ARGS="--runs 3")'
	@echo '  fuzz           the fuzzer in every mode (FUZZ_SECONDS=600 each)'
	@echo '  defconfig      write .config from $(DEFCONFIG)'
	@echo '  menuconfig     edit .config interactively'
	@echo '  olddefconfig   update .config, new options at their defaults'
	@echo '  savedefconfig  write a minimal ./defconfig from .config'
	@echo '  clean          remove objects and binaries'
	@echo '  mrproper       clean, and remove the configuration'
	@echo 'Variables: V=1 shows full commands.'

.PHONY: all deps run gdb check bench fuzz debian clean mrproper help defconfig menuconfig \
	olddefconfig savedefconfig
