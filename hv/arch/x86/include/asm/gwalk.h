/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest page-table walker: translates a guest-virtual address with the
 * guest's own paging mode and reports the #PF the CPU would raise. Pure code
 * over a read callback, so host tests and fuzzers run it.
 *
 * It only looks: it never sets accessed or dirty bits, so use it to fetch
 * and decode instructions or to check an access, not to carry out a guest
 * memory access that the CPU would have to account for in the page tables.
 * Modelled: paging off (A20 not modelled), 32-bit paging with 4 MiB pages
 * and PSE-36, PAE, 4-level and 5-level (CR4.LA57) paging, NX, CR0.WP, SMEP,
 * SMAP (with RFLAGS.AC), reserved bits (above MAXPHYADDR, NX without
 * EFER.NXE, large-page and PDPTE reserved fields). Not modelled: protection
 * keys, CET shadow stacks, the AMD reserved bit 8 of PML4Es, TLB effects.
 */
#ifndef ASM_GWALK_H
#define ASM_GWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gwalk_ctx {
	uint64_t cr0, cr3, cr4, efer;	/* the guest's values (EFER.LMA selects long mode) */
	uint64_t rflags;		/* only AC is used (SMAP) */
	unsigned maxphyaddr;		/* guest MAXPHYADDR, CPUID 8000_0008 EAX[7:0]; clamped to 32..52 */
	/* Reads len bytes of guest-physical memory at gpa; returns 0 or an error. */
	int (*read_phys)(void *opaque, uint64_t gpa, void *buf, size_t len);
	void *opaque;
};

/* Access flags. */
#define GWALK_WRITE (1u << 0)
#define GWALK_USER  (1u << 1)	/* the access is made at CPL 3 */
#define GWALK_FETCH (1u << 2)	/* instruction fetch */

enum gwalk_status {
	GWALK_OK,
	GWALK_PAGE_FAULT,	/* inject #PF(error_code) with CR2 = fault_addr */
	GWALK_NONCANONICAL,	/* not canonical: the CPU raises #GP(0), or #SS(0) on the stack */
	GWALK_BAD_GPA,		/* read_phys failed at bad_gpa (an entry, or data in read_virt) */
	GWALK_BAD_STATE,	/* CR0/CR4/EFER describe no paging mode the CPU allows */
};

struct gwalk_result {
	enum gwalk_status status;
	uint64_t gpa;		/* OK: the translation */
	uint64_t page_size;	/* OK: 4 KiB, 2 MiB, 4 MiB or 1 GiB (4 KiB with paging off) */
	uint64_t pte;		/* OK: the leaf entry (0 with paging off) */
	bool writable;		/* OK: R/W set at every level */
	bool user;		/* OK: U/S set at every level */
	bool executable;	/* OK: no XD at any level */
	uint32_t error_code;	/* PAGE_FAULT: PFEC_* bits */
	uint64_t fault_addr;	/* PAGE_FAULT, NONCANONICAL: the linear address */
	uint64_t bad_gpa;	/* BAD_GPA: the address read_phys refused */
	unsigned levels;	/* paging-structure entries read */
	size_t done;		/* gwalk_read_virt: bytes copied before it stopped */
};

/*
 * Translates gva for an access (GWALK_* flags) under ctx. In 32-bit and PAE
 * paging and with paging off, gva is truncated to 32 bits first. Fills *out
 * and returns out->status.
 */
enum gwalk_status gwalk_translate(const struct gwalk_ctx *ctx, uint64_t gva, unsigned access,
				  struct gwalk_result *out);

/*
 * Copies len bytes of guest-virtual memory at gva into buf, translating each
 * page (the range may cross pages, and each is checked for access). On
 * failure *fault_out (may be NULL) says why and how many bytes were copied
 * (done): for an instruction fetch, decode buf[0..done) first and raise the
 * fault only if the decoder needs more bytes. Returns the status.
 */
enum gwalk_status gwalk_read_virt(const struct gwalk_ctx *ctx, uint64_t gva, void *buf,
				  size_t len, unsigned access, struct gwalk_result *fault_out);

const char *gwalk_status_name(enum gwalk_status status);

#endif
