# tests/unit/abi: prove kernel/include is the GNU Mach x86_64 ABI of the reference.
# Included from kernel/include/local.mk.

# The same list of ABI facts, printed once through our headers, once through the
# reference's; layout-compare.sh requires the two outputs to be identical.
check_PROGRAMS += tests/unit/abi/layout-ours tests/unit/abi/layout-ref
tests_unit_abi_layout_ours_SOURCES = tests/unit/abi/layout.c
tests_unit_abi_layout_ours_CPPFLAGS = -I$(srcdir)/tests/unit/abi -I$(srcdir)/kernel/include
tests_unit_abi_layout_ref_SOURCES = tests/unit/abi/layout.c
tests_unit_abi_layout_ref_CPPFLAGS = -I$(srcdir)/tests/unit/abi \
	-I$(REFERENCE_ABI)/usr/include/x86_64-linux-gnu

# The scripts read the configured reference location and compiler from here.
check_DATA += tests/unit/abi/abi-env.sh
CLEANFILES += tests/unit/abi/abi-env.sh
tests/unit/abi/abi-env.sh: Makefile
	$(AM_V_GEN)$(MKDIR_P) tests/unit/abi && \
	{ echo "REFERENCE_ABI='$(REFERENCE_ABI)'"; echo "CC='$(CC)'"; } > $@

TESTS += \
	tests/unit/abi/headers-compile.sh \
	tests/unit/abi/layout-compare.sh \
	tests/unit/abi/decls-compare.sh \
	tests/unit/abi/defs-compare.sh

EXTRA_DIST += \
	tests/unit/abi/README.md \
	tests/unit/abi/common.sh \
	tests/unit/abi/all-headers.h \
	tests/unit/abi/layout-constants.def \
	tests/unit/abi/layout-types.def \
	tests/unit/abi/layout-fields.def \
	tests/unit/abi/headers-compile.sh \
	tests/unit/abi/layout-compare.sh \
	tests/unit/abi/decls-compare.sh \
	tests/unit/abi/defs-compare.sh
