// SPDX-License-Identifier: GPL-2.0
/* hvctl: manage the Bulkhead hypervisor from the root partition. */
#include "hvctl.h"
#include "../lib/bhdev.h"

#include <bulkhead/version.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int cmd_version_run(int argc, char **argv);
static int cmd_help_run(int argc, char **argv);

static const struct hvctl_cmd cmd_version = {
	"version", "", "print hvctl's version",
	"Prints the version of this hvctl. 'hvctl info' shows the core's.\n", cmd_version_run,
};
static const struct hvctl_cmd cmd_help = {
	"help", "[COMMAND]", "show help for hvctl or one command",
	"Without an argument lists the commands; with one, explains it.\n", cmd_help_run,
};

static const struct hvctl_cmd *const commands[] = {
	&cmd_create, &cmd_list, &cmd_console, &cmd_shutdown, &cmd_destroy, &cmd_pause,
	&cmd_resume, &cmd_dumpxml, &cmd_info, &cmd_log, &cmd_hypercall, &cmd_version, &cmd_help,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

int hvctl_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("hvctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return HVCTL_FAIL;
}

int hvctl_usage(const struct hvctl_cmd *c, const char *fmt, ...)
{
	va_list ap;

	fputs("hvctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: hvctl %s %s\n", c->name, c->args);
	return HVCTL_USAGE;
}

int hvctl_open_device(void)
{
	char err[256];
	int fd = bhdev_open(err, sizeof(err));

	if (fd < 0)
		hvctl_fail("%s", err);
	return fd;
}

static void print_usage(FILE *f)
{
	fprintf(f, "usage: hvctl COMMAND [ARGS]\n\n"
		   "Manage the Bulkhead hypervisor from the root partition.\n\nCommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\nRun 'hvctl COMMAND --help' for a command's arguments.\n");
}

static void print_command_help(const struct hvctl_cmd *c)
{
	printf("usage: hvctl %s %s\n\n%s.\n\n%s", c->name, c->args, c->summary, c->help);
}

static const struct hvctl_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static int cmd_version_run(int argc, char **argv)
{
	if (argc > 1)
		return hvctl_usage(&cmd_version, "unexpected argument '%s'", argv[1]);
	printf("hvctl %s (hypercall ABI v%u)\n", BH_VERSION_STRING, BH_HC_ABI_VERSION);
	return HVCTL_OK;
}

static int cmd_help_run(int argc, char **argv)
{
	if (argc > 2)
		return hvctl_usage(&cmd_help, "too many arguments");
	if (argc == 1) {
		print_usage(stdout);
		return HVCTL_OK;
	}
	const struct hvctl_cmd *c = find_command(argv[1]);
	if (!c)
		return hvctl_fail("unknown command '%s' (see 'hvctl --help')", argv[1]);
	print_command_help(c);
	return HVCTL_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return HVCTL_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_usage(stdout);
		return HVCTL_OK;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version_run(1, argv + 1);
	const struct hvctl_cmd *c = find_command(argv[1]);
	if (!c) {
		hvctl_fail("unknown command '%s' (see 'hvctl --help')", argv[1]);
		return HVCTL_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_command_help(c);
			return HVCTL_OK;
		}
		if (!strcmp(argv[i], "--"))
			break;
	}
	return c->run(argc - 1, argv + 1);
}
