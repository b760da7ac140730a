// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for hv/arch/x86/boot/linuxboot.c: parses arbitrary
 * headers, then builds zero pages from what parses, with a plausible setup
 * and with one taken from the input. A refusal must leave the page alone;
 * a zero page must hold the header and nothing of the file past it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <asm/bootparam.h>
#include <asm/linuxboot.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static void check_parse(const uint8_t *img, size_t size, const struct lb_kernel *k)
{
	unsigned sects = img[HDR_SETUP_SECTS] ? img[HDR_SETUP_SECTS] : 4;

	if (k->version < HDR_MIN_VERSION || k->setup_size != (sects + 1) * 512 ||
	    k->pm_offset != k->setup_size || k->pm_offset + k->pm_size != size || !k->pm_size ||
	    k->hdr_end < HDR_INIT_SIZE + 4 || k->hdr_end > BP_E820_TABLE ||
	    k->kernel_alignment < 4096 || (k->kernel_alignment & (k->kernel_alignment - 1)))
		abort();
	uint64_t run = lb_run_size(k);
	if (run % 4096 || run < k->init_size || run < k->pm_size)
		abort();
}

static void check_build(const uint8_t *img, const struct lb_kernel *k, const struct lb_setup *s)
{
	static uint8_t bp[BP_SIZE];
	enum lb_error e;

	memset(bp, 0xA5, sizeof(bp));
	e = lb_build_boot_params(bp, img, k, s);
	if (e != LB_OK) {
		if (e > LB_E_E820_TOO_BIG)
			abort();
		for (unsigned i = 0; i < sizeof(bp); i++)
			if (bp[i] != 0xA5)
				abort();	/* refused, yet written */
		return;
	}
	if (bp[BP_SENTINEL] || bp[BP_E820_ENTRIES] != s->e820_count)
		abort();
	for (unsigned i = 0; i < HDR_START; i++)
		if (bp[i] && i != BP_E820_ENTRIES && !(i >= BP_ACPI_RSDP_ADDR && i < BP_ACPI_RSDP_ADDR + 8) &&
		    !(i >= BP_EXT_RAMDISK_IMAGE && i < BP_EXT_CMD_LINE_PTR + 4))
			abort();
	/* From the header's end to the e820 table the file is not copied. */
	for (unsigned i = k->hdr_end; i < BP_E820_TABLE; i++)
		if (bp[i])
			abort();
	for (unsigned i = BP_E820_TABLE + s->e820_count * BP_E820_ENTRY_SIZE; i < BP_SIZE; i++)
		if (bp[i])
			abort();
	if (memcmp(bp + HDR_MAGIC, img + HDR_MAGIC, 4) ||
	    rd64(bp + BP_ACPI_RSDP_ADDR) != s->acpi_rsdp ||
	    (uint32_t)rd64(bp + HDR_CODE32_START) != (uint32_t)s->kernel_addr ||
	    bp[HDR_TYPE_OF_LOADER] != HDR_TYPE_UNDEFINED || (bp[HDR_LOADFLAGS] & LOADFLAG_CAN_USE_HEAP))
		abort();
	for (unsigned i = 0; i < s->e820_count; i++)
		if (rd64(bp + BP_E820_TABLE + i * 20) != s->e820[i].base ||
		    rd64(bp + BP_E820_TABLE + i * 20 + 8) != s->e820[i].size)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bh_mem_range e820[130];
	static char cmdline[4200];
	struct lb_kernel k;
	enum lb_error e = lb_parse(data, size, &k);

	if (e > LB_E_E820_TOO_BIG)
		abort();
	if (e != LB_OK)
		return 0;
	check_parse(data, size, &k);

	for (unsigned i = 0; i < 130; i++)
		e820[i] = (struct bh_mem_range){ 0x100000ull * i, 0x80000, 1 + i % 5, 0 };
	/* A setup that fits any parsed kernel whose run area fits below 4 GiB. */
	struct lb_setup s = {
		.kernel_addr = (0x1000000 + k.kernel_alignment - 1) & ~(uint64_t)(k.kernel_alignment - 1),
		.initrd_addr = 0x100000, .initrd_size = 0x1000, .cmdline_addr = 0x90000,
		.cmdline = "console=ttyS0", .acpi_rsdp = 0xe0000, .e820 = e820, .e820_count = 3,
	};
	check_build(data, &k, &s);

	/* And one from the file's last 48 bytes (size > setup_size >= 1024), for every refusal. */
	const uint8_t *t = data + size - 48;
	s.kernel_addr = rd64(t) & 0x1ffffffffull;
	s.initrd_addr = rd64(t + 8) >> (t[40] & 31);
	s.initrd_size = rd64(t + 16) >> (t[41] & 63);
	s.cmdline_addr = rd64(t + 24) & 0x1ffffffffull;
	s.acpi_rsdp = rd64(t + 32);
	unsigned len = (unsigned)(t[42] | t[43] << 8) % (sizeof(cmdline) - 1);
	memset(cmdline, 'c', len);
	cmdline[len] = 0;
	s.cmdline = t[44] & 1 ? NULL : cmdline;
	s.e820_count = t[45] % 131;
	s.e820 = s.e820_count ? e820 : NULL;
	if (s.e820_count > 130)
		s.e820_count = 130;
	check_build(data, &k, &s);
	return 0;
}
