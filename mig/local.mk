# mig/: Portico's MIG-compatible interface generator (a host program).
# The grammar and lexer are generated with the bison and flex configure found.

bin_PROGRAMS += mig/mig
mig_mig_SOURCES = mig/main.c mig/util.c mig/msgt.c mig/types.c mig/routine.c \
	mig/emit_common.c mig/emit_items.c mig/emit_user.c mig/emit_server.c \
	mig/emit_header.c mig/emit_reply.c mig/mig.h mig/emit.h mig/items.h
nodist_mig_mig_SOURCES = mig/parser.c mig/parser.h mig/lexer.c
mig_mig_CPPFLAGS = -I$(top_builddir)/mig -I$(top_srcdir)/mig
BUILT_SOURCES += mig/parser.c mig/parser.h mig/lexer.c
CLEANFILES += mig/parser.c mig/parser.h mig/lexer.c
EXTRA_DIST += mig/parser.y mig/lexer.l mig/README.md mig/rules.mk

mig/parser.c: $(top_srcdir)/mig/parser.y
	$(AM_V_GEN)$(MKDIR_P) mig && $(BISON) -d -o mig/parser.c $(top_srcdir)/mig/parser.y
mig/parser.h: mig/parser.c
	@test -f $@ || { rm -f mig/parser.c; $(MAKE) $(AM_MAKEFLAGS) mig/parser.c; }
mig/lexer.c: $(top_srcdir)/mig/lexer.l mig/parser.h
	$(AM_V_GEN)$(MKDIR_P) mig && $(FLEX) -o mig/lexer.c $(top_srcdir)/mig/lexer.l

# Fuzzing is not part of make check: `make fuzz-mig` runs it (FUZZ_SECONDS, default 600).
FUZZ_SECONDS = 600
fuzz-mig:
	BISON=$(BISON) FLEX=$(FLEX) $(top_srcdir)/tests/fuzz/mig-fuzz $(FUZZ_SECONDS)
.PHONY: fuzz-mig
EXTRA_DIST += tests/fuzz/mig-fuzz tests/fuzz/mig_fuzz.c tests/fuzz/README.md

include tests/unit/mig/local.mk
