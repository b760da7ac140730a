// SPDX-License-Identifier: GPL-2.0
/*
 * A guest that triple-faults: with an empty IDT, #UD cannot be delivered,
 * nor the #GP that raises, nor the #DF after it, so the processor shuts
 * down (SDM Vol 3 6.15, "Interrupt 8"). A child doing this must end as
 * crashed without disturbing anything else; plain QEMU resets (and exits
 * with -no-reboot). The guest prints its intent and then nothing: the
 * harness checks the partition's end state, not a result line.
 */
#include <asm/segment.h>
#include <guest/console.h>
#include <guest/test.h>

const struct test_info test_info = {
	.name = "triple_fault",
	.title = "a guest that triple-faults ends as crashed",
};

void test_main(void)
{
	const struct desc_ptr empty_idt = { 0, 0 };

	printf("triple_fault: expect: the partition ends as crashed (triple fault); "
	       "nothing follows this line\n");
	__asm__ volatile("cli\n\t"
			 "lidt %0\n\t"
			 "ud2" : : "m"(empty_idt) : "memory");
	/* Only reached if the processor did not shut down. */
	report_fail("shutdown", "UD2 with an empty IDT shuts the processor down (execution went on)");
}
