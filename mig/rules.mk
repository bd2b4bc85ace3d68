# mig/rules.mk — turn a .defs into stubs with one line of Makefile.am.
#
#   include $(top_srcdir)/mig/rules.mk            (once per Makefile.am)
#   $(eval $(call mig_stubs,OUT/BASE,SRC.defs,EXTRA MIG FLAGS))
#
# makes OUT/BASEUser.c and OUT/BASE.h (user side), and OUT/BASEServer.c and
# OUT/BASE_S.h (server side), from SRC.defs with $(MIG) (built here) and
# $(MIG_CPPFLAGS) (-I/-D for the preprocessor).  List the outputs you use in
# BUILT_SOURCES or a program's nodist_*_SOURCES, and in CLEANFILES.

MIG = $(top_builddir)/mig/mig
MIG_CPP = $(CC) -E -x c
MIG_CPPFLAGS = -I$(top_srcdir)/kernel/include

define mig_stubs
$(1)User.c: $(2) $$(MIG)
	$$(AM_V_GEN)$$(MKDIR_P) $$(@D) && CPP="$$(MIG_CPP)" $$(MIG) $$(MIG_CPPFLAGS) $(3) -n -user $(1)User.c -header $(1).h $(2)
$(1).h: $(1)User.c
	@test -f $$@ || { rm -f $(1)User.c; $$(MAKE) $$(AM_MAKEFLAGS) $(1)User.c; }
$(1)Server.c: $(2) $$(MIG)
	$$(AM_V_GEN)$$(MKDIR_P) $$(@D) && CPP="$$(MIG_CPP)" $$(MIG) $$(MIG_CPPFLAGS) $(3) -n -server $(1)Server.c -sheader $(1)_S.h $(2)
$(1)_S.h: $(1)Server.c
	@test -f $$@ || { rm -f $(1)Server.c; $$(MAKE) $$(AM_MAKEFLAGS) $(1)Server.c; }
endef
