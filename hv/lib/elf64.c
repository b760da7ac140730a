// SPDX-License-Identifier: GPL-2.0
/* ELF64 inspection and loading; every field of the file is bounds-checked. */
#include <hv/elf.h>
#include <hv/string.h>
#include <hv/util.h>

#define ELF_MAX_PHNUM 64

const char *elf_strerror(enum elf_error e)
{
	switch (e) {
	case ELF_OK:          return "ok";
	case ELF_E_TRUNCATED: return "truncated file";
	case ELF_E_MAGIC:     return "not an ELF file";
	case ELF_E_FORMAT:    return "not a little-endian ELF64 file";
	case ELF_E_MACHINE:   return "not an x86-64 image";
	case ELF_E_TYPE:      return "not an executable or PIE image";
	case ELF_E_SEGMENT:   return "bad loadable segment";
	case ELF_E_RELOC:     return "unsupported relocation";
	case ELF_E_SPACE:     return "image larger than its destination";
	}
	return "unknown ELF error";
}

static bool in_file(size_t size, uint64_t off, uint64_t len)
{
	return range_ok(off, len) && off + len <= size;
}

static const struct elf64_phdr *phdr_at(const void *file, const struct elf64_ehdr *eh, unsigned i)
{
	return (const struct elf64_phdr *)((const uint8_t *)file + eh->e_phoff +
					   (uint64_t)i * sizeof(struct elf64_phdr));
}

static enum elf_error check_ehdr(const void *file, size_t size, const struct elf64_ehdr **out)
{
	const struct elf64_ehdr *eh = file;

	if (size < sizeof(*eh))
		return size >= 4 && !memcmp(file, ELFMAG, 4) ? ELF_E_TRUNCATED : ELF_E_MAGIC;
	if (memcmp(eh->e_ident, ELFMAG, 4))
		return ELF_E_MAGIC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT)
		return ELF_E_FORMAT;
	if (eh->e_machine != EM_X86_64)
		return ELF_E_MACHINE;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return ELF_E_TYPE;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHNUM)
		return ELF_E_FORMAT;
	if (!in_file(size, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr)) ||
	    !IS_ALIGNED(eh->e_phoff, 8))
		return ELF_E_TRUNCATED;
	*out = eh;
	return ELF_OK;
}

static enum elf_error check_load(size_t size, const struct elf64_phdr *ph)
{
	if (ph->p_memsz < ph->p_filesz || !range_ok(ph->p_vaddr, ph->p_memsz) ||
	    ph->p_vaddr + ph->p_memsz > UINT64_MAX - PAGE_SIZE)
		return ELF_E_SEGMENT;
	if (!in_file(size, ph->p_offset, ph->p_filesz))
		return ELF_E_TRUNCATED;
	return ELF_OK;
}

enum elf_error elf_inspect(const void *file, size_t size, struct elf_image *img)
{
	const struct elf64_ehdr *eh;
	enum elf_error err = check_ehdr(file, size, &eh);

	if (err)
		return err;
	*img = (struct elf_image){ .min_vaddr = UINT64_MAX, .entry = eh->e_entry,
				   .relocatable = eh->e_type == ET_DYN };
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = phdr_at(file, eh, i);

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		err = check_load(size, ph);
		if (err)
			return err;
		/* Segments must be ascending and disjoint at page granularity. */
		uint64_t start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
		if (img->nload && start < img->max_vaddr)
			return ELF_E_SEGMENT;
		if (!img->nload)
			img->min_vaddr = start;
		img->max_vaddr = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
		img->nload++;
	}
	if (!img->nload)
		return ELF_E_SEGMENT;
	if (eh->e_entry < img->min_vaddr || eh->e_entry >= img->max_vaddr)
		return ELF_E_SEGMENT;
	return ELF_OK;
}

/* Finds the RELA table through PT_DYNAMIC; reads the loaded copy in 'dest'. */
static enum elf_error find_rela(const void *file, const struct elf64_ehdr *eh,
				const struct elf_image *img, const uint8_t *dest,
				uint64_t *rela, uint64_t *relasz)
{
	uint64_t span = img->max_vaddr - img->min_vaddr, ent = sizeof(struct elf64_rela);

	*rela = *relasz = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = phdr_at(file, eh, i);

		if (ph->p_type != PT_DYNAMIC)
			continue;
		if (ph->p_vaddr < img->min_vaddr || !range_ok(ph->p_vaddr, ph->p_memsz) ||
		    ph->p_vaddr + ph->p_memsz > img->max_vaddr || !IS_ALIGNED(ph->p_vaddr, 8))
			return ELF_E_RELOC;
		const struct elf64_dyn *dyn = (const void *)(dest + (ph->p_vaddr - img->min_vaddr));
		for (uint64_t n = 0; n < ph->p_memsz / sizeof(*dyn) && dyn[n].d_tag != DT_NULL; n++) {
			switch (dyn[n].d_tag) {
			case DT_RELA:    *rela = dyn[n].d_val; break;
			case DT_RELASZ:  *relasz = dyn[n].d_val; break;
			case DT_RELAENT: ent = dyn[n].d_val; break;
			case DT_REL:
			case DT_JMPREL:
			case DT_TEXTREL:
				return ELF_E_RELOC;	/* a static PIE never needs these */
			case DT_RELR:
				return ELF_E_RELOC;	/* ld -z pack-relative-relocs: not applied */
			}
		}
	}
	if (ent != sizeof(struct elf64_rela) || *relasz % ent)
		return ELF_E_RELOC;
	if (*relasz && (*rela < img->min_vaddr || !range_ok(*rela, *relasz) ||
			*rela + *relasz > img->min_vaddr + span || !IS_ALIGNED(*rela, 8)))
		return ELF_E_RELOC;
	return ELF_OK;
}

static enum elf_error apply_relocations(const void *file, const struct elf64_ehdr *eh,
					const struct elf_image *img, uint8_t *dest,
					uint64_t run_base)
{
	uint64_t rela, relasz, span = img->max_vaddr - img->min_vaddr;
	enum elf_error err = find_rela(file, eh, img, dest, &rela, &relasz);

	if (err)
		return err;
	for (uint64_t off = 0; off < relasz; off += sizeof(struct elf64_rela)) {
		struct elf64_rela r;

		memcpy(&r, dest + (rela - img->min_vaddr) + off, sizeof(r));
		if (ELF64_R_TYPE(r.r_info) == R_X86_64_NONE)
			continue;
		if (ELF64_R_TYPE(r.r_info) != R_X86_64_RELATIVE)
			return ELF_E_RELOC;
		if (r.r_offset < img->min_vaddr || r.r_offset - img->min_vaddr > span - 8)
			return ELF_E_RELOC;
		uint64_t value = run_base + ((uint64_t)r.r_addend - img->min_vaddr);
		memcpy(dest + (r.r_offset - img->min_vaddr), &value, sizeof(value));
	}
	return ELF_OK;
}

enum elf_error elf_load(const void *file, size_t size, const struct elf_image *img,
			void *dest, uint64_t dest_size, uint64_t run_base)
{
	const struct elf64_ehdr *eh;
	enum elf_error err = check_ehdr(file, size, &eh);
	uint8_t *d = dest;

	if (err)
		return err;
	if (img->max_vaddr - img->min_vaddr > dest_size)
		return ELF_E_SPACE;
	memset(dest, 0, img->max_vaddr - img->min_vaddr);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = phdr_at(file, eh, i);

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		err = check_load(size, ph);
		if (err)
			return err;
		if (ph->p_vaddr < img->min_vaddr || ph->p_vaddr + ph->p_memsz > img->max_vaddr)
			return ELF_E_SEGMENT;	/* img does not describe this file */
		memcpy(d + (ph->p_vaddr - img->min_vaddr), (const uint8_t *)file + ph->p_offset,
		       ph->p_filesz);
	}
	if (img->relocatable)
		return apply_relocations(file, eh, img, d, run_base);
	return ELF_OK;
}
