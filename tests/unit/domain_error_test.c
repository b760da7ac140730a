// SPDX-License-Identifier: GPL-2.0
/* Domain XML that must be refused: each error class with its line and message; malformed, hostile and huge input. */
#include "domain_cases.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* <domain> and identity. */
ERR_DOC(root_not_domain, 1, "expected <domain> as the root element, not <vm>", "<vm/>")
ERR_DOC(domain_type_qemu, 1, "<domain type='qemu'>: expected 'bulkhead' or 'kvm'",
	"<domain type='qemu'/>")
ERR_DOC(domain_unknown_attribute, 2, "<domain>: unknown attribute 'xmlfoo'",
	"\n<domain xmlfoo='1'/>")
ERR_DOC(missing_name, 1, "<domain>: missing <name>",
	"<domain><memory>65536</memory><os><type>hvm</type><kernel>/k</kernel></os></domain>")
ERR_DOC(missing_memory, 1, "<domain>: missing <memory>", HEAD_NO_MEMORY TAIL)
ERR_DOC(missing_os, 1, "<domain>: missing <os>",
	"<domain><name>t</name><memory>65536</memory></domain>")
ERR_CASE(name_twice, 8, "<name>: given twice in <domain>", "<name>u</name>")
ERR_DOC(name_space, 2, "<name>a b</name>: the name may only contain letters, digits",
	"<domain>\n<name>a b</name></domain>")
ERR_DOC(name_leading_dot, 1, "<name>.x</name>: the name must not start with '.' or '-'",
	"<domain><name>.x</name></domain>")
ERR_DOC(name_leading_dash, 1, "must not start with '.' or '-'", "<domain><name>-x</name></domain>")
ERR_DOC(name_empty, 1, "<name></name>: the name is empty", "<domain><name> </name></domain>")
ERR_DOC(name_too_long, 1, "<name>: '0123456789", "<domain><name>"
	"0123456789012345678901234567890123456789012345678901234567890123</name></domain>")
ERR_DOC(name_utf8, 1, "may only contain", "<domain><name>gr\xc3\xbc\xc3\x9f</name></domain>")
ERR_CASE(uuid_garbage, 8, "<uuid>xyz</uuid>: not a usable UUID", "<uuid>xyz</uuid>")
ERR_CASE(uuid_nil, 8, "not a usable UUID", "<uuid>00000000-0000-0000-0000-000000000000</uuid>")
ERR_CASE(uuid_short, 8, "not a usable UUID", "<uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82</uuid>")
ERR_CASE(uuid_bad_hyphens, 8, "not a usable UUID", "<uuid>3e3fce454-f53-4fa7-bb32-11f34168b82b</uuid>")
ERR_CASE(uuid_not_hex, 8, "not a usable UUID", "<uuid>3e3fce45-4f53-4fa7-bb32-11f34168b8zb</uuid>")

/* Memory. */
#define MEM_CASE(name, fragment, element) \
	ERR_DOC(name, 7, fragment, HEAD_NO_MEMORY element "\n" TAIL)
MEM_CASE(memory_unknown_unit, "<memory unit='XB'>: unknown unit 'XB'", "<memory unit='XB'>5</memory>")
MEM_CASE(memory_empty_unit, "<memory unit=''>: unknown unit ''", "<memory unit=''>5</memory>")
MEM_CASE(memory_petabyte_is_too_much, "more than the maximum of 1 TiB", "<memory unit='PiB'>1</memory>")
MEM_CASE(memory_not_number, "<memory unit='KiB'>12a</memory>: expected a decimal number of KiB",
	 "<memory>12a</memory>")
MEM_CASE(memory_negative, "expected a decimal number of MiB", "<memory unit='MiB'>-5</memory>")
MEM_CASE(memory_hex, "expected a decimal number", "<memory>0x10000</memory>")
MEM_CASE(memory_empty, "expected a decimal number", "<memory unit='M'></memory>")
MEM_CASE(memory_u64_overflow, "more than the maximum of 1 TiB",
	 "<memory>99999999999999999999</memory>")
MEM_CASE(memory_scale_overflow, "more than the maximum of 1 TiB",
	 "<memory unit='KiB'>18014398509481984</memory>")
MEM_CASE(memory_rounding_overflow, "more than the maximum of 1 TiB",
	 "<memory unit='b'>18446744073709551615</memory>")
MEM_CASE(memory_above_max, "<memory unit='KiB'>1073741825</memory>: more than the maximum of 1 TiB",
	 "<memory>1073741825</memory>")
MEM_CASE(memory_below_min, "<memory unit='MiB'>15</memory>: less than the minimum of 16 MiB",
	 "<memory unit='MiB'>15</memory>")
MEM_CASE(memory_zero, "less than the minimum of 16 MiB", "<memory>0</memory>")
MEM_CASE(memory_dumpcore, "<memory>: unknown attribute 'dumpCore'",
	 "<memory dumpCore='on'>65536</memory>")
MEM_CASE(memory_child, "unknown element <x> in <memory>", "<memory>65536<x/></memory>")
ERR_CASE(current_memory_above_memory, 9, "<currentMemory>: 131072 KiB is more than <memory> (65536 KiB)",
	 "\n<currentMemory unit='MiB'>128</currentMemory>")
ERR_CASE(current_memory_below_min, 8, "<currentMemory unit='KiB'>1024</currentMemory>: less than",
	 "<currentMemory>1024</currentMemory>")

/* vCPUs. */
ERR_CASE(vcpu_zero, 8, "<vcpu>0</vcpu>: expected a count from 1 to 64", "<vcpu>0</vcpu>")
ERR_CASE(vcpu_too_many, 8, "<vcpu>65</vcpu>: expected a count from 1 to 64", "<vcpu>65</vcpu>")
ERR_CASE(vcpu_not_number, 8, "<vcpu>two</vcpu>", "<vcpu>two</vcpu>")
ERR_CASE(vcpu_hotplug, 8, "<vcpu current='1'>: vCPU hot-plug is not supported",
	 "<vcpu current='1'>2</vcpu>")
ERR_CASE(vcpu_current_above, 8, "<vcpu current='3'>: expected a count from 1 to 2",
	 "<vcpu current='3'>2</vcpu>")
ERR_CASE(vcpu_placement_auto, 8, "<vcpu placement='auto'>: not supported", "<vcpu placement='auto'>2</vcpu>")
ERR_CASE(vcpu_placement_bad, 8, "<vcpu placement='x'>: expected 'static' or 'auto'",
	 "<vcpu placement='x'>2</vcpu>")
ERR_CASE(vcpu_cpuset, 8, "<vcpu cpuset=...>: not supported yet", "<vcpu cpuset='1-2'>2</vcpu>")

/* <os>. */
#define OS_CASE(name, line, fragment, os) \
	ERR_DOC(name, line, fragment, "<domain>\n<name>t</name>\n<memory>65536</memory>\n" os TAIL)
OS_CASE(os_type_linux, 5, "<type>linux</type>: only 'hvm' is supported",
	"<os>\n<type>linux</type><kernel>/k</kernel></os>")
OS_CASE(os_arch_i686, 5, "<type arch='i686'>: only 'x86_64' is supported",
	"<os>\n<type arch='i686'>hvm</type><kernel>/k</kernel></os>")
OS_CASE(os_missing_type, 4, "<os>: missing <type>", "<os><kernel>/k</kernel></os>")
OS_CASE(os_missing_kernel, 4, "<os>: missing <kernel> (Bulkhead boots a kernel directly",
	"<os><type>hvm</type></os>")
OS_CASE(os_relative_kernel, 6, "<kernel>vmlinuz</kernel>: expected an absolute path",
	"<os><type>hvm</type>\n\n<kernel>vmlinuz</kernel></os>")
OS_CASE(os_relative_initrd, 4, "<initrd>initrd.img</initrd>: expected an absolute path",
	"<os><type>hvm</type><kernel>/k</kernel><initrd>initrd.img</initrd></os>")
OS_CASE(os_loader, 5, "<loader>: Bulkhead boots a kernel directly and has no firmware",
	"<os><type>hvm</type>\n<loader>/usr/share/OVMF/OVMF_CODE.fd</loader></os>")
OS_CASE(os_nvram, 4, "<nvram>: Bulkhead boots", "<os><nvram/></os>")
OS_CASE(os_firmware, 4, "<os firmware=...>: Bulkhead boots", "<os firmware='efi'/>")
OS_CASE(os_bootmenu, 4, "unknown element <bootmenu> in <os>", "<os><bootmenu enable='yes'/></os>")
OS_CASE(os_boot_no_dev, 4, "<boot>: missing attribute 'dev'", "<os><boot/></os>")
OS_CASE(os_boot_bad_dev, 4, "<boot dev='usb'>: expected 'fd', 'hd', 'cdrom' or 'network'",
	"<os><boot dev='usb'/></os>")
OS_CASE(os_kernel_twice, 4, "<kernel>: given twice in <os>", "<os><kernel>/a</kernel><kernel>/b</kernel></os>")
OS_CASE(os_cmdline_newline, 4, "contains a line break or control character",
	"<os><type>hvm</type><kernel>/k</kernel><cmdline>a&#10;b</cmdline></os>")
OS_CASE(os_kernel_control, 4, "<kernel>: '/k?k' contains a line break",
	"<os><kernel>/k&#9;k</kernel></os>")
OS_CASE(os_kernel_attr, 4, "<kernel>: unknown attribute 'type'", "<os><kernel type='bz'>/k</kernel></os>")

TEST(os_cmdline_too_long)
{
	char xml[4096];
	int n = snprintf(xml, sizeof(xml), "%s", "<domain>\n<os>\n<cmdline>");

	memset(xml + n, 'x', DOMAIN_CMDLINE_MAX + 1);
	strcpy(xml + n + DOMAIN_CMDLINE_MAX + 1, "</cmdline></os>" TAIL);
	parse_err(xml, 3, "is longer than 2047 bytes");
	/* Exactly the maximum fits (the error is then the missing <type>). */
	strcpy(xml + n + DOMAIN_CMDLINE_MAX, "</cmdline></os>" TAIL);
	parse_err(xml, 2, "<os>: missing <type>");
}

/* Features. */
ERR_CASE(feature_unknown, 8, "unknown element <hap> in <features>", "<features><hap/></features>")
ERR_CASE(feature_acpi_attr, 8, "<acpi>: unknown attribute 'x'", "<features><acpi x='1'/></features>")
ERR_CASE(feature_apic_eoi, 8, "<apic>: unknown attribute 'eoi'", "<features><apic eoi='on'/></features>")
ERR_CASE(feature_acpi_child, 8, "unknown element <table> in <acpi>",
	 "<features><acpi><table/></acpi></features>")
ERR_CASE(feature_twice, 9, "<acpi>: given twice in <features>", "<features><acpi/>\n<acpi/></features>")
#define HV_CASE(name, line, fragment, body) \
	ERR_CASE(name, line, fragment, "<features>\n<hyperv>\n" body "</hyperv></features>")
ERR_CASE(hyperv_bad_mode, 8, "<hyperv mode='host'>: expected 'custom' or 'passthrough'",
	 "<features><hyperv mode='host'/></features>")
ERR_CASE(hyperv_passthrough_children, 9, "<relaxed>: <hyperv mode='passthrough'> takes no feature "
	 "elements", "<features><hyperv mode='passthrough'>\n<relaxed state='on'/></hyperv></features>")
HV_CASE(hyperv_missing_state, 10, "<relaxed>: missing attribute state='on|off'", "<relaxed/>")
HV_CASE(hyperv_bad_state, 10, "<vapic state='yes'>: expected 'off' or 'on'", "<vapic state='yes'/>")
HV_CASE(hyperv_unknown, 10, "unknown element <avic> in <hyperv>", "<avic state='on'/>")
HV_CASE(hyperv_twice, 11, "<relaxed>: given twice in <hyperv>",
	"<relaxed state='on'/>\n<relaxed state='off'/>")
HV_CASE(hyperv_spinlocks_no_retries, 10, "<spinlocks state='on'>: missing attribute 'retries'",
	"<spinlocks state='on'/>")
HV_CASE(hyperv_spinlocks_low, 10, "<spinlocks retries='4094'>: expected 4095 to 4294967295",
	"<spinlocks state='on' retries='4094'/>")
HV_CASE(hyperv_spinlocks_high, 10, "expected 4095 to 4294967295",
	"<spinlocks state='on' retries='4294967296'/>")
HV_CASE(hyperv_relaxed_retries, 10, "<relaxed>: unknown attribute 'retries'",
	"<relaxed state='on' retries='5000'/>")
HV_CASE(hyperv_vendor_no_value, 10, "<vendor_id state='on'>: missing attribute 'value'",
	"<vendor_id state='on'/>")
HV_CASE(hyperv_vendor_empty, 10, "<vendor_id value=''>: empty", "<vendor_id state='on' value=''/>")
HV_CASE(hyperv_vendor_long, 10, "<vendor_id value='1234567890123'>: longer than 12 bytes",
	"<vendor_id state='on' value='1234567890123'/>")
HV_CASE(hyperv_vendor_utf8, 10, "expected printable ASCII", "<vendor_id state='on' value='\xc3\xa9'/>")
HV_CASE(hyperv_evmcs, 10, "<evmcs state='on'>: enlightened VMCS is an Intel VMX feature",
	"<evmcs state='on'/>")
HV_CASE(hyperv_synic_needs_vpindex, 11, "<synic state='on'>: needs <vpindex state='on'>",
	"<relaxed state='on'/>\n<synic state='on'/>\n<vpindex state='off'/>")
HV_CASE(hyperv_stimer_needs_synic, 10, "<stimer state='on'>: needs <synic state='on'>",
	"<stimer state='on'/><vpindex state='on'/>")
HV_CASE(hyperv_ipi_needs_vpindex, 10, "<ipi state='on'>: needs <vpindex state='on'>", "<ipi state='on'/>")
HV_CASE(hyperv_tlbflush_needs_vpindex, 10, "<tlbflush state='on'>: needs <vpindex state='on'>",
	"<tlbflush state='on'/>")
HV_CASE(hyperv_direct_without_stimer, 10, "<stimer state='off'>: <direct state='on'> needs the timers on",
	"<stimer state='off'><direct state='on'/></stimer>")
HV_CASE(hyperv_direct_no_state, 11, "<direct>: missing attribute state", "<stimer state='on'>\n<direct/></stimer>")
HV_CASE(hyperv_tlbflush_child, 10, "unknown element <extended> in <tlbflush>",
	"<tlbflush state='on'><extended state='on'/></tlbflush>")
HV_CASE(hyperv_stray_text, 10, "<hyperv>: unexpected text 'relaxed'", "relaxed")

/* Clock. */
ERR_CASE(clock_variable, 8, "<clock offset='variable'>: expected 'utc' or 'localtime'",
	 "<clock offset='variable' />")
ERR_CASE(clock_adjustment, 8, "<clock>: unknown attribute 'adjustment'", "<clock adjustment='reset'/>")
ERR_CASE(timer_no_name, 9, "<timer>: missing attribute 'name'", "<clock>\n<timer present='no'/></clock>")
ERR_CASE(timer_platform, 8, "<timer name='platform'>: expected 'hpet', 'kvmclock', 'pit', 'rtc', "
	 "'tsc' or 'hypervclock'", "<clock><timer name='platform'/></clock>")
ERR_CASE(timer_twice, 9, "<timer name='rtc'>: given twice",
	 "<clock><timer name='rtc'/>\n<timer name='rtc' present='no'/></clock>")
ERR_CASE(timer_track_pit, 8, "<timer name='pit' track=...>: only the rtc timer takes 'track'",
	 "<clock><timer name='pit' track='guest'/></clock>")
ERR_CASE(timer_bad_present, 8, "<timer present='maybe'>: expected 'no' or 'yes'",
	 "<clock><timer name='hpet' present='maybe'/></clock>")
ERR_CASE(timer_bad_tickpolicy, 8, "expected 'delay', 'catchup', 'merge' or 'discard'",
	 "<clock><timer name='pit' tickpolicy='later'/></clock>")
ERR_CASE(timer_catchup_child, 8, "unknown element <catchup> in <timer>",
	 "<clock><timer name='rtc'><catchup threshold='1'/></timer></clock>")
ERR_CASE(timer_frequency, 8, "<timer>: unknown attribute 'frequency'",
	 "<clock><timer name='tsc' frequency='1000'/></clock>")

/* Lifecycle actions. */
ERR_CASE(on_crash_coredump, 8, "<on_crash>coredump-destroy</on_crash>: not supported yet",
	 "<on_crash>coredump-destroy</on_crash>")
ERR_CASE(on_poweroff_coredump, 8, "<on_poweroff>coredump-restart</on_poweroff>: only <on_crash> takes "
	 "coredump actions", "<on_poweroff>coredump-restart</on_poweroff>")
ERR_CASE(on_reboot_rename, 8, "<on_reboot>rename-restart</on_reboot>: not supported (only libvirt's "
	 "libxl driver", "<on_reboot>rename-restart</on_reboot>")
ERR_CASE(on_poweroff_bad, 8, "<on_poweroff>halt</on_poweroff>: expected 'destroy', 'restart' or "
	 "'preserve'", "<on_poweroff>halt</on_poweroff>")
ERR_CASE(on_lockfailure, 8, "unknown element <on_lockfailure> in <domain>",
	 "<on_lockfailure>poweroff</on_lockfailure>")

/* Devices. */
#define DEV_CASE(name, line, fragment, devices) \
	ERR_CASE(name, line, fragment, "<devices>\n" devices "</devices>")
DEV_CASE(device_disk, 10, "<disk>: not supported yet", "\n<disk type='file'><source file='/x'/></disk>")
DEV_CASE(device_interface, 9, "<interface>: not supported yet",
	 "<interface type='network'>\n<source network='default'/>\n<model type='virtio'/>\n</interface>")
DEV_CASE(device_graphics, 9, "unknown element <graphics> in <devices>", "<graphics type='vnc'/>")
DEV_CASE(serial_file, 9, "<serial type='file'>: only type='pty' is supported",
	 "<serial type='file'><source path='/tmp/x'/></serial>")
DEV_CASE(serial_no_type, 9, "<serial>: missing attribute type='pty'", "<serial/>")
DEV_CASE(serial_twice, 10, "<serial>: only one serial port (COM1) is supported; the first is at line 9",
	 "<serial type='pty'/>\n<serial type='pty'/>")
DEV_CASE(serial_port_1, 9, "<target port='1'>: only port 0 (the guest's COM1) is supported",
	 "<serial type='pty'><target port='1'/></serial>")
DEV_CASE(serial_usb, 9, "<target type='usb-serial'>: only 'isa-serial' (COM1) is supported",
	 "<serial type='pty'><target type='usb-serial'/></serial>")
DEV_CASE(serial_model, 9, "<model name='16550a'>: expected 'isa-serial'",
	 "<serial type='pty'><target><model name='16550a'/></target></serial>")
DEV_CASE(serial_log, 9, "unknown element <log> in <serial>",
	 "<serial type='pty'><log file='/var/log/x'/></serial>")
DEV_CASE(serial_source_mode, 9, "<source>: unknown attribute 'mode'",
	 "<serial type='pty'><source mode='bind'/></serial>")
DEV_CASE(console_virtio, 9, "<target type='virtio'>: virtio consoles are not supported yet",
	 "<console type='pty'><target type='virtio' port='0'/></console>")
DEV_CASE(console_file, 9, "<console type='file'>: only type='pty' is supported", "<console type='file'/>")
DEV_CASE(console_twice, 10, "<console>: only one console (serial port 0) is supported",
	 "<console type='pty'/>\n<console type='pty'/>")
DEV_CASE(console_port_1, 9, "<target port='1'>", "<console type='pty'><target port='1'/></console>")
DEV_CASE(emulator_twice, 10, "<emulator>: given twice in <devices>",
	 "<emulator>/a</emulator>\n<emulator>/b</emulator>")

/* Structure. */
ERR_CASE(unknown_top_level, 8, "unknown element <cpu> in <domain>", "<cpu mode='host-passthrough'/>")
ERR_CASE(namespaced_element, 8, "unknown element <qemu:commandline> in <domain>",
	 "<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'/>")
ERR_CASE(default_namespace, 8, "unknown element <devices> (in namespace 'urn:x') in <domain>",
	 "<devices xmlns='urn:x'/>")
ERR_CASE(xinclude, 8, "unknown element <xi:include> in <domain>",
	 "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='/etc/passwd' parse='text'/>")
ERR_CASE(namespaced_attribute, 8, "<vcpu>: unknown attribute 'x:a'", "<vcpu xmlns:x='urn:x' x:a='1'>1</vcpu>")
ERR_CASE(stray_text, 8, "<domain>: unexpected text 'hello'", "hello")
ERR_CASE(text_with_element, 8, "unknown element <b> in <vcpu>", "<vcpu>1<b/></vcpu>")

/* Malformed XML: libxml2's line and message, never its printing. */
ERR_DOC(malformed_mismatch, 3, "malformed XML: Opening and ending tag mismatch",
	"<domain>\n<name>t</name>\n</dom>")
ERR_DOC(malformed_truncated, 2, "malformed XML:", "<domain>\n<name>t</na")
ERR_DOC(malformed_attribute, 1, "malformed XML: AttValue", "<domain type=bulkhead/>")
ERR_DOC(malformed_two_roots, 1, "malformed XML: Extra content", "<domain/><domain/>")
ERR_DOC(malformed_not_xml, 1, "malformed XML: Start tag expected", "hello world")
ERR_DOC(malformed_only_comment, 1, "malformed XML:", "<!-- nothing -->")
ERR_DOC(malformed_undefined_entity, 1, "malformed XML: Entity 'x' not defined", "<domain>&x;</domain>")
ERR_DOC(malformed_bad_utf8, 1, "malformed XML: Input is not proper UTF-8, indicate encoding ! Bytes: 0xFF",
	"<domain><name>\xff\xfe</name></domain>")
ERR_DOC(malformed_unbound_prefix, 1, "malformed XML: Namespace prefix q on c is not defined",
	"<domain><q:c/></domain>")
ERR_DOC(empty_document, 0, "t.xml: empty document", "")

TEST(whitespace_only_document)
{
	parse_err("  \n\n ", 3, "malformed XML: Start tag expected");
}

TEST(nul_byte_inside)
{
	static const char xml[] = "<domain>\n<name>t\0x</name></domain>";

	parse_err_n(xml, sizeof(xml) - 1, 2, "malformed XML:");
}

/* DTDs: no entity expansion, no external files, no network; refused at the <!DOCTYPE>. */
ERR_DOC(dtd_billion_laughs, 2, "<!DOCTYPE>: DTDs are not accepted",
	"<?xml version='1.0'?>\n<!DOCTYPE domain [\n"
	"<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n"
	"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\n"
	"]>\n<domain><name>&d;</name></domain>")
ERR_DOC(dtd_xxe_file, 1, "<!DOCTYPE>: DTDs are not accepted",
	"<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>")
ERR_DOC(dtd_external_http, 1, "DTDs are not accepted",
	"<!DOCTYPE domain SYSTEM 'http://192.0.2.1/domain.dtd'><domain/>")
ERR_DOC(dtd_parameter_entity, 1, "DTDs are not accepted",
	"<!DOCTYPE d [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]><domain/>")
ERR_DOC(dtd_empty, 3, "DTDs are not accepted", "\n\n<!DOCTYPE domain><domain/>")

TEST(too_large_refused_unread)
{
	size_t len = DOMAIN_XML_MAX + 1;
	char *xml = malloc(len);

	CHECK(xml != NULL);
	memset(xml, ' ', len);
	parse_err_n(xml, len, 0, "t.xml: larger than 1048576 bytes");
	free(xml);
}

/* A valid document just under the limit, padded with a comment, parses. */
TEST(large_but_allowed)
{
	static const char head[] = HEAD "<!--", tail[] = "-->" TAIL;
	size_t len = DOMAIN_XML_MAX;
	char *xml = malloc(len);
	struct domain_config cfg;

	CHECK(xml != NULL);
	memcpy(xml, head, sizeof(head) - 1);
	memset(xml + sizeof(head) - 1, 'x', len - (sizeof(head) - 1) - (sizeof(tail) - 1));
	memcpy(xml + len - (sizeof(tail) - 1), tail, sizeof(tail) - 1);
	int r = domain_parse_buffer(xml, len, TEST_FILE, &cfg, &last_err);

	free(xml);
	if (r)
		TEST_FAIL("%s", last_err.message);
}

/* 100,000 nested elements: libxml2's depth limit (or our schema) stops it, without a crash. */
TEST(deep_nesting)
{
	const int depth = 100000;
	size_t len = (size_t)depth * 7 + 64, n;
	char *xml = malloc(len);

	CHECK(xml != NULL);
	n = (size_t)sprintf(xml, "<domain>");
	for (int i = 0; i < depth; i++)
		n += (size_t)sprintf(xml + n, "<a>");
	for (int i = 0; i < depth; i++)
		n += (size_t)sprintf(xml + n, "</a>");
	n += (size_t)sprintf(xml + n, "</domain>");
	parse_err_n(xml, n, 1, "malformed XML: Excessive depth");
	free(xml);
}

TEST(huge_attribute_value)
{
	size_t len = 600000;
	char *xml = malloc(len + 512);

	CHECK(xml != NULL);
	strcpy(xml, HEAD "<vcpu current='");
	size_t n = strlen(xml);

	memset(xml + n, '1', len);
	strcpy(xml + n + len, "'>1</vcpu>" TAIL);
	parse_err(xml, 8, "<vcpu current='111111111111");
	free(xml);
}

/* Lines past 65535 (libxml2 keeps 16 bits unless asked for more). */
TEST(line_numbers_past_65535)
{
	const int blank = 70000;
	char *xml = malloc((size_t)blank + 256);

	CHECK(xml != NULL);
	strcpy(xml, HEAD);
	size_t n = strlen(xml);

	memset(xml + n, '\n', (size_t)blank);
	strcpy(xml + n + (size_t)blank, "<vcpu>0</vcpu>\n" TAIL);
	parse_err(xml, FIRST_LINE + blank, "<vcpu>0</vcpu>");
	strcpy(xml + n + (size_t)blank, "<vcpu>1</vcpu>\n</dom>");
	parse_err(xml, FIRST_LINE + blank + 1, "malformed XML");
	free(xml);
}

TEST(long_values_shortened_in_messages)
{
	char xml[2048];
	int n = snprintf(xml, sizeof(xml), "%s", "<domain><os><kernel>");

	memset(xml + n, 'k', 1000);
	strcpy(xml + n + 1000, "</kernel></os>" TAIL);
	parse_err(xml, 1, "<kernel>kkkkkkkk");
	CHECK(strstr(last_err.message, "...") != NULL);
	CHECK(strlen(last_err.message) < 160);
}

TEST(file_errors)
{
	struct domain_config cfg;

	CHECK(domain_parse_file("/nonexistent/t.xml", &cfg, &last_err) != 0);
	CHECK_STR(last_err.message, "/nonexistent/t.xml: No such file or directory");
	CHECK_EQ(last_err.line, 0);
	CHECK(domain_parse_file("/", &cfg, &last_err) != 0);
	CHECK_STR(last_err.message, "/: not a regular file");
}

TEST(file_messages_use_the_path)
{
	char path[] = "/tmp/domain_test_XXXXXX";
	int fd = mkstemp(path);
	struct domain_config cfg;
	int r;

	CHECK(fd >= 0);
	CHECK(write(fd, "<domain>\n<nope/></domain>", 25) == 25);
	close(fd);
	r = domain_parse_file(path, &cfg, &last_err);
	unlink(path);
	CHECK(r != 0);
	CHECK_EQ(last_err.line, 2);
	CHECK(strncmp(last_err.message, path, strlen(path)) == 0);
	CHECK(strstr(last_err.message, ":2: unknown element <nope> in <domain>") != NULL);
}

/* libxml2 must never write to stderr on its own. */
TEST(nothing_printed)
{
	static const char *const bad[] = {
		"<domain>\n</dom>", "<domain>&x;</domain>", "<a><q:c/></a>",
		"<!DOCTYPE d [<!ENTITY x 'y'>]><d>&x;</d>", "<domain xmlns:x='not a uri'/>",
		"\xff\xfe<d", "<domain><name>\xc3</name></domain>",
	};
	char path[] = "/tmp/domain_stderr_XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	struct domain_config cfg;
	struct stat st;

	CHECK(fd >= 0 && saved >= 0);
	unlink(path);
	fflush(stderr);
	dup2(fd, 2);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		domain_parse_buffer(bad[i], strlen(bad[i]), "q.xml", &cfg, &last_err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	CHECK(fstat(fd, &st) == 0);
	close(fd);
	CHECK_EQ(st.st_size, 0);
}

TEST(null_name_labels_buffer)
{
	struct domain_config cfg;

	CHECK(domain_parse_buffer("<x/>", 4, NULL, &cfg, &last_err) != 0);
	CHECK(strncmp(last_err.message, "(buffer):1: ", 12) == 0);
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
