/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe targets of xol_test (xol_targets.h) for the architecture the
 * compiler builds for, so that a Makefile need not know it.
 */
#if defined(__x86_64__)
#include "xol_targets-x86_64.S"
#elif defined(__aarch64__)
#include "xol_targets-arm64.S"
#else
#error "xol_test: x86_64 and arm64 only"
#endif
