// SPDX-License-Identifier: GPL-2.0
/* Linux boot protocol: bzImage checks and the zero page (boot.rst, zero-page.rst). */
#include <asm/bootparam.h>
#include <asm/linuxboot.h>
#include <hv/string.h>
#include <hv/util.h>

const char *lb_strerror(enum lb_error e)
{
	switch (e) {
	case LB_OK:                 return "ok";
	case LB_E_TOO_SMALL:        return "file too small for a bzImage";
	case LB_E_NOT_BZIMAGE:      return "not a Linux bzImage (no HdrS header)";
	case LB_E_OLD_PROTOCOL:     return "boot protocol older than 2.12";
	case LB_E_NOT_RELOCATABLE:  return "kernel is not relocatable";
	case LB_E_BAD_ADDRESS:      return "kernel, initrd or command line out of the kernel's reach";
	case LB_E_CMDLINE_TOO_LONG: return "command line longer than the kernel accepts";
	case LB_E_E820_TOO_BIG:     return "memory map has more than 128 entries";
	}
	return "unknown boot protocol error";
}

static uint8_t get8(const uint8_t *p, unsigned off) { return p[off]; }
static uint16_t get16(const uint8_t *p, unsigned off) { return (uint16_t)(p[off] | p[off + 1] << 8); }

static uint32_t get32(const uint8_t *p, unsigned off)
{
	return (uint32_t)get16(p, off) | (uint32_t)get16(p, off + 2) << 16;
}

static uint64_t get64(const uint8_t *p, unsigned off)
{
	return (uint64_t)get32(p, off) | (uint64_t)get32(p, off + 4) << 32;
}

static void put8(uint8_t *p, unsigned off, uint8_t v) { p[off] = v; }

static void put16(uint8_t *p, unsigned off, uint16_t v)
{
	p[off] = (uint8_t)v;
	p[off + 1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, unsigned off, uint32_t v)
{
	put16(p, off, (uint16_t)v);
	put16(p, off + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, unsigned off, uint64_t v)
{
	put32(p, off, (uint32_t)v);
	put32(p, off + 4, (uint32_t)(v >> 32));
}

enum lb_error lb_parse(const void *img, size_t len, struct lb_kernel *k)
{
	const uint8_t *p = img;

	if (len < HDR_INIT_SIZE + 4)
		return LB_E_TOO_SMALL;
	if (get16(p, HDR_BOOT_FLAG) != HDR_BOOT_FLAG_VALUE || get32(p, HDR_MAGIC) != HDR_MAGIC_VALUE)
		return LB_E_NOT_BZIMAGE;
	*k = (struct lb_kernel){ .version = get16(p, HDR_VERSION) };
	if (k->version < HDR_MIN_VERSION)
		return LB_E_OLD_PROTOCOL;
	if (!get8(p, HDR_RELOCATABLE_KERNEL))
		return LB_E_NOT_RELOCATABLE;

	unsigned sects = get8(p, HDR_SETUP_SECTS);
	if (!sects)
		sects = HDR_DEFAULT_SETUP_SECTS;
	k->setup_size = (sects + 1) * HDR_SECTOR_SIZE;
	/* The header's length is encoded in its jump instruction (boot.rst). */
	k->hdr_end = HDR_JUMP + 2 + get8(p, HDR_JUMP + 1);
	if (k->setup_size >= len || k->hdr_end > k->setup_size || k->hdr_end > BP_E820_TABLE)
		return LB_E_TOO_SMALL;
	/* Every field read below must be part of the header, not setup code. */
	if (k->hdr_end < HDR_INIT_SIZE + 4)
		return LB_E_NOT_BZIMAGE;
	k->pm_offset = k->setup_size;
	k->pm_size = len - k->setup_size;
	k->pref_address = get64(p, HDR_PREF_ADDRESS);
	k->kernel_alignment = get32(p, HDR_KERNEL_ALIGNMENT);
	k->init_size = get32(p, HDR_INIT_SIZE);
	k->initrd_addr_max = get32(p, HDR_INITRD_ADDR_MAX);
	k->cmdline_size = get32(p, HDR_CMDLINE_SIZE);
	k->xloadflags = get16(p, HDR_XLOADFLAGS);
	/* An alignment that is not a power of two >= 4 KiB cannot be honoured. */
	if (k->kernel_alignment < PAGE_SIZE || (k->kernel_alignment & (k->kernel_alignment - 1)))
		return LB_E_NOT_BZIMAGE;
	return LB_OK;
}

uint64_t lb_run_size(const struct lb_kernel *k)
{
	return ALIGN_UP(MAX(k->init_size, k->pm_size), PAGE_SIZE);
}

static bool below_4g(uint64_t addr, uint64_t size)
{
	return range_ok(addr, size) && addr + size <= SZ_4G;
}

static enum lb_error check_setup(const struct lb_kernel *k, const struct lb_setup *s)
{
	size_t cmdlen = s->cmdline ? strlen(s->cmdline) : 0;

	if (!below_4g(s->kernel_addr, lb_run_size(k)) || !IS_ALIGNED(s->kernel_addr, k->kernel_alignment))
		return LB_E_BAD_ADDRESS;
	/*
	 * pref_address is the kernel's LOAD_PHYSICAL_ADDR (header.S): loaded
	 * lower, its startup_32 decompresses there instead, outside the run area.
	 */
	if (s->kernel_addr < k->pref_address)
		return LB_E_BAD_ADDRESS;
	if (s->initrd_size) {
		bool high_ok = k->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G;
		if (!range_ok(s->initrd_addr, s->initrd_size) ||
		    (!high_ok && s->initrd_addr + s->initrd_size - 1 > k->initrd_addr_max))
			return LB_E_BAD_ADDRESS;
	}
	if (!below_4g(s->cmdline_addr, cmdlen + 1))
		return LB_E_BAD_ADDRESS;
	if (cmdlen > k->cmdline_size)
		return LB_E_CMDLINE_TOO_LONG;
	if (s->e820_count > BP_E820_MAX)
		return LB_E_E820_TOO_BIG;
	return LB_OK;
}

enum lb_error lb_build_boot_params(uint8_t *bp, const void *img, const struct lb_kernel *k,
				   const struct lb_setup *s)
{
	enum lb_error err = check_setup(k, s);

	if (err)
		return err;
	memset(bp, 0, BP_SIZE);
	/* Copy the header from 0x1F1, never from 0x1EF: the sentinel stays 0. */
	memcpy(bp + HDR_START, (const uint8_t *)img + HDR_START, k->hdr_end - HDR_START);

	put16(bp, HDR_VID_MODE, HDR_VID_MODE_NORMAL);
	put8(bp, HDR_TYPE_OF_LOADER, HDR_TYPE_UNDEFINED);
	put8(bp, HDR_LOADFLAGS, (uint8_t)(get8(bp, HDR_LOADFLAGS) & ~LOADFLAG_CAN_USE_HEAP));
	put32(bp, HDR_CODE32_START, (uint32_t)s->kernel_addr);
	put32(bp, HDR_RAMDISK_IMAGE, (uint32_t)s->initrd_addr);
	put32(bp, HDR_RAMDISK_SIZE, (uint32_t)s->initrd_size);
	put32(bp, BP_EXT_RAMDISK_IMAGE, (uint32_t)(s->initrd_addr >> 32));
	put32(bp, BP_EXT_RAMDISK_SIZE, (uint32_t)(s->initrd_size >> 32));
	put32(bp, HDR_CMD_LINE_PTR, (uint32_t)s->cmdline_addr);
	put32(bp, BP_EXT_CMD_LINE_PTR, 0);
	put64(bp, BP_ACPI_RSDP_ADDR, s->acpi_rsdp);

	put8(bp, BP_E820_ENTRIES, (uint8_t)s->e820_count);
	for (unsigned i = 0; i < s->e820_count; i++) {
		unsigned off = BP_E820_TABLE + i * BP_E820_ENTRY_SIZE;
		put64(bp, off, s->e820[i].base);
		put64(bp, off + 8, s->e820[i].size);
		put32(bp, off + 16, s->e820[i].type);
	}
	return LB_OK;
}
