// SPDX-License-Identifier: GPL-2.0
/* Domain XML that parses: defaults, every supported element, units, the examples, formatting and round trips. */
#include "domain_cases.h"

#include <stdlib.h>

/* format(parse(x)) parses to an equal configuration and formats to the same bytes, with and without run-time facts. */
static void check_round_trip(const struct domain_config *cfg)
{
	static const struct domain_runtime rt = { 7, "/dev/pts/3" };
	const struct domain_runtime *rts[] = { NULL, &rt };

	for (int i = 0; i < 2; i++) {
		struct domain_config again;
		char *xml = domain_format_xml_alloc(cfg, rts[i]), *xml2;

		CHECK(xml != NULL);
		if (domain_parse_buffer(xml, strlen(xml), "formatted.xml", &again, &last_err) != 0) {
			fprintf(stderr, "%s", xml);
			free(xml);
			TEST_FAIL("formatted XML does not parse: %s", last_err.message);
		}
		xml2 = domain_format_xml_alloc(&again, rts[i]);
		CHECK(xml2 != NULL);
		int same = domain_config_equal(cfg, &again) && strcmp(xml, xml2) == 0;

		free(xml);
		free(xml2);
		CHECK(same);
		CHECK(again.uuid_given);
	}
}

TEST(minimal_defaults)
{
	struct domain_config cfg, other;

	parse_ok(HEAD TAIL, &cfg);
	CHECK_STR(cfg.name, "t");
	CHECK_EQ(cfg.memory, 64ULL << 20);
	CHECK_EQ(cfg.current_memory, cfg.memory);
	CHECK_EQ(cfg.vcpus, 1);
	CHECK_STR(cfg.os.kernel, "/boot/vmlinuz");
	CHECK_STR(cfg.os.initrd, "");
	CHECK_STR(cfg.os.cmdline, "");
	CHECK_STR(cfg.os.machine, "");
	CHECK(!cfg.acpi && !cfg.apic && !cfg.pae);
	CHECK_EQ(cfg.on_poweroff, DOMAIN_ACTION_DESTROY);
	CHECK_EQ(cfg.on_reboot, DOMAIN_ACTION_RESTART);
	CHECK_EQ(cfg.on_crash, DOMAIN_ACTION_DESTROY);
	CHECK_EQ(cfg.clock.offset, DOMAIN_CLOCK_UTC);
	CHECK(!cfg.serial);
	CHECK(!domain_is_enlightened(&cfg));
	check_round_trip(&cfg);
	/* The generated UUID: RFC 4122 version 4, variant 10, fresh each time. */
	CHECK(!cfg.uuid_given);
	CHECK_EQ(cfg.uuid[6] >> 4, 4);
	CHECK_EQ(cfg.uuid[8] >> 6, 2);
	parse_ok(HEAD TAIL, &other);
	CHECK(memcmp(cfg.uuid, other.uuid, DOMAIN_UUID_LEN) != 0);
}

#define FULL_DOC                                                                     \
	"<?xml version='1.0' encoding='UTF-8'?>\n"                                   \
	"<!-- every supported element and attribute -->\n"                           \
	"<domain type='kvm' id='12'>\n"                                              \
	"  <name>Full_guest.1+x-y</name>\n"                                          \
	"  <uuid>4DEA22B3-1D52-D8F3-2516-782E98AB3FA0</uuid>\n"                      \
	"  <memory unit='GiB'>1</memory>\n"                                          \
	"  <currentMemory unit='MB'>512</currentMemory>\n"                           \
	"  <vcpu placement='static' current='4'>4</vcpu>\n"                          \
	"  <os>\n"                                                                   \
	"    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n"                  \
	"    <kernel>/usr/share/bulkhead/vmlinuz</kernel>\n"                         \
	"    <initrd>/usr/share/bulkhead/guest-initrd.img</initrd>\n"                \
	"    <cmdline>console=ttyS0 quiet x=\"a&amp;b\" y='&lt;z&gt;'</cmdline>\n"   \
	"    <boot dev='hd'/>\n"                                                     \
	"    <boot dev='network'/>\n"                                                \
	"  </os>\n"                                                                  \
	"  <features>\n"                                                             \
	"    <acpi/>\n"                                                              \
	"    <apic/>\n"                                                              \
	"    <pae/>\n"                                                               \
	"    <hyperv mode='custom'>\n"                                               \
	"      <relaxed state='on'/>\n"                                              \
	"      <vapic state='on'/>\n"                                                \
	"      <spinlocks state='on' retries='8191'/>\n"                             \
	"      <vpindex state='on'/>\n"                                              \
	"      <runtime state='on'/>\n"                                              \
	"      <synic state='on'/>\n"                                                \
	"      <stimer state='on'>\n"                                                \
	"        <direct state='on'/>\n"                                             \
	"      </stimer>\n"                                                          \
	"      <reset state='on'/>\n"                                                \
	"      <vendor_id state='on' value='Bulkhead Hv'/>\n"                        \
	"      <frequencies state='on'/>\n"                                          \
	"      <reenlightenment state='on'/>\n"                                      \
	"      <tlbflush state='on'/>\n"                                             \
	"      <ipi state='on'/>\n"                                                  \
	"      <evmcs state='off'/>\n"                                               \
	"    </hyperv>\n"                                                            \
	"  </features>\n"                                                            \
	"  <clock offset='localtime'>\n"                                             \
	"    <timer name='rtc' tickpolicy='catchup' track='guest'/>\n"               \
	"    <timer name='pit' tickpolicy='delay'/>\n"                               \
	"    <timer name='hpet' present='no'/>\n"                                    \
	"    <timer name='hypervclock' present='yes'/>\n"                            \
	"  </clock>\n"                                                               \
	"  <on_poweroff>preserve</on_poweroff>\n"                                    \
	"  <on_reboot>destroy</on_reboot>\n"                                         \
	"  <on_crash>restart</on_crash>\n"                                           \
	"  <devices>\n"                                                              \
	"    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"                     \
	"    <serial type='pty'>\n"                                                  \
	"      <source path='/dev/pts/9'/>\n"                                        \
	"      <target type='isa-serial' port='0'>\n"                                \
	"        <model name='isa-serial'/>\n"                                       \
	"      </target>\n"                                                          \
	"    </serial>\n"                                                            \
	"    <console type='pty' tty='/dev/pts/9'>\n"                                \
	"      <source path='/dev/pts/9'/>\n"                                        \
	"      <target type='serial' port='0'/>\n"                                   \
	"    </console>\n"                                                           \
	"  </devices>\n"                                                             \
	"</domain>\n"

TEST(every_supported_element)
{
	static const uint8_t uuid[16] = { 0x4d, 0xea, 0x22, 0xb3, 0x1d, 0x52, 0xd8, 0xf3,
					  0x25, 0x16, 0x78, 0x2e, 0x98, 0xab, 0x3f, 0xa0 };
	struct domain_config cfg;
	const struct domain_timer *t = cfg.clock.timers;

	parse_ok(FULL_DOC, &cfg);
	CHECK_STR(cfg.name, "Full_guest.1+x-y");
	CHECK(cfg.uuid_given && memcmp(cfg.uuid, uuid, 16) == 0);
	CHECK_EQ(cfg.memory, 1ULL << 30);
	CHECK_EQ(cfg.current_memory, 512000000ULL);	/* 500000 KiB exactly */
	CHECK_EQ(cfg.vcpus, 4);
	CHECK_STR(cfg.os.machine, "pc-q35-7.2");
	CHECK_STR(cfg.os.initrd, "/usr/share/bulkhead/guest-initrd.img");
	CHECK_STR(cfg.os.cmdline, "console=ttyS0 quiet x=\"a&b\" y='<z>'");
	CHECK(cfg.acpi && cfg.apic && cfg.pae);
	CHECK_EQ(cfg.hyperv.mode, DOMAIN_HYPERV_CUSTOM);
	CHECK_EQ(cfg.hyperv.features, (1U << DOMAIN_HV_NR) - 1 - DOMAIN_HV_BIT(DOMAIN_HV_EVMCS));
	CHECK_EQ(cfg.hyperv.spinlock_retries, 8191);
	CHECK(cfg.hyperv.stimer_direct);
	CHECK_STR(cfg.hyperv.vendor_id, "Bulkhead Hv");
	CHECK(domain_is_enlightened(&cfg));
	CHECK_EQ(cfg.clock.offset, DOMAIN_CLOCK_LOCALTIME);
	CHECK(t[DOMAIN_TIMER_RTC].given && t[DOMAIN_TIMER_RTC].tickpolicy == DOMAIN_TICK_CATCHUP &&
	      t[DOMAIN_TIMER_RTC].track == DOMAIN_TRACK_GUEST &&
	      t[DOMAIN_TIMER_RTC].present == DOMAIN_PRESENT_UNSET);
	CHECK(t[DOMAIN_TIMER_PIT].given && t[DOMAIN_TIMER_PIT].tickpolicy == DOMAIN_TICK_DELAY);
	CHECK(t[DOMAIN_TIMER_HPET].given && t[DOMAIN_TIMER_HPET].present == DOMAIN_PRESENT_NO);
	CHECK(t[DOMAIN_TIMER_HYPERVCLOCK].present == DOMAIN_PRESENT_YES);
	CHECK(!t[DOMAIN_TIMER_TSC].given && !t[DOMAIN_TIMER_KVMCLOCK].given);
	CHECK_EQ(cfg.on_poweroff, DOMAIN_ACTION_PRESERVE);
	CHECK_EQ(cfg.on_reboot, DOMAIN_ACTION_DESTROY);
	CHECK_EQ(cfg.on_crash, DOMAIN_ACTION_RESTART);
	CHECK(cfg.serial);
	check_round_trip(&cfg);
}

static const struct {
	const char *unit;
	uint64_t value, bytes;
} units[] = {
	{ "b", 16ULL << 20, 16ULL << 20 },
	{ "bytes", (16ULL << 20) + 1, (16ULL << 20) + 1024 },	/* libvirt rounds up to KiB */
	{ "KB", 16777, 16777216 },				/* 16777000 -> 16384 KiB */
	{ "k", 16384, 16ULL << 20 },
	{ "KiB", 20000, 20000ULL << 10 },
	{ "MB", 17, 17000000 + 448 },				/* 16601.5625 KiB, rounded up */
	{ "M", 16, 16ULL << 20 },
	{ "MiB", 300, 300ULL << 20 },
	{ "GB", 2, 2000000000 },
	{ "G", 3, 3ULL << 30 },
	{ "GiB", 1024, 1ULL << 40 },
	{ "TB", 1, 1000000000000ULL },
	{ "T", 1, 1ULL << 40 },
	{ "TiB", 1, 1ULL << 40 },
	/* libvirt compares the letters without case: */
	{ "kib", 16384, 16ULL << 20 },
	{ "m", 16, 16ULL << 20 },
	{ "mb", 17, 17000000 + 448 },
	{ "Bytes", 16ULL << 20, 16ULL << 20 },
};

TEST(memory_units)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		char xml[512];
		struct domain_config cfg;

		snprintf(xml, sizeof(xml), HEAD_NO_MEMORY "<memory unit='%s'>%llu</memory>" TAIL,
			 units[i].unit, (unsigned long long)units[i].value);
		parse_ok(xml, &cfg);
		if (cfg.memory != units[i].bytes)
			TEST_FAIL("%llu %s: %llu bytes, expected %llu", (unsigned long long)units[i].value,
				  units[i].unit, (unsigned long long)cfg.memory,
				  (unsigned long long)units[i].bytes);
	}
}

TEST(memory_default_unit_is_kib)
{
	struct domain_config cfg;

	parse_ok(HEAD_NO_MEMORY "<memory>262144</memory><currentMemory>131072</currentMemory>" TAIL,
		 &cfg);
	CHECK_EQ(cfg.memory, 256ULL << 20);
	CHECK_EQ(cfg.current_memory, 128ULL << 20);
	check_round_trip(&cfg);
}

TEST(memory_limits_inclusive)
{
	struct domain_config cfg;

	parse_ok(HEAD_NO_MEMORY "<memory unit='b'>16777216</memory>"
		 "<currentMemory unit='MiB'>16</currentMemory>" TAIL, &cfg);
	CHECK_EQ(cfg.memory, DOMAIN_MEMORY_MIN);
	parse_ok(HEAD_NO_MEMORY "<memory unit='KiB'>1073741824</memory>" TAIL, &cfg);
	CHECK_EQ(cfg.memory, DOMAIN_MEMORY_MAX);
}

TEST(vcpu_limits_and_current)
{
	struct domain_config cfg;

	parse_ok(HEAD "<vcpu>64</vcpu>" TAIL, &cfg);
	CHECK_EQ(cfg.vcpus, 64);
	parse_ok(HEAD "<vcpu current='2'>2</vcpu>" TAIL, &cfg);
	CHECK_EQ(cfg.vcpus, 2);
	parse_ok(HEAD "<vcpu placement='static'> 3 </vcpu>" TAIL, &cfg);
	CHECK_EQ(cfg.vcpus, 3);
}

/* libvirt: <console target type='serial'> is serial port 0; either element alone makes it. */
TEST(serial_and_console_are_one_port)
{
	static const char *const bodies[] = {
		"<devices><serial type='pty'/></devices>",
		"<devices><console type='pty'/></devices>",
		"<devices><console type='pty'><target port='0'/></console><serial type='pty'/></devices>",
		"<devices><serial type='pty'><target port='0'/></serial>"
		"<console type='pty'><target type='serial'/></console></devices>",
	};
	struct domain_config cfg;
	char xml[1024];

	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		snprintf(xml, sizeof(xml), HEAD "%s" TAIL, bodies[i]);
		parse_ok(xml, &cfg);
		CHECK(cfg.serial);
		check_round_trip(&cfg);
	}
	parse_ok(HEAD "<devices/>" TAIL, &cfg);
	CHECK(!cfg.serial);
	parse_ok(HEAD "<devices><emulator>/usr/bin/qemu-kvm</emulator></devices>" TAIL, &cfg);
	CHECK(!cfg.serial);
}

TEST(hyperv_modes)
{
	struct domain_config cfg;

	parse_ok(HEAD "<features><hyperv mode='passthrough'/></features>" TAIL, &cfg);
	CHECK_EQ(cfg.hyperv.mode, DOMAIN_HYPERV_PASSTHROUGH);
	CHECK_EQ(cfg.hyperv.features, 0);
	CHECK(domain_is_enlightened(&cfg));
	check_round_trip(&cfg);
	parse_ok(HEAD "<features><hyperv/></features>" TAIL, &cfg);
	CHECK_EQ(cfg.hyperv.mode, DOMAIN_HYPERV_CUSTOM);
	CHECK(!domain_is_enlightened(&cfg));
	parse_ok(HEAD "<features><hyperv><relaxed state='on'/></hyperv></features>" TAIL, &cfg);
	CHECK_EQ(cfg.hyperv.features, DOMAIN_HV_BIT(DOMAIN_HV_RELAXED));
	CHECK(domain_is_enlightened(&cfg));
	check_round_trip(&cfg);
}

/* As libvirt: the values of a feature that is off are ignored. */
TEST(hyperv_off_features_drop_values)
{
	struct domain_config cfg;

	parse_ok(HEAD "<features><hyperv mode='custom'>"
		 "<spinlocks state='off' retries='12'/><vendor_id state='off' value='far too long id'/>"
		 "<stimer state='off'><direct state='off'/></stimer><evmcs state='off'/>"
		 "</hyperv></features>" TAIL, &cfg);
	CHECK_EQ(cfg.hyperv.features, 0);
	CHECK_EQ(cfg.hyperv.spinlock_retries, 0);
	CHECK_STR(cfg.hyperv.vendor_id, "");
	CHECK(!cfg.hyperv.stimer_direct);
	CHECK(!domain_is_enlightened(&cfg));
	check_round_trip(&cfg);
}

TEST(hyperv_limits)
{
	struct domain_config cfg;

	parse_ok(HEAD "<features><hyperv><spinlocks state='on' retries='4294967295'/>"
		 "<vendor_id state='on' value='123456789012'/></hyperv></features>" TAIL, &cfg);
	CHECK_EQ(cfg.hyperv.spinlock_retries, 0xffffffffU);
	CHECK_STR(cfg.hyperv.vendor_id, "123456789012");
	parse_ok(HEAD "<features><hyperv><spinlocks state='on' retries='4095'/></hyperv></features>"
		 TAIL, &cfg);
	CHECK_EQ(cfg.hyperv.spinlock_retries, 4095);
	check_round_trip(&cfg);
}

TEST(ignored_input)
{
	struct domain_config cfg;

	/* Comments, processing instructions, white space, CDATA, boot devices, run-time attributes. */
	parse_ok("<?xml version='1.0'?>\n<?some-pi data?>\n<domain id='99'><!-- c -->\n"
		 "  <name>\n  t  \n</name>\n  <memory unit='MiB'> 64 </memory>\n"
		 "  <os><type>hvm</type><kernel>/k</kernel>"
		 "<cmdline><![CDATA[a<b & c]]></cmdline><boot dev='cdrom'/></os>\n"
		 "</domain>\n<!-- trailing -->\n", &cfg);
	CHECK_STR(cfg.name, "t");
	CHECK_STR(cfg.os.cmdline, "a<b & c");
	check_round_trip(&cfg);
}

TEST(uuid_forms)
{
	static const char *const forms[] = {
		"<uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>",
		"<uuid>3E3FCE454F534FA7BB3211F34168B82B</uuid>",
		"<uuid>\n  3e3fce45-4f53-4fa7-bb32-11f34168b82b\n</uuid>",
	};
	struct domain_config cfg;
	char xml[512], text[DOMAIN_UUID_STRLEN + 1];

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(xml, sizeof(xml), HEAD "%s" TAIL, forms[i]);
		parse_ok(xml, &cfg);
		CHECK(cfg.uuid_given);
		domain_uuid_format(cfg.uuid, text);
		CHECK_STR(text, "3e3fce45-4f53-4fa7-bb32-11f34168b82b");
	}
}

TEST(latin1_document_becomes_utf8)
{
	struct domain_config cfg;

	parse_ok("<?xml version='1.0' encoding='ISO-8859-1'?>\n<domain><name>t</name>"
		 "<memory unit='MiB'>64</memory><os><type>hvm</type><kernel>/k\xe9</kernel></os>"
		 "</domain>", &cfg);
	CHECK_STR(cfg.os.kernel, "/k\xc3\xa9");
	check_round_trip(&cfg);
}

TEST(format_is_snprintf_like)
{
	struct domain_config cfg;
	char small[16], *full;
	size_t need;

	parse_ok(HEAD TAIL, &cfg);
	need = domain_format_xml(&cfg, NULL, NULL, 0);
	full = domain_format_xml_alloc(&cfg, NULL);
	CHECK(full != NULL);
	CHECK_EQ(strlen(full), need);
	CHECK_EQ(domain_format_xml(&cfg, NULL, small, sizeof(small)), need);
	CHECK_EQ(strlen(small), sizeof(small) - 1);
	CHECK(strncmp(small, full, sizeof(small) - 1) == 0);
	free(full);
}

TEST(format_runtime_facts)
{
	static const struct domain_runtime rt = { 3, "/dev/pts/3" };
	struct domain_config cfg;
	char *xml;

	parse_ok(HEAD "<devices><console type='pty'/></devices>" TAIL, &cfg);
	xml = domain_format_xml_alloc(&cfg, &rt);
	CHECK(xml != NULL);
	int ok = strstr(xml, "<domain type='bulkhead' id='3'>") &&
		 strstr(xml, "<serial type='pty'>\n      <source path='/dev/pts/3'/>") &&
		 strstr(xml, "<console type='pty' tty='/dev/pts/3'>") &&
		 strstr(xml, "<memory unit='KiB'>65536</memory>") &&
		 strstr(xml, "<on_reboot>restart</on_reboot>") &&
		 strstr(xml, "<relaxed state='off'/>");

	free(xml);
	CHECK(ok);
}

TEST(format_escapes_strings)
{
	struct domain_config cfg;
	char *xml;

	parse_ok(HEAD TAIL, &cfg);
	strcpy(cfg.os.cmdline, "a='1' b=\"2\" <&>");
	strcpy(cfg.os.machine, "m'<x>");
	xml = domain_format_xml_alloc(&cfg, NULL);
	CHECK(xml != NULL);
	int ok = strstr(xml, "<cmdline>a=&apos;1&apos; b=&quot;2&quot; &lt;&amp;&gt;</cmdline>") &&
		 strstr(xml, "machine='m&apos;&lt;x&gt;'");

	free(xml);
	CHECK(ok);
	check_round_trip(&cfg);
}

TEST(example_demo)
{
	struct domain_config cfg;

	if (domain_parse_file("docs/examples/demo.xml", &cfg, &last_err))
		TEST_FAIL("%s", last_err.message);
	CHECK_STR(cfg.name, "demo");
	CHECK_EQ(cfg.memory, 256ULL << 20);
	CHECK_EQ(cfg.current_memory, 256ULL << 20);
	CHECK_EQ(cfg.vcpus, 1);
	CHECK_STR(cfg.os.kernel, "/usr/share/bulkhead/vmlinuz");
	CHECK_STR(cfg.os.initrd, "/usr/share/bulkhead/guest-initrd.img");
	CHECK_STR(cfg.os.cmdline, "console=ttyS0");
	CHECK_EQ(cfg.on_poweroff, DOMAIN_ACTION_DESTROY);
	CHECK(cfg.serial);
	CHECK(!domain_is_enlightened(&cfg));
	check_round_trip(&cfg);
}

TEST(example_demo_smp)
{
	struct domain_config cfg;

	if (domain_parse_file("docs/examples/demo-smp.xml", &cfg, &last_err))
		TEST_FAIL("%s", last_err.message);
	CHECK_STR(cfg.name, "demo-smp");
	CHECK_EQ(cfg.vcpus, 2);
	CHECK(cfg.serial);
	check_round_trip(&cfg);
}

TEST(example_unenlightened)
{
	struct domain_config cfg;

	if (domain_parse_file("docs/examples/demo-unenlightened.xml", &cfg, &last_err))
		TEST_FAIL("%s", last_err.message);
	CHECK_EQ(cfg.hyperv.mode, DOMAIN_HYPERV_CUSTOM);
	CHECK_EQ(cfg.hyperv.features, 0);
	CHECK(!domain_is_enlightened(&cfg));
	check_round_trip(&cfg);
}

TEST(example_enlightened)
{
	struct domain_config cfg;

	if (domain_parse_file("docs/examples/demo-enlightened.xml", &cfg, &last_err))
		TEST_FAIL("%s", last_err.message);
	CHECK(domain_is_enlightened(&cfg));
	CHECK(cfg.hyperv.features & DOMAIN_HV_BIT(DOMAIN_HV_SYNIC));
	check_round_trip(&cfg);
}

TEST(names_of_values)
{
	CHECK_STR(domain_action_name(DOMAIN_ACTION_COREDUMP_RESTART), "coredump-restart");
	CHECK_STR(domain_action_name(DOMAIN_ACTION_NR), "?");
	CHECK_STR(domain_hv_feature_name(DOMAIN_HV_VENDOR_ID), "vendor_id");
	CHECK_STR(domain_hv_feature_name((enum domain_hv_feature)-1), "?");
	CHECK_STR(domain_timer_name(DOMAIN_TIMER_HYPERVCLOCK), "hypervclock");
}

TEST(defaults_match_minimal_parse)
{
	struct domain_config parsed, built;

	parse_ok(HEAD TAIL, &parsed);
	domain_config_defaults(&built);
	strcpy(built.name, "t");
	memcpy(built.uuid, parsed.uuid, DOMAIN_UUID_LEN);
	built.memory = built.current_memory = 64ULL << 20;
	strcpy(built.os.kernel, "/boot/vmlinuz");
	CHECK(domain_config_equal(&parsed, &built));
	built.hyperv.features = DOMAIN_HV_BIT(DOMAIN_HV_IPI);
	CHECK(!domain_config_equal(&parsed, &built));
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
