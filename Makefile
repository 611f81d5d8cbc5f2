# forumstat — build, test and install.
#
#   make                 build build/forumstat (hardened release flags)
#   make SAN=1           build under ASan+UBSan into build-san/
#   make check           build and run every test (unit + end to end);
#                        closes with "N passed, N failed"
#   make check SAN=1     the same under sanitizers
#   make WERROR=1        warnings are errors (CI)
#   make install PREFIX=/usr/local
#
# Libraries come from pkg-config, except libcsv which ships no .pc file.

CC       ?= cc
PREFIX   ?= /usr/local
PKGS      = sqlite3 xlsxwriter cairo pangocairo pangoft2 fontconfig nettle libzip expat
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# The unit tests only (libzip and expat are in PKGS: the xlsx reader).
TEST_PKGS = cmocka
CMOCKA_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

VERSION  := 0.1.0
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARN     += -Werror
endif

ifeq ($(SAN),1)
BUILD    ?= build-san
OPT       = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDOPT     = -fsanitize=address,undefined
else
BUILD    ?= build
OPT       = -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
LDOPT     = -pie -Wl,-z,relro,-z,now
endif

CFLAGS   += -std=c17 -D_GNU_SOURCE $(OPT) $(WARN) \
            -DFS_VERSION='"$(VERSION)"' -Ireport -Icharts -pthread $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lcsv -lm -pthread

# sanitizer.c is linked directly into each program: nothing references it
# strongly, so an archive member would be left out.
LIB_SRC  := $(filter-out report/main.c report/sanitizer.c,$(wildcard report/*.c)) $(wildcard charts/*.c)
SAN_OBJ  := $(BUILD)/report/sanitizer.o
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check unit install clean samples bench
all: $(BUILD)/forumstat

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libforumstat.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/forumstat: $(BUILD)/report/main.o $(SAN_OBJ) $(BUILD)/libforumstat.a
	$(CC) $(LDOPT) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(SAN_OBJ) $(BUILD)/libforumstat.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) $(LDOPT) -o $@ $< $(SAN_OBJ) $(BUILD)/libforumstat.a $(LDLIBS) $(CMOCKA_LIBS)

unit: $(UNIT_BIN)

check: all unit
	BUILD=$(BUILD) tests/run

samples: all
	./run-samples

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/forumstat $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/forumstat $(DESTDIR)$(PREFIX)/bin/forumstat
	install -m 644 templates/zone.conf $(DESTDIR)$(PREFIX)/share/forumstat/zone.conf
	if [ -f docs/forumstat.1 ]; then install -m 644 docs/forumstat.1 $(DESTDIR)$(PREFIX)/share/man/man1/; fi

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(BUILD)/report/main.d $(BUILD)/report/sanitizer.d

# ======================================================================
# Hardening (issue 7) — fuzzing, fault injection and static analysis.
# This section is owned by the hardening work; see fuzz/README.md and
# tests/fault/README.md.
#
#   make fuzz            build the libFuzzer harnesses and run each for
#                        FUZZ_SECONDS (default 60) on a work copy of the
#                        committed corpus (build/fuzz/corpus/)
#   make fuzz-replay     replay the committed corpora and every past crasher
#   make fuzz-smoke      replay, then fuzz each harness FUZZ_SMOKE_SECONDS (CI)
#   make fuzz-merge      add what make fuzz found to fuzz/corpus (minimised)
#   make fuzz-seeds      rebuild the seed corpora and dictionaries from
#                        samples/, tests/rules/cases.txt and report/schema.c
#   make fuzz-coverage   line coverage of the input path reached by the corpora
#   make fault           the allocation-failure build (tests/fault/)
#   make lint            cppcheck and clang-tidy over the C sources
# ======================================================================
.PHONY: fuzz fuzz-build fuzz-replay fuzz-smoke fuzz-merge fuzz-seeds fuzz-coverage fault lint

FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 40
FUZZ_BUILD         := build/fuzz
FUZZERS            := csv sqlite parse xlsx
# The library (every report/ and charts/ source but main.c) is compiled with
# coverage instrumentation and the sanitizers into an archive; a harness
# links what it uses, so the harnesses follow the code as it moves.
FUZZ_FLAGS   := -std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -Ireport -Icharts -pthread \
                -DFS_FUZZ_ZONE='"$(CURDIR)/templates/zone.conf"' -DFS_VERSION='"$(VERSION)"' \
                $(PKG_CFLAGS) $(WARN)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIBS    := $(PKG_LIBS) -lcsv -lm -pthread
FUZZ_BINS    := $(FUZZERS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_OBJ     := $(LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_COV_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/cov-obj/%.o)

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/cov-obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fprofile-instr-generate -fcoverage-mapping -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libfuzzed.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/libcov.a: $(FUZZ_COV_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/common.c fuzz/common.h $(FUZZ_BUILD)/libfuzzed.a
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< fuzz/common.c \
	    $(FUZZ_BUILD)/libfuzzed.a $(FUZZ_LIBS)

# Coverage build: the same harnesses with source-based coverage, no sanitizers.
$(FUZZ_BUILD)/cov/fuzz_%: fuzz/fuzz_%.c fuzz/common.c fuzz/common.h $(FUZZ_BUILD)/libcov.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping \
	    -o $@ $< fuzz/common.c $(FUZZ_BUILD)/libcov.a $(FUZZ_LIBS)

-include $(FUZZ_OBJ:.o=.d) $(FUZZ_COV_OBJ:.o=.d)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run fuzz $(FUZZ_SECONDS) $(FUZZERS)

fuzz-replay: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run replay 0 $(FUZZERS)

fuzz-smoke: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run smoke $(FUZZ_SMOKE_SECONDS) $(FUZZERS)

fuzz-merge: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run merge 0 $(FUZZERS)

fuzz-seeds:
	fuzz/make-seeds

fuzz-coverage: $(FUZZERS:%=$(FUZZ_BUILD)/cov/fuzz_%)
	FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run coverage 0 $(FUZZERS)

# Allocation failures (tests/fault/alloc_hooks.c): the sanitizer build's
# objects linked again with malloc, calloc, realloc and strdup of our code
# wrapped, and SQLite's allocator hooked, so FS_FAIL_ALLOC=N fails the N-th.
FAULT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
# (Relinked on every make fault: the library it wraps may have changed.)
fault:
	$(MAKE) SAN=1 all
	@mkdir -p build-san/fault
	$(CC) -std=c17 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all $(WARN) $(PKG_CFLAGS) -c -o build-san/fault/alloc_hooks.o \
	    tests/fault/alloc_hooks.c
	$(CC) -fsanitize=address,undefined $(FAULT_WRAP) -o build-san/fault/forumstat \
	    build-san/report/main.o build-san/fault/alloc_hooks.o build-san/libforumstat.a $(LDLIBS)

# Static analysis: cppcheck and clang-tidy over every C source, one TAP line
# per file and tool (tests/lint/run; checks in tests/lint/clang-tidy.yaml,
# suppressions inline with their reason, files still being fixed by their
# owners in tests/lint/pending).
lint:
	tests/lint/run
