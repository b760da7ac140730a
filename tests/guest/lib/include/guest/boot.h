/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the boot loader told the guest (Multiboot information, copied at
 * entry so later code may reuse low memory) and the guest's own layout.
 */
#ifndef GUEST_BOOT_H
#define GUEST_BOOT_H

#include <stdbool.h>
#include <stdint.h>

#define BOOT_MAX_RAM_RANGES 32
#define BOOT_MAX_MAP        64
#define BOOT_CMDLINE_MAX    512

struct ram_range {
	uint64_t base;
	uint64_t size;
};

/* A memory map entry as the loader gave it: RAM, reserved, ACPI, ... */
struct map_range {
	uint64_t base;
	uint64_t size;
	uint32_t type;			/* MULTIBOOT_MEMORY_* */
};

struct boot_info {
	bool multiboot;			/* entered with the Multiboot magic */
	bool has_mmap;			/* ranges came from the memory map, not mem_lower/upper */
	unsigned nranges;
	struct ram_range ram[BOOT_MAX_RAM_RANGES];	/* usable RAM, sorted */
	unsigned nmap;
	struct map_range map[BOOT_MAX_MAP];	/* every entry of the memory map, any type */
	char cmdline[BOOT_CMDLINE_MAX];
};

extern struct boot_info boot;

/* The image in memory, from the linker script (bss and stacks included). */
extern char __image_start[], __image_end[];

/* Copies what 'info' (the EBX at entry) points to; 'magic' is the EAX at entry. */
void boot_parse(uint32_t magic, uint32_t info);

/* True if [pa, pa + size) lies inside one usable RAM range. */
bool phys_is_ram(uint64_t pa, uint64_t size);

/* True if 'pa' lies in any memory map entry (RAM or not). */
bool phys_is_described(uint64_t pa);

/* End of the RAM range holding the image (the first byte past it). */
uint64_t ram_end_of_image_range(void);

/*
 * The first page-aligned address at or above 'pa' that no memory map entry
 * describes (no RAM, no reserved or ACPI memory): where nothing is claimed.
 */
uint64_t phys_next_undescribed(uint64_t pa);

/* The same going down: the highest such page at or below 'pa' (0 if none). */
uint64_t phys_prev_undescribed(uint64_t pa);

/* Highest end of any RAM range. */
uint64_t ram_top(void);

/*
 * Command line "key=value" words (the first word, the image name QEMU passes,
 * is ignored). cmdline_u64 takes decimal or 0x-prefixed hexadecimal.
 */
bool cmdline_str(const char *key, char *buf, unsigned len);
bool cmdline_u64(const char *key, uint64_t *val);

#endif
