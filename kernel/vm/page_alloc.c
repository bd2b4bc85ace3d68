/*
 * page_alloc.c — binary buddy allocator over page frames (see page_alloc.h).
 *
 * Invariants: a free block of order k starts at a frame number that is a multiple of
 * 2^k; its head page is FREE with order k and sits on free_list[k]; its other pages are
 * TAIL. Two free buddies of the same order are always merged, so no free block has a
 * free buddy of its own order. No page of a free block is mapped by a pmap (its pv list
 * is empty), so an allocated page starts unmapped.
 */
#include <vm/page_alloc.h>
#include <kern/panic.h>

struct vm_page_pool kernel_page_pool;

static size_t page_index(const struct vm_page_pool *pool, const struct vm_page *p)
{
	return (size_t)(p - pool->pages);
}

static void list_push(struct vm_page_pool *pool, struct vm_page *p, unsigned order)
{
	p->state = VM_PAGE_FREE;
	p->order = (uint8_t)order;
	p->prev = NULL;
	p->next = pool->free_list[order];
	if (p->next)
		p->next->prev = p;
	pool->free_list[order] = p;
	pool->stats.free_blocks[order]++;
}

static void list_remove(struct vm_page_pool *pool, struct vm_page *p)
{
	unsigned order = p->order;
	if (p->prev)
		p->prev->next = p->next;
	else
		pool->free_list[order] = p->next;
	if (p->next)
		p->next->prev = p->prev;
	p->next = p->prev = NULL;
	pool->stats.free_blocks[order]--;
}

void vm_page_pool_init(struct vm_page_pool *pool, struct vm_page *pages,
		       uint64_t base_pa, size_t npages)
{
	*pool = (struct vm_page_pool){ .pages = pages, .npages = npages,
				       .base_pfn = base_pa >> VM_PAGE_SHIFT };
	for (size_t i = 0; i < npages; i++)
		pages[i] = (struct vm_page){ .state = VM_PAGE_RESERVED };
}

/* Inserts the block at index idx of `order`, merging with free buddies upwards. */
static void free_block(struct vm_page_pool *pool, size_t idx, unsigned order)
{
	while (order < VM_PAGE_MAX_ORDER) {
		uint64_t pfn = pool->base_pfn + idx;
		uint64_t buddy_pfn = pfn ^ (1ull << order);
		if (buddy_pfn < pool->base_pfn || buddy_pfn - pool->base_pfn >= pool->npages)
			break;
		struct vm_page *buddy = &pool->pages[buddy_pfn - pool->base_pfn];
		if (buddy->state != VM_PAGE_FREE || buddy->order != order)
			break;
		list_remove(pool, buddy);
		buddy->state = VM_PAGE_TAIL;
		pool->pages[idx].state = VM_PAGE_TAIL;
		idx = (size_t)((pfn & buddy_pfn) - pool->base_pfn);  /* the lower of the two */
		order++;
	}
	list_push(pool, &pool->pages[idx], order);
}

size_t vm_page_release_range(struct vm_page_pool *pool, uint64_t start, uint64_t end)
{
	/* Round start up without computing start + 4095, which wraps to 0 for a range at
	 * the top of the address space and would release the bottom of memory. */
	uint64_t first = (start >> VM_PAGE_SHIFT) + ((start & ((1u << VM_PAGE_SHIFT) - 1)) != 0);
	uint64_t last = end >> VM_PAGE_SHIFT;          /* exclusive */
	uint64_t lo = pool->base_pfn, hi = pool->base_pfn + pool->npages;
	if (first < lo)
		first = lo;
	if (last > hi)
		last = hi;
	size_t added = 0;
	while (first < last) {
		/* The largest naturally aligned block that starts here and fits. */
		unsigned order = 0;
		while (order < VM_PAGE_MAX_ORDER && (first & ((2ull << order) - 1)) == 0 &&
		       first + (2ull << order) <= last)
			order++;
		size_t idx = (size_t)(first - lo);
		for (size_t i = 0; i < (1ul << order); i++) {
			if (pool->pages[idx + i].state != VM_PAGE_RESERVED)
				panic("vm_page_release_range: frame %#lx released twice",
				      (unsigned long)(first + i));
			pool->pages[idx + i].state = VM_PAGE_TAIL;
		}
		free_block(pool, idx, order);
		added += 1ul << order;
		first += 1ull << order;
	}
	pool->stats.managed += added;
	pool->stats.free += added;
	return added;
}

struct vm_page *vm_page_alloc(struct vm_page_pool *pool, unsigned order)
{
	unsigned j = order;
	while (j <= VM_PAGE_MAX_ORDER && !pool->free_list[j])
		j++;
	if (order > VM_PAGE_MAX_ORDER || j > VM_PAGE_MAX_ORDER) {
		pool->stats.failures++;
		return NULL;
	}
	struct vm_page *p = pool->free_list[j];
	list_remove(pool, p);
	size_t idx = page_index(pool, p);
	/* Split: keep the lower half, give the upper halves back. */
	while (j > order) {
		j--;
		free_block(pool, idx + (1ul << j), j);
	}
	p->state = VM_PAGE_ALLOCATED;
	p->order = (uint8_t)order;
	pool->stats.free -= 1ul << order;
	pool->stats.allocs++;
	return p;
}

/* A page still mapped when it is freed is a stale mapping: a task could go on reading or
 * writing the frame after it is reused. */
static void check_unmapped(const struct vm_page_pool *pool, const struct vm_page *page,
			   unsigned order)
{
	for (size_t i = 0; i < (1ul << order); i++)
		if (page[i].pv.pmap)
			panic("vm_page_free: frame %#lx is still mapped at %#lx in pmap %p",
			      (unsigned long)(pool->base_pfn + page_index(pool, &page[i])),
			      (unsigned long)page[i].pv.va, (void *)page[i].pv.pmap);
}

void vm_page_free(struct vm_page_pool *pool, struct vm_page *page, unsigned order)
{
	if (page < pool->pages || page >= pool->pages + pool->npages)
		panic("vm_page_free: %p is not a page of this pool", (void *)page);
	if (page->state != VM_PAGE_ALLOCATED || page->order != order)
		panic("vm_page_free: frame %#lx is not an allocated block of order %u "
		      "(state %u, order %u)",
		      (unsigned long)(pool->base_pfn + page_index(pool, page)), order,
		      page->state, page->order);
	check_unmapped(pool, page, order);
	page->state = VM_PAGE_TAIL;
	free_block(pool, page_index(pool, page), order);
	pool->stats.free += 1ul << order;
	pool->stats.frees++;
}

void vm_page_split(struct vm_page_pool *pool, struct vm_page *page, unsigned order)
{
	assert(page->state == VM_PAGE_ALLOCATED && page->order == order);
	size_t n = 1ul << order;
	for (size_t i = 0; i < n; i++) {
		page[i].state = VM_PAGE_ALLOCATED;
		page[i].order = 0;
	}
	pool->stats.allocs += n - 1;  /* as if allocated one by one: frees balance allocs */
}

uint64_t vm_page_to_phys(const struct vm_page_pool *pool, const struct vm_page *page)
{
	return (pool->base_pfn + page_index(pool, page)) << VM_PAGE_SHIFT;
}

void vm_page_pool_stats(const struct vm_page_pool *pool, struct vm_page_pool_stats *out)
{
	*out = pool->stats;
}
