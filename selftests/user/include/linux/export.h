/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space layer: symbol exports do nothing.  They expand to a
 * declaration, so that the semicolon after them stays valid C.
 */
#ifndef _PS_USER_LINUX_EXPORT_H
#define _PS_USER_LINUX_EXPORT_H

#define ps_no_export(sym, ...)	extern int ps_exported_##sym
#define EXPORT_SYMBOL_GPL \
	ps_no_export
#define EXPORT_SYMBOL_NS_GPL \
	ps_no_export

#endif /* _PS_USER_LINUX_EXPORT_H */
