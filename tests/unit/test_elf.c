/*
 * test_elf.c — host tests of elf_check (kernel/kern/elf.c).
 *
 * The images are built in memory by build(): a valid static x86_64 ET_EXEC with N
 * PT_LOAD segments (the first R+X holding the entry point, the others R+W, 64 KiB
 * apart), which each test then breaks in one way. Every check runs on a copy placed
 * right before an inaccessible page (guarded()), so reading one byte past the image
 * the checker was given ends the test with SIGSEGV instead of passing by luck.
 *
 * elf.c is linked with the kernel's own format.c and string.c (renamed k_*, see
 * krename.h), so the messages compared here are exactly the kernel's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <kern/elf.h>
#include "ktest.h"

#define LO 0x400000ull
#define HI 0x800000000000ull     /* end of the lower half: user space */
#define DATA_OFF 0x1000u
#define SEG_FILESZ 0x200u
#define SEG_MEMSZ 0x1000u
#define SEG_STRIDE 0x10000u
#define ENTRY (LO + 0x10)

static _Alignas(16) unsigned char img[64 * 1024];
static size_t img_size;
static struct elf_image out;
static char err[256];

static struct elf64_ehdr *eh(void)
{
	return (struct elf64_ehdr *)img;
}

static struct elf64_phdr *ph(unsigned i)
{
	return (struct elf64_phdr *)(img + eh()->e_phoff) + i;
}

/* A valid image with nload PT_LOAD segments; its size is img_size. */
static void build(unsigned nload)
{
	memset(img, 0, sizeof(img));
	struct elf64_ehdr *e = eh();
	memcpy(e->e_ident, "\177ELF", 4);
	e->e_ident[4] = 2;    /* ELFCLASS64 */
	e->e_ident[5] = 1;    /* ELFDATA2LSB */
	e->e_ident[6] = 1;    /* EV_CURRENT */
	e->e_type = ET_EXEC;
	e->e_machine = EM_X86_64;
	e->e_version = 1;
	e->e_entry = ENTRY;
	e->e_phoff = sizeof(*e);
	e->e_phentsize = sizeof(struct elf64_phdr);
	e->e_phnum = (uint16_t)nload;
	e->e_ehsize = sizeof(*e);
	for (unsigned i = 0; i < nload; i++) {
		*ph(i) = (struct elf64_phdr){
			.p_type = PT_LOAD,
			.p_flags = i == 0 ? PF_R | PF_X : PF_R | PF_W,
			.p_offset = DATA_OFF + i * SEG_FILESZ,
			.p_vaddr = LO + i * SEG_STRIDE,
			.p_paddr = LO + i * SEG_STRIDE,
			.p_filesz = SEG_FILESZ,
			.p_memsz = SEG_MEMSZ,
			.p_align = 0x1000,
		};
		memset(img + DATA_OFF + i * SEG_FILESZ, 0x90 + (int)i, SEG_FILESZ);
	}
	img_size = DATA_OFF + nload * SEG_FILESZ;
	ck_assert_uint_le(img_size, sizeof(img));
}

/* Appends a program header of another type, with hostile values that must be
 * ignored because it is not PT_LOAD. */
static void add_other(uint32_t type)
{
	unsigned i = eh()->e_phnum++;
	ck_assert_uint_le(eh()->e_phoff + (i + 1) * sizeof(struct elf64_phdr), DATA_OFF);
	*ph(i) = (struct elf64_phdr){ .p_type = type, .p_flags = PF_R | PF_W | PF_X,
				      .p_offset = UINT64_MAX, .p_vaddr = 0,
				      .p_filesz = UINT64_MAX, .p_memsz = 1 };
}

/* elf_check on a copy of image[0..size) that ends where an unmapped page begins. */
static enum elf_error check_range(size_t size, uint64_t lo, uint64_t hi)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t body = (size + (size_t)pg - 1) & ~(size_t)(pg - 1);
	unsigned char *region = mmap(NULL, body + (size_t)pg, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(region, MAP_FAILED);
	ck_assert_int_eq(mprotect(region + body, (size_t)pg, PROT_NONE), 0);
	/* 8-aligned like a loaded module; up to 7 bytes of slack when size is odd. */
	unsigned char *copy = region + body - ((size + 7) & ~(size_t)7);
	memcpy(copy, img, size);
	memset(&out, 0x77, sizeof(out));
	memset(err, 0x77, sizeof(err));
	enum elf_error e = elf_check(copy, size, lo, hi, &out, err, sizeof(err));
	munmap(region, body + (size_t)pg);
	return e;
}

static enum elf_error check(void)
{
	return check_range(img_size, LO, HI);
}

#define EXPECT(code, msg)                                                         \
	do {                                                                      \
		ck_assert_int_eq(check(), (code));                                \
		ck_assert_str_eq(err, (msg));                                     \
	} while (0)

#define EXPECT_OK()                                                               \
	do {                                                                      \
		ck_assert_msg(check() == ELF_OK, "%s", err);                      \
		ck_assert_str_eq(err, "");                                        \
	} while (0)

/* ---- valid images ---- */

START_TEST(test_valid_segments)
{
	unsigned n = (unsigned)_i + 1;
	build(n);
	EXPECT_OK();
	ck_assert_uint_eq(out.entry, ENTRY);
	ck_assert_uint_eq(out.nsegments, n);
	for (unsigned i = 0; i < n; i++) {
		const struct elf_segment *s = &out.segments[i];
		ck_assert_uint_eq(s->vaddr, LO + i * SEG_STRIDE);
		ck_assert_uint_eq(s->memsz, SEG_MEMSZ);
		ck_assert_uint_eq(s->offset, DATA_OFF + i * SEG_FILESZ);
		ck_assert_uint_eq(s->filesz, SEG_FILESZ);
		ck_assert_uint_eq(s->flags, i == 0 ? PF_R | PF_X : PF_R | PF_W);
	}
	/* Entries past nsegments are cleared, not left from before. */
	for (unsigned i = n; i < ELF_MAX_SEGMENTS; i++)
		ck_assert_uint_eq(out.segments[i].memsz, 0);
}
END_TEST

START_TEST(test_non_load_headers_ignored)
{
	build(2);
	add_other(4);             /* PT_NOTE */
	add_other(0x6474e551);    /* PT_GNU_STACK */
	add_other(6);             /* PT_PHDR */
	add_other(0);             /* PT_NULL */
	/* A LOAD header after the others counts with its own index. */
	unsigned i = eh()->e_phnum++;
	*ph(i) = (struct elf64_phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_offset = 0,
				      .p_vaddr = LO + 0x100000, .p_filesz = 0x40,
				      .p_memsz = 0x40 };
	EXPECT_OK();
	ck_assert_uint_eq(out.nsegments, 3);
	ck_assert_uint_eq(out.segments[2].vaddr, LO + 0x100000);
	ck_assert_uint_eq(out.segments[2].flags, PF_R);
}
END_TEST

START_TEST(test_flags_masked)
{
	build(1);
	ph(0)->p_flags = 0xf0f00000 | PF_R | PF_W | PF_X;
	EXPECT_OK();
	ck_assert_uint_eq(out.segments[0].flags, PF_R | PF_W | PF_X);
}
END_TEST

START_TEST(test_bss_and_edges)
{
	build(2);
	/* Bss only: nothing from the file (offset at the very end is fine). */
	ph(1)->p_filesz = 0;
	ph(1)->p_offset = img_size;
	/* Entry in the zero-filled part of the executable segment. */
	eh()->e_entry = LO + SEG_MEMSZ - 1;
	EXPECT_OK();
	ck_assert_uint_eq(out.segments[1].filesz, 0);
	/* A segment reaching exactly up to hi, and exactly down to lo. */
	ph(1)->p_vaddr = HI - SEG_MEMSZ;
	EXPECT_OK();
	ck_assert_int_eq(check_range(img_size, LO, LO + SEG_STRIDE + SEG_MEMSZ), ELF_E_RANGE);
	ph(1)->p_vaddr = LO + SEG_STRIDE;
	ck_assert_int_eq(check_range(img_size, LO, LO + SEG_STRIDE + SEG_MEMSZ), ELF_OK);
	/* filesz == memsz, segment as big as the file. */
	ph(0)->p_offset = 0;
	ph(0)->p_filesz = img_size;
	ph(0)->p_memsz = img_size;
	EXPECT_OK();
}
END_TEST

START_TEST(test_adjacent_segments)
{
	build(3);
	ph(1)->p_vaddr = LO + SEG_MEMSZ;           /* starts where 0 ends */
	ph(2)->p_vaddr = LO + 2 * SEG_MEMSZ;
	EXPECT_OK();
	/* Declared in descending address order. */
	ph(0)->p_vaddr = LO + 2 * SEG_MEMSZ;
	ph(2)->p_vaddr = LO;
	eh()->e_entry = LO + 2 * SEG_MEMSZ;
	EXPECT_OK();
}
END_TEST

START_TEST(test_zero_size_segments)
{
	/* memsz 0: accepted, overlaps nothing (not even inside another segment), but
	 * cannot hold the entry point. */
	build(3);
	ph(1)->p_vaddr = LO + 0x100;
	ph(1)->p_memsz = 0;
	ph(1)->p_filesz = 0;
	ph(2)->p_vaddr = LO + 0x100;
	ph(2)->p_memsz = 0;
	ph(2)->p_filesz = 0;
	EXPECT_OK();
	ck_assert_uint_eq(out.nsegments, 3);
	build(2);
	ph(0)->p_flags = PF_R;
	ph(1)->p_flags = PF_R | PF_X;
	ph(1)->p_memsz = 0;
	ph(1)->p_filesz = 0;
	eh()->e_entry = ph(1)->p_vaddr;
	EXPECT(ELF_E_ENTRY, "entry point 0x410000 is not in an executable segment");
}
END_TEST

START_TEST(test_max_segments)
{
	build(ELF_MAX_SEGMENTS);
	EXPECT_OK();
	ck_assert_uint_eq(out.nsegments, ELF_MAX_SEGMENTS);
}
END_TEST

/* ---- every error ---- */

START_TEST(test_truncated_header)
{
	build(1);
	static const size_t sizes[] = { 4, 5, 10, 32, 63 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char want[80];
		snprintf(want, sizeof(want), "truncated: %zu bytes, smaller than the ELF header",
			 sizes[i]);
		ck_assert_int_eq(check_range(sizes[i], LO, HI), ELF_E_TRUNCATED);
		ck_assert_str_eq(err, want);
	}
	/* Too short even for the magic: not recognisable as ELF at all. */
	for (size_t size = 0; size < 4; size++) {
		ck_assert_int_eq(check_range(size, LO, HI), ELF_E_NOT_ELF);
		ck_assert_str_eq(err, "not an ELF file (bad magic)");
	}
}
END_TEST

START_TEST(test_truncated_phdrs)
{
	build(2);
	ck_assert_int_eq(check_range(64 + 2 * 56 - 1, LO, HI), ELF_E_TRUNCATED);
	ck_assert_str_eq(err, "truncated: the program header table (2 entries at 0x40) ends "
			 "past the file's 175 bytes");
	ck_assert_int_eq(check_range(64, LO, HI), ELF_E_TRUNCATED);
	/* Exactly the headers, nothing else: the table fits, the segments do not. */
	ck_assert_int_eq(check_range(64 + 2 * 56, LO, HI), ELF_E_TRUNCATED);
	ck_assert_str_eq(err, "truncated: segment 0's 0x200 bytes at offset 0x1000 end past "
			 "the file's 176 bytes");
}
END_TEST

START_TEST(test_truncated_segment)
{
	build(2);
	ph(1)->p_filesz = SEG_FILESZ + 8;     /* one past the end of the file... */
	ph(1)->p_memsz = SEG_MEMSZ;
	EXPECT(ELF_E_TRUNCATED, "truncated: segment 1's 0x208 bytes at offset 0x1200 end past "
	       "the file's 5120 bytes");
	ph(1)->p_filesz = SEG_FILESZ;        /* ...and exactly at it */
	EXPECT_OK();
	ph(1)->p_offset = img_size + 1;
	ph(1)->p_filesz = 0;                 /* even empty, the offset must be in the file */
	EXPECT(ELF_E_TRUNCATED, "truncated: segment 1's 0 bytes at offset 0x1401 end past the "
	       "file's 5120 bytes");
}
END_TEST

START_TEST(test_bad_magic)
{
	static const char *const magics[] = { "\177ELG", "\177elf", "ELF\177", "MZ\x90\0",
					      "\0\0\0\0" };
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		build(1);
		memcpy(img, magics[i], 4);
		EXPECT(ELF_E_NOT_ELF, "not an ELF file (bad magic)");
	}
}
END_TEST

START_TEST(test_not_64)
{
	build(1);
	eh()->e_ident[4] = 1;                 /* ELFCLASS32 */
	EXPECT(ELF_E_NOT_64, "not a 64-bit little-endian ELF version 1 file (class 1, data 1)");
	eh()->e_ident[4] = 0;
	EXPECT(ELF_E_NOT_64, "not a 64-bit little-endian ELF version 1 file (class 0, data 1)");
	build(1);
	eh()->e_ident[5] = 2;                 /* big-endian */
	EXPECT(ELF_E_NOT_64, "not a 64-bit little-endian ELF version 1 file (class 2, data 2)");
	build(1);
	eh()->e_ident[6] = 2;                 /* EI_VERSION */
	ck_assert_int_eq(check(), ELF_E_NOT_64);
	build(1);
	eh()->e_version = 0;
	ck_assert_int_eq(check(), ELF_E_NOT_64);
	eh()->e_version = 2;
	ck_assert_int_eq(check(), ELF_E_NOT_64);
	ck_assert_str_eq(err, "not a 64-bit little-endian ELF version 1 file (class 2, data 1)");
}
END_TEST

START_TEST(test_not_exec)
{
	build(1);
	eh()->e_type = 3;     /* ET_DYN: a PIE or a shared library */
	EXPECT(ELF_E_NOT_EXEC, "not an executable (ELF type 3; want a static ET_EXEC)");
	eh()->e_type = 1;     /* ET_REL: an object file */
	EXPECT(ELF_E_NOT_EXEC, "not an executable (ELF type 1; want a static ET_EXEC)");
	eh()->e_type = 4;     /* ET_CORE */
	ck_assert_int_eq(check(), ELF_E_NOT_EXEC);
	eh()->e_type = 0;
	ck_assert_int_eq(check(), ELF_E_NOT_EXEC);
}
END_TEST

START_TEST(test_wrong_machine)
{
	build(1);
	eh()->e_machine = 3;      /* EM_386 */
	EXPECT(ELF_E_MACHINE, "built for machine 3, not x86_64");
	eh()->e_machine = 183;    /* EM_AARCH64 */
	EXPECT(ELF_E_MACHINE, "built for machine 183, not x86_64");
}
END_TEST

START_TEST(test_bad_phentsize)
{
	build(1);
	eh()->e_phentsize = 32;   /* an ELF32 program header */
	EXPECT(ELF_E_PHDRS, "program header entries are 32 bytes, not 56");
	eh()->e_phentsize = 0;
	EXPECT(ELF_E_PHDRS, "program header entries are 0 bytes, not 56");
	eh()->e_phentsize = 64;
	ck_assert_int_eq(check(), ELF_E_PHDRS);
}
END_TEST

START_TEST(test_misaligned_phoff)
{
	static const uint64_t offs[] = { 65, 68, 70, 71, 76 };
	for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		build(1);
		memmove(img + offs[i], img + 64, sizeof(struct elf64_phdr));
		eh()->e_phoff = offs[i];
		char want[80];
		snprintf(want, sizeof(want), "program header table misaligned (offset %#lx)",
			 (unsigned long)offs[i]);
		EXPECT(ELF_E_PHDRS, want);
	}
}
END_TEST

START_TEST(test_no_load)
{
	build(0);
	EXPECT(ELF_E_NO_SEGMENTS, "no loadable segment");
	add_other(4);
	add_other(0x6474e551);
	EXPECT(ELF_E_NO_SEGMENTS, "no loadable segment");
}
END_TEST

START_TEST(test_too_many_segments)
{
	build(ELF_MAX_SEGMENTS + 1);
	EXPECT(ELF_E_NO_SEGMENTS, "more than 16 loadable segments");
	/* Non-LOAD headers do not count towards the limit. */
	build(ELF_MAX_SEGMENTS);
	add_other(4);
	EXPECT_OK();
}
END_TEST

START_TEST(test_filesz_over_memsz)
{
	build(2);
	ph(1)->p_filesz = SEG_MEMSZ + 1;
	EXPECT(ELF_E_SEGMENT, "segment 1 holds more file bytes (0x1001) than memory (0x1000)");
	ph(1)->p_filesz = UINT64_MAX;
	EXPECT(ELF_E_SEGMENT, "segment 1 holds more file bytes (0xffffffffffffffff) than "
	       "memory (0x1000)");
}
END_TEST

START_TEST(test_segment_below_lo)
{
	build(2);
	ph(1)->p_vaddr = LO - SEG_MEMSZ;
	EXPECT(ELF_E_RANGE, "segment 1 [0x3ff000, +0x1000) is outside user space "
	       "[0x400000, 0x800000000000)");
	ph(1)->p_vaddr = 0;
	ck_assert_int_eq(check(), ELF_E_RANGE);
	ph(1)->p_vaddr = LO - 1;
	ck_assert_int_eq(check(), ELF_E_RANGE);
}
END_TEST

START_TEST(test_segment_above_hi)
{
	build(2);
	ph(1)->p_vaddr = HI;
	EXPECT(ELF_E_RANGE, "segment 1 [0x800000000000, +0x1000) is outside user space "
	       "[0x400000, 0x800000000000)");
	ph(1)->p_vaddr = HI - 0x800;          /* starts inside, ends outside */
	ck_assert_int_eq(check(), ELF_E_RANGE);
	ph(1)->p_vaddr = HI - SEG_MEMSZ + 1;
	ck_assert_int_eq(check(), ELF_E_RANGE);
	ph(1)->p_vaddr = 0xffffffff80000000ull;   /* the kernel's own addresses */
	ck_assert_int_eq(check(), ELF_E_RANGE);
	/* An empty segment at hi covers no byte outside [lo, hi): accepted. */
	ph(1)->p_vaddr = HI;
	ph(1)->p_memsz = 0;
	ph(1)->p_filesz = 0;
	EXPECT_OK();
}
END_TEST

START_TEST(test_segment_wraps)
{
	/* With hi at the top of the address space, vaddr + memsz would wrap to a small
	 * number; the check must not be fooled into thinking it ends below hi. */
	build(2);
	ph(1)->p_vaddr = UINT64_MAX - 0xfff;
	ph(1)->p_memsz = 0x2000;
	ck_assert_int_eq(check_range(img_size, LO, UINT64_MAX), ELF_E_RANGE);
	ph(1)->p_vaddr = LO + SEG_STRIDE;
	ph(1)->p_memsz = UINT64_MAX;
	ck_assert_int_eq(check_range(img_size, LO, UINT64_MAX), ELF_E_RANGE);
	ck_assert_int_eq(check(), ELF_E_RANGE);
	ph(1)->p_vaddr = UINT64_MAX;
	ph(1)->p_memsz = 1;
	ph(1)->p_filesz = 1;
	ck_assert_int_eq(check_range(img_size, LO, UINT64_MAX), ELF_E_RANGE);
	/* ... while the very last page below the top is fine. */
	ph(1)->p_vaddr = UINT64_MAX - 0xfff;
	ph(1)->p_memsz = 0xfff;
	ck_assert_int_eq(check_range(img_size, LO, UINT64_MAX), ELF_OK);
}
END_TEST

START_TEST(test_overlap)
{
	build(2);
	ph(1)->p_vaddr = LO + 0x800;
	EXPECT(ELF_E_OVERLAP, "segments 0 [0x400000, 0x401000) and 1 [0x400800, 0x401800) "
	       "overlap");
	ph(1)->p_vaddr = LO + SEG_MEMSZ - 1;            /* one byte in common */
	ck_assert_int_eq(check(), ELF_E_OVERLAP);
	ph(0)->p_vaddr = LO + 0x1000;                   /* the same from below */
	ph(1)->p_vaddr = LO + 1;
	eh()->e_entry = LO + 0x1000;
	ck_assert_int_eq(check(), ELF_E_OVERLAP);
	build(3);
	ph(2)->p_vaddr = LO;                            /* identical to 0 */
	ck_assert_int_eq(check(), ELF_E_OVERLAP);
	ck_assert_str_eq(err, "segments 0 [0x400000, 0x401000) and 2 [0x400000, 0x401000) "
			 "overlap");
	ph(2)->p_vaddr = LO + 0x10;                     /* inside 0 */
	ph(2)->p_memsz = 0x10;
	ph(2)->p_filesz = 0x10;
	ck_assert_int_eq(check(), ELF_E_OVERLAP);
	ph(2)->p_vaddr = LO + 0x10000 - 0x10;           /* covering all of 1 */
	ph(2)->p_memsz = SEG_MEMSZ + 0x20;
	ck_assert_int_eq(check(), ELF_E_OVERLAP);
}
END_TEST

START_TEST(test_entry)
{
	build(2);
	eh()->e_entry = 0;
	EXPECT(ELF_E_ENTRY, "entry point 0 is not in an executable segment");
	eh()->e_entry = LO + SEG_MEMSZ;               /* one past the end of segment 0 */
	EXPECT(ELF_E_ENTRY, "entry point 0x401000 is not in an executable segment");
	eh()->e_entry = LO - 1;
	ck_assert_int_eq(check(), ELF_E_ENTRY);
	eh()->e_entry = LO + SEG_STRIDE + 4;          /* in segment 1: R+W, not X */
	EXPECT(ELF_E_ENTRY, "entry point 0x410004 is not in an executable segment");
	eh()->e_entry = UINT64_MAX;
	ck_assert_int_eq(check(), ELF_E_ENTRY);
	eh()->e_entry = LO;                            /* first byte: fine */
	EXPECT_OK();
	/* An entry in a non-LOAD header's "segment" does not count. */
	build(1);
	ph(0)->p_flags = PF_R;
	add_other(4);
	ph(1)->p_vaddr = LO;
	ph(1)->p_memsz = SEG_MEMSZ;
	EXPECT(ELF_E_ENTRY, "entry point 0x400010 is not in an executable segment");
}
END_TEST

/* ---- hostile headers: arithmetic that would wrap ---- */

START_TEST(test_overflow_phoff_phnum)
{
	build(1);
	eh()->e_phnum = 0xffff;                       /* 3.6 MB of headers in 4.6 KB */
	EXPECT(ELF_E_TRUNCATED, "truncated: the program header table (65535 entries at 0x40) "
	       "ends past the file's 4608 bytes");
	build(1);
	eh()->e_phoff = 0xfffffffffffffff8ull;        /* 8-aligned, far past the end */
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
	build(2);
	eh()->e_phoff = (uint64_t)0 - 2 * sizeof(struct elf64_phdr);  /* off + len wraps to 0 */
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
	build(1);
	eh()->e_phoff = img_size;                     /* table starts at EOF, 1 entry */
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
	/* ... while 0 entries at EOF is an empty table: no segments. */
	eh()->e_phnum = 0;
	ck_assert_int_eq(check(), ELF_E_NO_SEGMENTS);
}
END_TEST

START_TEST(test_overflow_segment_offsets)
{
	build(1);
	ph(0)->p_offset = UINT64_MAX;
	ph(0)->p_filesz = 1;
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
	ph(0)->p_offset = 8;                              /* offset + filesz wraps to 0 */
	ph(0)->p_filesz = UINT64_MAX - 7;
	ph(0)->p_memsz = UINT64_MAX;
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
	ph(0)->p_offset = (uint64_t)0 - 0x100;            /* wraps to 0x100 */
	ph(0)->p_filesz = 0x200;
	ph(0)->p_memsz = 0x1000;
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
	ph(0)->p_offset = img_size;
	ph(0)->p_filesz = 1;
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
	ph(0)->p_offset = 0;
	ph(0)->p_filesz = img_size + 1;
	ph(0)->p_memsz = 0x2000;
	ck_assert_int_eq(check(), ELF_E_TRUNCATED);
}
END_TEST

START_TEST(test_error_buffer)
{
	build(1);
	eh()->e_machine = 3;
	char small[8];
	ck_assert_int_eq(elf_check(img, img_size, LO, HI, &out, small, sizeof(small)),
			 ELF_E_MACHINE);
	ck_assert_str_eq(small, "built f");
	ck_assert_int_eq(elf_check(img, img_size, LO, HI, &out, NULL, 0), ELF_E_MACHINE);
	eh()->e_machine = EM_X86_64;
	ck_assert_int_eq(elf_check(img, img_size, LO, HI, &out, NULL, 0), ELF_OK);
}
END_TEST

static Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("valid");
	tcase_add_loop_test(tc, test_valid_segments, 0, 4);
	tcase_add_test(tc, test_non_load_headers_ignored);
	tcase_add_test(tc, test_flags_masked);
	tcase_add_test(tc, test_bss_and_edges);
	tcase_add_test(tc, test_adjacent_segments);
	tcase_add_test(tc, test_zero_size_segments);
	tcase_add_test(tc, test_max_segments);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_truncated_header);
	tcase_add_test(tc, test_truncated_phdrs);
	tcase_add_test(tc, test_truncated_segment);
	tcase_add_test(tc, test_bad_magic);
	tcase_add_test(tc, test_not_64);
	tcase_add_test(tc, test_not_exec);
	tcase_add_test(tc, test_wrong_machine);
	tcase_add_test(tc, test_bad_phentsize);
	tcase_add_test(tc, test_misaligned_phoff);
	tcase_add_test(tc, test_no_load);
	tcase_add_test(tc, test_too_many_segments);
	tcase_add_test(tc, test_filesz_over_memsz);
	tcase_add_test(tc, test_segment_below_lo);
	tcase_add_test(tc, test_segment_above_hi);
	tcase_add_test(tc, test_segment_wraps);
	tcase_add_test(tc, test_overlap);
	tcase_add_test(tc, test_entry);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_add_test(tc, test_overflow_phoff_phnum);
	tcase_add_test(tc, test_overflow_segment_offsets);
	tcase_add_test(tc, test_error_buffer);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(elf_suite());
}
