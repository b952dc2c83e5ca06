# foidesk — one non-recursive GNU Makefile, no configure step.
# Objects go to $(B) so that the normal and the sanitizer builds coexist.

B	?= build/release
PKGS	:= libmicrohttpd sqlite3 uuid check libsodium harfbuzz harfbuzz-subset \
	   xlsxwriter libcurl
CC	?= cc
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 \
	   -Wstrict-prototypes -Wmissing-prototypes $(WERROR)
CPPFLAGS += -D_DEFAULT_SOURCE -D_GNU_SOURCE -I. -I$(B) -MMD -MP \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	+= $(shell pkg-config --libs libmicrohttpd sqlite3 uuid libsodium \
	   harfbuzz harfbuzz-subset xlsxwriter libcurl libpng 2>/dev/null) -lhpdf \
	   -lzxcvbn -lqpdf -lm
CHECKLIBS := $(shell pkg-config --libs check 2>/dev/null)

UTIL	:= $(patsubst %.c,%.o,$(wildcard util/*.c))
CASES	:= $(patsubst %.c,%.o,$(wildcard cases/*.c)) cases/calendar_cn.o
FORMS	:= $(patsubst %.c,%.o,$(wildcard forms/*.c)) \
	   $(if $(wildcard forms/templates/*.tmpl),forms/templates_gen.o)
PDFGEN	:= $(patsubst %.c,%.o,$(wildcard pdfgen/*.c))
STORE	:= $(patsubst %.c,%.o,$(wildcard store/*.c))
OPS	:= $(patsubst %.c,%.o,$(wildcard ops/*.c))
WEB	:= $(patsubst %.c,%.o,$(wildcard web/*.c)) web/static_gen.o
LIBOBJS	:= $(addprefix $(B)/,$(UTIL) $(CASES) $(STORE) $(FORMS) $(PDFGEN) $(OPS) \
	   $(WEB))
CLI	:= $(patsubst %.c,%.o,$(wildcard cli/*.c))
MAINOBJ	:= $(addprefix $(B)/,$(CLI))
TESTSRC	:= $(wildcard tests/check_*.c)
TESTOBJS := $(addprefix $(B)/,$(patsubst %.c,%.o,$(wildcard tests/*.c)))

.PHONY: all check test asan valgrind run deps depcheck clean bench reliability \
	fresh-check
all: foidesk

foidesk: $(B)/foidesk
	cp $(B)/foidesk $@.tmp && mv -f $@.tmp $@

$(B)/foidesk: $(MAINOBJ) $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Generated sources: the shipped holiday calendar and the letter templates.
$(B)/cases/calendar_cn.c: cases/cn-calendar.tsv scripts/calendar2c.sh
	@mkdir -p $(dir $@)
	sh scripts/calendar2c.sh $< > $@.tmp && mv $@.tmp $@
$(B)/cases/calendar_cn.o: $(B)/cases/calendar_cn.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
$(B)/forms/templates_gen.c: $(wildcard forms/templates/*.tmpl) scripts/embed-templates.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-templates.sh $(wildcard forms/templates/*.tmpl) > $@.tmp && mv $@.tmp $@
$(B)/forms/templates_gen.o: $(B)/forms/templates_gen.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The Check suite: one runner, one suite per tests/check_<module>.c.
$(B)/tests/suites.inc: $(TESTSRC)
	@mkdir -p $(dir $@)
	grep -ho '^[a-z0-9_]*_suite(void)' $(TESTSRC) | sed 's/(void)//; s/.*/SUITE(&)/' > $@
$(B)/tests/check_main.o: $(B)/tests/suites.inc
$(TESTOBJS): CFLAGS += -Wno-missing-prototypes
$(B)/check_foidesk: $(TESTOBJS) $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(CHECKLIBS)

deps:
	@sh scripts/deps.sh

# The include rules of docs/design.md (scripts/depcheck.sh, with its
# self-test on tests/depcheck/).
depcheck:
	@sh scripts/depcheck.sh

# check: deps, the include rules, build, then the whole suite; ends with
# Check's summary line.
check: deps depcheck
	$(MAKE) foidesk $(B)/check_foidesk
	FOIDESK_BIN=$(CURDIR)/$(B)/foidesk $(B)/check_foidesk

test: foidesk $(B)/check_foidesk
	FOIDESK_BIN=$(CURDIR)/$(B)/foidesk $(B)/check_foidesk

SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all
asan: deps
	$(MAKE) B=build/asan CFLAGS="$(SANFLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	    build/asan/foidesk build/asan/check_foidesk
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 CK_DEFAULT_TIMEOUT=60 \
	FOIDESK_BIN=$(CURDIR)/build/asan/foidesk build/asan/check_foidesk

valgrind: foidesk $(B)/check_foidesk
	CK_FORK=no CK_DEFAULT_TIMEOUT=600 FOIDESK_BIN=$(CURDIR)/$(B)/foidesk \
	    valgrind --error-exitcode=1 --leak-check=full $(B)/check_foidesk

DB	?= data/foidesk.db
LISTEN	?= 127.0.0.1:8080
run: deps foidesk
	@mkdir -p $(dir $(DB))
	@test -f $(DB) || ./foidesk --db $(DB) init --demo
	./foidesk --db $(DB) serve --listen $(LISTEN)

clean:
	rm -rf build foidesk

# The README's two commands in a fresh Debian 12 root (debootstrap,
# chroot; root only).  CI runs it first; see scripts/fresh-check.sh.
fresh-check:
	bash scripts/fresh-check.sh .

-include $(LIBOBJS:.o=.d) $(MAINOBJ:.o=.d) $(TESTOBJS:.o=.d)

# Benchmarks (not tests): bench/run.sh prints one table.
$(B)/foidesk-gen: $(B)/bench/gen.o $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(B)/bench_core: $(B)/bench/bench_core.o $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(B)/bench_letters: $(B)/bench/bench_letters.o $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(B)/bench_group: $(B)/bench/bench_group.o $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(B)/bench_ftsq: $(B)/bench/bench_ftsq.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lsqlite3
bench: deps
	sh bench/run.sh

# Web application (issue #4): static files compiled into the binary, the
# browser end-to-end test and the screenshots of docs/.
WEBSTATIC := $(wildcard web/static/*)
$(B)/web/static_gen.c: $(WEBSTATIC) web/embed-static.sh
	@mkdir -p $(dir $@)
	sh web/embed-static.sh $(WEBSTATIC) > $@.tmp && mv $@.tmp $@
$(B)/web/static_gen.o: $(B)/web/static_gen.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
e2e: foidesk
	sh tests/e2e/deps.sh
	FOIDESK_BIN=$(CURDIR)/$(B)/foidesk node tests/e2e/loop.mjs
	for f in tests/e2e/t_*.mjs; do [ -e "$$f" ] || continue; \
	    FOIDESK_BIN=$(CURDIR)/$(B)/foidesk node "$$f" || exit 1; done
screenshots: foidesk
	sh tests/e2e/deps.sh
	FOIDESK_BIN=$(CURDIR)/$(B)/foidesk SCREENSHOT_DIR=$(CURDIR)/docs/screenshots \
	    node tests/e2e/loop.mjs
	FOIDESK_BIN=$(CURDIR)/$(B)/foidesk SCREENSHOT_DIR=$(CURDIR)/docs/screenshots \
	    node tests/e2e/t_a11y.mjs
.PHONY: e2e screenshots

# Fuzzing (issue #7): one libFuzzer harness per fuzz/NAME.c, linked with the
# library objects built by clang with coverage and sanitizers in build/fuzz.
# `make fuzz` runs each for FUZZ_SECONDS on a working corpus in
# build/fuzz/corpus/NAME seeded from fuzz/corpus/NAME (see fuzz/README.md).
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := $(patsubst fuzz/%.c,%,$(wildcard fuzz/*.c))
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	       -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_PKGS := clang libclang-rt-14-dev
$(B)/fuzz-%: $(B)/fuzz/%.o $(LIBOBJS)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LDLIBS)
fuzz-build: deps
	@m=; for p in $(FUZZ_PKGS); do dpkg-query -W -f='$${Status}' $$p \
	    2>/dev/null | grep -q 'ok installed' || m="$$m $$p"; done; \
	if [ -n "$$m" ]; then echo "fuzz: installing:$$m"; S=; \
	    [ "$$(id -u)" -ne 0 ] && S=sudo; $$S apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq \
	    --no-install-recommends $$m; fi
	$(MAKE) B=build/fuzz CC=clang CFLAGS="$(CFLAGS) $(FUZZ_CFLAGS)" \
	    $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)
fuzz: fuzz-build
	@mkdir -p build/fuzz/crash; for t in $(FUZZ_TARGETS); do \
	    mkdir -p build/fuzz/corpus/$$t; \
	    d=; [ -f fuzz/$$t.dict ] && d=-dict=fuzz/$$t.dict; \
	    if build/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
	        -timeout=10 -print_final_stats=1 $$d \
	        -artifact_prefix=build/fuzz/crash/$$t- build/fuzz/corpus/$$t \
	        fuzz/corpus/$$t > build/fuzz/$$t.log 2>&1; then \
	        printf '%-11s %s\n' $$t "$$(grep -E '^#[0-9]+' \
	            build/fuzz/$$t.log | tail -1)"; \
	    else tail -n 40 build/fuzz/$$t.log; \
	        echo "fuzz: $$t failed; input in build/fuzz/crash/"; exit 1; fi; \
	done
.PHONY: fuzz fuzz-build
-include $(FUZZ_TARGETS:%=$(B)/fuzz/%.d)

# Reliability under faults (issue 7): kill -9 during intake, full disk,
# read-only database, concurrent writers, backup under load.
reliability: foidesk
	FOIDESK_BIN=$(CURDIR)/$(B)/foidesk sh tests/reliability/run.sh
