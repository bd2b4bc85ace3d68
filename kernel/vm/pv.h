/*
 * pv.h — physical-to-virtual lists: for each page of the pool, every (pmap, va) at
 * which some page table maps it, so that the VM can act on a page wherever it is
 * mapped (pmap_page_protect, pmap_is_modified ... of arch/x86_64/pmap.h), whichever
 * maps, entries or shadow chains made it visible there.
 *
 * Entry points: pv_init (the zone of extra entries), pv_insert, pv_remove, pv_first /
 * pv_mapped / pv_count (reading a list).
 *
 * Who keeps what: the list lives in the page (struct vm_page.pv, vm/page_alloc.h). Only
 * the pmap changes it, at the moment a page table entry starts or stops mapping the
 * frame, so the list names exactly the live mappings of the page: one element per
 * present PTE that points at the frame, none twice. The first mapping is kept inline
 * in the page (mapping a page once, the common case, allocates nothing and costs a few
 * instructions: the inline functions below); further ones are entries from the
 * "pv_entry" zone, linked from the inline one. A page with an empty list is mapped
 * nowhere; the page pool refuses to free a page whose list is not empty
 * (vm_page_free), since a leftover mapping of a reused frame would let a task reach
 * memory the kernel has given to someone else.
 *
 * Portable C (it never looks inside a struct pmap), so it runs in host unit tests.
 * Locking: none yet (one CPU, interrupts off in the kernel). With a second CPU, each
 * list needs a lock taken inside the pmap's own lock.
 */
#ifndef VM_PV_H
#define VM_PV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vm/page_alloc.h>

struct zone_page_source;

/* Sets up the zone of extra entries, which takes its pages from `source`. */
void pv_init(const struct zone_page_source *source);

/* The slow halves of pv_insert and pv_remove (a list of more than one). */
bool pv_insert_more(struct vm_page *pg, struct pmap *p, uint64_t va);
void pv_remove_more(struct vm_page *pg, struct pmap *p, uint64_t va);

/* Records that p maps pg at va (not recorded already). false, with the list unchanged,
 * when an extra entry is needed and the zone has no memory. */
static inline bool pv_insert(struct vm_page *pg, struct pmap *p, uint64_t va)
{
	if (pg->pv.pmap)
		return pv_insert_more(pg, p, va);
	pg->pv.pmap = p;
	pg->pv.va = va;
	return true;
}

/* Forgets the mapping of pg at va in p; panics when there is none (the list and the
 * page tables disagree: a kernel bug). Removing the first mapping costs O(1). */
static inline void pv_remove(struct vm_page *pg, struct pmap *p, uint64_t va)
{
	if (pg->pv.pmap == p && pg->pv.va == va && !pg->pv.next) {
		pg->pv.pmap = NULL;
		pg->pv.va = 0;
		return;
	}
	pv_remove_more(pg, p, va);
}

/* The first mapping of pg, or NULL when it is mapped nowhere; e->next the others. */
static inline const struct pv_entry *pv_first(const struct vm_page *pg)
{
	return pg->pv.pmap ? &pg->pv : NULL;
}

static inline bool pv_mapped(const struct vm_page *pg)
{
	return pg->pv.pmap != NULL;
}

size_t pv_count(const struct vm_page *pg);

#endif
