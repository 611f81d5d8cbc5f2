# forumstat — build, test and install.
#
#   make                 build build/forumstat (hardened release flags)
#   make SAN=1           build under ASan+UBSan into build-san/
#   make check           build and run every test (unit + end to end);
#                        closes with "N passed, N failed"
#   make check SAN=1     the same under sanitizers
#   make WERROR=1        warnings are errors (CI)
#   make install PREFIX=/usr/local    (DESTDIR honoured; make uninstall)
#   make update-po       merge new messages into po/zh_CN.po (for translators)
#   make po-check        fail listing every message without a translation
#   make format-check    every source of report/ and charts/ as .clang-format says
#                        (FORMAT_ALL=1: count what differs in every source)
#
# CFLAGS, CPPFLAGS and LDFLAGS are yours (make CFLAGS=-O0 works): the flags
# the build needs are kept apart in ALL_CFLAGS / ALL_LDFLAGS, as git does.
# Libraries come from pkg-config, except libcsv which ships no .pc file; a
# module pkg-config cannot find is named before anything is compiled.

CC       ?= cc
PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/forumstat
MANDIR   ?= $(PREFIX)/share/man/man1
LOCALEDIR ?= $(PREFIX)/share/locale
PKGS      = sqlite3 libpq xlsxwriter cairo pangocairo pangoft2 fontconfig nettle libzip expat zlib
# The unit tests only (libzip and expat are in PKGS: the xlsx reader).
TEST_PKGS = cmocka
# The build tool that writes the charts' font subsets (charts/tools/).
TOOL_PKGS = harfbuzz-subset fontconfig

# Goals that compile nothing need no library.
NODEPS_GOALS := clean uninstall fuzz-seeds pot update-po po-check format-check
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
PKG_MISSING := $(foreach p,$(PKGS) $(TEST_PKGS) $(TOOL_PKGS),$(if $(shell pkg-config --exists $(p) && echo y),,$(p)))
ifneq ($(strip $(PKG_MISSING)),)
$(error pkg-config cannot find: $(strip $(PKG_MISSING)). Run scripts/ensure-deps test (as root it installs them; otherwise it prints the apt-get line))
endif
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
TOOL_CFLAGS   := $(shell pkg-config --cflags $(TOOL_PKGS) 2>/dev/null)
TOOL_LIBS     := $(shell pkg-config --libs $(TOOL_PKGS) 2>/dev/null)

VERSION  := 0.1.0
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARN     += -Werror
endif

# CFLAGS/LDFLAGS: the user's (optimisation, debug info); the hardening and
# sanitizer flags below are required and stay whatever CFLAGS says.
ifeq ($(SAN),1)
BUILD    ?= build-san
CFLAGS   ?= -O1 -g
NEED_CFLAGS = -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDOPT     = -fsanitize=address,undefined
else
BUILD    ?= build
CFLAGS   ?= -O2 -g
# _FORTIFY_SOURCE needs an optimising build: on at -O1 and above.
NEED_CFLAGS = -fstack-protector-strong -fPIE \
              $(if $(filter -O0,$(CFLAGS)),,-D_FORTIFY_SOURCE=2)
LDOPT     = -pie -Wl,-z,relro,-z,now
endif

# The program's stages, in pipeline order (README, "Source tree"): a
# folder may include headers of its own and earlier stages only, and the
# chart library (charts/) of none of them but common/ (make layers).
STAGES    := common templates read store import figures briefing workbook cli
STAGE_INC := $(addprefix -Ireport/,$(STAGES)) -Icharts

ALL_CFLAGS  = -std=c17 -D_GNU_SOURCE $(NEED_CFLAGS) $(WARN) -DFS_VERSION='"$(VERSION)"' \
              -DFS_DATADIR='"$(DATADIR)"' -DFS_LOCALEDIR='"$(LOCALEDIR)"' \
              $(STAGE_INC) -pthread $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(LDOPT) $(LDFLAGS)
LDLIBS   += $(PKG_LIBS) -lcsv -lm -pthread

# sanitizer.c is linked directly into each program: nothing references it
# strongly, so an archive member would be left out.
LIB_SRC  := $(filter-out report/cli/main.c report/cli/sanitizer.c,$(wildcard report/*/*.c)) \
            $(wildcard charts/*.c)
SAN_OBJ  := $(BUILD)/report/cli/sanitizer.o
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Messages in Chinese (GNU gettext, report/common/i18n.h): po/zh_CN.po compiled
# where the binary finds it, next to itself (see po/update for the rest).
MO       := $(BUILD)/locale/zh_CN/LC_MESSAGES/forumstat.mo

# The charts' font subsets (charts/tools/fontsubset.c says why), found
# next to the binary as the catalogue is; names as in report/briefing/deck.c.
FONT_SUBSETS := $(BUILD)/fonts/NotoSansCJKsc-Regular-subset.otf $(BUILD)/fonts/NotoSansCJKsc-Bold-subset.otf

.PHONY: all check layers unit install uninstall clean samples bench FORCE pot update-po po-check format-check soak-model
all: $(BUILD)/forumstat $(MO) $(FONT_SUBSETS)

$(MO): po/zh_CN.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# A build tool: plain flags (no sanitizer: it runs during the build).
$(BUILD)/fontsubset: charts/tools/fontsubset.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE -O2 $(WARN) $(TOOL_CFLAGS) -o $@ $< $(TOOL_LIBS)

# Without fonts-noto-cjk (exit 1) the build goes on: import and validate
# need no font, and the report says what to install.
$(BUILD)/fonts/NotoSansCJKsc-%-subset.otf: $(BUILD)/fontsubset
	@mkdir -p $(dir $@)
	@$(BUILD)/fontsubset "Noto Sans CJK SC" $(if $(filter Bold,$*),bold,regular) $@ || \
	    { rc=$$?; [ $$rc = 1 ] && echo "note: no font subsets; report needs fonts-noto-cjk" >&2; [ $$rc = 1 ]; }

pot:
	po/update pot po/forumstat.pot

update-po:
	po/update po

po-check:
	po/update check

# Everything is rebuilt when the flags change (another PREFIX, CFLAGS, SAN):
# $(BUILD)/FLAGS holds the last ones (but -Werror, which changes no code),
# rewritten only when they differ.
FLAGS_NOW = $(subst ','\'',$(filter-out -Werror,$(ALL_CFLAGS)) | $(ALL_LDFLAGS) | $(LDLIBS))
$(BUILD)/FLAGS: FORCE
	@mkdir -p $(BUILD)
	@printf '%s\n' '$(FLAGS_NOW)' | cmp -s - $@ || printf '%s\n' '$(FLAGS_NOW)' > $@
FORCE:

$(BUILD)/%.o: %.c $(BUILD)/FLAGS
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libforumstat.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/forumstat: $(BUILD)/report/cli/main.o $(SAN_OBJ) $(BUILD)/libforumstat.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(SAN_OBJ) $(BUILD)/libforumstat.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(SAN_OBJ) $(BUILD)/libforumstat.a $(LDLIBS) $(CMOCKA_LIBS)

unit: $(UNIT_BIN)

check: all unit
	BUILD=$(BUILD) tests/run

# The model-based test of import, revert and redo (tests/e2e/t33-model.py)
# at length: MODEL_SEEDS sequences (default 1-200, or a list 1,5,9) of
# MODEL_STEPS steps (default 40), the report compared after every
# MODEL_REPORT_SEQS-th (default 10: reports cost most).  Not part of check;
# make check runs t33 with four seeds.
soak-model: all
	FORUMSTAT=$(CURDIR)/$(BUILD)/forumstat MODEL_SEEDS=$${MODEL_SEEDS:-1-200} \
	    MODEL_REPORT_SEQS=$${MODEL_REPORT_SEQS:-10} bash tests/e2e/t33-model.sh

# The stage folders keep their order (also checked by tests/e2e/t05).
layers:
	scripts/check-layers

samples: all
	./run-samples

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BUILD)/forumstat $(DESTDIR)$(PREFIX)/bin/forumstat
	install -m 644 templates/zone.conf $(DESTDIR)$(DATADIR)/zone.conf
	install -d $(DESTDIR)$(DATADIR)/fonts
	for f in $(FONT_SUBSETS); do [ ! -f "$$f" ] || install -m 644 "$$f" $(DESTDIR)$(DATADIR)/fonts/ || exit 1; done
	install -d $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/forumstat.mo
	install -m 644 docs/forumstat.1 $(DESTDIR)$(MANDIR)/forumstat.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/forumstat $(DESTDIR)$(DATADIR)/zone.conf $(DESTDIR)$(MANDIR)/forumstat.1 \
	      $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/forumstat.mo \
	      $(addprefix $(DESTDIR)$(DATADIR)/fonts/,$(notdir $(FONT_SUBSETS)))
	-rmdir $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR) 2>/dev/null

# Formatting: .clang-format (charts/.clang-format for the chart library's
# one-line guards) describes the style the code follows: format-check holds
# every source of report/ and charts/ to it (tests/lint/run too, in
# run-tests), and FORMAT_ALL=1 counts the lines clang-format would change.
# Hand-aligned tables (figdefs.c, schema.c, doc_labels.h) sit between
# clang-format off/on comments.
FORMAT_FILES = $(wildcard report/*/*.[ch] charts/*.[ch] charts/tools/*.c)
format-check:
ifeq ($(FORMAT_ALL),1)
	@n=0; for f in $(FORMAT_FILES); do \
	    d=$$(clang-format --style=file "$$f" | diff "$$f" - | grep -c '^<'); \
	    [ "$$d" -gt 0 ] && echo "$$d $$f"; n=$$((n + d)); done; \
	    echo "format-check: $$n lines of report/ and charts/ differ from .clang-format"
else
	@bad=0; for f in $(FORMAT_FILES); do \
	    clang-format --style=file --dry-run -Werror "$$f" 2>/dev/null || { echo "$$f: not formatted (clang-format -i $$f)"; bad=1; }; \
	done; [ $$bad = 0 ] && echo "format-check: $(words $(FORMAT_FILES)) files formatted"
endif

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(BUILD)/report/cli/main.d $(BUILD)/report/cli/sanitizer.d

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
#                        samples/, tests/rules/cases.txt and report/common/schema.c
#   make fuzz-coverage   line coverage of the input path reached by the corpora
#   make fault           the allocation-failure build (tests/fault/)
#   make lint            cppcheck and clang-tidy over the C sources
# ======================================================================
.PHONY: fuzz fuzz-build fuzz-replay fuzz-smoke fuzz-merge fuzz-seeds fuzz-coverage fault lint

FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_BUILD         := build/fuzz
FUZZERS            := csv sqlite parse xlsx png
# The library (every report/ and charts/ source but main.c) is compiled with
# coverage instrumentation and the sanitizers into an archive; a harness
# links what it uses, so the harnesses follow the code as it moves.
FUZZ_FLAGS   := -std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer $(STAGE_INC) -pthread \
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
FAULT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=aligned_alloc
# (Relinked on every make fault: the library it wraps may have changed.)
fault:
	$(MAKE) SAN=1 all
	@mkdir -p build-san/fault
	$(CC) -std=c17 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all $(WARN) $(PKG_CFLAGS) -c -o build-san/fault/alloc_hooks.o \
	    tests/fault/alloc_hooks.c
	$(CC) -fsanitize=address,undefined $(FAULT_WRAP) -o build-san/fault/forumstat \
	    build-san/report/cli/main.o build-san/fault/alloc_hooks.o build-san/libforumstat.a $(LDLIBS)
	@ln -sfn ../fonts build-san/fault/fonts # the charts' font subsets, as beside build-san/forumstat

# Static analysis: cppcheck and clang-tidy over every C source, one TAP line
# per file and tool (tests/lint/run; checks in tests/lint/clang-tidy.yaml,
# suppressions inline with their reason, files still being fixed by their
# owners in tests/lint/pending).
lint:
	tests/lint/run
