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
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

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

LIB_SRC  := $(filter-out report/main.c,$(wildcard report/*.c)) $(wildcard charts/*.c)
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

$(BUILD)/forumstat: $(BUILD)/report/main.o $(BUILD)/libforumstat.a
	$(CC) $(LDOPT) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libforumstat.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) $(LDOPT) -o $@ $< $(BUILD)/libforumstat.a $(LDLIBS) $(CMOCKA_LIBS)

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

-include $(LIB_OBJ:.o=.d) $(BUILD)/report/main.d
