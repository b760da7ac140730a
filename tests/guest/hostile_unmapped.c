// SPDX-License-Identifier: GPL-2.0
/*
 * Guest-physical addresses nothing claims behave as on a PC bus: reads of
 * every width return all-ones, writes are dropped, and neither faults the
 * guest. Checked just above the guest's RAM, at 3 GiB, at 64 GiB, at the
 * top of the physical address space and, with "core=0xADDR" on the command
 * line, at an address that in the root is the core's own memory. Addresses
 * the memory map describes (even as reserved) are passed over. No fault and
 * no change are checked anywhere; all-ones is Bulkhead's contract (plain
 * QEMU answers unassigned reads with zeros), so off Bulkhead that one check
 * is skipped.
 */
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/exception.h>
#include <guest/hypercall.h>
#include <guest/phys.h>
#include <guest/test.h>
#include <hv/string.h>
#include <hv/util.h>

#define ADDR_3G          (3 * SZ_1G)
#define ADDR_64G         (64 * SZ_1G)
#define WRITE_PATTERN    0x5AA5C33C0FF01EE1ull
#define WIDTHS           4

const struct test_info test_info = {
	.name = "hostile_unmapped",
	.title = "unclaimed guest-physical addresses read all-ones, ignore writes and never fault",
};

static const unsigned widths[WIDTHS] = { 1, 2, 4, 8 };

static uint64_t ones(unsigned width)
{
	return width == 8 ? ~0ull : (1ull << (8 * width)) - 1;
}

static void check_address(const char *name, uint64_t pa, bool expect_ones)
{
	volatile uint8_t *p = phys_map(pa);
	char check[48];
	uint64_t got[WIDTHS], before, after;
	exinfo_t e = 0, w = 0;
	bool all_ones = true;

	printf("hostile_unmapped: %s at 0x%llx\n", name, (unsigned long long)pa);
	for (unsigned i = 0; i < WIDTHS && !e; i++) {
		e = read_safe(p + 8 * (i + 1), widths[i], &got[i]);
		all_ones &= got[i] == ones(widths[i]);
	}
	snprintf(check, sizeof(check), "%s-read", name);
	if (!report(!e, check, "reads of 1, 2, 4 and 8 bytes at 0x%llx do not fault (%s)",
		    (unsigned long long)pa, exinfo_str(e)))
		return;
	snprintf(check, sizeof(check), "%s-all-ones", name);
	if (expect_ones)
		report(all_ones, check, "they read all-ones (0x%llx 0x%llx 0x%llx 0x%llx)",
		       (unsigned long long)got[0], (unsigned long long)got[1],
		       (unsigned long long)got[2], (unsigned long long)got[3]);
	else
		report_skip(check, "all-ones is Bulkhead's contract; here they read 0x%llx 0x%llx 0x%llx 0x%llx",
			    (unsigned long long)got[0], (unsigned long long)got[1],
			    (unsigned long long)got[2], (unsigned long long)got[3]);

	read_safe(p, 8, &before);
	for (unsigned i = 0; i < WIDTHS && !w; i++)
		w = write_safe(p, widths[i], WRITE_PATTERN);
	e = read_safe(p, 8, &after);
	snprintf(check, sizeof(check), "%s-write", name);
	report(!w && !e && after == before, check,
	       "writes at 0x%llx do not fault and change nothing (%s; read 0x%llx before, 0x%llx after)",
	       (unsigned long long)pa, exinfo_str(w), (unsigned long long)before,
	       (unsigned long long)after);
}

/* Checks 'pa' unless the memory map claims it or it is beyond the address width. */
static void check_if_unclaimed(const char *name, uint64_t pa, bool expect_ones)
{
	if (pa >> cpu_phys_bits())
		report_skip(name, "0x%llx is beyond the %u-bit physical address space",
			    (unsigned long long)pa, cpu_phys_bits());
	else if (phys_is_described(pa))
		report_skip(name, "0x%llx is in this guest's memory map", (unsigned long long)pa);
	else
		check_address(name, pa, expect_ones);
}

void test_main(void)
{
	bool bulkhead = bulkhead_expected();
	uint64_t core;

	check_if_unclaimed("above-ram", phys_next_undescribed(ram_end_of_image_range()), bulkhead);
	check_if_unclaimed("at-3g", ADDR_3G, bulkhead);
	check_if_unclaimed("at-64g", ADDR_64G, bulkhead);
	check_if_unclaimed("top", phys_prev_undescribed((1ull << cpu_phys_bits()) - PAGE_SIZE), bulkhead);
	if (cmdline_u64("core", &core))
		check_if_unclaimed("core", ALIGN_DOWN(core, PAGE_SIZE), bulkhead);
	else
		report_skip("core", "no core=0xADDR on the command line (the root's hvctl info gives it)");
}
