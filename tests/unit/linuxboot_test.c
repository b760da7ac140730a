// SPDX-License-Identifier: GPL-2.0
/*
 * Linux boot protocol tests (hv/arch/x86/boot/linuxboot.c) on the real root
 * kernel and on synthetic headers. Offsets come from Linux's own
 * struct boot_params (the host's linux-libc-dev), not from our header.
 */
#include "test.h"

#include <stddef.h>
/* Linux's UAPI header by its multiarch path: ours is asm/bootparam.h too. */
#include <x86_64-linux-gnu/asm/bootparam.h>
#include <asm/linuxboot.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SZ_4G 0x100000000ull
#define HDR_OFF offsetof(struct boot_params, hdr)	/* 0x1f1 */

struct file {
	uint8_t *data;
	size_t size;
};

/* The bzImage from tools/setup, read once for the whole run. */
static struct file kernel_image(void)
{
	static struct file f;
	FILE *fp;

	if (f.data)
		return f;
	fp = fopen(KERNEL_IMAGE_PATH, "rb");
	if (!fp)
		TEST_FAIL("cannot open %s (run tools/setup)", KERNEL_IMAGE_PATH);
	fseek(fp, 0, SEEK_END);
	f.size = (size_t)ftell(fp);
	rewind(fp);
	f.data = malloc(f.size);
	if (!f.data || fread(f.data, 1, f.size, fp) != f.size)
		TEST_FAIL("cannot read %s", KERNEL_IMAGE_PATH);
	fclose(fp);
	return f;
}

static const struct setup_header *hdr_of(const uint8_t *img)
{
	return (const struct setup_header *)(img + HDR_OFF);
}

/* boot.rst: the header ends at 0x202 + the byte offset of the jump at 0x200. */
static size_t header_end(const uint8_t *img)
{
	return 0x202 + (hdr_of(img)->jump >> 8);
}

TEST(real_kernel_parses)
{
	struct file f = kernel_image();
	const struct setup_header *h = hdr_of(f.data);
	struct lb_kernel k;
	unsigned sects = h->setup_sects ? h->setup_sects : 4;

	CHECK_EQ(lb_parse(f.data, f.size, &k), LB_OK);
	CHECK_EQ(h->header, 0x53726448);			/* "HdrS" */
	CHECK_EQ(k.version, h->version);
	CHECK(k.version >= 0x020c);
	CHECK_EQ(k.setup_size, (sects + 1) * 512);
	CHECK_EQ(k.pm_offset, k.setup_size);
	CHECK_EQ(k.pm_size, f.size - k.setup_size);
	CHECK(k.pm_size >= (uint64_t)h->syssize * 16);		/* plus any signature */
	CHECK_EQ(k.pref_address, 0x1000000);			/* CONFIG_PHYSICAL_START */
	CHECK_EQ(k.pref_address, h->pref_address);
	CHECK_EQ(k.kernel_alignment, 0x200000);			/* CONFIG_PHYSICAL_ALIGN */
	CHECK_EQ(k.kernel_alignment, h->kernel_alignment);
	CHECK_EQ(k.init_size, h->init_size);
	CHECK(k.init_size > k.pm_size);		/* decompression needs more than the file */
	CHECK_EQ(k.initrd_addr_max, h->initrd_addr_max);
	CHECK_EQ(k.cmdline_size, h->cmdline_size);
	CHECK(k.cmdline_size >= 255);
	CHECK_EQ(k.xloadflags, h->xloadflags);
	CHECK(k.xloadflags & XLF_KERNEL_64);
	CHECK_EQ(k.hdr_end, header_end(f.data));
	CHECK(k.hdr_end >= HDR_OFF + offsetof(struct setup_header, kernel_info_offset));
	CHECK_EQ(lb_run_size(&k), (k.init_size + 0xfff) & ~0xfffull);
}

/* What the zero page must hold: built here with Linux's struct, field by field. */
static void expected_page(uint8_t *want, const uint8_t *img, const struct lb_setup *s)
{
	struct boot_params *w = (struct boot_params *)want;

	memset(want, 0, sizeof(*w));
	memcpy(want + HDR_OFF, img + HDR_OFF, header_end(img) - HDR_OFF);
	w->hdr.vid_mode = 0xffff;
	w->hdr.type_of_loader = 0xff;
	w->hdr.loadflags &= (uint8_t)~CAN_USE_HEAP;
	w->hdr.code32_start = (uint32_t)s->kernel_addr;
	w->hdr.ramdisk_image = (uint32_t)s->initrd_addr;
	w->hdr.ramdisk_size = (uint32_t)s->initrd_size;
	w->ext_ramdisk_image = (uint32_t)(s->initrd_addr >> 32);
	w->ext_ramdisk_size = (uint32_t)(s->initrd_size >> 32);
	w->hdr.cmd_line_ptr = (uint32_t)s->cmdline_addr;
	w->ext_cmd_line_ptr = 0;
	w->acpi_rsdp_addr = s->acpi_rsdp;
	w->e820_entries = (uint8_t)s->e820_count;
	for (unsigned i = 0; i < s->e820_count; i++) {
		w->e820_table[i].addr = s->e820[i].base;
		w->e820_table[i].size = s->e820[i].size;
		w->e820_table[i].type = s->e820[i].type;
	}
}

static void check_page(const uint8_t *bp, const uint8_t *img, const struct lb_setup *s)
{
	static uint8_t want[sizeof(struct boot_params)];

	expected_page(want, img, s);
	for (size_t i = 0; i < sizeof(want); i++)
		if (bp[i] != want[i])
			TEST_FAIL("zero page byte 0x%zx is 0x%02x, want 0x%02x", i, bp[i], want[i]);
}

static const struct bh_mem_range e820[] = {
	{ 0x0, 0x9f000, BH_MEM_USABLE, 0 },
	{ 0x9f000, 0x1000, BH_MEM_RESERVED, 0 },
	{ 0x100000, 0x7ff00000, BH_MEM_USABLE, 0 },
	{ 0x80000000, 0x1000, BH_MEM_ACPI_RECLAIM, 0 },
	{ 0xfee00000, 0x1000, BH_MEM_RESERVED, 0 },
	{ 0x100000000ull, 0x380000000ull, BH_MEM_USABLE, 0 },
};

static struct lb_setup base_setup(void)
{
	return (struct lb_setup){
		.kernel_addr = 0x1000000, .initrd_addr = 0x7f000000, .initrd_size = 0x123456,
		.cmdline_addr = 0x9a000, .cmdline = "console=ttyS0 root=/dev/ram0",
		.acpi_rsdp = 0xf5a10, .e820 = e820, .e820_count = ARRAY_LEN(e820),
	};
}

TEST(zero_page_for_the_real_kernel)
{
	static uint8_t bp[4096];
	struct file f = kernel_image();
	struct lb_kernel k;
	struct lb_setup s = base_setup();
	const struct boot_params *b = (const struct boot_params *)bp;

	CHECK_EQ(lb_parse(f.data, f.size, &k), LB_OK);
	memset(bp, 0xEE, sizeof(bp));
	CHECK_EQ(lb_build_boot_params(bp, f.data, &k, &s), LB_OK);
	check_page(bp, f.data, &s);
	/* The same facts, one by one, as the kernel reads them. */
	CHECK(f.data[0x1ef] != 0);		/* the file's sentinel is set... */
	CHECK_EQ(b->sentinel, 0);		/* ...and must not reach the zero page */
	CHECK_EQ(b->hdr.boot_flag, 0xAA55);
	CHECK_EQ(b->hdr.header, 0x53726448);
	CHECK_EQ(b->hdr.setup_sects, f.data[0x1f1]);
	CHECK(b->hdr.loadflags & LOADED_HIGH);
	CHECK(!(b->hdr.loadflags & CAN_USE_HEAP));	/* no heap_end_ptr given */
	CHECK_EQ(b->hdr.code32_start, 0x1000000);
	CHECK_EQ(b->hdr.ramdisk_image, 0x7f000000);
	CHECK_EQ(b->hdr.ramdisk_size, 0x123456);
	CHECK_EQ(b->ext_ramdisk_image, 0);
	CHECK_EQ(b->hdr.cmd_line_ptr, 0x9a000);
	CHECK_EQ(b->acpi_rsdp_addr, 0xf5a10);
	CHECK_EQ(b->e820_entries, ARRAY_LEN(e820));
	CHECK_EQ(b->e820_table[5].addr, 0x100000000ull);
	CHECK_EQ(b->e820_table[5].size, 0x380000000ull);
	CHECK_EQ(b->e820_table[3].type, 3);
	CHECK_EQ(b->hdr.kernel_alignment, 0x200000);	/* copied, not changed */
	CHECK_EQ(b->hdr.init_size, k.init_size);
}

TEST(initrd_above_4g_uses_the_ext_fields)
{
	static uint8_t bp[4096];
	struct file f = kernel_image();
	struct lb_kernel k;
	struct lb_setup s = base_setup();
	const struct boot_params *b = (const struct boot_params *)bp;

	CHECK_EQ(lb_parse(f.data, f.size, &k), LB_OK);
	CHECK(k.xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G);
	s.initrd_addr = 0x123456000ull;
	s.initrd_size = 0x100000010ull;
	CHECK_EQ(lb_build_boot_params(bp, f.data, &k, &s), LB_OK);
	check_page(bp, f.data, &s);
	CHECK_EQ(b->hdr.ramdisk_image, 0x23456000);
	CHECK_EQ(b->ext_ramdisk_image, 1);
	CHECK_EQ(b->hdr.ramdisk_size, 0x10);
	CHECK_EQ(b->ext_ramdisk_size, 1);
}

TEST(e820_holds_up_to_128_entries)
{
	static uint8_t bp[4096];
	static struct bh_mem_range many[129];
	struct file f = kernel_image();
	struct lb_kernel k;
	struct lb_setup s = base_setup();
	const struct boot_params *b = (const struct boot_params *)bp;

	for (unsigned i = 0; i < ARRAY_LEN(many); i++)
		many[i] = (struct bh_mem_range){ 0x200000ull * i, 0x100000, 1 + i % 5, 0 };
	CHECK_EQ(lb_parse(f.data, f.size, &k), LB_OK);
	s.e820 = many;
	s.e820_count = 128;
	CHECK_EQ(lb_build_boot_params(bp, f.data, &k, &s), LB_OK);
	check_page(bp, f.data, &s);
	CHECK_EQ(b->e820_entries, 128);
	CHECK_EQ(b->e820_table[127].addr, 0x200000ull * 127);
	s.e820_count = 129;
	memset(bp, 0xEE, sizeof(bp));
	CHECK_EQ(lb_build_boot_params(bp, f.data, &k, &s), LB_E_E820_TOO_BIG);
	CHECK_EQ(bp[0], 0xEE);			/* refused before writing */
	s.e820_count = 0;
	s.e820 = NULL;
	CHECK_EQ(lb_build_boot_params(bp, f.data, &k, &s), LB_OK);
	CHECK_EQ(b->e820_entries, 0);
}

/* Builds with one field of the base setup changed; returns the result. */
static enum lb_error build_with(const struct lb_kernel *k, const struct lb_setup *s)
{
	static uint8_t bp[4096];
	struct file f = kernel_image();
	enum lb_error e;

	memset(bp, 0xEE, sizeof(bp));
	e = lb_build_boot_params(bp, f.data, k, s);
	if (e != LB_OK)
		for (size_t i = 0; i < sizeof(bp); i++)
			if (bp[i] != 0xEE)
				TEST_FAIL("refused (%s) but wrote byte 0x%zx", lb_strerror(e), i);
	return e;
}

TEST(kernel_address_must_be_aligned_high_enough_and_below_4g)
{
	struct file f = kernel_image();
	struct lb_kernel k;
	struct lb_setup s = base_setup();

	CHECK_EQ(lb_parse(f.data, f.size, &k), LB_OK);
	uint64_t run = lb_run_size(&k);
	uint64_t top = (SZ_4G - run) & ~0x1fffffull;	/* highest aligned fit */
	s.kernel_addr = 0x1000000 + 0x1000;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	s.kernel_addr = 0x1100000;			/* 1 MiB: not 2 MiB aligned */
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	/* Below pref_address (LOAD_PHYSICAL_ADDR) the kernel moves itself up to it. */
	s.kernel_addr = k.pref_address - k.kernel_alignment;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	s.kernel_addr = 0;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	s.kernel_addr = k.pref_address;
	CHECK_EQ(build_with(&k, &s), LB_OK);
	s.kernel_addr = top;
	CHECK_EQ(build_with(&k, &s), LB_OK);
	s.kernel_addr = top + 0x200000;			/* its run area crosses 4 GiB */
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	s.kernel_addr = SZ_4G;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	s.kernel_addr = 0xffffffffffe00000ull;		/* wraps */
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
}

TEST(initrd_must_stay_below_initrd_addr_max)
{
	struct file f = kernel_image();
	struct lb_kernel k;
	struct lb_setup s = base_setup();

	CHECK_EQ(lb_parse(f.data, f.size, &k), LB_OK);
	k.xloadflags &= (uint16_t)~XLF_CAN_BE_LOADED_ABOVE_4G;	/* an older kernel */
	k.initrd_addr_max = 0x37ffffff;
	s.initrd_addr = 0x37ff0000;
	s.initrd_size = 0x10000;			/* last byte is initrd_addr_max */
	CHECK_EQ(build_with(&k, &s), LB_OK);
	s.initrd_size = 0x10001;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	s.initrd_addr = 0x100000000ull;
	s.initrd_size = 0x1000;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	/* No initrd: its address does not matter. */
	s.initrd_size = 0;
	CHECK_EQ(build_with(&k, &s), LB_OK);
	/* A kernel that can take it above 4 GiB may have it anywhere that does not wrap. */
	k.xloadflags |= XLF_CAN_BE_LOADED_ABOVE_4G;
	s.initrd_addr = 0x4000000000ull;
	s.initrd_size = 0x1000;
	CHECK_EQ(build_with(&k, &s), LB_OK);
	s.initrd_addr = UINT64_MAX - 0xfff;
	s.initrd_size = 0x2000;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
}

TEST(command_line_must_fit)
{
	static char line[4096];
	struct file f = kernel_image();
	struct lb_kernel k;
	struct lb_setup s = base_setup();

	CHECK_EQ(lb_parse(f.data, f.size, &k), LB_OK);
	CHECK(k.cmdline_size < sizeof(line));
	memset(line, 'x', k.cmdline_size);
	line[k.cmdline_size] = 0;			/* cmdline_size excludes the NUL */
	s.cmdline = line;
	CHECK_EQ(build_with(&k, &s), LB_OK);
	line[k.cmdline_size] = 'x';
	line[k.cmdline_size + 1] = 0;
	CHECK_EQ(build_with(&k, &s), LB_E_CMDLINE_TOO_LONG);
	/* It and its NUL must lie below 4 GiB: no ext_cmd_line_ptr is written. */
	s.cmdline = "quiet";
	s.cmdline_addr = SZ_4G - 6;
	CHECK_EQ(build_with(&k, &s), LB_OK);
	s.cmdline_addr = SZ_4G - 5;
	CHECK_EQ(build_with(&k, &s), LB_E_BAD_ADDRESS);
	s.cmdline = NULL;				/* none: an empty line */
	s.cmdline_addr = 0x9a000;
	CHECK_EQ(build_with(&k, &s), LB_OK);
}

/* A minimal bzImage header of protocol 2.15 in a 16 KiB file. */
#define SYN_SIZE 0x4000u
static uint8_t syn[SYN_SIZE];

static struct setup_header *syn_hdr(void)
{
	return (struct setup_header *)(syn + HDR_OFF);
}

static void syn_init(void)
{
	struct setup_header *h = syn_hdr();

	for (size_t i = 0; i < sizeof(syn); i++)
		syn[i] = (uint8_t)(0x5a ^ i);
	memset(h, 0, sizeof(*h));
	syn[0x1ef] = 0xff;				/* header.S's sentinel */
	h->setup_sects = 3;
	h->boot_flag = 0xAA55;
	h->jump = 0x6aeb;				/* jmp short +0x6a: ends at 0x26c */
	h->header = 0x53726448;
	h->version = 0x020f;
	h->loadflags = LOADED_HIGH | CAN_USE_HEAP;
	h->relocatable_kernel = 1;
	h->kernel_alignment = 0x200000;
	h->xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G;
	h->cmdline_size = 2047;
	h->initrd_addr_max = 0x7fffffff;
	h->pref_address = 0x1000000;
	h->init_size = 0x800000;
}

static enum lb_error syn_parse(size_t len, struct lb_kernel *k)
{
	struct lb_kernel scratch;
	return lb_parse(syn, len, k ? k : &scratch);
}

TEST(synthetic_header_parses)
{
	static uint8_t bp[4096];
	struct lb_kernel k;
	struct lb_setup s = base_setup();

	syn_init();
	CHECK_EQ(syn_parse(SYN_SIZE, &k), LB_OK);
	CHECK_EQ(k.version, 0x020f);
	CHECK_EQ(k.setup_size, 4 * 512);
	CHECK_EQ(k.pm_offset, 2048);
	CHECK_EQ(k.pm_size, SYN_SIZE - 2048);
	CHECK_EQ(k.hdr_end, 0x26c);
	CHECK_EQ(k.init_size, 0x800000);
	CHECK_EQ(lb_run_size(&k), 0x800000);
	CHECK_EQ(lb_build_boot_params(bp, syn, &k, &s), LB_OK);
	check_page(bp, syn, &s);		/* bytes past the header are not copied */
	/* setup_sects 0 means 4 (boot.rst). */
	syn_hdr()->setup_sects = 0;
	CHECK_EQ(syn_parse(SYN_SIZE, &k), LB_OK);
	CHECK_EQ(k.setup_size, 5 * 512);
	/* A tiny init_size: the run area still holds the whole file's kernel. */
	syn_hdr()->init_size = 0x100;
	CHECK_EQ(syn_parse(SYN_SIZE, &k), LB_OK);
	CHECK_EQ(lb_run_size(&k), 0x4000);	/* 0x4000 - 0xa00, page-aligned up */
}

TEST(synthetic_header_errors)
{
	syn_init();
	CHECK_EQ(syn_parse(0x263, NULL), LB_E_TOO_SMALL);	/* ends inside the header */
	CHECK_EQ(syn_parse(0, NULL), LB_E_TOO_SMALL);
	CHECK_EQ(syn_parse(2048, NULL), LB_E_TOO_SMALL);	/* no protected-mode part */
	CHECK_EQ(syn_parse(2049, NULL), LB_OK);

	syn_init();
	syn_hdr()->boot_flag = 0xAA56;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_NOT_BZIMAGE);
	syn_init();
	syn_hdr()->header = 0x53726449;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_NOT_BZIMAGE);

	syn_init();
	syn_hdr()->version = 0x020b;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_OLD_PROTOCOL);
	syn_hdr()->version = 0x0100;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_OLD_PROTOCOL);
	syn_hdr()->version = 0x020c;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_OK);

	syn_init();
	syn_hdr()->relocatable_kernel = 0;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_NOT_RELOCATABLE);

	syn_init();
	syn_hdr()->setup_sects = 31;				/* setup is the whole file */
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_TOO_SMALL);
	CHECK_EQ(syn_parse(SYN_SIZE - 1, NULL), LB_E_TOO_SMALL);
	syn_hdr()->setup_sects = 30;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_OK);
}

TEST(header_length_must_cover_what_is_read)
{
	syn_init();
	syn_hdr()->jump = 0xceeb;				/* ends at 0x2d0, the e820 table */
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_OK);
	syn_hdr()->jump = 0xcfeb;				/* one byte into it */
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_TOO_SMALL);
	syn_hdr()->jump = 0xffeb;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_TOO_SMALL);
	/*
	 * Protocol 2.12 headers run at least to init_size (0x260..0x263); one
	 * that ends sooner would have the loader place the kernel by bytes of
	 * setup code.
	 */
	syn_hdr()->jump = 0x62eb;				/* ends at 0x264 */
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_OK);
	syn_hdr()->jump = 0x61eb;				/* ends at 0x263 */
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_NOT_BZIMAGE);
	syn_hdr()->jump = 0x00eb;
	CHECK_EQ(syn_parse(SYN_SIZE, NULL), LB_E_NOT_BZIMAGE);
}

TEST(kernel_alignment_must_be_a_power_of_two_of_at_least_4k)
{
	static const struct { uint32_t align; enum lb_error want; } cases[] = {
		{ 0, LB_E_NOT_BZIMAGE }, { 1, LB_E_NOT_BZIMAGE }, { 0x800, LB_E_NOT_BZIMAGE },
		{ 0x1000, LB_OK }, { 0x3000, LB_E_NOT_BZIMAGE }, { 0x200000, LB_OK },
		{ 0x200001, LB_E_NOT_BZIMAGE }, { 0x80000000, LB_OK }, { 0xffffffff, LB_E_NOT_BZIMAGE },
	};

	for (unsigned i = 0; i < ARRAY_LEN(cases); i++) {
		syn_init();
		syn_hdr()->kernel_alignment = cases[i].align;
		if (syn_parse(SYN_SIZE, NULL) != cases[i].want)
			TEST_FAIL("alignment 0x%x: %s", cases[i].align,
				  lb_strerror(syn_parse(SYN_SIZE, NULL)));
	}
}

TEST(strerror_names_every_error)
{
	const char *seen[LB_E_E820_TOO_BIG + 1];

	for (int e = LB_OK; e <= LB_E_E820_TOO_BIG; e++) {
		seen[e] = lb_strerror((enum lb_error)e);
		CHECK(seen[e] && strcmp(seen[e], "unknown boot protocol error"));
		for (int j = 0; j < e; j++)
			CHECK(strcmp(seen[j], seen[e]));
	}
	CHECK_STR(lb_strerror((enum lb_error)42), "unknown boot protocol error");
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
