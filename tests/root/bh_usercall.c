// SPDX-License-Identifier: GPL-2.0
/*
 * Test program: issues a hypercall from user mode (CPL 3), which the core
 * must refuse with ACCESS_DENIED, and prints the status it got.
 */
#include <bulkhead/hypercall.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	uint64_t rax;
	uint64_t rcx = BH_HC_GET_INFO, rdx = 0;
	register uint64_t r8 __asm__("r8") = 0;

	__asm__ volatile("vmmcall" : "=a"(rax), "+c"(rcx), "+d"(rdx), "+r"(r8) : : "r9", "r10", "r11", "memory");
	printf("usercall status: %#llx\n", (unsigned long long)(rax & BH_HC_STATUS_MASK));
	return (rax & BH_HC_STATUS_MASK) == BH_STATUS_ACCESS_DENIED ? 0 : 1;
}
