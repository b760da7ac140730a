/* SPDX-License-Identifier: GPL-2.0 */
/* A small AML encoder (ACPI 6.5 chapter 20) for the DSDT the worker hands its guests. */
#ifndef WORKER_AML_H
#define WORKER_AML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Opcodes and prefixes (ACPI 6.5 20.2). */
#define AML_ZERO_OP        0x00
#define AML_ONE_OP         0x01
#define AML_NAME_OP        0x08
#define AML_BYTE_PREFIX    0x0A
#define AML_WORD_PREFIX    0x0B
#define AML_DWORD_PREFIX   0x0C
#define AML_STRING_PREFIX  0x0D
#define AML_QWORD_PREFIX   0x0E
#define AML_SCOPE_OP       0x10
#define AML_BUFFER_OP      0x11
#define AML_PACKAGE_OP     0x12
#define AML_DUAL_NAME_PREFIX  0x2E
#define AML_MULTI_NAME_PREFIX 0x2F
#define AML_EXT_OP_PREFIX  0x5B
#define AML_DEVICE_OP      0x82	/* after AML_EXT_OP_PREFIX */
#define AML_ROOT_CHAR      0x5C	/* '\' */
#define AML_PARENT_CHAR    0x5E	/* '^' */
#define AML_ONES_OP        0xFF
#define AML_NAMESEG_LEN    4

/* PkgLength (20.2.4): one byte up to 63, else 2-4 bytes with the count in bits 7:6. */
#define AML_PKGLEN_1BYTE_MAX 0x3F
#define AML_PKGLEN_MAX     0x0FFFFFFF
#define AML_PKGLEN_RESERVE 4

/* Small resource descriptors (ACPI 6.5 6.4.2). */
#define AML_RES_IRQ_NOFLAGS 0x22	/* IRQ descriptor, length 2 */
#define AML_RES_IO          0x47	/* I/O port descriptor, length 7 */
#define AML_RES_IO_DECODE16 0x01
#define AML_RES_END_TAG     0x79	/* end tag, length 1 */

#define AML_MAX_DEPTH      8

struct aml {
	uint8_t *buf;
	size_t cap, len;
	bool error;		/* out of room, nesting too deep, or a malformed name */
	size_t open[AML_MAX_DEPTH];	/* where each open PkgLength was reserved */
	unsigned depth;
};

void aml_init(struct aml *a, uint8_t *buf, size_t cap);
void aml_byte(struct aml *a, uint8_t b);
void aml_bytes(struct aml *a, const void *p, size_t n);

/* A NameString: "\\_SB.COM1", "_HID", "^FOO"; segments shorter than 4 are padded with '_'. */
void aml_name_string(struct aml *a, const char *path);
/* The shortest integer encoding (ZeroOp, OneOp, OnesOp or a prefixed constant). */
void aml_integer(struct aml *a, uint64_t v);
void aml_string(struct aml *a, const char *s);
/* EisaId("PNP0501"): the compressed 32-bit ID as a DWordConst. */
void aml_eisaid(struct aml *a, const char *id);
/* Buffer(){...} with fixed contents. */
void aml_buffer(struct aml *a, const uint8_t *data, size_t n);

/* Opens a term with a PkgLength after 'op' (1 or 2 bytes); aml_end() closes it. */
void aml_begin(struct aml *a, const uint8_t *op, size_t op_len);
void aml_end(struct aml *a);

/* Name(path, <the data object the caller emits next>) */
void aml_name(struct aml *a, const char *path);
void aml_scope_begin(struct aml *a, const char *path);
void aml_device_begin(struct aml *a, const char *path);
/* Package(n){<n data objects the caller emits>} */
void aml_package_begin(struct aml *a, uint8_t nr_elements);

/* The encoded length of a PkgLength for 'content' bytes after it; 0 if too long. */
size_t aml_pkglen_size(size_t content);

#endif
