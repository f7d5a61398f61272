# SPDX-License-Identifier: GPL-2.0
#
# Static test programs of the XOL selftests, for the guests, built by
# scripts/check.sh with CC=... ARCH=x86_64|arm64 OUT=DIR.
#
# xol_test is a kselftest_harness test.  It includes "../kselftest_harness.h"
# as it does in the kernel tree (tools/testing/selftests/uprobes/, where
# the uprobes-xol series adds it, built by Makefile in this directory);
# here the header comes from the 6.1 source tree, KSFT.  A quoted include
# is also looked up relative to each -I directory: any directory one
# level below selftests/ finds "../kselftest_harness.h".
ARCH ?= $(shell uname -m | sed 's/aarch64/arm64/')
OUT ?= .
ifndef KSFT
KSFT := $(shell ../../scripts/kernel-src.sh 6.1)/tools/testing/selftests
endif
CFLAGS := -static -O2 -pthread -Wall -Wextra -Wno-unused-parameter
KSFT_HDRS := $(KSFT)/kselftest_harness.h $(KSFT)/kselftest.h

all: $(OUT)/xol_test $(OUT)/xol-guest.sh $(OUT)/smc_alias

# The assembly is built on its own: compiled in one go with the C file,
# its symbol table names a random temporary object and no two builds are
# the same (make check's result cache keys on the binary).
$(OUT)/xol_targets.o: xol_targets.S xol_targets-$(ARCH).S xol_targets.h
	$(CC) $(CFLAGS) -c -o $@ $<

$(OUT)/xol_test: xol_test.c xol_targets.h $(KSFT_HDRS) $(OUT)/xol_targets.o
	$(CC) $(CFLAGS) -I$(KSFT)/kselftest -o $@ $(filter %.c %.o,$^)

# not a test: shows whether the emulator sees code rewritten through
# another mapping (see its header)
$(OUT)/smc_alias: smc_alias.c
	$(CC) $(CFLAGS) -o $@ $<

$(OUT)/xol-guest.sh: xol-guest.sh
	install -m 755 $< $@

.PHONY: all
