// SPDX-License-Identifier: GPL-2.0
/* Loader configuration parser; pure, so it is unit-tested and fuzzed on the host. */
#include "config.h"
#include <hv/string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trims [*b, *e) of blanks. */
static void trim(const char **b, const char **e)
{
	while (*b < *e && is_space(**b))
		(*b)++;
	while (*e > *b && is_space((*e)[-1]))
		(*e)--;
}

static int parse_uint(const char *b, const char *e, uint64_t *out)
{
	uint64_t v = 0;
	unsigned base = 10;

	if (e - b > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X')) {
		base = 16;
		b += 2;
	}
	if (b == e)
		return -1;
	for (; b < e; b++) {
		unsigned d;
		if (*b >= '0' && *b <= '9')
			d = (unsigned)(*b - '0');
		else if (base == 16 && *b >= 'a' && *b <= 'f')
			d = (unsigned)(*b - 'a' + 10);
		else if (base == 16 && *b >= 'A' && *b <= 'F')
			d = (unsigned)(*b - 'A' + 10);
		else
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/* "64M", "1G", "65536K", "0x4000000": bytes. */
static int parse_size(const char *b, const char *e, uint64_t *out)
{
	unsigned shift = 0;

	if (e > b) {
		switch (e[-1]) {
		case 'K': case 'k': shift = 10; break;
		case 'M': case 'm': shift = 20; break;
		case 'G': case 'g': shift = 30; break;
		}
	}
	if (shift)
		e--;
	if (parse_uint(b, e, out) || (*out << shift >> shift) != *out)
		return -1;
	*out <<= shift;
	return 0;
}

static int set_string(char *dst, size_t cap, const char *b, const char *e)
{
	size_t n = (size_t)(e - b);

	if (n >= cap)
		return -1;
	memcpy(dst, b, n);
	dst[n] = 0;
	return 0;
}

static int fail(char *err, unsigned line, const char *what, const char *kb, const char *ke)
{
	snprintf(err, CFG_ERROR_MAX, "line %u: %s '%.*s'", line, what, (int)(ke - kb), kb);
	return -1;
}

static int set_key(struct loader_config *cfg, unsigned line, const char *kb, const char *ke,
		   const char *vb, const char *ve, char *err)
{
	size_t klen = (size_t)(ke - kb);
	uint64_t v;

#define KEY_IS(name) (klen == sizeof(name) - 1 && !memcmp(kb, name, klen))
	if (KEY_IS("hv") || KEY_IS("kernel") || KEY_IS("initrd")) {
		char *dst = KEY_IS("hv") ? cfg->hv : KEY_IS("kernel") ? cfg->kernel : cfg->initrd;
		if (set_string(dst, CFG_PATH_MAX, vb, ve))
			return fail(err, line, "path too long for", kb, ke);
	} else if (KEY_IS("cmdline")) {
		if (set_string(cfg->cmdline, CFG_CMDLINE_MAX, vb, ve))
			return fail(err, line, "value too long for", kb, ke);
	} else if (KEY_IS("hv_memory")) {
		if (parse_size(vb, ve, &v) || v < CFG_MIN_HV_MEMORY || v > (4ull << 30) ||
		    (v & ((2ull << 20) - 1)))
			return fail(err, line, "hv_memory must be a multiple of 2M between 16M and 4G, not",
				    vb, ve);
		cfg->hv_memory = v;
	} else if (KEY_IS("log_port") || KEY_IS("console_port")) {
		if (parse_uint(vb, ve, &v) || v > 0xFFF8)
			return fail(err, line, "bad I/O port", vb, ve);
		*(KEY_IS("log_port") ? &cfg->log_port : &cfg->console_port) = (uint16_t)v;
	} else if (KEY_IS("verbose")) {
		if (parse_uint(vb, ve, &v) || v > 1)
			return fail(err, line, "verbose must be 0 or 1, not", vb, ve);
		cfg->verbose = (int)v;
	} else {
		return fail(err, line, "unknown key", kb, ke);
	}
#undef KEY_IS
	return 0;
}

int config_parse(const char *text, size_t len, struct loader_config *cfg, char err[CFG_ERROR_MAX])
{
	const char *p = text, *end = text + len;
	unsigned line = 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->hv_memory = CFG_DEFAULT_HV_MEMORY;
	cfg->log_port = CFG_DEFAULT_LOG_PORT;
	cfg->console_port = CFG_DEFAULT_CONSOLE_PORT;
	err[0] = 0;
	while (p < end) {
		const char *eol = p, *b = p, *e, *eq;

		while (eol < end && *eol != '\n')
			eol++;
		line++;
		e = eol;
		p = eol < end ? eol + 1 : end;
		for (eq = b; eq < e && *eq; eq++)
			;
		if (eq < e)
			return fail(err, line, "NUL byte in", b, b);
		trim(&b, &e);
		if (b == e || *b == '#')
			continue;
		for (eq = b; eq < e && *eq != '='; eq++)
			;
		if (eq == e)
			return fail(err, line, "expected key=value, got", b, e);
		const char *kb = b, *ke = eq, *vb = eq + 1, *ve = e;
		trim(&kb, &ke);
		trim(&vb, &ve);
		if (set_key(cfg, line, kb, ke, vb, ve, err))
			return -1;
	}
	if (!cfg->hv[0] || !cfg->kernel[0]) {
		snprintf(err, CFG_ERROR_MAX, "the configuration must name 'hv' and 'kernel'");
		return -1;
	}
	return 0;
}
