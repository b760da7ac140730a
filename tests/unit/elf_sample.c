// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny image the host toolchain links for elf_test, as a static PIE and as
 * a fixed-address executable. Its marker holds pointers the loader must
 * relocate, so the test can check the result without parsing the ELF itself.
 */
#include <stdint.h>

#define SAMPLE_MAGIC 0x6b6c756268656c66ull	/* "flehbulk" */
#define SAMPLE_BSS   5000			/* spans a page boundary */

void _start(void);
extern char _end[];

static char bss_area[SAMPLE_BSS];
static const char text[] = "bulkhead-elf-sample";
static const unsigned char pattern[256] = {
#define P4(n) n, n + 1, n + 2, n + 3
#define P16(n) P4(n), P4(n + 4), P4(n + 8), P4(n + 12)
#define P64(n) P16(n), P16(n + 16), P16(n + 32), P16(n + 48)
	P64(0), P64(64), P64(128), P64(192)
};

struct sample_marker {
	uint64_t magic;
	void *self;			/* its own address */
	const char *text;
	char *bss;
	uint64_t bss_size;
	const unsigned char *pattern;
	void (*entry)(void);
	char *end;			/* the linker's _end */
};

struct sample_marker marker = {
	SAMPLE_MAGIC, &marker.self, text, bss_area, SAMPLE_BSS, pattern, _start, _end,
};

void _start(void)
{
	for (;;)
		__asm__ volatile("" : : "r"(bss_area), "r"(&marker));
}
