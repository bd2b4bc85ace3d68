/*
 * pmap.h — x86_64 4-level page tables: the kernel's own map and one per task.
 *
 * Entry points: pmap_bootstrap (the kernel's tables: direct map of RAM and the kernel
 * image), pmap_init (once zones work), pmap_create / pmap_destroy / pmap_activate for
 * task address spaces, pmap_enter / pmap_extract for single user pages, pmap_remove /
 * pmap_protect for ranges of one pmap, pmap_page_protect / pmap_is_modified /
 * pmap_clear_modify / pmap_is_referenced / pmap_clear_reference for one physical page
 * in every pmap, pmap_map_io for device registers.
 *
 * Every task's top-level table shares the kernel half (PML4 slots 256..511) with the
 * kernel's, by pointing at the same lower-level tables; those are all created at boot,
 * so a kernel mapping made later is seen by every task. The lower half is the task's.
 *
 * A pmap is a cache of its VM map (vm/map.h): the frames it maps belong to VM objects,
 * so removing a mapping or destroying the pmap never frees a frame; the accessed and
 * dirty bits of a mapping that goes are moved to the page's flags.
 *
 * Physical to virtual: every user mapping of a frame of the page pool is recorded in
 * the frame's pv list (vm/pv.h) by pmap_enter and forgotten by whatever ends it
 * (pmap_remove, pmap_page_protect, pmap_enter of another frame at the same va,
 * pmap_collect / pmap_destroy), so the list is always exactly the page's live
 * mappings. Frames outside the pool (device memory) are mapped untracked.
 */
#ifndef ARCH_X86_64_PMAP_H
#define ARCH_X86_64_PMAP_H

#include <stdint.h>
#include <stdbool.h>
#include <arch/x86_64/cpu.h>

#define PMAP_READ  1       /* the same values as VM_PROT_* */
#define PMAP_WRITE 2
#define PMAP_EXEC  4
#define PMAP_ALL   (PMAP_READ | PMAP_WRITE | PMAP_EXEC)

struct vm_page;

struct pmap {
	uint64_t pml4_pa;
	uint64_t *pml4;
	uint64_t resident;            /* user pages mapped */
};

/* early_alloc gives zeroed, direct-mapped pages before the page allocator exists. */
void pmap_bootstrap(uint64_t mem_top, uint64_t (*early_alloc)(void));

/* Sets up what pmap_enter allocates (pv entries); after the zones, before any task. */
void pmap_init(void);
/* The kernel option test_pmap: checks the calls below on real page tables, prints a
 * line "pmap: self-test: N checks, M failed" (pmap_test.c). Before the first task. */
void pmap_self_test(void);

/* 0, or -1 when out of memory. */
int pmap_create(struct pmap *p);
void pmap_destroy(struct pmap *p);
/* Frees every user page table of p: a dead task's. Its mappings should be gone by then
 * (the map removes them); any left are ended, leaving no pv entry naming p. */
void pmap_collect(struct pmap *p);
/* The pmap whose user half CR3 holds, or NULL (the kernel's tables). */
extern struct pmap *active_pmap;
/* Inline: every switch between tasks does it. */
static inline void pmap_activate(struct pmap *p)
{
	if (active_pmap != p) {
		write_cr3(p->pml4_pa);
		active_pmap = p;
	}
}
void pmap_activate_kernel(void);
/* Leaves p's page tables if the CPU is on them (before destroying p). */
void pmap_deactivate(const struct pmap *p);
/* The pmap whose user half the CPU is on, or NULL (the kernel's tables). */
struct pmap *pmap_active(void);

/* Removes every mapping in [start, end) (page-aligned user range). */
void pmap_remove(struct pmap *p, uint64_t start, uint64_t end);
/* Lowers the mappings in [start, end) to prot (never raises: faults do that). */
void pmap_protect(struct pmap *p, uint64_t start, uint64_t end, int prot);

/* Maps one user page, replacing what was there; 0, or -1 when a page table or a pv
 * entry cannot be allocated (then the old mapping, if any, is left as it was). */
int pmap_enter(struct pmap *p, uint64_t va, uint64_t pa, int prot);
/* Whether the task may write the page at va (mapped and writable). */
bool pmap_writable(const struct pmap *p, uint64_t va);
/* Physical address mapped at va (page-aligned), or 0. */
uint64_t pmap_extract(const struct pmap *p, uint64_t va);

/* Lowers every mapping of pg, in every pmap, to prot (VM_PROT_* values): without READ,
 * every mapping is removed (x86 has no write-only pages) and pg is mapped nowhere
 * after; without WRITE, each becomes read-only (without EXEC, not executable);
 * PMAP_ALL changes nothing. Never raises a mapping: faults do that. */
void pmap_page_protect(struct vm_page *pg, int prot);

/* Whether pg was written (accessed) since its flag was last cleared: its VM_PAGE_DIRTY
 * (VM_PAGE_REFERENCED) flag, or the dirty (accessed) bit of any live mapping. */
bool pmap_is_modified(const struct vm_page *pg);
bool pmap_is_referenced(const struct vm_page *pg);
/* Clears the flag and the bit in every mapping; the next write (access) through any
 * mapping sets it again. */
void pmap_clear_modify(struct vm_page *pg);
void pmap_clear_reference(struct vm_page *pg);

/* An uncached kernel mapping of device registers [pa, pa+size). */
void *pmap_map_io(uint64_t pa, uint64_t size);

#endif
