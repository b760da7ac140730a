# SPDX-License-Identifier: GPL-2.0
# The x86 instruction decoder and guest page-table walker: pure libraries the
# core links (built freestanding with the core's flags), and their host tests.

INSN_SRCS   := hv/arch/x86/insn.c hv/arch/x86/insn_exec.c
GWALK_SRCS  := hv/arch/x86/gwalk.c
DECODE_INC  := -Ihv/arch/x86/include
export INSN_SRCS GWALK_SRCS

UNIT_TESTS  += $(B)/tests/unit/insn_test $(B)/tests/unit/gwalk_test
FUZZERS     += $(B)/tests/fuzz/insn_fuzz $(B)/tests/fuzz/gwalk_fuzz
ALL_TARGETS += $(B)/hv/arch/x86/decode-freestanding.o

# Proof that both libraries still build the way the core builds them.
DECODE_FREESTANDING_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-builtin -nostdlib \
	-mno-sse -mno-mmx -mno-red-zone -mgeneral-regs-only -fpie $(HOST_WARN)
$(B)/hv/arch/x86/decode-freestanding.o: $(INSN_SRCS) $(GWALK_SRCS)
	@mkdir -p $(@D)
	$(HOSTCC) $(DECODE_FREESTANDING_CFLAGS) -nostdinc $(DECODE_INC) \
		-isystem $(shell $(HOSTCC) -print-file-name=include) \
		-r -o $@ $(INSN_SRCS) $(GWALK_SRCS)

# Length ground truth: the corpus assembled by as and disassembled by objdump
# (-M intel64: near branches ignore 66 in 64-bit mode, as insn_decode does).
INSN_CORPUS := $(B)/tests/unit/insn_corpus.h
$(B)/tests/unit/insn_corpus%.o: tests/unit/insn-corpus/corpus%.S
	@mkdir -p $(@D)
	as $(if $(filter 64,$*),--64,--32) -o $@ $<
$(INSN_CORPUS): $(B)/tests/unit/insn_corpus64.o $(B)/tests/unit/insn_corpus32.o \
		$(B)/tests/unit/insn_corpus16.o
	@{ for m in 64 32 16; do \
		case $$m in 64) arch="-M intel64";; 32) arch="";; 16) arch="-m i8086";; esac; \
		objdump -d -w $$arch $(B)/tests/unit/insn_corpus$$m.o | \
		awk -F'\t' -v mode=$$m '/^ *[0-9a-f]+:\t/ { \
			n = split($$2, b, " "); s = ""; \
			for (i = 1; i <= n; i++) s = s "\\x" b[i]; \
			t = $$3; gsub(/[\\"]/, "?", t); gsub(/ +/, " ", t); \
			printf "\t{ %d, %d, \"%s\", \"%s\" },\n", mode, n, s, t }'; \
	   done; } > $@.tmp
	@test -s $@.tmp && mv $@.tmp $@

# tests/unit/test.h's setjmp loop trips a false -Wclobbered at -O2 (as in vmbus/).
$(B)/tests/unit/insn_test: tests/unit/insn_test.c $(INSN_SRCS) $(INSN_CORPUS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(DECODE_INC) -I$(B)/tests/unit -Wno-clobbered -o $@ \
		tests/unit/insn_test.c $(INSN_SRCS)

$(B)/tests/unit/gwalk_test: tests/unit/gwalk_test.c $(GWALK_SRCS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(DECODE_INC) -Wno-clobbered -o $@ tests/unit/gwalk_test.c $(GWALK_SRCS)

$(B)/tests/fuzz/insn_fuzz: tests/fuzz/insn_fuzz.c $(INSN_SRCS)
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) $(DECODE_INC) -o $@ tests/fuzz/insn_fuzz.c $(INSN_SRCS)

$(B)/tests/fuzz/gwalk_fuzz: tests/fuzz/gwalk_fuzz.c $(GWALK_SRCS)
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) $(DECODE_INC) -o $@ tests/fuzz/gwalk_fuzz.c $(GWALK_SRCS)
