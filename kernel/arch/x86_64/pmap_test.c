/*
 * pmap_test.c — the pmap's self-test, run at boot with the kernel option test_pmap
 * (tests/guest/boot/pmap_selftest.case). Entry point: pmap_self_test.
 *
 * It checks what only real page tables can show: one page mapped in two pmaps and
 * acted on through its pv list (pmap_page_protect, pmap_is_modified, ...), with the
 * accessed and dirty bits set by the CPU itself as the test touches the pages through
 * their user addresses (the kernel may: no SMAP); a frame replaced at a va; a pmap
 * collected or destroyed with mappings left; and pmap_enter failing for want of a pv
 * entry, which must leave the old mapping as it was. It runs before the first task,
 * owns every page and pmap it makes, and gives them all back.
 */
#include <arch/x86_64/pmap.h>
#include <arch/x86_64/layout.h>
#include <vm/page_alloc.h>
#include <vm/pv.h>
#include <kern/zalloc.h>
#include <kern/console.h>
#include <kern/string.h>
#include <kern/panic.h>

#define VA1 0x10000000ull
#define VA2 0x20000000ull
#define VA3 0x10001000ull
#define RUN 0x30000000ull          /* a leaf table's worth of vas: 512 pages */

static int checks, failures;

static void check(bool ok, const char *what, int line)
{
	checks++;
	if (!ok) {
		failures++;
		kprintf("pmap: self-test: FAIL line %d: %s\n", line, what);
	}
}
#define CHECK(c) check((c), #c, __LINE__)

static uint64_t pa_of(const struct vm_page *pg)
{
	return vm_page_to_phys(&kernel_page_pool, pg);
}

static size_t pv_entries_in_use(void)
{
	for (struct zone *z = zone_first(); z; z = zone_next(z))
		if (strcmp(z->name, "pv_entry") == 0)
			return z->stats.in_use;
	return 0;
}

/* A write (or read) of the byte at va through p's tables, as p's task would do it. */
static void touch(struct pmap *p, uint64_t va, bool write)
{
	pmap_activate(p);
	if (write)
		*(volatile uint8_t *)va = 1;
	else
		(void)*(volatile uint8_t *)va;
}

/* Page a in p1 and p2: its A and D bits as the CPU sets them, and cleared. */
static void check_bits(struct pmap *p1, struct pmap *p2, struct vm_page *a)
{
	CHECK(!pmap_is_modified(a) && !pmap_is_referenced(a));
	touch(p2, VA2, false);
	CHECK(pmap_is_referenced(a) && !pmap_is_modified(a));
	touch(p1, VA1, true);
	CHECK(pmap_is_modified(a));
	/* Cleared while p1 is loaded: its TLB entry must go, or the CPU would not set
	 * the dirty bit again on the next write. */
	pmap_clear_modify(a);
	CHECK(!pmap_is_modified(a));
	touch(p1, VA1, true);
	CHECK(pmap_is_modified(a));
	pmap_clear_reference(a);
	CHECK(!pmap_is_referenced(a));
	touch(p2, VA2, false);
	CHECK(pmap_is_referenced(a));
	pmap_activate_kernel();
}

/* pmap_page_protect: read-only everywhere, then gone everywhere; b is left alone. */
static void check_protect(struct pmap *p1, struct pmap *p2, struct vm_page *a,
			  struct vm_page *b)
{
	pmap_page_protect(a, PMAP_READ);
	CHECK(!pmap_writable(p1, VA1) && !pmap_writable(p2, VA2));
	CHECK(pmap_extract(p1, VA1) == pa_of(a) && pv_count(a) == 2);
	CHECK(pmap_is_modified(a));                 /* the bit moved to the page */
	pmap_page_protect(a, PMAP_ALL);
	CHECK(!pmap_writable(p1, VA1) && pv_count(a) == 2);
	pmap_page_protect(a, PMAP_WRITE);           /* not expressible: removed */
	CHECK(pmap_extract(p1, VA1) == 0 && pmap_extract(p2, VA2) == 0);
	CHECK(pv_count(a) == 0 && p1->resident == 1 && p2->resident == 0);
	CHECK(pmap_is_modified(a) && pmap_is_referenced(a));
	CHECK(pmap_extract(p1, VA3) == pa_of(b) && pmap_writable(p1, VA3));
}

/* Another frame entered at a mapped va takes the pv entry over; collect and destroy
 * end whatever mappings are left. */
static void check_replace_and_teardown(struct pmap *p1, struct pmap *p2,
				       struct vm_page *a, struct vm_page *b)
{
	CHECK(pmap_enter(p1, VA1, pa_of(a), PMAP_READ) == 0 && pv_count(a) == 1);
	CHECK(pmap_enter(p1, VA1, pa_of(b), PMAP_READ) == 0);
	CHECK(pv_count(a) == 0 && pv_count(b) == 2 && p1->resident == 2);
	pmap_remove(p1, VA1, VA1 + PAGE_SIZE);
	CHECK(pv_count(b) == 1 && p1->resident == 1);
	CHECK(pmap_enter(p2, VA2, pa_of(a), PMAP_READ | PMAP_WRITE) == 0);
	pmap_collect(p2);
	CHECK(pv_count(a) == 0 && p2->resident == 0 && pmap_extract(p2, VA2) == 0);
}

/* Takes every free page of the pool; returns them linked through `next`. */
static struct vm_page *take_all_pages(void)
{
	struct vm_page *list = NULL, *pg;
	while ((pg = vm_page_alloc(&kernel_page_pool, 0))) {
		pg->next = list;
		list = pg;
	}
	return list;
}

static void give_back(struct vm_page *list)
{
	while (list) {
		struct vm_page *next = list->next;
		vm_page_free(&kernel_page_pool, list, 0);
		list = next;
	}
}

/* With no page left for the pv zone, mapping a again fails at some point; the failing
 * pmap_enter over b's mapping leaves b mapped and both lists as they were. */
static void check_out_of_pv_entries(struct pmap *p, struct vm_page *a, struct vm_page *b)
{
	CHECK(pmap_enter(p, RUN, pa_of(b), PMAP_READ) == 0);    /* the leaf table */
	struct vm_page *held = take_all_pages();
	uint64_t n = 1;
	while (n < 512 && pmap_enter(p, RUN + n * PAGE_SIZE, pa_of(a), PMAP_READ) == 0)
		n++;
	CHECK(n > 2 && n < 512);
	size_t a_maps = pv_count(a), b_maps = pv_count(b);
	CHECK(a_maps == n - 1);
	CHECK(pmap_enter(p, RUN, pa_of(a), PMAP_READ) == -1);
	CHECK(pmap_extract(p, RUN) == pa_of(b));
	CHECK(pv_count(a) == a_maps && pv_count(b) == b_maps);
	give_back(held);
	pmap_remove(p, RUN, RUN + 512 * PAGE_SIZE);
	CHECK(pv_count(a) == 0 && pv_count(b) == b_maps - 1);
}

void pmap_self_test(void)
{
	size_t pv_before = pv_entries_in_use();
	struct pmap p1, p2;
	struct vm_page *a = vm_page_alloc(&kernel_page_pool, 0);
	struct vm_page *b = vm_page_alloc(&kernel_page_pool, 0);
	if (!a || !b || pmap_create(&p1) || pmap_create(&p2))
		panic("pmap: self-test: no memory to start");
	a->flags = b->flags = 0;
	CHECK(!pv_mapped(a));
	CHECK(pmap_enter(&p1, VA1, pa_of(a), PMAP_READ | PMAP_WRITE) == 0);
	CHECK(pmap_enter(&p2, VA2, pa_of(a), PMAP_READ | PMAP_WRITE) == 0);
	CHECK(pmap_enter(&p1, VA3, pa_of(b), PMAP_READ | PMAP_WRITE) == 0);
	CHECK(pv_count(a) == 2 && pv_count(b) == 1 && pv_entries_in_use() == pv_before + 1);
	check_bits(&p1, &p2, a);
	check_protect(&p1, &p2, a, b);
	check_replace_and_teardown(&p1, &p2, a, b);
	check_out_of_pv_entries(&p1, a, b);
	pmap_destroy(&p1);                          /* b is still mapped at VA3 */
	pmap_destroy(&p2);
	CHECK(pv_count(b) == 0 && pv_entries_in_use() == pv_before);
	vm_page_free(&kernel_page_pool, a, 0);      /* panics if either is still mapped */
	vm_page_free(&kernel_page_pool, b, 0);
	kprintf("pmap: self-test: %d checks, %d failed\n", checks, failures);
}
