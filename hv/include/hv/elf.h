/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ELF64 structures and constants (System V gABI, "ELF-64 Object File
 * Format" 1.5, and the x86-64 psABI 1.0 for relocation types), and the
 * loader built on them (hv/lib/elf64.c): used by the EFI loader for the
 * core image and by the root's worker for multiboot guest kernels.
 */
#ifndef HV_ELF_H
#define HV_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EI_NIDENT     16
#define EI_CLASS      4
#define EI_DATA       5
#define EI_VERSION    6
#define ELFMAG        "\177ELF"
#define ELFCLASS32    1
#define ELFCLASS64    2
#define ELFDATA2LSB   1
#define EV_CURRENT    1
#define ET_EXEC       2
#define ET_DYN        3
#define EM_386        3
#define EM_X86_64     62
#define PT_NULL       0
#define PT_LOAD       1
#define PT_DYNAMIC    2
#define PF_X          1
#define PF_W          2
#define PF_R          4
#define DT_NULL       0
#define DT_RELA       7
#define DT_RELASZ     8
#define DT_RELAENT    9
#define DT_REL        17
#define DT_TEXTREL    22
#define DT_JMPREL     23
#define DT_RELR       36	/* packed relative relocations (gABI 2022) */
#define R_X86_64_NONE     0
#define R_X86_64_RELATIVE 8

struct elf64_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};
_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header is 64 bytes");

struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header is 56 bytes");

struct elf64_dyn {
	int64_t d_tag;
	uint64_t d_val;
};
_Static_assert(sizeof(struct elf64_dyn) == 16, "ELF64 dynamic entry is 16 bytes");

struct elf64_rela {
	uint64_t r_offset;
	uint64_t r_info;
	int64_t r_addend;
};
_Static_assert(sizeof(struct elf64_rela) == 24, "ELF64 RELA entry is 24 bytes");

#define ELF64_R_TYPE(info) ((uint32_t)(info))

/* ELF32, for multiboot guest kernels. */
struct elf32_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint32_t e_entry;
	uint32_t e_phoff;
	uint32_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};
_Static_assert(sizeof(struct elf32_ehdr) == 52, "ELF32 header is 52 bytes");

struct elf32_phdr {
	uint32_t p_type;
	uint32_t p_offset;
	uint32_t p_vaddr;
	uint32_t p_paddr;
	uint32_t p_filesz;
	uint32_t p_memsz;
	uint32_t p_flags;
	uint32_t p_align;
};
_Static_assert(sizeof(struct elf32_phdr) == 32, "ELF32 program header is 32 bytes");

enum elf_error {
	ELF_OK = 0,
	ELF_E_TRUNCATED,	/* a header or segment lies outside the file */
	ELF_E_MAGIC,		/* not an ELF file */
	ELF_E_FORMAT,		/* not ELF64, little-endian, current version */
	ELF_E_MACHINE,		/* not x86-64 */
	ELF_E_TYPE,		/* neither ET_EXEC nor ET_DYN */
	ELF_E_SEGMENT,		/* bad PT_LOAD: memsz < filesz, overlap, wrap, none */
	ELF_E_RELOC,		/* unsupported or out-of-image relocation */
	ELF_E_SPACE,		/* the destination is too small */
};

/* The loadable extent of an image, from elf_inspect(). */
struct elf_image {
	uint64_t min_vaddr;	/* page-aligned start of the lowest PT_LOAD */
	uint64_t max_vaddr;	/* end of the highest PT_LOAD, page-aligned up */
	uint64_t entry;		/* e_entry */
	bool relocatable;	/* ET_DYN: may run at any page-aligned base */
	unsigned nload;		/* number of PT_LOAD segments */
};

const char *elf_strerror(enum elf_error e);

/* Checks the headers of 'file' and computes its extent; nothing is copied. */
enum elf_error elf_inspect(const void *file, size_t size, struct elf_image *img);

/*
 * Copies every PT_LOAD of 'file' into 'dest' (dest corresponds to
 * img->min_vaddr), zeroes the rest of each segment, and for a relocatable
 * image applies its R_X86_64_RELATIVE relocations as if the image runs with
 * min_vaddr at address 'run_base'. dest_size must be >= max_vaddr - min_vaddr.
 */
enum elf_error elf_load(const void *file, size_t size, const struct elf_image *img,
			void *dest, uint64_t dest_size, uint64_t run_base);

#endif
