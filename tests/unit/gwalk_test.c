// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the guest page-table walker (hv/arch/x86/gwalk.c): page
 * tables built in a fake guest-physical memory, one test per paging mode and
 * fault kind, error codes as SDM Vol 3 4.7 gives them.
 */
#include "test.h"

#include <asm/cr.h>
#include <asm/gwalk.h>
#include <asm/msr.h>
#include <asm/paging.h>

#define MEM_SIZE   (1u << 20)	/* 1 MiB of fake guest memory; beyond it reads fail */
#define FIRST_TABLE 0x10000u	/* tables are allocated from here up */

static struct fake_mem {
	uint8_t bytes[MEM_SIZE];
	uint64_t next_table;
	unsigned reads;
} mem;

static int read_phys(void *opaque, uint64_t gpa, void *buf, size_t len)
{
	struct fake_mem *m = opaque;

	if (gpa >= MEM_SIZE || len > MEM_SIZE - gpa)
		return -1;
	memcpy(buf, m->bytes + gpa, len);
	m->reads++;
	return 0;
}

static void reset_mem(void)
{
	memset(mem.bytes, 0, sizeof(mem.bytes));
	mem.next_table = FIRST_TABLE;
	mem.reads = 0;
}

static uint64_t alloc_table(void)
{
	uint64_t gpa = mem.next_table;

	mem.next_table += PT_PAGE_4K;
	if (mem.next_table > MEM_SIZE)
		TEST_FAIL("fake memory full");
	return gpa;
}

static void put(uint64_t gpa, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		mem.bytes[gpa + i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get(uint64_t gpa, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = size; i-- > 0;)
		v = v << 8 | mem.bytes[gpa + i];
	return v;
}

#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)
#define FLAGS_KEEP  (~0ull)

/*
 * Maps gva with 8-byte entries: levels is 3 (PAE), 4 or 5; the leaf is at
 * leaf_level (0 = 4 KiB). Non-leaf entries get TABLE_FLAGS (PAE PDPTEs only
 * P); entry_gpa[level] receives each entry's address so a test can edit it.
 */
static void map64(uint64_t root, unsigned levels, uint64_t gva, unsigned leaf_level,
		  uint64_t pa, uint64_t leaf_flags, uint64_t entry_gpa[PT_MAX_LEVELS])
{
	uint64_t table = root;

	for (unsigned level = levels; level-- > leaf_level;) {
		unsigned bits = (levels == 3 && level == 2) ? 2 : 9;
		uint64_t idx = (gva >> PT_LEVEL_SHIFT(level)) & ((1u << bits) - 1);
		uint64_t gpa = table + idx * 8, e = get(gpa, 8);

		if (entry_gpa)
			entry_gpa[level] = gpa;
		if (level == leaf_level) {
			put(gpa, pa | leaf_flags | (leaf_level ? PTE_PS : 0), 8);
			return;
		}
		if (!(e & PTE_P)) {
			e = alloc_table() | (levels == 3 && level == 2 ? PTE_P : TABLE_FLAGS);
			put(gpa, e, 8);
		}
		table = e & PTE_ADDR_MASK;
	}
}

/* Maps gva with 32-bit paging: a 4 MiB PDE when large, else PDE + PTE. */
static void map32(uint64_t pd, uint64_t gva, bool large, uint64_t pde_bits, uint64_t leaf_flags,
		  uint64_t entry_gpa[2])
{
	uint64_t pde_gpa = pd + ((gva >> 22) & 1023) * 4, e = get(pde_gpa, 4);

	entry_gpa[1] = pde_gpa;
	if (large) {
		put(pde_gpa, pde_bits | leaf_flags | PTE_PS, 4);
		return;
	}
	if (!(e & PTE_P)) {
		e = alloc_table() | TABLE_FLAGS;
		put(pde_gpa, e, 4);
	}
	entry_gpa[0] = (e & PT32_ADDR_MASK) + ((gva >> 12) & 1023) * 4;
	put(entry_gpa[0], pde_bits | leaf_flags, 4);
}

static void set_bits(uint64_t gpa, uint64_t set, uint64_t clear)
{
	put(gpa, (get(gpa, 8) | set) & ~clear, 8);
}

#define CR0_PAGING (CR0_PE | CR0_PG)

static struct gwalk_ctx ctx_for(uint64_t cr0, uint64_t cr3, uint64_t cr4, uint64_t efer)
{
	return (struct gwalk_ctx){ .cr0 = cr0, .cr3 = cr3, .cr4 = cr4, .efer = efer,
				   .maxphyaddr = 40, .read_phys = read_phys, .opaque = &mem };
}

static struct gwalk_ctx long_mode_ctx(uint64_t cr3)
{
	return ctx_for(CR0_PAGING | CR0_WP, cr3, CR4_PAE, EFER_LME | EFER_LMA | EFER_NXE);
}

/* Expects a page fault with exactly error code ec at address va. */
#define CHECK_PF(ctx, va, access, ec)                                                \
	do {                                                                         \
		struct gwalk_result r_;                                              \
		enum gwalk_status st_ = gwalk_translate(ctx, va, access, &r_);      \
		if (st_ != GWALK_PAGE_FAULT)                                         \
			TEST_FAIL("va 0x%llx access %u: %s, want #PF 0x%x",          \
				  (unsigned long long)(va), (unsigned)(access),      \
				  gwalk_status_name(st_), (unsigned)(ec));           \
		if (r_.error_code != (ec) || r_.fault_addr != (uint64_t)(va))       \
			TEST_FAIL("va 0x%llx access %u: #PF 0x%x at 0x%llx, want 0x%x", \
				  (unsigned long long)(va), (unsigned)(access),      \
				  r_.error_code, (unsigned long long)r_.fault_addr,  \
				  (unsigned)(ec));                                   \
	} while (0)

/* Expects a translation to gpa with the given page size. */
#define CHECK_MAP(ctx, va, access, want_gpa, want_size)                             \
	do {                                                                         \
		struct gwalk_result r_;                                              \
		enum gwalk_status st_ = gwalk_translate(ctx, va, access, &r_);      \
		if (st_ != GWALK_OK)                                                 \
			TEST_FAIL("va 0x%llx access %u: %s (#PF 0x%x)",              \
				  (unsigned long long)(va), (unsigned)(access),      \
				  gwalk_status_name(st_), r_.error_code);            \
		CHECK_EQ(r_.gpa, want_gpa);                                          \
		CHECK_EQ(r_.page_size, want_size);                                   \
	} while (0)

#define R  0u
#define W  GWALK_WRITE
#define U  GWALK_USER
#define X  GWALK_FETCH

/* ---- Paging off ---- */

TEST(paging_off_is_identity_truncated_to_32_bits)
{
	struct gwalk_ctx ctx = ctx_for(CR0_PE, 0, 0, 0);

	reset_mem();
	CHECK_MAP(&ctx, 0xfee00300, W, 0xfee00300, PT_PAGE_4K);
	CHECK_MAP(&ctx, 0x10fff0, X, 0x10fff0, PT_PAGE_4K);	/* real mode past 1 MiB: no A20 */
	CHECK_MAP(&ctx, 0x1fee00300ull, R, 0xfee00300, PT_PAGE_4K);
	CHECK_EQ(mem.reads, 0);
	ctx.cr0 = 0;	/* real mode */
	CHECK_MAP(&ctx, 0xffff0, X | U, 0xffff0, PT_PAGE_4K);
}

TEST(impossible_control_register_states)
{
	struct gwalk_result r;
	struct gwalk_ctx ctx;

	reset_mem();
	ctx = ctx_for(CR0_PG, 0, 0, 0);		/* PG without PE */
	CHECK_EQ(gwalk_translate(&ctx, 0, R, &r), GWALK_BAD_STATE);
	ctx = ctx_for(CR0_PAGING, 0, 0, EFER_LMA);	/* long mode without PAE */
	CHECK_EQ(gwalk_translate(&ctx, 0, R, &r), GWALK_BAD_STATE);
	ctx = ctx_for(CR0_PE, 0, CR4_PAE, EFER_LMA);	/* long mode without paging */
	CHECK_EQ(gwalk_translate(&ctx, 0, R, &r), GWALK_BAD_STATE);
}

/* ---- 32-bit paging ---- */

TEST(paging_32bit_4k_and_protection)
{
	uint64_t pd, e[2];
	struct gwalk_ctx ctx;

	reset_mem();
	pd = alloc_table();
	ctx = ctx_for(CR0_PAGING, pd | 0x18 /* PWT|PCD: ignored */, 0, 0);
	map32(pd, 0x00401000, false, 0x00123000, PTE_P | PTE_W | PTE_U, e);
	map32(pd, 0x00402000, false, 0x00124000, PTE_P | PTE_U, e);	/* read-only user */
	map32(pd, 0x00403000, false, 0x00125000, PTE_P | PTE_W, e);	/* supervisor */
	map32(pd, 0x00404000, false, 0x00126000, 0, e);			/* not present */

	CHECK_MAP(&ctx, 0x00401abc, W | U, 0x00123abc, PT_PAGE_4K);
	CHECK_MAP(&ctx, 0x00402abc, U, 0x00124abc, PT_PAGE_4K);
	CHECK_PF(&ctx, 0x00402abc, W | U, PFEC_P | PFEC_W | PFEC_U);
	CHECK_MAP(&ctx, 0x00402abc, W, 0x00124abc, PT_PAGE_4K);	/* CR0.WP = 0 */
	ctx.cr0 |= CR0_WP;
	CHECK_PF(&ctx, 0x00402abc, W, PFEC_P | PFEC_W);
	CHECK_PF(&ctx, 0x00403000, U, PFEC_P | PFEC_U);
	CHECK_PF(&ctx, 0x00403000, X | U, PFEC_P | PFEC_U);		/* no I/D without NX/SMEP */
	ctx.efer = EFER_NXE;	/* NXE means nothing without PAE: still no I/D */
	CHECK_PF(&ctx, 0x00403000, X | U, PFEC_P | PFEC_U);
	ctx.cr4 |= CR4_SMEP;	/* SMEP makes the CPU report I/D */
	CHECK_PF(&ctx, 0x00403000, X | U, PFEC_P | PFEC_U | PFEC_I);
	ctx.cr4 &= ~CR4_SMEP;
	ctx.efer = 0;
	CHECK_PF(&ctx, 0x00404000, R, 0);
	CHECK_PF(&ctx, 0x00404000, W | U, PFEC_W | PFEC_U);
	CHECK_PF(&ctx, 0x00800000, R, 0);				/* PDE not present */
	/* bits above 31 of the linear address are dropped */
	CHECK_MAP(&ctx, 0x1200401abcull, R, 0x00123abc, PT_PAGE_4K);
	/* a user-writable PTE under a read-only PDE is read-only */
	set_bits(e[1], 0, PTE_W);
	CHECK_PF(&ctx, 0x00403000, W, PFEC_P | PFEC_W);
}

TEST(paging_32bit_4m_pages_pse_and_pse36)
{
	uint64_t pd, e[2];
	struct gwalk_ctx ctx;
	struct gwalk_result r;

	reset_mem();
	pd = alloc_table();
	ctx = ctx_for(CR0_PAGING | CR0_WP, pd, CR4_PSE, 0);
	map32(pd, 0x00c00000, true, 0x01000000, PTE_P | PTE_W, e);
	CHECK_MAP(&ctx, 0x00d23456, W, 0x01123456, PT32_PAGE_4M);
	CHECK_EQ(gwalk_translate(&ctx, 0x00d23456, R, &r), GWALK_OK);
	CHECK_EQ(r.levels, 1);
	/* PSE-36: PDE bits 20:13 are PA bits 39:32 */
	put(e[1], 0x01000000 | (0x12u << 13) | PTE_P | PTE_W | PTE_PS, 4);
	CHECK_MAP(&ctx, 0x00d23456, R, 0x1201123456ull, PT32_PAGE_4M);
	/* above MAXPHYADDR = 36 those bits are reserved */
	ctx.maxphyaddr = 36;
	CHECK_PF(&ctx, 0x00d23456, R, PFEC_P | PFEC_RSVD);
	put(e[1], 0x01000000 | (0x2u << 13) | PTE_P | PTE_W | PTE_PS, 4);
	CHECK_MAP(&ctx, 0x00d23456, R, 0x201123456ull, PT32_PAGE_4M);
	/* bit 21 is always reserved */
	ctx.maxphyaddr = 40;
	put(e[1], 0x01000000 | (1u << 21) | PTE_P | PTE_W | PTE_PS, 4);
	CHECK_PF(&ctx, 0x00d23456, W | U, PFEC_P | PFEC_RSVD | PFEC_W | PFEC_U);
	/* without CR4.PSE the PS bit is ignored and the PDE points to a page table */
	put(e[1], 0x00020000 | PTE_P | PTE_W | PTE_PS, 4);
	put(0x00020000 + 0x123 * 4, 0x00077000 | PTE_P, 4);
	ctx.cr4 = 0;
	CHECK_MAP(&ctx, 0x00d23456, R, 0x00077456, PT_PAGE_4K);
}

/* ---- PAE paging ---- */

TEST(paging_pae_4k_2m_and_pdptes)
{
	uint64_t pdpt = 0x9020;	/* 32-byte aligned, not page aligned */
	uint64_t e[PT_MAX_LEVELS];
	struct gwalk_ctx ctx;
	struct gwalk_result r;

	reset_mem();
	ctx = ctx_for(CR0_PAGING | CR0_WP, pdpt, CR4_PAE, EFER_NXE);
	map64(pdpt, 3, 0xc0001000, 0, 0x345000, PTE_P | PTE_W | PTE_U, e);
	map64(pdpt, 3, 0x40200000, 1, 0x600000, PTE_P | PTE_W, NULL);
	CHECK_MAP(&ctx, 0xc0001234, W | U, 0x345234, PT_PAGE_4K);
	CHECK_EQ(gwalk_translate(&ctx, 0xc0001234, R, &r), GWALK_OK);
	CHECK_EQ(r.levels, 3);
	CHECK_MAP(&ctx, 0x40312345, W, 0x712345, PT_PAGE_2M);
	/* PDPTE 0 not present */
	CHECK_PF(&ctx, 0x00001000, R, 0);
	/* PDPTE reserved bits: 2:1 (no R/W or U/S there), 8:5 and 63 (no XD there) */
	set_bits(e[2], PTE_W, 0);
	CHECK_PF(&ctx, 0xc0001234, R, PFEC_P | PFEC_RSVD);
	set_bits(e[2], PTE_NX, PTE_W);
	CHECK_PF(&ctx, 0xc0001234, X, PFEC_P | PFEC_RSVD | PFEC_I);
	set_bits(e[2], 0, PTE_NX);
	/* PAE PDE/PTE bits 62:52 are reserved (ignored in 4-level paging) */
	set_bits(e[0], 1ull << 60, 0);
	CHECK_PF(&ctx, 0xc0001234, R, PFEC_P | PFEC_RSVD);
	set_bits(e[0], 0, 1ull << 60);
	/* NX with NXE: supervisor fetch faults with I/D */
	set_bits(e[0], PTE_NX, 0);
	CHECK_PF(&ctx, 0xc0001234, X, PFEC_P | PFEC_I);
	CHECK_MAP(&ctx, 0xc0001234, R, 0x345234, PT_PAGE_4K);
	/* NX without NXE is a reserved bit, and the fetch reports no I/D */
	ctx.efer = 0;
	CHECK_PF(&ctx, 0xc0001234, X, PFEC_P | PFEC_RSVD);
	set_bits(e[0], 0, PTE_NX);
	CHECK_MAP(&ctx, 0xc0001234, X, 0x345234, PT_PAGE_4K);
	/* 2 MiB PDE bits 20:13 are reserved; bit 12 is PAT */
	map64(pdpt, 3, 0x40200000, 1, 0x600000, PTE_P | PTE_W | PTE_PAT_LARGE, e);
	CHECK_MAP(&ctx, 0x40200000, R, 0x600000, PT_PAGE_2M);
	set_bits(e[1], 1ull << 13, 0);
	CHECK_PF(&ctx, 0x40200000, R, PFEC_P | PFEC_RSVD);
	/* a physical address bit at or above MAXPHYADDR */
	set_bits(e[1], 1ull << 40, 1ull << 13);
	CHECK_PF(&ctx, 0x40200000, R, PFEC_P | PFEC_RSVD);
	ctx.maxphyaddr = 41;
	CHECK_MAP(&ctx, 0x40200000, R, 0x10000600000ull, PT_PAGE_2M);
}

/* ---- 4-level paging ---- */

TEST(paging_4level_translations_and_page_sizes)
{
	uint64_t pml4, e[PT_MAX_LEVELS];
	struct gwalk_ctx ctx;
	struct gwalk_result r;

	reset_mem();
	pml4 = alloc_table();
	ctx = long_mode_ctx(pml4 | 0xfff /* PCID: ignored */);
	map64(pml4, 4, 0xffffffff81000000ull, 0, 0x1234000, PTE_P | PTE_W, e);
	map64(pml4, 4, 0xffff888000200000ull, 1, 0x40000000, PTE_P | PTE_W, NULL);
	map64(pml4, 4, 0x00007f0040000000ull, 2, 0x80000000, PTE_P | PTE_W | PTE_U, NULL);
	CHECK_MAP(&ctx, 0xffffffff81000abcull, X, 0x1234abc, PT_PAGE_4K);
	CHECK_EQ(gwalk_translate(&ctx, 0xffffffff81000abcull, R, &r), GWALK_OK);
	CHECK_EQ(r.levels, 4);
	CHECK(r.writable && !r.user && r.executable);
	CHECK_EQ(r.pte, 0x1234000 | PTE_P | PTE_W);
	CHECK_MAP(&ctx, 0xffff8880002fedcbull, W, 0x400fedcb, PT_PAGE_2M);
	CHECK_MAP(&ctx, 0x00007f0067654321ull, W | U, 0xa7654321, PT_PAGE_1G);
	CHECK_EQ(gwalk_translate(&ctx, 0x00007f0067654321ull, R, &r), GWALK_OK);
	CHECK_EQ(r.levels, 2);
	/* ignored bits: 11:9, 58:52 and the protection key (CR4.PKE clear) */
	set_bits(e[0], PTE_BITS(11, 9) | PTE_BITS(62, 52), 0);
	CHECK_MAP(&ctx, 0xffffffff81000abcull, R, 0x1234abc, PT_PAGE_4K);
	/* the walker only reads: no accessed or dirty bit appears */
	CHECK_EQ(get(e[0], 8) & (PTE_A | PTE_D), 0);
	CHECK_EQ(get(e[3], 8) & PTE_A, 0);
}

TEST(paging_4level_not_present_at_each_level)
{
	uint64_t pml4, e[PT_MAX_LEVELS];
	struct gwalk_ctx ctx;

	reset_mem();
	pml4 = alloc_table();
	ctx = long_mode_ctx(pml4);
	for (unsigned level = 0; level < 4; level++) {
		map64(pml4, 4, 0x0000400000001000ull, 0, 0x5000, PTE_P | PTE_W | PTE_U, e);
		CHECK_MAP(&ctx, 0x0000400000001000ull, W | U, 0x5000, PT_PAGE_4K);
		set_bits(e[level], 0, PTE_P);
		CHECK_PF(&ctx, 0x0000400000001000ull, R, 0);
		CHECK_PF(&ctx, 0x0000400000001000ull, W | U, PFEC_W | PFEC_U);
		CHECK_PF(&ctx, 0x0000400000001000ull, X | U, PFEC_U | PFEC_I);	/* NXE: I/D */
		set_bits(e[level], PTE_P, 0);
	}
	/* with neither NXE nor SMEP a fetch reports no I/D */
	ctx.efer &= ~EFER_NXE;
	CHECK_PF(&ctx, 0x0000500000000000ull, X, 0);
	ctx.cr4 |= CR4_SMEP;
	CHECK_PF(&ctx, 0x0000500000000000ull, X, PFEC_I);
}

TEST(paging_4level_user_supervisor_write_nx)
{
	uint64_t pml4, e[PT_MAX_LEVELS];
	struct gwalk_ctx ctx;
	struct gwalk_result r;

	reset_mem();
	pml4 = alloc_table();
	ctx = long_mode_ctx(pml4);
	map64(pml4, 4, 0x1000, 0, 0x7000, PTE_P | PTE_U, e);	/* user read-only */
	map64(pml4, 4, 0x2000, 0, 0x8000, PTE_P | PTE_W, NULL);	/* supervisor */
	map64(pml4, 4, 0x3000, 0, 0x9000, PTE_P | PTE_W | PTE_U | PTE_NX, NULL);

	CHECK_MAP(&ctx, 0x1000, U, 0x7000, PT_PAGE_4K);
	CHECK_PF(&ctx, 0x1000, W | U, PFEC_P | PFEC_W | PFEC_U);
	CHECK_PF(&ctx, 0x1000, W, PFEC_P | PFEC_W);			/* CR0.WP */
	ctx.cr0 &= ~CR0_WP;
	CHECK_MAP(&ctx, 0x1000, W, 0x7000, PT_PAGE_4K);
	CHECK_PF(&ctx, 0x1000, W | U, PFEC_P | PFEC_W | PFEC_U);	/* WP never helps CPL 3 */
	ctx.cr0 |= CR0_WP;
	CHECK_PF(&ctx, 0x2000, U, PFEC_P | PFEC_U);
	CHECK_PF(&ctx, 0x2000, X | U, PFEC_P | PFEC_U | PFEC_I);
	CHECK_MAP(&ctx, 0x2000, X, 0x8000, PT_PAGE_4K);
	CHECK_PF(&ctx, 0x3000, X | U, PFEC_P | PFEC_U | PFEC_I);
	CHECK_PF(&ctx, 0x3000, X, PFEC_P | PFEC_I);
	CHECK_MAP(&ctx, 0x3000, W | U, 0x9000, PT_PAGE_4K);
	CHECK_EQ(gwalk_translate(&ctx, 0x3000, R, &r), GWALK_OK);
	CHECK(r.writable && r.user && !r.executable);
	/* NX at a higher level covers everything below */
	set_bits(e[2], PTE_NX, 0);
	CHECK_PF(&ctx, 0x1000, X | U, PFEC_P | PFEC_U | PFEC_I);
	/* U/S clear at a higher level makes the page supervisor */
	set_bits(e[2], 0, PTE_NX | PTE_U);
	CHECK_PF(&ctx, 0x1000, U, PFEC_P | PFEC_U);
}

TEST(paging_4level_smep_smap)
{
	uint64_t pml4;
	struct gwalk_ctx ctx;

	reset_mem();
	pml4 = alloc_table();
	ctx = long_mode_ctx(pml4);
	map64(pml4, 4, 0x1000, 0, 0x7000, PTE_P | PTE_W | PTE_U, NULL);
	map64(pml4, 4, 0x2000, 0, 0x8000, PTE_P | PTE_U, NULL);	/* user read-only */

	/* SMEP: no supervisor fetch from a user page */
	CHECK_MAP(&ctx, 0x1000, X, 0x7000, PT_PAGE_4K);
	ctx.cr4 |= CR4_SMEP;
	CHECK_PF(&ctx, 0x1000, X, PFEC_P | PFEC_I);
	CHECK_MAP(&ctx, 0x1000, X | U, 0x7000, PT_PAGE_4K);
	/* SMAP: no supervisor data access to a user page unless RFLAGS.AC */
	CHECK_MAP(&ctx, 0x1000, R, 0x7000, PT_PAGE_4K);
	ctx.cr4 |= CR4_SMAP;
	CHECK_PF(&ctx, 0x1000, R, PFEC_P);
	CHECK_PF(&ctx, 0x1000, W, PFEC_P | PFEC_W);
	CHECK_MAP(&ctx, 0x1000, W | U, 0x7000, PT_PAGE_4K);
	ctx.rflags = RFLAGS_AC;
	CHECK_MAP(&ctx, 0x1000, W, 0x7000, PT_PAGE_4K);
	/* with AC set, CR0.WP still guards read-only user pages */
	CHECK_PF(&ctx, 0x2000, W, PFEC_P | PFEC_W);
	/* AC does not lift SMEP */
	CHECK_PF(&ctx, 0x1000, X, PFEC_P | PFEC_I);
}

TEST(paging_4level_reserved_bits)
{
	uint64_t pml4, e[PT_MAX_LEVELS];
	struct gwalk_ctx ctx;

	reset_mem();
	pml4 = alloc_table();
	ctx = long_mode_ctx(pml4);
	map64(pml4, 4, 0x40001000, 0, 0x7000, PTE_P | PTE_W | PTE_U, e);
	/* bits at or above MAXPHYADDR (40), at every level */
	for (unsigned level = 0; level < 4; level++) {
		set_bits(e[level], 1ull << 45, 0);
		CHECK_PF(&ctx, 0x40001000, W | U, PFEC_P | PFEC_RSVD | PFEC_W | PFEC_U);
		set_bits(e[level], 0, 1ull << 45);
	}
	ctx.maxphyaddr = 46;
	set_bits(e[0], 1ull << 45, 0);
	CHECK_MAP(&ctx, 0x40001000, R, 0x200000007000ull, PT_PAGE_4K);
	set_bits(e[0], 0, 1ull << 45);
	ctx.maxphyaddr = 40;
	/* PS is reserved in a PML4E */
	set_bits(e[3], PTE_PS, 0);
	CHECK_PF(&ctx, 0x40001000, R, PFEC_P | PFEC_RSVD);
	set_bits(e[3], 0, PTE_PS);
	/* XD without EFER.NXE */
	ctx.efer &= ~EFER_NXE;
	set_bits(e[1], PTE_NX, 0);
	CHECK_PF(&ctx, 0x40001000, X, PFEC_P | PFEC_RSVD);
	set_bits(e[1], 0, PTE_NX);
	ctx.efer |= EFER_NXE;
	/* a reserved bit low in the walk beats a protection problem higher up */
	set_bits(e[3], 0, PTE_U);
	set_bits(e[0], 1ull << 50, 0);
	CHECK_PF(&ctx, 0x40001000, U, PFEC_P | PFEC_RSVD | PFEC_U);
	set_bits(e[0], 0, 1ull << 50);
	set_bits(e[3], PTE_U, 0);
	/* 1 GiB leaf bits 29:13 and 2 MiB leaf bits 20:13 are reserved */
	map64(pml4, 4, 0x80000000, 2, 0x40000000, PTE_P | PTE_W, e);
	CHECK_MAP(&ctx, 0x80000000, R, 0x40000000, PT_PAGE_1G);
	set_bits(e[2], 1ull << 29, 0);
	CHECK_PF(&ctx, 0x80000000, R, PFEC_P | PFEC_RSVD);
	map64(pml4, 4, 0x80000000, 2, 0x40000000, PTE_P | PTE_W | (1ull << 13), e);
	CHECK_PF(&ctx, 0x80000000, R, PFEC_P | PFEC_RSVD);
	map64(pml4, 4, 0xc0200000, 1, 0x200000, PTE_P | PTE_W | (1ull << 20), e);
	CHECK_PF(&ctx, 0xc0200000, R, PFEC_P | PFEC_RSVD);
	set_bits(e[1], PTE_PAT_LARGE, 1ull << 20);
	CHECK_MAP(&ctx, 0xc0200000, R, 0x200000, PT_PAGE_2M);
	/* MAXPHYADDR outside 32..52 is clamped, not trusted */
	ctx.maxphyaddr = 200;
	CHECK_MAP(&ctx, 0xc0200000, R, 0x200000, PT_PAGE_2M);
	ctx.maxphyaddr = 0;
	CHECK_MAP(&ctx, 0xc0200000, R, 0x200000, PT_PAGE_2M);
}

TEST(paging_4level_non_canonical_and_bad_gpa)
{
	uint64_t pml4, e[PT_MAX_LEVELS];
	struct gwalk_ctx ctx;
	struct gwalk_result r;

	reset_mem();
	pml4 = alloc_table();
	ctx = long_mode_ctx(pml4);
	CHECK_EQ(gwalk_translate(&ctx, 0x0000800000000000ull, R, &r), GWALK_NONCANONICAL);
	CHECK_EQ(r.fault_addr, 0x0000800000000000ull);
	CHECK_EQ(gwalk_translate(&ctx, 0xffff7fffffffffffull, R, &r), GWALK_NONCANONICAL);
	CHECK_EQ(mem.reads, 0);
	/* a table outside guest memory: the failing entry's address comes back */
	map64(pml4, 4, 0x1000, 0, 0x7000, PTE_P, e);
	put(e[1], 0x4000000000ull | TABLE_FLAGS, 8);
	CHECK_EQ(gwalk_translate(&ctx, 0x1000, R, &r), GWALK_BAD_GPA);
	CHECK_EQ(r.bad_gpa, 0x4000000000ull + 8);
	CHECK_EQ(r.levels, 3);
	/* and a CR3 outside it */
	ctx.cr3 = 0x8000000000ull;
	CHECK_EQ(gwalk_translate(&ctx, 0x1000, R, &r), GWALK_BAD_GPA);
	CHECK_EQ(r.bad_gpa, 0x8000000000ull);
}

/* ---- 5-level paging ---- */

TEST(paging_5level)
{
	uint64_t pml5, e[PT_MAX_LEVELS];
	struct gwalk_ctx ctx;
	struct gwalk_result r;

	reset_mem();
	pml5 = alloc_table();
	ctx = long_mode_ctx(pml5);
	ctx.cr4 |= CR4_LA57;
	map64(pml5, 5, 0xff11000000001000ull, 0, 0x7000, PTE_P | PTE_W, e);
	CHECK_MAP(&ctx, 0xff11000000001234ull, W, 0x7234, PT_PAGE_4K);
	CHECK_EQ(gwalk_translate(&ctx, 0xff11000000001234ull, R, &r), GWALK_OK);
	CHECK_EQ(r.levels, 5);
	CHECK_EQ(gwalk_translate(&ctx, 0x0100000000000000ull, R, &r), GWALK_NONCANONICAL);
	/* canonical under LA57 but not under 4-level paging */
	map64(pml5, 5, 0x0000800000000000ull, 1, 0x200000, PTE_P, NULL);
	CHECK_MAP(&ctx, 0x0000800000000000ull, R, 0x200000, PT_PAGE_2M);
	ctx.cr4 &= ~CR4_LA57;
	CHECK_EQ(gwalk_translate(&ctx, 0x0000800000000000ull, R, &r), GWALK_NONCANONICAL);
	ctx.cr4 |= CR4_LA57;
	/* PS is reserved in a PML5E */
	set_bits(e[4], PTE_PS, 0);
	CHECK_PF(&ctx, 0xff11000000001234ull, R, PFEC_P | PFEC_RSVD);
}

/* ---- Reading guest-virtual ranges ---- */

TEST(read_virt_across_pages)
{
	uint64_t pml4;
	struct gwalk_ctx ctx;
	struct gwalk_result r;
	uint8_t buf[15];

	reset_mem();
	pml4 = alloc_table();
	ctx = long_mode_ctx(pml4);
	/* two neighbouring virtual pages on distant physical pages */
	map64(pml4, 4, 0xffffffff81000000ull, 0, 0x30000, PTE_P, NULL);
	map64(pml4, 4, 0xffffffff81001000ull, 0, 0x50000, PTE_P | PTE_NX, NULL);
	for (int i = 0; i < 8; i++) {
		mem.bytes[0x30ff8 + i] = (uint8_t)(0xa0 + i);
		mem.bytes[0x50000 + i] = (uint8_t)(0xb0 + i);
	}
	CHECK_EQ(gwalk_read_virt(&ctx, 0xffffffff81000ffbull, buf, 10, R, &r), GWALK_OK);
	CHECK_EQ(r.done, 10);
	CHECK_EQ(buf[0], 0xa3);
	CHECK_EQ(buf[4], 0xa7);
	CHECK_EQ(buf[5], 0xb0);
	CHECK_EQ(buf[9], 0xb4);
	/* an instruction fetch stops at the NX page: CR2 is the page start */
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(gwalk_read_virt(&ctx, 0xffffffff81000ffbull, buf, 15, X, &r), GWALK_PAGE_FAULT);
	CHECK_EQ(r.done, 5);
	CHECK_EQ(r.fault_addr, 0xffffffff81001000ull);
	CHECK_EQ(r.error_code, PFEC_P | PFEC_I);
	CHECK_EQ(buf[4], 0xa7);
	/* a write stops at the read-only first page without copying */
	CHECK_EQ(gwalk_read_virt(&ctx, 0xffffffff81000ffbull, buf, 15, W, &r), GWALK_PAGE_FAULT);
	CHECK_EQ(r.done, 0);
	CHECK_EQ(r.fault_addr, 0xffffffff81000ffbull);
	/* not mapped at all */
	CHECK_EQ(gwalk_read_virt(&ctx, 0xffffffff81001ffeull, buf, 4, R, &r), GWALK_PAGE_FAULT);
	CHECK_EQ(r.done, 2);
	CHECK_EQ(r.error_code, 0);
	CHECK_EQ(r.fault_addr, 0xffffffff81002000ull);
	/* a data page outside guest memory */
	map64(pml4, 4, 0x7000, 0, 0x4000000000ull, PTE_P, NULL);
	CHECK_EQ(gwalk_read_virt(&ctx, 0x7010, buf, 4, R, &r), GWALK_BAD_GPA);
	CHECK_EQ(r.bad_gpa, 0x4000000010ull);
	CHECK_EQ(r.done, 0);
	/* nothing to read; and no place to report to */
	CHECK_EQ(gwalk_read_virt(&ctx, 0x12345, buf, 0, R, &r), GWALK_OK);
	CHECK_EQ(gwalk_read_virt(&ctx, 0x12345, buf, 4, R, NULL), GWALK_PAGE_FAULT);
}

TEST(read_virt_wraps_at_4g_without_long_mode)
{
	struct gwalk_ctx ctx = ctx_for(CR0_PE, 0, 0, 0);
	struct gwalk_result r;
	uint8_t buf[4];

	reset_mem();
	/* paging off: 0xfffffffe + 2 wraps to 0, which fake memory has */
	mem.bytes[0] = 0x5a;
	mem.bytes[1] = 0xa5;
	CHECK_EQ(gwalk_read_virt(&ctx, 0xfffffffe, buf, 4, X, &r), GWALK_BAD_GPA);
	CHECK_EQ(r.bad_gpa, 0xfffffffe);
	CHECK_EQ(gwalk_read_virt(&ctx, 0x100000000ull, buf, 2, X, &r), GWALK_OK);
	CHECK_EQ(buf[0], 0x5a);
	CHECK_EQ(buf[1], 0xa5);
}

TEST(read_virt_32bit_paging_crossing_into_4m_page)
{
	uint64_t pd, e[2];
	struct gwalk_ctx ctx;
	struct gwalk_result r;
	uint8_t buf[8];

	reset_mem();
	pd = alloc_table();
	ctx = ctx_for(CR0_PAGING, pd, CR4_PSE, 0);
	map32(pd, 0x003ff000, false, 0x00021000, PTE_P, e);	/* last 4K page below 4M */
	map32(pd, 0x00400000, true, 0x00000000, PTE_P, e);	/* 4M page at GPA 0 */
	mem.bytes[0x21ffe] = 1;
	mem.bytes[0x21fff] = 2;
	mem.bytes[0] = 3;
	mem.bytes[1] = 4;
	CHECK_EQ(gwalk_read_virt(&ctx, 0x003ffffe, buf, 4, R, &r), GWALK_OK);
	CHECK_EQ(buf[0], 1);
	CHECK_EQ(buf[1], 2);
	CHECK_EQ(buf[2], 3);
	CHECK_EQ(buf[3], 4);
}

TEST(status_names)
{
	CHECK_STR(gwalk_status_name(GWALK_OK), "ok");
	CHECK_STR(gwalk_status_name(GWALK_PAGE_FAULT), "page fault");
	CHECK_STR(gwalk_status_name(GWALK_NONCANONICAL), "non-canonical");
	CHECK_STR(gwalk_status_name(GWALK_BAD_GPA), "bad GPA");
	CHECK_STR(gwalk_status_name(GWALK_BAD_STATE), "bad paging state");
	CHECK_STR(gwalk_status_name((enum gwalk_status)99), "?");
}

int main(void)
{
	return test_main();
}
