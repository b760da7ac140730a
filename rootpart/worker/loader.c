// SPDX-License-Identifier: GPL-2.0
/*
 * Loading the guest: a Linux bzImage through the 32-bit boot protocol (the
 * same code the core uses for the root), or a multiboot ELF32 kernel (the
 * test guests). Either way the worker also builds the e820 map and the ACPI
 * tables, and sets VP 0's registers for the kernel's entry.
 */
#include "vm.h"

#include <asm/bootparam.h>
#include <asm/linuxboot.h>
#include <asm/multiboot.h>
#include <bulkhead/bootinfo.h>
#include <hv/elf.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev/acpi_tables.h"
#include "dev/platform.h"

/* The guest's low-memory layout (all inside RAM the e820 marks as needed). */
#define GUEST_GDT          0x6000ull	/* boot GDT: flat code 0x10, data 0x18 */
#define GUEST_ZERO_PAGE    0x7000ull	/* Linux boot_params */
#define GUEST_MB_INFO      0x9000ull	/* multiboot information and memory map */
#define GUEST_CMDLINE      0x20000ull
#define GUEST_EBDA_START   0x9F000ull	/* 0x9F000-0xFFFFF: reserved in e820 (EBDA, VGA, BIOS) */
#define GUEST_ACPI_BASE    0xE0000ull	/* the ACPI tables, as a BIOS places them */
#define GUEST_ACPI_SIZE    0x20000ull
#define GUEST_HIGH_START   0x100000ull
#define GUEST_MAX_KERNEL   (512ull << 20)

#define BOOT_GDT_ENTRIES   4
#define DESC_CODE32_FLAT   0x00CF9A000000FFFFull	/* SDM Vol 3 figure 3-8: 32-bit code, 4 GiB */
#define DESC_DATA_FLAT     0x00CF92000000FFFFull	/* data, 4 GiB */
#define CR0_PE_ET          0x11ull		/* protected mode, x87 present */
#define RFLAGS_RESERVED1   0x2ull
#define FLAT_LIMIT         0xFFFFFFFFu
#define REAL_LIMIT         0xFFFFu

static int read_file(const char *path, const char *what, uint8_t **data, size_t *len, char *err,
		     size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	if (fd < 0) {
		snprintf(err, errlen, "cannot open the %s '%s': %s", what, path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > GUEST_MAX_KERNEL) {
		snprintf(err, errlen, "the %s '%s' is not a regular file of a sensible size", what, path);
		close(fd);
		return -1;
	}
	*len = (size_t)st.st_size;
	*data = malloc(*len ? *len : 1);
	if (!*data || read(fd, *data, *len) != (ssize_t)*len) {
		snprintf(err, errlen, "cannot read the %s '%s'", what, path);
		free(*data);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* The guest's e820: low RAM, the BIOS area reserved, RAM above 1 MiB, and RAM above 4 GiB. */
static unsigned build_e820(struct vm *vm, struct bh_mem_range *e, unsigned max)
{
	unsigned n = 0;

	if (max < 4)
		return 0;
	e[n++] = (struct bh_mem_range){ 0, GUEST_EBDA_START, BH_MEM_USABLE, 0 };
	e[n++] = (struct bh_mem_range){ GUEST_EBDA_START, GUEST_HIGH_START - GUEST_EBDA_START,
					BH_MEM_RESERVED, 0 };
	e[n++] = (struct bh_mem_range){ GUEST_HIGH_START, vm_ram_top_low(vm) - GUEST_HIGH_START,
					BH_MEM_USABLE, 0 };
	if (vm->nram > 1)
		e[n++] = (struct bh_mem_range){ vm->ram[1].gpa, vm->ram[1].size, BH_MEM_USABLE, 0 };
	return n;
}

static int build_acpi(struct vm *vm, uint64_t *rsdp, char *err, size_t errlen)
{
	struct acpi_config ac;
	void *mem = vm_gpa(vm, GUEST_ACPI_BASE, GUEST_ACPI_SIZE);

	acpi_config_default(&ac, vm->cfg.vcpus);
	if (!mem || acpi_build_tables(mem, GUEST_ACPI_SIZE, GUEST_ACPI_BASE, &ac, rsdp) < 0) {
		snprintf(err, errlen, "cannot build the ACPI tables");
		return -1;
	}
	return 0;
}

static void flat_segment(struct bh_segment *s, uint16_t sel, uint16_t attrib)
{
	*s = (struct bh_segment){ .base = 0, .limit = FLAT_LIMIT, .selector = sel, .attrib = attrib };
}

/* VP 0 in flat 32-bit protected mode, paging off, as both protocols enter. */
static int set_boot_state(struct vm *vm, uint64_t rip, uint64_t rax, uint64_t rbx, uint64_t rsi,
			  char *err, size_t errlen)
{
	uint64_t *gdt = vm_gpa(vm, GUEST_GDT, BOOT_GDT_ENTRIES * 8);
	struct bh_ioc_vp_state s;

	memset(&s, 0, sizeof(s));
	memset(gdt, 0, BOOT_GDT_ENTRIES * 8);
	gdt[BOOT_CS_SELECTOR / 8] = DESC_CODE32_FLAT;
	gdt[BOOT_DS_SELECTOR / 8] = DESC_DATA_FLAT;
	s.vp_index = 0;
	flat_segment(&s.state.cs, BOOT_CS_SELECTOR, BH_SEG_ATTR_CODE32);
	flat_segment(&s.state.ds, BOOT_DS_SELECTOR, BH_SEG_ATTR_DATA32);
	flat_segment(&s.state.es, BOOT_DS_SELECTOR, BH_SEG_ATTR_DATA32);
	flat_segment(&s.state.fs, BOOT_DS_SELECTOR, BH_SEG_ATTR_DATA32);
	flat_segment(&s.state.gs, BOOT_DS_SELECTOR, BH_SEG_ATTR_DATA32);
	flat_segment(&s.state.ss, BOOT_DS_SELECTOR, BH_SEG_ATTR_DATA32);
	s.state.tr = (struct bh_segment){ 0, REAL_LIMIT, 0, BH_SEG_ATTR_TSS };
	s.state.ldtr = (struct bh_segment){ 0, REAL_LIMIT, 0, BH_SEG_ATTR_LDT };
	s.state.gdtr_base = GUEST_GDT;
	s.state.gdtr_limit = BOOT_GDT_ENTRIES * 8 - 1;
	s.state.cr0 = CR0_PE_ET;
	s.state.rip = rip;
	s.state.rflags = RFLAGS_RESERVED1;
	s.state.gpr[0] = rax;		/* RAX */
	s.state.gpr[3] = rbx;		/* RBX */
	s.state.gpr[6] = rsi;		/* RSI */
	s.state.run_state = BH_VP_RUNNABLE;
	if (ioctl(vm->fd, BH_IOC_VP_SET_STATE, &s) < 0) {
		snprintf(err, errlen, "cannot set VP 0's state: %s (status %#llx)", strerror(errno),
			 (unsigned long long)s.status);
		return -1;
	}
	return 0;
}

static int put_cmdline(struct vm *vm, char *err, size_t errlen)
{
	size_t n = strlen(vm->cfg.os.cmdline) + 1;
	char *dst = vm_gpa(vm, GUEST_CMDLINE, n);

	if (!dst) {
		snprintf(err, errlen, "the command line does not fit in guest memory");
		return -1;
	}
	memcpy(dst, vm->cfg.os.cmdline, n);
	return 0;
}

/* Linux: kernel at its preferred address (or the next aligned spot), initrd at the top of low RAM. */
static int load_linux(struct vm *vm, const uint8_t *img, size_t len, char *err, size_t errlen)
{
	struct bh_mem_range e820[8];
	struct lb_kernel k;
	enum lb_error le = lb_parse(img, len, &k);
	uint64_t kaddr, rsdp, iaddr = 0, isize = 0, top = vm_ram_top_low(vm);
	uint8_t *initrd = NULL;
	size_t ilen = 0;

	if (le) {
		snprintf(err, errlen, "kernel '%s': %s", vm->cfg.os.kernel, lb_strerror(le));
		return -1;
	}
	kaddr = k.pref_address;
	if (kaddr < GUEST_HIGH_START || kaddr % k.kernel_alignment)
		kaddr = (GUEST_HIGH_START + k.kernel_alignment - 1) & ~((uint64_t)k.kernel_alignment - 1);
	if (kaddr + lb_run_size(&k) > top) {
		snprintf(err, errlen, "%llu MiB of memory is too little for the kernel (it needs %llu MiB)",
			 (unsigned long long)(vm->cfg.memory >> 20),
			 (unsigned long long)((kaddr + lb_run_size(&k)) >> 20) + 1);
		return -1;
	}
	memcpy(vm_gpa(vm, kaddr, k.pm_size), img + k.pm_offset, k.pm_size);
	if (vm->cfg.os.initrd[0]) {
		if (read_file(vm->cfg.os.initrd, "initrd", &initrd, &ilen, err, errlen))
			return -1;
		uint64_t limit = (uint64_t)k.initrd_addr_max + 1 < top ? (uint64_t)k.initrd_addr_max + 1 : top;
		iaddr = (limit - ilen) & ~0xFFFull;
		if (ilen > limit || iaddr < kaddr + lb_run_size(&k)) {
			snprintf(err, errlen, "memory too small for the kernel and the initrd (%zu KiB)",
				 ilen >> 10);
			free(initrd);
			return -1;
		}
		memcpy(vm_gpa(vm, iaddr, ilen), initrd, ilen);
		isize = ilen;
		free(initrd);
	}
	if (put_cmdline(vm, err, errlen) || build_acpi(vm, &rsdp, err, errlen))
		return -1;
	struct lb_setup s = {
		.kernel_addr = kaddr, .initrd_addr = iaddr, .initrd_size = isize,
		.cmdline_addr = GUEST_CMDLINE, .cmdline = vm->cfg.os.cmdline, .acpi_rsdp = rsdp,
		.e820 = e820, .e820_count = build_e820(vm, e820, 8),
	};
	le = lb_build_boot_params(vm_gpa(vm, GUEST_ZERO_PAGE, BP_SIZE), img, &k, &s);
	if (le) {
		snprintf(err, errlen, "kernel '%s': %s", vm->cfg.os.kernel, lb_strerror(le));
		return -1;
	}
	vm_log("Linux kernel at %#llx, initrd %zu KiB at %#llx, ACPI RSDP at %#llx",
	       (unsigned long long)kaddr, ilen >> 10, (unsigned long long)iaddr,
	       (unsigned long long)rsdp);
	return set_boot_state(vm, kaddr, 0, 0, GUEST_ZERO_PAGE, err, errlen);
}

static const struct multiboot_header *find_mb_header(const uint8_t *img, size_t len)
{
	/* Only magic, flags and checksum are read: no a.out kludge. */
	for (size_t off = 0; off + 3 * sizeof(uint32_t) <= len && off < MULTIBOOT_SEARCH_BYTES;
	     off += MULTIBOOT_HEADER_ALIGN) {
		const struct multiboot_header *h = (const void *)(img + off);
		if (h->magic == MULTIBOOT_HEADER_MAGIC && h->magic + h->flags + h->checksum == 0)
			return h;
	}
	return NULL;
}

static int load_elf32_segments(struct vm *vm, const uint8_t *img, size_t len, char *err,
			       size_t errlen)
{
	const struct elf32_ehdr *eh = (const void *)img;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4) || eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_machine != EM_386 || eh->e_phentsize != sizeof(struct elf32_phdr) ||
	    (uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(struct elf32_phdr) > len) {
		snprintf(err, errlen, "multiboot kernel '%s' is not a valid ELF32 i386 image",
			 vm->cfg.os.kernel);
		return -1;
	}
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const struct elf32_phdr *ph = (const void *)(img + eh->e_phoff + i * sizeof(*ph));
		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		uint8_t *dst = vm_gpa(vm, ph->p_paddr, ph->p_memsz);
		if (ph->p_filesz > ph->p_memsz || (uint64_t)ph->p_offset + ph->p_filesz > len || !dst ||
		    ph->p_paddr < GUEST_HIGH_START) {
			snprintf(err, errlen, "multiboot kernel '%s': segment %u does not fit guest RAM",
				 vm->cfg.os.kernel, i);
			return -1;
		}
		memcpy(dst, img + ph->p_offset, ph->p_filesz);
		memset(dst + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
	}
	return 0;
}

static int load_multiboot(struct vm *vm, const uint8_t *img, size_t len, const struct multiboot_header *h,
			  char *err, size_t errlen)
{
	const struct elf32_ehdr *eh = (const void *)img;
	struct bh_mem_range e820[8];
	struct multiboot_info *info = vm_gpa(vm, GUEST_MB_INFO, sizeof(*info) + 8 * sizeof(struct multiboot_mmap_entry));
	struct multiboot_mmap_entry *mm = (void *)(info + 1);
	uint64_t rsdp;

	if ((h->flags & MULTIBOOT_REQUIRED_MASK) & ~(MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)) {
		snprintf(err, errlen, "multiboot kernel '%s' needs features the loader lacks (flags %#x)",
			 vm->cfg.os.kernel, h->flags);
		return -1;
	}
	if (load_elf32_segments(vm, img, len, err, errlen) || put_cmdline(vm, err, errlen) ||
	    build_acpi(vm, &rsdp, err, errlen))
		return -1;
	unsigned n = build_e820(vm, e820, 8);
	memset(info, 0, sizeof(*info));
	info->flags = MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_CMDLINE | MULTIBOOT_INFO_MEM_MAP;
	info->mem_lower = (uint32_t)(GUEST_EBDA_START >> 10);
	info->mem_upper = (uint32_t)((vm_ram_top_low(vm) - GUEST_HIGH_START) >> 10);
	info->cmdline = (uint32_t)GUEST_CMDLINE;
	for (unsigned i = 0; i < n; i++)
		mm[i] = (struct multiboot_mmap_entry){ sizeof(mm[i]) - sizeof(mm[i].size), e820[i].base,
						       e820[i].size, e820[i].type };
	info->mmap_addr = (uint32_t)(GUEST_MB_INFO + sizeof(*info));
	info->mmap_length = (uint32_t)(n * sizeof(*mm));
	vm_log("multiboot kernel, entry %#x, ACPI RSDP at %#llx", eh->e_entry, (unsigned long long)rsdp);
	return set_boot_state(vm, eh->e_entry, MULTIBOOT_BOOTLOADER_MAGIC, GUEST_MB_INFO, 0, err, errlen);
}

int vm_load_kernel(struct vm *vm, char *err, size_t errlen)
{
	uint8_t *img;
	size_t len;
	const struct multiboot_header *mb;
	struct lb_kernel k;
	int ret;

	if (read_file(vm->cfg.os.kernel, "kernel", &img, &len, err, errlen))
		return -1;
	if (lb_parse(img, len, &k) == LB_OK)
		ret = load_linux(vm, img, len, err, errlen);
	else if ((mb = find_mb_header(img, len)))
		ret = load_multiboot(vm, img, len, mb, err, errlen);
	else {
		snprintf(err, errlen, "kernel '%s' is neither a Linux bzImage nor a multiboot image",
			 vm->cfg.os.kernel);
		ret = -1;
	}
	free(img);
	return ret;
}
