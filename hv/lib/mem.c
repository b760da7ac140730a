// SPDX-License-Identifier: GPL-2.0
/*
 * memcpy and memset, which the compiler also emits calls to. Separate from
 * string.c because the EFI loader takes these two from gnu-efi's libefi.
 */
#include <hv/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	/* rep movsb is fast on every CPU this core supports (ERMSB or not). */
	void *ret = dst;
	__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	__asm__ volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(c) : "memory");
	return ret;
}
