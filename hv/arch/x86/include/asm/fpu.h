/* SPDX-License-Identifier: GPL-2.0 */
/*
 * FPU/SIMD state switching between the root and a child (hv/arch/x86/fpu.c).
 * VMRUN switches none of it (APM 15.5.1), and the core itself never uses
 * it, so only child runs swap: XSAVE/XRSTOR with each side's XCR0 (SDM Vol 1
 * chapter 13), or FXSAVE/FXRSTOR where XSAVE is missing.
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

#include <stdbool.h>
#include <stdint.h>

#define XCR_XFEATURE_ENABLED 0		/* XCR0 */
#define XFEATURE_X87         (1ull << 0)
#define XFEATURE_SSE         (1ull << 1)
#define XFEATURE_AVX         (1ull << 2)
#define XFEATURE_OPMASK      (1ull << 5)
#define XFEATURE_ZMM_HI256   (1ull << 6)
#define XFEATURE_HI16_ZMM    (1ull << 7)
#define XFEATURE_AVX512      (XFEATURE_OPMASK | XFEATURE_ZMM_HI256 | XFEATURE_HI16_ZMM)
#define XCR0_RESET_VALUE     XFEATURE_X87
#define CPUID_XSAVE_LEAF     0x0Du
#define CPUID_1_ECX_XSAVE    (1u << 26)
#define CPUID_1_ECX_OSXSAVE  (1u << 27)
#define FPU_AREA_SIZE        4096u	/* one page; the core refuses children if XSAVE needs more */

/* Reads what the CPU supports; sets CR4 bits the switches need. Call on every processor. */
void fpu_cpu_init(void);

/* XCR0 bits a guest may enable (CPUID 0xD EAX of the host, bounded to one page of state). */
uint64_t fpu_guest_xcr0_mask(void);

/* True if 'xcr0' is a value XSETBV accepts (SDM Vol 1 13.3). */
bool fpu_xcr0_valid(uint64_t xcr0);

/* Loads a child's state (saving the root's), and the reverse. Interrupts off. */
void fpu_enter_guest(uint64_t guest_area_pa, uint64_t guest_xcr0);
void fpu_leave_guest(uint64_t guest_area_pa, uint64_t guest_xcr0);

/* Puts an area in the reset state (FNINIT values). */
void fpu_area_reset(uint64_t area_pa);

#endif
