// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead's UEFI loader: reads its configuration, the core (ELF), the root
 * kernel and initrd from the ESP, collects the memory map, ACPI RSDP and
 * framebuffer, exits boot services and enters the core with a struct
 * bh_bootinfo (docs/boot-protocol.md). Any failure before ExitBootServices
 * prints a message and returns to the firmware.
 */
#include <efi.h>
#include <efilib.h>

#include <asm/linuxboot.h>
#include <bulkhead/bootinfo.h>
#include <bulkhead/version.h>
#include <hv/elf.h>
#include <hv/string.h>
#include <hv/util.h>

#include "config.h"
#include "efimap.h"

#define CONFIG_NAME      L"bulkhead.cfg"
#define LOW_MEMORY_TOP   0x9FFFFull	/* trampoline must lie below 640 KiB */
#define BELOW_4G         0xFFFFFFFFull
#define MEMMAP_SLACK     8		/* descriptors the final allocations may add */

typedef void (*core_entry_fn)(struct bh_bootinfo *);

static EFI_GUID acpi20_guid = ACPI_20_TABLE_GUID;

struct loaded_file {
	void *data;
	UINTN size;
};

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static EFI_STATUS error(EFI_STATUS status, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	Print(L"loader: error: %a\n", msg);
	Print(L"loader: returning to the firmware\n");
	return status;
}

/* Directory of the loader itself ("\EFI\BOOT\"), so relative paths work on any ESP. */
static void loader_dir(EFI_LOADED_IMAGE *li, CHAR16 *dir, UINTN cap)
{
	CHAR16 *path = DevicePathToStr(li->FilePath);
	UINTN n = 0, last = 0;

	dir[0] = 0;
	if (!path)
		return;
	for (UINTN i = 0; path[i] && n + 1 < cap; i++) {
		dir[n++] = path[i] == L'/' ? L'\\' : path[i];
		if (dir[n - 1] == L'\\')
			last = n;
	}
	dir[last] = 0;
	FreePool(path);
}

/* ASCII config path to a UCS-2 path; relative paths are taken from 'dir'. */
static void make_path(CHAR16 *out, UINTN cap, const CHAR16 *dir, const char *name)
{
	UINTN n = 0;

	if (name[0] != '\\' && name[0] != '/')
		for (; dir[n] && n + 1 < cap; n++)
			out[n] = dir[n];
	for (; *name && n + 1 < cap; name++)
		out[n++] = *name == '/' ? L'\\' : (CHAR16)*name;
	out[n] = 0;
}

static EFI_STATUS read_file(EFI_FILE_HANDLE root, const CHAR16 *path, const char *what,
			    struct loaded_file *f)
{
	EFI_FILE_HANDLE fh;
	EFI_FILE_INFO *info;
	EFI_STATUS st;

	st = root->Open(root, &fh, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st)) {
		Print(L"loader: error: cannot open the %a file %s: %r\n", what, path, st);
		return st;
	}
	info = LibFileInfo(fh);
	if (!info) {
		fh->Close(fh);
		Print(L"loader: error: cannot stat the %a file %s\n", what, path);
		return EFI_LOAD_ERROR;
	}
	f->size = info->FileSize;
	FreePool(info);
	f->data = NULL;
	if (f->size) {
		EFI_PHYSICAL_ADDRESS addr = 0;
		st = BS->AllocatePages(AllocateAnyPages, EfiLoaderData,
				       EFI_SIZE_TO_PAGES(f->size), &addr);
		if (EFI_ERROR(st)) {
			fh->Close(fh);
			Print(L"loader: error: not enough memory for the %a file %s (%lu bytes)\n",
			      what, path, (UINT64)f->size);
			return st;
		}
		f->data = (void *)(UINTN)addr;
		UINTN n = f->size;
		st = fh->Read(fh, &n, f->data);
		if (EFI_ERROR(st) || n != f->size) {
			fh->Close(fh);
			Print(L"loader: error: reading the %a file %s failed: %r\n", what, path, st);
			return EFI_ERROR(st) ? st : EFI_LOAD_ERROR;
		}
	}
	fh->Close(fh);
	Print(L"loader: %a %s: %lu bytes\n", what, path, (UINT64)f->size);
	return EFI_SUCCESS;
}

/* 'pages' pages at an address aligned to 'align' below 'max' (AllocateMaxAddress + trim). */
static EFI_STATUS alloc_aligned(UINTN pages, uint64_t align, uint64_t max, EFI_MEMORY_TYPE type,
				uint64_t *out)
{
	UINTN extra = (UINTN)(align / EFI_PAGE_SIZE);
	EFI_PHYSICAL_ADDRESS addr = max;
	EFI_STATUS st = BS->AllocatePages(AllocateMaxAddress, type, pages + extra, &addr);

	if (EFI_ERROR(st))
		return st;
	uint64_t aligned = ALIGN_UP(addr, align);
	UINTN head = (UINTN)((aligned - addr) / EFI_PAGE_SIZE);
	if (head)
		BS->FreePages(addr, head);
	if (extra - head)
		BS->FreePages(aligned + pages * EFI_PAGE_SIZE, extra - head);
	*out = aligned;
	return EFI_SUCCESS;
}

/* Places the kernel's run area: its preferred address, else the next aligned free spot above. */
static EFI_STATUS place_kernel(const struct lb_kernel *k, uint64_t *run_addr)
{
	UINTN pages = EFI_SIZE_TO_PAGES(lb_run_size(k));
	EFI_PHYSICAL_ADDRESS addr = k->pref_address;

	if (IS_ALIGNED(addr, k->kernel_alignment) &&
	    !EFI_ERROR(BS->AllocatePages(AllocateAddress, EfiLoaderData, pages, &addr))) {
		*run_addr = addr;
		return EFI_SUCCESS;
	}
	/* A relocatable kernel below pref_address moves itself up to it: search from there. */
	for (addr = ALIGN_UP(k->pref_address, k->kernel_alignment); addr + lb_run_size(k) <= SZ_4G;
	     addr += k->kernel_alignment) {
		EFI_PHYSICAL_ADDRESS a = addr;
		if (!EFI_ERROR(BS->AllocatePages(AllocateAddress, EfiLoaderData, pages, &a))) {
			*run_addr = a;
			return EFI_SUCCESS;
		}
	}
	return EFI_OUT_OF_RESOURCES;
}

static uint64_t find_rsdp(void)
{
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &ST->ConfigurationTable[i];
		if (!CompareGuid(&t->VendorGuid, &acpi20_guid))
			return (uint64_t)(UINTN)t->VendorTable;
	}
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &ST->ConfigurationTable[i];
		if (!CompareGuid(&t->VendorGuid, &AcpiTableGuid))
			return (uint64_t)(UINTN)t->VendorTable;
	}
	return 0;
}

static void find_framebuffer(struct bh_framebuffer *fb)
{
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = NULL;

	if (EFI_ERROR(LibLocateProtocol(&GraphicsOutputProtocol, (void **)&gop)) || !gop ||
	    !gop->Mode || !gop->Mode->Info)
		return;
	fb->base = gop->Mode->FrameBufferBase;
	fb->size = gop->Mode->FrameBufferSize;
	fb->width = gop->Mode->Info->HorizontalResolution;
	fb->height = gop->Mode->Info->VerticalResolution;
	fb->pixels_per_line = gop->Mode->Info->PixelsPerScanLine;
	fb->format = gop->Mode->Info->PixelFormat;
}

struct boot_state {
	struct loader_config cfg;
	struct loaded_file hv, kernel, initrd;
	struct elf_image elf;
	struct lb_kernel lk;
	uint64_t hv_base, run_addr;
	struct bh_bootinfo *bi;
	struct bh_mem_range *ranges;
};

static void free_file(struct loaded_file *f)
{
	if (f->data)
		BS->FreePages((EFI_PHYSICAL_ADDRESS)(UINTN)f->data, EFI_SIZE_TO_PAGES(f->size));
	f->data = NULL;
}

/* Gives back what a failed boot allocated, so the firmware can boot something else. */
static void release(struct boot_state *s)
{
	free_file(&s->hv);
	free_file(&s->kernel);
	free_file(&s->initrd);
	if (s->hv_base)
		BS->FreePages(s->hv_base, EFI_SIZE_TO_PAGES(s->cfg.hv_memory));
	if (s->run_addr)
		BS->FreePages(s->run_addr, EFI_SIZE_TO_PAGES(lb_run_size(&s->lk)));
	if (s->bi && s->bi->trampoline)
		BS->FreePages(s->bi->trampoline, 1);
	if (s->bi && s->bi->boot_params)
		BS->FreePages(s->bi->boot_params, 2);
}

static EFI_STATUS load_config(EFI_FILE_HANDLE root, const CHAR16 *dir, struct boot_state *s)
{
	CHAR16 path[CFG_PATH_MAX + 64];
	struct loaded_file f;
	char err[CFG_ERROR_MAX];
	EFI_STATUS st;

	make_path(path, ARRAY_SIZE(path), dir, "bulkhead.cfg");
	st = read_file(root, path, "configuration", &f);
	if (EFI_ERROR(st))
		return error(st, "no configuration file " "bulkhead.cfg" " beside the loader");
	if (config_parse(f.data, f.size, &s->cfg, err)) {
		free_file(&f);
		return error(EFI_LOAD_ERROR, "bulkhead.cfg: %s", err);
	}
	free_file(&f);
	return EFI_SUCCESS;
}

/* Reserves the core's range and loads the ELF image at its start. */
static EFI_STATUS load_core(EFI_FILE_HANDLE root, const CHAR16 *dir, struct boot_state *s)
{
	CHAR16 path[CFG_PATH_MAX + 64];
	enum elf_error e;
	EFI_STATUS st;

	make_path(path, ARRAY_SIZE(path), dir, s->cfg.hv);
	st = read_file(root, path, "hypervisor", &s->hv);
	if (EFI_ERROR(st))
		return error(st, "cannot load the hypervisor core '%s'", s->cfg.hv);
	e = elf_inspect(s->hv.data, s->hv.size, &s->elf);
	if (e == ELF_OK && !s->elf.relocatable)
		e = ELF_E_TYPE;
	if (e)
		return error(EFI_LOAD_ERROR, "bad hypervisor image '%s': %s", s->cfg.hv,
			     elf_strerror(e));
	uint64_t need = ALIGN_UP(s->elf.max_vaddr - s->elf.min_vaddr, PAGE_SIZE) +
			ALIGN_UP(sizeof(struct bh_bootinfo), PAGE_SIZE) +
			ALIGN_UP(BH_MEMMAP_MAX * sizeof(struct bh_mem_range), PAGE_SIZE) + SZ_2M;
	if (need > s->cfg.hv_memory)
		return error(EFI_BUFFER_TOO_SMALL, "hv_memory (%lu MiB) is too small for the core image",
			     (unsigned long)(s->cfg.hv_memory >> 20));
	/* Below 4 GiB: APs enter through 32-bit code that loads CR3 from this range. */
	st = alloc_aligned(EFI_SIZE_TO_PAGES(s->cfg.hv_memory), SZ_2M, BELOW_4G,
			   EfiReservedMemoryType, &s->hv_base);
	if (EFI_ERROR(st))
		return error(st, "not enough memory below 4 GiB for the core's %lu MiB",
			     (unsigned long)(s->cfg.hv_memory >> 20));
	e = elf_load(s->hv.data, s->hv.size, &s->elf, (void *)(UINTN)s->hv_base,
		     s->cfg.hv_memory, s->hv_base);
	if (e)
		return error(EFI_LOAD_ERROR, "loading '%s' failed: %s", s->cfg.hv, elf_strerror(e));
	Print(L"loader: core at 0x%lx-0x%lx, image %lu KiB\n", s->hv_base,
	      s->hv_base + s->cfg.hv_memory - 1,
	      (s->elf.max_vaddr - s->elf.min_vaddr) >> 10);
	return EFI_SUCCESS;
}

static EFI_STATUS load_root_kernel(EFI_FILE_HANDLE root, const CHAR16 *dir, struct boot_state *s)
{
	CHAR16 path[CFG_PATH_MAX + 64];
	enum lb_error e;
	EFI_STATUS st;

	make_path(path, ARRAY_SIZE(path), dir, s->cfg.kernel);
	st = read_file(root, path, "kernel", &s->kernel);
	if (EFI_ERROR(st))
		return error(st, "cannot load the root kernel '%s'", s->cfg.kernel);
	e = lb_parse(s->kernel.data, s->kernel.size, &s->lk);
	if (e)
		return error(EFI_LOAD_ERROR, "root kernel '%s': %s", s->cfg.kernel, lb_strerror(e));
	st = place_kernel(&s->lk, &s->run_addr);
	if (EFI_ERROR(st))
		return error(st, "no room below 4 GiB for the root kernel (%lu KiB)",
			     (unsigned long)(lb_run_size(&s->lk) >> 10));
	if (s->cfg.initrd[0]) {
		make_path(path, ARRAY_SIZE(path), dir, s->cfg.initrd);
		st = read_file(root, path, "initrd", &s->initrd);
		if (EFI_ERROR(st))
			return error(st, "cannot load the root initrd '%s'", s->cfg.initrd);
	}
	return EFI_SUCCESS;
}

/* Moves the initrd below the kernel's initrd_addr_max if the firmware put it higher. */
static EFI_STATUS place_initrd(struct boot_state *s)
{
	uint64_t addr = (uint64_t)(UINTN)s->initrd.data, max = s->lk.initrd_addr_max;
	EFI_PHYSICAL_ADDRESS dst = MIN(max, BELOW_4G);

	if (!s->initrd.size || addr + s->initrd.size - 1 <= max)
		return EFI_SUCCESS;
	if (EFI_ERROR(BS->AllocatePages(AllocateMaxAddress, EfiLoaderData,
					EFI_SIZE_TO_PAGES(s->initrd.size), &dst)))
		return error(EFI_OUT_OF_RESOURCES, "no room for the initrd below 0x%lx",
			     (unsigned long)max);
	memmove((void *)(UINTN)dst, s->initrd.data, s->initrd.size);
	free_file(&s->initrd);
	s->initrd.data = (void *)(UINTN)dst;
	return EFI_SUCCESS;
}

static EFI_STATUS fill_bootinfo(struct boot_state *s)
{
	uint64_t image_end = s->hv_base + (s->elf.max_vaddr - s->elf.min_vaddr);
	struct bh_bootinfo *bi = (void *)(UINTN)ALIGN_UP(image_end, PAGE_SIZE);
	EFI_PHYSICAL_ADDRESS low = LOW_MEMORY_TOP, bp = BELOW_4G;

	memset(bi, 0, sizeof(*bi));
	s->bi = bi;
	s->ranges = (void *)((uint8_t *)bi + ALIGN_UP(sizeof(*bi), PAGE_SIZE));
	bi->magic = BH_BOOTINFO_MAGIC;
	bi->version = BH_BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	bi->hv_base = s->hv_base;
	bi->hv_size = s->cfg.hv_memory;
	bi->hv_image_end = (uint64_t)(UINTN)s->ranges +
			   ALIGN_UP(BH_MEMMAP_MAX * sizeof(struct bh_mem_range), PAGE_SIZE);
	bi->memmap = (uint64_t)(UINTN)s->ranges;
	bi->acpi_rsdp = find_rsdp();
	find_framebuffer(&bi->fb);
	bi->kernel = (struct bh_module){ (uint64_t)(UINTN)s->kernel.data, s->kernel.size };
	bi->kernel_run_addr = s->run_addr;
	bi->kernel_run_size = lb_run_size(&s->lk);
	bi->initrd = (struct bh_module){ (uint64_t)(UINTN)s->initrd.data, s->initrd.size };
	bi->log_port = s->cfg.log_port;
	bi->console_port = s->cfg.console_port;
	bi->flags = s->cfg.verbose ? BH_BOOT_VERBOSE : 0;
	strlcpy(bi->cmdline, s->cfg.cmdline, sizeof(bi->cmdline));

	if (EFI_ERROR(BS->AllocatePages(AllocateMaxAddress, EfiLoaderData, 1, &low)))
		return error(EFI_OUT_OF_RESOURCES, "no free page below 640 KiB for AP start-up");
	bi->trampoline = low;
	/* Two pages: the zero page, then the command line and a boot GDT. */
	if (EFI_ERROR(BS->AllocatePages(AllocateMaxAddress, EfiLoaderData, 2, &bp)))
		return error(EFI_OUT_OF_RESOURCES, "no free pages below 4 GiB for boot_params");
	memset((void *)(UINTN)bp, 0, 2 * PAGE_SIZE);
	bi->boot_params = bp;
	if (!bi->acpi_rsdp)
		Print(L"loader: warning: the firmware gave no ACPI RSDP\n");
	return EFI_SUCCESS;
}

/* Final memory map, ExitBootServices (retried once on a stale key), then the core. */
static EFI_STATUS exit_and_enter(EFI_HANDLE image, struct boot_state *s)
{
	UINTN size = 0, key, dsize, alloc;
	UINT32 dver;
	EFI_MEMORY_DESCRIPTOR *map = NULL;
	EFI_STATUS st;
	int n;

	st = BS->GetMemoryMap(&size, NULL, &key, &dsize, &dver);
	if (st != EFI_BUFFER_TOO_SMALL)
		return error(st, "GetMemoryMap failed");
	alloc = size + MEMMAP_SLACK * dsize;
	map = AllocatePool(alloc);
	if (!map)
		return error(EFI_OUT_OF_RESOURCES, "no memory for the memory map");
	Print(L"loader: entering the core\n");
	core_entry_fn entry = (core_entry_fn)(UINTN)(s->hv_base + (s->elf.entry - s->elf.min_vaddr));
	for (int attempt = 0; attempt < 2; attempt++) {
		/* Between GetMemoryMap and ExitBootServices: no allocation, no Print. */
		size = alloc;
		st = BS->GetMemoryMap(&size, map, &key, &dsize, &dver);
		if (EFI_ERROR(st))
			break;
		n = efimap_convert(map, size, dsize, s->ranges, BH_MEMMAP_MAX);
		if (n < 0) {
			st = EFI_BUFFER_TOO_SMALL;
			break;
		}
		s->bi->memmap_count = (uint32_t)n;
		st = BS->ExitBootServices(image, key);
		if (!EFI_ERROR(st)) {
			__asm__ volatile("cli");
			s->bi->times.loader_exit = rdtsc();
			entry(s->bi);
			for (;;)
				__asm__ volatile("hlt");
		}
		if (st != EFI_INVALID_PARAMETER)
			break;
	}
	FreePool(map);
	return error(st, "ExitBootServices failed");
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	uint64_t t0 = rdtsc();
	struct boot_state s;
	EFI_LOADED_IMAGE *li;
	EFI_FILE_HANDLE root;
	CHAR16 dir[CFG_PATH_MAX];
	EFI_STATUS st;

	InitializeLib(image, systab);
	memset(&s, 0, sizeof(s));
	Print(L"loader: Bulkhead loader %a\n", BH_VERSION_STRING);
	st = BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st))
		return error(st, "no loaded-image protocol");
	root = LibOpenRoot(li->DeviceHandle);
	if (!root)
		return error(EFI_LOAD_ERROR, "cannot open the loader's file system");
	loader_dir(li, dir, ARRAY_SIZE(dir));

	st = load_config(root, dir, &s);
	if (!EFI_ERROR(st))
		st = load_core(root, dir, &s);
	if (!EFI_ERROR(st))
		st = load_root_kernel(root, dir, &s);
	if (!EFI_ERROR(st))
		st = place_initrd(&s);
	if (!EFI_ERROR(st))
		st = fill_bootinfo(&s);
	root->Close(root);
	if (!EFI_ERROR(st)) {
		s.bi->times.loader_entry = t0;
		st = exit_and_enter(image, &s);
	}
	release(&s);
	return st;
}
