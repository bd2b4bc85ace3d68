/*
 * kmem.c — whole pages of kernel memory, reached through the direct map.
 */
#include <vm/kmem.h>
#include <kern/string.h>
#include <vm/page_alloc.h>
#include <arch/x86_64/layout.h>
#include <kern/zalloc.h>

void *kernel_page_alloc(void)
{
	struct vm_page *pg = vm_page_alloc(&kernel_page_pool, 0);
	if (!pg)
		return NULL;
	void *va = phys_to_virt(vm_page_to_phys(&kernel_page_pool, pg));
	memset(va, 0, PAGE_SIZE);
	return va;
}

void kernel_page_free(void *va)
{
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, virt_to_phys(va));
	vm_page_free(&kernel_page_pool, pg, 0);
}

static void *zone_page(void *ctx)
{
	(void)ctx;
	return kernel_page_alloc();
}

const struct zone_page_source kernel_zone_source = { zone_page, NULL };

static unsigned order_of(uint64_t size)
{
	unsigned order = 0;
	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void *kmem_alloc(uint64_t size)
{
	unsigned order = order_of(size);
	if (order > VM_PAGE_MAX_ORDER)
		return NULL;
	struct vm_page *pg = vm_page_alloc(&kernel_page_pool, order);
	if (!pg)
		return NULL;
	void *va = phys_to_virt(vm_page_to_phys(&kernel_page_pool, pg));
	memset(va, 0, PAGE_SIZE << order);
	return va;
}

void kmem_free(void *va, uint64_t size)
{
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, virt_to_phys(va));
	vm_page_free(&kernel_page_pool, pg, order_of(size));
}
