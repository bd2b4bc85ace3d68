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
#include <vm/pv.h>
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

/* The pool's page for frame pa when the pool manages the frame, or NULL. Managed
 * frames are tracked (pv lists, A/D bits kept in the page); device memory and frames
 * never given to the pool (firmware, kernel image, boot modules) are mapped untracked.
 * vm_allocate_contiguous's frames (VM_PAGE_PHYS) are pool pages held by an object and
 * freed through it like any other, so they are managed too. */
static struct vm_page *managed_page(uint64_t pa)
{
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, pa);
	return pg && pg->state != VM_PAGE_RESERVED ? pg : NULL;
}

/* Moves the accessed/dirty bits of a PTE that is going or being rewritten into its
 * page's flags: a page's flags OR the bits of its live PTEs is what it has seen. */
static void note_bits(struct vm_page *pg, uint64_t pte)
{
	if (!pg)
		return;
	if (pte & PTE_A)
		pg->flags |= VM_PAGE_REFERENCED;
	if (pte & PTE_D)
		pg->flags |= VM_PAGE_DIRTY;
}

/* The present PTE `pte` for va in p stops mapping its frame: its bits go to the page,
 * its pv entry goes. The caller clears or rewrites the PTE and invalidates the TLB. */
static void unmap_frame(struct pmap *p, uint64_t va, uint64_t pte)
{
	struct vm_page *pg = managed_page(pte & PTE_ADDR);
	if (pg) {
		note_bits(pg, pte);
		pv_remove(pg, p, va);
	}
}

/* After p's PTE for va changed: drops what the TLB may hold of the old one. One CPU:
 * only the active pmap can have cached entries (loading another pmap's CR3 flushes its
 * user entries, which are never global). With more CPUs this is where a shootdown
 * belongs: every other CPU on which p is active must invalidate va as well (an IPI,
 * waited for before the caller frees or reuses the old frame). */
static void invalidate_page(const struct pmap *p, uint64_t va)
{
	if (active_pmap == p)
		invlpg(va);
}

static void free_frame(uint64_t pa)
{
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, pa);
	assert(pg);
	vm_page_free(&kernel_page_pool, pg, 0);
}

/* Ends the mappings leaf table t (mapping from va base) still has. */
static void unmap_leaf_table(struct pmap *p, uint64_t *t, uint64_t base)
{
	for (int i = 0; i < 512 && p->resident; i++)
		if (t[i] & PTE_P) {
			unmap_frame(p, base + (uint64_t)i * PAGE_SIZE, t[i]);
			p->resident--;
		}
}

/* Frees the table at pa (of `level`, mapping from va `base`) and every table below it.
 * The frames the tables map belong to VM objects, which free them. The map has removed
 * every mapping before this (p->resident is 0, so leaf tables are not even read); any
 * left are ended all the same, so that no pv list names p once its tables are gone. */
static void free_tree(struct pmap *p, uint64_t pa, int level, uint64_t base)
{
	uint64_t *t = phys_to_virt(pa);
	if (level == 0)
		unmap_leaf_table(p, t, base);
	else
		for (int i = 0; i < 512; i++)
			if (t[i] & PTE_P)
				free_tree(p, t[i] & PTE_ADDR, level - 1,
					  base + ((uint64_t)i << (12 + 9 * level)));
	free_frame(pa);
}

/* Frees every user page table of p. */
static bool free_user_tables(struct pmap *p)
{
	bool any = false;
	for (int i = 0; i < 256; i++)
		if (p->pml4[i] & PTE_P) {
			free_tree(p, p->pml4[i] & PTE_ADDR, 2, (uint64_t)i << 39);
			p->pml4[i] = 0;
			any = true;
		}
	assert(p->resident == 0);
	return any;
}

void pmap_collect(struct pmap *p)
{
	if (free_user_tables(p) && active_pmap == p)
		write_cr3(p->pml4_pa);          /* no cached walk may reach the freed tables */
}

void pmap_destroy(struct pmap *p)
{
	assert(active_pmap != p);
	free_user_tables(p);
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

static uint64_t user_pte(uint64_t pa, int prot)
{
	uint64_t e = pa | PTE_P | PTE_U;
	if (prot & PMAP_WRITE)
		e |= PTE_W;
	if (!(prot & PMAP_EXEC))
		e |= PTE_NX;
	return e;
}

int pmap_enter(struct pmap *p, uint64_t va, uint64_t pa, int prot)
{
	assert(va >= USER_MIN && va < USER_MAX && !(va & PAGE_MASK));
	uint64_t *pte = walk(p->pml4, va, 0, true, PTE_P | PTE_W | PTE_U);
	if (!pte)
		return -1;
	uint64_t old = *pte;
	if (!(old & PTE_P) || (old & PTE_ADDR) != pa) {
		/* A new frame at va. Recording it is the one step that can fail, so it
		 * comes first: a failure leaves the old mapping and both pv lists as they
		 * were (the page tables walk made stay, empty; pmap_collect frees them). */
		struct vm_page *pg = managed_page(pa);
		if (pg && !pv_insert(pg, p, va))
			return -1;
		if (old & PTE_P)
			unmap_frame(p, va, old);
		else
			p->resident++;
	} else {
		note_bits(managed_page(pa), old);     /* the same frame, new rights */
	}
	*pte = user_pte(pa, prot);
	invalidate_page(p, va);
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

/* Applies f to every present PTE of [start, end) (with its va); returns whether any
 * changed. */
static bool for_each_pte(struct pmap *p, uint64_t start, uint64_t end,
			 bool (*f)(struct pmap *, uint64_t *, uint64_t, uint64_t), uint64_t arg)
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
			if ((*pte & PTE_P) && f(p, pte, va, arg))
				changed = true;
		}
	}
	return changed;
}

static bool remove_pte(struct pmap *p, uint64_t *pte, uint64_t va, uint64_t arg)
{
	(void)arg;
	unmap_frame(p, va, *pte);
	*pte = 0;
	p->resident--;
	return true;
}

/* Lowers one present PTE to prot; the frame stays mapped (its pv entry too). */
static bool protect_pte(struct pmap *p, uint64_t *pte, uint64_t va, uint64_t prot)
{
	(void)p;
	(void)va;
	uint64_t e = *pte;
	if (!(prot & PMAP_WRITE))
		e &= ~PTE_W;
	if (!(prot & PMAP_EXEC))
		e |= PTE_NX;
	if (e == *pte)
		return false;
	note_bits(managed_page(e & PTE_ADDR), e);
	*pte = e & ~PTE_D;
	return true;
}

/* After changing PTEs of [start, end) in p: one invlpg per page for short ranges, a
 * CR3 reload (non-global entries only: user pages are never global) for long ones.
 * Only the active pmap's entries can be cached on one CPU (see invalidate_page for
 * where a shootdown would go). */
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

/* ---- Every mapping of one page, through its pv list (vm/pv.h). ---- */

void pmap_init(void)
{
	pv_init(&kernel_zone_source);
}

/* The PTE by which the mapping e of pg maps it (the pv list and the tables agree). */
static uint64_t *mapping_pte(const struct pv_entry *e, const struct vm_page *pg)
{
	uint64_t *pte = walk(e->pmap->pml4, e->va, 0, false, 0);
	assert(pte && (*pte & PTE_P) &&
	       (*pte & PTE_ADDR) == vm_page_to_phys(&kernel_page_pool, pg));
	return pte;
}

static void page_remove_all(struct vm_page *pg)
{
	const struct pv_entry *e;
	/* Each step ends the first mapping, whose pv entry goes (O(1)). */
	while ((e = pv_first(pg))) {
		struct pmap *p = e->pmap;
		uint64_t va = e->va;
		remove_pte(p, mapping_pte(e, pg), va, 0);
		invalidate_page(p, va);
	}
}

void pmap_page_protect(struct vm_page *pg, int prot)
{
	if ((prot & PMAP_ALL) == PMAP_ALL)
		return;
	if (!(prot & PMAP_READ)) {         /* x86 cannot map a page writable but unreadable */
		page_remove_all(pg);
		return;
	}
	for (const struct pv_entry *e = pv_first(pg); e; e = e->next)
		if (protect_pte(e->pmap, mapping_pte(e, pg), e->va, (uint64_t)prot))
			invalidate_page(e->pmap, e->va);
}

static bool any_mapping_has(const struct vm_page *pg, uint64_t bit)
{
	for (const struct pv_entry *e = pv_first(pg); e; e = e->next)
		if (*mapping_pte(e, pg) & bit)
			return true;
	return false;
}

/* Clears `bit` (A or D) in every mapping of pg. The TLB entry goes too: while the CPU
 * holds one with the bit set, it would not set the bit in the PTE again. */
static void clear_mapping_bit(struct vm_page *pg, uint64_t bit)
{
	for (const struct pv_entry *e = pv_first(pg); e; e = e->next) {
		uint64_t *pte = mapping_pte(e, pg);
		if (*pte & bit) {
			*pte &= ~bit;
			invalidate_page(e->pmap, e->va);
		}
	}
}

bool pmap_is_modified(const struct vm_page *pg)
{
	return (pg->flags & VM_PAGE_DIRTY) || any_mapping_has(pg, PTE_D);
}

void pmap_clear_modify(struct vm_page *pg)
{
	pg->flags &= (uint16_t)~VM_PAGE_DIRTY;
	clear_mapping_bit(pg, PTE_D);
}

bool pmap_is_referenced(const struct vm_page *pg)
{
	return (pg->flags & VM_PAGE_REFERENCED) || any_mapping_has(pg, PTE_A);
}

void pmap_clear_reference(struct vm_page *pg)
{
	pg->flags &= (uint16_t)~VM_PAGE_REFERENCED;
	clear_mapping_bit(pg, PTE_A);
}
