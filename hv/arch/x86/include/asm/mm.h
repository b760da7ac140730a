/* SPDX-License-Identifier: GPL-2.0 */
/* Page-table plumbing shared by the core's own tables and nested tables (hv/arch/x86/mm.c). */
#ifndef ASM_MM_H
#define ASM_MM_H

#include <asm/paging.h>

/* Table operations backed by the core's page allocator. */
extern const struct pt_ops pmem_pt_ops;

#endif
