# SPDX-License-Identifier: GPL-2.0
# The worker's device models and ACPI table builder: pure C the worker links,
# with a host unit test per model and one fuzzer driving them all.

DEV_DIR          := rootpart/worker/dev
DEVMODEL_SRCS    := $(DEV_DIR)/ioapic.c $(DEV_DIR)/uart16550.c $(DEV_DIR)/pit8254.c \
                    $(DEV_DIR)/pic8259.c $(DEV_DIR)/rtc_cmos.c $(DEV_DIR)/acpi_pm.c \
                    $(DEV_DIR)/legacy.c
ACPI_TABLES_SRCS := $(DEV_DIR)/aml.c $(DEV_DIR)/acpi_tables.c
DEV_INC          := -I$(DEV_DIR) $(ABI_INC)
DEV_HDRS         := $(wildcard $(DEV_DIR)/*.h) hv/abi/bulkhead/acpi.h
export DEVMODEL_SRCS ACPI_TABLES_SRCS

DEV_UNIT_TESTS := ioapic_test uart16550_test pit8254_test pic8259_test rtc_cmos_test \
                  acpi_pm_test legacy_test acpi_tables_test
UNIT_TESTS  += $(addprefix $(B)/tests/unit/,$(DEV_UNIT_TESTS))
FUZZERS     += $(B)/tests/fuzz/devmodel_fuzz

# Each test links only the model it tests (and the AML encoder for the tables).
dev_test_srcs = $(if $(filter acpi_tables_test,$(1)),$(ACPI_TABLES_SRCS),$(DEV_DIR)/$(1:_test=).c)

# tests/unit/test.h's setjmp loop trips a false -Wclobbered at -O2.
define dev_unit_test
$(B)/tests/unit/$(1): tests/unit/$(1).c $(call dev_test_srcs,$(1)) $(DEV_HDRS)
	@mkdir -p $$(@D)
	@echo "  CC      $$@"
	$$(Q)$$(HOSTCC) $$(HOST_CFLAGS) $$(SAN_FLAGS) $$(DEV_INC) -Wno-clobbered -o $$@ \
		tests/unit/$(1).c $(call dev_test_srcs,$(1))
endef
$(foreach t,$(DEV_UNIT_TESTS),$(eval $(call dev_unit_test,$(t))))

$(B)/tests/fuzz/devmodel_fuzz: tests/fuzz/devmodel_fuzz.c tests/fuzz/fuzz_input.h $(DEVMODEL_SRCS) $(ACPI_TABLES_SRCS) \
		$(DEV_HDRS)
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	$(Q)$(FUZZCC) $(FUZZ_CFLAGS) $(DEV_INC) -o $@ tests/fuzz/devmodel_fuzz.c $(DEVMODEL_SRCS) \
		$(ACPI_TABLES_SRCS)
