// SPDX-License-Identifier: GPL-2.0
/* The core's generic boot sequence. */
#include <hv/caps.h>
#include <hv/core.h>
#include <hv/log.h>
#include <hv/pmem.h>

_Noreturn void hv_main(const struct bh_bootinfo *bi)
{
	pmem_init(bi->hv_base, bi->hv_size, bi->hv_image_end);
	hv_log("core memory 0x%llx-0x%llx: %llu of %llu pages free",
	       (unsigned long long)bi->hv_base, (unsigned long long)(bi->hv_base + bi->hv_size - 1),
	       (unsigned long long)pmem_free_pages(), (unsigned long long)pmem_total_pages());
	arch_mm_init();
	arch_platform_init();
	arch_root_create();
	unsigned nram;
	const struct bh_mem_range *ram = arch_root_ram(&nram);
	caps_boot_root(ram, nram);
	arch_smp_start();
	arch_root_run();
}
