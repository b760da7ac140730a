// SPDX-License-Identifier: GPL-2.0
/*
 * The first half of the isolation test: fill all of this guest's RAM (but
 * its own image) with the secret pattern of isolation.h, check it stuck,
 * print "secret ready" and stay alive, halted, so isolation_scan can run in
 * another partition while the secret is resident. The harness destroys it.
 */
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/cpu.h>
#include <guest/phys.h>
#include <guest/test.h>
#include <hv/util.h>
#include "isolation.h"

#define PAGE_WORDS (PAGE_SIZE / sizeof(uint64_t))

const struct test_info test_info = {
	.name = "isolation_secret",
	.title = "fill RAM with a secret for isolation_scan to look for",
};

static bool page_is_image(uint64_t pa)
{
	return pa + PAGE_SIZE > (uint64_t)(uintptr_t)__image_start &&
	       pa < (uint64_t)(uintptr_t)__image_end;
}

/* Calls fn on every RAM page outside the image; returns how many pages it saw. */
static uint64_t for_each_page(bool (*fn)(uint64_t pa), uint64_t *bad)
{
	uint64_t pages = 0;

	for (unsigned r = 0; r < boot.nranges; r++) {
		uint64_t start = ALIGN_UP(boot.ram[r].base, PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(boot.ram[r].base + boot.ram[r].size, PAGE_SIZE);
		for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
			if (page_is_image(pa))
				continue;
			pages++;
			*bad += !fn(pa);
		}
	}
	return pages;
}

static bool fill(uint64_t pa)
{
	secret_fill_page(phys_map(pa), pa, PAGE_WORDS);
	return true;
}

static bool verify(uint64_t pa)
{
	const volatile uint64_t *p = phys_map(pa);
	uint64_t header[SECRET_HEADER_WORDS];

	for (unsigned i = 0; i < SECRET_HEADER_WORDS; i++)
		header[i] = p[i];
	return secret_header_matches(header) && header[SECRET_WORD_PA] == pa;
}

void test_main(void)
{
	uint64_t bad = 0, pages = for_each_page(fill, &bad);

	bad = 0;
	for_each_page(verify, &bad);
	report(pages && !bad, "fill",
	       "%llu pages (%llu MiB) of RAM outside the image hold the secret (%llu do not)",
	       (unsigned long long)pages, (unsigned long long)(pages * PAGE_SIZE / SZ_1M),
	       (unsigned long long)bad);
	report_result();
	printf("isolation_secret: secret ready\n");
	cpu_halt_forever();
}
