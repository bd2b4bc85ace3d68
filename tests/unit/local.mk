# Host unit tests (Check) of the portable kernel sources: one program per component,
# so a failure names the file to look at. See tests/unit/README.md.
#
# The kernel's string.c, string.S and format.c define memcpy, snprintf, ... under the standard
# names. Linked into a host program they would replace libc's, so the kernel sources
# that are or call them are compiled into libkhost.a with every such name renamed to
# k_* (-include krename.h). -fno-builtin and -fno-tree-loop-distribute-patterns keep
# gcc from turning those byte loops into calls to libc, which would test libc instead.

UNIT_CPPFLAGS = -I$(srcdir)/kernel -I$(srcdir)/kernel/include $(CHECK_CFLAGS)

check_LIBRARIES += tests/unit/libkhost.a
tests_unit_libkhost_a_SOURCES = \
	kernel/kern/string.c \
	kernel/arch/x86_64/string.S \
	kernel/kern/format.c \
	kernel/kern/multiboot.c \
	kernel/kern/elf.c \
	tests/unit/krename.h
tests_unit_libkhost_a_CPPFLAGS = -I$(srcdir)/kernel -I$(srcdir)/kernel/include \
	-include $(srcdir)/tests/unit/krename.h
tests_unit_libkhost_a_CFLAGS = $(AM_CFLAGS) -fno-builtin -fno-tree-loop-distribute-patterns

# Shared by every test program: the host panic() and the runner (ktest.h).
UNIT_COMMON = tests/unit/kstubs.c tests/unit/ktest.h
UNIT_KHOST = tests/unit/libkhost.a $(CHECK_LIBS)

UNIT_TESTS = \
	tests/unit/test_page_alloc \
	tests/unit/test_pv \
	tests/unit/test_zalloc \
	tests/unit/test_format \
	tests/unit/test_string \
	tests/unit/test_multiboot \
	tests/unit/test_elf \
	tests/unit/test_rbtree
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

# page_alloc.c, pv.c, zalloc.c and rbtree.c call no string or format function:
# compiled as they are.
tests_unit_test_page_alloc_SOURCES = tests/unit/test_page_alloc.c $(UNIT_COMMON) \
	kernel/vm/page_alloc.c
tests_unit_test_page_alloc_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_page_alloc_LDADD = $(CHECK_LIBS)

tests_unit_test_pv_SOURCES = tests/unit/test_pv.c $(UNIT_COMMON) \
	kernel/vm/pv.c kernel/kern/zalloc.c
tests_unit_test_pv_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_pv_LDADD = $(CHECK_LIBS)

tests_unit_test_zalloc_SOURCES = tests/unit/test_zalloc.c $(UNIT_COMMON) \
	kernel/kern/zalloc.c
tests_unit_test_zalloc_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_zalloc_LDADD = $(CHECK_LIBS)

tests_unit_test_rbtree_SOURCES = tests/unit/test_rbtree.c $(UNIT_COMMON) \
	kernel/kern/rbtree.c
tests_unit_test_rbtree_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_rbtree_LDADD = $(CHECK_LIBS)

tests_unit_test_format_SOURCES = tests/unit/test_format.c $(UNIT_COMMON) tests/unit/khost.h
tests_unit_test_format_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_format_LDADD = $(UNIT_KHOST)

tests_unit_test_string_SOURCES = tests/unit/test_string.c $(UNIT_COMMON) tests/unit/khost.h
tests_unit_test_string_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_string_LDADD = $(UNIT_KHOST)

# multiboot.c and elf.c run with the kernel's own string and format code (libkhost.a).
tests_unit_test_multiboot_SOURCES = tests/unit/test_multiboot.c $(UNIT_COMMON)
tests_unit_test_multiboot_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_multiboot_LDADD = $(UNIT_KHOST)

tests_unit_test_elf_SOURCES = tests/unit/test_elf.c $(UNIT_COMMON)
tests_unit_test_elf_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_elf_LDADD = $(UNIT_KHOST)

EXTRA_DIST += tests/unit/README.md
