// SPDX-License-Identifier: GPL-2.0
/*
 * The Multiboot information, copied at entry (the loader may have put it
 * in low memory the guest reuses), the RAM ranges and the command line.
 */
#include <asm/multiboot.h>
#include <guest/boot.h>
#include <guest/pc.h>
#include <hv/string.h>
#include <hv/util.h>

struct boot_info boot;

static void add_ram(uint64_t base, uint64_t size)
{
	if (!size || !range_ok(base, size) || boot.nranges >= BOOT_MAX_RAM_RANGES)
		return;
	boot.ram[boot.nranges++] = (struct ram_range){ base, size };
}

/* Sorts by base and joins ranges that touch or overlap. */
static void normalise_ram(void)
{
	for (unsigned i = 1; i < boot.nranges; i++)
		for (unsigned j = i; j > 0 && boot.ram[j - 1].base > boot.ram[j].base; j--) {
			struct ram_range t = boot.ram[j];
			boot.ram[j] = boot.ram[j - 1];
			boot.ram[j - 1] = t;
		}
	unsigned n = 0;
	for (unsigned i = 0; i < boot.nranges; i++) {
		struct ram_range *last = n ? &boot.ram[n - 1] : 0;
		if (last && boot.ram[i].base <= last->base + last->size) {
			uint64_t end = MAX(last->base + last->size, boot.ram[i].base + boot.ram[i].size);
			last->size = end - last->base;
		} else {
			boot.ram[n++] = boot.ram[i];
		}
	}
	boot.nranges = n;
}

static void parse_mmap(uint32_t addr, uint32_t length)
{
	uint64_t p = addr, end = (uint64_t)addr + length;

	while (p + sizeof(struct multiboot_mmap_entry) <= end) {
		const struct multiboot_mmap_entry *e = (const void *)(uintptr_t)p;
		if (boot.nmap < BOOT_MAX_MAP && e->len)
			boot.map[boot.nmap++] = (struct map_range){ e->addr, e->len, e->type };
		if (e->type == MULTIBOOT_MEMORY_AVAILABLE)
			add_ram(e->addr, e->len);
		p += e->size + sizeof(e->size);
	}
}

void boot_parse(uint32_t magic, uint32_t info)
{
	const struct multiboot_info *mi = (const void *)(uintptr_t)info;

	boot.multiboot = magic == MULTIBOOT_BOOTLOADER_MAGIC;
	if (boot.multiboot) {
		if (mi->flags & MULTIBOOT_INFO_CMDLINE)
			strlcpy(boot.cmdline, (const char *)(uintptr_t)mi->cmdline, sizeof(boot.cmdline));
		if (mi->flags & MULTIBOOT_INFO_MEM_MAP) {
			parse_mmap(mi->mmap_addr, mi->mmap_length);
			boot.has_mmap = boot.nranges > 0;
		}
		if (!boot.nranges && (mi->flags & MULTIBOOT_INFO_MEMORY)) {
			add_ram(0, (uint64_t)mi->mem_lower * MULTIBOOT_MEM_LOWER_UNIT);
			add_ram(SZ_1M, (uint64_t)mi->mem_upper * MULTIBOOT_MEM_LOWER_UNIT);
		}
	}
	/* Nothing said: the image itself is the only RAM known for sure. */
	if (!boot.nranges)
		add_ram((uint64_t)(uintptr_t)__image_start,
			(uint64_t)(uintptr_t)(__image_end - __image_start));
	normalise_ram();
}

bool phys_is_ram(uint64_t pa, uint64_t size)
{
	if (!range_ok(pa, size))
		return false;
	for (unsigned i = 0; i < boot.nranges; i++)
		if (pa >= boot.ram[i].base && pa + size <= boot.ram[i].base + boot.ram[i].size)
			return true;
	return false;
}

bool phys_is_described(uint64_t pa)
{
	for (unsigned i = 0; i < boot.nmap; i++)
		if (pa >= boot.map[i].base && pa - boot.map[i].base < boot.map[i].size)
			return true;
	return phys_is_ram(pa, 1);
}

uint64_t phys_next_undescribed(uint64_t pa)
{
	pa = ALIGN_UP(pa, PAGE_SIZE);
	/* Each step leaves one entry behind, so this ends within nmap + nranges steps. */
	for (bool moved = true; moved;) {
		moved = false;
		for (unsigned i = 0; i < boot.nmap; i++)
			if (pa >= boot.map[i].base && pa - boot.map[i].base < boot.map[i].size) {
				pa = ALIGN_UP(boot.map[i].base + boot.map[i].size, PAGE_SIZE);
				moved = true;
			}
		for (unsigned i = 0; i < boot.nranges; i++)
			if (pa >= boot.ram[i].base && pa - boot.ram[i].base < boot.ram[i].size) {
				pa = ALIGN_UP(boot.ram[i].base + boot.ram[i].size, PAGE_SIZE);
				moved = true;
			}
	}
	return pa;
}

uint64_t phys_prev_undescribed(uint64_t pa)
{
	pa = ALIGN_DOWN(pa, PAGE_SIZE);
	for (bool moved = true; moved;) {
		moved = false;
		for (unsigned i = 0; i < boot.nmap + boot.nranges; i++) {
			uint64_t base = i < boot.nmap ? boot.map[i].base : boot.ram[i - boot.nmap].base;
			uint64_t size = i < boot.nmap ? boot.map[i].size : boot.ram[i - boot.nmap].size;
			if (pa >= base && pa - base < size) {
				if (base < PAGE_SIZE)
					return 0;
				pa = ALIGN_DOWN(base - 1, PAGE_SIZE);
				moved = true;
			}
		}
	}
	return pa;
}

uint64_t ram_end_of_image_range(void)
{
	uint64_t image = (uint64_t)(uintptr_t)__image_start;

	for (unsigned i = 0; i < boot.nranges; i++)
		if (image >= boot.ram[i].base && image < boot.ram[i].base + boot.ram[i].size)
			return boot.ram[i].base + boot.ram[i].size;
	return (uint64_t)(uintptr_t)__image_end;
}

uint64_t ram_top(void)
{
	return boot.nranges ? boot.ram[boot.nranges - 1].base + boot.ram[boot.nranges - 1].size : 0;
}

/* The value of word "key=value" in the command line, or 0; *len is its length. */
static const char *cmdline_find(const char *key, size_t *len)
{
	size_t klen = strlen(key);

	for (const char *p = boot.cmdline; *p;) {
		while (*p == ' ')
			p++;
		const char *word = p;
		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - word) > klen && !strncmp(word, key, klen) && word[klen] == '=') {
			*len = (size_t)(p - word) - klen - 1;
			return word + klen + 1;
		}
	}
	return 0;
}

bool cmdline_str(const char *key, char *buf, unsigned len)
{
	size_t n;
	const char *v = cmdline_find(key, &n);

	if (!v || !len)
		return false;
	n = MIN(n, (size_t)len - 1);
	memcpy(buf, v, n);
	buf[n] = 0;
	return true;
}

bool cmdline_u64(const char *key, uint64_t *val)
{
	size_t n;
	const char *v = cmdline_find(key, &n);
	unsigned base = 10;
	uint64_t x = 0;

	if (!v || !n)
		return false;
	if (n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		base = 16;
		v += 2;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		x = x * base + d;
	}
	*val = x;
	return true;
}
