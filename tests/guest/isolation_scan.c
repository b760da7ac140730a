// SPDX-License-Identifier: GPL-2.0
/*
 * The second half of the isolation test, run while isolation_secret holds
 * its secret in another partition (or after it, to catch unscrubbed
 * memory): read the start of every page of this guest's RAM and, in strides,
 * guest-physical addresses far beyond it, and fail if any holds the secret.
 *
 * What is read: every RAM page; below 4 GiB outside RAM, one page every
 * "stride=" bytes (default SCAN_STRIDE_LOW); from 4 GiB to 64 GiB one page
 * per GiB; above, the page at and the page below each power of two up to
 * the physical address width; with "core=0xADDR", every page of the
 * CORE_SCAN_BYTES from there.
 */
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/cpu.h>
#include <guest/exception.h>
#include <guest/phys.h>
#include <guest/test.h>
#include <hv/util.h>
#include "isolation.h"

#define SCAN_STRIDE_LOW  SZ_1M
#define SCAN_GIB_UP_TO   (64 * SZ_1G)
#define CORE_SCAN_BYTES  (64 * SZ_1M)
#define FOUND_PRINT_MAX  8

const struct test_info test_info = {
	.name = "isolation_scan",
	.title = "no guest-physical address this guest can reach holds another guest's secret",
};

struct scan {
	uint64_t ram_pages, other_reads, faults, found;
	bool quiet;
};

static void probe(struct scan *s, uint64_t pa)
{
	const volatile uint64_t *p = phys_map(pa);
	uint64_t w[SECRET_HEADER_WORDS];

	for (unsigned i = 0; i < SECRET_HEADER_WORDS; i++)
		if (read_safe(&p[i], sizeof(uint64_t), &w[i])) {
			s->faults++;
			return;
		}
	if (!secret_header_matches(w))
		return;
	if (s->found++ < FOUND_PRINT_MAX && !s->quiet)
		printf("isolation_scan: the secret of guest-physical 0x%llx (theirs) at 0x%llx (ours)\n",
		       (unsigned long long)w[SECRET_WORD_PA], (unsigned long long)pa);
}

static void scan_ram(struct scan *s)
{
	for (unsigned r = 0; r < boot.nranges; r++) {
		uint64_t start = ALIGN_UP(boot.ram[r].base, PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(boot.ram[r].base + boot.ram[r].size, PAGE_SIZE);
		for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
			probe(s, pa);
			s->ram_pages++;
		}
	}
}

static void probe_other(struct scan *s, uint64_t pa, uint64_t limit)
{
	if (pa >= limit || phys_is_ram(pa, PAGE_SIZE))
		return;
	probe(s, pa);
	s->other_reads++;
}

/* The detector must see a secret page planted in this guest's own RAM. */
static bool check_detector(void)
{
	uint64_t pa = ALIGN_UP((uint64_t)(uintptr_t)__image_end, PAGE_SIZE);
	volatile uint64_t *page = phys_map(pa);
	struct scan s = { .quiet = true };

	if (!phys_is_ram(pa, PAGE_SIZE)) {
		report_error("detector", "no RAM page after the image to plant a secret in");
		return false;
	}
	secret_fill_page(page, pa, SECRET_HEADER_WORDS);
	probe(&s, pa);
	for (unsigned i = 0; i < SECRET_HEADER_WORDS; i++)
		page[i] = 0;
	return report(s.found == 1, "detector",
		      "the scan recognises a secret page planted in this guest's RAM");
}

void test_main(void)
{
	struct scan s = { 0 };
	unsigned bits = cpu_phys_bits();
	uint64_t limit = 1ull << bits, stride = SCAN_STRIDE_LOW, core;

	if (!check_detector())
		return;
	if (cmdline_u64("stride", &stride))
		stride = MAX(ALIGN_DOWN(stride, PAGE_SIZE), PAGE_SIZE);
	scan_ram(&s);
	for (uint64_t pa = 0; pa < PHYS_IDENTITY_END; pa += stride)
		probe_other(&s, pa, limit);
	for (uint64_t pa = PHYS_IDENTITY_END; pa <= SCAN_GIB_UP_TO; pa += SZ_1G)
		probe_other(&s, pa, limit);
	for (uint64_t p = 2 * SCAN_GIB_UP_TO; p && p <= limit; p <<= 1) {
		probe_other(&s, p - PAGE_SIZE, limit);
		probe_other(&s, p, limit);
	}
	if (cmdline_u64("core", &core))
		for (uint64_t pa = ALIGN_DOWN(core, PAGE_SIZE); pa < core + CORE_SCAN_BYTES; pa += PAGE_SIZE)
			probe_other(&s, pa, limit);

	printf("isolation_scan: read %llu RAM pages (%llu MiB) and %llu other addresses "
	       "(stride 0x%llx below 4 GiB, up to 2^%u)%s; %llu reads faulted\n",
	       (unsigned long long)s.ram_pages, (unsigned long long)(s.ram_pages * PAGE_SIZE / SZ_1M),
	       (unsigned long long)s.other_reads, (unsigned long long)stride, bits,
	       cmdline_u64("core", &core) ? ", the core's range" : "", (unsigned long long)s.faults);
	report(!s.found, "no-secret",
	       "no page this guest can read holds another guest's secret (%llu did)",
	       (unsigned long long)s.found);
}
