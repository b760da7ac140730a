// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for hv/lib/elf64.c: inspects arbitrary bytes and loads
 * what passes into a buffer of exactly the image's size, so any write past
 * it is caught. Fixed-address images are compared with an independent copy.
 * Inputs starting with 'B' instead fill a valid PIE skeleton (one PT_LOAD,
 * one PT_DYNAMIC), so the fuzzer reaches the relocation code quickly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hv/elf.h>

#define MAX_SPAN (16u << 20)
#define PAGE     4096u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What loading an ET_EXEC must produce: segments over zeros. */
static void expected_image(const uint8_t *file, const struct elf_image *img, uint8_t *out)
{
	const struct elf64_ehdr *eh = (const void *)file;

	memset(out, 0, img->max_vaddr - img->min_vaddr);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = (const void *)(file + eh->e_phoff + i * sizeof(*ph));
		if (ph->p_type == PT_LOAD && ph->p_memsz)
			memcpy(out + (ph->p_vaddr - img->min_vaddr), file + ph->p_offset, ph->p_filesz);
	}
}

/*
 * 'B', then u16 load vaddr page, u16 extra bss, u16 dynamic offset, u8
 * dynamic entries, u8 type; the rest is the segment's bytes (the dynamic
 * table and relocations live in there). Returns the file's size.
 */
static size_t build_skeleton(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	struct elf64_ehdr eh = { .e_ident = { 0x7f, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT },
				 .e_type = ET_DYN, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
				 .e_phoff = 64, .e_ehsize = 64, .e_phentsize = 56, .e_phnum = 2 };
	struct elf64_phdr ph[2];
	size_t body = n - 10 < cap - 0x100 ? n - 10 : cap - 0x100;
	uint64_t vaddr = (uint64_t)(in[1] | in[2] << 8) << 12;

	if (in[9] & 1)
		eh.e_type = ET_EXEC;
	eh.e_entry = vaddr;
	ph[0] = (struct elf64_phdr){ .p_type = PT_LOAD, .p_offset = 0x100, .p_vaddr = vaddr,
				     .p_filesz = body, .p_memsz = body + (in[3] | in[4] << 8) + 1 };
	ph[1] = (struct elf64_phdr){ .p_type = PT_DYNAMIC, .p_vaddr = vaddr + (in[5] | in[6] << 8),
				     .p_memsz = (uint64_t)in[7] * sizeof(struct elf64_dyn) };
	memset(out, 0, 0x100);
	memcpy(out, &eh, sizeof(eh));
	memcpy(out + 64, ph, sizeof(ph));
	memcpy(out + 0x100, in + 10, body);
	return 0x100 + body;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t skeleton[0x100 + 0x10000];
	struct elf_image img;
	enum elf_error e;

	if (size >= 10 && data[0] == 'B') {
		size = build_skeleton(data, size, skeleton, sizeof(skeleton));
		data = skeleton;
	}
	e = elf_inspect(data, size, &img);

	if (e > ELF_E_SPACE)
		abort();
	if (e != ELF_OK)
		return 0;
	if (img.min_vaddr % PAGE || img.max_vaddr % PAGE || img.min_vaddr >= img.max_vaddr ||
	    img.entry < img.min_vaddr || img.entry >= img.max_vaddr || !img.nload)
		abort();
	uint64_t span = img.max_vaddr - img.min_vaddr;
	if (span > MAX_SPAN)
		return 0;

	uint8_t *dest = aligned_alloc(PAGE, span);
	uint64_t run_base = 0;
	memcpy(&run_base, data + size - 8, 8);		/* size >= 64 here */
	run_base &= ~(uint64_t)(PAGE - 1);

	if (elf_load(data, size, &img, dest, span - 1, run_base) != ELF_E_SPACE)
		abort();
	e = elf_load(data, size, &img, dest, span, run_base);
	/* Inspect vetted everything but the relocations, which only load reads. */
	if (e != ELF_OK && !(e == ELF_E_RELOC && img.relocatable))
		abort();
	if (e == ELF_OK && !img.relocatable) {
		uint8_t *want = malloc(span);
		expected_image(data, &img, want);
		if (memcmp(dest, want, span))
			abort();
		free(want);
	}
	free(dest);
	return 0;
}
