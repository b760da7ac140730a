/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Expected exceptions as data. An instruction listed in the exception table
 * may fault: the handler records the vector and error code (exinfo) in this
 * processor's struct cpu and resumes at the listed address, so a fault never
 * kills the test. The *_safe accessors return that exinfo, 0 if nothing
 * faulted. Any other exception is a bug: the runtime reports ERROR and stops.
 */
#ifndef GUEST_EXCEPTION_H
#define GUEST_EXCEPTION_H

/* vectors.S: one stub per vector; the longest is push imm8, push imm32, jmp rel32 (12 bytes). */
#define VECTOR_STUB_SIZE   16

#ifndef __ASSEMBLER__
#include <asm/cr.h>
#include <guest/cpu.h>
#include <stdint.h>

#define EXINFO_VALID       (1ull << 63)
#define EXINFO_VEC_SHIFT   32
#define EXINFO(vec, ec)    (EXINFO_VALID | (uint64_t)(vec) << EXINFO_VEC_SHIFT | (uint32_t)(ec))
#define EXINFO_VEC(e)      ((unsigned)((e) >> EXINFO_VEC_SHIFT) & 0xFFu)
#define EXINFO_EC(e)       ((uint32_t)(e))

/* "none", "#GP(0)", "#PF(0x2)", "#UD": valid until this processor's next few calls. */
const char *exinfo_str(exinfo_t e);

/*
 * An exception-table entry: a fault at 'insn' resumes at 'resume'. The
 * table is sorted by nothing and searched linearly: it is small.
 */
struct extable_entry {
	uint64_t insn;
	uint64_t resume;
};

#define EXTABLE(insn_label, resume_label)       \
	".pushsection .extable, \"a\"\n\t"      \
	".balign 8\n\t"                         \
	".quad " insn_label ", " resume_label "\n\t" \
	".popsection\n\t"

/* Building blocks of a *_safe accessor: clear, run the listed instruction, collect. */
static inline void exinfo_clear(void)
{
	this_cpu()->exinfo = 0;
	__asm__ volatile("" ::: "memory");
}

static inline exinfo_t exinfo_take(void)
{
	__asm__ volatile("" ::: "memory");
	return this_cpu()->exinfo;
}

/* RDMSR; on a fault *val is 0. */
static inline exinfo_t rdmsr_safe(uint32_t msr, uint64_t *val)
{
	uint32_t lo = 0, hi = 0;

	exinfo_clear();
	__asm__ volatile("1: rdmsr\n2:\n\t" EXTABLE("1b", "2b")
			 : "+a"(lo), "+d"(hi) : "c"(msr) : "memory");
	*val = (uint64_t)hi << 32 | lo;
	return exinfo_take();
}

static inline exinfo_t wrmsr_safe(uint32_t msr, uint64_t val)
{
	exinfo_clear();
	__asm__ volatile("1: wrmsr\n2:\n\t" EXTABLE("1b", "2b")
			 : : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)) : "memory");
	return exinfo_take();
}

/* A read of 1, 2, 4 or 8 bytes at 'p' (any other size reads 8); *val is 0 on a fault. */
exinfo_t read_safe(const volatile void *p, unsigned size, uint64_t *val);

/* A write of the low 'size' bytes of 'val' at 'p'. */
exinfo_t write_safe(volatile void *p, unsigned size, uint64_t val);

/* Interrupt handlers for vectors 32-255. The runtime sends the EOI after the handler. */
typedef void (*irq_handler_t)(unsigned vector);
void irq_set_handler(unsigned vector, irq_handler_t fn);

/* IDT setup (exception.c): built once, loaded by every processor. */
void idt_build(void);
void idt_load(void);

#endif
#endif
