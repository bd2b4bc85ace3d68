/*
 * kmem.h — whole pages of kernel memory (zone pages, page tables), direct-mapped.
 */
#ifndef VM_KMEM_H
#define VM_KMEM_H

/* One zeroed page, or NULL when physical memory is exhausted. */
void *kernel_page_alloc(void);
/* Gives back a page from kernel_page_alloc. */
void kernel_page_free(void *va);

#endif
