// SPDX-License-Identifier: GPL-2.0
/* Machine identification and the architecture's part of the core's information. */
#include <asm/lapic.h>
#include <asm/platform.h>
#include <asm/svm_backend.h>
#include <bulkhead/hypercall.h>
#include <hv/arch.h>
#include <hv/core.h>
#include <hv/log.h>
#include <hv/string.h>

/* Puts the boot processor first: core processor 0 is the one running now. */
static void order_cpus(uint32_t bsp_apic_id)
{
	for (unsigned i = 0; i < plat.ncpus; i++) {
		if (plat.apic_ids[i] == bsp_apic_id) {
			plat.apic_ids[i] = plat.apic_ids[0];
			plat.apic_ids[0] = bsp_apic_id;
			return;
		}
	}
	/* The MADT forgot the BSP: run on it anyway. */
	if (plat.ncpus == HV_MAX_CPUS)
		plat.ncpus--;
	plat.apic_ids[plat.ncpus++] = plat.apic_ids[0];
	plat.apic_ids[0] = bsp_apic_id;
}

void arch_platform_init(void)
{
	char why[96];
	uint32_t bsp = lapic_id();

	if (!svm_supported(why, sizeof(why)))
		panic("Bulkhead cannot run here: %s", why);
	plat.tsc_khz = tsc_calibrate_khz();
	if (!acpi_find_cpus(plat.bi->acpi_rsdp)) {
		hv_log("no usable ACPI MADT: the root gets the boot processor only");
		plat.ncpus = 0;
	}
	order_cpus(bsp);
	for (unsigned i = 0; i < plat.ncpus; i++) {
		cpu_by_id(i)->id = i;
		cpu_by_id(i)->apic_id = plat.apic_ids[i];
	}
	svm_cpu_enable(cpu_by_id(0));
	hv_log("%s, SVM features %#x, %u ASIDs, %u-bit physical addresses, TSC %llu kHz, %u processors",
	       plat.vendor, plat.svm_features, plat.svm_asids, plat.phys_bits,
	       (unsigned long long)plat.tsc_khz, plat.ncpus);
}

void arch_fill_info(struct bh_hv_info *info)
{
	strlcpy(info->cpu_vendor, plat.vendor, sizeof(info->cpu_vendor));
	info->virt = BH_VIRT_SVM;
	info->logical_processors = arch_cpu_count();
	info->hv_mem_start = plat.bi->hv_base;
	info->hv_mem_end = plat.bi->hv_base + plat.bi->hv_size - 1;
	info->tsc_khz = plat.tsc_khz;
	info->svm_features = plat.svm_features;
	info->boot_tsc.loader_entry = plat.bi->times.loader_entry;
	info->boot_tsc.loader_exit = plat.bi->times.loader_exit;
	info->boot_tsc.core_entry = plat.core_entry_tsc;
	info->boot_tsc.root_entry = plat.root_entry_tsc;
}
