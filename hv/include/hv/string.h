/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding string and memory functions (hv/lib/string.c). */
#ifndef HV_STRING_H
#define HV_STRING_H

#include <stdarg.h>
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Copies at most size - 1 bytes and always NUL-terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

/*
 * printf-style formatting: %d %i %u %x %X %o %c %s %p %%, flags '-' '0',
 * width and precision (also '*'), length modifiers hh h l ll z j t.
 * Returns the length the full output would have, like C99 vsnprintf.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
