// SPDX-License-Identifier: GPL-2.0
/*
 * UEFI memory map conversion tests (efi/efimap.c): the type mapping against
 * Linux's EFI stub (setup_e820() in drivers/firmware/efi/libstub/x86-stub.c),
 * descriptor strides, merging, and malformed maps.
 */
#include "test.h"

#include <hv/util.h>
#include "efimap.h"

#define EFI_MEMORY_SP (1ull << 18)	/* UEFI 2.8 "specific purpose" attribute */

/* A firmware map with a chosen descriptor stride; bytes past 40 are garbage. */
struct fw_map {
	uint8_t buf[64 * 128];
	size_t stride, size;
};

static void fw_init(struct fw_map *f, size_t stride)
{
	memset(f->buf, 0xCC, sizeof(f->buf));
	f->stride = stride;
	f->size = 0;
}

static void fw_add(struct fw_map *f, uint32_t type, uint64_t start, uint64_t pages)
{
	struct efi_mem_desc d = { .type = type, .pad = 0xdeadbeef, .phys_start = start,
				  .virt_start = 0xffff800000000000ull | start, .pages = pages,
				  .attribute = 0xf };

	if (f->size + f->stride > sizeof(f->buf))
		TEST_FAIL("fw_map full");
	memcpy(f->buf + f->size, &d, sizeof(d));
	f->size += f->stride;
}

struct want { uint64_t base, end; uint32_t type; };

static void expect_ranges(const struct bh_mem_range *r, int n, const struct want *w, int wn)
{
	if (n != wn)
		TEST_FAIL("%d ranges, want %d", n, wn);
	for (int i = 0; i < n; i++)
		if (r[i].base != w[i].base || r[i].base + r[i].size != w[i].end ||
		    r[i].type != w[i].type)
			TEST_FAIL("range %d is [0x%" PRIx64 ", 0x%" PRIx64 ") type %u, want "
				  "[0x%" PRIx64 ", 0x%" PRIx64 ") type %u", i, r[i].base,
				  r[i].base + r[i].size, r[i].type, w[i].base, w[i].end, w[i].type);
}

#define EXPECT(r, n, ...)                                                   \
	do {                                                                \
		static const struct want w_[] = { __VA_ARGS__ };            \
		expect_ranges(r, n, w_, (int)ARRAY_SIZE(w_));               \
	} while (0)

/* Linux 6.1 setup_e820(): what each EFI type becomes in the kernel's e820. */
TEST(types_map_as_linux_maps_them)
{
	static const struct { uint32_t efi, e820; } linux_map[] = {
		{ EFI_MT_RESERVED, BH_MEM_RESERVED },
		{ EFI_MT_LOADER_CODE, BH_MEM_USABLE },
		{ EFI_MT_LOADER_DATA, BH_MEM_USABLE },
		{ EFI_MT_BOOT_SERVICES_CODE, BH_MEM_USABLE },
		{ EFI_MT_BOOT_SERVICES_DATA, BH_MEM_USABLE },
		{ EFI_MT_RUNTIME_SERVICES_CODE, BH_MEM_RESERVED },
		{ EFI_MT_RUNTIME_SERVICES_DATA, BH_MEM_RESERVED },
		{ EFI_MT_CONVENTIONAL, BH_MEM_USABLE },
		{ EFI_MT_UNUSABLE, BH_MEM_UNUSABLE },
		{ EFI_MT_ACPI_RECLAIM, BH_MEM_ACPI_RECLAIM },
		{ EFI_MT_ACPI_NVS, BH_MEM_ACPI_NVS },
		{ EFI_MT_MMIO, BH_MEM_RESERVED },
		{ EFI_MT_MMIO_PORT_SPACE, BH_MEM_RESERVED },
		{ EFI_MT_PAL_CODE, BH_MEM_RESERVED },
		{ EFI_MT_PERSISTENT, BH_MEM_PMEM },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(linux_map); i++)
		if (efimap_type(linux_map[i].efi) != linux_map[i].e820)
			TEST_FAIL("EFI type %u: %u, Linux says %u", linux_map[i].efi,
				  efimap_type(linux_map[i].efi), linux_map[i].e820);
}

/*
 * Where we deliberately differ (docs/boot-protocol.md section 6): memory the
 * core cannot use or accept stays reserved rather than being left out.
 */
TEST(unaccepted_and_unknown_types_are_reserved)
{
	static const uint32_t types[] = { EFI_MT_UNACCEPTED, 16, 0x6fffffff,
					  0x70000000 /* OEM */, 0x80000000 /* OS */, UINT32_MAX };

	for (unsigned i = 0; i < ARRAY_SIZE(types); i++)
		CHECK_EQ(efimap_type(types[i]), BH_MEM_RESERVED);
}

TEST(a_typical_map_converts_sorted_and_merged)
{
	struct fw_map f;
	struct bh_mem_range out[16];

	fw_init(&f, sizeof(struct efi_mem_desc));
	/* Out of order, as some firmware reports it. */
	fw_add(&f, EFI_MT_CONVENTIONAL, 0x100000, 0x700);
	fw_add(&f, EFI_MT_BOOT_SERVICES_CODE, 0x0, 0x1);
	fw_add(&f, EFI_MT_CONVENTIONAL, 0x1000, 0x9f);
	fw_add(&f, EFI_MT_MMIO, 0xa0000, 0x20);			/* left out */
	fw_add(&f, EFI_MT_RESERVED, 0xc0000, 0x40);
	fw_add(&f, EFI_MT_LOADER_DATA, 0x800000, 0x10);
	fw_add(&f, EFI_MT_BOOT_SERVICES_DATA, 0x810000, 0x10);
	fw_add(&f, EFI_MT_ACPI_RECLAIM, 0x820000, 0x4);
	fw_add(&f, EFI_MT_ACPI_NVS, 0x824000, 0x4);
	fw_add(&f, EFI_MT_RUNTIME_SERVICES_DATA, 0x828000, 0x8);
	fw_add(&f, EFI_MT_RUNTIME_SERVICES_CODE, 0x830000, 0x8);
	fw_add(&f, EFI_MT_MMIO_PORT_SPACE, 0xfec00000, 0x1);	/* left out */
	fw_add(&f, EFI_MT_PERSISTENT, 0x100000000ull, 0x40000);
	int n = efimap_convert(f.buf, f.size, f.stride, out, ARRAY_SIZE(out));
	EXPECT(out, n,
	       { 0x0, 0xa0000, BH_MEM_USABLE },
	       { 0xc0000, 0x100000, BH_MEM_RESERVED },
	       { 0x100000, 0x820000, BH_MEM_USABLE },
	       { 0x820000, 0x824000, BH_MEM_ACPI_RECLAIM },
	       { 0x824000, 0x828000, BH_MEM_ACPI_NVS },
	       { 0x828000, 0x838000, BH_MEM_RESERVED },
	       { 0x100000000ull, 0x140000000ull, BH_MEM_PMEM });
}

TEST(descriptors_are_walked_by_their_stride)
{
	static const size_t strides[] = { 40, 48, 56, 80, 128 };
	struct fw_map f;
	struct bh_mem_range out[8];

	for (unsigned i = 0; i < ARRAY_SIZE(strides); i++) {
		fw_init(&f, strides[i]);
		fw_add(&f, EFI_MT_CONVENTIONAL, 0x0, 0x10);
		fw_add(&f, EFI_MT_ACPI_NVS, 0x10000, 0x1);
		fw_add(&f, EFI_MT_CONVENTIONAL, 0x11000, 0x10);
		int n = efimap_convert(f.buf, f.size, f.stride, out, ARRAY_SIZE(out));
		EXPECT(out, n, { 0x0, 0x10000, BH_MEM_USABLE }, { 0x10000, 0x11000, BH_MEM_ACPI_NVS },
		       { 0x11000, 0x21000, BH_MEM_USABLE });
	}
}

/* Only the descriptor's type decides: attributes (even EFI_MEMORY_SP) do not. */
TEST(attributes_do_not_change_the_type)
{
	struct bh_mem_range out[4];
	struct efi_mem_desc d = { .type = EFI_MT_CONVENTIONAL, .phys_start = 0x200000,
				  .pages = 0x100, .attribute = EFI_MEMORY_SP | 0xf };

	CHECK_EQ(efimap_convert(&d, sizeof(d), sizeof(d), out, 4), 1);
	CHECK_EQ(out[0].type, BH_MEM_USABLE);
}

TEST(overlapping_descriptors_resolve_by_rank)
{
	struct fw_map f;
	struct bh_mem_range out[8];

	fw_init(&f, 48);
	fw_add(&f, EFI_MT_CONVENTIONAL, 0x0, 0x100);
	fw_add(&f, EFI_MT_RUNTIME_SERVICES_DATA, 0x80000, 0x10);	/* inside it */
	int n = efimap_convert(f.buf, f.size, f.stride, out, ARRAY_SIZE(out));
	EXPECT(out, n, { 0x0, 0x80000, BH_MEM_USABLE }, { 0x80000, 0x90000, BH_MEM_RESERVED },
	       { 0x90000, 0x100000, BH_MEM_USABLE });
}

TEST(empty_descriptors_and_maps)
{
	struct fw_map f;
	struct bh_mem_range out[4];

	fw_init(&f, 48);
	fw_add(&f, EFI_MT_CONVENTIONAL, 0x1000, 0);
	CHECK_EQ(efimap_convert(f.buf, f.size, f.stride, out, ARRAY_SIZE(out)), 0);
	CHECK_EQ(efimap_convert(f.buf, 0, f.stride, out, ARRAY_SIZE(out)), 0);
	CHECK_EQ(efimap_convert(f.buf, 0, f.stride, out, 0), 0);
}

TEST(malformed_maps_are_refused)
{
	struct fw_map f;
	struct bh_mem_range out[4];

	fw_init(&f, 48);
	fw_add(&f, EFI_MT_CONVENTIONAL, 0x1000, 1);
	fw_add(&f, EFI_MT_CONVENTIONAL, 0x4000, 1);
	CHECK_EQ(efimap_convert(f.buf, f.size, 0, out, 4), -1);
	CHECK_EQ(efimap_convert(f.buf, f.size, 39, out, 4), -1);	/* shorter than a descriptor */
	CHECK_EQ(efimap_convert(f.buf, f.size - 1, 48, out, 4), -1);	/* a partial descriptor */
	CHECK_EQ(efimap_convert(f.buf, f.size + 8, 48, out, 4), -1);
	/* A size in bytes that does not fit 64 bits. */
	fw_init(&f, 48);
	fw_add(&f, EFI_MT_RESERVED, 0x1000, 1ull << 52);
	CHECK_EQ(efimap_convert(f.buf, f.size, f.stride, out, 4), -1);
	/* A range that wraps around the top of the address space. */
	fw_init(&f, 48);
	fw_add(&f, EFI_MT_CONVENTIONAL, 0x1000, 1);
	fw_add(&f, EFI_MT_RESERVED, 0xfffffffffff00000ull, 0x200);
	CHECK_EQ(efimap_convert(f.buf, f.size, f.stride, out, 4), -1);
}

TEST(too_many_ranges_is_refused)
{
	struct fw_map f;
	struct bh_mem_range out[8];

	fw_init(&f, 48);
	for (unsigned i = 0; i < 5; i++)	/* five separate ranges */
		fw_add(&f, EFI_MT_CONVENTIONAL, 0x10000 * i, 1);
	CHECK_EQ(efimap_convert(f.buf, f.size, f.stride, out, 4), -1);
	CHECK_EQ(efimap_convert(f.buf, f.size, f.stride, out, 5), 5);
	/* One hole punched into one range needs three. */
	fw_init(&f, 48);
	fw_add(&f, EFI_MT_CONVENTIONAL, 0, 0x10);
	fw_add(&f, EFI_MT_RESERVED, 0x4000, 1);
	CHECK_EQ(efimap_convert(f.buf, f.size, f.stride, out, 2), -1);
	CHECK_EQ(efimap_convert(f.buf, f.size, f.stride, out, 3), 3);
}

/*
 * Firmware splits usable memory into many descriptors (loader, boot
 * services, conventional); what counts is how many ranges remain.
 */
TEST(more_descriptors_than_room_is_fine_when_they_merge)
{
	struct fw_map f;
	struct bh_mem_range out[4];
	static const uint32_t usable[] = { EFI_MT_CONVENTIONAL, EFI_MT_LOADER_CODE,
					   EFI_MT_LOADER_DATA, EFI_MT_BOOT_SERVICES_CODE,
					   EFI_MT_BOOT_SERVICES_DATA };

	fw_init(&f, 48);
	for (unsigned i = 0; i < 100; i++)
		fw_add(&f, usable[i % ARRAY_SIZE(usable)], 0x1000 * (uint64_t)i, 1);
	fw_add(&f, EFI_MT_ACPI_NVS, 0x100000, 0x10);
	for (unsigned i = 0; i < 20; i++)
		fw_add(&f, usable[i % ARRAY_SIZE(usable)], 0x200000 + 0x1000 * (uint64_t)i, 1);
	int n = efimap_convert(f.buf, f.size, f.stride, out, ARRAY_SIZE(out));
	EXPECT(out, n, { 0x0, 0x64000, BH_MEM_USABLE }, { 0x100000, 0x110000, BH_MEM_ACPI_NVS },
	       { 0x200000, 0x214000, BH_MEM_USABLE });
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
