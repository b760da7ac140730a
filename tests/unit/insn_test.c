// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the x86 instruction decoder (hv/arch/x86/insn.c). Encodings
 * come from GNU as/objdump (the corpus, and the bytes copied into the tables
 * below); flag results are checked against the host CPU itself.
 */
#include "test.h"

#include <asm/insn.h>

#define M16 INSN_MODE_16
#define M32 INSN_MODE_32
#define M64 INSN_MODE_64

/* Decodes from a heap copy of exactly avail bytes, so ASan catches any over-read. */
static enum insn_status decode_exact(struct insn *in, const char *bytes, size_t avail,
				     enum insn_mode mode)
{
	uint8_t *copy = malloc(avail ? avail : 1);
	enum insn_status st;

	memcpy(copy, bytes, avail);
	st = insn_decode(in, copy, avail, mode);
	free(copy);
	return st;
}

/* ---- Lengths: every instruction of the as/objdump corpus ---- */

static const struct corpus_entry {
	int mode;
	unsigned len;
	const char *bytes;
	const char *text;
} corpus[] = {
#include "insn_corpus.h"
};

static void check_corpus(int mode)
{
	unsigned n = 0;

	for (size_t i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		const struct corpus_entry *c = &corpus[i];
		struct insn in;
		enum insn_status st;

		if (c->mode != mode)
			continue;
		n++;
		st = decode_exact(&in, c->bytes, c->len, (enum insn_mode)mode);
		if (st != INSN_OK)
			TEST_FAIL("%d-bit \"%s\": %s", mode, c->text, insn_status_name(st));
		if (in.length != c->len)
			TEST_FAIL("%d-bit \"%s\": length %u, objdump says %u", mode, c->text,
				  in.length, c->len);
	}
	if (n < 50)
		TEST_FAIL("corpus has only %u %d-bit entries", n, mode);
}

TEST(corpus_64bit_lengths_match_objdump) { check_corpus(64); }
TEST(corpus_32bit_lengths_match_objdump) { check_corpus(32); }
TEST(corpus_16bit_lengths_match_objdump) { check_corpus(16); }

/* Every proper prefix of every corpus instruction is TRUNCATED, wanting more than it has. */
TEST(corpus_truncated_at_every_byte_boundary)
{
	for (size_t i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		const struct corpus_entry *c = &corpus[i];

		for (unsigned avail = 0; avail < c->len; avail++) {
			struct insn in;
			enum insn_status st = decode_exact(&in, c->bytes, avail,
							   (enum insn_mode)c->mode);

			if (st != INSN_TRUNCATED)
				TEST_FAIL("%d-bit \"%s\" cut to %u bytes: %s", c->mode, c->text,
					  avail, insn_status_name(st));
			if (in.length <= avail || in.length > c->len)
				TEST_FAIL("%d-bit \"%s\" cut to %u bytes: wants %u", c->mode,
					  c->text, avail, in.length);
		}
	}
}

/* ---- Meaning of the memory-operand instructions the core emulates ---- */

#define R   (1u << 0)	/* mem_read */
#define W   (1u << 1)	/* mem_write */
#define SX  (1u << 2)	/* sign_extend */
#define IMM (1u << 3)	/* has_imm_src */
#define DR  (1u << 4)	/* alu_dst_is_reg */
#define H8  (1u << 5)	/* reg_high8 */
#define NOREG 0xff
#define NOALU 0xff

static const struct sem_case {
	const char *text;	/* AT&T syntax, as objdump prints it */
	enum insn_mode mode;
	const char *bytes;
	unsigned len;
	enum insn_kind kind;
	unsigned size;		/* access_size */
	unsigned reg, reg_size;	/* NOREG: no register operand */
	unsigned alu_op;
	uint64_t imm;
	unsigned flags;
} sem_cases[] = {
	/* Linux xAPIC writes and reads (native_apic_mem_write/read, the 11AP xchg) */
	{ "mov %eax,0x300(%rdx)", M64, "\x89\x82\x00\x03\x00\x00", 6, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "mov %eax,0x30(%rdx)", M64, "\x89\x42\x30", 3, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "movl $0x12345678,0xb0(%rdx)", M64, "\xc7\x82\xb0\x00\x00\x00\x78\x56\x34\x12", 10, INSN_KIND_STORE_IMM, 4, NOREG, 0, NOALU, 0x12345678, W | IMM },
	{ "xchg %eax,(%rdx)", M64, "\x87\x02", 2, INSN_KIND_XCHG, 4, INSN_RAX, 4, NOALU, 0, R | W },
	{ "xchg %eax,0x300(%rdx)", M64, "\x87\x82\x00\x03\x00\x00", 6, INSN_KIND_XCHG, 4, INSN_RAX, 4, NOALU, 0, R | W },
	{ "mov 0x20(%rdx),%eax", M64, "\x8b\x42\x20", 3, INSN_KIND_LOAD, 4, INSN_RAX, 4, NOALU, 0, R },
	{ "mov 0x300(%rdi,%rax,1),%ecx", M64, "\x8b\x8c\x07\x00\x03\x00\x00", 7, INSN_KIND_LOAD, 4, INSN_RCX, 4, NOALU, 0, R },
	{ "movabs 0xfffffffffee00300,%eax", M64, "\xa1\x00\x03\xe0\xfe\xff\xff\xff\xff", 9, INSN_KIND_LOAD, 4, INSN_RAX, 4, NOALU, 0, R },
	{ "movabs %eax,0xfffffffffee000b0", M64, "\xa3\xb0\x00\xe0\xfe\xff\xff\xff\xff", 9, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "movabs %al,0x1122334455667788", M64, "\xa2\x88\x77\x66\x55\x44\x33\x22\x11", 9, INSN_KIND_STORE, 1, INSN_RAX, 1, NOALU, 0, W },
	{ "movabs 0x1122334455667788,%rax", M64, "\x48\xa1\x88\x77\x66\x55\x44\x33\x22\x11", 10, INSN_KIND_LOAD, 8, INSN_RAX, 8, NOALU, 0, R },
	{ "addr32 mov 0xfee00300,%eax", M64, "\x67\xa1\x00\x03\xe0\xfe", 6, INSN_KIND_LOAD, 4, INSN_RAX, 4, NOALU, 0, R },
	/* moves: REX.R/B, byte registers */
	{ "mov %r9,0x10(%r12)", M64, "\x4d\x89\x4c\x24\x10", 5, INSN_KIND_STORE, 8, INSN_R9, 8, NOALU, 0, W },
	{ "mov (%rax,%r13,4),%r10d", M64, "\x46\x8b\x14\xa8", 4, INSN_KIND_LOAD, 4, INSN_R10, 4, NOALU, 0, R },
	{ "mov %ah,(%rbx)", M64, "\x88\x23", 2, INSN_KIND_STORE, 1, INSN_RAX, 1, NOALU, 0, W | H8 },
	{ "mov %bh,(%rdx)", M64, "\x88\x3a", 2, INSN_KIND_STORE, 1, INSN_RBX, 1, NOALU, 0, W | H8 },
	{ "mov %spl,(%rbx)", M64, "\x40\x88\x23", 3, INSN_KIND_STORE, 1, INSN_RSP, 1, NOALU, 0, W },
	{ "mov %dil,(%rdx)", M64, "\x40\x88\x3a", 3, INSN_KIND_STORE, 1, INSN_RDI, 1, NOALU, 0, W },
	{ "mov (%rdx),%r11b", M64, "\x44\x8a\x1a", 3, INSN_KIND_LOAD, 1, INSN_R11, 1, NOALU, 0, R },
	{ "mov (%rdx),%ch", M64, "\x8a\x2a", 2, INSN_KIND_LOAD, 1, INSN_RCX, 1, NOALU, 0, R | H8 },
	{ "mov %ax,%fs:(%rdx)", M64, "\x64\x66\x89\x02", 4, INSN_KIND_STORE, 2, INSN_RAX, 2, NOALU, 0, W },
	{ "movw $0x1234,(%rdx)", M64, "\x66\xc7\x02\x34\x12", 5, INSN_KIND_STORE_IMM, 2, NOREG, 0, NOALU, 0x1234, W | IMM },
	{ "movb $0x12,(%rdx)", M64, "\xc6\x02\x12", 3, INSN_KIND_STORE_IMM, 1, NOREG, 0, NOALU, 0x12, W | IMM },
	{ "movb $0x80,(%rdx)", M64, "\xc6\x02\x80", 3, INSN_KIND_STORE_IMM, 1, NOREG, 0, NOALU, 0xffffffffffffff80ull, W | IMM },
	{ "movq $-1,(%rdx)", M64, "\x48\xc7\x02\xff\xff\xff\xff", 7, INSN_KIND_STORE_IMM, 8, NOREG, 0, NOALU, ~0ull, W | IMM },
	{ "movq $0x7fffffff,(%rdx)", M64, "\x48\xc7\x02\xff\xff\xff\x7f", 7, INSN_KIND_STORE_IMM, 8, NOREG, 0, NOALU, 0x7fffffff, W | IMM },
	{ "movzbl (%rdx),%eax", M64, "\x0f\xb6\x02", 3, INSN_KIND_LOAD, 1, INSN_RAX, 4, NOALU, 0, R },
	{ "movzbl (%rdx),%esi (no AH for MOVZX)", M64, "\x0f\xb6\x32", 3, INSN_KIND_LOAD, 1, INSN_RSI, 4, NOALU, 0, R },
	{ "movzwl (%rdx),%ecx", M64, "\x0f\xb7\x0a", 3, INSN_KIND_LOAD, 2, INSN_RCX, 4, NOALU, 0, R },
	{ "movzbw (%rdx),%ax", M64, "\x66\x0f\xb6\x02", 4, INSN_KIND_LOAD, 1, INSN_RAX, 2, NOALU, 0, R },
	{ "movsbq (%rdx),%rax", M64, "\x48\x0f\xbe\x02", 4, INSN_KIND_LOAD, 1, INSN_RAX, 8, NOALU, 0, R | SX },
	{ "movswq 0x2(%rdx),%rax", M64, "\x48\x0f\xbf\x42\x02", 5, INSN_KIND_LOAD, 2, INSN_RAX, 8, NOALU, 0, R | SX },
	{ "movslq (%rdx),%rax", M64, "\x48\x63\x02", 3, INSN_KIND_LOAD, 4, INSN_RAX, 8, NOALU, 0, R | SX },
	{ "movslq (%rdx),%r15", M64, "\x4c\x63\x3a", 3, INSN_KIND_LOAD, 4, INSN_R15, 8, NOALU, 0, R | SX },
	{ "movsxd (%rdx),%eax (no REX.W)", M64, "\x63\x02", 2, INSN_KIND_LOAD, 4, INSN_RAX, 4, NOALU, 0, R },
	/* ALU with memory destination or source */
	{ "add %eax,(%rcx)", M64, "\x01\x01", 2, INSN_KIND_ALU, 4, INSN_RAX, 4, INSN_ALU_ADD, 0, R | W },
	{ "add %al,(%rcx)", M64, "\x00\x01", 2, INSN_KIND_ALU, 1, INSN_RAX, 1, INSN_ALU_ADD, 0, R | W },
	{ "add (%rcx),%eax", M64, "\x03\x01", 2, INSN_KIND_ALU, 4, INSN_RAX, 4, INSN_ALU_ADD, 0, R | DR },
	{ "add (%rcx),%al", M64, "\x02\x01", 2, INSN_KIND_ALU, 1, INSN_RAX, 1, INSN_ALU_ADD, 0, R | DR },
	{ "or %r8b,0x1(%r9)", M64, "\x45\x08\x41\x01", 4, INSN_KIND_ALU, 1, INSN_R8, 1, INSN_ALU_OR, 0, R | W },
	{ "adc %r10,-0x80(%r11)", M64, "\x4d\x11\x53\x80", 4, INSN_KIND_ALU, 8, INSN_R10, 8, INSN_ALU_ADC, 0, R | W },
	{ "sbb 0x7fffffff(%r12),%r13w", M64, "\x66\x45\x1b\xac\x24\xff\xff\xff\x7f", 9, INSN_KIND_ALU, 2, INSN_R13, 2, INSN_ALU_SBB, 0, R | DR },
	{ "and %esp,(%rsp)", M64, "\x21\x24\x24", 3, INSN_KIND_ALU, 4, INSN_RSP, 4, INSN_ALU_AND, 0, R | W },
	{ "sub %bpl,0x0(%rbp)", M64, "\x40\x28\x6d\x00", 4, INSN_KIND_ALU, 1, INSN_RBP, 1, INSN_ALU_SUB, 0, R | W },
	{ "sub %ch,(%rax)", M64, "\x28\x28", 2, INSN_KIND_ALU, 1, INSN_RCX, 1, INSN_ALU_SUB, 0, R | W | H8 },
	{ "xor %sil,0x0(%r13)", M64, "\x41\x30\x75\x00", 4, INSN_KIND_ALU, 1, INSN_RSI, 1, INSN_ALU_XOR, 0, R | W },
	{ "cmp %dil,0x0(%r13,%r14,8)", M64, "\x43\x38\x7c\xf5\x00", 5, INSN_KIND_ALU, 1, INSN_RDI, 1, INSN_ALU_CMP, 0, R },
	{ "cmp (%rax),%edx", M64, "\x3b\x10", 2, INSN_KIND_ALU, 4, INSN_RDX, 4, INSN_ALU_CMP, 0, R | DR },
	{ "addb $0x1,(%rax)", M64, "\x80\x00\x01", 3, INSN_KIND_ALU, 1, NOREG, 0, INSN_ALU_ADD, 1, R | W | IMM },
	{ "orw $0x1234,(%rax)", M64, "\x66\x81\x08\x34\x12", 5, INSN_KIND_ALU, 2, NOREG, 0, INSN_ALU_OR, 0x1234, R | W | IMM },
	{ "adcl $0x12345678,(%rax)", M64, "\x81\x10\x78\x56\x34\x12", 6, INSN_KIND_ALU, 4, NOREG, 0, INSN_ALU_ADC, 0x12345678, R | W | IMM },
	{ "sbbq $-0x1000,(%rax)", M64, "\x48\x81\x18\x00\xf0\xff\xff", 7, INSN_KIND_ALU, 8, NOREG, 0, INSN_ALU_SBB, 0xfffffffffffff000ull, R | W | IMM },
	{ "andl $-1,(%rax)", M64, "\x83\x20\xff", 3, INSN_KIND_ALU, 4, NOREG, 0, INSN_ALU_AND, ~0ull, R | W | IMM },
	{ "subq $0x7f,0x8(%rax)", M64, "\x48\x83\x68\x08\x7f", 5, INSN_KIND_ALU, 8, NOREG, 0, INSN_ALU_SUB, 0x7f, R | W | IMM },
	{ "xorw $-2,(%rax)", M64, "\x66\x83\x30\xfe", 4, INSN_KIND_ALU, 2, NOREG, 0, INSN_ALU_XOR, 0xfffffffffffffffeull, R | W | IMM },
	{ "cmpb $0x80,(%rax)", M64, "\x80\x38\x80", 3, INSN_KIND_ALU, 1, NOREG, 0, INSN_ALU_CMP, 0xffffffffffffff80ull, R | IMM },
	{ "lock orl $0x1,(%rdx)", M64, "\xf0\x83\x0a\x01", 4, INSN_KIND_ALU, 4, NOREG, 0, INSN_ALU_OR, 1, R | W | IMM },
	{ "lock add %rax,(%rdx)", M64, "\xf0\x48\x01\x02", 4, INSN_KIND_ALU, 8, INSN_RAX, 8, INSN_ALU_ADD, 0, R | W },
	{ "test %al,(%rdx)", M64, "\x84\x02", 2, INSN_KIND_ALU, 1, INSN_RAX, 1, INSN_ALU_TEST, 0, R },
	{ "test %rax,0x10(%rdx)", M64, "\x48\x85\x42\x10", 4, INSN_KIND_ALU, 8, INSN_RAX, 8, INSN_ALU_TEST, 0, R },
	{ "testb $0x80,(%rdx)", M64, "\xf6\x02\x80", 3, INSN_KIND_ALU, 1, NOREG, 0, INSN_ALU_TEST, 0xffffffffffffff80ull, R | IMM },
	{ "testw $0x8000,(%rdx)", M64, "\x66\xf7\x02\x00\x80", 5, INSN_KIND_ALU, 2, NOREG, 0, INSN_ALU_TEST, 0xffffffffffff8000ull, R | IMM },
	{ "testl $0x80000000,0x30(%rdx)", M64, "\xf7\x42\x30\x00\x00\x00\x80", 7, INSN_KIND_ALU, 4, NOREG, 0, INSN_ALU_TEST, 0xffffffff80000000ull, R | IMM },
	{ "testq $-1,(%rdx)", M64, "\x48\xf7\x02\xff\xff\xff\xff", 7, INSN_KIND_ALU, 8, NOREG, 0, INSN_ALU_TEST, ~0ull, R | IMM },
	{ "test $1,(%rdx) via F7 /1 alias", M64, "\xf7\x0a\x01\x00\x00\x00", 6, INSN_KIND_ALU, 4, NOREG, 0, INSN_ALU_TEST, 1, R | IMM },
	{ "notl (%rdx)", M64, "\xf7\x12", 2, INSN_KIND_ALU, 4, NOREG, 0, INSN_ALU_NOT, 0, R | W },
	{ "negq (%rdx)", M64, "\x48\xf7\x1a", 3, INSN_KIND_ALU, 8, NOREG, 0, INSN_ALU_NEG, 0, R | W },
	{ "incb (%rdx)", M64, "\xfe\x02", 2, INSN_KIND_ALU, 1, NOREG, 0, INSN_ALU_INC, 0, R | W },
	{ "decw (%rdx)", M64, "\x66\xff\x0a", 3, INSN_KIND_ALU, 2, NOREG, 0, INSN_ALU_DEC, 0, R | W },
	{ "incq 0x10(%rsp)", M64, "\x48\xff\x44\x24\x10", 5, INSN_KIND_ALU, 8, NOREG, 0, INSN_ALU_INC, 0, R | W },
	/* string operations */
	{ "rep stos %rax,%es:(%rdi)", M64, "\xf3\x48\xab", 3, INSN_KIND_STRING, 8, NOREG, 0, NOALU, 0, W },
	{ "rep stos %al,%es:(%rdi)", M64, "\xf3\xaa", 2, INSN_KIND_STRING, 1, NOREG, 0, NOALU, 0, W },
	{ "rep movsb", M64, "\xf3\xa4", 2, INSN_KIND_STRING, 1, NOREG, 0, NOALU, 0, R | W },
	{ "rep movsq", M64, "\xf3\x48\xa5", 3, INSN_KIND_STRING, 8, NOREG, 0, NOALU, 0, R | W },
	{ "movsl", M64, "\xa5", 1, INSN_KIND_STRING, 4, NOREG, 0, NOALU, 0, R | W },
	{ "lods %ds:(%rsi),%al", M64, "\xac", 1, INSN_KIND_STRING, 1, NOREG, 0, NOALU, 0, R },
	{ "repz cmpsw", M64, "\x66\xf3\xa7", 3, INSN_KIND_STRING, 2, NOREG, 0, NOALU, 0, R },
	{ "insb (%dx),%es:(%rdi)", M64, "\x6c", 1, INSN_KIND_STRING, 1, NOREG, 0, NOALU, 0, W },
	{ "outsl %ds:(%rsi),(%dx)", M64, "\x6f", 1, INSN_KIND_STRING, 4, NOREG, 0, NOALU, 0, R },
	/* register forms and other instructions carry no meaning */
	{ "mov %eax,%ecx", M64, "\x89\xc1", 2, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0, 0 },
	{ "add $0x12345678,%eax", M64, "\x05\x78\x56\x34\x12", 5, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0x12345678, 0 },
	{ "lea 0x10(%rax,%rbx,4),%rcx", M64, "\x48\x8d\x4c\x98\x10", 5, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0, 0 },
	{ "mull (%rdx)", M64, "\xf7\x22", 2, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0, 0 },
	{ "lock xadd %eax,(%rdx)", M64, "\xf0\x0f\xc1\x02", 4, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0, 0 },
	{ "in $0x80,%al (unsigned imm)", M64, "\xe4\x80", 2, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0x80, 0 },
	{ "jmp .-0x7e (signed rel8)", M64, "\xeb\x80", 2, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0xffffffffffffff80ull, 0 },
	{ "movabs $0x1122334455667788,%rax", M64, "\x48\xb8\x88\x77\x66\x55\x44\x33\x22\x11", 10, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0x1122334455667788ull, 0 },
	{ "ret $0x8000 (unsigned imm16)", M64, "\xc2\x00\x80", 3, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0x8000, 0 },
	{ "enter $0x1234,$0x5", M64, "\xc8\x34\x12\x05", 4, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0x1234, 0 },
	/* 32-bit mode */
	{ "mov %eax,0xfee00300", M32, "\xa3\x00\x03\xe0\xfe", 5, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "mov 0xfee00020,%eax", M32, "\xa1\x20\x00\xe0\xfe", 5, INSN_KIND_LOAD, 4, INSN_RAX, 4, NOALU, 0, R },
	{ "mov %al,0xfee00020", M32, "\xa2\x20\x00\xe0\xfe", 5, INSN_KIND_STORE, 1, INSN_RAX, 1, NOALU, 0, W },
	{ "mov %eax,0xfee00300 (89 /r disp32)", M32, "\x89\x05\x00\x03\xe0\xfe", 6, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "mov %eax,0x300(%edx)", M32, "\x89\x82\x00\x03\x00\x00", 6, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "movl $0x12345678,0xb0(%edx)", M32, "\xc7\x82\xb0\x00\x00\x00\x78\x56\x34\x12", 10, INSN_KIND_STORE_IMM, 4, NOREG, 0, NOALU, 0x12345678, W | IMM },
	{ "xchg %eax,(%edx)", M32, "\x87\x02", 2, INSN_KIND_XCHG, 4, INSN_RAX, 4, NOALU, 0, R | W },
	{ "addr16 mov 0x1234,%eax", M32, "\x67\xa1\x34\x12", 4, INSN_KIND_LOAD, 4, INSN_RAX, 4, NOALU, 0, R },
	{ "mov %ax,0x10(%esp)", M32, "\x66\x89\x44\x24\x10", 5, INSN_KIND_STORE, 2, INSN_RAX, 2, NOALU, 0, W },
	{ "movw $0x1234,(%edx)", M32, "\x66\xc7\x02\x34\x12", 5, INSN_KIND_STORE_IMM, 2, NOREG, 0, NOALU, 0x1234, W | IMM },
	{ "movsbw (%edx),%ax", M32, "\x66\x0f\xbe\x02", 4, INSN_KIND_LOAD, 1, INSN_RAX, 2, NOALU, 0, R | SX },
	{ "mov %dh,(%edx)", M32, "\x88\x32", 2, INSN_KIND_STORE, 1, INSN_RDX, 1, NOALU, 0, W | H8 },
	{ "arpl %ax,(%edx) (not MOVSXD)", M32, "\x63\x02", 2, INSN_KIND_OTHER, 0, NOREG, 0, NOALU, 0, 0 },
	{ "rep movsl", M32, "\xf3\xa5", 2, INSN_KIND_STRING, 4, NOREG, 0, NOALU, 0, R | W },
	/* 16-bit mode */
	{ "mov %ax,0x300(%bx,%si)", M16, "\x89\x80\x00\x03", 4, INSN_KIND_STORE, 2, INSN_RAX, 2, NOALU, 0, W },
	{ "mov 0x1234,%ax", M16, "\xa1\x34\x12", 3, INSN_KIND_LOAD, 2, INSN_RAX, 2, NOALU, 0, R },
	{ "mov 0x20,%al", M16, "\xa0\x20\x00", 3, INSN_KIND_LOAD, 1, INSN_RAX, 1, NOALU, 0, R },
	{ "mov %eax,(%bx)", M16, "\x66\x89\x07", 3, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "movl $0x12345678,(%bx)", M16, "\x66\xc7\x07\x78\x56\x34\x12", 7, INSN_KIND_STORE_IMM, 4, NOREG, 0, NOALU, 0x12345678, W | IMM },
	{ "movw $0x1234,(%bx)", M16, "\xc7\x07\x34\x12", 4, INSN_KIND_STORE_IMM, 2, NOREG, 0, NOALU, 0x1234, W | IMM },
	{ "addr32 mov %eax,0x300(%edx)", M16, "\x67\x66\x89\x82\x00\x03\x00\x00", 8, INSN_KIND_STORE, 4, INSN_RAX, 4, NOALU, 0, W },
	{ "addr32 mov 0xfee00300,%eax", M16, "\x67\x66\xa1\x00\x03\xe0\xfe", 7, INSN_KIND_LOAD, 4, INSN_RAX, 4, NOALU, 0, R },
	{ "addw $0x12,(%bx)", M16, "\x83\x07\x12", 3, INSN_KIND_ALU, 2, NOREG, 0, INSN_ALU_ADD, 0x12, R | W | IMM },
	{ "lock orw $1,(%bx)", M16, "\xf0\x83\x0f\x01", 4, INSN_KIND_ALU, 2, NOREG, 0, INSN_ALU_OR, 1, R | W | IMM },
	{ "testl $0x80000000,(%bx)", M16, "\x66\xf7\x07\x00\x00\x00\x80", 7, INSN_KIND_ALU, 4, NOREG, 0, INSN_ALU_TEST, 0xffffffff80000000ull, R | IMM },
	{ "movzbl (%bx),%eax", M16, "\x66\x0f\xb6\x07", 4, INSN_KIND_LOAD, 1, INSN_RAX, 4, NOALU, 0, R },
	{ "rep stosw", M16, "\xf3\xab", 2, INSN_KIND_STRING, 2, NOREG, 0, NOALU, 0, W },
};

static void check_sem(const struct sem_case *c)
{
	struct insn in;
	enum insn_status st = decode_exact(&in, c->bytes, c->len, c->mode);

	if (st != INSN_OK)
		TEST_FAIL("\"%s\": %s", c->text, insn_status_name(st));
#define EXPECT(field, want)                                                          \
	do {                                                                         \
		if ((unsigned long long)(field) != (unsigned long long)(want))       \
			TEST_FAIL("\"%s\": %s is 0x%llx, want 0x%llx", c->text, #field, \
				  (unsigned long long)(field), (unsigned long long)(want)); \
	} while (0)
	EXPECT(in.length, c->len);
	EXPECT(in.kind, c->kind);
	EXPECT(in.imm, c->imm);
	if (c->kind == INSN_KIND_OTHER) {
		EXPECT(in.mem_read || in.mem_write, 0);
		return;
	}
	EXPECT(in.has_mem, 1);
	EXPECT(in.access_size, c->size);
	EXPECT(in.mem_read, !!(c->flags & R));
	EXPECT(in.mem_write, !!(c->flags & W));
	if (c->kind != INSN_KIND_STRING) {
		EXPECT(in.reg_size, c->reg == NOREG ? 0 : c->reg_size);
		if (c->reg != NOREG)
			EXPECT(in.reg, c->reg);
		EXPECT(in.reg_high8, !!(c->flags & H8));
		EXPECT(in.sign_extend, !!(c->flags & SX));
		EXPECT(in.has_imm_src, !!(c->flags & IMM));
	}
	if (c->kind == INSN_KIND_ALU) {
		EXPECT(in.alu_op, c->alu_op);
		EXPECT(in.alu_dst_is_reg, !!(c->flags & DR));
	}
#undef EXPECT
}

TEST(memory_operand_instructions_decode_to_their_meaning)
{
	for (size_t i = 0; i < sizeof(sem_cases) / sizeof(sem_cases[0]); i++)
		check_sem(&sem_cases[i]);
}

/* ---- The memory operand: ModRM/SIB forms in each address size ---- */

static const struct mem_case {
	const char *text;
	enum insn_mode mode;
	const char *bytes;
	unsigned len;
	int base, index;
	unsigned scale;
	int64_t disp;
	enum insn_seg seg;
	unsigned addrsize;
} mem_cases[] = {
	{ "mov %eax,0x300(%rdx)", M64, "\x89\x82\x00\x03\x00\x00", 6, INSN_RDX, INSN_REG_NONE, 1, 0x300, INSN_SEG_DS, 8 },
	{ "mov %eax,-0x10(%rdx) disp8", M64, "\x89\x42\xf0", 3, INSN_RDX, INSN_REG_NONE, 1, -0x10, INSN_SEG_DS, 8 },
	{ "mov %r9,0x10(%r12) SIB for r12", M64, "\x4d\x89\x4c\x24\x10", 5, INSN_R12, INSN_REG_NONE, 1, 0x10, INSN_SEG_DS, 8 },
	{ "mov 0x0(%r13) disp8 for r13", M64, "\x41\x8b\x45\x00", 4, INSN_R13, INSN_REG_NONE, 1, 0, INSN_SEG_DS, 8 },
	{ "mov (%rax,%r13,4),%r10d", M64, "\x46\x8b\x14\xa8", 4, INSN_RAX, INSN_R13, 4, 0, INSN_SEG_DS, 8 },
	{ "mov (%rax,%r12,1): REX.X index 100 is r12", M64, "\x42\x8b\x04\x20", 4, INSN_RAX, INSN_R12, 1, 0, INSN_SEG_DS, 8 },
	{ "mov (%rax,%riz,2): index 100 is none", M64, "\x8b\x04\x60", 3, INSN_RAX, INSN_REG_NONE, 2, 0, INSN_SEG_DS, 8 },
	{ "mov 0x0(,%rcx,8),%rax SIB no base", M64, "\x48\x8b\x04\xcd\x00\x00\x00\x00", 8, INSN_REG_NONE, INSN_RCX, 8, 0, INSN_SEG_DS, 8 },
	{ "mov 0x12345678(,%r15,2),%rax", M64, "\x4a\x8b\x04\x7d\x78\x56\x34\x12", 8, INSN_REG_NONE, INSN_R15, 2, 0x12345678, INSN_SEG_DS, 8 },
	{ "mov 0x10(%r13,%rax,1) REX.B base 101 mod 01", M64, "\x41\x8b\x44\x05\x10", 5, INSN_R13, INSN_RAX, 1, 0x10, INSN_SEG_DS, 8 },
	{ "mov 0x0(,%rax,1) REX.B base 101 mod 00 is still no base", M64, "\x41\x8b\x04\x05\x00\x00\x00\x00", 8, INSN_REG_NONE, INSN_RAX, 1, 0, INSN_SEG_DS, 8 },
	{ "mov 0x1234(%rip),%eax", M64, "\x8b\x05\x34\x12\x00\x00", 6, INSN_REG_RIP, INSN_REG_NONE, 1, 0x1234, INSN_SEG_DS, 8 },
	{ "mov -0x4(%rip) REX.B keeps RIP-relative", M64, "\x41\x8b\x05\xfc\xff\xff\xff", 7, INSN_REG_RIP, INSN_REG_NONE, 1, -4, INSN_SEG_DS, 8 },
	{ "mov 0x10(%eip) with 67", M64, "\x67\x8b\x05\x10\x00\x00\x00", 7, INSN_REG_RIP, INSN_REG_NONE, 1, 0x10, INSN_SEG_DS, 4 },
	{ "mov (%rsp) defaults to SS", M64, "\x8b\x04\x24", 3, INSN_RSP, INSN_REG_NONE, 1, 0, INSN_SEG_SS, 8 },
	{ "mov 0x8(%rbp) defaults to SS", M64, "\x8b\x45\x08", 3, INSN_RBP, INSN_REG_NONE, 1, 8, INSN_SEG_SS, 8 },
	{ "mov %fs:(%rax)", M64, "\x64\x8b\x00", 3, INSN_RAX, INSN_REG_NONE, 1, 0, INSN_SEG_FS, 8 },
	{ "mov %gs:0x10,%rax", M64, "\x65\x48\x8b\x04\x25\x10\x00\x00\x00", 9, INSN_REG_NONE, INSN_REG_NONE, 1, 0x10, INSN_SEG_GS, 8 },
	{ "movabs 0xfffffffffee00300,%eax", M64, "\xa1\x00\x03\xe0\xfe\xff\xff\xff\xff", 9, INSN_REG_NONE, INSN_REG_NONE, 1, (int64_t)0xfffffffffee00300ull, INSN_SEG_DS, 8 },
	{ "addr32 mov 0xfee00300,%eax moffs32", M64, "\x67\xa1\x00\x03\xe0\xfe", 6, INSN_REG_NONE, INSN_REG_NONE, 1, 0xfee00300, INSN_SEG_DS, 4 },
	{ "rep movsb source", M64, "\xf3\xa4", 2, INSN_RSI, INSN_REG_NONE, 1, 0, INSN_SEG_DS, 8 },
	{ "fs rep movsb: source override", M64, "\x64\xf3\xa4", 3, INSN_RSI, INSN_REG_NONE, 1, 0, INSN_SEG_FS, 8 },
	{ "fs rep stosb: ES cannot be overridden", M64, "\x64\xf3\xaa", 3, INSN_RDI, INSN_REG_NONE, 1, 0, INSN_SEG_ES, 8 },
	{ "mov %eax,0xfee00300 disp32 no base", M32, "\x89\x05\x00\x03\xe0\xfe", 6, INSN_REG_NONE, INSN_REG_NONE, 1, (int64_t)0xfffffffffee00300ull, INSN_SEG_DS, 4 },
	{ "mov 0xfee00020,%eax moffs32", M32, "\xa1\x20\x00\xe0\xfe", 5, INSN_REG_NONE, INSN_REG_NONE, 1, 0xfee00020, INSN_SEG_DS, 4 },
	{ "mov 0x10(%ebp,%esi,8),%edx", M32, "\x8b\x54\xf5\x10", 4, INSN_RBP, INSN_RSI, 8, 0x10, INSN_SEG_SS, 4 },
	{ "mov %eax,(%bx,%si) with 67", M32, "\x67\x89\x00", 3, INSN_RBX, INSN_RSI, 1, 0, INSN_SEG_DS, 2 },
	{ "mov %ss:(%eax)", M32, "\x36\x8b\x00", 3, INSN_RAX, INSN_REG_NONE, 1, 0, INSN_SEG_SS, 4 },
	{ "mov %es:(%ebp)", M32, "\x26\x8b\x45\x00", 4, INSN_RBP, INSN_REG_NONE, 1, 0, INSN_SEG_ES, 4 },
	{ "mov %ax,0x300(%bx,%si)", M16, "\x89\x80\x00\x03", 4, INSN_RBX, INSN_RSI, 1, 0x300, INSN_SEG_DS, 2 },
	{ "mov %ax,0x30(%bx,%di)", M16, "\x89\x41\x30", 3, INSN_RBX, INSN_RDI, 1, 0x30, INSN_SEG_DS, 2 },
	{ "mov %ax,(%bp,%si)", M16, "\x89\x02", 2, INSN_RBP, INSN_RSI, 1, 0, INSN_SEG_SS, 2 },
	{ "mov (%bp,%di),%ax", M16, "\x8b\x03", 2, INSN_RBP, INSN_RDI, 1, 0, INSN_SEG_SS, 2 },
	{ "mov (%si),%al", M16, "\x8a\x04", 2, INSN_RSI, INSN_REG_NONE, 1, 0, INSN_SEG_DS, 2 },
	{ "mov (%di),%ah", M16, "\x8a\x25", 2, INSN_RDI, INSN_REG_NONE, 1, 0, INSN_SEG_DS, 2 },
	{ "mov 0x10(%bp),%cx", M16, "\x8b\x4e\x10", 3, INSN_RBP, INSN_REG_NONE, 1, 0x10, INSN_SEG_SS, 2 },
	{ "mov -0x2(%bx),%dx", M16, "\x8b\x57\xfe", 3, INSN_RBX, INSN_REG_NONE, 1, -2, INSN_SEG_DS, 2 },
	{ "mov 0x1234,%bx disp16 only", M16, "\x8b\x1e\x34\x12", 4, INSN_REG_NONE, INSN_REG_NONE, 1, 0x1234, INSN_SEG_DS, 2 },
	{ "mov 0x8000(%bx) disp16 sign-extends", M16, "\x8b\x87\x00\x80", 4, INSN_RBX, INSN_REG_NONE, 1, -0x8000, INSN_SEG_DS, 2 },
	{ "mov %cs:(%bp)", M16, "\x2e\x8b\x46\x00", 4, INSN_RBP, INSN_REG_NONE, 1, 0, INSN_SEG_CS, 2 },
	{ "addr32 mov %eax,(%esp) with SIB", M16, "\x67\x66\x89\x04\x24", 5, INSN_RSP, INSN_REG_NONE, 1, 0, INSN_SEG_SS, 4 },
	{ "addr32 mov %ax,0x10(,%ecx,4)", M16, "\x67\x89\x04\x8d\x10\x00\x00\x00", 8, INSN_REG_NONE, INSN_RCX, 4, 0x10, INSN_SEG_DS, 4 },
};

TEST(memory_operand_forms)
{
	for (size_t i = 0; i < sizeof(mem_cases) / sizeof(mem_cases[0]); i++) {
		const struct mem_case *c = &mem_cases[i];
		struct insn in;
		enum insn_status st = decode_exact(&in, c->bytes, c->len, c->mode);

		if (st != INSN_OK)
			TEST_FAIL("\"%s\": %s", c->text, insn_status_name(st));
		if (in.length != c->len || !in.has_mem || in.mem.base != c->base ||
		    in.mem.index != c->index || in.mem.scale != c->scale || in.mem.disp != c->disp ||
		    in.mem.seg != c->seg || in.addrsize != c->addrsize)
			TEST_FAIL("\"%s\": len %u mem %d base %d index %d scale %u disp %lld seg %u addr %u",
				  c->text, in.length, in.has_mem, in.mem.base, in.mem.index,
				  in.mem.scale, (long long)in.mem.disp, in.mem.seg, in.addrsize);
	}
}

TEST(effective_address_wraps_to_address_size)
{
	uint64_t regs[INSN_NR_GPRS] = { 0 };
	struct insn in;

	/* mov 0x300(%rdx,%rcx,4),%eax */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x8b\x84\x8a\x00\x03\x00\x00", 7, M64), INSN_OK);
	regs[INSN_RDX] = 0xfee00000;
	regs[INSN_RCX] = 4;
	CHECK_EQ(insn_mem_offset(&in, regs, 0), 0xfee00310);
	/* mov 0x1234(%rip),%eax at 0x1000: counts from the next instruction */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x8b\x05\x34\x12\x00\x00", 6, M64), INSN_OK);
	CHECK_EQ(insn_mem_offset(&in, regs, 0x1000), 0x1000 + 6 + 0x1234);
	/* mov -0x10(%rdx): negative displacement */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x8b\x42\xf0", 3, M64), INSN_OK);
	CHECK_EQ(insn_mem_offset(&in, regs, 0), 0xfedffff0);
	/* addr32 mov (%edx): 32-bit wrap in 64-bit mode */
	regs[INSN_RDX] = 0x1fffffffcull;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x67\x8b\x42\x08", 4, M64), INSN_OK);
	CHECK_EQ(insn_mem_offset(&in, regs, 0), 4);
	/* 16-bit: mov 0x10(%bx,%si) wraps at 64 KiB */
	regs[INSN_RBX] = 0xfff0;
	regs[INSN_RSI] = 0x0008;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x8b\x40\x10", 3, M16), INSN_OK);
	CHECK_EQ(insn_mem_offset(&in, regs, 0), 0x0008);
}

/* ---- Prefixes ---- */

TEST(rex_followed_by_legacy_prefix_is_ignored)
{
	struct insn in;

	/* 48 66 89 02: the REX.W is void, so this is mov %ax,(%rdx) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x48\x66\x89\x02", 4, M64), INSN_OK);
	CHECK_EQ(in.length, 4);
	CHECK_EQ(in.rex, 0);
	CHECK_EQ(in.opsize, 2);
	CHECK_EQ(in.access_size, 2);
	/* 66 48 89 02: REX.W wins over 66 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x48\x89\x02", 4, M64), INSN_OK);
	CHECK_EQ(in.opsize, 8);
	/* 4c 41 89 02: only the last REX counts (41: REX.B, so base r10, reg eax) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x4c\x41\x89\x02", 4, M64), INSN_OK);
	CHECK_EQ(in.rex, 0x41);
	CHECK_EQ(in.reg, INSN_RAX);
	CHECK_EQ(in.mem.base, INSN_R10);
	CHECK_EQ(in.access_size, 4);
	/* a REX prefix voided by a later 66 still makes no AH: 40 66 88 23 is mov %ah,(%rbx) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x40\x66\x88\x23", 4, M64), INSN_OK);
	CHECK(in.reg_high8);
	/* 40-4F are INC/DEC outside 64-bit mode */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x48\x89\x02", 3, M32), INSN_OK);
	CHECK_EQ(in.length, 1);
}

TEST(rex_bits_extend_registers)
{
	struct insn in;

	/* 4c 89 00: REX.W+R: mov %r8,(%rax) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x4c\x89\x00", 3, M64), INSN_OK);
	CHECK_EQ(in.reg, INSN_R8);
	CHECK_EQ(in.access_size, 8);
	CHECK_EQ(in.mem.base, INSN_RAX);
	/* 41 89 00: REX.B: mov %eax,(%r8) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x41\x89\x00", 3, M64), INSN_OK);
	CHECK_EQ(in.reg, INSN_RAX);
	CHECK_EQ(in.mem.base, INSN_R8);
	/* 4f 89 3c f7: REX.WRXB: mov %r15,(%r15,%r14,8) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x4f\x89\x3c\xf7", 4, M64), INSN_OK);
	CHECK_EQ(in.reg, INSN_R15);
	CHECK_EQ(in.mem.base, INSN_R15);
	CHECK_EQ(in.mem.index, INSN_R14);
	CHECK_EQ(in.mem.scale, 8);
	CHECK_EQ(in.access_size, 8);
}

TEST(legacy_prefixes_in_any_order_and_repeated)
{
	struct insn in;

	/* f3 66 2e 65 66 ab: rep stosw with a duplicated 66; the last segment override wins */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xf3\x66\x2e\x65\x66\xab", 6, M64), INSN_OK);
	CHECK_EQ(in.length, 6);
	CHECK_EQ(in.opsize, 2);
	CHECK(in.prefixes & INSN_PFX_REP);
	CHECK(in.prefixes & INSN_PFX_SEG);
	CHECK_EQ(in.kind, INSN_KIND_STRING);
	CHECK_EQ(in.string_op, INSN_STR_STOS);
	CHECK_EQ(in.access_size, 2);
	/* 3e 64 8b 00: fs wins over ds */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x3e\x64\x8b\x00", 4, M64), INSN_OK);
	CHECK_EQ(in.mem.seg, INSN_SEG_FS);
	/* 67 66 in 32-bit mode: 16-bit operand and address size */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x67\x66\xc7\x07\x34\x12", 6, M32), INSN_OK);
	CHECK_EQ(in.length, 6);
	CHECK_EQ(in.opsize, 2);
	CHECK_EQ(in.addrsize, 2);
	CHECK_EQ(in.imm, 0x1234);
	/* 66 in 16-bit mode: 32-bit immediates */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x68\x78\x56\x34\x12", 6, M16), INSN_OK);
	CHECK_EQ(in.length, 6);
	/* 66 e8 in 64-bit mode: rel32 regardless (Intel, QEMU) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\xe8\x00\x00\x00\x00", 6, M64), INSN_OK);
	CHECK_EQ(in.length, 6);
	/* 66 e8 in 32-bit mode: rel16 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\xe8\x00\x00", 4, M32), INSN_OK);
	CHECK_EQ(in.length, 4);
	/* 66 b8 with REX.W: REX.W wins, imm64 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x48\xb8\x01\x02\x03\x04\x05\x06\x07\x08", 11, M64),
		 INSN_OK);
	CHECK_EQ(in.length, 11);
	CHECK_EQ(in.imm, 0x0807060504030201ull);
	/* 66 b8 in 64-bit mode without REX.W: imm16 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\xb8\x34\x12", 4, M64), INSN_OK);
	CHECK_EQ(in.length, 4);
}

TEST(fifteen_byte_limit)
{
	uint8_t b[32];
	struct insn in;

	/* 14 prefixes + NOP = 15 bytes: fine */
	memset(b, 0x66, sizeof(b));
	b[14] = 0x90;
	CHECK_EQ(insn_decode(&in, b, sizeof(b), M64), INSN_OK);
	CHECK_EQ(in.length, 15);
	/* 15 prefixes + NOP: too long, however many bytes are available */
	b[14] = 0x66;
	b[15] = 0x90;
	CHECK_EQ(insn_decode(&in, b, sizeof(b), M64), INSN_TOO_LONG);
	CHECK_EQ(insn_decode(&in, b, 15, M64), INSN_TOO_LONG);
	/* fewer available than the limit: the caller has to fetch more first */
	CHECK_EQ(insn_decode(&in, b, 14, M64), INSN_TRUNCATED);
	/* 10 prefixes + c7 82 disp32 imm32 = 20 bytes: too long once the immediate is due */
	memset(b, 0x66, 10);
	memcpy(b + 10, "\xc7\x82\xb0\x00\x00\x00\x78\x56\x34\x12", 10);
	CHECK_EQ(insn_decode(&in, b, 20, M32), INSN_TOO_LONG);
	/* 4 REX prefixes + 11 legacy prefixes + opcode */
	memset(b, 0x48, 4);
	memset(b + 4, 0xf3, 11);
	b[15] = 0x90;
	CHECK_EQ(insn_decode(&in, b, 16, M64), INSN_TOO_LONG);
}

TEST(truncated_reports_the_bytes_wanted)
{
	struct insn in;

	/* c7 82 b0 00 00 00 | 78 56 34 12: cut inside the immediate */
	CHECK_EQ(decode_exact(&in, "\xc7\x82\xb0\x00\x00\x00\x78", 7, M64), INSN_TRUNCATED);
	CHECK_EQ(in.length, 10);
	CHECK_EQ(decode_exact(&in, "\xc7\x82\xb0", 3, M64), INSN_TRUNCATED);
	CHECK_EQ(in.length, 6);
	CHECK_EQ(decode_exact(&in, "\xc7", 1, M64), INSN_TRUNCATED);
	CHECK_EQ(in.length, 2);
	CHECK_EQ(decode_exact(&in, "", 0, M64), INSN_TRUNCATED);
	CHECK_EQ(in.length, 1);
	CHECK_EQ(insn_decode(&in, NULL, 0, M64), INSN_TRUNCATED);
}

/* ---- What is reported INVALID ---- */

static const struct bad_case {
	const char *text;
	enum insn_mode mode;
	const char *bytes;
	unsigned len;
} invalid_cases[] = {
	{ "push %es in 64-bit mode", M64, "\x06", 1 },
	{ "daa in 64-bit mode", M64, "\x27", 1 },
	{ "pusha in 64-bit mode", M64, "\x60", 1 },
	{ "82 /0 in 64-bit mode", M64, "\x82\x00\x01", 3 },
	{ "lcall ptr16:32 in 64-bit mode", M64, "\x9a\x00\x00\x00\x00\x10\x00", 7 },
	{ "aam in 64-bit mode", M64, "\xd4\x0a", 2 },
	{ "into in 64-bit mode", M64, "\xce", 1 },
	{ "ljmp ptr in 64-bit mode", M64, "\xea\x00\x00\x00\x00\x10\x00", 7 },
	{ "d6 (SALC)", M32, "\xd6", 1 },
	{ "0f 04", M64, "\x0f\x04", 2 },
	{ "0f 0a", M64, "\x0f\x0a", 2 },
	{ "0f 24 (mov from TR)", M32, "\x0f\x24\xc0", 3 },
	{ "0f 36", M64, "\x0f\x36", 2 },
	{ "0f 39", M64, "\x0f\x39", 2 },
	{ "0f a6", M64, "\x0f\xa6\x00", 3 },
	{ "fe /2", M64, "\xfe\x10", 2 },
	{ "ff /7", M64, "\xff\x38", 2 },
	{ "ff /3 (lcall) with a register", M64, "\xff\xd8", 2 },
	{ "c6 /1", M64, "\xc6\x08\x00", 3 },
	{ "c7 /7 with memory (not XBEGIN)", M64, "\xc7\x38\x00\x00\x00\x00", 6 },
	{ "lea with a register operand", M64, "\x8d\xc0", 2 },
	{ "8f /1 (AMD XOP)", M64, "\x8f\xe8\x78\xa2\xc0\x00", 6 },
	{ "lock mov %eax,(%rdx)", M64, "\xf0\x89\x02", 3 },
	{ "lock mov (%rdx),%eax", M64, "\xf0\x8b\x02", 3 },
	{ "lock add (%rdx),%eax (register destination)", M64, "\xf0\x03\x02", 3 },
	{ "lock add %eax,%ecx (register operand)", M64, "\xf0\x01\xc1", 3 },
	{ "lock cmp %eax,(%rdx)", M64, "\xf0\x39\x02", 3 },
	{ "lock cmpl $1,(%rdx)", M64, "\xf0\x83\x3a\x01", 4 },
	{ "lock test %eax,(%rdx)", M64, "\xf0\x85\x02", 3 },
	{ "lock movl $1,(%rdx)", M64, "\xf0\xc7\x02\x01\x00\x00\x00", 7 },
	{ "lock movzbl (%rdx),%eax", M64, "\xf0\x0f\xb6\x02", 4 },
	{ "lock rep stosb", M64, "\xf0\xf3\xaa", 3 },
	{ "66 before VEX", M64, "\x66\xc5\xf8\x77", 4 },
	{ "f3 before VEX", M64, "\xf3\xc5\xf8\x77", 4 },
	{ "REX before VEX", M64, "\x40\xc5\xf8\x77", 4 },
	{ "lock before EVEX", M64, "\xf0\x62\xf1\x7c\x48\x10\x00", 7 },
	{ "VEX map 4", M64, "\xc4\xe4\x78\x10\xc0", 5 },
	{ "VEX 0f 80 (no VEX branches)", M64, "\xc5\xf8\x80\x00\x00\x00\x00", 7 },
	{ "EVEX with P0 bit 3 set", M64, "\x62\xf9\x7c\x48\x10\x00", 6 },
	{ "EVEX with P1 bit 2 clear", M64, "\x62\xf1\x78\x48\x10\x00", 6 },
	{ "EVEX map 4", M64, "\x62\xf4\x7c\x48\x10\x00", 6 },
	{ "VEX map 5 (EVEX only)", M64, "\xc4\xe5\x78\x58\xc0", 5 },
};

TEST(undefined_encodings_are_invalid)
{
	for (size_t i = 0; i < sizeof(invalid_cases) / sizeof(invalid_cases[0]); i++) {
		const struct bad_case *c = &invalid_cases[i];
		struct insn in;
		enum insn_status st = decode_exact(&in, c->bytes, c->len, c->mode);

		if (st != INSN_INVALID)
			TEST_FAIL("\"%s\": %s, want invalid", c->text, insn_status_name(st));
	}
}

TEST(status_names)
{
	CHECK_STR(insn_status_name(INSN_OK), "ok");
	CHECK_STR(insn_status_name(INSN_TRUNCATED), "truncated");
	CHECK_STR(insn_status_name(INSN_TOO_LONG), "too long");
	CHECK_STR(insn_status_name(INSN_INVALID), "invalid");
	CHECK_STR(insn_status_name((enum insn_status)99), "?");
}

TEST(bad_mode_is_invalid)
{
	struct insn in;

	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x90", 1, (enum insn_mode)8), INSN_INVALID);
}

TEST(vex_and_evex_lengths)
{
	struct insn in;

	/* vzeroupper: the one VEX op without ModRM */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xc5\xf8\x77", 3, M64), INSN_OK);
	CHECK_EQ(in.length, 3);
	CHECK_EQ(in.map, INSN_MAP_VEX_0F);
	/* vpermq $0x4e,%ymm0,%ymm1: map 0F3A takes an imm8 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xc4\xe3\xfd\x00\xc8\x4e", 6, M64), INSN_OK);
	CHECK_EQ(in.length, 6);
	CHECK_EQ(in.map, INSN_MAP_VEX_0F3A);
	CHECK(in.rex & 8);	/* VEX.W */
	/* vmovdqu64 %zmm31,0x40(%r8): EVEX, disp8 (scaled by N, still one byte) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x62\x41\xfe\x48\x7f\x78\x01", 7, M64), INSN_OK);
	CHECK_EQ(in.length, 7);
	CHECK_EQ(in.map, INSN_MAP_EVEX_0F);
	CHECK_EQ(in.mem.base, INSN_R8);
	/* 32-bit mode: c4 with mod != 11 is LES, with mod 11 it is VEX */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xc4\x02", 2, M32), INSN_OK);
	CHECK_EQ(in.length, 2);
	CHECK_EQ(in.map, INSN_MAP_ONE_BYTE);
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xc4\xe3\xfd\x00\xc8\x4e", 6, M32), INSN_OK);
	CHECK_EQ(in.length, 6);
	CHECK_EQ(in.map, INSN_MAP_VEX_0F3A);
	/* 62 with mod != 11 is BOUND outside 64-bit mode */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x62\x02", 2, M32), INSN_OK);
	CHECK_EQ(in.map, INSN_MAP_ONE_BYTE);
	CHECK_EQ(in.length, 2);
	/* a VEX prefix cut short is TRUNCATED, not LES */
	CHECK_EQ(decode_exact(&in, "\xc4", 1, M32), INSN_TRUNCATED);
}

TEST(mov_cr_ignores_mod)
{
	struct insn in;

	/* 0f 20 05: mod 00 rm 101 would be disp32 elsewhere; MOV CR always names registers */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x0f\x20\x05", 3, M64), INSN_OK);
	CHECK_EQ(in.length, 3);
	CHECK(!in.has_mem);
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x0f\x22\x04", 3, M32), INSN_OK);
	CHECK_EQ(in.length, 3);
}

TEST(three_byte_maps_and_special_immediates)
{
	struct insn in;

	/* f6 /2 (not) takes no immediate; f6 /0 (test) does */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xf6\x12", 2, M64), INSN_OK);
	CHECK_EQ(in.length, 2);
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xf6\x02\x01", 3, M64), INSN_OK);
	CHECK_EQ(in.length, 3);
	/* 66 f7 /0 takes imm16 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\xf7\x02\x01\x00", 5, M64), INSN_OK);
	CHECK_EQ(in.length, 5);
	/* 0f 3a 0f /r ib (palignr) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x0f\x3a\x0f\xc1\x04", 6, M64), INSN_OK);
	CHECK_EQ(in.length, 6);
	CHECK_EQ(in.map, INSN_MAP_0F3A);
	CHECK_EQ(in.imm, 4);
	/* 0f 38 00 /r (pshufb) with SIB + disp32 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x0f\x38\x00\x84\x88\x00\x01\x00\x00", 10, M64),
		 INSN_OK);
	CHECK_EQ(in.length, 10);
	CHECK_EQ(in.map, INSN_MAP_0F38);
	/* 3DNow! 0f 0f /r ib: the trailing byte is the opcode */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x0f\x0f\xc1\xb4", 4, M32), INSN_OK);
	CHECK_EQ(in.length, 4);
	CHECK_EQ(in.map, INSN_MAP_0F0F);
	CHECK_EQ(in.opcode, 0xb4);
	/* lcall ptr16:16 and ptr16:32 in 32-bit mode */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x9a\x78\x56\x34\x12\x10\x00", 7, M32), INSN_OK);
	CHECK_EQ(in.imm, 0x12345678);
	CHECK_EQ(in.imm2, 0x10);
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x9a\x34\x12\x10\x00", 6, M32), INSN_OK);
	CHECK_EQ(in.length, 6);
	/* enter $0x1234,$5 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xc8\x34\x12\x05", 4, M64), INSN_OK);
	CHECK_EQ(in.imm2, 5);
	/* xbegin rel32 (c7 f8) */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xc7\xf8\x00\x00\x00\x00", 6, M64), INSN_OK);
	CHECK_EQ(in.length, 6);
	/* 66 0f 78 /0 ib ib (AMD EXTRQ); plain 0f 78 is VMREAD without immediates */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x0f\x78\xc0\x08\x04", 6, M64), INSN_OK);
	CHECK_EQ(in.length, 6);
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x0f\x78\x02", 3, M64), INSN_OK);
	CHECK_EQ(in.length, 3);
}

/* ---- Register file ---- */

TEST(register_writes_follow_x86_width_rules)
{
	uint64_t regs[INSN_NR_GPRS];

	for (int i = 0; i < INSN_NR_GPRS; i++)
		regs[i] = 0x1111111111111111ull * (uint64_t)(i + 1);
	insn_gpr_write(regs, INSN_RAX, 4, false, 0xdeadbeef);
	CHECK_EQ(regs[INSN_RAX], 0xdeadbeef);		/* 32-bit write zero-extends */
	insn_gpr_write(regs, INSN_RCX, 2, false, 0xabcd);
	CHECK_EQ(regs[INSN_RCX], 0x222222222222abcdull);	/* 16-bit write merges */
	insn_gpr_write(regs, INSN_RDX, 1, false, 0x1ef);
	CHECK_EQ(regs[INSN_RDX], 0x33333333333333efull);	/* 8-bit write merges */
	insn_gpr_write(regs, INSN_RBX, 1, true, 0x5a);
	CHECK_EQ(regs[INSN_RBX], 0x4444444444445a44ull);	/* BH */
	insn_gpr_write(regs, INSN_R15, 8, false, 0x0123456789abcdefull);
	CHECK_EQ(regs[INSN_R15], 0x0123456789abcdefull);
	CHECK_EQ(insn_gpr_read(regs, INSN_RBX, 1, true), 0x5a);
	CHECK_EQ(insn_gpr_read(regs, INSN_R15, 2, false), 0xcdef);
	CHECK_EQ(insn_gpr_read(regs, INSN_R15, 4, false), 0x89abcdef);
}

TEST(reg_write_extends_loaded_values)
{
	uint64_t regs[INSN_NR_GPRS] = { 0 };
	struct insn in;

	regs[INSN_RAX] = ~0ull;
	/* movsbq (%rdx),%rax: 0x80 -> -128 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x48\x0f\xbe\x02", 4, M64), INSN_OK);
	insn_reg_write(regs, &in, 0x80);
	CHECK_EQ(regs[INSN_RAX], 0xffffffffffffff80ull);
	/* movzwl (%rdx),%ecx: zero-extends all the way */
	regs[INSN_RCX] = ~0ull;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x0f\xb7\x0a", 3, M64), INSN_OK);
	insn_reg_write(regs, &in, 0xffff8000);
	CHECK_EQ(regs[INSN_RCX], 0x8000);
	/* movslq (%rdx),%rax */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x48\x63\x02", 3, M64), INSN_OK);
	insn_reg_write(regs, &in, 0x80000000);
	CHECK_EQ(regs[INSN_RAX], 0xffffffff80000000ull);
	/* mov (%rdx),%ch: merges into bits 15:8 */
	regs[INSN_RCX] = 0x1234;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x8a\x2a", 2, M64), INSN_OK);
	insn_reg_write(regs, &in, 0xab);
	CHECK_EQ(regs[INSN_RCX], 0xab34);
	/* movzbw (%rdx),%ax: 16-bit destination merges */
	regs[INSN_RAX] = 0xffffffffffffffffull;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x66\x0f\xb6\x02", 4, M64), INSN_OK);
	insn_reg_write(regs, &in, 0x80);
	CHECK_EQ(regs[INSN_RAX], 0xffffffffffff0080ull);
	/* mov 0x20(%rdx),%eax: 32-bit load zero-extends */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x8b\x42\x20", 3, M64), INSN_OK);
	insn_reg_write(regs, &in, 0xfffffffff0000000ull);
	CHECK_EQ(regs[INSN_RAX], 0xf0000000);
}

/* ---- ALU results and flags, checked against the host CPU ---- */

#define ARITH (RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_OF)

/* Runs "op src, dst" on the host CPU at the given size with CF = cf_in. */
#define HOST_OP2(insn, suffix, type, reg)                                            \
	static uint64_t host_##insn##suffix(uint64_t d, uint64_t s, uint64_t *fl)    \
	{                                                                            \
		type dd = (type)d, ss = (type)s;                                     \
		uint64_t f = *fl;                                                    \
		__asm__ volatile("push %[f]; popfq; " #insn #suffix " %[s], %[d]; pushfq; pop %[f]" \
				 : [d] "+" reg(dd), [f] "+r"(f) : [s] reg(ss) : "cc"); \
		*fl = f;                                                             \
		return (uint64_t)dd;                                                 \
	}
#define HOST_OP1(insn, suffix, type, reg)                                            \
	static uint64_t host_##insn##suffix(uint64_t d, uint64_t s, uint64_t *fl)    \
	{                                                                            \
		type dd = (type)d;                                                   \
		uint64_t f = *fl;                                                    \
		(void)s;                                                             \
		__asm__ volatile("push %[f]; popfq; " #insn #suffix " %[d]; pushfq; pop %[f]" \
				 : [d] "+" reg(dd), [f] "+r"(f) : : "cc");             \
		*fl = f;                                                             \
		return (uint64_t)dd;                                                 \
	}
#define HOST_ALL_SIZES(X, insn) \
	X(insn, b, uint8_t, "q") X(insn, w, uint16_t, "r") X(insn, l, uint32_t, "r") X(insn, q, uint64_t, "r")

HOST_ALL_SIZES(HOST_OP2, add)
HOST_ALL_SIZES(HOST_OP2, or)
HOST_ALL_SIZES(HOST_OP2, adc)
HOST_ALL_SIZES(HOST_OP2, sbb)
HOST_ALL_SIZES(HOST_OP2, and)
HOST_ALL_SIZES(HOST_OP2, sub)
HOST_ALL_SIZES(HOST_OP2, xor)
HOST_ALL_SIZES(HOST_OP2, cmp)
HOST_ALL_SIZES(HOST_OP2, test)
HOST_ALL_SIZES(HOST_OP1, inc)
HOST_ALL_SIZES(HOST_OP1, dec)
HOST_ALL_SIZES(HOST_OP1, not)
HOST_ALL_SIZES(HOST_OP1, neg)

typedef uint64_t (*host_fn)(uint64_t, uint64_t, uint64_t *);
#define HOST_ROW(insn) { host_##insn##b, host_##insn##w, host_##insn##l, host_##insn##q }

static const host_fn host_ops[][4] = {
	[INSN_ALU_ADD] = HOST_ROW(add), [INSN_ALU_OR] = HOST_ROW(or),
	[INSN_ALU_ADC] = HOST_ROW(adc), [INSN_ALU_SBB] = HOST_ROW(sbb),
	[INSN_ALU_AND] = HOST_ROW(and), [INSN_ALU_SUB] = HOST_ROW(sub),
	[INSN_ALU_XOR] = HOST_ROW(xor), [INSN_ALU_CMP] = HOST_ROW(cmp),
	[INSN_ALU_TEST] = HOST_ROW(test), [INSN_ALU_INC] = HOST_ROW(inc),
	[INSN_ALU_DEC] = HOST_ROW(dec), [INSN_ALU_NOT] = HOST_ROW(not),
	[INSN_ALU_NEG] = HOST_ROW(neg),
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Operands that hit the carry, overflow and zero edges often. */
static uint64_t edge_operand(void)
{
	static const uint64_t edges[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
					  0x7fffffff, 0x80000000, 0xffffffff,
					  0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, 0xf, 0x10 };
	uint64_t r = rng();

	if (r % 3 == 0)
		return edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))];
	return rng();
}

TEST(alu_results_and_flags_match_the_host_cpu)
{
	static const unsigned sizes[] = { 1, 2, 4, 8 };

	for (int iter = 0; iter < 20000; iter++) {
		enum insn_alu_op op = (enum insn_alu_op)(rng() % (INSN_ALU_NEG + 1));
		unsigned si = (unsigned)(rng() % 4), size = sizes[si];
		uint64_t d = edge_operand(), s = edge_operand();
		uint64_t in_flags = (rng() & (ARITH | (1u << 1))) | (1u << 1);
		uint64_t mine_fl = in_flags, host_fl = in_flags;
		uint64_t mask = size == 8 ? ~0ull : (1ull << (size * 8)) - 1;
		uint64_t mine = insn_alu(op, size, d, s, &mine_fl);
		uint64_t host = host_ops[op][si](d, s, &host_fl) & mask;
		uint64_t cmp_mask = ARITH;

		/* AF is undefined after logical operations; the CPU leaves some value. */
		if (op == INSN_ALU_AND || op == INSN_ALU_OR || op == INSN_ALU_XOR || op == INSN_ALU_TEST)
			cmp_mask &= ~RFLAGS_AF;
		if (op == INSN_ALU_CMP || op == INSN_ALU_TEST)
			host = d & mask;	/* the host destination is unchanged */
		if ((op == INSN_ALU_CMP || op == INSN_ALU_TEST ? d & mask : mine) != host ||
		    (mine_fl & cmp_mask) != (host_fl & cmp_mask) || (mine_fl & ~ARITH) != (in_flags & ~ARITH))
			TEST_FAIL("op %d size %u d 0x%llx s 0x%llx flags 0x%llx: got 0x%llx/0x%llx, cpu 0x%llx/0x%llx",
				  op, size, (unsigned long long)d, (unsigned long long)s,
				  (unsigned long long)in_flags, (unsigned long long)mine,
				  (unsigned long long)mine_fl, (unsigned long long)host,
				  (unsigned long long)host_fl);
	}
}

/* ---- End to end: decode, then carry out against a fake device register ---- */

TEST(exec_or_imm_on_mmio)
{
	uint64_t regs[INSN_NR_GPRS] = { 0 }, rflags = 1u << 1, out;
	struct insn in;

	/* lock orl $0x1,(%rdx) on a register holding 0x100 */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xf0\x83\x0a\x01", 4, M64), INSN_OK);
	CHECK(in.mem_read && in.mem_write);
	CHECK(insn_exec_mem(&in, regs, &rflags, 0x100, &out));
	CHECK_EQ(out, 0x101);
	CHECK_EQ(rflags & (RFLAGS_ZF | RFLAGS_CF | RFLAGS_OF), 0);
	/* andl $0,(%rdx) sets ZF and PF */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x83\x22\x00", 3, M64), INSN_OK);
	CHECK(insn_exec_mem(&in, regs, &rflags, 0x100, &out));
	CHECK_EQ(out, 0);
	CHECK_EQ(rflags & (RFLAGS_ZF | RFLAGS_PF), RFLAGS_ZF | RFLAGS_PF);
}

TEST(exec_apic_store_load_xchg)
{
	uint64_t regs[INSN_NR_GPRS] = { 0 }, rflags = 1u << 1, out;
	struct insn in;

	/* mov %eax,0x300(%rdx): the ICR low write */
	regs[INSN_RAX] = 0xffffffff000c4500ull;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x89\x82\x00\x03\x00\x00", 6, M64), INSN_OK);
	CHECK(!in.mem_read);
	CHECK(insn_exec_mem(&in, regs, &rflags, 0, &out));
	CHECK_EQ(out, 0x000c4500);
	/* movl $0x0,0xb0(%rax): EOI */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xc7\x80\xb0\x00\x00\x00\x00\x00\x00\x00", 10, M64),
		 INSN_OK);
	CHECK(insn_exec_mem(&in, regs, &rflags, 0, &out));
	CHECK_EQ(out, 0);
	CHECK_EQ(in.access_size, 4);
	/* xchg %eax,(%rdx): old value into EAX, zero-extended */
	regs[INSN_RAX] = 0xffffffff00000042ull;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x87\x02", 2, M64), INSN_OK);
	CHECK(insn_exec_mem(&in, regs, &rflags, 0x1234, &out));
	CHECK_EQ(out, 0x42);
	CHECK_EQ(regs[INSN_RAX], 0x1234);
	/* mov 0x20(%rdx),%eax: the APIC ID read */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x8b\x42\x20", 3, M64), INSN_OK);
	CHECK(insn_exec_mem(&in, regs, &rflags, 0x03000000, &out));
	CHECK_EQ(regs[INSN_RAX], 0x03000000);
	/* cmp (%rax),%edx: flags only, no register or memory write */
	regs[INSN_RDX] = 5;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x3b\x10", 2, M64), INSN_OK);
	CHECK(insn_exec_mem(&in, regs, &rflags, 7, &out));
	CHECK_EQ(regs[INSN_RDX], 5);
	CHECK_EQ(rflags & (RFLAGS_CF | RFLAGS_SF), RFLAGS_CF | RFLAGS_SF);
	/* add (%rcx),%al: register destination */
	regs[INSN_RAX] = 0x1ff;
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\x02\x01", 2, M64), INSN_OK);
	CHECK(insn_exec_mem(&in, regs, &rflags, 0x01, &out));
	CHECK_EQ(regs[INSN_RAX], 0x100);
	CHECK(rflags & RFLAGS_CF);
	/* strings are left to the caller */
	CHECK_EQ(insn_decode(&in, (const uint8_t *)"\xf3\xaa", 2, M64), INSN_OK);
	CHECK(!insn_exec_mem(&in, regs, &rflags, 0, &out));
}

int main(void)
{
	return test_main();
}
