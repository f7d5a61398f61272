# SPDX-License-Identifier: GPL-2.0
#
# Static test programs of the XOL selftests, for the guests, built by
# scripts/check.sh with CC=... ARCH=x86_64|arm64 OUT=DIR.
ARCH ?= $(shell uname -m | sed 's/aarch64/arm64/')
OUT ?= .
CFLAGS := -static -O2 -pthread -Wall -Wextra -Wno-unused-parameter

all: $(OUT)/xol_test $(OUT)/xol-guest.sh $(OUT)/smc_alias

# The assembly is built on its own: compiled in one go with the C file,
# its symbol table names a random temporary object and no two builds are
# the same (make check's result cache keys on the binary).
$(OUT)/xol_targets-$(ARCH).o: xol_targets-$(ARCH).S xol_targets.h
	$(CC) $(CFLAGS) -c -o $@ $<

$(OUT)/xol_test: xol_test.c xol_targets.h $(OUT)/xol_targets-$(ARCH).o
	$(CC) $(CFLAGS) -o $@ $(filter-out %.h,$^)

# not a test: shows whether the emulator sees code rewritten through
# another mapping (see its header)
$(OUT)/smc_alias: smc_alias.c
	$(CC) $(CFLAGS) -o $@ $<

$(OUT)/xol-guest.sh: xol-guest.sh
	install -m 755 $< $@

.PHONY: all
