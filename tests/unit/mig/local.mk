# tests/unit/mig: mig's error reports and the reference .defs, through its CLI.
check_PROGRAMS += tests/unit/mig/test_mig
TESTS += tests/unit/mig/test_mig
tests_unit_mig_test_mig_SOURCES = tests/unit/mig/test_mig.c
tests_unit_mig_test_mig_CPPFLAGS = \
	-DMIG_PATH='"$(abs_top_builddir)/mig/mig"' \
	-DREFERENCE_DIR='"$(REFERENCE_ABI)"' \
	-DSTUB_INCLUDE='"$(abs_top_srcdir)/tests/unit/mig/include"'
tests_unit_mig_test_mig_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_mig_test_mig_LDADD = $(CHECK_LIBS)
EXTRA_tests_unit_mig_test_mig_DEPENDENCIES = mig/mig
EXTRA_DIST += tests/unit/mig/README.md tests/unit/mig/include/mach/mig_support.h \
	tests/unit/mig/roundtrip/roundtrip.c tests/unit/mig/roundtrip/roundtrip_device.c \
	tests/unit/mig/roundtrip/roundtrip_hurdish.c tests/unit/mig/roundtrip/hurdish.defs \
	tests/unit/mig/roundtrip/hurdish_types.h tests/unit/mig/roundtrip/run.sh \
	tests/unit/mig/roundtrip/README.md
