/*
 * page_alloc.h — the physical page allocator: a binary buddy allocator over one
 * contiguous span of page frames, each described by a struct vm_page.
 *
 * Entry points: vm_page_pool_init, vm_page_release_range (hand usable memory to the
 * pool), vm_page_alloc / vm_page_free (blocks of 2^order pages), vm_page_to_phys /
 * vm_page_from_phys, vm_page_pool_stats.
 *
 * The pool never touches the memory it manages (it does not know how to reach it), so
 * it runs unchanged in host unit tests. Every frame starts RESERVED; only what is given
 * to vm_page_release_range is ever handed out. Blocks are naturally aligned in physical
 * frame numbers, so a block of order k starts on a 2^k-page boundary (what
 * vm_allocate_contiguous and DMA want).
 *
 * Locking: none yet; one CPU and no allocation from interrupt handlers. A second CPU
 * needs a lock around each pool.
 */
#ifndef VM_PAGE_ALLOC_H
#define VM_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <kern/rbtree.h>

#define VM_PAGE_MAX_ORDER 10          /* largest block: 4 MiB */
#define VM_PAGE_SHIFT 12

enum vm_page_state {
	VM_PAGE_RESERVED = 0,  /* not managed: firmware, kernel image, modules, holes */
	VM_PAGE_FREE,          /* head of a free block of `order` */
	VM_PAGE_ALLOCATED,     /* head of an allocated block of `order` */
	VM_PAGE_TAIL,          /* inside a block whose head is elsewhere */
};

struct vm_object;
struct pmap;

/* One mapping of a page by a pmap. The page holds the first in its own struct vm_page
 * (pmap == NULL there: mapped nowhere); vm/pv.h keeps the list. */
struct pv_entry {
	struct pv_entry *next;        /* further mappings (zone entries), or NULL */
	struct pmap *pmap;
	uint64_t va;                  /* page-aligned */
};

/* struct vm_page.flags (set by the VM layer and the pmap, from the accessed/dirty bits) */
#define VM_PAGE_DIRTY      0x1    /* written since it was last clean */
#define VM_PAGE_REFERENCED 0x2    /* accessed since the last reset */
#define VM_PAGE_PHYS       0x4    /* from vm_allocate_contiguous */

/* The pool owns next/prev, state and order; the VM layer (vm/object.h) owns the rest,
 * which the pool neither clears nor reads, but for one check: it will not free a page
 * whose pv list (kept by the pmap, vm/pv.h) is not empty. */
struct vm_page {
	struct vm_page *next, *prev;  /* free-list links, valid while FREE */
	uint8_t state;
	uint8_t order;
	uint16_t flags;               /* VM_PAGE_* of vm/object.h */
	uint32_t wire_count;          /* wirings (vm_wire, kernel holds); 0 = pageable */
	struct vm_object *object;     /* the object holding the page, or NULL */
	uint64_t offset;              /* its offset in that object */
	struct rb_node link;          /* in the object's tree of pages, by offset */
	struct pv_entry pv;           /* where page tables map it: empty while free */
};

struct vm_page_pool_stats {
	size_t managed;       /* pages ever released to the pool */
	size_t free;          /* pages free now */
	size_t allocs, frees, failures;
	size_t free_blocks[VM_PAGE_MAX_ORDER + 1];
};

struct vm_page_pool {
	struct vm_page *pages;        /* one per frame of [base_pfn, base_pfn + npages) */
	uint64_t base_pfn;
	size_t npages;
	struct vm_page *free_list[VM_PAGE_MAX_ORDER + 1];
	struct vm_page_pool_stats stats;
};

/* `pages` must hold npages entries; they are all set RESERVED. */
void vm_page_pool_init(struct vm_page_pool *pool, struct vm_page *pages,
		       uint64_t base_pa, size_t npages);

/* Gives the whole pages inside [start, end) to the pool; partial pages at either end
 * and frames outside the pool's span are ignored. Returns the pages added. */
size_t vm_page_release_range(struct vm_page_pool *pool, uint64_t start, uint64_t end);

/* NULL when no block of that order is free (or order is out of range). */
struct vm_page *vm_page_alloc(struct vm_page_pool *pool, unsigned order);

/* Panics on a page that is not the head of an allocated block of that order: a double
 * free or a wrong order is a kernel bug that must not corrupt the free lists. Panics
 * too when a page of the block is still mapped by some pmap (its pv list is not empty):
 * the mapping would outlive the frame's owner. */
void vm_page_free(struct vm_page_pool *pool, struct vm_page *page, unsigned order);

/* Turns an allocated block of `order` into 2^order allocated blocks of order 0, each to
 * be freed on its own (vm_allocate_contiguous hands out blocks page by page). */
void vm_page_split(struct vm_page_pool *pool, struct vm_page *page, unsigned order);

uint64_t vm_page_to_phys(const struct vm_page_pool *pool, const struct vm_page *page);

/* NULL when pa is outside the pool's span. Inline: the pmap asks for every mapping it
 * makes or ends. */
static inline struct vm_page *vm_page_from_phys(const struct vm_page_pool *pool, uint64_t pa)
{
	uint64_t pfn = pa >> VM_PAGE_SHIFT;
	if (pfn < pool->base_pfn || pfn - pool->base_pfn >= pool->npages)
		return NULL;
	return &pool->pages[pfn - pool->base_pfn];
}

void vm_page_pool_stats(const struct vm_page_pool *pool, struct vm_page_pool_stats *out);

/* The kernel's pool of all physical memory (set up in vm/page_boot.c). */
extern struct vm_page_pool kernel_page_pool;

#endif
