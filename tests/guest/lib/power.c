// SPDX-License-Identifier: GPL-2.0
/*
 * Power-off. In a Bulkhead child the worker's contract is PM1a control at
 * BULKHEAD_PM1A_CNT_PORT with SLP_TYP 5; elsewhere (QEMU q35, whose S5 is
 * SLP_TYP 0) the FADT names the port and the DSDT's \_S5 the type. Both
 * are tried, the detected one first, so an unknown VMM following either
 * convention turns off too.
 */
#include <asm/io.h>
#include <bulkhead/acpi.h>
#include <guest/acpi.h>
#include <guest/cpu.h>
#include <guest/hypercall.h>
#include <guest/pc.h>
#include <guest/power.h>

static void pm1_sleep(uint16_t port, uint8_t slp_typ)
{
	outw(port, (uint16_t)((slp_typ << ACPI_PM1_SLP_TYP_SHIFT & ACPI_PM1_SLP_TYP_MASK) |
			      ACPI_PM1_SLP_EN));
}

void power_off(void)
{
	uint16_t port;
	uint8_t slp_typ;
	bool bulkhead = is_bulkhead();

	if (bulkhead)
		pm1_sleep(BULKHEAD_PM1A_CNT_PORT, BULKHEAD_SLP_TYP_S5);
	if (acpi_s5(&port, &slp_typ))
		pm1_sleep(port, slp_typ);
	if (!bulkhead)
		pm1_sleep(BULKHEAD_PM1A_CNT_PORT, BULKHEAD_SLP_TYP_S5);
	cpu_halt_forever();
}
