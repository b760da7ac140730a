/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Control registers, RFLAGS and exception vectors (APM Vol 2 chapters 3 and 8,
 * SDM Vol 3 2.5 and 6.3.1), with their accessors.
 */
#ifndef ASM_CR_H
#define ASM_CR_H

#include <stdint.h>

#define CR0_PE         (1ull << 0)
#define CR0_MP         (1ull << 1)
#define CR0_EM         (1ull << 2)
#define CR0_TS         (1ull << 3)
#define CR0_ET         (1ull << 4)
#define CR0_NE         (1ull << 5)
#define CR0_WP         (1ull << 16)
#define CR0_AM         (1ull << 18)
#define CR0_NW         (1ull << 29)
#define CR0_CD         (1ull << 30)
#define CR0_PG         (1ull << 31)

#define CR4_PSE        (1ull << 4)
#define CR4_PAE        (1ull << 5)
#define CR4_PGE        (1ull << 7)
#define CR4_OSFXSR     (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define CR4_LA57       (1ull << 12)
#define CR4_FSGSBASE   (1ull << 16)
#define CR4_OSXSAVE    (1ull << 18)
#define CR4_SMEP       (1ull << 20)
#define CR4_SMAP       (1ull << 21)
#define CR4_PKE        (1ull << 22)

#define RFLAGS_CF      (1ull << 0)
#define RFLAGS_FIXED   (1ull << 1)	/* always 1 */
#define RFLAGS_PF      (1ull << 2)
#define RFLAGS_AF      (1ull << 4)
#define RFLAGS_ZF      (1ull << 6)
#define RFLAGS_SF      (1ull << 7)
#define RFLAGS_TF      (1ull << 8)
#define RFLAGS_IF      (1ull << 9)
#define RFLAGS_DF      (1ull << 10)
#define RFLAGS_OF      (1ull << 11)
#define RFLAGS_VM      (1ull << 17)
#define RFLAGS_AC      (1ull << 18)	/* with CR4.SMAP: supervisor may touch user pages */

/* Values at reset (SDM Vol 3 table 9-1, APM Vol 2 14.1.3). */
#define CR0_RESET_VALUE  (CR0_CD | CR0_NW | CR0_ET)
#define DR6_RESET_VALUE  0xFFFF0FF0ull
#define DR7_RESET_VALUE  0x400ull

/* Exception vectors (SDM Vol 3 table 6-1). */
enum x86_vector {
	VEC_DE = 0, VEC_DB = 1, VEC_NMI = 2, VEC_BP = 3, VEC_OF = 4, VEC_BR = 5,
	VEC_UD = 6, VEC_NM = 7, VEC_DF = 8, VEC_TS = 10, VEC_NP = 11, VEC_SS = 12,
	VEC_GP = 13, VEC_PF = 14, VEC_MF = 16, VEC_AC = 17, VEC_MC = 18, VEC_XM = 19,
	VEC_VE = 20, VEC_CP = 21,
	VEC_HV = 28, VEC_VC = 29, VEC_SX = 30,	/* AMD only (APM Vol 2 table 8-1) */
	VEC_FIRST_EXTERNAL = 32,
	VEC_COUNT = 256,
};

static inline uint64_t read_cr0(void) { uint64_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr2(void) { uint64_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr3(void) { uint64_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr4(void) { uint64_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

static inline uint64_t read_rflags(void)
{
	uint64_t v;
	__asm__ volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void cpu_halt(void) { __asm__ volatile("hlt" ::: "memory"); }

#endif
