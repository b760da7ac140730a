/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small AML encoder (ACPI 6.5 chapter 20) for the DSDT the worker hands its
 * guests; the opcodes and prefixes (AML_*) are in <bulkhead/acpi.h>.
 */
#ifndef WORKER_AML_H
#define WORKER_AML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bulkhead/acpi.h>

/* How many bytes aml_begin() reserves for a PkgLength: the longest form (ACPI 6.5 20.2.4). */
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
