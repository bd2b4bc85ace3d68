/*
 * page_boot.c — physical memory bring-up (see page_boot.h).
 *
 * Before the page allocator exists, a bump allocator takes pages from the usable regions
 * (skipping what must be kept) for the kernel's page tables and the vm_page array. It
 * only hands out memory below 1 GiB, which the early page tables of boot.S reach
 * through the direct map. Whatever it took is kept out of the pool afterwards.
 */
#include <vm/page_boot.h>
#include <vm/page_alloc.h>
#include <kern/console.h>
#include <kern/panic.h>
#include <kern/string.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/pmap.h>

#define EARLY_LIMIT (1ull << 30)
#define MAX_EXCLUDED (BOOT_MAX_MODULES + 16)

struct range {
	uint64_t start, end;
};

static struct range excluded[MAX_EXCLUDED];
static size_t nexcluded;
static const struct boot_info *boot;
static size_t early_region;         /* region the bump allocator is in */
static uint64_t early_next;         /* next free address in it */
static struct range *early_used;    /* the excluded[] entry growing with it */

extern char _kernel_phys_end[];

static void exclude(uint64_t start, uint64_t end)
{
	if (nexcluded == MAX_EXCLUDED)
		panic("page_boot: too many reserved ranges");
	excluded[nexcluded++] = (struct range){ trunc_page(start), round_page(end) };
}

/* The first excluded range overlapping [start, end), or NULL. */
static const struct range *overlap(uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < nexcluded; i++)
		if (excluded[i].start < end && start < excluded[i].end)
			return &excluded[i];
	return NULL;
}

/* npages contiguous zeroed pages below EARLY_LIMIT; panics when there are none. */
static uint64_t early_alloc_pages(size_t npages)
{
	uint64_t size = (uint64_t)npages * PAGE_SIZE;
	for (; early_region < boot->nregions; early_region++, early_next = 0) {
		const struct boot_region *r = &boot->regions[early_region];
		uint64_t end = r->end < EARLY_LIMIT ? r->end : EARLY_LIMIT;
		if (early_next < round_page(r->start))
			early_next = round_page(r->start);
		while (early_next + size <= end) {
			const struct range *o = overlap(early_next, early_next + size);
			if (o && o != early_used) {
				early_next = o->end;
				continue;
			}
			uint64_t pa = early_next;
			early_next += size;
			if (!early_used || early_used->end != pa) {
				exclude(pa, pa);
				early_used = &excluded[nexcluded - 1];
			}
			early_used->end = early_next;
			memset(phys_to_virt(pa), 0, size);
			return pa;
		}
	}
	panic("page_boot: no memory below 1 GiB for the kernel's own tables");
}

static uint64_t early_alloc(void)
{
	return early_alloc_pages(1);
}

/* Releases [start, end) minus every excluded range. */
static size_t release_except(uint64_t start, uint64_t end)
{
	if (start >= end)
		return 0;
	const struct range *o = overlap(start, end);
	if (!o)
		return vm_page_release_range(&kernel_page_pool, start, end);
	uint64_t os = o->start, oe = o->end;
	return release_except(start, os < start ? start : os) +
	       release_except(oe > end ? end : oe, end);
}

void vm_page_bootstrap(const struct boot_info *bi)
{
	uint64_t mem_top = 0, usable = 0;
	boot = bi;
	for (size_t i = 0; i < bi->nregions; i++) {
		if (bi->regions[i].end > mem_top)
			mem_top = bi->regions[i].end;
		usable += bi->regions[i].end - bi->regions[i].start;
	}
	exclude(0, 0x100000);                       /* BIOS data, EBDA, VGA, ROMs */
	exclude(KERNEL_PHYS, (uint64_t)_kernel_phys_end);
	for (size_t i = 0; i < bi->nmodules; i++)
		exclude(bi->modules[i].start, bi->modules[i].end);

	pmap_bootstrap(mem_top, early_alloc);

	size_t npages = mem_top >> PAGE_SHIFT;
	size_t array_pages = round_page(npages * sizeof(struct vm_page)) >> PAGE_SHIFT;
	struct vm_page *array = phys_to_virt(early_alloc_pages(array_pages));
	vm_page_pool_init(&kernel_page_pool, array, 0, npages);

	size_t released = 0;
	for (size_t i = 0; i < bi->nregions; i++)
		released += release_except(bi->regions[i].start, bi->regions[i].end);
	kprintf("memory: %lu KiB usable, %lu KiB free for allocation, top %#lx\n",
		(unsigned long)(usable >> 10), (unsigned long)(released << 2),
		(unsigned long)mem_top);
}
