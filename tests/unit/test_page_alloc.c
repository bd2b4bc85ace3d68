/*
 * test_page_alloc.c — host tests of the buddy page allocator (kernel/vm/page_alloc.c).
 *
 * The central check is shape(): from a bitmap of which frames should be free, it works
 * out the free blocks a correct buddy allocator must hold (the maximal naturally aligned
 * blocks, up to VM_PAGE_MAX_ORDER, whose frames are all free) and compares them with
 * the pool's free lists and statistics. Every test that releases, splits or coalesces
 * ends by calling it, so "back to the initial shape" is checked against an independent
 * model rather than against a snapshot of the allocator's own state.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vm/page_alloc.h>
#include "ktest.h"

#define PG 4096ull

/* ck_assert records its location through a system call each time it passes; the
 * model checks below run millions of times, so they only call into Check to fail. */
#define REQUIRE(cond, ...)                                                        \
	do {                                                                      \
		if (!(cond))                                                      \
			ck_abort_msg(__VA_ARGS__);                                \
	} while (0)

/* A pool with its vm_page array and the model of which frames are free. */
struct fixture {
	struct vm_page_pool pool;
	struct vm_page *pages;
	bool *free;        /* model: frame i of the span is free */
	bool *allocated;   /* shadow: frame i is inside a block handed out */
};

static void fx_init(struct fixture *f, uint64_t base_pa, size_t npages)
{
	f->pages = calloc(npages ? npages : 1, sizeof(*f->pages));
	f->free = calloc(npages ? npages : 1, sizeof(bool));
	f->allocated = calloc(npages ? npages : 1, sizeof(bool));
	ck_assert(f->pages && f->free && f->allocated);
	/* Garbage in the array must not matter: init sets every entry. */
	memset(f->pages, 0xa5, npages * sizeof(*f->pages));
	vm_page_pool_init(&f->pool, f->pages, base_pa, npages);
}

static void fx_fini(struct fixture *f)
{
	free(f->pages);
	free(f->free);
	free(f->allocated);
}

/* Releases [start, end) and updates the model with the whole pages inside the span. */
static size_t fx_release(struct fixture *f, uint64_t start, uint64_t end)
{
	size_t added = vm_page_release_range(&f->pool, start, end);
	for (size_t i = 0; i < f->pool.npages; i++) {
		uint64_t pa = (f->pool.base_pfn + i) * PG;
		if (pa >= start && pa + PG <= end && end > start)
			f->free[i] = true;
	}
	return added;
}

static size_t model_free_pages(const struct fixture *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->pool.npages; i++)
		n += f->free[i];
	return n;
}

/* Are frames [pfn, pfn + 2^order) all inside the span and free in the model? */
static bool model_block_free(const struct fixture *f, uint64_t pfn, unsigned order)
{
	uint64_t lo = f->pool.base_pfn, hi = lo + f->pool.npages;
	uint64_t n = 1ull << order;
	if (pfn < lo || pfn + n > hi)
		return false;
	for (uint64_t i = 0; i < n; i++)
		if (!f->free[pfn - lo + i])
			return false;
	return true;
}

/* Compares the pool's free lists with the model (see the comment at the top). */
static void shape(const struct fixture *f)
{
	const struct vm_page_pool *pool = &f->pool;
	size_t expect[VM_PAGE_MAX_ORDER + 1] = { 0 };
	uint64_t lo = pool->base_pfn, hi = lo + pool->npages;

	for (unsigned k = 0; k <= VM_PAGE_MAX_ORDER; k++) {
		uint64_t n = 1ull << k;
		for (uint64_t pfn = (lo + n - 1) & ~(n - 1); pfn + n <= hi; pfn += n) {
			if (!model_block_free(f, pfn, k))
				continue;
			if (k < VM_PAGE_MAX_ORDER && model_block_free(f, pfn & ~(2 * n - 1), k + 1))
				continue;    /* part of a larger free block */
			expect[k]++;
		}
	}

	struct vm_page_pool_stats st;
	vm_page_pool_stats(pool, &st);
	REQUIRE(st.free == model_free_pages(f), "%zu pages free, expected %zu", st.free,
		model_free_pages(f));
	size_t in_lists = 0;
	for (unsigned k = 0; k <= VM_PAGE_MAX_ORDER; k++) {
		REQUIRE(st.free_blocks[k] == expect[k], "order %u: %zu free blocks, expected %zu",
			k, st.free_blocks[k], expect[k]);
		size_t count = 0;
		const struct vm_page *prev = NULL;
		for (const struct vm_page *p = pool->free_list[k]; p; prev = p, p = p->next) {
			REQUIRE(p >= pool->pages && p < pool->pages + pool->npages,
				"order %u: free list leaves the pool", k);
			uint64_t pfn = lo + (uint64_t)(p - pool->pages);
			REQUIRE(p->prev == prev, "free block %#lx: bad prev link", (unsigned long)pfn);
			REQUIRE(p->state == VM_PAGE_FREE && p->order == k, "free block %#lx on list "
				"%u has state %u order %u", (unsigned long)pfn, k, p->state, p->order);
			REQUIRE((pfn & ((1ull << k) - 1)) == 0, "free block %#lx of order %u is not "
				"aligned", (unsigned long)pfn, k);
			REQUIRE(model_block_free(f, pfn, k), "free block %#lx of order %u holds frames "
				"that should not be free", (unsigned long)pfn, k);
			for (uint64_t i = 1; i < (1ull << k); i++)
				REQUIRE(p[i].state == VM_PAGE_TAIL, "frame %#lx inside a free block is "
					"not TAIL", (unsigned long)(pfn + i));
			REQUIRE(++count <= pool->npages, "order %u: free list has a cycle", k);
		}
		REQUIRE(count == expect[k], "order %u: %zu blocks on the list, expected %zu", k,
			count, expect[k]);
		in_lists += count << k;
	}
	REQUIRE(in_lists == st.free, "%zu pages on the lists, stats say %zu", in_lists, st.free);
}

/* Allocates a block and checks it against the model: aligned, inside the span, made of
 * free frames only. The model marks its frames allocated. */
static struct vm_page *fx_alloc(struct fixture *f, unsigned order)
{
	struct vm_page *p = vm_page_alloc(&f->pool, order);
	if (!p)
		return NULL;
	size_t idx = (size_t)(p - f->pages);
	uint64_t pa = vm_page_to_phys(&f->pool, p);
	REQUIRE(idx < f->pool.npages && idx + (1ul << order) <= f->pool.npages,
		"block at index %zu of order %u is outside the pool", idx, order);
	REQUIRE((pa & ((PG << order) - 1)) == 0, "block %#lx of order %u misaligned",
		(unsigned long)pa, order);
	REQUIRE(p->state == VM_PAGE_ALLOCATED && p->order == order,
		"allocated block %#lx has state %u order %u", (unsigned long)pa, p->state,
		p->order);
	for (size_t i = 0; i < (1ul << order); i++) {
		REQUIRE(f->free[idx + i] && !f->allocated[idx + i],
			"frame %#lx handed out but not free", (unsigned long)(pa / PG + i));
		f->free[idx + i] = false;
		f->allocated[idx + i] = true;
	}
	return p;
}

static void fx_free(struct fixture *f, struct vm_page *p, unsigned order)
{
	size_t idx = (size_t)(p - f->pages);
	vm_page_free(&f->pool, p, order);
	for (size_t i = 0; i < (1ul << order); i++) {
		f->free[idx + i] = true;
		f->allocated[idx + i] = false;
	}
}

/* ---- init and release ---- */

START_TEST(test_init_empty)
{
	struct fixture f;
	fx_init(&f, 0x100000, 64);
	for (size_t i = 0; i < 64; i++)
		ck_assert_uint_eq(f.pages[i].state, VM_PAGE_RESERVED);
	ck_assert_uint_eq(f.pool.base_pfn, 0x100);
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.managed, 0);
	ck_assert_uint_eq(st.free, 0);
	ck_assert_ptr_null(vm_page_alloc(&f.pool, 0));
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.failures, 1);
	ck_assert_uint_eq(st.allocs, 0);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_release_max_order)
{
	struct fixture f;
	fx_init(&f, 0, 4 << VM_PAGE_MAX_ORDER);
	ck_assert_uint_eq(fx_release(&f, 0, (4ull << VM_PAGE_MAX_ORDER) * PG),
			  4 << VM_PAGE_MAX_ORDER);
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.free_blocks[VM_PAGE_MAX_ORDER], 4);
	ck_assert_uint_eq(st.managed, 4 << VM_PAGE_MAX_ORDER);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_release_unaligned_bytes)
{
	struct fixture f;
	fx_init(&f, 0, 64);
	/* Whole pages inside [0x1800, 0x5800) are frames 2, 3 and 4. */
	ck_assert_uint_eq(fx_release(&f, 0x1800, 0x5800), 3);
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.free_blocks[1], 1);
	ck_assert_uint_eq(st.free_blocks[0], 1);
	ck_assert_uint_eq(f.pages[1].state, VM_PAGE_RESERVED);
	ck_assert_uint_eq(f.pages[5].state, VM_PAGE_RESERVED);
	/* Less than a page, or a page's tail and the next one's head: nothing. */
	ck_assert_uint_eq(fx_release(&f, 0x8001, 0x8fff), 0);
	ck_assert_uint_eq(fx_release(&f, 0x9800, 0xa800), 0);
	/* Empty and inverted ranges. */
	ck_assert_uint_eq(fx_release(&f, 0xc000, 0xc000), 0);
	ck_assert_uint_eq(fx_release(&f, 0xe000, 0xc000), 0);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_release_unaligned_frames)
{
	/* Frames 3..1000: blocks must follow physical alignment, not the range's start. */
	struct fixture f;
	fx_init(&f, 0, 1024);
	ck_assert_uint_eq(fx_release(&f, 3 * PG, 1001 * PG), 998);
	shape(&f);
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.free_blocks[0], 2);   /* frames 3 and 1000 */
	ck_assert_uint_eq(st.free_blocks[8], 2);   /* 256..511 and 512..767 */
	ck_assert_uint_eq(st.free_blocks[9], 0);   /* 512..1023 is cut at 1001 */
	/* The rest of the span joins the existing blocks into one of order 10. */
	ck_assert_uint_eq(fx_release(&f, 0, 3 * PG), 3);
	ck_assert_uint_eq(fx_release(&f, 1001 * PG, 1024 * PG), 23);
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.free_blocks[VM_PAGE_MAX_ORDER], 1);
	ck_assert_uint_eq(st.free, 1024);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_release_outside_span)
{
	/* Span: frames 0x101..0x200 (base not aligned to anything but a page). */
	struct fixture f;
	fx_init(&f, 0x101000, 255);
	ck_assert_uint_eq(fx_release(&f, 0, 0x100000), 0);            /* below */
	ck_assert_uint_eq(fx_release(&f, 0x200000, 0x400000), 0);     /* just above */
	ck_assert_uint_eq(fx_release(&f, 0x0, 0x101000), 0);          /* ends at base */
	ck_assert_uint_eq(fx_release(&f, 0xf0000, 0x110000), 15);     /* straddles base */
	ck_assert_uint_eq(fx_release(&f, 0x1f0000, 0x300000), 16);    /* straddles top */
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_release_top_of_address_space)
{
	/* Ranges at the very top of the 64-bit space are outside any pool; rounding their
	 * start up to a page must not wrap to 0 and release the bottom of memory. */
	struct fixture f;
	fx_init(&f, 0, 256);
	ck_assert_uint_eq(fx_release(&f, UINT64_MAX - 0x7ff, UINT64_MAX), 0);
	ck_assert_uint_eq(fx_release(&f, UINT64_MAX - PG + 2, UINT64_MAX), 0);
	ck_assert_uint_eq(fx_release(&f, UINT64_MAX - 16 * PG, UINT64_MAX), 0);
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.managed, 0);
	ck_assert_uint_eq(f.pages[0].state, VM_PAGE_RESERVED);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_release_several_ranges)
{
	/* Holes of every size between released ranges; merging across range ends. */
	struct fixture f;
	fx_init(&f, 0x7000, 3000);
	uint64_t base = 0x7000;
	size_t total = 0;
	total += fx_release(&f, base + 0 * PG, base + 100 * PG);
	total += fx_release(&f, base + 101 * PG, base + 517 * PG + 5);
	total += fx_release(&f, base + 517 * PG + 5, base + 1500 * PG);  /* 518.. */
	total += fx_release(&f, base + 517 * PG, base + 518 * PG - 1);   /* nothing */
	total += fx_release(&f, base + 1600 * PG, base + 5000 * PG);
	ck_assert_uint_eq(total, model_free_pages(&f));
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.managed, total);
	shape(&f);
	fx_fini(&f);
}
END_TEST

/* ---- alloc, free, split, coalesce ---- */

START_TEST(test_alloc_each_order)
{
	unsigned order = (unsigned)_i;
	struct fixture f;
	fx_init(&f, 0, 2 << VM_PAGE_MAX_ORDER);
	fx_release(&f, 0, (2ull << VM_PAGE_MAX_ORDER) * PG);
	struct vm_page *p = fx_alloc(&f, order);
	ck_assert_ptr_nonnull(p);
	for (size_t i = 1; i < (1ul << order); i++)
		ck_assert_uint_eq(p[i].state, VM_PAGE_TAIL);
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.free, (2ul << VM_PAGE_MAX_ORDER) - (1ul << order));
	ck_assert_uint_eq(st.allocs, 1);
	/* Splitting left one free block of each order between `order` and the top. */
	for (unsigned k = order; k < VM_PAGE_MAX_ORDER; k++)
		ck_assert_uint_eq(st.free_blocks[k], 1);
	ck_assert_uint_eq(st.free_blocks[VM_PAGE_MAX_ORDER], 1);   /* the other block */
	shape(&f);
	fx_free(&f, p, order);
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.frees, 1);
	ck_assert_uint_eq(st.free_blocks[VM_PAGE_MAX_ORDER], 2);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_alloc_bad_order)
{
	struct fixture f;
	fx_init(&f, 0, 1 << VM_PAGE_MAX_ORDER);
	fx_release(&f, 0, (1ull << VM_PAGE_MAX_ORDER) * PG);
	ck_assert_ptr_null(vm_page_alloc(&f.pool, VM_PAGE_MAX_ORDER + 1));
	ck_assert_ptr_null(vm_page_alloc(&f.pool, 64));
	ck_assert_ptr_null(vm_page_alloc(&f.pool, UINT32_MAX));
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.failures, 3);
	ck_assert_uint_eq(st.allocs, 0);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_split_and_coalesce_all_orders)
{
	/* Take every page of an order-10 block one at a time, then give them back in a
	 * scrambled order: the pool must end as one order-10 block again. */
	enum { N = 1 << VM_PAGE_MAX_ORDER };
	struct fixture f;
	static struct vm_page *got[N];
	fx_init(&f, 0x40000000, N);
	fx_release(&f, 0x40000000, 0x40000000 + N * PG);
	for (size_t i = 0; i < N; i++) {
		got[i] = fx_alloc(&f, 0);
		ck_assert_ptr_nonnull(got[i]);
		if (i % 97 == 0)
			shape(&f);
	}
	ck_assert_ptr_null(vm_page_alloc(&f.pool, 0));
	for (size_t i = 0; i < N; i++) {
		size_t j = (i * 389) % N;     /* 389 is odd: a permutation of 0..N-1 */
		fx_free(&f, got[j], 0);
		if (i % 101 == 0)
			shape(&f);
	}
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.free_blocks[VM_PAGE_MAX_ORDER], 1);
	ck_assert_uint_eq(st.allocs, N);
	ck_assert_uint_eq(st.frees, N);
	ck_assert_uint_eq(st.failures, 1);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_mixed_orders_alignment)
{
	/* Every order, many times, from a pool whose span starts at an odd frame. */
	struct fixture f;
	fx_init(&f, 0x3000, 9000);
	fx_release(&f, 0x3000, 0x3000 + 9000 * PG);
	struct vm_page *held[64];
	unsigned orders[64];
	size_t n = 0;
	for (unsigned round = 0; round < 4; round++)
		for (unsigned k = 0; k <= VM_PAGE_MAX_ORDER && n < 64; k++) {
			struct vm_page *p = fx_alloc(&f, k);
			if (p) {
				held[n] = p;
				orders[n++] = k;
			}
		}
	shape(&f);
	for (size_t i = 0; i < n; i += 2)
		fx_free(&f, held[i], orders[i]);
	shape(&f);
	for (size_t i = 1; i < n; i += 2)
		fx_free(&f, held[i], orders[i]);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_exhaustion)
{
	struct fixture f;
	fx_init(&f, 0, 16);
	fx_release(&f, 0, 16 * PG);
	struct vm_page *a = fx_alloc(&f, 3), *b = fx_alloc(&f, 2), *c = fx_alloc(&f, 2);
	ck_assert(a && b && c);
	ck_assert_ptr_null(vm_page_alloc(&f.pool, 0));
	ck_assert_ptr_null(vm_page_alloc(&f.pool, 4));
	fx_free(&f, b, 2);
	/* Four pages free, but not eight together. */
	ck_assert_ptr_null(vm_page_alloc(&f.pool, 3));
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.failures, 3);
	ck_assert_uint_eq(st.allocs, 3);
	ck_assert_uint_eq(st.frees, 1);
	ck_assert_uint_eq(st.free, 4);
	ck_assert_uint_eq(st.managed, 16);
	shape(&f);
	fx_free(&f, a, 3);
	fx_free(&f, c, 2);
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.free_blocks[4], 1);
	ck_assert_uint_eq(st.managed, 16);
	shape(&f);
	fx_fini(&f);
}
END_TEST

START_TEST(test_phys_round_trip)
{
	struct fixture f;
	uint64_t base = 0x123456000ull;
	fx_init(&f, base, 300);
	for (size_t i = 0; i < 300; i++) {
		uint64_t pa = vm_page_to_phys(&f.pool, &f.pages[i]);
		ck_assert_uint_eq(pa, base + i * PG);
		ck_assert_ptr_eq(vm_page_from_phys(&f.pool, pa), &f.pages[i]);
		ck_assert_ptr_eq(vm_page_from_phys(&f.pool, pa + PG - 1), &f.pages[i]);
		ck_assert_ptr_eq(vm_page_from_phys(&f.pool, pa + 0x123), &f.pages[i]);
	}
	ck_assert_ptr_null(vm_page_from_phys(&f.pool, base - 1));
	ck_assert_ptr_null(vm_page_from_phys(&f.pool, base - PG));
	ck_assert_ptr_null(vm_page_from_phys(&f.pool, 0));
	ck_assert_ptr_null(vm_page_from_phys(&f.pool, base + 300 * PG));
	ck_assert_ptr_null(vm_page_from_phys(&f.pool, UINT64_MAX));
	ck_assert_ptr_null(vm_page_from_phys(&f.pool, 1ull << 63));
	fx_fini(&f);
}
END_TEST

/* ---- stress against the shadow bitmap ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64: deterministic, so a failure reproduces with the same seed. */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

START_TEST(test_random_stress)
{
	enum { NPAGES = 5000, MAXHELD = 700, STEPS = 60000 };
	static struct vm_page *held[MAXHELD];
	static unsigned held_order[MAXHELD];
	size_t nheld = 0;
	struct fixture f;
	uint64_t base = 0x1000ull * 77;   /* odd frame number */

	rng_state = 0x9e3779b97f4a7c15ull + (uint64_t)_i;
	fx_init(&f, base, NPAGES);
	/* A span with holes, like a real memory map. */
	fx_release(&f, base, base + 640 * PG);
	fx_release(&f, base + 700 * PG + 17, base + 3001 * PG);
	fx_release(&f, base + 3100 * PG, base + NPAGES * PG);
	shape(&f);

	size_t allocs = 0, frees = 0, failures = 0;
	for (int step = 0; step < STEPS; step++) {
		uint64_t r = rng();
		bool do_alloc = nheld == 0 || (nheld < MAXHELD && (r & 1));
		if (do_alloc) {
			/* Small orders are the common case, large ones rare. */
			unsigned order = (unsigned)((r >> 8) % 16);
			order = order < 8 ? 0 : order < 11 ? 1 : order < 13 ? 2 : order - 10;
			if (((r >> 20) & 63) == 0)
				order = VM_PAGE_MAX_ORDER;
			struct vm_page *p = fx_alloc(&f, order);
			if (p) {
				held[nheld] = p;
				held_order[nheld++] = order;
				allocs++;
			} else {
				/* NULL only when no free block is big enough. */
				bool any = false;
				for (unsigned k = order; k <= VM_PAGE_MAX_ORDER; k++)
					any |= f.pool.free_list[k] != NULL;
				ck_assert(!any);
				failures++;
			}
		} else {
			size_t i = (size_t)((r >> 8) % nheld);
			fx_free(&f, held[i], held_order[i]);
			held[i] = held[--nheld];
			held_order[i] = held_order[nheld];
			frees++;
		}
		if (step % 5000 == 0)
			shape(&f);
	}
	while (nheld) {
		nheld--;
		fx_free(&f, held[nheld], held_order[nheld]);
		frees++;
	}
	struct vm_page_pool_stats st;
	vm_page_pool_stats(&f.pool, &st);
	ck_assert_uint_eq(st.allocs, allocs);
	ck_assert_uint_eq(st.frees, frees);
	ck_assert_uint_eq(st.failures, failures);
	ck_assert_uint_eq(st.free, st.managed);
	shape(&f);    /* exactly the shape right after release */
	fx_fini(&f);
}
END_TEST

/* ---- kernel bugs that must panic ---- */

static struct fixture pf;

static void panic_setup(void)
{
	fx_init(&pf, 0, 64);
	fx_release(&pf, 0, 64 * PG);
}

START_TEST(test_double_free)
{
	struct vm_page *p = fx_alloc(&pf, 0);
	struct vm_page *q = fx_alloc(&pf, 0);   /* keeps p's buddy away: no merge */
	(void)q;
	vm_page_free(&pf.pool, p, 0);
	kstub_expect_panic("not an allocated block");
	vm_page_free(&pf.pool, p, 0);
}
END_TEST

START_TEST(test_double_free_after_merge)
{
	/* After the free, p's frame is a tail inside a merged block. */
	struct vm_page *p = fx_alloc(&pf, 0);
	vm_page_free(&pf.pool, p, 0);
	kstub_expect_panic("not an allocated block");
	vm_page_free(&pf.pool, p, 0);
}
END_TEST

START_TEST(test_free_wrong_order_smaller)
{
	struct vm_page *p = fx_alloc(&pf, 2);
	kstub_expect_panic("not an allocated block of order 1");
	vm_page_free(&pf.pool, p, 1);
}
END_TEST

START_TEST(test_free_wrong_order_larger)
{
	struct vm_page *p = fx_alloc(&pf, 2);
	kstub_expect_panic("not an allocated block of order 3");
	vm_page_free(&pf.pool, p, 3);
}
END_TEST

START_TEST(test_free_tail_page)
{
	struct vm_page *p = fx_alloc(&pf, 2);
	kstub_expect_panic("not an allocated block");
	vm_page_free(&pf.pool, p + 1, 0);
}
END_TEST

START_TEST(test_free_never_allocated)
{
	struct fixture f;
	fx_init(&f, 0, 8);
	kstub_expect_panic("not an allocated block");
	vm_page_free(&f.pool, &f.pages[3], 0);     /* RESERVED */
}
END_TEST

START_TEST(test_free_foreign_page)
{
	struct vm_page stray = { .state = VM_PAGE_ALLOCATED, .order = 0 };
	kstub_expect_panic("is not a page of this pool");
	vm_page_free(&pf.pool, &stray, 0);
}
END_TEST

START_TEST(test_free_one_past_the_end)
{
	kstub_expect_panic("is not a page of this pool");
	vm_page_free(&pf.pool, pf.pages + pf.pool.npages, 0);
}
END_TEST

START_TEST(test_free_other_pool)
{
	/* A block from pool B handed back to pool A. */
	struct fixture b;
	fx_init(&b, 0x800000, 16);
	fx_release(&b, 0x800000, 0x810000);
	struct vm_page *p = fx_alloc(&b, 0);
	kstub_expect_panic("is not a page of this pool");
	vm_page_free(&pf.pool, p, 0);
}
END_TEST

START_TEST(test_release_twice)
{
	kstub_expect_panic("released twice");
	vm_page_release_range(&pf.pool, 10 * PG, 11 * PG);
}
END_TEST

START_TEST(test_release_overlapping_allocated)
{
	struct fixture f;
	fx_init(&f, 0, 64);
	fx_release(&f, 0, 8 * PG);
	ck_assert_ptr_nonnull(fx_alloc(&f, 3));
	kstub_expect_panic("released twice");
	vm_page_release_range(&f.pool, 4 * PG, 16 * PG);
}
END_TEST

/* A page some pmap still maps (its pv list names a mapping) must not go back. */
START_TEST(test_free_mapped_page)
{
	struct vm_page *p = fx_alloc(&pf, 0);
	p->pv.pmap = (struct pmap *)&pf;        /* only compared with NULL */
	p->pv.va = 0x5000;
	kstub_expect_panic("still mapped at 0x5000");
	vm_page_free(&pf.pool, p, 0);
}
END_TEST

START_TEST(test_free_block_with_mapped_page)
{
	struct vm_page *p = fx_alloc(&pf, 2);
	p[3].pv.pmap = (struct pmap *)&pf;
	p[3].pv.va = 0x7000;
	kstub_expect_panic("still mapped at 0x7000");
	vm_page_free(&pf.pool, p, 2);
}
END_TEST

/* Once its mapping is gone (as pv_remove leaves the page), the page goes back. */
START_TEST(test_free_after_unmap)
{
	struct vm_page *p = fx_alloc(&pf, 0);
	size_t before = pf.pool.stats.free;
	p->pv.pmap = (struct pmap *)&pf;
	p->pv.va = 0x5000;
	p->pv = (struct pv_entry){ 0 };
	vm_page_free(&pf.pool, p, 0);
	ck_assert_uint_eq(pf.pool.stats.free, before + 1);
}
END_TEST

static Suite *page_alloc_suite(void)
{
	Suite *s = suite_create("page_alloc");
	TCase *tc = tcase_create("release");
	tcase_add_test(tc, test_init_empty);
	tcase_add_test(tc, test_release_max_order);
	tcase_add_test(tc, test_release_unaligned_bytes);
	tcase_add_test(tc, test_release_unaligned_frames);
	tcase_add_test(tc, test_release_outside_span);
	tcase_add_test(tc, test_release_top_of_address_space);
	tcase_add_test(tc, test_release_several_ranges);
	suite_add_tcase(s, tc);

	tc = tcase_create("alloc");
	tcase_add_loop_test(tc, test_alloc_each_order, 0, VM_PAGE_MAX_ORDER + 1);
	tcase_add_test(tc, test_alloc_bad_order);
	tcase_add_test(tc, test_split_and_coalesce_all_orders);
	tcase_add_test(tc, test_mixed_orders_alignment);
	tcase_add_test(tc, test_exhaustion);
	tcase_add_test(tc, test_phys_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("mapped");
	tcase_add_checked_fixture(tc, panic_setup, NULL);
	tcase_add_test_raise_signal(tc, test_free_mapped_page, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_block_with_mapped_page, SIGABRT);
	tcase_add_test(tc, test_free_after_unmap);
	suite_add_tcase(s, tc);

	tc = tcase_create("stress");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_random_stress, 0, 3);
	suite_add_tcase(s, tc);

	tc = tcase_create("panics");
	tcase_add_checked_fixture(tc, panic_setup, NULL);
	tcase_add_test_raise_signal(tc, test_double_free, SIGABRT);
	tcase_add_test_raise_signal(tc, test_double_free_after_merge, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_wrong_order_smaller, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_wrong_order_larger, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_tail_page, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_never_allocated, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_foreign_page, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_one_past_the_end, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_other_pool, SIGABRT);
	tcase_add_test_raise_signal(tc, test_release_twice, SIGABRT);
	tcase_add_test_raise_signal(tc, test_release_overlapping_allocated, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(page_alloc_suite());
}
