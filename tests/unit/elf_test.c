// SPDX-License-Identifier: GPL-2.0
/*
 * ELF64 loader tests (hv/lib/elf64.c): real images linked by the host
 * toolchain, then hand-built and hand-corrupted headers for every error.
 */
#define _GNU_SOURCE	/* memmem */
#include "test.h"

#include <hv/elf.h>
#include <hv/util.h>

#define SAMPLE_MAGIC 0x6b6c756268656c66ull	/* tests/unit/elf_sample.c */
#define SAMPLE_BSS   5000
#define PAGE         4096ull
#define FILL         0xA5

/* tests/unit/elf_sample.c's marker, pointers read as addresses. */
struct sample_marker {
	uint64_t magic, self, text, bss, bss_size, pattern, entry, end;
};

struct file {
	uint8_t *data;
	size_t size;
};

/* Reads a sample once; kept for the whole run, so a failed check leaks nothing. */
static struct file read_sample(const char *name)
{
	static struct { const char *name; struct file f; } cache[4];
	char path[256];
	unsigned i;
	FILE *fp;
	long n;

	for (i = 0; i < ARRAY_SIZE(cache) && cache[i].name; i++)
		if (!strcmp(cache[i].name, name))
			return cache[i].f;
	if (i == ARRAY_SIZE(cache))
		TEST_FAIL("sample cache full");
	snprintf(path, sizeof(path), "%s/%s", ELF_SAMPLE_DIR, name);
	fp = fopen(path, "rb");
	if (!fp)
		TEST_FAIL("cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	/* malloc's alignment (16) is what a loader's page-aligned buffer gives. */
	cache[i].f.data = malloc((size_t)n);
	cache[i].f.size = (size_t)n;
	if (!cache[i].f.data || fread(cache[i].f.data, 1, cache[i].f.size, fp) != cache[i].f.size)
		TEST_FAIL("cannot read %s", path);
	fclose(fp);
	cache[i].name = name;
	return cache[i].f;
}

/* A page-aligned destination, replaced (not leaked) by the next call. */
static uint8_t *new_dest(uint64_t size)
{
	static uint8_t *dest;

	free(dest);
	dest = aligned_alloc(PAGE, size);
	if (!dest)
		TEST_FAIL("out of memory");
	return dest;
}

/* Loads 'f' at run_base into a fresh FILL-ed buffer of exactly the image's span. */
static uint8_t *load_sample(const struct file *f, struct elf_image *img, uint64_t run_base)
{
	uint8_t *dest;
	enum elf_error e = elf_inspect(f->data, f->size, img);

	if (e != ELF_OK)
		TEST_FAIL("elf_inspect: %s", elf_strerror(e));
	dest = new_dest(img->max_vaddr - img->min_vaddr);
	memset(dest, FILL, img->max_vaddr - img->min_vaddr);
	e = elf_load(f->data, f->size, img, dest, img->max_vaddr - img->min_vaddr, run_base);
	if (e != ELF_OK)
		TEST_FAIL("elf_load: %s", elf_strerror(e));
	return dest;
}

static struct sample_marker *find_marker(uint8_t *dest, uint64_t span)
{
	uint64_t magic = SAMPLE_MAGIC;
	uint8_t *m = memmem(dest, span, &magic, sizeof(magic));

	if (!m)
		TEST_FAIL("the sample's marker is not in the loaded image");
	CHECK(!memmem(m + 1, span - (uint64_t)(m + 1 - dest), &magic, sizeof(magic)));
	return (struct sample_marker *)m;
}

static int all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/*
 * Every pointer in the marker must read as an address in the running image
 * (run_base stands for min_vaddr) and lead to the right bytes in 'dest'.
 */
static void check_sample(const struct elf_image *img, uint8_t *dest, uint64_t run_base)
{
	uint64_t span = img->max_vaddr - img->min_vaddr;
	struct sample_marker *mk = find_marker(dest, span);
	uint64_t mk_addr = run_base + (uint64_t)((uint8_t *)mk - dest);

	CHECK_EQ(mk->self, mk_addr + 8);
	CHECK_EQ(mk->entry, run_base + (img->entry - img->min_vaddr));
	CHECK(mk->text >= run_base && mk->text < run_base + span - 20);
	CHECK_STR((char *)dest + (mk->text - run_base), "bulkhead-elf-sample");
	CHECK(mk->pattern >= run_base && mk->pattern + 256 <= run_base + span);
	for (unsigned i = 0; i < 256; i++)
		CHECK_EQ(dest[mk->pattern - run_base + i], i);
	/* bss: zeroed although the buffer was filled, and across its page boundary. */
	CHECK_EQ(mk->bss_size, SAMPLE_BSS);
	CHECK(mk->bss >= run_base && mk->bss + SAMPLE_BSS <= run_base + span);
	CHECK(all_bytes(dest + (mk->bss - run_base), SAMPLE_BSS, 0));
	/* The extent covers everything the linker placed, and nothing runs past it. */
	CHECK(mk->end > mk->bss && mk->end <= run_base + span);
	CHECK(run_base + span - mk->end < PAGE);
}

TEST(pie_sample_inspects_as_relocatable)
{
	struct file f = read_sample("pie.elf");
	struct elf_image img;

	CHECK_EQ(elf_inspect(f.data, f.size, &img), ELF_OK);
	CHECK(img.relocatable);
	CHECK_EQ(img.min_vaddr, 0);	/* a static PIE is linked at 0 */
	CHECK(img.nload >= 2);
	CHECK_EQ(img.max_vaddr % PAGE, 0);
	CHECK(img.entry >= img.min_vaddr && img.entry < img.max_vaddr);
}

TEST(pie_sample_loads_and_relocates)
{
	static const uint64_t bases[] = { 0x40000000ull, 0x7f1234567000ull, 0x1000ull, 0 };
	struct file f = read_sample("pie.elf");

	for (unsigned i = 0; i < ARRAY_SIZE(bases); i++) {
		struct elf_image img;
		uint8_t *dest = load_sample(&f, &img, bases[i]);
		check_sample(&img, dest, bases[i]);
	}
}

TEST(exec_sample_loads_without_relocation)
{
	struct file f = read_sample("exec.elf");
	struct elf_image img;
	uint8_t *dest;

	CHECK_EQ(elf_inspect(f.data, f.size, &img), ELF_OK);
	CHECK(!img.relocatable);
	CHECK_EQ(img.min_vaddr, 0x400000);	/* the x86-64 default for ld -no-pie */
	/* run_base is ignored: the image has fixed addresses. */
	dest = load_sample(&f, &img, 0x12345000);
	check_sample(&img, dest, img.min_vaddr);
}

/*
 * An image with packed relative relocations (DT_RELR, ld -z
 * pack-relative-relocs) has none in RELA; loading it as if it had none would
 * leave every pointer unrelocated.
 */
TEST(packed_relocations_are_refused)
{
	struct file f = read_sample("relr.elf");
	struct elf_image img;
	uint8_t *dest;

	CHECK_EQ(elf_inspect(f.data, f.size, &img), ELF_OK);
	dest = new_dest(img.max_vaddr - img.min_vaddr);
	CHECK_EQ(elf_load(f.data, f.size, &img, dest, img.max_vaddr - img.min_vaddr, 0x40000000),
		 ELF_E_RELOC);
}

TEST(every_truncation_of_a_real_image_is_refused)
{
	struct file f = read_sample("pie.elf");
	struct elf_image img;
	size_t last_needed = 0;

	/* The file's last loaded byte: cutting anywhere before it must fail. */
	CHECK_EQ(elf_inspect(f.data, f.size, &img), ELF_OK);
	const struct elf64_ehdr *eh = (const void *)f.data;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = (const void *)(f.data + eh->e_phoff + i * sizeof(*ph));
		if (ph->p_type == PT_LOAD && ph->p_offset + ph->p_filesz > last_needed)
			last_needed = ph->p_offset + ph->p_filesz;
	}
	for (size_t n = 0; n < last_needed; n++) {
		enum elf_error e = elf_inspect(f.data, n, &img);
		if (e != (n < 4 ? ELF_E_MAGIC : ELF_E_TRUNCATED))
			TEST_FAIL("size %zu: %s", n, elf_strerror(e));
	}
	CHECK_EQ(elf_inspect(f.data, last_needed, &img), ELF_OK);
}

/* A hand-built image: header, up to 8 program headers, data from 0x400. */
#define SYN_DATA 0x400u
struct synth {
	_Alignas(8) uint8_t b[0x4000];
	size_t size;
};

static struct elf64_ehdr *syn_eh(struct synth *s) { return (struct elf64_ehdr *)s->b; }

static struct elf64_phdr *syn_ph(struct synth *s, unsigned i)
{
	return (struct elf64_phdr *)(s->b + sizeof(struct elf64_ehdr)) + i;
}

static void syn_init(struct synth *s, uint16_t type, unsigned nph)
{
	struct elf64_ehdr *eh = syn_eh(s);

	memset(s, 0, sizeof(*s));
	memcpy(eh->e_ident, ELFMAG, 4);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(struct elf64_phdr);
	eh->e_phnum = (uint16_t)nph;
	s->size = SYN_DATA;
	for (size_t i = SYN_DATA; i < sizeof(s->b); i++)
		s->b[i] = (uint8_t)(i * 7 + 1);
}

static void syn_seg(struct synth *s, unsigned i, uint32_t type, uint64_t vaddr, uint64_t off,
		    uint64_t filesz, uint64_t memsz)
{
	*syn_ph(s, i) = (struct elf64_phdr){ .p_type = type, .p_flags = PF_R | PF_W,
		.p_offset = off, .p_vaddr = vaddr, .p_paddr = vaddr, .p_filesz = filesz,
		.p_memsz = memsz, .p_align = PAGE };
	if (type == PT_LOAD && off + filesz > s->size)
		s->size = off + filesz;
}

/*
 * Two segments: 0x10000 (0x100 bytes from the file, bss to 0x11800) and
 * 0x12000 (0x80 bytes); entry 0x10010.
 */
static void syn_two(struct synth *s, uint16_t type)
{
	syn_init(s, type, 2);
	syn_seg(s, 0, PT_LOAD, 0x10000, SYN_DATA, 0x100, 0x1800);
	syn_seg(s, 1, PT_LOAD, 0x12000, SYN_DATA + 0x100, 0x80, 0x80);
	syn_eh(s)->e_entry = 0x10010;
}

static enum elf_error syn_inspect(struct synth *s)
{
	struct elf_image img;
	return elf_inspect(s->b, s->size, &img);
}

TEST(synthetic_image_extent_and_contents)
{
	struct synth s;
	struct elf_image img;
	uint8_t dest[0x3000];

	syn_two(&s, ET_EXEC);
	CHECK_EQ(elf_inspect(s.b, s.size, &img), ELF_OK);
	CHECK_EQ(img.min_vaddr, 0x10000);
	CHECK_EQ(img.max_vaddr, 0x13000);
	CHECK_EQ(img.entry, 0x10010);
	CHECK_EQ(img.nload, 2);
	CHECK(!img.relocatable);
	memset(dest, FILL, sizeof(dest));
	CHECK_EQ(elf_load(s.b, s.size, &img, dest, sizeof(dest), 0), ELF_OK);
	CHECK(!memcmp(dest, s.b + SYN_DATA, 0x100));
	CHECK(all_bytes(dest + 0x100, 0x2000 - 0x100, 0));	/* bss and the gap */
	CHECK(!memcmp(dest + 0x2000, s.b + SYN_DATA + 0x100, 0x80));
	CHECK(all_bytes(dest + 0x2080, 0x1000 - 0x80, 0));	/* rest of the last page */
}

TEST(unaligned_segment_start_is_rounded_down)
{
	struct synth s;
	struct elf_image img;
	uint8_t dest[0x2000];

	syn_init(&s, ET_DYN, 1);
	syn_seg(&s, 0, PT_LOAD, 0x5123, SYN_DATA, 0x10, 0x20);
	syn_eh(&s)->e_entry = 0x5123;
	CHECK_EQ(elf_inspect(s.b, s.size, &img), ELF_OK);
	CHECK_EQ(img.min_vaddr, 0x5000);
	CHECK_EQ(img.max_vaddr, 0x6000);
	memset(dest, FILL, sizeof(dest));
	CHECK_EQ(elf_load(s.b, s.size, &img, dest, 0x1000, 0), ELF_OK);
	CHECK(all_bytes(dest, 0x123, 0));
	CHECK(!memcmp(dest + 0x123, s.b + SYN_DATA, 0x10));
	CHECK(all_bytes(dest + 0x133, 0x1000 - 0x133, 0));
	CHECK(all_bytes(dest + 0x1000, 0x1000, FILL));	/* nothing past dest_size */
}

TEST(every_truncation_of_a_synthetic_image_is_refused)
{
	struct synth s;

	syn_two(&s, ET_DYN);
	size_t full = s.size;
	for (size_t n = 0; n < full; n++) {
		struct elf_image img;
		enum elf_error e = elf_inspect(s.b, n, &img);
		if (e != (n < 4 ? ELF_E_MAGIC : ELF_E_TRUNCATED))
			TEST_FAIL("size %zu: %s", n, elf_strerror(e));
	}
	CHECK_EQ(syn_inspect(&s), ELF_OK);
}

TEST(bad_identification_is_refused)
{
	static const struct { unsigned off; uint8_t val; enum elf_error want; } cases[] = {
		{ 0, 0x7e, ELF_E_MAGIC }, { 1, 'e', ELF_E_MAGIC }, { 2, 'l', ELF_E_MAGIC },
		{ 3, 'f', ELF_E_MAGIC },
		{ EI_CLASS, 1, ELF_E_FORMAT },		/* ELFCLASS32 */
		{ EI_CLASS, 0, ELF_E_FORMAT },
		{ EI_DATA, 2, ELF_E_FORMAT },		/* big-endian */
		{ EI_VERSION, 0, ELF_E_FORMAT },
	};
	struct synth s;

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		syn_two(&s, ET_DYN);
		s.b[cases[i].off] = cases[i].val;
		if (syn_inspect(&s) != cases[i].want)
			TEST_FAIL("byte %u = %u: got %s", cases[i].off, cases[i].val,
				  elf_strerror(syn_inspect(&s)));
	}
	/* Short files: no magic is "not ELF", ELF magic is "truncated". */
	CHECK_EQ(elf_inspect("\177ELF\2\1\1", 7, &(struct elf_image){ 0 }), ELF_E_TRUNCATED);
	CHECK_EQ(elf_inspect("MZ\x90", 3, &(struct elf_image){ 0 }), ELF_E_MAGIC);
	CHECK_EQ(elf_inspect("", 0, &(struct elf_image){ 0 }), ELF_E_MAGIC);
}

TEST(wrong_machine_or_type_is_refused)
{
	static const uint16_t machines[] = { 0, 3 /* EM_386 */, 40 /* EM_ARM */, 183 /* EM_AARCH64 */ };
	static const uint16_t types[] = { 0, 1 /* ET_REL */, 4 /* ET_CORE */, 0xfe00 };
	struct synth s;

	for (unsigned i = 0; i < ARRAY_SIZE(machines); i++) {
		syn_two(&s, ET_DYN);
		syn_eh(&s)->e_machine = machines[i];
		CHECK_EQ(syn_inspect(&s), ELF_E_MACHINE);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(types); i++) {
		syn_two(&s, types[i]);
		CHECK_EQ(syn_inspect(&s), ELF_E_TYPE);
	}
}

TEST(bad_program_header_table_is_refused)
{
	struct synth s;

	syn_two(&s, ET_DYN);
	syn_eh(&s)->e_phentsize = 32;
	CHECK_EQ(syn_inspect(&s), ELF_E_FORMAT);
	syn_two(&s, ET_DYN);
	syn_eh(&s)->e_phnum = 0;
	CHECK_EQ(syn_inspect(&s), ELF_E_FORMAT);
	syn_two(&s, ET_DYN);
	syn_eh(&s)->e_phnum = 65;		/* more than the loader accepts */
	s.size = sizeof(s.b);
	CHECK_EQ(syn_inspect(&s), ELF_E_FORMAT);
	syn_two(&s, ET_DYN);
	syn_eh(&s)->e_phoff = 68;		/* not 8-byte aligned */
	CHECK_EQ(syn_inspect(&s), ELF_E_TRUNCATED);
	syn_two(&s, ET_DYN);
	syn_eh(&s)->e_phoff = s.size;		/* past the end */
	CHECK_EQ(syn_inspect(&s), ELF_E_TRUNCATED);
	syn_two(&s, ET_DYN);
	syn_eh(&s)->e_phoff = UINT64_MAX - 15;	/* offset + size wraps */
	CHECK_EQ(syn_inspect(&s), ELF_E_TRUNCATED);
}

TEST(bad_segments_are_refused)
{
	struct synth s;

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_memsz = 0x7f;		/* memsz < filesz */
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_offset = s.size - 0x7f;	/* data runs past the file */
	CHECK_EQ(syn_inspect(&s), ELF_E_TRUNCATED);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_offset = UINT64_MAX - 0x10;	/* offset + filesz wraps */
	CHECK_EQ(syn_inspect(&s), ELF_E_TRUNCATED);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_vaddr = UINT64_MAX - 0x40;	/* vaddr + memsz wraps */
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_vaddr = UINT64_MAX - PAGE - 0x7f;	/* its end cannot be rounded up */
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_vaddr = 0x11000;	/* overlaps the first one's bss */
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_vaddr = 0x11900;	/* disjoint, but shares its last page */
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_vaddr = 0x8000;	/* below the first: not ascending */
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);

	syn_two(&s, ET_DYN);
	syn_ph(&s, 1)->p_vaddr = 0x11800;	/* starts where the first ends, same page */
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);
	syn_ph(&s, 1)->p_vaddr = 0x12000;	/* the next page: fine */
	CHECK_EQ(syn_inspect(&s), ELF_OK);
}

TEST(image_without_loadable_bytes_is_refused)
{
	struct synth s;

	syn_init(&s, ET_DYN, 2);
	syn_seg(&s, 0, PT_NULL, 0x10000, SYN_DATA, 0x100, 0x100);
	syn_seg(&s, 1, PT_LOAD, 0x10000, SYN_DATA, 0, 0);	/* empty: skipped */
	syn_eh(&s)->e_entry = 0x10000;
	CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);
}

TEST(empty_segments_are_skipped)
{
	struct synth s;
	struct elf_image img;

	syn_two(&s, ET_DYN);
	syn_eh(&s)->e_phnum = 3;
	/* An empty PT_LOAD with a garbage offset below the others changes nothing. */
	syn_seg(&s, 2, PT_LOAD, 0x1000, UINT64_MAX, 0, 0);
	CHECK_EQ(elf_inspect(s.b, s.size, &img), ELF_OK);
	CHECK_EQ(img.min_vaddr, 0x10000);
	CHECK_EQ(img.nload, 2);
}

TEST(entry_outside_the_image_is_refused)
{
	static const uint64_t entries[] = { 0, 0xffff, 0x13000, UINT64_MAX };
	static const uint64_t fine[] = { 0x10000, 0x12fff };
	struct synth s;

	for (unsigned i = 0; i < ARRAY_SIZE(entries); i++) {
		syn_two(&s, ET_DYN);
		syn_eh(&s)->e_entry = entries[i];
		CHECK_EQ(syn_inspect(&s), ELF_E_SEGMENT);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(fine); i++) {
		syn_two(&s, ET_DYN);
		syn_eh(&s)->e_entry = fine[i];
		CHECK_EQ(syn_inspect(&s), ELF_OK);
	}
}

TEST(small_destination_is_refused)
{
	struct synth s;
	struct elf_image img;
	uint8_t dest[0x3000];

	syn_two(&s, ET_DYN);
	CHECK_EQ(elf_inspect(s.b, s.size, &img), ELF_OK);
	memset(dest, FILL, sizeof(dest));
	CHECK_EQ(elf_load(s.b, s.size, &img, dest, 0x3000 - 1, 0), ELF_E_SPACE);
	CHECK(all_bytes(dest, sizeof(dest), FILL));	/* refused before writing */
	CHECK_EQ(elf_load(s.b, s.size, &img, dest, 0x3000, 0), ELF_OK);
}

TEST(load_checks_the_image_matches_the_file)
{
	struct synth s;
	struct elf_image img;
	uint8_t dest[0x3000];

	syn_two(&s, ET_DYN);
	CHECK_EQ(elf_inspect(s.b, s.size, &img), ELF_OK);
	struct elf_image small = img;
	small.max_vaddr -= PAGE;		/* describes less than the file loads */
	CHECK_EQ(elf_load(s.b, s.size, &small, dest, sizeof(dest), 0), ELF_E_SEGMENT);
	struct elf_image shifted = img;
	shifted.min_vaddr += PAGE;
	CHECK_EQ(elf_load(s.b, s.size, &shifted, dest, sizeof(dest), 0), ELF_E_SEGMENT);
	/* And the file is checked again: a header broken since inspect is caught. */
	syn_ph(&s, 1)->p_memsz = 0;
	syn_ph(&s, 0)->p_filesz = syn_ph(&s, 0)->p_memsz = 0x2000;
	CHECK_EQ(elf_load(s.b, s.size, &img, dest, sizeof(dest), 0), ELF_E_TRUNCATED);
	syn_eh(&s)->e_machine = 3;
	CHECK_EQ(elf_load(s.b, s.size, &img, dest, sizeof(dest), 0), ELF_E_MACHINE);
}

/*
 * A relocatable image of one 8 KiB segment at vaddr 0x4000 holding its
 * dynamic table at 0x4100 and 'n' RELA entries at 0x4200.
 */
#define REL_BASE 0x4000u
#define REL_DYN  0x4100u
#define REL_RELA 0x4200u
#define REL_SPAN 0x2000u

static uint8_t *rel_at(struct synth *s, uint64_t vaddr)
{
	return s->b + SYN_DATA + (vaddr - REL_BASE);
}

static void rel_dyn(struct synth *s, unsigned i, int64_t tag, uint64_t val)
{
	struct elf64_dyn d = { tag, val };
	memcpy(rel_at(s, REL_DYN) + i * sizeof(d), &d, sizeof(d));
}

static void rel_entry(struct synth *s, unsigned i, uint64_t off, uint32_t type, int64_t addend)
{
	struct elf64_rela r = { off, type, addend };
	memcpy(rel_at(s, REL_RELA) + i * sizeof(r), &r, sizeof(r));
}

static void rel_image(struct synth *s, unsigned n)
{
	syn_init(s, ET_DYN, 2);
	memset(s->b + SYN_DATA, 0, REL_SPAN);
	syn_seg(s, 0, PT_LOAD, REL_BASE, SYN_DATA, REL_SPAN, REL_SPAN);
	syn_seg(s, 1, PT_DYNAMIC, REL_DYN, SYN_DATA + 0x100, 0x80, 0x80);
	syn_eh(s)->e_entry = REL_BASE;
	rel_dyn(s, 0, DT_RELA, REL_RELA);
	rel_dyn(s, 1, DT_RELASZ, n * sizeof(struct elf64_rela));
	rel_dyn(s, 2, DT_RELAENT, sizeof(struct elf64_rela));
	rel_dyn(s, 3, DT_NULL, 0);
	for (unsigned i = 0; i < n; i++)
		rel_entry(s, i, REL_BASE + 0x1000 + 8 * i, R_X86_64_RELATIVE,
			  REL_BASE + 0x10 * (int64_t)i);
}

static enum elf_error rel_load(struct synth *s, uint8_t *dest, uint64_t run_base)
{
	struct elf_image img;
	enum elf_error e = elf_inspect(s->b, s->size, &img);

	if (e)
		return e;
	memset(dest, FILL, REL_SPAN);
	return elf_load(s->b, s->size, &img, dest, REL_SPAN, run_base);
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

TEST(relative_relocations_add_the_load_bias)
{
	struct synth s;
	uint8_t dest[REL_SPAN];

	rel_image(&s, 4);
	rel_entry(&s, 3, REL_BASE + 0x1018, R_X86_64_NONE, 0x999);	/* skipped */
	CHECK_EQ(rel_load(&s, dest, 0x200000000ull), ELF_OK);
	/* S + A with the image's vaddr 0x4000 running at 0x200000000. */
	CHECK_EQ(get64(dest + 0x1000), 0x200000000ull);
	CHECK_EQ(get64(dest + 0x1008), 0x200000010ull);
	CHECK_EQ(get64(dest + 0x1010), 0x200000020ull);
	CHECK_EQ(get64(dest + 0x1018), 0);
	/* A negative addend (a pointer below the image) still adds the bias. */
	rel_image(&s, 1);
	rel_entry(&s, 0, REL_BASE + 0x1000, R_X86_64_RELATIVE, -0x1000);
	CHECK_EQ(rel_load(&s, dest, 0x200000000ull), ELF_OK);
	CHECK_EQ(get64(dest + 0x1000), 0x200000000ull - 0x5000);
	/* Unaligned targets are allowed (the psABI does not require alignment). */
	rel_image(&s, 1);
	rel_entry(&s, 0, REL_BASE + 0x1003, R_X86_64_RELATIVE, REL_BASE + 8);
	CHECK_EQ(rel_load(&s, dest, 0x1000000), ELF_OK);
	CHECK_EQ(get64(dest + 0x1003), 0x1000008);
}

TEST(relocation_targets_must_lie_in_the_image)
{
	static const struct { uint64_t off; enum elf_error want; } cases[] = {
		{ REL_BASE, ELF_OK },
		{ REL_BASE + REL_SPAN - 8, ELF_OK },		/* the last 8 bytes */
		{ REL_BASE + REL_SPAN - 7, ELF_E_RELOC },
		{ REL_BASE + REL_SPAN, ELF_E_RELOC },
		{ REL_BASE - 1, ELF_E_RELOC },
		{ 0, ELF_E_RELOC },
		{ UINT64_MAX - 3, ELF_E_RELOC },
	};
	struct synth s;
	uint8_t dest[REL_SPAN + 64];

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		rel_image(&s, 1);
		rel_entry(&s, 0, cases[i].off, R_X86_64_RELATIVE, 0);
		memset(dest + REL_SPAN, FILL, 64);
		if (rel_load(&s, dest, 0x100000) != cases[i].want)
			TEST_FAIL("r_offset 0x%" PRIx64 ": %s", cases[i].off,
				  elf_strerror(rel_load(&s, dest, 0x100000)));
		CHECK(all_bytes(dest + REL_SPAN, 64, FILL));
	}
}

TEST(unsupported_relocation_types_are_refused)
{
	static const uint32_t types[] = { 1 /* 64 */, 2 /* PC32 */, 6 /* GLOB_DAT */,
					  7 /* JUMP_SLOT */, 37 /* IRELATIVE */, 0xffffffff };
	struct synth s;
	uint8_t dest[REL_SPAN];

	for (unsigned i = 0; i < ARRAY_SIZE(types); i++) {
		rel_image(&s, 2);
		rel_entry(&s, 1, REL_BASE + 0x1008, types[i], 0);
		CHECK_EQ(rel_load(&s, dest, 0x100000), ELF_E_RELOC);
	}
	/* The symbol index in r_info's high half does not hide the type. */
	rel_image(&s, 1);
	rel_entry(&s, 0, REL_BASE + 0x1000, R_X86_64_RELATIVE, 0);
	struct elf64_rela r = { REL_BASE + 0x1000, (5ull << 32) | 1, 0 };
	memcpy(rel_at(&s, REL_RELA), &r, sizeof(r));
	CHECK_EQ(rel_load(&s, dest, 0x100000), ELF_E_RELOC);
}

TEST(bad_dynamic_tables_are_refused)
{
	struct synth s;
	uint8_t dest[REL_SPAN];

	rel_image(&s, 2);
	rel_dyn(&s, 1, DT_RELASZ, 2 * sizeof(struct elf64_rela) - 1);	/* not whole entries */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);

	rel_image(&s, 2);
	rel_dyn(&s, 2, DT_RELAENT, 16);
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);

	rel_image(&s, 2);
	rel_dyn(&s, 0, DT_RELA, REL_BASE + REL_SPAN - 24);	/* table runs past the image */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);

	rel_image(&s, 2);
	rel_dyn(&s, 0, DT_RELA, REL_BASE - 48);			/* table below the image */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);

	rel_image(&s, 2);
	rel_dyn(&s, 0, DT_RELA, REL_RELA + 4);			/* misaligned table */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);

	rel_image(&s, 2);
	rel_dyn(&s, 1, DT_RELASZ, UINT64_MAX - 15);		/* whole entries, but wraps */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);

	static const int64_t refused_tags[] = { DT_REL, DT_JMPREL, DT_TEXTREL };
	for (unsigned i = 0; i < ARRAY_SIZE(refused_tags); i++) {
		rel_image(&s, 2);
		rel_dyn(&s, 3, refused_tags[i], 0);
		rel_dyn(&s, 4, DT_NULL, 0);
		CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);
	}
}

TEST(bad_dynamic_segments_are_refused)
{
	struct synth s;
	uint8_t dest[REL_SPAN];

	rel_image(&s, 1);
	syn_ph(&s, 1)->p_vaddr = REL_BASE - 0x10;		/* starts below the image */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);
	rel_image(&s, 1);
	syn_ph(&s, 1)->p_vaddr = REL_BASE + REL_SPAN - 0x40;	/* ends past it */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);
	rel_image(&s, 1);
	syn_ph(&s, 1)->p_vaddr = REL_DYN + 4;			/* misaligned */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);
	rel_image(&s, 1);
	syn_ph(&s, 1)->p_memsz = UINT64_MAX;			/* wraps */
	CHECK_EQ(rel_load(&s, dest, 0), ELF_E_RELOC);
}

TEST(dynamic_table_ends_at_dt_null_or_segment_end)
{
	struct synth s;
	uint8_t dest[REL_SPAN];

	/* Entries after DT_NULL are not read, even forbidden ones. */
	rel_image(&s, 1);
	rel_dyn(&s, 4, DT_TEXTREL, 0);
	CHECK_EQ(rel_load(&s, dest, 0x1000), ELF_OK);
	CHECK_EQ(get64(dest + 0x1000), 0x1000);
	/* Nor past the segment's size: a 3-entry PT_DYNAMIC has no DT_NULL. */
	rel_image(&s, 1);
	syn_ph(&s, 1)->p_memsz = 3 * sizeof(struct elf64_dyn);
	rel_dyn(&s, 3, DT_REL, 0);
	CHECK_EQ(rel_load(&s, dest, 0x1000), ELF_OK);
	/* Without PT_DYNAMIC a PIE has no relocations to apply. */
	rel_image(&s, 1);
	syn_ph(&s, 1)->p_type = PT_NULL;
	CHECK_EQ(rel_load(&s, dest, 0x1000), ELF_OK);
	CHECK_EQ(get64(dest + 0x1000), 0);
}

TEST(fixed_address_images_are_not_relocated)
{
	struct synth s;
	uint8_t dest[REL_SPAN];

	rel_image(&s, 1);
	syn_eh(&s)->e_type = ET_EXEC;
	rel_entry(&s, 0, 0, 1 /* R_X86_64_64: would be refused */, 0);
	CHECK_EQ(rel_load(&s, dest, 0x1000), ELF_OK);
	CHECK_EQ(get64(dest + 0x1000), 0);
}

TEST(strerror_names_every_error)
{
	const char *seen[ELF_E_SPACE + 1];

	for (int e = ELF_OK; e <= ELF_E_SPACE; e++) {
		seen[e] = elf_strerror((enum elf_error)e);
		CHECK(seen[e] && strcmp(seen[e], "unknown ELF error"));
		for (int j = 0; j < e; j++)
			CHECK(strcmp(seen[j], seen[e]));
	}
	CHECK_STR(elf_strerror((enum elf_error)99), "unknown ELF error");
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
