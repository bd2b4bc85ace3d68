/*
 * pmap.c — page tables (see pmap.h).
 *
 * Kernel half, built once by pmap_bootstrap:
 *   - the direct map: all of [0, mem_top) at PHYS_MAP_BASE, 2 MiB pages, global, NX;
 *   - the kernel image at KERNEL_VBASE + phys with 4 KiB pages: text read-only and
 *     executable, rodata read-only, data and bss writable, the latter two NX;
 *   - an empty PDPT for the device window at IO_MAP_BASE.
 * Identity mappings from boot.S are gone once pmap_bootstrap switches CR3.
 */
#include <arch/x86_64/pmap.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/cpu.h>
#include <vm/kmem.h>
#include <vm/page_alloc.h>
#include <kern/panic.h>
#include <stddef.h>

#define PTE_P   0x001ull
#define PTE_W   0x002ull
#define PTE_U   0x004ull
#define PTE_PWT 0x008ull
#define PTE_PCD 0x010ull
#define PTE_A   0x020ull
#define PTE_D   0x040ull
#define PTE_PS  0x080ull
#define PTE_G   0x100ull
#define PTE_NX  (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

#define IDX(va, level) (((va) >> (12 + 9 * (level))) & 511)

static uint64_t kernel_pml4_pa;
struct pmap *active_pmap;                  /* whose user half CR3 holds, or NULL */
static uint64_t *kernel_pml4;
static uint64_t io_next = IO_MAP_BASE;
static uint64_t (*table_source)(void);   /* early_alloc during bootstrap */

extern char _text[], _etext[], _kernel_end[];
extern char __copy_fixup_end[];

static uint64_t new_table(void)
{
	if (table_source)
		return table_source();
	void *va = kernel_page_alloc();
	return va ? virt_to_phys(va) : 0;
}

/* The entry for va at `level` (0 = PT) in the tree rooted at pml4, creating missing
 * tables with `flags` on the way when create is set. NULL if absent or out of memory. */
static uint64_t *walk(uint64_t *pml4, uint64_t va, int level, bool create, uint64_t flags)
{
	uint64_t *table = pml4;
	for (int l = 3; l > level; l--) {
		uint64_t *e = &table[IDX(va, l)];
		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			uint64_t pa = new_table();
			if (!pa)
				return NULL;
			*e = pa | flags;
		}
		table = phys_to_virt(*e & PTE_ADDR);
	}
	return &table[IDX(va, level)];
}

static void map_kernel_page(uint64_t va, uint64_t pa, uint64_t flags)
{
	uint64_t *pte = walk(kernel_pml4, va, 0, true, PTE_P | PTE_W);
	if (!pte)
		panic("pmap: no memory for kernel page tables");
	*pte = pa | flags | PTE_P | PTE_G;
}

void pmap_bootstrap(uint64_t mem_top, uint64_t (*early_alloc)(void))
{
	table_source = early_alloc;
	kernel_pml4_pa = early_alloc();
	kernel_pml4 = phys_to_virt(kernel_pml4_pa);

	uint64_t top = (mem_top + LARGE_PAGE_SIZE - 1) & ~(LARGE_PAGE_SIZE - 1);
	for (uint64_t pa = 0; pa < top; pa += LARGE_PAGE_SIZE) {
		uint64_t *pde = walk(kernel_pml4, PHYS_MAP_BASE + pa, 1, true, PTE_P | PTE_W);
		if (!pde)
			panic("pmap: no memory for the direct map");
		*pde = pa | PTE_P | PTE_W | PTE_PS | PTE_G | PTE_NX;
	}

	uint64_t text = (uint64_t)_text, etext = (uint64_t)_etext;
	uint64_t rodata_end = round_page((uint64_t)__copy_fixup_end);
	for (uint64_t va = KERNEL_VBASE + KERNEL_PHYS; va < (uint64_t)_kernel_end; va += PAGE_SIZE) {
		uint64_t flags;
		if (va >= text && va < etext)
			flags = 0;                       /* read-only, executable */
		else if (va < text || va < rodata_end)
			flags = PTE_NX;                  /* boot code (dead now), rodata */
		else
			flags = PTE_W | PTE_NX;          /* data, bss */
		map_kernel_page(va, va - KERNEL_VBASE, flags);
	}
	/* The device window's PDPT exists from the start so that every task's PML4, which
	 * copies the kernel half, sees later device mappings. */
	if (!walk(kernel_pml4, IO_MAP_BASE, 2, true, PTE_P | PTE_W))
		panic("pmap: no memory for the device window");

	write_cr4(read_cr4() | CR4_PGE);
	write_cr3(kernel_pml4_pa);
	table_source = NULL;
}

void *pmap_map_io(uint64_t pa, uint64_t size)
{
	uint64_t base = io_next + (pa & PAGE_MASK);
	for (uint64_t off = 0; off < round_page((pa & PAGE_MASK) + size); off += PAGE_SIZE) {
		map_kernel_page(io_next, trunc_page(pa) + off, PTE_W | PTE_PCD | PTE_PWT | PTE_NX);
		invlpg(io_next);
		io_next += PAGE_SIZE;
	}
	return (void *)base;
}

int pmap_create(struct pmap *p)
{
	void *va = kernel_page_alloc();
	if (!va)
		return -1;
	p->pml4 = va;
	p->pml4_pa = virt_to_phys(va);
	p->resident = 0;
	for (int i = 256; i < 512; i++)
		p->pml4[i] = kernel_pml4[i];
	return 0;
}

static void free_frame(uint64_t pa)
{
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, pa);
	assert(pg);
	vm_page_free(&kernel_page_pool, pg, 0);
}

/* Frees the table at pa and every table below it. The frames the tables map belong to
 * VM objects, which free them; the map has removed every mapping before this. */
static void free_tree(uint64_t pa, int level)
{
	uint64_t *t = phys_to_virt(pa);
	if (level > 0)
		for (int i = 0; i < 512; i++)
			if (t[i] & PTE_P)
				free_tree(t[i] & PTE_ADDR, level - 1);
	free_frame(pa);
}

void pmap_collect(struct pmap *p)
{
	bool any = false;
	for (int i = 0; i < 256; i++)
		if (p->pml4[i] & PTE_P) {
			free_tree(p->pml4[i] & PTE_ADDR, 2);
			p->pml4[i] = 0;
			any = true;
		}
	p->resident = 0;
	if (any && active_pmap == p)
		write_cr3(p->pml4_pa);          /* no cached walk may reach the freed tables */
}

void pmap_destroy(struct pmap *p)
{
	assert(active_pmap != p);
	for (int i = 0; i < 256; i++)
		if (p->pml4[i] & PTE_P)
			free_tree(p->pml4[i] & PTE_ADDR, 2);
	free_frame(p->pml4_pa);
	p->pml4 = NULL;
	p->pml4_pa = 0;
}

void pmap_deactivate(const struct pmap *p)
{
	if (active_pmap == p)
		pmap_activate_kernel();
}

void pmap_activate_kernel(void)
{
	if (active_pmap) {
		write_cr3(kernel_pml4_pa);
		active_pmap = NULL;
	}
}

struct pmap *pmap_active(void)
{
	return active_pmap;
}

/* Moves the accessed/dirty bits of a PTE going away into its page's flags. */
static void note_page_bits(uint64_t pte)
{
	if (!(pte & (PTE_A | PTE_D)))
		return;
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, pte & PTE_ADDR);
	if (!pg)
		return;                        /* device memory */
	if (pte & PTE_A)
		pg->flags |= VM_PAGE_REFERENCED;
	if (pte & PTE_D)
		pg->flags |= VM_PAGE_DIRTY;
}

int pmap_enter(struct pmap *p, uint64_t va, uint64_t pa, int prot)
{
	assert(va >= USER_MIN && va < USER_MAX && !(va & PAGE_MASK));
	uint64_t *pte = walk(p->pml4, va, 0, true, PTE_P | PTE_W | PTE_U);
	if (!pte)
		return -1;
	if (!(*pte & PTE_P))
		p->resident++;
	uint64_t e = pa | PTE_P | PTE_U;
	if (prot & PMAP_WRITE)
		e |= PTE_W;
	if (!(prot & PMAP_EXEC))
		e |= PTE_NX;
	if (*pte & PTE_P)
		note_page_bits(*pte);
	*pte = e;
	if (active_pmap == p)
		invlpg(va);
	return 0;
}

/* The leaf table for va if it exists; *skip_to is where the next existing table could
 * start when it does not (so that walks over sparse ranges skip whole tables). */
static uint64_t *leaf_table(const struct pmap *p, uint64_t va, uint64_t *skip_to)
{
	uint64_t *table = p->pml4;
	for (int l = 3; l > 0; l--) {
		uint64_t e = table[IDX(va, l)];
		if (!(e & PTE_P)) {
			uint64_t span = 1ull << (12 + 9 * l);
			*skip_to = (va & ~(span - 1)) + span;
			return NULL;
		}
		table = phys_to_virt(e & PTE_ADDR);
	}
	return table;
}

/* Applies f to every present PTE of [start, end); returns whether any changed. */
static bool for_each_pte(struct pmap *p, uint64_t start, uint64_t end,
			 bool (*f)(struct pmap *, uint64_t *, uint64_t), uint64_t arg)
{
	bool changed = false;
	uint64_t va = start;
	while (va < end && va >= start) {
		uint64_t next = 0;
		uint64_t *pt = leaf_table(p, va, &next);
		if (!pt) {
			va = next;
			continue;
		}
		uint64_t stop = (va | (LARGE_PAGE_SIZE - 1)) + 1;
		if (stop > end || stop < va)
			stop = end;
		for (; va < stop; va += PAGE_SIZE) {
			uint64_t *pte = &pt[IDX(va, 0)];
			if ((*pte & PTE_P) && f(p, pte, arg))
				changed = true;
		}
	}
	return changed;
}

static bool remove_pte(struct pmap *p, uint64_t *pte, uint64_t arg)
{
	(void)arg;
	note_page_bits(*pte);
	*pte = 0;
	p->resident--;
	return true;
}

static bool protect_pte(struct pmap *p, uint64_t *pte, uint64_t prot)
{
	(void)p;
	uint64_t e = *pte;
	if (!(prot & PMAP_WRITE))
		e &= ~PTE_W;
	if (!(prot & PMAP_EXEC))
		e |= PTE_NX;
	if (e == *pte)
		return false;
	note_page_bits(*pte);
	*pte = e & ~PTE_D;
	return true;
}

/* After changing PTEs of [start, end) in p: one invlpg per page for short ranges, a
 * CR3 reload (non-global entries only: user pages are never global) for long ones. */
static void flush_range(const struct pmap *p, uint64_t start, uint64_t end)
{
	if (active_pmap != p)
		return;                        /* loading p's CR3 later flushes them */
	if (end - start > 32 * PAGE_SIZE) {
		write_cr3(p->pml4_pa);
		return;
	}
	for (uint64_t va = start; va < end; va += PAGE_SIZE)
		invlpg(va);
}

void pmap_remove(struct pmap *p, uint64_t start, uint64_t end)
{
	if (for_each_pte(p, start, end, remove_pte, 0))
		flush_range(p, start, end);
}

void pmap_protect(struct pmap *p, uint64_t start, uint64_t end, int prot)
{
	if (!(prot & PMAP_READ)) {
		pmap_remove(p, start, end);
		return;
	}
	if (for_each_pte(p, start, end, protect_pte, (uint64_t)prot))
		flush_range(p, start, end);
}

bool pmap_writable(const struct pmap *p, uint64_t va)
{
	uint64_t *pte = walk(p->pml4, va, 0, false, 0);
	return pte && (*pte & PTE_P) && (*pte & PTE_W) && (*pte & PTE_U);
}

uint64_t pmap_extract(const struct pmap *p, uint64_t va)
{
	uint64_t *pte = walk(p->pml4, va, 0, false, 0);
	return pte && (*pte & PTE_P) ? *pte & PTE_ADDR : 0;
}
