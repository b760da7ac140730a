# SPDX-License-Identifier: GPL-2.0
# The domain XML library (libvirt domain XML <-> struct domain_config), pure and
# host-testable; hvctl and the worker link DOMAIN_SRCS with DOMAIN_CFLAGS/DOMAIN_LIBS.

DOMAIN_SRCS   := rootpart/lib/domain_parse.c rootpart/lib/domain_features.c \
                 rootpart/lib/domain_devices.c rootpart/lib/domain_format.c \
                 rootpart/lib/domain_xml.c rootpart/lib/domain_util.c
DOMAIN_CFLAGS := -Irootpart/lib $(shell pkg-config --cflags libxml-2.0)
DOMAIN_LIBS   := $(shell pkg-config --libs libxml-2.0)
export DOMAIN_SRCS DOMAIN_CFLAGS DOMAIN_LIBS

DOMAIN_TESTS := $(B)/tests/unit/domain_test $(B)/tests/unit/domain_error_test
UNIT_TESTS   += $(DOMAIN_TESTS)
FUZZERS      += $(B)/tests/fuzz/domain_fuzz

# tests/unit/test.h's setjmp loop trips a false -Wclobbered at -O2 (as in decode.mk),
# and its CHECK_STR message, cut on purpose, -Wformat-truncation with our long strings.
$(DOMAIN_TESTS): $(B)/tests/unit/%: tests/unit/%.c tests/unit/domain_cases.h $(DOMAIN_SRCS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(DOMAIN_CFLAGS) -Wno-clobbered \
		-Wno-format-truncation -o $@ \
		$< $(DOMAIN_SRCS) $(DOMAIN_LIBS)

$(B)/tests/fuzz/domain_fuzz: tests/fuzz/domain_fuzz.c $(DOMAIN_SRCS)
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	$(Q)$(FUZZCC) $(FUZZ_CFLAGS) $(DOMAIN_CFLAGS) -o $@ $< $(DOMAIN_SRCS) $(DOMAIN_LIBS)
