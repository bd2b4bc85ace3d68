/*
 * test_pv.c — host tests of the physical-to-virtual lists (kernel/vm/pv.c).
 *
 * A list is checked against a model: the set of (pmap, va) pairs the test has inserted
 * and not removed. After every step the list must hold exactly that set, each pair once,
 * and the "pv_entry" zone must have one element in use per mapping beyond the first
 * (the first lives in the page). Pmaps are never looked inside, so any distinct
 * addresses serve. Extra entries come from a zone whose page source can be told to
 * fail, for the out-of-memory path.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kern/zalloc.h>
#include <vm/pv.h>
#include <vm/page_alloc.h>
#include "ktest.h"

/* ---- the zone's page source ---- */

static bool source_dry;            /* give no more pages */

static void *source_page(void *ctx)
{
	(void)ctx;
	if (source_dry)
		return NULL;
	void *p = aligned_alloc(ZONE_PAGE_SIZE, ZONE_PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	return p;                      /* never freed: each test is its own process */
}

static const struct zone_page_source source = { source_page, NULL };

static const struct zone *pv_zone(void)
{
	for (const struct zone *z = zone_first(); z; z = zone_next(z))
		if (strcmp(z->name, "pv_entry") == 0)
			return z;
	ck_abort_msg("no pv_entry zone");
	return NULL;
}

static size_t zone_in_use(void)
{
	struct zone_stats st;
	zone_get_stats(pv_zone(), &st);
	return st.in_use;
}

static void setup(void)
{
	source_dry = false;
	pv_init(&source);
}

/* ---- the model ---- */

#define NPMAPS 3
#define MAXMAP 64

static char pmaps[NPMAPS];         /* their addresses are the pmaps */
#define PMAP(i) ((struct pmap *)&pmaps[i])

struct model {
	struct vm_page page;
	struct { struct pmap *p; uint64_t va; } map[MAXMAP];
	size_t n;
};

static void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
}

static void model_insert(struct model *m, struct pmap *p, uint64_t va)
{
	ck_assert(pv_insert(&m->page, p, va));
	m->map[m->n].p = p;
	m->map[m->n].va = va;
	m->n++;
}

static void model_remove(struct model *m, size_t i)
{
	pv_remove(&m->page, m->map[i].p, m->map[i].va);
	m->map[i] = m->map[--m->n];
}

/* The list holds exactly the model's pairs, each once; the zone holds the extras. */
static void check(const struct model *m)
{
	bool seen[MAXMAP] = { false };
	size_t n = 0;
	for (const struct pv_entry *e = pv_first(&m->page); e; e = e->next, n++) {
		size_t i = 0;
		while (i < m->n && (m->map[i].p != e->pmap || m->map[i].va != e->va))
			i++;
		ck_assert_msg(i < m->n, "the list has a mapping never inserted (va %#lx)",
			      (unsigned long)e->va);
		ck_assert_msg(!seen[i], "mapping at va %#lx listed twice", (unsigned long)e->va);
		seen[i] = true;
	}
	ck_assert_uint_eq(n, m->n);
	ck_assert_uint_eq(pv_count(&m->page), m->n);
	ck_assert(pv_mapped(&m->page) == (m->n > 0));
	ck_assert_uint_eq(zone_in_use(), m->n ? m->n - 1 : 0);
	if (!m->n)
		ck_assert_ptr_null(m->page.pv.next);
}

/* ---- tests ---- */

START_TEST(test_empty)
{
	struct model m;
	model_init(&m);
	ck_assert_ptr_null(pv_first(&m.page));
	check(&m);
}
END_TEST

START_TEST(test_first_mapping_is_inline)
{
	struct model m;
	model_init(&m);
	model_insert(&m, PMAP(0), 0x1000);
	check(&m);
	ck_assert_ptr_eq(pv_first(&m.page), &m.page.pv);
	ck_assert_uint_eq(zone_in_use(), 0);
	model_remove(&m, 0);
	check(&m);
}
END_TEST

/* Same va in other pmaps, other vas in the same pmap: all distinct mappings. */
START_TEST(test_distinct_pairs)
{
	struct model m;
	model_init(&m);
	for (int p = 0; p < NPMAPS; p++)
		for (uint64_t va = 0x1000; va <= 0x3000; va += 0x1000) {
			model_insert(&m, PMAP(p), va);
			check(&m);
		}
	/* Remove (1, 0x2000), then the others one by one, checking each time. */
	for (size_t i = 0; i < m.n; i++)
		if (m.map[i].p == PMAP(1) && m.map[i].va == 0x2000) {
			model_remove(&m, i);
			break;
		}
	check(&m);
	while (m.n) {
		model_remove(&m, m.n / 2);
		check(&m);
	}
}
END_TEST

/* Removing the inline mapping while others remain: one of them moves in. */
START_TEST(test_remove_head_keeps_others)
{
	struct model m;
	model_init(&m);
	model_insert(&m, PMAP(0), 0x1000);
	model_insert(&m, PMAP(1), 0x1000);
	model_insert(&m, PMAP(2), 0x5000);
	ck_assert_ptr_eq(m.page.pv.pmap, PMAP(0));
	model_remove(&m, 0);
	check(&m);
	ck_assert_ptr_nonnull(m.page.pv.pmap);
	while (m.n) {
		model_remove(&m, 0);
		check(&m);
	}
}
END_TEST

/* Every order of removing 5 mappings (all 120), checked after each step. */
START_TEST(test_every_removal_order)
{
	int order[5] = { 0, 1, 2, 3, 4 };
	for (int perm = 0; perm < 120; perm++) {
		int k = perm, pool[5] = { 0, 1, 2, 3, 4 }, left = 5;
		for (int i = 0; i < 5; i++, left--) {     /* the perm-th permutation */
			int j = k % left;
			k /= left;
			order[i] = pool[j];
			pool[j] = pool[left - 1];
		}
		struct model m;
		model_init(&m);
		for (int i = 0; i < 5; i++)
			model_insert(&m, PMAP(i % NPMAPS), 0x10000 + (uint64_t)i * 0x1000);
		for (int i = 0; i < 5; i++) {
			uint64_t va = 0x10000 + (uint64_t)order[i] * 0x1000;
			size_t at = 0;
			while (m.map[at].va != va)
				at++;
			model_remove(&m, at);
			check(&m);
		}
	}
}
END_TEST

/* Random inserts and removes on a few pages; the zone ends empty. */
START_TEST(test_random)
{
	static struct model m[4];
	for (int i = 0; i < 4; i++)
		model_init(&m[i]);
	srand(7);
	for (int step = 0; step < 4000; step++) {
		struct model *x = &m[rand() % 4];
		if (x->n && (x->n == MAXMAP || rand() % 2)) {
			model_remove(x, (size_t)rand() % x->n);
		} else {
			/* A fresh va: a page appears once per (pmap, va). */
			model_insert(x, PMAP(rand() % NPMAPS), 0x100000 + (uint64_t)step * 0x1000);
		}
	}
	size_t extras = 0;
	for (int i = 0; i < 4; i++)
		extras += m[i].n ? m[i].n - 1 : 0;
	ck_assert_uint_eq(zone_in_use(), extras);
	for (int i = 0; i < 4; i++)
		while (m[i].n)
			model_remove(&m[i], 0);
	ck_assert_uint_eq(zone_in_use(), 0);
}
END_TEST

/* No memory for an extra entry: false, and the list is as it was. The first mapping
 * never needs memory. */
START_TEST(test_out_of_memory)
{
	struct model m;
	model_init(&m);
	source_dry = true;
	model_insert(&m, PMAP(0), 0x1000);
	ck_assert(!pv_insert(&m.page, PMAP(1), 0x1000));
	check(&m);
	source_dry = false;
	model_insert(&m, PMAP(1), 0x1000);
	check(&m);
	model_remove(&m, 0);
	model_remove(&m, 0);
	check(&m);
}
END_TEST

/* Entries freed to the zone are reused once its source is dry. */
START_TEST(test_reuse_when_dry)
{
	struct model m;
	model_init(&m);
	for (uint64_t va = 0x1000; va <= 0x8000; va += 0x1000)
		model_insert(&m, PMAP(0), va);
	while (m.n > 1)
		model_remove(&m, m.n - 1);
	source_dry = true;
	for (uint64_t va = 0x9000; va <= 0x10000; va += 0x1000)
		model_insert(&m, PMAP(1), va);
	check(&m);
}
END_TEST

START_TEST(test_remove_absent)
{
	struct model m;
	model_init(&m);
	model_insert(&m, PMAP(0), 0x1000);
	model_insert(&m, PMAP(1), 0x2000);
	kstub_expect_panic("is not mapped at 0x2000");
	pv_remove(&m.page, PMAP(0), 0x2000);
}
END_TEST

START_TEST(test_remove_from_empty)
{
	struct model m;
	model_init(&m);
	kstub_expect_panic("is not mapped at 0x1000");
	pv_remove(&m.page, PMAP(0), 0x1000);
}
END_TEST

static Suite *pv_suite(void)
{
	Suite *s = suite_create("pv");
	TCase *tc = tcase_create("lists");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_first_mapping_is_inline);
	tcase_add_test(tc, test_distinct_pairs);
	tcase_add_test(tc, test_remove_head_keeps_others);
	tcase_add_test(tc, test_every_removal_order);
	tcase_add_test(tc, test_random);
	tcase_add_test(tc, test_out_of_memory);
	tcase_add_test(tc, test_reuse_when_dry);
	suite_add_tcase(s, tc);

	tc = tcase_create("panics");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test_raise_signal(tc, test_remove_absent, SIGABRT);
	tcase_add_test_raise_signal(tc, test_remove_from_empty, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(pv_suite());
}
