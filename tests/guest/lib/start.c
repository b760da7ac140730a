// SPDX-License-Identifier: GPL-2.0
/* The boot processor's C entry: set up the runtime, run the test, report, power off. */
#include <asm/cr.h>
#include <guest/apic.h>
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/cpu.h>
#include <guest/exception.h>
#include <guest/test.h>

void guest_start(uint32_t magic, uint32_t info);
bool tsc_calibrate(void);

void guest_start(uint32_t magic, uint32_t info)
{
	struct cpu *bsp = &cpus[0];

	/* Exceptions need the IDT and this_cpu() before anything else runs. */
	idt_build();
	cpu_init_tables(bsp);
	console_init();
	boot_parse(magic, info);
	printf("guest: %s: %s\n", test_info.name, test_info.title);
	if (!boot.multiboot)
		report_error("boot", "entered without the Multiboot magic (EAX 0x%x)", magic);
	if (!tsc_calibrate())
		printf("guest: the PIT did not count: TSC frequency assumed %llu kHz\n",
		       (unsigned long long)tsc_khz);
	apic_init_cpu();
	bsp->apic_id = apic_self_id();
	bsp->online = true;
	apic_timer_calibrate();

	test_main();
	test_exit();
}
