// SPDX-License-Identifier: GPL-2.0
/* A small AML encoder: names, integers, strings, buffers, packages, scopes and devices. */
#include "aml.h"

#include <string.h>

#define PKGLEN_LOW_NIBBLE  0x0F
#define NIBBLE_BITS        4
#define BYTE_BITS          8
#define EISA_CHAR_BITS     5
#define EISA_CHAR_MASK     0x1F
#define EISA_ID_LEN        7
#define HEX_DIGIT_BITS     4
#define DEC_DIGITS         10

void aml_init(struct aml *a, uint8_t *buf, size_t cap)
{
	memset(a, 0, sizeof(*a));
	a->buf = buf;
	a->cap = cap;
}

void aml_bytes(struct aml *a, const void *p, size_t n)
{
	if (a->error || n > a->cap - a->len) {
		a->error = true;
		return;
	}
	memcpy(a->buf + a->len, p, n);
	a->len += n;
}

void aml_byte(struct aml *a, uint8_t b)
{
	aml_bytes(a, &b, 1);
}

static bool is_lead_char(char c)
{
	return (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(char c)
{
	return is_lead_char(c) || (c >= '0' && c <= '9');
}

/* Reads one segment of up to 4 characters into 'seg', padded with '_'; returns its length. */
static size_t name_seg(const char *p, char seg[AML_NAMESEG_LEN], bool *ok)
{
	size_t n = 0;

	memset(seg, '_', AML_NAMESEG_LEN);
	while (p[n] && p[n] != '.') {
		if (n >= AML_NAMESEG_LEN || !(n ? is_name_char(p[n]) : is_lead_char(p[n])))
			*ok = false;
		else
			seg[n] = p[n];
		n++;
	}
	if (n == 0)
		*ok = false;
	return n;
}

void aml_name_string(struct aml *a, const char *path)
{
	char segs[UINT8_MAX][AML_NAMESEG_LEN];
	unsigned count = 0;
	bool ok = true;

	if (*path == '\\') {
		aml_byte(a, AML_ROOT_CHAR);
		path++;
	}
	while (*path == '^') {
		aml_byte(a, AML_PARENT_CHAR);
		path++;
	}
	while (*path && count < UINT8_MAX) {
		path += name_seg(path, segs[count++], &ok);
		if (*path == '.')
			path++;
	}
	if (!ok || *path) {
		a->error = true;
		return;
	}
	if (count == 2)
		aml_byte(a, AML_DUAL_NAME_PREFIX);
	else if (count > 2) {
		aml_byte(a, AML_MULTI_NAME_PREFIX);
		aml_byte(a, (uint8_t)count);
	}
	if (count == 0)
		aml_byte(a, AML_ZERO_OP);	/* NullName */
	for (unsigned i = 0; i < count; i++)
		aml_bytes(a, segs[i], AML_NAMESEG_LEN);
}

static void put_le(struct aml *a, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		aml_byte(a, (uint8_t)(v >> (BYTE_BITS * i)));
}

static void prefixed(struct aml *a, uint8_t prefix, uint64_t v, unsigned bytes)
{
	aml_byte(a, prefix);
	put_le(a, v, bytes);
}

void aml_integer(struct aml *a, uint64_t v)
{
	if (v == 0)
		aml_byte(a, AML_ZERO_OP);
	else if (v == 1)
		aml_byte(a, AML_ONE_OP);
	else if (v == UINT64_MAX)
		aml_byte(a, AML_ONES_OP);
	else if (v <= UINT8_MAX)
		prefixed(a, AML_BYTE_PREFIX, v, sizeof(uint8_t));
	else if (v <= UINT16_MAX)
		prefixed(a, AML_WORD_PREFIX, v, sizeof(uint16_t));
	else if (v <= UINT32_MAX)
		prefixed(a, AML_DWORD_PREFIX, v, sizeof(uint32_t));
	else
		prefixed(a, AML_QWORD_PREFIX, v, sizeof(uint64_t));
}

void aml_string(struct aml *a, const char *s)
{
	aml_byte(a, AML_STRING_PREFIX);
	aml_bytes(a, s, strlen(s) + 1);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + DEC_DIGITS;
	return -1;
}

/* ACPI 6.5 19.6.35: three letters of 5 bits each, then four hex digits, big-endian. */
void aml_eisaid(struct aml *a, const char *id)
{
	uint32_t v = 0;

	if (strlen(id) != EISA_ID_LEN) {
		a->error = true;
		return;
	}
	for (int i = 0; i < 3; i++) {
		if (id[i] < 'A' || id[i] > 'Z')
			a->error = true;
		v = v << EISA_CHAR_BITS | ((uint32_t)(id[i] - '@') & EISA_CHAR_MASK);
	}
	for (int i = 3; i < EISA_ID_LEN; i++) {
		int h = hex_value(id[i]);

		if (h < 0)
			a->error = true;
		v = v << HEX_DIGIT_BITS | (uint32_t)(h & PKGLEN_LOW_NIBBLE);
	}
	aml_byte(a, AML_DWORD_PREFIX);
	for (int i = 3; i >= 0; i--)
		aml_byte(a, (uint8_t)(v >> (BYTE_BITS * i)));
}

size_t aml_pkglen_size(size_t content)
{
	for (size_t n = 1; n <= AML_PKGLEN_RESERVE; n++) {
		size_t total = content + n;
		size_t max = n == 1 ? AML_PKGLEN_1BYTE_MAX : ((size_t)1 << (NIBBLE_BITS + BYTE_BITS * (n - 1))) - 1;

		if (total <= max)
			return n;
	}
	return 0;
}

static void put_pkglen(uint8_t *p, size_t total, size_t n)
{
	if (n == 1) {
		p[0] = (uint8_t)total;
		return;
	}
	p[0] = (uint8_t)((n - 1) << AML_PKGLEN_BYTES_SHIFT | (total & PKGLEN_LOW_NIBBLE));
	for (size_t i = 1; i < n; i++)
		p[i] = (uint8_t)(total >> (NIBBLE_BITS + BYTE_BITS * (i - 1)));
}

void aml_begin(struct aml *a, const uint8_t *op, size_t op_len)
{
	static const uint8_t reserve[AML_PKGLEN_RESERVE];

	if (a->depth >= AML_MAX_DEPTH) {
		a->error = true;
		return;
	}
	aml_bytes(a, op, op_len);
	a->open[a->depth++] = a->len;
	aml_bytes(a, reserve, sizeof(reserve));
}

/* Writes the PkgLength in its shortest form and slides the contents down over the rest. */
void aml_end(struct aml *a)
{
	size_t at, content, n;

	if (a->depth == 0) {
		a->error = true;
		return;
	}
	at = a->open[--a->depth];
	if (a->error)
		return;
	content = a->len - at - AML_PKGLEN_RESERVE;
	n = aml_pkglen_size(content);
	if (n == 0) {
		a->error = true;
		return;
	}
	memmove(a->buf + at + n, a->buf + at + AML_PKGLEN_RESERVE, content);
	put_pkglen(a->buf + at, content + n, n);
	a->len -= AML_PKGLEN_RESERVE - n;
}

void aml_buffer(struct aml *a, const uint8_t *data, size_t n)
{
	static const uint8_t op = AML_BUFFER_OP;

	aml_begin(a, &op, 1);
	aml_integer(a, n);
	aml_bytes(a, data, n);
	aml_end(a);
}

void aml_name(struct aml *a, const char *path)
{
	aml_byte(a, AML_NAME_OP);
	aml_name_string(a, path);
}

void aml_scope_begin(struct aml *a, const char *path)
{
	static const uint8_t op = AML_SCOPE_OP;

	aml_begin(a, &op, 1);
	aml_name_string(a, path);
}

void aml_device_begin(struct aml *a, const char *path)
{
	static const uint8_t op[] = { AML_EXT_OP_PREFIX, AML_DEVICE_OP };

	aml_begin(a, op, sizeof(op));
	aml_name_string(a, path);
}

void aml_package_begin(struct aml *a, uint8_t nr_elements)
{
	static const uint8_t op = AML_PACKAGE_OP;

	aml_begin(a, &op, 1);
	aml_byte(a, nr_elements);
}
