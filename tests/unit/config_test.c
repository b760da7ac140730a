// SPDX-License-Identifier: GPL-2.0
/*
 * Loader configuration tests (efi/config.c), following the key table of
 * docs/boot-protocol.md section 3: every key, sizes, limits, layout, and
 * an error naming the line for each kind of mistake.
 */
#include "test.h"

#include <hv/util.h>
#include "config.h"

static struct loader_config cfg;
static char err[CFG_ERROR_MAX];

#define BASE "hv=hv.elf\nkernel=vmlinuz\n"

/* Parses a NUL-terminated text; the harness fails with the parser's message. */
static void parse_ok(const char *text)
{
	memset(err, '#', sizeof(err));
	if (config_parse(text, strlen(text), &cfg, err))
		TEST_FAIL("refused: %s", err);
	CHECK_EQ(err[0], 0);
}

/* Expects a refusal whose message is exactly 'want'. */
static void parse_err(const char *text, const char *want)
{
	memset(err, '#', sizeof(err));
	if (config_parse(text, strlen(text), &cfg, err) != -1)
		TEST_FAIL("accepted: \"%s\"", text);
	CHECK(memchr(err, 0, sizeof(err)));
	CHECK_STR(err, want);
}

TEST(defaults)
{
	parse_ok(BASE);
	CHECK_STR(cfg.hv, "hv.elf");
	CHECK_STR(cfg.kernel, "vmlinuz");
	CHECK_STR(cfg.initrd, "");
	CHECK_STR(cfg.cmdline, "");
	CHECK_EQ(cfg.hv_memory, 64ull << 20);
	CHECK_EQ(cfg.log_port, 0x2f8);
	CHECK_EQ(cfg.console_port, 0x3f8);
	CHECK_EQ(cfg.verbose, 0);
}

TEST(every_key)
{
	parse_ok("hv=\\EFI\\bulkhead\\hv.elf\n"
		 "kernel=boot/vmlinuz-6.1\n"
		 "initrd=initrd.img\n"
		 "cmdline=console=ttyS0,115200 root=/dev/ram0 quiet\n"
		 "hv_memory=128M\n"
		 "log_port=0x3e8\n"
		 "console_port=760\n"
		 "verbose=1\n");
	CHECK_STR(cfg.hv, "\\EFI\\bulkhead\\hv.elf");
	CHECK_STR(cfg.kernel, "boot/vmlinuz-6.1");
	CHECK_STR(cfg.initrd, "initrd.img");
	/* Only the first '=' separates: the command line keeps its own. */
	CHECK_STR(cfg.cmdline, "console=ttyS0,115200 root=/dev/ram0 quiet");
	CHECK_EQ(cfg.hv_memory, 128ull << 20);
	CHECK_EQ(cfg.log_port, 0x3e8);
	CHECK_EQ(cfg.console_port, 760);
	CHECK_EQ(cfg.verbose, 1);
}

TEST(sizes_take_suffixes_and_hex)
{
	static const struct { const char *text; uint64_t bytes; } cases[] = {
		{ "64M", 64ull << 20 }, { "64m", 64ull << 20 }, { "16M", 16ull << 20 },
		{ "1G", 1ull << 30 }, { "4g", 4ull << 30 }, { "65536K", 64ull << 20 },
		{ "32768k", 32ull << 20 }, { "0x4000000", 64ull << 20 },
		{ "0X1000000", 16ull << 20 }, { "0x20M", 32ull << 20 }, { "18M", 18ull << 20 },
		{ "33554432", 32ull << 20 }, { "4096M", 4ull << 30 }, { "0x100000000", 4ull << 30 },
	};
	char text[128];

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(text, sizeof(text), BASE "hv_memory=%s\n", cases[i].text);
		parse_ok(text);
		if (cfg.hv_memory != cases[i].bytes)
			TEST_FAIL("%s: 0x%" PRIx64, cases[i].text, cfg.hv_memory);
	}
}

TEST(sizes_outside_the_limits_are_refused)
{
	static const char *const bad[] = {
		"15M", "14M", "0", "4098M", "5G", "17M",	/* range and 2 MiB multiples */
		"", "M", "0x", "0xM", "64MB", "64 M", "6 4M", "-64M", "+64M", "64Q", "1.5G",
		"0x4000000K" /* 64 GiB */, "99999999999999999999", "0x10000000000000000",
		"18446744073709551615", "17179869184G" /* overflows when shifted */,
		"0x1g0",
	};
	char text[128], want[CFG_ERROR_MAX];

	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(text, sizeof(text), BASE "hv_memory=%s\n", bad[i]);
		snprintf(want, sizeof(want), "line 3: hv_memory must be a multiple of 2M "
			 "between 16M and 4G, not '%s'", bad[i]);
		parse_err(text, want);
	}
}

TEST(ports_and_verbose)
{
	parse_ok(BASE "log_port=0\nconsole_port=0xfff8\n");
	CHECK_EQ(cfg.log_port, 0);
	CHECK_EQ(cfg.console_port, 0xfff8);
	parse_err(BASE "log_port=0xfff9\n", "line 3: bad I/O port '0xfff9'");
	parse_err(BASE "console_port=65536\n", "line 3: bad I/O port '65536'");
	parse_err(BASE "log_port=com1\n", "line 3: bad I/O port 'com1'");
	parse_err(BASE "log_port=\n", "line 3: bad I/O port ''");
	parse_ok(BASE "verbose=0\n");
	CHECK_EQ(cfg.verbose, 0);
	parse_err(BASE "verbose=2\n", "line 3: verbose must be 0 or 1, not '2'");
	parse_err(BASE "verbose=yes\n", "line 3: verbose must be 0 or 1, not 'yes'");
}

TEST(comments_blanks_and_line_endings)
{
	parse_ok("# Bulkhead loader configuration\r\n"
		 "\r\n"
		 "   \t  \n"
		 "  # indented comment\n"
		 "\thv =  hv.elf \t\r\n"
		 "kernel\t=\tvmlinuz\r\n"
		 "cmdline = quiet # not a comment: only whole lines are\n"
		 "#kernel=other\n"
		 "verbose=1");			/* no final newline */
	CHECK_STR(cfg.hv, "hv.elf");
	CHECK_STR(cfg.kernel, "vmlinuz");
	CHECK_STR(cfg.cmdline, "quiet # not a comment: only whole lines are");
	CHECK_EQ(cfg.verbose, 1);
}

TEST(later_keys_override_earlier_ones)
{
	parse_ok(BASE "kernel=second\nhv_memory=32M\nhv_memory=0x2000000\ncmdline=a\ncmdline=\n");
	CHECK_STR(cfg.kernel, "second");
	CHECK_EQ(cfg.hv_memory, 32ull << 20);
	CHECK_STR(cfg.cmdline, "");
}

TEST(errors_name_the_line)
{
	parse_err("# comment\n\nhv=x\nkernal=vmlinuz\n", "line 4: unknown key 'kernal'");
	parse_err("hv=x\r\nkernel=y\r\n\r\nHV=z\r\n", "line 4: unknown key 'HV'");
	parse_err(BASE "=value\n", "line 3: unknown key ''");
	parse_err(BASE "  just some words  \n", "line 3: expected key=value, got 'just some words'");
	parse_err("hv=a\n\n\n\n\n\n\n\n\nkernel=b\nextra\n", "line 11: expected key=value, got 'extra'");
}

TEST(a_nul_byte_is_refused)
{
	static const char text[] = "hv=a\nkernel=b\ncmd\0line=x\n";

	CHECK_EQ(config_parse(text, sizeof(text) - 1, &cfg, err), -1);
	CHECK_STR(err, "line 3: NUL byte in ''");
}

TEST(only_len_bytes_are_read)
{
	/* The file buffer need not be terminated; what follows is not parsed. */
	static const char text[] = BASE "cmdline=abc" "\nbogus line";
	char *exact = malloc(sizeof(BASE "cmdline=abc") - 1);

	memcpy(exact, text, sizeof(BASE "cmdline=abc") - 1);
	CHECK_EQ(config_parse(exact, sizeof(BASE "cmdline=abc") - 1, &cfg, err), 0);
	CHECK_STR(cfg.cmdline, "abc");
	free(exact);
}

TEST(value_length_limits)
{
	char text[CFG_CMDLINE_MAX + 64], want[CFG_ERROR_MAX];
	char path[CFG_PATH_MAX + 1], line[CFG_CMDLINE_MAX + 1];

	memset(path, 'p', sizeof(path));
	path[CFG_PATH_MAX - 1] = 0;			/* 127 bytes: fits */
	snprintf(text, sizeof(text), "hv=%s\nkernel=k\n", path);
	parse_ok(text);
	CHECK_EQ(strlen(cfg.hv), CFG_PATH_MAX - 1);
	path[CFG_PATH_MAX - 1] = 'p';
	path[CFG_PATH_MAX] = 0;				/* 128 bytes: too long */
	static const char *const keys[] = { "hv", "kernel", "initrd" };
	for (unsigned i = 0; i < ARRAY_SIZE(keys); i++) {
		snprintf(text, sizeof(text), BASE "%s=%s\n", keys[i], path);
		snprintf(want, sizeof(want), "line 3: path too long for '%s'", keys[i]);
		parse_err(text, want);
	}
	memset(line, 'c', sizeof(line));
	line[CFG_CMDLINE_MAX - 1] = 0;			/* 2047 bytes: fits */
	snprintf(text, sizeof(text), BASE "cmdline=%s\n", line);
	parse_ok(text);
	CHECK_EQ(strlen(cfg.cmdline), CFG_CMDLINE_MAX - 1);
	line[CFG_CMDLINE_MAX - 1] = 'c';
	line[CFG_CMDLINE_MAX] = 0;
	snprintf(text, sizeof(text), BASE "cmdline=%s\n", line);
	parse_err(text, "line 3: value too long for 'cmdline'");
}

TEST(hv_and_kernel_are_required)
{
	static const char *const texts[] = {
		"", "\n\n# nothing\n", "hv=hv.elf\n", "kernel=vmlinuz\n", "hv=\nkernel=vmlinuz\n",
		"hv=hv.elf\nkernel=  \n",
	};

	for (unsigned i = 0; i < ARRAY_SIZE(texts); i++)
		parse_err(texts[i], "the configuration must name 'hv' and 'kernel'");
}

TEST(long_messages_are_cut_not_overrun)
{
	char text[512];
	char key[300];

	memset(key, 'k', sizeof(key));
	key[sizeof(key) - 1] = 0;
	snprintf(text, sizeof(text), "%s=1\n", key);
	memset(err, '#', sizeof(err));
	CHECK_EQ(config_parse(text, strlen(text), &cfg, err), -1);
	CHECK_EQ(strlen(err), CFG_ERROR_MAX - 1);
	CHECK(!strncmp(err, "line 1: unknown key 'kkk", 24));
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
