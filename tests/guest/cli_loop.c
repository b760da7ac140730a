// SPDX-License-Identifier: GPL-2.0
/*
 * A guest that never yields: interrupts off, then an endless loop with no
 * exits of its own. The harness must still be able to destroy it (and its
 * processor must not stop the others). Prints its intent, then nothing.
 */
#include <guest/console.h>
#include <guest/test.h>

const struct test_info test_info = {
	.name = "cli_loop",
	.title = "a guest spinning with interrupts off can be destroyed",
};

void test_main(void)
{
	printf("cli_loop: expect: interrupts off, spinning forever; the harness destroys the partition\n");
	__asm__ volatile("cli\n"
			 "1:\tjmp 1b" ::: "memory");
	__builtin_unreachable();
}
