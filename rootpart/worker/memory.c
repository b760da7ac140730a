// SPDX-License-Identifier: GPL-2.0
/*
 * Guest RAM: anonymous memory of the worker, pinned and donated to the
 * partition by the kernel module. RAM sits below 3 GiB (the PC's MMIO hole
 * from 3 GiB holds the I/O APIC and the local APIC) and continues above
 * 4 GiB for larger guests.
 */
#include "vm.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#define HUGE_ALIGN (2ull << 20)	/* 2 MiB: lets THP back guest RAM with contiguous runs */

static int map_range(struct vm *vm, struct vm_ram *r, char *err, size_t errlen)
{
	struct bh_ioc_map_memory m;
	/* Over-allocate to align on 2 MiB, so transparent huge pages can back it. */
	size_t len = r->size + HUGE_ALIGN;
	uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			  -1, 0);

	if (p == MAP_FAILED) {
		snprintf(err, errlen, "cannot allocate %llu MiB of guest memory: %s",
			 (unsigned long long)(r->size >> 20), strerror(errno));
		return -1;
	}
	uint8_t *aligned = (uint8_t *)(((uintptr_t)p + HUGE_ALIGN - 1) & ~(uintptr_t)(HUGE_ALIGN - 1));
	madvise(aligned, r->size, MADV_HUGEPAGE);
	r->hva = aligned;
	memset(&m, 0, sizeof(m));
	m.uaddr = (uintptr_t)aligned;
	m.size = r->size;
	m.gpa = r->gpa;
	m.flags = BH_MAP_READ | BH_MAP_WRITE | BH_MAP_EXEC;
	if (ioctl(vm->fd, BH_IOC_MAP_MEMORY, &m) < 0) {
		snprintf(err, errlen, "cannot give %llu MiB at %#llx to the partition: %s (status %#llx)",
			 (unsigned long long)(r->size >> 20), (unsigned long long)r->gpa,
			 strerror(errno), (unsigned long long)m.status);
		return -1;
	}
	return 0;
}

int vm_memory_setup(struct vm *vm, char *err, size_t errlen)
{
	uint64_t total = vm->cfg.memory & ~0xFFFull;
	uint64_t low = total < GUEST_LOW_MEM_END ? total : GUEST_LOW_MEM_END;

	vm->nram = 0;
	vm->ram[vm->nram++] = (struct vm_ram){ .gpa = 0, .size = low };
	if (total > low)
		vm->ram[vm->nram++] = (struct vm_ram){ .gpa = GUEST_HIGH_MEM_BASE, .size = total - low };
	for (unsigned i = 0; i < vm->nram; i++)
		if (map_range(vm, &vm->ram[i], err, errlen))
			return -1;
	return 0;
}

void *vm_gpa(struct vm *vm, uint64_t gpa, uint64_t len)
{
	for (unsigned i = 0; i < vm->nram; i++) {
		const struct vm_ram *r = &vm->ram[i];
		if (gpa >= r->gpa && len <= r->size && gpa - r->gpa <= r->size - len)
			return r->hva + (gpa - r->gpa);
	}
	return NULL;
}

uint64_t vm_ram_top_low(const struct vm *vm)
{
	return vm->ram[0].size;
}
