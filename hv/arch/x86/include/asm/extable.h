/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception fixups: an instruction the core expects may fault (an MSR the
 * root names) is listed with a fixup address; exceptions.c resumes there
 * instead of stopping the processor. Entries hold self-relative offsets, so
 * the table needs no relocation.
 */
#ifndef ASM_EXTABLE_H
#define ASM_EXTABLE_H

#include <stdbool.h>
#include <stdint.h>

struct extable_entry {
	int32_t insn;		/* faulting instruction, relative to this field */
	int32_t fixup;		/* where to resume, relative to this field */
};

/* Returns the fixup address for a fault at 'rip', or 0. */
uint64_t extable_find(uint64_t rip);

#define EXTABLE_ENTRY(insn_label, fixup_label)                  \
	".pushsection .extable, \"a\"\n\t"                      \
	".balign 4\n\t"                                         \
	".long " insn_label " - .\n\t"                          \
	".long " fixup_label " - .\n\t"                         \
	".popsection\n\t"

/* RDMSR/WRMSR that report a #GP instead of stopping the processor. */
static inline bool rdmsr_safe(uint32_t msr, uint64_t *val)
{
	uint32_t lo = 0, hi = 0;
	int fault = 0;

	__asm__ volatile("1: rdmsr\n"
			 "2:\n\t"
			 EXTABLE_ENTRY("1b", "3f")
			 ".pushsection .text.fixup, \"ax\"\n"
			 "3: movl $1, %[fault]\n\t"
			 "jmp 2b\n\t"
			 ".popsection"
			 : "+a"(lo), "+d"(hi), [fault] "+r"(fault) : "c"(msr));
	*val = (uint64_t)hi << 32 | lo;
	return !fault;
}

static inline bool wrmsr_safe(uint32_t msr, uint64_t val)
{
	int fault = 0;

	__asm__ volatile("1: wrmsr\n"
			 "2:\n\t"
			 EXTABLE_ENTRY("1b", "3f")
			 ".pushsection .text.fixup, \"ax\"\n"
			 "3: movl $1, %[fault]\n\t"
			 "jmp 2b\n\t"
			 ".popsection"
			 : [fault] "+r"(fault)
			 : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)) : "memory");
	return !fault;
}

#endif
