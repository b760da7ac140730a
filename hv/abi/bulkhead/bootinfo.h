/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Boot protocol between the EFI loader and the core: the boot-information
 * structure the loader hands over. The contract is docs/boot-protocol.md.
 */
#ifndef BULKHEAD_BOOTINFO_H
#define BULKHEAD_BOOTINFO_H

#include <bulkhead/abi_types.h>

#define BH_BOOTINFO_MAGIC   0x544f4f42444b4c42ull	/* "BLKDBOOT" little-endian */
#define BH_BOOTINFO_VERSION 1

/* Memory range types: the Linux e820 numbering (ACPI 6.4 table 15.6). */
enum bh_mem_type {
	BH_MEM_USABLE       = 1,
	BH_MEM_RESERVED     = 2,
	BH_MEM_ACPI_RECLAIM = 3,
	BH_MEM_ACPI_NVS     = 4,
	BH_MEM_UNUSABLE     = 5,
	BH_MEM_PMEM         = 7,
};

struct bh_mem_range {
	uint64_t base;
	uint64_t size;
	uint32_t type;		/* enum bh_mem_type */
	uint32_t pad;
};
BH_ABI_ASSERT_SIZE(struct bh_mem_range, 24);

/* A file the loader placed in memory for the core. */
struct bh_module {
	uint64_t addr;		/* physical address, page aligned */
	uint64_t size;		/* bytes */
};
BH_ABI_ASSERT_SIZE(struct bh_module, 16);

struct bh_framebuffer {
	uint64_t base;		/* 0: no framebuffer */
	uint64_t size;
	uint32_t width;
	uint32_t height;
	uint32_t pixels_per_line;
	uint32_t format;	/* 0 RGBX, 1 BGRX (UEFI GOP PixelFormat) */
};
BH_ABI_ASSERT_SIZE(struct bh_framebuffer, 32);

/* Loader-measured time stamps (TSC) for the boot-time split. */
struct bh_boot_times {
	uint64_t loader_entry;	/* efi_main entered */
	uint64_t loader_exit;	/* just before the jump to the core */
};
BH_ABI_ASSERT_SIZE(struct bh_boot_times, 16);

#define BH_CMDLINE_MAX 2048
#define BH_MEMMAP_MAX  512

/*
 * Everything lives inside the core's range [hv_base, hv_base + hv_size) except
 * the modules, boot_params page and trampoline, which the loader placed in
 * memory the root may later reuse.
 */
struct bh_bootinfo {
	uint64_t magic;			/* BH_BOOTINFO_MAGIC */
	uint32_t version;		/* BH_BOOTINFO_VERSION */
	uint32_t size;			/* sizeof(struct bh_bootinfo) */

	uint64_t hv_base;		/* core range, 2 MiB aligned */
	uint64_t hv_size;		/* multiple of 2 MiB */
	uint64_t hv_image_end;		/* first byte after the loaded ELF image */

	uint64_t memmap;		/* physical address of bh_mem_range[] */
	uint32_t memmap_count;
	uint32_t pad0;

	uint64_t acpi_rsdp;		/* 0 if the firmware gave none */
	struct bh_framebuffer fb;

	struct bh_module kernel;	/* the root's bzImage file, as read */
	uint64_t kernel_run_addr;	/* where its protected-mode part must run */
	uint64_t kernel_run_size;	/* bytes reserved there (>= init_size) */
	struct bh_module initrd;	/* size 0: none */
	uint64_t boot_params;		/* one zeroed 4 KiB page below 4 GiB */
	uint64_t trampoline;		/* one 4 KiB page below 1 MiB for AP start-up */

	uint16_t log_port;		/* UART the core logs to after hand-over, 0: none */
	uint16_t console_port;		/* UART shared with the root until hand-over */
	uint32_t flags;			/* BH_BOOT_* */

	struct bh_boot_times times;
	uint64_t reserved[9];		/* zero; room to grow without moving cmdline */
	char cmdline[BH_CMDLINE_MAX];	/* the root kernel's command line, NUL-terminated */
};
BH_ABI_ASSERT_SIZE(struct bh_bootinfo, 256 + BH_CMDLINE_MAX);

#define BH_BOOT_VERBOSE (1u << 0)	/* config "verbose=1": log every exit class */

#endif
