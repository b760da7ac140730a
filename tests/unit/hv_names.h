/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv/lib's libc-named functions as tests see them: tests/unit/libs.mk
 * builds hv/lib with hv_ names so they can be set against the host libc.
 */
#ifndef TESTS_HV_NAMES_H
#define TESTS_HV_NAMES_H

#include <stdarg.h>
#include <stddef.h>

void *hv_memcpy(void *dst, const void *src, size_t n);
void *hv_memmove(void *dst, const void *src, size_t n);
void *hv_memset(void *dst, int c, size_t n);
int hv_memcmp(const void *a, const void *b, size_t n);
size_t hv_strlen(const char *s);
size_t hv_strnlen(const char *s, size_t max);
int hv_strcmp(const char *a, const char *b);
int hv_strncmp(const char *a, const char *b, size_t n);
size_t hv_strlcpy(char *dst, const char *src, size_t size);
int hv_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int hv_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
