// SPDX-License-Identifier: GPL-2.0
/* ACPI table builder and AML encoder: parsed back by raw spec offsets, checksums, and iasl -d. */
#include "test.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acpi_tables.h"
#include "aml.h"
#include "platform.h"

#define GPA_BASE 0xE0000ull
#define MEM_SIZE 0x4000

static uint8_t mem[MEM_SIZE];

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* The table at a guest-physical address, checked for bounds, signature and checksum. */
static const uint8_t *table_at(uint64_t gpa, const char *sig)
{
	const uint8_t *t;

	if (gpa < GPA_BASE || gpa + 36 > GPA_BASE + MEM_SIZE)
		TEST_FAIL("%s at 0x%llx is outside the buffer", sig, (unsigned long long)gpa);
	t = mem + (gpa - GPA_BASE);
	if (memcmp(t, sig, 4) != 0)
		TEST_FAIL("expected %s at 0x%llx", sig, (unsigned long long)gpa);
	if (gpa + le32(t + 4) > GPA_BASE + MEM_SIZE)
		TEST_FAIL("%s runs past the buffer", sig);
	if (acpi_checksum(t, le32(t + 4)) != 0)
		TEST_FAIL("%s checksum", sig);
	if (memcmp(t + 10, "BLKHD ", 6) != 0)
		TEST_FAIL("%s OEM ID", sig);
	return t;
}

static const uint8_t *build(unsigned vcpus, uint64_t *rsdp_gpa, int *used)
{
	struct acpi_config cfg;

	memset(mem, 0xAA, sizeof(mem));
	acpi_config_default(&cfg, vcpus);
	*used = acpi_build_tables(mem, sizeof(mem), GPA_BASE, &cfg, rsdp_gpa);
	if (*used <= 0)
		TEST_FAIL("acpi_build_tables: %d", *used);
	return mem + (*rsdp_gpa - GPA_BASE);
}

static const uint8_t *fadt_of(const uint8_t *rsdp)
{
	const uint8_t *xsdt = table_at(le64(rsdp + 24), "XSDT");

	return table_at(le64(xsdt + 36), "FACP");
}

static const uint8_t *madt_of(const uint8_t *rsdp)
{
	const uint8_t *xsdt = table_at(le64(rsdp + 24), "XSDT");

	return table_at(le64(xsdt + 44), "APIC");
}

static const uint8_t *find(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (!memcmp(hay + i, needle, m))
			return hay + i;
	return NULL;
}

TEST(rsdp_revision2_both_checksums)
{
	uint64_t rsdp_gpa;
	int used;
	const uint8_t *rsdp = build(1, &rsdp_gpa, &used);

	CHECK_EQ(rsdp_gpa % 16, 0u);
	CHECK_EQ(rsdp_gpa, GPA_BASE);
	CHECK(!memcmp(rsdp, "RSD PTR ", 8));
	CHECK_EQ(rsdp[15], 2);
	CHECK_EQ(acpi_checksum(rsdp, 20), 0);
	CHECK_EQ(le32(rsdp + 20), 36u);
	CHECK_EQ(acpi_checksum(rsdp, 36), 0);
	CHECK(used > 36 && used < 4096);
}

TEST(xsdt_and_rsdt_list_fadt_and_madt)
{
	uint64_t rsdp_gpa;
	int used;
	const uint8_t *rsdp = build(2, &rsdp_gpa, &used);
	const uint8_t *xsdt = table_at(le64(rsdp + 24), "XSDT");
	const uint8_t *rsdt = table_at(le32(rsdp + 16), "RSDT");

	CHECK_EQ(le32(xsdt + 4), 36u + 2 * 8);
	CHECK_EQ(le32(rsdt + 4), 36u + 2 * 4);
	CHECK_EQ(le32(rsdt + 36), le64(xsdt + 36));
	CHECK_EQ(le32(rsdt + 40), le64(xsdt + 44));
	table_at(le64(xsdt + 36), "FACP");
	table_at(le64(xsdt + 44), "APIC");
	CHECK(le64(xsdt + 44) + le32(madt_of(rsdp) + 4) <= GPA_BASE + (uint64_t)used);
}

TEST(fadt_fixed_hardware)
{
	uint64_t rsdp_gpa;
	int used;
	const uint8_t *f = fadt_of(build(1, &rsdp_gpa, &used));

	CHECK_EQ(le32(f + 4), 276u);
	CHECK_EQ(f[8], 6);		/* revision */
	CHECK_EQ(f[131], 5);		/* minor version */
	CHECK_EQ(le16(f + 46), 9u);	/* SCI_INT */
	CHECK_EQ(le32(f + 48), 0u);	/* SMI_CMD: always in ACPI mode */
	CHECK_EQ(le32(f + 56), 0x600u);	/* PM1a_EVT_BLK */
	CHECK_EQ(le32(f + 64), 0x604u);	/* PM1a_CNT_BLK */
	CHECK_EQ(le32(f + 76), 0x608u);	/* PM_TMR_BLK */
	CHECK_EQ(le32(f + 80), 0x620u);	/* GPE0_BLK */
	CHECK_EQ(f[88], 4);
	CHECK_EQ(f[89], 2);
	CHECK_EQ(f[91], 4);
	CHECK_EQ(f[92], 4);
	CHECK_EQ(le16(f + 96), 101u);
	CHECK_EQ(le16(f + 98), 1001u);
	CHECK_EQ(f[108], 0x32);		/* CENTURY */
	uint16_t boot = le16(f + 109);
	CHECK(boot & 0x01);		/* LEGACY_DEVICES */
	CHECK_EQ(boot & 0x02, 0);	/* no 8042 to probe */
	CHECK(boot & 0x04);		/* no VGA */
	CHECK_EQ(boot & 0x20, 0);	/* CMOS RTC present */
	uint32_t flags = le32(f + 112);
	CHECK(flags & (1u << 0));	/* WBINVD */
	CHECK_EQ(flags & (1u << 4), 0u);	/* fixed power button present */
	CHECK(flags & (1u << 5));	/* no fixed sleep button */
	CHECK(flags & (1u << 8));	/* 32-bit PM timer */
	CHECK(flags & (1u << 10));	/* RESET_REG_SUP */
	CHECK_EQ(flags & (1u << 20), 0u);	/* not hardware-reduced */
	/* RESET_REG: SystemIO, 8 bits, byte access, 0xCF9; value 6 */
	CHECK_EQ(f[116], 1);
	CHECK_EQ(f[117], 8);
	CHECK_EQ(f[119], 1);
	CHECK_EQ(le64(f + 120), 0xCF9u);
	CHECK_EQ(f[128], 6);
	/* X_ blocks agree with the 32-bit ones */
	static const struct { unsigned legacy, x; uint8_t width; } blocks[] = {
		{ 56, 148, 32 }, { 64, 172, 16 }, { 76, 208, 32 }, { 80, 220, 32 },
	};
	for (unsigned i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		CHECK_EQ(f[blocks[i].x], 1);
		CHECK_EQ(f[blocks[i].x + 1], blocks[i].width);
		CHECK_EQ(le64(f + blocks[i].x + 4), le32(f + blocks[i].legacy));
	}
	CHECK_EQ(le32(f + 60), 0u);	/* no PM1b */
	CHECK_EQ(le64(f + 160 + 4), 0u);
	CHECK_EQ(le64(f + 268), 0u);	/* no hypervisor vendor: the guest sees none */
}

TEST(fadt_points_at_facs_and_dsdt)
{
	uint64_t rsdp_gpa;
	int used;
	const uint8_t *f = fadt_of(build(1, &rsdp_gpa, &used));
	uint64_t facs_gpa = le64(f + 132);

	CHECK_EQ(le32(f + 36), 0u);	/* FIRMWARE_CTRL zero with X_FIRMWARE_CTRL set */
	CHECK_EQ(facs_gpa % 64, 0u);
	const uint8_t *facs = mem + (facs_gpa - GPA_BASE);
	CHECK(!memcmp(facs, "FACS", 4));
	CHECK_EQ(le32(facs + 4), 64u);
	CHECK_EQ(facs[32], 2);
	CHECK_EQ(le32(f + 40), le64(f + 140));	/* DSDT == X_DSDT */
	const uint8_t *dsdt = table_at(le64(f + 140), "DSDT");
	CHECK_EQ(dsdt[8], 2);
}

static void check_madt(unsigned vcpus)
{
	uint64_t rsdp_gpa;
	int used;
	const uint8_t *m = madt_of(build(vcpus, &rsdp_gpa, &used));
	uint32_t len = le32(m + 4);
	unsigned lapics = 0, ioapics = 0, overrides = 0, nmis = 0;

	CHECK_EQ(le32(m + 36), 0xFEE00000u);
	CHECK_EQ(le32(m + 40), 1u);	/* PCAT_COMPAT */
	for (uint32_t off = 44; off < len;) {
		const uint8_t *e = m + off;

		CHECK(e[1] >= 2 && off + e[1] <= len);
		switch (e[0]) {
		case 0:
			CHECK_EQ(e[1], 8);
			CHECK_EQ(e[2], lapics);	/* UID */
			CHECK_EQ(e[3], lapics);	/* APIC ID */
			CHECK_EQ(le32(e + 4), 1u);	/* enabled */
			lapics++;
			break;
		case 1:
			CHECK_EQ(e[1], 12);
			CHECK_EQ(e[2], vcpus);	/* I/O APIC ID = vCPU count */
			CHECK_EQ(le32(e + 4), 0xFEC00000u);
			CHECK_EQ(le32(e + 8), 0u);
			ioapics++;
			break;
		case 2:
			CHECK_EQ(e[1], 10);
			CHECK_EQ(e[2], 0);	/* ISA */
			if (e[3] == 0) {
				CHECK_EQ(le32(e + 4), 2u);
				CHECK_EQ(le16(e + 8), 0u);
			} else {
				CHECK_EQ(e[3], 9);
				CHECK_EQ(le32(e + 4), 9u);
				CHECK_EQ(le16(e + 8), 0x000Fu);	/* level, active low */
			}
			overrides++;
			break;
		case 4:
			CHECK_EQ(e[1], 6);
			CHECK_EQ(e[2], 0xFF);
			CHECK_EQ(e[5], 1);	/* LINT1 */
			nmis++;
			break;
		default:
			TEST_FAIL("unexpected MADT entry type %u", e[0]);
		}
		off += e[1];
	}
	CHECK_EQ(lapics, vcpus);
	CHECK_EQ(ioapics, 1u);
	CHECK_EQ(overrides, 2u);
	CHECK_EQ(nmis, 1u);
}

TEST(madt_one_vcpu)
{
	check_madt(1);
}

TEST(madt_eight_vcpus)
{
	check_madt(8);
}

TEST(dsdt_s5_package_bytes)
{
	uint64_t rsdp_gpa;
	int used;
	const uint8_t *f = fadt_of(build(1, &rsdp_gpa, &used));
	const uint8_t *dsdt = table_at(le64(f + 140), "DSDT");
	/* Name(\_S5, Package(){5, 5, 0, 0}) as iasl encodes it */
	static const uint8_t s5[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x08, 0x04,
				      0x0A, 0x05, 0x0A, 0x05, 0x00, 0x00 };
	static const uint8_t com1_hid[] = { 0x08, '_', 'H', 'I', 'D', 0x0C, 0x41, 0xD0, 0x05, 0x01 };
	static const uint8_t com1_io[] = { 0x47, 0x01, 0xF8, 0x03, 0xF8, 0x03, 0x01, 0x08,
					   0x22, 0x10, 0x00, 0x79, 0x00 };
	static const uint8_t sb_scope[] = { 0x10 };

	CHECK(find(dsdt + 36, le32(dsdt + 4) - 36, s5, sizeof(s5)));
	CHECK(find(dsdt + 36, le32(dsdt + 4) - 36, com1_hid, sizeof(com1_hid)));
	CHECK(find(dsdt + 36, le32(dsdt + 4) - 36, com1_io, sizeof(com1_io)));
	CHECK_EQ(dsdt[36], sb_scope[0]);
}

TEST(aml_pkglength_forms)
{
	uint8_t buf[5000];
	struct aml a;
	static const uint8_t scope_op = AML_SCOPE_OP;

	CHECK_EQ(aml_pkglen_size(62), 1u);
	CHECK_EQ(aml_pkglen_size(63), 2u);
	CHECK_EQ(aml_pkglen_size(4093), 2u);
	CHECK_EQ(aml_pkglen_size(4094), 3u);
	aml_init(&a, buf, sizeof(buf));
	aml_begin(&a, &scope_op, 1);
	for (int i = 0; i < 100; i++)
		aml_byte(&a, 0xA5);
	aml_end(&a);
	CHECK(!a.error);
	CHECK_EQ(a.len, 1u + 2 + 100);
	CHECK_EQ(buf[1], 0x40 | (102 & 0x0F));	/* two bytes, low nibble */
	CHECK_EQ(buf[2], 102 >> 4);
	CHECK_EQ(buf[3], 0xA5);
	aml_init(&a, buf, sizeof(buf));
	aml_begin(&a, &scope_op, 1);
	for (int i = 0; i < 4500; i++)
		aml_byte(&a, 0x5A);
	aml_end(&a);
	CHECK_EQ(a.len, 1u + 3 + 4500);
	CHECK_EQ(buf[1], 0x80 | (4503 & 0x0F));
	CHECK_EQ(buf[2], (4503 >> 4) & 0xFF);
	CHECK_EQ(buf[3], 4503 >> 12);
}

TEST(aml_names_and_integers)
{
	uint8_t buf[64];
	struct aml a;

	aml_init(&a, buf, sizeof(buf));
	aml_name_string(&a, "\\_SB.PCI0.ISA");
	CHECK(!a.error);
	CHECK_EQ(a.len, 1u + 2 + 12);
	CHECK(!memcmp(buf, "\\\x2F\x03_SB_PCI0ISA_", 15));
	aml_init(&a, buf, sizeof(buf));
	aml_name_string(&a, "^AB.C");
	CHECK(!memcmp(buf, "^\x2E" "AB__C___", 10));
	aml_init(&a, buf, sizeof(buf));
	aml_name_string(&a, "1BAD");
	CHECK(a.error);
	aml_init(&a, buf, sizeof(buf));
	aml_name_string(&a, "TOOLONG");
	CHECK(a.error);
	aml_init(&a, buf, sizeof(buf));
	aml_integer(&a, 0);
	aml_integer(&a, 1);
	aml_integer(&a, UINT64_MAX);
	aml_integer(&a, 0x12);
	aml_integer(&a, 0x1234);
	aml_integer(&a, 0x12345678);
	aml_integer(&a, 0x123456789ull);
	static const uint8_t want[] = { 0x00, 0x01, 0xFF, 0x0A, 0x12, 0x0B, 0x34, 0x12,
					0x0C, 0x78, 0x56, 0x34, 0x12,
					0x0E, 0x89, 0x67, 0x45, 0x23, 0x01, 0, 0, 0 };
	CHECK_EQ(a.len, sizeof(want));
	CHECK(!memcmp(buf, want, sizeof(want)));
	aml_init(&a, buf, sizeof(buf));
	aml_eisaid(&a, "PNP0B00");
	CHECK(!memcmp(buf, "\x0C\x41\xD0\x0B\x00", 5));
	aml_eisaid(&a, "pnp0b00");
	CHECK(a.error);
}

TEST(aml_overflow_is_an_error_not_a_crash)
{
	uint8_t buf[8];
	struct aml a;

	aml_init(&a, buf, sizeof(buf));
	aml_string(&a, "much too long for eight bytes");
	CHECK(a.error);
	aml_end(&a);	/* unbalanced */
	CHECK(a.error);
}

TEST(bad_configs_and_small_buffers)
{
	struct acpi_config cfg;
	uint64_t rsdp = 0;

	acpi_config_default(&cfg, 0);
	CHECK_EQ(acpi_build_tables(mem, sizeof(mem), GPA_BASE, &cfg, &rsdp), -EINVAL);
	acpi_config_default(&cfg, PLATFORM_MAX_VCPUS + 1);
	CHECK_EQ(acpi_build_tables(mem, sizeof(mem), GPA_BASE, &cfg, &rsdp), -EINVAL);
	acpi_config_default(&cfg, 1);
	CHECK_EQ(acpi_build_tables(mem, sizeof(mem), 0x100000000ull, &cfg, &rsdp), -EINVAL);
	for (size_t n = 0; n < 600; n += 7)
		CHECK_EQ(acpi_build_tables(mem, n, GPA_BASE, &cfg, &rsdp), -ENOSPC);
	/* right under 4 GiB: no room left below the line */
	CHECK_EQ(acpi_build_tables(mem, sizeof(mem), 0xFFFFFF00ull, &cfg, &rsdp), -ENOSPC);
	acpi_config_default(&cfg, PLATFORM_MAX_VCPUS);
	CHECK(acpi_build_tables(mem, sizeof(mem), GPA_BASE + 4, &cfg, &rsdp) > 0);
	CHECK_EQ(rsdp, GPA_BASE + 16);	/* aligned up */
}

/* Runs iasl with 'mode' ("-d" or "-p") on 'file' in 'dir'; returns its exit status. */
static int run_iasl(const char *dir, const char *mode, const char *arg, const char *file)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr) ||
		    chdir(dir) != 0)
			_exit(127);
		if (arg)
			execlp("iasl", "iasl", mode, arg, file, (char *)NULL);
		else
			execlp("iasl", "iasl", mode, file, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void write_file(const char *dir, const char *name, const void *p, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	CHECK(f);
	CHECK_EQ(fwrite(p, 1, n, f), n);
	fclose(f);
}

static bool dsl_has(const char *dir, const char *name, const char *needle)
{
	char path[512], line[512];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

/* iasl (acpica-tools), when installed, must disassemble every table and recompile the DSDT. */
TEST(iasl_disassembles_every_table)
{
	char dir[] = "/tmp/acpi_tables_test.XXXXXX";
	uint64_t rsdp_gpa;
	int used;

	if (system("command -v iasl >/dev/null 2>&1") != 0) {
		printf("SKIP: acpi_tables_test/iasl_disassembles_every_table: iasl not installed\n");
		return;
	}
	const uint8_t *rsdp = build(4, &rsdp_gpa, &used);
	const uint8_t *f = fadt_of(rsdp), *m = madt_of(rsdp);
	const uint8_t *dsdt = mem + (le64(f + 140) - GPA_BASE);
	const uint8_t *facs = mem + (le64(f + 132) - GPA_BASE);

	CHECK(mkdtemp(dir));
	write_file(dir, "dsdt.aml", dsdt, le32(dsdt + 4));
	write_file(dir, "facp.dat", f, le32(f + 4));
	write_file(dir, "apic.dat", m, le32(m + 4));
	write_file(dir, "facs.dat", facs, 64);
	CHECK_EQ(run_iasl(dir, "-d", NULL, "dsdt.aml"), 0);
	CHECK_EQ(run_iasl(dir, "-d", NULL, "facp.dat"), 0);
	CHECK_EQ(run_iasl(dir, "-d", NULL, "apic.dat"), 0);
	CHECK_EQ(run_iasl(dir, "-d", NULL, "facs.dat"), 0);
	CHECK(dsl_has(dir, "dsdt.dsl", "Name (\\_S5, Package (0x04)"));
	CHECK(dsl_has(dir, "dsdt.dsl", "EisaId (\"PNP0501\")"));
	CHECK(dsl_has(dir, "dsdt.dsl", "IRQNoFlags ()"));
	CHECK(dsl_has(dir, "dsdt.dsl", "Device (C003)"));
	CHECK(!dsl_has(dir, "facp.dsl", "Error"));
	CHECK(!dsl_has(dir, "facp.dsl", "Warning"));
	CHECK(!dsl_has(dir, "apic.dsl", "Error"));
	CHECK(dsl_has(dir, "apic.dsl", "Interrupt Source Override"));
	/* and the disassembly compiles back */
	CHECK_EQ(run_iasl(dir, "-p", "recompiled", "dsdt.dsl"), 0);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK_EQ(system(cmd), 0);
}

int main(void)
{
	return test_main();
}
