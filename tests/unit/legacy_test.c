// SPDX-License-Identifier: GPL-2.0
/* Legacy ports: i8042 status and reset pulses, POST sink, 0xCF9 reset register decode. */
#include "test.h"

#include "legacy.h"
#include "platform.h"

static struct legacy l;
static unsigned resets;

static void on_reset(void *opaque)
{
	(void)opaque;
	resets++;
}

static void setup(void)
{
	struct legacy_ops ops = { on_reset, 0 };

	resets = 0;
	legacy_init(&l, &ops);
}

TEST(i8042_status_idle)
{
	setup();
	uint8_t st = (uint8_t)legacy_read(&l, PLATFORM_I8042_CMD, 1);
	CHECK_EQ(st & (I8042_STR_OBF | I8042_STR_IBF), 0);	/* kb_wait() returns at once */
	CHECK(st & I8042_STR_SYSFLAG);
}

TEST(i8042_reset_pulse)
{
	setup();
	legacy_write(&l, PLATFORM_I8042_CMD, 1, 0xFE);	/* Linux reboot=k */
	CHECK_EQ(resets, 1u);
	legacy_write(&l, PLATFORM_I8042_CMD, 1, 0xFF);	/* pulses nothing */
	legacy_write(&l, PLATFORM_I8042_CMD, 1, 0xAA);
	CHECK_EQ(resets, 1u);
	legacy_write(&l, PLATFORM_I8042_CMD, 1, I8042_CMD_WRITE_OUTPUT);
	legacy_write(&l, PLATFORM_I8042_DATA, 1, 0xFE);	/* output port with reset low */
	CHECK_EQ(resets, 2u);
	legacy_write(&l, PLATFORM_I8042_DATA, 1, 0xFE);	/* plain data: nothing */
	CHECK_EQ(resets, 2u);
}

TEST(reset_control_register)
{
	setup();
	legacy_write(&l, PLATFORM_RESET_PORT, 1, RST_CNT_SYS_RST);
	CHECK_EQ(resets, 0u);
	CHECK_EQ(legacy_read(&l, PLATFORM_RESET_PORT, 1), RST_CNT_SYS_RST);
	legacy_write(&l, PLATFORM_RESET_PORT, 1, PLATFORM_RESET_VALUE);	/* FADT RESET_VALUE */
	CHECK_EQ(resets, 1u);
	CHECK_EQ(legacy_read(&l, PLATFORM_RESET_PORT, 1), RST_CNT_SYS_RST);	/* RST_CPU self-clears */
	legacy_write(&l, PLATFORM_RESET_PORT, 1, 0x0E);
	CHECK_EQ(resets, 2u);
}

TEST(pci_config_dword_is_not_a_reset)
{
	setup();
	legacy_write(&l, 0xCF8, 4, 0xFFFFFFFF);	/* pci_check_type1: not ours */
	legacy_write(&l, 0xCF8, 2, 0xFFFF);
	CHECK_EQ(resets, 0u);
	CHECK_EQ(legacy_read(&l, 0xCF8, 4), 0xFFFFFFFFu);
}

TEST(post_port_sink)
{
	setup();
	legacy_write(&l, PLATFORM_POST_PORT, 1, 0x42);
	CHECK_EQ(legacy_post_code(&l), 0x42);
	CHECK_EQ(legacy_read(&l, PLATFORM_POST_PORT, 1), 0x42u);
	CHECK_EQ(legacy_read(&l, 0x81, 1), 0xFFu);
}

int main(void)
{
	return test_main();
}
