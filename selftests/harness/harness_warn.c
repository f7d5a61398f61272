// SPDX-License-Identifier: GPL-2.0
/*
 * A module that WARNs when loaded.  make check expects the run that loads
 * it to fail on the WARNING in the console log even though the guest
 * script itself exits 0.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init harness_warn_init(void)
{
	WARN(1, "probescale harness check: deliberate warning\n");
	return 0;
}
module_init(harness_warn_init);

static void __exit harness_warn_exit(void)
{
}
module_exit(harness_warn_exit);

MODULE_DESCRIPTION("probescale harness check: a deliberate WARN");
MODULE_LICENSE("GPL");
