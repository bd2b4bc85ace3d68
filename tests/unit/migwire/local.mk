# tests/unit/migwire: the wire-compatibility harness (issue 3).  For every routine of
# every reference .defs, the user stub of one generator talks to the server stub of
# the other, both ways, and every request and reply must be byte for byte what GNU
# MIG's own pair exchanges.  See tests/unit/migwire/README.md and docs/mig-wire.md.
#
# MIGWIRE_OURS is the generator under test.  Until it is built the harness says so
# and compares GNU MIG with itself (which proves the harness); `make check
# MIGWIRE_OURS=gnu` does that on purpose.  Both MIGWIRE_OURS and MIGWIRE_JOBS are
# read when the test runs, so they can be given to make check.
MIGWIRE_OURS = $(abs_top_builddir)/mig/mig
MIGWIRE_GNU = $(REFERENCE_ABI)/usr/bin/x86_64-gnu-mig
MIGWIRE_JOBS = 2

MIGWIRE_FILES = \
	tests/unit/migwire/migwire.sh tests/unit/migwire/unit.sh \
	tests/unit/migwire/parse.awk tests/unit/migwire/probe.awk \
	tests/unit/migwire/gen.awk tests/unit/migwire/carve.awk \
	tests/unit/migwire/wire.h tests/unit/migwire/runtime.h \
	tests/unit/migwire/wire.c tests/unit/migwire/values.c tests/unit/migwire/msg.c \
	tests/unit/migwire/include/mach/mig_support.h \
	tests/unit/migwire/kenv/kenv.c tests/unit/migwire/kenv/kern/kenv.h \
	tests/unit/migwire/kenv/kern/assert.h tests/unit/migwire/kenv/kern/host.h \
	tests/unit/migwire/kenv/kern/ipc_host.h tests/unit/migwire/kenv/kern/ipc_kobject.h \
	tests/unit/migwire/kenv/kern/ipc_mig.h tests/unit/migwire/kenv/kern/ipc_tt.h \
	tests/unit/migwire/kenv/kern/processor.h tests/unit/migwire/kenv/kern/task.h \
	tests/unit/migwire/kenv/kern/thread.h tests/unit/migwire/kenv/ipc/ipc_port.h \
	tests/unit/migwire/kenv/ipc/ipc_space.h tests/unit/migwire/kenv/ipc/ipc_types.h \
	tests/unit/migwire/kenv/vm/vm_map.h tests/unit/migwire/kenv/vm/vm_object.h \
	tests/unit/migwire/kenv/device/device_types_kernel.h \
	tests/unit/migwire/kenv/machine/io_perm.h
EXTRA_DIST += $(MIGWIRE_FILES) tests/unit/migwire/README.md docs/mig-wire.md

# The test is a small script made here, so that it carries configure's tools and
# paths; the harness itself is migwire.sh (it can run alone, see README.md).
check_SCRIPTS += tests/unit/migwire/migwire.test
TESTS += tests/unit/migwire/migwire.test
CLEANFILES += tests/unit/migwire/migwire.test

tests/unit/migwire/migwire.test: $(srcdir)/tests/unit/migwire/local.mk Makefile
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN){ \
	  echo '#!/bin/sh'; \
	  echo '# Made by make from tests/unit/migwire/local.mk.'; \
	  echo "MW_REF='$(REFERENCE_ABI)/usr/include/x86_64-linux-gnu'"; \
	  echo "MW_GNU='$(MIGWIRE_GNU)'"; \
	  echo "MW_OURS=\$${MIGWIRE_OURS:-'$(MIGWIRE_OURS)'}"; \
	  echo "MW_WORK='$(abs_top_builddir)/tests/unit/migwire/migwire.d'"; \
	  echo "MW_JOBS=\$${MIGWIRE_JOBS:-'$(MIGWIRE_JOBS)'}"; \
	  echo "CC='$(CC)' NM='$(NM)' OBJCOPY='$(OBJCOPY)'"; \
	  echo 'export MW_REF MW_GNU MW_OURS MW_WORK MW_JOBS CC NM OBJCOPY'; \
	  echo "exec $(SHELL) '$(abs_top_srcdir)/tests/unit/migwire/migwire.sh'"; \
	} >$@ && chmod +x $@

# Everything a run leaves (generated stubs, drivers, logs) is kept for a look after
# a failure, and goes with make clean.
clean-local: clean-migwire
clean-migwire:
	rm -rf tests/unit/migwire/migwire.d
.PHONY: clean-migwire
