/*
 * kmem.h — whole pages of kernel memory (zone pages, page tables), direct-mapped.
 */
#ifndef VM_KMEM_H
#define VM_KMEM_H

#include <stdint.h>

/* One zeroed page, or NULL when physical memory is exhausted. */
void *kernel_page_alloc(void);
/* Gives back a page from kernel_page_alloc. */
void kernel_page_free(void *va);

/* `size` bytes (rounded up to a power-of-two number of pages, at most 4 MiB) of
 * physically contiguous, direct-mapped, zeroed kernel memory; NULL if none. */
void *kmem_alloc(uint64_t size);
void kmem_free(void *va, uint64_t size);

/* Pages for zones (kern/zalloc.h): every kernel zone takes whole pages from here. */
struct zone_page_source;
extern const struct zone_page_source kernel_zone_source;

#endif
