// SPDX-License-Identifier: GPL-2.0
/*
 * Architectural constants for the guest's assembly files, taken from the C
 * headers that name them (those also hold C code, so .S files cannot include
 * them). guest.mk compiles this to assembly and turns each "->NAME value"
 * marker into "#define NAME value" in guest/asm-defs.h.
 */
#include <asm/cr.h>
#include <asm/msr.h>
#include <asm/paging.h>
#include <asm/segment.h>
#include <guest/phys.h>

#define DEFINE(sym, val) \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"((unsigned long long)(val)))

void asm_defs(void);

void asm_defs(void)
{
	DEFINE(CR0_PE, CR0_PE);
	DEFINE(CR0_PG, CR0_PG);
	DEFINE(CR4_PAE, CR4_PAE);
	DEFINE(MSR_EFER, MSR_EFER);
	DEFINE(EFER_LME, EFER_LME);

	DEFINE(PTE_P, PTE_P);
	DEFINE(PTE_W, PTE_W);
	DEFINE(PTE_PS, PTE_PS);
	DEFINE(PTE_CACHE_UC, PTE_CACHE_UC);
	DEFINE(PT_ENTRIES, PT_ENTRIES);
	DEFINE(PT_PAGE_4K, PT_PAGE_4K);
	DEFINE(PT_PAGE_2M, PT_PAGE_2M);
	DEFINE(PT_PAGE_1G, PT_PAGE_1G);
	DEFINE(PHYS_IDENTITY_END, PHYS_IDENTITY_END);

	DEFINE(DESC_CODE64, DESC_CODE64);
	DEFINE(DESC_DATA, DESC_DATA);
	DEFINE(DESC_CODE32_FLAT, DESC_CODE32_FLAT);
	DEFINE(DESC_DATA_FLAT, DESC_DATA_FLAT);

	/* Exceptions for which the processor pushes an error code (SDM Vol 3 table 6-1, APM Vol 2 table 8-1). */
	DEFINE(VEC_DF, VEC_DF);
	DEFINE(VEC_TS, VEC_TS);
	DEFINE(VEC_NP, VEC_NP);
	DEFINE(VEC_SS, VEC_SS);
	DEFINE(VEC_GP, VEC_GP);
	DEFINE(VEC_PF, VEC_PF);
	DEFINE(VEC_AC, VEC_AC);
	DEFINE(VEC_CP, VEC_CP);
	DEFINE(VEC_VC, VEC_VC);
	DEFINE(VEC_SX, VEC_SX);
	DEFINE(VEC_COUNT, VEC_COUNT);
}
