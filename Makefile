# SPDX-License-Identifier: GPL-2.0
#
# probescale: objpool and a uprobes XOL slot cache for Linux 6.1.y and 6.12.y.
#
#   make [KDIR=...]     build every module against KDIR (default: the
#                       project's own 6.1 test kernel, built if missing)
#   make bench          vanilla vs patched benchmarks (the main job)
#   make check          every test on every test kernel; ends with
#                       "N passed, N failed"
#   make patches        regenerate patches/ from the module sources
#   make kernels        build (or reuse) the test kernels
#   make deps           install what the project needs (apt, as root)
#   make clean          remove build output from the clone
#
# Variables: ARCH=x86_64|arm64 (check and bench default to both / x86_64),
# FRESH=1 (check: run everything, ignoring the result cache), KERNELS=
# "NAME[/VARIANT] ..." (check: only the guest runs of those kernels), KVER=6.1|6.12
# (bench: the kernel version of the vanilla and patched kernels),
# KDIR, PS_CACHE (cache dir, default ~/.cache/probescale), see README.md.

# kbuild itself reads ./Kbuild (it takes precedence over this file).

SHELL := /bin/bash
PS_TOP := $(CURDIR)
MOD_ARCH := $(if $(ARCH),$(ARCH),x86_64)
CROSS := $(if $(filter arm64,$(MOD_ARCH)),$(if $(filter aarch64,$(shell uname -m)),,aarch64-linux-gnu-))

.PHONY: all modules clean check bench patches kernels deps

all: modules

# KDIR: a kernel build tree.  Default: our vanilla 6.1 plain test kernel.
modules:
	@kdir="$(KDIR)"; \
	if [ -z "$$kdir" ]; then \
		kdir=$$(scripts/kernel-build.sh "$$(scripts/kernel-src.sh 6.1)" $(MOD_ARCH) plain) || exit 1; \
	fi; \
	scripts/check-kdir.sh "$$kdir" || exit 1; \
	$(MAKE) -C "$$kdir" M=$(PS_TOP) ARCH=$(MOD_ARCH) CROSS_COMPILE=$(CROSS) modules

clean:
	@kdir="$(KDIR)"; [ -n "$$kdir" ] || kdir=$$(ls -d $${PS_CACHE:-$$HOME/.cache/probescale}/src/linux-6.1/build-$(MOD_ARCH)-plain 2>/dev/null); \
	if [ -n "$$kdir" ] && [ -f "$$kdir/Makefile" ]; then \
		$(MAKE) -C "$$kdir" M=$(PS_TOP) ARCH=$(MOD_ARCH) clean; fi
	rm -rf out

deps:
	scripts/deps.sh

kernels:
	scripts/kernels.sh $(if $(ARCH),$(ARCH),x86_64 arm64)

check:
	scripts/check.sh $(if $(ARCH),$(ARCH),x86_64 arm64)

bench:
	scripts/bench.sh

patches:
	scripts/gen-patches.sh --all
