# SPDX-License-Identifier: GPL-2.0
#
# The static uprobe trigger, for the guests: built by scripts/check.sh
# (for the tests that load uprobe_counter.ko) and scripts/bench-trigger.sh
# with CC=... ARCH=x86_64|arm64 OUT=DIR.
ARCH ?= $(shell uname -m | sed 's/aarch64/arm64/')
OUT ?= .
CFLAGS := -static -O2 -pthread -Wall -Wextra

all: $(OUT)/trigger

# The assembly is built on its own, so that builds are reproducible (see
# selftests/xol/progs.mk).
$(OUT)/targets-$(ARCH).o: targets-$(ARCH).S targets.h
	$(CC) $(CFLAGS) -c -o $@ $<

$(OUT)/trigger: trigger.c targets.h $(OUT)/targets-$(ARCH).o
	$(CC) $(CFLAGS) -o $@.tmp $(filter-out %.h,$^) -lm
	mv $@.tmp $@

.PHONY: all
