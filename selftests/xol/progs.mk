# SPDX-License-Identifier: GPL-2.0
#
# Static test programs of the XOL selftests, for the guests, built by
# scripts/check.sh with CC=... ARCH=x86_64|arm64 OUT=DIR.
ARCH ?= $(shell uname -m | sed 's/aarch64/arm64/')
OUT ?= .
CFLAGS := -static -O2 -pthread -Wall -Wextra -Wno-unused-parameter

all: $(OUT)/xol_test $(OUT)/xol-guest.sh $(OUT)/smc_alias

$(OUT)/xol_test: xol_test.c xol_targets.h xol_targets-$(ARCH).S
	$(CC) $(CFLAGS) -o $@ $(filter-out %.h,$^)

# not a test: shows whether the emulator sees code rewritten through
# another mapping (see its header)
$(OUT)/smc_alias: smc_alias.c
	$(CC) $(CFLAGS) -o $@ $<

$(OUT)/xol-guest.sh: xol-guest.sh
	install -m 755 $< $@

.PHONY: all
