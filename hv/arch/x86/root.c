// SPDX-License-Identifier: GPL-2.0
/*
 * The root partition: its memory map (all RAM but the core's), its nested
 * page tables (identity, with the core's range reading as all-ones and the
 * local APIC write-protected so ICR writes can be vetted), its I/O and MSR
 * intercept maps, one VP per processor, and the Linux kernel it boots.
 */
#include <asm/apic.h>
#include <asm/bootparam.h>
#include <asm/child.h>
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/io.h>
#include <asm/linuxboot.h>
#include <asm/mm.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/svm.h>
#include <asm/svm_backend.h>
#include <asm/uart.h>
#include <asm/vcpu.h>
#include <hv/core.h>
#include <hv/log.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

#define ROOT_ASID 1

/* Layout of the loader's two boot pages: zero page, then command line and GDT. */
#define BOOT_CMDLINE_OFFSET PAGE_SIZE
#define BOOT_GDT_OFFSET     (PAGE_SIZE + BH_CMDLINE_MAX)
#define BOOT_GDT_ENTRIES    4

/* Machine reset paths (PIIX/ICH reset control register; 8042 pulse). */
#define RESET_CONTROL_PORT  0xCF9
#define RESET_CONTROL_FULL  0x06	/* system reset + CPU reset */
#define KBC_COMMAND_PORT    0x64
#define KBC_PULSE_RESET     0xFE

struct arch_partition root_arch;
struct partition root_partition = {
	.id = 0, .is_root = true, .arch = &root_arch, .state = BH_PARTITION_ACTIVE,
	.max_vps = HV_MAX_CPUS,
};
static struct arch_vp root_vps[HV_MAX_CPUS];
static struct vp root_vp_objs[HV_MAX_CPUS];
static struct bh_mem_range root_ram_ranges[BH_MEMMAP_MAX];

/* MSR permission map ranges (APM 15.11): base MSR and byte offset in the map. */
static const struct { uint32_t base; uint32_t offset; } msrpm_ranges[] = {
	{ SVM_MSRPM_RANGE0_MSR, 0 * SVM_MSRPM_RANGE_BYTES },
	{ SVM_MSRPM_RANGE1_MSR, 1 * SVM_MSRPM_RANGE_BYTES },
	{ SVM_MSRPM_RANGE2_MSR, 2 * SVM_MSRPM_RANGE_BYTES },
};

static void msrpm_intercept(uint8_t *pm, uint32_t msr, bool read, bool write)
{
	for (unsigned i = 0; i < ARRAY_SIZE(msrpm_ranges); i++) {
		uint32_t n = msr - msrpm_ranges[i].base;
		if (msr < msrpm_ranges[i].base || n >= SVM_MSRPM_RANGE_BYTES * 4)
			continue;
		uint8_t *byte = pm + msrpm_ranges[i].offset + n / 4;
		unsigned bit = (n % 4) * 2;
		if (read)
			*byte |= (uint8_t)(1u << bit);
		if (write)
			*byte |= (uint8_t)(1u << (bit + 1));
		return;
	}
	/* MSRs outside the three ranges always exit. */
}

static void iopm_intercept(uint8_t *pm, uint16_t port, unsigned count)
{
	for (unsigned p = port; p < (unsigned)port + count; p++)
		pm[p / 8] |= (uint8_t)(1u << (p % 8));
}

static void build_memory_map(void)
{
	const struct bh_bootinfo *bi = plat.bi;
	struct mem_map *m = &root_arch.ram;

	m->r = root_arch.ram_ranges = root_ram_ranges;
	m->cap = BH_MEMMAP_MAX;
	m->count = 0;
	memcpy(m->r, (const void *)(uintptr_t)bi->memmap, bi->memmap_count * sizeof(m->r[0]));
	m->count = bi->memmap_count;
	if (!memmap_sanitize(m) || !memmap_set_type(m, bi->hv_base, bi->hv_size, BH_MEM_RESERVED))
		panic("the firmware memory map has too many entries");
}

static void build_npt(void)
{
	const struct bh_bootinfo *bi = plat.bi;
	struct pt *npt = &root_arch.npt;
	uint64_t top = ALIGN_UP(MAX(memmap_end(&root_arch.ram), SZ_4G), SZ_1G);
	bool ok;

	/* Nested walks are user accesses: every level needs U (APM 15.25.5). */
	ok = pt_init(npt, &pmem_pt_ops, PTE_P | PTE_W | PTE_U, plat.has_1g_pages) &&
	     pt_map(npt, 0, 0, top, PTE_W | PTE_U);
	root_arch.ones_page_pa = pmem_alloc(1);
	if (!ok || !root_arch.ones_page_pa)
		panic("no memory for the root's nested page tables");
	memset(phys_to_virt(root_arch.ones_page_pa), 0xFF, PAGE_SIZE);
	/* The core's range: one read-only, non-executable page of all-ones, everywhere. */
	for (uint64_t gpa = bi->hv_base; ok && gpa < bi->hv_base + bi->hv_size; gpa += PAGE_SIZE)
		ok = pt_map(npt, gpa, root_arch.ones_page_pa, PAGE_SIZE, PTE_U | PTE_NX);
	/* The local APIC: reads pass, writes fault so INIT and SIPI can be vetted. */
	if (ok)
		ok = pt_map(npt, plat.lapic_base, plat.lapic_base, PAGE_SIZE, PTE_U | PTE_NX);
	if (!ok)
		panic("no memory for the root's nested page tables");
}

static void build_intercept_maps(void)
{
	const struct bh_bootinfo *bi = plat.bi;

	root_arch.iopm_pa = pmem_alloc(SVM_IOPM_SIZE / PAGE_SIZE);
	root_arch.msrpm_pa = pmem_alloc(SVM_MSRPM_SIZE / PAGE_SIZE);
	if (!root_arch.iopm_pa || !root_arch.msrpm_pa)
		panic("no memory for the root's intercept maps");
	uint8_t *io = phys_to_virt(root_arch.iopm_pa), *msr = phys_to_virt(root_arch.msrpm_pa);

	if (plat.log_port)
		iopm_intercept(io, bi->log_port, UART_PORTS);
	msrpm_intercept(msr, MSR_EFER, true, true);
	msrpm_intercept(msr, MSR_IA32_PAT, true, true);
	msrpm_intercept(msr, MSR_AMD64_VM_CR, true, true);
	msrpm_intercept(msr, MSR_AMD64_VM_HSAVE_PA, true, true);
	msrpm_intercept(msr, MSR_AMD64_SVM_KEY, true, true);
	msrpm_intercept(msr, MSR_AMD64_SMM_ADDR, false, true);
	msrpm_intercept(msr, MSR_AMD64_SMM_MASK, false, true);
	msrpm_intercept(msr, MSR_AMD64_SMM_CTL, false, true);
	msrpm_intercept(msr, MSR_AMD64_SYSCFG, false, true);
	msrpm_intercept(msr, MSR_AMD64_TSC_RATIO, false, true);
	msrpm_intercept(msr, MSR_IA32_APIC_BASE, false, true);
	msrpm_intercept(msr, MSR_X2APIC_ICR, false, true);
}

static struct seg_state flat_seg(uint16_t sel, uint16_t attrib)
{
	return (struct seg_state){ sel, attrib, 0xFFFFFFFFu, 0 };
}

/* Copies the kernel into place and enters it through the 32-bit boot protocol. */
static void prepare_linux(struct arch_vp *v)
{
	const struct bh_bootinfo *bi = plat.bi;
	const void *img = (const void *)(uintptr_t)bi->kernel.addr;
	uint8_t *boot = phys_to_virt(bi->boot_params);
	struct lb_kernel k;
	enum lb_error e = lb_parse(img, bi->kernel.size, &k);

	if (e)
		panic("root kernel: %s", lb_strerror(e));
	if (lb_run_size(&k) > bi->kernel_run_size)
		panic("root kernel needs more room than the loader reserved");
	memcpy(phys_to_virt(bi->kernel_run_addr), (const uint8_t *)img + k.pm_offset, k.pm_size);

	char *cmdline = (char *)boot + BOOT_CMDLINE_OFFSET;
	strlcpy(cmdline, bi->cmdline, BH_CMDLINE_MAX);
	uint64_t *gdt = (uint64_t *)(boot + BOOT_GDT_OFFSET);
	gdt[BOOT_CS_SELECTOR / 8] = DESC_CODE32_FLAT;
	gdt[BOOT_DS_SELECTOR / 8] = DESC_DATA_FLAT;

	struct lb_setup s = {
		.kernel_addr = bi->kernel_run_addr,
		.initrd_addr = bi->initrd.addr,
		.initrd_size = bi->initrd.size,
		.cmdline_addr = bi->boot_params + BOOT_CMDLINE_OFFSET,
		.cmdline = cmdline,
		.acpi_rsdp = bi->acpi_rsdp,
		.e820 = root_arch.ram.r,
		.e820_count = root_arch.ram.count,
	};
	e = lb_build_boot_params(boot, img, &k, &s);
	if (e)
		panic("root boot parameters: %s", lb_strerror(e));

	/* boot.rst "32-bit Boot Protocol": flat segments 0x10/0x18, paging off, ESI = zero page. */
	struct vcpu_state st = {
		.cs = flat_seg(BOOT_CS_SELECTOR, SEG_ATTR_CODE32),
		.ds = flat_seg(BOOT_DS_SELECTOR, SEG_ATTR_DATA32),
		.es = flat_seg(BOOT_DS_SELECTOR, SEG_ATTR_DATA32),
		.fs = flat_seg(BOOT_DS_SELECTOR, SEG_ATTR_DATA32),
		.gs = flat_seg(BOOT_DS_SELECTOR, SEG_ATTR_DATA32),
		.ss = flat_seg(BOOT_DS_SELECTOR, SEG_ATTR_DATA32),
		.tr = { 0, SEG_ATTR_TSS, 0xFFFF, 0 },
		.ldtr = { 0, SEG_ATTR_LDT, 0xFFFF, 0 },
		.gdtr_base = bi->boot_params + BOOT_GDT_OFFSET,
		.gdtr_limit = BOOT_GDT_ENTRIES * 8 - 1,
		.cr0 = CR0_PE | CR0_ET,
		.rip = bi->kernel_run_addr,
		.rflags = RFLAGS_FIXED,
	};
	st.gpr[GPR_RSI] = bi->boot_params;
	vmm->load_state(v, &st);
	hv_log("root kernel: protocol %x.%02x, %llu KiB at %#llx, initrd %llu KiB at %#llx",
	       k.version >> 8, k.version & 0xFF, (unsigned long long)(k.pm_size >> 10),
	       (unsigned long long)bi->kernel_run_addr, (unsigned long long)(bi->initrd.size >> 10),
	       (unsigned long long)bi->initrd.addr);
}

void root_vp_set_sipi_state(struct arch_vp *v, uint8_t vector)
{
	struct vcpu_state st;

	vcpu_sipi_state(&st, vector);
	vmm->load_state(v, &st);
}

void arch_root_create(void)
{
	build_memory_map();
	build_npt();
	build_intercept_maps();
	root_arch.asid = ROOT_ASID;
	for (unsigned i = 0; i < plat.ncpus; i++) {
		struct arch_vp *v = &root_vps[i];
		struct vp *vp = &root_vp_objs[i];

		vp->part = &root_partition;
		vp->index = i;
		vp->arch = v;
		vp->running_cpu = -1;
		root_partition.vps[i] = vp;
		v->vp = vp;
		v->cpu = cpu_by_id(i);
		v->apic_id = plat.apic_ids[i];
		v->state = VP_WAIT_FOR_SIPI;
		if (!svm_vp_init_root(v, &root_arch))
			panic("no memory for root VP %u", i);
		v->cpu->root_vp = v;
	}
	root_partition.nvps = plat.ncpus;
	prepare_linux(&root_vps[0]);
	root_vps[0].state = VP_RUNNING;
	hv_log("root partition: %llu MiB of RAM, core range %#llx-%#llx reserved, %llu NPT tables",
	       (unsigned long long)(memmap_total(&root_arch.ram, BH_MEM_USABLE) >> 20),
	       (unsigned long long)plat.bi->hv_base,
	       (unsigned long long)(plat.bi->hv_base + plat.bi->hv_size - 1),
	       (unsigned long long)pt_table_count(&root_arch.npt));
}

const struct bh_mem_range *arch_root_ram(unsigned *count)
{
	*count = root_arch.ram.count;
	return root_arch.ram.r;
}

_Noreturn void arch_root_run(void)
{
	hv_log("starting the root partition; the core logs to %s from now on",
	       plat.log_port ? "its log UART and ring" : "its ring");
	plat.root_entry_tsc = rdtsc();
	console_release();
	svm_root_loop(&root_vps[0]);
}

void *partition_gpa_to_hva(struct partition *p, uint64_t gpa, size_t len)
{
	if (!len || !range_ok(gpa, len) ||
	    ALIGN_DOWN(gpa, PAGE_SIZE) != ALIGN_DOWN(gpa + len - 1, PAGE_SIZE))
		return 0;
	if (!p->is_root)
		return child_gpa_to_hva(p, gpa, len);
	/* The root's RAM is identity-mapped; its map already excludes the core's range. */
	if (memmap_covers(&p->arch->ram, gpa, len, BH_MEM_USABLE))
		return phys_to_virt(gpa);
	return 0;
}

_Noreturn void machine_reset(const char *why)
{
	console_reclaim();
	hv_log("%s: resetting the machine", why);
	outb(RESET_CONTROL_PORT, RESET_CONTROL_FULL);
	outb(KBC_COMMAND_PORT, KBC_PULSE_RESET);
	panic("machine reset failed");
}
