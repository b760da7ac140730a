// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl console NAME: attaches the terminal to a partition's serial console
 * (its pty), as virsh console does; Ctrl-] detaches.
 */
#include "hvctl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define ESCAPE_CHAR 0x1D	/* Ctrl-] */

static int relay(int tty_in, int tty_out, int pty)
{
	char buf[4096];

	for (;;) {
		struct pollfd p[2] = { { tty_in, POLLIN, 0 }, { pty, POLLIN, 0 } };

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (p[0].revents & (POLLIN | POLLHUP)) {
			ssize_t n = read(tty_in, buf, sizeof(buf));
			if (n <= 0)
				return 0;
			char *esc = memchr(buf, ESCAPE_CHAR, (size_t)n);
			if (esc)
				n = esc - buf;
			if (n > 0 && write(pty, buf, (size_t)n) < 0)
				return -1;
			if (esc)
				return 0;
		}
		if (p[1].revents & POLLIN) {
			ssize_t n = read(pty, buf, sizeof(buf));
			if (n > 0 && write(tty_out, buf, (size_t)n) < 0)
				return -1;
		}
		if (p[1].revents & (POLLHUP | POLLERR) && !(p[1].revents & POLLIN))
			return 0;	/* the worker went away */
	}
}

static int console_run(int argc, char **argv)
{
	char path[64];
	struct termios saved, raw;
	bool is_tty = isatty(STDIN_FILENO);
	int pty, ret;

	if (argc != 2)
		return hvctl_usage(&cmd_console, "expected one domain name");
	if (hvctl_domain_pty(argv[1], path, sizeof(path)))
		return HVCTL_FAIL;
	pty = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (pty < 0)
		return hvctl_fail("cannot open the console %s: %s", path, strerror(errno));
	if (tcgetattr(pty, &raw) == 0) {
		cfmakeraw(&raw);
		tcsetattr(pty, TCSANOW, &raw);
	}
	printf("Connected to domain '%s'\nEscape character is ^] (Ctrl + ])\n", argv[1]);
	fflush(stdout);
	if (is_tty) {
		tcgetattr(STDIN_FILENO, &saved);
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	ret = relay(STDIN_FILENO, STDOUT_FILENO, pty);
	if (is_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	close(pty);
	printf("\n");
	return ret ? hvctl_fail("console relay failed: %s", strerror(errno)) : HVCTL_OK;
}

const struct hvctl_cmd cmd_console = {
	"console", "NAME", "attach to a partition's serial console",
	"Connects this terminal to the guest's first serial port. Ctrl-] detaches;\n"
	"the guest keeps running. Output while nobody is attached is in\n"
	"/run/bulkhead/NAME.console.log.\n",
	console_run,
};
