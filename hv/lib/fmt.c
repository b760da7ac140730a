// SPDX-License-Identifier: GPL-2.0
/* vsnprintf for the core's log and the loader's messages. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <hv/string.h>

struct fmt_out {
	char *buf;
	size_t size;
	size_t len;	/* what the full output would take */
};

static void put(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct fmt_spec {
	bool left, zero, upper;
	int width, prec;	/* prec < 0: none */
};

static void put_padded(struct fmt_out *o, const char *s, size_t n, const struct fmt_spec *sp,
		       const char *prefix)
{
	size_t plen = strlen(prefix);
	size_t zeros = 0, total;

	if (sp->prec >= 0 && (size_t)sp->prec > n)
		zeros = (size_t)sp->prec - n;
	total = plen + zeros + n;
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > 0 && (size_t)sp->width > total) {
		zeros += (size_t)sp->width - total;
		total = (size_t)sp->width;
	}
	if (!sp->left)
		for (size_t i = total; sp->width > 0 && i < (size_t)sp->width; i++)
			put(o, ' ');
	while (*prefix)
		put(o, *prefix++);
	while (zeros--)
		put(o, '0');
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		for (size_t i = total; sp->width > 0 && i < (size_t)sp->width; i++)
			put(o, ' ');
}

static void put_uint(struct fmt_out *o, uint64_t v, unsigned base, const struct fmt_spec *sp,
		     const char *prefix)
{
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
	const char *digits = sp->upper ? upper : lower;
	char tmp[24];
	size_t n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	/* C: a zero value with precision 0 prints no digits. */
	if (sp->prec == 0 && n == 1 && tmp[sizeof(tmp) - 1] == '0')
		n = 0;
	put_padded(o, tmp + sizeof(tmp) - n, n, sp, prefix);
}

enum fmt_len { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static uint64_t arg_unsigned(va_list *ap, enum fmt_len len)
{
	switch (len) {
	case LEN_CHAR:  return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:  return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE:  return va_arg(*ap, size_t);
	default:        return va_arg(*ap, unsigned int);
	}
}

static int64_t arg_signed(va_list *ap, enum fmt_len len)
{
	switch (len) {
	case LEN_CHAR:  return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG:  return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE:  return (int64_t)va_arg(*ap, size_t);
	default:        return va_arg(*ap, int);
	}
}

static const char *parse_spec(const char *f, struct fmt_spec *sp, enum fmt_len *len, va_list *ap)
{
	*sp = (struct fmt_spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f != ' ' && *f != '+' && *f != '#')
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	*len = LEN_INT;
	if (f[0] == 'h' && f[1] == 'h')
		*len = LEN_CHAR, f += 2;
	else if (*f == 'h')
		*len = LEN_SHORT, f++;
	else if (f[0] == 'l' && f[1] == 'l')
		*len = LEN_LLONG, f += 2;
	else if (*f == 'l' || *f == 'j')
		*len = LEN_LONG, f++;
	else if (*f == 'z' || *f == 't')
		*len = LEN_SIZE, f++;
	return f;
}

static void put_conversion(struct fmt_out *o, char conv, struct fmt_spec *sp, enum fmt_len len,
			   va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		int64_t v = arg_signed(ap, len);
		uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		put_uint(o, mag, 10, sp, v < 0 ? "-" : "");
		break;
	}
	case 'u':
		put_uint(o, arg_unsigned(ap, len), 10, sp, "");
		break;
	case 'X':
		sp->upper = true;
		/* fall through */
	case 'x':
		put_uint(o, arg_unsigned(ap, len), 16, sp, "");
		break;
	case 'o':
		put_uint(o, arg_unsigned(ap, len), 8, sp, "");
		break;
	case 'p':
		put_uint(o, (uintptr_t)va_arg(*ap, void *), 16, sp, "0x");
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);
		put_padded(o, &c, 1, sp, "");
		break;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		size_t n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
		sp->prec = -1;
		sp->zero = false;
		put_padded(o, s, n, sp, "");
		break;
	}
	case '%':
		put(o, '%');
		break;
	default:	/* unknown conversion: print it verbatim so the bug shows */
		put(o, '%');
		if (conv)
			put(o, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		struct fmt_spec sp;
		enum fmt_len len;
		fmt = parse_spec(fmt + 1, &sp, &len, &args);
		put_conversion(&o, *fmt, &sp, len, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
