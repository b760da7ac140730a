/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Booting a Linux bzImage through the 32-bit boot protocol
 * (hv/arch/x86/boot/linuxboot.c): shared by the loader (placement), the core
 * (the root's zero page) and the root's worker (child partitions).
 */
#ifndef ASM_LINUXBOOT_H
#define ASM_LINUXBOOT_H

#include <bulkhead/bootinfo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lb_error {
	LB_OK = 0,
	LB_E_TOO_SMALL,		/* file shorter than its own header says */
	LB_E_NOT_BZIMAGE,	/* no "HdrS" or boot flag */
	LB_E_OLD_PROTOCOL,	/* boot protocol older than 2.12 */
	LB_E_NOT_RELOCATABLE,	/* we place kernels ourselves */
	LB_E_BAD_ADDRESS,	/* kernel, initrd or cmdline where the kernel cannot reach */
	LB_E_CMDLINE_TOO_LONG,
	LB_E_E820_TOO_BIG,	/* more than 128 entries */
};

struct lb_kernel {
	uint16_t version;		/* boot protocol, e.g. 0x020F */
	uint32_t setup_size;		/* real-mode part: (setup_sects + 1) * 512 */
	uint64_t pm_offset;		/* protected-mode part: file offset ... */
	uint64_t pm_size;		/* ... and size */
	uint64_t pref_address;		/* preferred load address */
	uint32_t kernel_alignment;
	uint64_t init_size;		/* bytes needed at the load address */
	uint32_t initrd_addr_max;	/* highest byte an initrd may use */
	uint32_t cmdline_size;		/* longest command line, without the NUL */
	uint16_t xloadflags;
	uint32_t hdr_end;		/* setup header ends here (file offset) */
};

const char *lb_strerror(enum lb_error e);

/* Validates a bzImage and reads what placing it needs. */
enum lb_error lb_parse(const void *img, size_t len, struct lb_kernel *k);

/* Run area size: what the kernel needs at its load address. */
uint64_t lb_run_size(const struct lb_kernel *k);

struct lb_setup {
	uint64_t kernel_addr;		/* where the protected-mode part was copied:
					   kernel_alignment-aligned, >= pref_address */
	uint64_t initrd_addr;		/* 0 with size 0: no initrd */
	uint64_t initrd_size;
	uint64_t cmdline_addr;		/* guest-physical address of the command line */
	const char *cmdline;		/* its text, to check the length */
	uint64_t acpi_rsdp;		/* 0: let the kernel search */
	const struct bh_mem_range *e820;	/* sorted, disjoint */
	unsigned e820_count;
};

/*
 * Fills the 4 KiB zero page 'bp' for 'img': copies the setup header and sets
 * loader type, code32_start, initrd, command line, RSDP and e820.
 */
enum lb_error lb_build_boot_params(uint8_t *bp, const void *img, const struct lb_kernel *k,
				   const struct lb_setup *s);

#endif
