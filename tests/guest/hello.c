// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke test: the guest boots to 64-bit mode, prints on COM1, knows its
 * memory and clocks, recovers from expected exceptions and powers off.
 * Passes anywhere.
 */
#include <guest/apic.h>
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/exception.h>
#include <guest/hypercall.h>
#include <guest/test.h>

/* Bits 63:48 must copy bit 47 (APM Vol 2 5.3.1); this address does not. */
#define NONCANONICAL_ADDR 0x8000000000000000ull

const struct test_info test_info = {
	.name = "hello",
	.title = "the runtime boots, prints, and survives expected exceptions",
};

static exinfo_t ud2_safe(void)
{
	exinfo_clear();
	__asm__ volatile("1: ud2\n2:\n\t" EXTABLE("1b", "2b") ::: "memory");
	return exinfo_take();
}

static void print_environment(void)
{
	printf("hello: cmdline \"%s\"\n", boot.cmdline);
	for (unsigned i = 0; i < boot.nranges; i++)
		printf("hello: RAM 0x%llx-0x%llx (%s)\n", (unsigned long long)boot.ram[i].base,
		       (unsigned long long)(boot.ram[i].base + boot.ram[i].size - 1),
		       boot.has_mmap ? "memory map" : "mem_lower/mem_upper");
	printf("hello: TSC %llu kHz, APIC timer %llu Hz, APIC ID %u, %u physical address bits, %s\n",
	       (unsigned long long)tsc_khz, (unsigned long long)apic_timer_hz, apic_self_id(),
	       cpu_phys_bits(), is_bulkhead() ? "Bulkhead child" : "no Bulkhead core");
}

void test_main(void)
{
	uint64_t val;

	print_environment();
	report_pass("boot", "the guest reached 64-bit mode and prints on COM1");
	report(boot.multiboot && boot.nranges > 0, "multiboot",
	       "the loader passed the Multiboot magic and a memory description (%u RAM ranges)",
	       boot.nranges);
	report_exinfo("ud2", EXINFO(VEC_UD, 0), ud2_safe(),
		      "UD2 raises #UD and the guest resumes after it");
	report_exinfo("noncanonical-read", EXINFO(VEC_GP, 0),
		      read_safe((const volatile void *)NONCANONICAL_ADDR, 8, &val),
		      "a read at a non-canonical address raises #GP(0)");
}
