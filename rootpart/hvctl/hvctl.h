/* SPDX-License-Identifier: GPL-2.0 */
/* hvctl's subcommand table: one function per subcommand, each with its help. */
#ifndef HVCTL_H
#define HVCTL_H

#include <stdbool.h>
#include <stddef.h>

struct hvctl_cmd {
	const char *name;
	const char *args;	/* usage after the name, "" if none */
	const char *summary;	/* one line for "hvctl --help" */
	const char *help;	/* the rest of "hvctl NAME --help" */
	int (*run)(int argc, char **argv);	/* argv[0] is the subcommand */
};

/* Exit codes: 0 success, 1 the operation failed, 2 bad usage. */
#define HVCTL_OK      0
#define HVCTL_FAIL    1
#define HVCTL_USAGE   2

/* Prints "hvctl: <message>" to stderr and returns HVCTL_FAIL. */
int hvctl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int hvctl_usage(const struct hvctl_cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The console pty of a running domain (cmd_domain.c); reports and returns non-zero if none. */
int hvctl_domain_pty(const char *name, char *pty, size_t len);

/* Opens /dev/bulkhead or reports why not (returns -1). */
int hvctl_open_device(void);

extern const struct hvctl_cmd cmd_info, cmd_log, cmd_hypercall;
extern const struct hvctl_cmd cmd_create, cmd_list, cmd_console, cmd_shutdown, cmd_destroy;
extern const struct hvctl_cmd cmd_pause, cmd_resume, cmd_dumpxml;

#endif
