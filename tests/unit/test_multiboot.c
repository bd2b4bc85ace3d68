/*
 * test_multiboot.c — host tests of multiboot_parse (kernel/kern/multiboot.c).
 *
 * Physical memory is faked: a host buffer standing for [FAKE_BASE, FAKE_BASE + size),
 * and a reader that returns NULL for anything not wholly inside it, as the kernel's
 * early reader does past what the boot page tables map. Each test lays out a
 * multiboot information block, memory map, module list and strings in that buffer.
 *
 * multiboot.c is linked with the kernel's own format.c and string.c (renamed k_*, see
 * krename.h), so the error messages checked here are the ones the kernel prints.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kern/multiboot.h>
#include "ktest.h"

#define FAKE_BASE 0x10000u
#define FAKE_SIZE (256u * 1024)

/* Offsets of the pieces inside the fake memory. */
#define INFO_OFF 0x0
#define MMAP_OFF 0x2000
#define MODS_OFF 0x3000
#define STRINGS_OFF 0x4000
#define LONG_OFF 0x10000      /* long strings: up to 70 KB, clear of the rest */

struct fake {
	unsigned char *mem;
	uint64_t base;
	size_t size;
	size_t strings;     /* next free offset for put_string */
	size_t mmap_len;
};

static struct fake fk;
static struct boot_info *bi;   /* large (about 34 KiB): on the heap */
static char err[160];

static const void *fake_read(void *ctx, uint64_t pa, size_t len)
{
	const struct fake *f = ctx;
	if (pa < f->base || pa - f->base > f->size || len > f->size - (pa - f->base))
		return NULL;
	return f->mem + (pa - f->base);
}

static uint32_t pa_of(size_t off)
{
	return (uint32_t)(FAKE_BASE + off);
}

static struct multiboot_info *info(void)
{
	return (struct multiboot_info *)(fk.mem + INFO_OFF);
}

static void setup(void)
{
	fk.mem = aligned_alloc(16, FAKE_SIZE);
	ck_assert_ptr_nonnull(fk.mem);
	memset(fk.mem, 0, FAKE_SIZE);
	fk.base = FAKE_BASE;
	fk.size = FAKE_SIZE;
	fk.strings = STRINGS_OFF;
	fk.mmap_len = 0;
	bi = malloc(sizeof(*bi));
	ck_assert_ptr_nonnull(bi);
	/* Garbage: the parser must clear everything it does not set. */
	memset(bi, 0x5a, sizeof(*bi));
	memset(err, 0x5a, sizeof(err));
}

static void teardown(void)
{
	free(fk.mem);
	free(bi);
}

/* Copies a string (with its NUL) into the string area; returns its physical address. */
static uint32_t put_string(const char *s)
{
	size_t n = strlen(s) + 1;
	ck_assert_uint_le(fk.strings + n, fk.size);
	memcpy(fk.mem + fk.strings, s, n);
	uint32_t pa = pa_of(fk.strings);
	fk.strings += n;
	return pa;
}

/* A string of n copies of c at the given offset, NUL-terminated if asked. */
static uint32_t put_long_string(size_t off, size_t n, char c, int terminated)
{
	ck_assert_uint_le(off + n + (terminated ? 1 : 0), fk.size);
	memset(fk.mem + off, c, n);
	if (terminated)
		fk.mem[off + n] = '\0';
	return pa_of(off);
}

/* Appends a memory map entry of the usual 20 bytes (plus `extra` padding). */
static void add_mmap(uint64_t addr, uint64_t len, uint32_t type, uint32_t extra)
{
	struct multiboot_mmap_entry e = { .size = 20 + extra, .addr = addr, .len = len,
					  .type = type };
	memcpy(fk.mem + MMAP_OFF + fk.mmap_len, &e, sizeof(e));
	fk.mmap_len += sizeof(e) + extra;
	info()->flags |= MB_INFO_MEM_MAP;
	info()->mmap_addr = pa_of(MMAP_OFF);
	info()->mmap_length = (uint32_t)fk.mmap_len;
}

static void add_module(uint32_t start, uint32_t end, uint32_t cmdline)
{
	struct multiboot_info *mbi = info();
	struct multiboot_module m = { start, end, cmdline, 0 };
	memcpy(fk.mem + MODS_OFF + mbi->mods_count * sizeof(m), &m, sizeof(m));
	mbi->flags |= MB_INFO_MODS;
	mbi->mods_addr = pa_of(MODS_OFF);
	mbi->mods_count++;
}

static void set_cmdline(uint32_t pa)
{
	info()->flags |= MB_INFO_CMDLINE;
	info()->cmdline = pa;
}

static enum boot_error parse(void)
{
	return multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa_of(INFO_OFF), fake_read, &fk, bi,
			       err, sizeof(err));
}

/* A minimal valid setup: one usable region. */
static void minimal(void)
{
	add_mmap(0x100000, 0x1000000, 1, 0);
}

#define EXPECT(code, msg)                                                         \
	do {                                                                      \
		enum boot_error e_ = parse();                                     \
		ck_assert_int_eq(e_, (code));                                     \
		ck_assert_str_eq(err, (msg));                                     \
	} while (0)

/* ---- good input ---- */

START_TEST(test_full_info)
{
	set_cmdline(put_string("root=device:hd0 -s console=serial"));
	add_mmap(0, 0x9fc00, 1, 0);
	add_mmap(0x9fc00, 0x400, 2, 0);
	add_mmap(0xf0000, 0x10000, 2, 0);
	add_mmap(0x100000, 0x7ee0000, 1, 0);
	add_mmap(0x8000000, 0, 1, 0);                   /* empty: dropped */
	add_mmap(0xfffc0000, 0x40000, 2, 0);
	add_mmap(0x100000000ull, 0x40000000, 1, 0);     /* above 4 GiB */
	add_mmap(UINT64_MAX - 0xfff, 0x2000, 1, 0);     /* wraps: dropped */
	info()->flags |= MB_INFO_MEMORY;                /* ignored when there is a map */
	info()->mem_lower = 1;
	info()->mem_upper = 2;
	add_module(0x200000, 0x204000, put_string("/hurd/startup --multiboot ${host-port}"));
	add_module(0x205000, 0x205000, put_string(""));    /* empty module */
	add_module(0x206000, 0x300001, 0);                 /* no command line */

	EXPECT(BOOT_OK, "");
	ck_assert_str_eq(bi->cmdline, "root=device:hd0 -s console=serial");
	ck_assert_uint_eq(bi->nregions, 3);
	ck_assert_uint_eq(bi->regions[0].start, 0);
	ck_assert_uint_eq(bi->regions[0].end, 0x9fc00);
	ck_assert_uint_eq(bi->regions[1].start, 0x100000);
	ck_assert_uint_eq(bi->regions[1].end, 0x7fe0000);
	ck_assert_uint_eq(bi->regions[2].start, 0x100000000ull);
	ck_assert_uint_eq(bi->regions[2].end, 0x140000000ull);
	ck_assert_uint_eq(bi->nmodules, 3);
	ck_assert_uint_eq(bi->modules[0].start, 0x200000);
	ck_assert_uint_eq(bi->modules[0].end, 0x204000);
	ck_assert_str_eq(bi->modules[0].cmdline, "/hurd/startup --multiboot ${host-port}");
	ck_assert_uint_eq(bi->modules[1].start, bi->modules[1].end);
	ck_assert_str_eq(bi->modules[1].cmdline, "");
	ck_assert_uint_eq(bi->modules[2].end, 0x300001);
	ck_assert_str_eq(bi->modules[2].cmdline, "");
	/* Nothing past what was set is left over from before. */
	ck_assert_uint_eq(bi->regions[3].start, 0);
	ck_assert_uint_eq(bi->modules[3].start, 0);
}
END_TEST

START_TEST(test_mmap_entry_sizes)
{
	/* Entries may be larger than 20 bytes: the parser must step by `size`. */
	add_mmap(0x100000, 0x100000, 1, 4);
	add_mmap(0x300000, 0x100000, 3, 12);
	add_mmap(0x500000, 0x200000, 1, 0);
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nregions, 2);
	ck_assert_uint_eq(bi->regions[1].start, 0x500000);
	ck_assert_uint_eq(bi->regions[1].end, 0x700000);
}
END_TEST

START_TEST(test_too_many_regions)
{
	/* More usable entries than fit: the first BOOT_MAX_REGIONS are kept. */
	for (unsigned i = 0; i < BOOT_MAX_REGIONS + 6; i++)
		add_mmap(0x100000ull * (i + 1), 0x80000, 1, 0);
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nregions, BOOT_MAX_REGIONS);
	ck_assert_uint_eq(bi->regions[BOOT_MAX_REGIONS - 1].start,
			  0x100000ull * BOOT_MAX_REGIONS);
}
END_TEST

START_TEST(test_mem_lower_upper)
{
	info()->flags = MB_INFO_MEMORY;
	info()->mem_lower = 639;
	info()->mem_upper = 130048;
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nregions, 2);
	ck_assert_uint_eq(bi->regions[0].start, 0);
	ck_assert_uint_eq(bi->regions[0].end, 639 * 1024);
	ck_assert_uint_eq(bi->regions[1].start, 0x100000);
	ck_assert_uint_eq(bi->regions[1].end, 0x100000 + 130048ull * 1024);
	ck_assert_str_eq(bi->cmdline, "");
	ck_assert_uint_eq(bi->nmodules, 0);
}
END_TEST

START_TEST(test_mem_upper_only)
{
	info()->flags = MB_INFO_MEMORY;
	info()->mem_upper = UINT32_MAX;     /* the largest a loader can say: no overflow */
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nregions, 1);
	ck_assert_uint_eq(bi->regions[0].end, 0x100000 + (uint64_t)UINT32_MAX * 1024);
}
END_TEST

START_TEST(test_no_cmdline)
{
	/* Flag clear: the pointer is not looked at, even if it leads nowhere. */
	minimal();
	info()->cmdline = 0xdeadbeef;
	EXPECT(BOOT_OK, "");
	ck_assert_str_eq(bi->cmdline, "");
	/* Flag set with a null pointer: no command line either. */
	set_cmdline(0);
	EXPECT(BOOT_OK, "");
	ck_assert_str_eq(bi->cmdline, "");
}
END_TEST

START_TEST(test_cmdline_max_length)
{
	/* 1023 characters fit exactly. */
	minimal();
	set_cmdline(put_long_string(LONG_OFF, BOOT_CMDLINE_MAX - 1, 'k', 1));
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(strlen(bi->cmdline), BOOT_CMDLINE_MAX - 1);
}
END_TEST

START_TEST(test_modules_flag_or_count)
{
	minimal();
	add_module(0x200000, 0x201000, 0);
	info()->flags &= ~MB_INFO_MODS;     /* a count without the flag means nothing */
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nmodules, 0);
	info()->flags |= MB_INFO_MODS;
	info()->mods_count = 0;
	info()->mods_addr = 0xdeadbeef;     /* not read when there are none */
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nmodules, 0);
}
END_TEST

START_TEST(test_max_modules)
{
	minimal();
	char name[32];
	for (unsigned i = 0; i < BOOT_MAX_MODULES; i++) {
		snprintf(name, sizeof(name), "module-%u arg", i);
		add_module(0x1000000 + i * 0x1000, 0x1000000 + i * 0x1000 + 0x800, put_string(name));
	}
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nmodules, BOOT_MAX_MODULES);
	ck_assert_str_eq(bi->modules[BOOT_MAX_MODULES - 1].cmdline, "module-31 arg");
	ck_assert_uint_eq(bi->modules[31].start, 0x1000000 + 31 * 0x1000);
}
END_TEST

START_TEST(test_reparse_clears)
{
	/* A second parse into the same boot_info starts from nothing. */
	minimal();
	add_module(0x200000, 0x201000, put_string("first"));
	EXPECT(BOOT_OK, "");
	info()->flags &= ~MB_INFO_MODS;
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nmodules, 0);
	ck_assert_str_eq(bi->modules[0].cmdline, "");
	ck_assert_uint_eq(bi->nregions, 1);
}
END_TEST

/* ---- every error ---- */

START_TEST(test_bad_magic)
{
	minimal();
	ck_assert_int_eq(multiboot_parse(0x1badb002, pa_of(INFO_OFF), fake_read, &fk, bi, err,
					 sizeof(err)), BOOT_E_MAGIC);
	ck_assert_str_eq(err, "not started by a multiboot loader (magic 0x1badb002)");
	ck_assert_int_eq(multiboot_parse(0, pa_of(INFO_OFF), fake_read, &fk, bi, err,
					 sizeof(err)), BOOT_E_MAGIC);
	ck_assert_str_eq(err, "not started by a multiboot loader (magic 0)");
	/* The 64-bit magic of multiboot 2 is not ours either. */
	ck_assert_int_eq(multiboot_parse(0x36d76289, pa_of(INFO_OFF), fake_read, &fk, bi, err,
					 sizeof(err)), BOOT_E_MAGIC);
}
END_TEST

START_TEST(test_info_unreadable)
{
	ck_assert_int_eq(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, 0x9000, fake_read, &fk, bi,
					 err, sizeof(err)), BOOT_E_UNREADABLE);
	ck_assert_str_eq(err, "the multiboot information at 0x9000 is unreadable");
	/* Straddling the end of readable memory. */
	uint64_t pa = FAKE_BASE + FAKE_SIZE - sizeof(struct multiboot_info) + 4;
	ck_assert_int_eq(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa, fake_read, &fk, bi,
					 err, sizeof(err)), BOOT_E_UNREADABLE);
	ck_assert_int_eq(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, UINT64_MAX, fake_read, &fk,
					 bi, err, sizeof(err)), BOOT_E_UNREADABLE);
	ck_assert_str_eq(err, "the multiboot information at 0xffffffffffffffff is unreadable");
}
END_TEST

START_TEST(test_mmap_unreadable)
{
	info()->flags = MB_INFO_MEM_MAP;
	info()->mmap_addr = 0x8000;
	info()->mmap_length = 24;
	EXPECT(BOOT_E_UNREADABLE, "memory map entry at 0x8000 is unreadable");
}
END_TEST

START_TEST(test_mmap_runs_off_memory)
{
	/* The map's length claims more entries than readable memory holds. */
	minimal();
	info()->mmap_addr = pa_of(FAKE_SIZE - 24);
	memcpy(fk.mem + FAKE_SIZE - 24, fk.mem + MMAP_OFF, 24);
	info()->mmap_length = 48;
	char want[80];
	snprintf(want, sizeof(want), "memory map entry at %#x is unreadable", pa_of(FAKE_SIZE));
	EXPECT(BOOT_E_UNREADABLE, want);
}
END_TEST

START_TEST(test_mmap_hostile_sizes)
{
	/* A map at the top of the 32-bit space with the largest length: no wrap, no
	 * endless loop, just an unreadable entry. */
	info()->flags = MB_INFO_MEM_MAP;
	info()->mmap_addr = 0xffffffff;
	info()->mmap_length = 0xffffffff;
	EXPECT(BOOT_E_UNREADABLE, "memory map entry at 0xffffffff is unreadable");
	/* An entry whose size jumps past the end of the map ends it. */
	fk.mmap_len = 0;
	info()->flags = 0;
	add_mmap(0x100000, 0x100000, 1, 0);
	((struct multiboot_mmap_entry *)(fk.mem + MMAP_OFF))->size = 0xffffffff;
	info()->mmap_length = 4096;
	EXPECT(BOOT_OK, "");
	ck_assert_uint_eq(bi->nregions, 1);
	/* Entries of size 0 advance by 4 bytes each: the walk still ends. */
	memset(fk.mem + MMAP_OFF, 0, 4096);
	info()->mmap_length = 4096;
	EXPECT(BOOT_E_NO_MEMORY_INFO, "the boot loader gave no memory map");
}
END_TEST

START_TEST(test_no_memory_info)
{
	info()->flags = 0;
	EXPECT(BOOT_E_NO_MEMORY_INFO, "the boot loader gave no memory map");
	info()->flags = MB_INFO_MEMORY;      /* both sizes 0 */
	EXPECT(BOOT_E_NO_MEMORY_INFO, "the boot loader gave no memory map");
	info()->flags = MB_INFO_MEM_MAP;     /* an empty map */
	info()->mmap_addr = pa_of(MMAP_OFF);
	info()->mmap_length = 0;
	EXPECT(BOOT_E_NO_MEMORY_INFO, "the boot loader gave no memory map");
	add_mmap(0, 0x9fc00, 2, 0);          /* nothing usable */
	add_mmap(0x100000, 0, 1, 0);
	EXPECT(BOOT_E_NO_MEMORY_INFO, "the boot loader gave no memory map");
}
END_TEST

START_TEST(test_cmdline_unreadable)
{
	minimal();
	set_cmdline(0x5000);
	EXPECT(BOOT_E_UNREADABLE, "the kernel command line is unreadable");
	/* A short string that runs into the end of memory without a terminator. */
	set_cmdline(put_long_string(FAKE_SIZE - 10, 10, 'c', 0));
	EXPECT(BOOT_E_UNREADABLE, "the kernel command line is unreadable");
	ck_assert_uint_lt(strnlen(bi->cmdline, BOOT_CMDLINE_MAX), BOOT_CMDLINE_MAX);
}
END_TEST

/* A too-long command line is an error, but kmain still parses options from it, so the
 * first BOOT_CMDLINE_MAX - 1 characters must be there, terminated. */
static void expect_truncated_cmdline(char c)
{
	ck_assert_uint_eq(strnlen(bi->cmdline, BOOT_CMDLINE_MAX), BOOT_CMDLINE_MAX - 1);
	for (size_t i = 0; i < BOOT_CMDLINE_MAX - 1; i++)
		if (bi->cmdline[i] != c)
			ck_abort_msg("cmdline[%zu] is %#x", i, bi->cmdline[i]);
}

START_TEST(test_cmdline_too_long)
{
	minimal();
	set_cmdline(put_long_string(LONG_OFF, BOOT_CMDLINE_MAX, 'a', 1));
	EXPECT(BOOT_E_CMDLINE_TOO_LONG,
	       "the kernel command line is too long (1024 bytes; at most 1023)");
	expect_truncated_cmdline('a');
	set_cmdline(put_long_string(LONG_OFF, 5000, 'b', 1));
	EXPECT(BOOT_E_CMDLINE_TOO_LONG,
	       "the kernel command line is too long (5000 bytes; at most 1023)");
	expect_truncated_cmdline('b');
}
END_TEST

START_TEST(test_cmdline_unterminated_long)
{
	/* No NUL in the 64 KiB the parser is willing to scan. */
	minimal();
	set_cmdline(put_long_string(LONG_OFF, 70000, 'u', 0));
	EXPECT(BOOT_E_CMDLINE_TOO_LONG,
	       "the kernel command line is too long (over 65536 bytes; at most 1023)");
	expect_truncated_cmdline('u');
}
END_TEST

START_TEST(test_cmdline_unterminated_to_end)
{
	/* Longer than fits and then no more memory: too long (it already was), and the
	 * truncated copy is terminated all the same. */
	minimal();
	set_cmdline(put_long_string(FAKE_SIZE - 2000, 2000, 'e', 0));
	EXPECT(BOOT_E_CMDLINE_TOO_LONG,
	       "the kernel command line is too long (2000 bytes; at most 1023)");
	expect_truncated_cmdline('e');
}
END_TEST

START_TEST(test_too_many_modules)
{
	minimal();
	for (unsigned i = 0; i < BOOT_MAX_MODULES + 1; i++)
		add_module(0x1000000, 0x1001000, 0);
	EXPECT(BOOT_E_TOO_MANY_MODULES, "too many boot modules (33; at most 32)");
	info()->mods_count = UINT32_MAX;
	EXPECT(BOOT_E_TOO_MANY_MODULES, "too many boot modules (4294967295; at most 32)");
}
END_TEST

START_TEST(test_module_descriptor_unreadable)
{
	minimal();
	info()->flags |= MB_INFO_MODS;
	info()->mods_count = 1;
	info()->mods_addr = 0x100;
	EXPECT(BOOT_E_UNREADABLE, "module 1's descriptor is unreadable");
	/* The second of two descriptors lies past the end of memory. */
	info()->mods_addr = pa_of(FAKE_SIZE - sizeof(struct multiboot_module));
	info()->mods_count = 2;
	EXPECT(BOOT_E_UNREADABLE, "module 2's descriptor is unreadable");
	/* The top of the 32-bit space: the address arithmetic must not wrap. */
	info()->mods_addr = 0xfffffff8;
	EXPECT(BOOT_E_UNREADABLE, "module 1's descriptor is unreadable");
}
END_TEST

START_TEST(test_module_cmdline_unreadable)
{
	minimal();
	add_module(0x200000, 0x201000, put_string("ok"));
	add_module(0x202000, 0x203000, 0x7000);
	EXPECT(BOOT_E_UNREADABLE, "module 2's command line is unreadable");
}
END_TEST

START_TEST(test_module_range)
{
	minimal();
	add_module(0x200000, 0x201000, 0);
	add_module(0x2000, 0x1000, 0);
	EXPECT(BOOT_E_MODULE_RANGE, "module 2 ends (0x1000) before it starts (0x2000)");
	ck_assert_uint_eq(bi->nmodules, 1);
}
END_TEST

START_TEST(test_module_cmdline_too_long)
{
	minimal();
	add_module(0x200000, 0x201000, put_long_string(LONG_OFF, 1500, 'm', 1));
	EXPECT(BOOT_E_MODULE_CMDLINE_TOO_LONG,
	       "module 1's command line is too long (1500 bytes; at most 1023)");
	info()->mods_count = 0;
	add_module(0x200000, 0x201000, put_long_string(LONG_OFF, 70000, 'm', 0));
	EXPECT(BOOT_E_MODULE_CMDLINE_TOO_LONG,
	       "module 1's command line is too long (over 65536 bytes; at most 1023)");
}
END_TEST

START_TEST(test_error_buffer_sizes)
{
	/* A short buffer gets the start of the message, terminated. */
	char small[10];
	ck_assert_int_eq(multiboot_parse(1, pa_of(INFO_OFF), fake_read, &fk, bi, small,
					 sizeof(small)), BOOT_E_MAGIC);
	ck_assert_str_eq(small, "not start");
	/* No buffer at all. */
	ck_assert_int_eq(multiboot_parse(1, pa_of(INFO_OFF), fake_read, &fk, bi, NULL, 0),
			 BOOT_E_MAGIC);
	minimal();
	ck_assert_int_eq(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa_of(INFO_OFF), fake_read,
					 &fk, bi, NULL, 0), BOOT_OK);
}
END_TEST

static Suite *multiboot_suite(void)
{
	Suite *s = suite_create("multiboot");
	TCase *tc = tcase_create("good");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_full_info);
	tcase_add_test(tc, test_mmap_entry_sizes);
	tcase_add_test(tc, test_too_many_regions);
	tcase_add_test(tc, test_mem_lower_upper);
	tcase_add_test(tc, test_mem_upper_only);
	tcase_add_test(tc, test_no_cmdline);
	tcase_add_test(tc, test_cmdline_max_length);
	tcase_add_test(tc, test_modules_flag_or_count);
	tcase_add_test(tc, test_max_modules);
	tcase_add_test(tc, test_reparse_clears);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bad_magic);
	tcase_add_test(tc, test_info_unreadable);
	tcase_add_test(tc, test_mmap_unreadable);
	tcase_add_test(tc, test_mmap_runs_off_memory);
	tcase_add_test(tc, test_mmap_hostile_sizes);
	tcase_add_test(tc, test_no_memory_info);
	tcase_add_test(tc, test_cmdline_unreadable);
	tcase_add_test(tc, test_cmdline_too_long);
	tcase_add_test(tc, test_cmdline_unterminated_long);
	tcase_add_test(tc, test_cmdline_unterminated_to_end);
	tcase_add_test(tc, test_too_many_modules);
	tcase_add_test(tc, test_module_descriptor_unreadable);
	tcase_add_test(tc, test_module_cmdline_unreadable);
	tcase_add_test(tc, test_module_range);
	tcase_add_test(tc, test_module_cmdline_too_long);
	tcase_add_test(tc, test_error_buffer_sizes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(multiboot_suite());
}
