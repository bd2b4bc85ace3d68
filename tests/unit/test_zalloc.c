/*
 * test_zalloc.c — host tests of the zone allocator (kernel/kern/zalloc.c).
 *
 * Pages come from a test page source backed by aligned_alloc, with a limit so that
 * exhaustion can be provoked, and a count of how often it was asked. The panicking
 * paths (double free, foreign and misaligned pointers, use after free) are checked by
 * Check catching the SIGABRT of the host panic() (kstubs.c), each with the panic message
 * it must give.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kern/zalloc.h>
#include "ktest.h"

/* ---- the page source ---- */

struct test_source {
	struct zone_page_source src;
	size_t limit;        /* pages it will give before returning NULL */
	size_t given;
	size_t calls;
	size_t misalign;     /* added to every page: tests the alignment check */
	void *pages[256];    /* to free them at the end */
};

static void *source_alloc(void *ctx)
{
	struct test_source *ts = ctx;
	ts->calls++;
	if (ts->given == ts->limit || ts->given == 256)
		return NULL;
	char *p = aligned_alloc(ZONE_PAGE_SIZE, 2 * ZONE_PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	/* Stale data in a fresh page must not matter to the zone. */
	memset(p, 0xcd, 2 * ZONE_PAGE_SIZE);
	ts->pages[ts->given++] = p;
	return p + ts->misalign;
}

static void source_init(struct test_source *ts, size_t limit)
{
	memset(ts, 0, sizeof(*ts));
	ts->src.alloc_page = source_alloc;
	ts->src.ctx = ts;
	ts->limit = limit;
}

static void source_fini(struct test_source *ts)
{
	for (size_t i = 0; i < ts->given; i++)
		free(ts->pages[i]);
}

static char *page_of(const void *p)
{
	return (char *)((uintptr_t)p & ~(uintptr_t)(ZONE_PAGE_SIZE - 1));
}

static struct zone_stats stats(const struct zone *z)
{
	struct zone_stats st;
	zone_get_stats(z, &st);
	return st;
}

/* ---- good paths ---- */

START_TEST(test_size_rounding)
{
	static const struct { size_t in, out; } cases[] = {
		{ 0, 16 }, { 1, 16 }, { 15, 16 }, { 16, 16 }, { 17, 32 }, { 24, 32 },
		{ 100, 112 }, { 128, 128 }, { 129, 144 }, { 1000, 1008 }, { 2040, 2048 },
		{ 4000, 4000 }, { 4065, 4080 }, { 4080, 4080 },
	};
	struct test_source ts;
	source_init(&ts, 100);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct zone z;
		zone_init(&z, "rounding", cases[i].in, &ts.src);
		ck_assert_uint_eq(z.elem_size, cases[i].out);
		ck_assert_uint_eq(stats(&z).elem_size, cases[i].out);
		ck_assert_uint_ge(z.per_page, 1);
		/* The elements and the page's header (a magic and the zone pointer,
		 * 16 bytes) fit in the page. */
		ck_assert_uint_le(z.per_page * z.elem_size + 16, ZONE_PAGE_SIZE);
		/* ... and no further element would. */
		ck_assert_uint_gt((z.per_page + 1) * z.elem_size + 16, ZONE_PAGE_SIZE);
		ck_assert_uint_eq(ts.calls, 0);   /* no page until the first zalloc */
	}
	source_fini(&ts);
}
END_TEST

/* Allocates a page's worth from a zone of `size` and checks layout and stats. */
START_TEST(test_one_page_layout)
{
	static const size_t sizes[] = { 16, 24, 48, 100, 112, 512, 1000, 2040, 4080 };
	size_t size = sizes[_i];
	struct test_source ts;
	struct zone z;
	source_init(&ts, 10);
	zone_init(&z, "layout", size, &ts.src);
	size_t per = z.per_page;
	char **el = calloc(per, sizeof(*el));
	for (size_t i = 0; i < per; i++) {
		el[i] = zalloc(&z);
		ck_assert_ptr_nonnull(el[i]);
		ck_assert_uint_eq((uintptr_t)el[i] % 16, 0);
		ck_assert_ptr_eq(page_of(el[i]), page_of(el[0]));
		ck_assert_uint_ge((uintptr_t)(el[i] - page_of(el[i])), 16);
		ck_assert_uint_le((uintptr_t)(el[i] - page_of(el[i])) + z.elem_size, ZONE_PAGE_SIZE);
		/* Fill it: the whole element is ours to write. */
		memset(el[i], (int)(i & 0xff), z.elem_size);
	}
	ck_assert_uint_eq(ts.given, 1);
	struct zone_stats st = stats(&z);
	ck_assert_uint_eq(st.pages, 1);
	ck_assert_uint_eq(st.in_use, per);
	ck_assert_uint_eq(st.free, 0);
	/* No element overlapped another (or the header: zfree below reads it). */
	for (size_t i = 0; i < per; i++)
		for (size_t j = 0; j < z.elem_size; j++)
			ck_assert_uint_eq((unsigned char)el[i][j], i & 0xff);
	/* The next one takes a second page. */
	char *extra = zalloc(&z);
	ck_assert_ptr_nonnull(extra);
	ck_assert_ptr_ne(page_of(extra), page_of(el[0]));
	ck_assert_uint_eq(stats(&z).pages, 2);
	for (size_t i = 0; i < per; i++)
		zfree(&z, el[i]);
	zfree(&z, extra);
	st = stats(&z);
	ck_assert_uint_eq(st.in_use, 0);
	ck_assert_uint_eq(st.free, 2 * per);
	ck_assert_uint_eq(st.allocs, per + 1);
	ck_assert_uint_eq(st.frees, per + 1);
	ck_assert_uint_eq(st.max_in_use, per + 1);
	free(el);
	source_fini(&ts);
}
END_TEST

START_TEST(test_stats_and_reuse)
{
	struct test_source ts;
	struct zone z;
	source_init(&ts, 10);
	zone_init(&z, "stats", 200, &ts.src);
	struct zone_stats st = stats(&z);
	ck_assert_uint_eq(st.elem_size, 208);
	ck_assert_uint_eq(st.in_use + st.free + st.pages + st.allocs + st.frees + st.failures +
			  st.max_in_use, 0);

	void *a = zalloc(&z), *b = zalloc(&z), *c = zalloc(&z);
	ck_assert(a && b && c && a != b && b != c && a != c);
	st = stats(&z);
	ck_assert_uint_eq(st.in_use, 3);
	ck_assert_uint_eq(st.max_in_use, 3);
	ck_assert_uint_eq(st.free, z.per_page - 3);
	ck_assert_uint_eq(st.pages, 1);
	ck_assert_uint_eq(st.allocs, 3);

	/* Reuse: the element freed last comes back first. */
	zfree(&z, b);
	ck_assert_ptr_eq(zalloc(&z), b);
	zfree(&z, a);
	zfree(&z, c);
	ck_assert_ptr_eq(zalloc(&z), c);
	ck_assert_ptr_eq(zalloc(&z), a);
	st = stats(&z);
	ck_assert_uint_eq(st.in_use, 3);
	ck_assert_uint_eq(st.max_in_use, 3);
	ck_assert_uint_eq(st.allocs, 6);
	ck_assert_uint_eq(st.frees, 3);
	ck_assert_uint_eq(st.pages, 1);
	ck_assert_uint_eq(ts.calls, 1);
	zfree(&z, a);
	ck_assert_uint_eq(stats(&z).max_in_use, 3);
	ck_assert_uint_eq(stats(&z).in_use, 2);
	source_fini(&ts);
}
END_TEST

START_TEST(test_growth_many_pages)
{
	/* 1000 elements of 512 bytes: 7 per page, so 143 pages, each asked for once. */
	enum { N = 1000 };
	static void *el[N];
	struct test_source ts;
	struct zone z;
	source_init(&ts, 200);
	zone_init(&z, "growth", 512, &ts.src);
	ck_assert_uint_eq(z.per_page, 7);
	for (size_t i = 0; i < N; i++) {
		el[i] = zalloc(&z);
		ck_assert_ptr_nonnull(el[i]);
		memset(el[i], 0x5a, 512);
	}
	struct zone_stats st = stats(&z);
	ck_assert_uint_eq(st.pages, (N + 6) / 7);
	ck_assert_uint_eq(ts.calls, (N + 6) / 7);
	ck_assert_uint_eq(st.free, st.pages * 7 - N);
	/* Free every other one, then allocate again: no new page is needed. */
	for (size_t i = 0; i < N; i += 2)
		zfree(&z, el[i]);
	for (size_t i = 0; i < N; i += 2) {
		el[i] = zalloc(&z);
		ck_assert_ptr_nonnull(el[i]);
	}
	ck_assert_uint_eq(ts.calls, (N + 6) / 7);
	ck_assert_uint_eq(stats(&z).in_use, N);
	ck_assert_uint_eq(stats(&z).max_in_use, N);
	source_fini(&ts);
}
END_TEST

START_TEST(test_registry)
{
	/* Check forks each test, so the registry starts empty here. */
	ck_assert_ptr_null(zone_first());
	struct test_source ts;
	struct zone a, b, c;
	source_init(&ts, 1);
	zone_init(&a, "a", 16, &ts.src);
	zone_init(&b, "b", 32, &ts.src);
	zone_init(&c, "c", 64, &ts.src);
	/* Newest first, each zone exactly once. */
	ck_assert_ptr_eq(zone_first(), &c);
	ck_assert_ptr_eq(zone_next(&c), &b);
	ck_assert_ptr_eq(zone_next(&b), &a);
	ck_assert_ptr_null(zone_next(&a));
	ck_assert_str_eq(zone_first()->name, "c");
	source_fini(&ts);
}
END_TEST

START_TEST(test_exhaustion)
{
	struct test_source ts;
	struct zone z;
	source_init(&ts, 2);
	zone_init(&z, "exhaust", 1024, &ts.src);
	size_t per = z.per_page;   /* 3 */
	void *el[8];
	for (size_t i = 0; i < 2 * per; i++)
		ck_assert_ptr_nonnull(el[i] = zalloc(&z));
	ck_assert_ptr_null(zalloc(&z));
	ck_assert_ptr_null(zalloc(&z));
	struct zone_stats st = stats(&z);
	ck_assert_uint_eq(st.failures, 2);
	ck_assert_uint_eq(st.allocs, 2 * per);
	ck_assert_uint_eq(st.in_use, 2 * per);
	ck_assert_uint_eq(st.pages, 2);
	ck_assert_uint_eq(ts.calls, 4);      /* two pages, two refusals */
	/* A freed element serves the next zalloc without asking the source. */
	zfree(&z, el[1]);
	ck_assert_ptr_eq(zalloc(&z), el[1]);
	ck_assert_uint_eq(ts.calls, 4);
	/* Once the source has pages again, the zone grows again. */
	ts.limit = 3;
	ck_assert_ptr_nonnull(zalloc(&z));
	ck_assert_uint_eq(stats(&z).pages, 3);
	ck_assert_uint_eq(stats(&z).failures, 2);
	source_fini(&ts);
}
END_TEST

START_TEST(test_empty_source)
{
	struct test_source ts;
	struct zone z;
	source_init(&ts, 0);
	zone_init(&z, "empty", 64, &ts.src);
	ck_assert_ptr_null(zalloc(&z));
	struct zone_stats st = stats(&z);
	ck_assert_uint_eq(st.failures, 1);
	ck_assert_uint_eq(st.allocs, 0);
	ck_assert_uint_eq(st.in_use, 0);
	ck_assert_uint_eq(st.pages, 0);
}
END_TEST

START_TEST(test_zones_share_a_source)
{
	/* Two zones, one source: their pages never mix. */
	struct test_source ts;
	struct zone a, b;
	source_init(&ts, 10);
	zone_init(&a, "a", 48, &ts.src);
	zone_init(&b, "b", 48, &ts.src);
	void *pa = zalloc(&a), *pb = zalloc(&b);
	ck_assert_ptr_ne(page_of(pa), page_of(pb));
	zfree(&a, pa);
	zfree(&b, pb);
	ck_assert_uint_eq(stats(&a).frees, 1);
	ck_assert_uint_eq(stats(&b).frees, 1);
	source_fini(&ts);
}
END_TEST

/* ---- kernel bugs that must panic ---- */

static struct test_source pts;
static struct zone pz, pz2;

static void panic_setup(void)
{
	source_init(&pts, 16);
	zone_init(&pz, "victim", 112, &pts.src);    /* 36 per page, 48 bytes left over */
	zone_init(&pz2, "other", 112, &pts.src);
}

START_TEST(test_double_free)
{
	void *a = zalloc(&pz);
	ck_assert_ptr_nonnull(zalloc(&pz));
	zfree(&pz, a);
	kstub_expect_panic("double free");
	zfree(&pz, a);
}
END_TEST

START_TEST(test_double_free_never_allocated)
{
	/* An element still on the free list since the page was carved. */
	char *a = zalloc(&pz);
	kstub_expect_panic("double free");
	zfree(&pz, a + pz.elem_size);
}
END_TEST

START_TEST(test_free_wrong_zone)
{
	void *a = zalloc(&pz);
	kstub_expect_panic("not an element of this zone");
	zfree(&pz2, a);
}
END_TEST

START_TEST(test_free_not_element_start)
{
	char *a = zalloc(&pz);
	kstub_expect_panic("not the start of an element");
	zfree(&pz, a + 8);
}
END_TEST

START_TEST(test_free_odd_pointer)
{
	char *a = zalloc(&pz);
	kstub_expect_panic("not the start of an element");
	zfree(&pz, a + 1);
}
END_TEST

START_TEST(test_free_header)
{
	char *a = zalloc(&pz);
	kstub_expect_panic("not the start of an element");
	zfree(&pz, page_of(a) + 8);
}
END_TEST

START_TEST(test_free_past_last_element)
{
	/* Offset of a 37th element: on the element stride, but in the page's slack. */
	char *a = zalloc(&pz);
	ck_assert_uint_eq(pz.per_page, 36);
	kstub_expect_panic("not the start of an element");
	zfree(&pz, page_of(a) + 16 + 36 * pz.elem_size);
}
END_TEST

START_TEST(test_free_heap_pointer)
{
	/* A page-aligned block that no zone ever owned. */
	char *p = aligned_alloc(ZONE_PAGE_SIZE, ZONE_PAGE_SIZE);
	memset(p, 0, ZONE_PAGE_SIZE);
	kstub_expect_panic("not an element of this zone");
	zfree(&pz, p + 16);
}
END_TEST

START_TEST(test_free_stack_pointer)
{
	char local[256];
	memset(local, 0, sizeof(local));
	kstub_expect_panic("not an element of this zone");
	zfree(&pz, local + 32);
}
END_TEST

START_TEST(test_free_null)
{
	kstub_expect_panic("not an element of this zone");
	zfree(&pz, NULL);
}
END_TEST

START_TEST(test_use_after_free)
{
	char *a = zalloc(&pz);
	ck_assert_ptr_nonnull(zalloc(&pz));
	zfree(&pz, a);
	memset(a, 0x41, pz.elem_size);     /* a write through a stale pointer */
	kstub_expect_panic("written after free");
	zalloc(&pz);
}
END_TEST

START_TEST(test_use_after_free_fresh_element)
{
	/* An element nobody has had yet is scribbled over (an overrun from its neighbour):
	 * the zalloc that reaches it must notice. */
	char *a = zalloc(&pz);
	memset(a + pz.elem_size, 0, pz.elem_size);
	kstub_expect_panic("written after free");
	zalloc(&pz);
}
END_TEST

START_TEST(test_unaligned_source_page)
{
	pts.misalign = 16;
	kstub_expect_panic("unaligned page");
	zalloc(&pz);
}
END_TEST

START_TEST(test_element_too_big)
{
	static const size_t sizes[] = { 4081, 4096, 1 << 20, SIZE_MAX - 14, SIZE_MAX };
	struct zone z;
	kstub_expect_panic("does not fit a page");
	zone_init(&z, "huge", sizes[_i], &pts.src);
}
END_TEST

static Suite *zalloc_suite(void)
{
	Suite *s = suite_create("zalloc");
	TCase *tc = tcase_create("good");
	tcase_add_test(tc, test_size_rounding);
	tcase_add_loop_test(tc, test_one_page_layout, 0, 9);
	tcase_add_test(tc, test_stats_and_reuse);
	tcase_add_test(tc, test_growth_many_pages);
	tcase_add_test(tc, test_registry);
	tcase_add_test(tc, test_exhaustion);
	tcase_add_test(tc, test_empty_source);
	tcase_add_test(tc, test_zones_share_a_source);
	suite_add_tcase(s, tc);

	tc = tcase_create("panics");
	tcase_add_checked_fixture(tc, panic_setup, NULL);
	tcase_add_test_raise_signal(tc, test_double_free, SIGABRT);
	tcase_add_test_raise_signal(tc, test_double_free_never_allocated, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_wrong_zone, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_not_element_start, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_odd_pointer, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_header, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_past_last_element, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_heap_pointer, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_stack_pointer, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_null, SIGABRT);
	tcase_add_test_raise_signal(tc, test_use_after_free, SIGABRT);
	tcase_add_test_raise_signal(tc, test_use_after_free_fresh_element, SIGABRT);
	tcase_add_test_raise_signal(tc, test_unaligned_source_page, SIGABRT);
	tcase_add_loop_test_raise_signal(tc, test_element_too_big, SIGABRT, 0, 5);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(zalloc_suite());
}
