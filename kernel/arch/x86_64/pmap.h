/*
 * pmap.h — x86_64 4-level page tables: the kernel's own map and one per task.
 *
 * Entry points: pmap_bootstrap (the kernel's tables: direct map of RAM and the kernel
 * image), pmap_create / pmap_destroy / pmap_activate for task address spaces,
 * pmap_enter / pmap_extract for single user pages, pmap_map_io for device registers.
 *
 * Every task's top-level table shares the kernel half (PML4 slots 256..511) with the
 * kernel's, by pointing at the same lower-level tables; those are all created at boot,
 * so a kernel mapping made later is seen by every task. The lower half is the task's.
 *
 * A pmap is a cache of its VM map (vm/map.h): the frames it maps belong to VM objects,
 * so removing a mapping or destroying the pmap never frees a frame; the accessed and
 * dirty bits of a mapping that goes are moved to the page's flags.
 */
#ifndef ARCH_X86_64_PMAP_H
#define ARCH_X86_64_PMAP_H

#include <stdint.h>
#include <stdbool.h>

#define PMAP_READ  1       /* the same values as VM_PROT_* */
#define PMAP_WRITE 2
#define PMAP_EXEC  4

struct pmap {
	uint64_t pml4_pa;
	uint64_t *pml4;
	uint64_t resident;            /* user pages mapped */
};

/* early_alloc gives zeroed, direct-mapped pages before the page allocator exists. */
void pmap_bootstrap(uint64_t mem_top, uint64_t (*early_alloc)(void));

/* 0, or -1 when out of memory. */
int pmap_create(struct pmap *p);
void pmap_destroy(struct pmap *p);
/* Frees every user page table of p (all its mappings must be gone): a dead task's. */
void pmap_collect(struct pmap *p);
void pmap_activate(struct pmap *p);
void pmap_activate_kernel(void);
/* Leaves p's page tables if the CPU is on them (before destroying p). */
void pmap_deactivate(const struct pmap *p);
/* The pmap whose user half the CPU is on, or NULL (the kernel's tables). */
struct pmap *pmap_active(void);

/* Removes every mapping in [start, end) (page-aligned user range). */
void pmap_remove(struct pmap *p, uint64_t start, uint64_t end);
/* Lowers the mappings in [start, end) to prot (never raises: faults do that). */
void pmap_protect(struct pmap *p, uint64_t start, uint64_t end, int prot);

/* Maps one user page, replacing what was there; 0, or -1 when a page table cannot be
 * allocated. */
int pmap_enter(struct pmap *p, uint64_t va, uint64_t pa, int prot);
/* Whether the task may write the page at va (mapped and writable). */
bool pmap_writable(const struct pmap *p, uint64_t va);
/* Physical address mapped at va (page-aligned), or 0. */
uint64_t pmap_extract(const struct pmap *p, uint64_t va);

/* An uncached kernel mapping of device registers [pa, pa+size). */
void *pmap_map_io(uint64_t pa, uint64_t size);

/* TEMPORARY (pv lists land from branch pmap-pv) */
struct vm_page;
void pmap_page_protect(struct vm_page *pg, int prot);
bool pmap_is_modified(const struct vm_page *pg);
void pmap_clear_modify(struct vm_page *pg);
#endif
