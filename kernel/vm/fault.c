/*
 * fault.c — page faults resolved from the map (see fault.h and map.h).
 *
 * Copy-on-write in one place: a write to an entry that `needs_copy` first puts a fresh
 * shadow object in front of the shared one; a write that finds its page below the first
 * object of the chain copies it up into the first object. Pages seen through a shadow
 * are mapped read-only, so the next write comes back here.
 */
#include <vm/fault.h>
#include <vm/map.h>
#include <vm/object.h>
#include <kern/string.h>
#include <arch/x86_64/layout.h>

/* The first page of the chain from `first` at offset, or NULL when none has one. */
static struct vm_page *chain_find(struct vm_object *first, uint64_t offset)
{
	vm_counts.lookups++;
	struct vm_page *pg = vm_object_chain_lookup(first, offset);
	if (pg)
		vm_counts.hits++;
	return pg;
}

/* A private copy of pg in `first` at offset (a copy-on-write copy-up). */
static struct vm_page *copy_up(struct vm_object *first, uint64_t offset, struct vm_page *pg)
{
	struct vm_page *copy = vm_page_grab(false);
	if (!copy)
		return NULL;
	memcpy(vm_page_kva(copy), vm_page_kva(pg), PAGE_SIZE);
	/* When others name `first` too (memory shared with another task), they may map pg
	 * from below through it and must see the copy from now on. Their mappings cannot
	 * be told from those that see pg some other way, so every mapping of pg goes (the
	 * others fault it back). Alone, first has no such mapping but the faulting map's
	 * own, which pmap_enter replaces. */
	if (first->refs > 1)
		pmap_page_protect(pg, VM_PROT_NONE);
	vm_object_page_insert(first, copy, offset);
	vm_counts.cow_faults++;
	return copy;
}

kern_return_t vm_fault_page(struct vm_map *m, uint64_t va, vm_prot_t access, bool force,
			    struct vm_page **out)
{
	vm_counts.faults++;
	struct vm_map_entry *e = vm_map_lookup_entry(m, va);
	if (!e)
		return KERN_INVALID_ADDRESS;
	vm_prot_t prot = e->protection | (force ? access : 0);
	if ((prot & access) != access)
		return KERN_PROTECTION_FAILURE;
	if (!e->object) {
		e->object = vm_object_create(e->end - e->start);
		if (!e->object)
			return KERN_RESOURCE_SHORTAGE;
		e->offset = 0;
	}
	if ((access & VM_PROT_WRITE) && vm_map_entry_shadow(e) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	struct vm_object *first = e->object;
	if (first->shadow)
		vm_object_collapse(first);
	uint64_t offset = e->offset + (trunc_page(va) - e->start);
	struct vm_page *pg = chain_find(first, offset);
	bool writable = (e->protection & VM_PROT_WRITE) && !e->needs_copy;
	if (!pg) {
		pg = vm_page_grab(true);
		if (!pg)
			return KERN_RESOURCE_SHORTAGE;
		vm_object_page_insert(first, pg, offset);
		vm_counts.zero_fills++;
	} else if (pg->object != first) {
		if (access & VM_PROT_WRITE) {
			pg = copy_up(first, offset, pg);
			if (!pg)
				return KERN_RESOURCE_SHORTAGE;
		} else {
			writable = false;
		}
	}
	/* The entry's own protection, not a forced one (x86 pages are always readable). */
	vm_prot_t map_prot = (e->protection & VM_PROT_EXECUTE) | VM_PROT_READ |
			     (writable ? VM_PROT_WRITE : 0);
	if (e->protection != VM_PROT_NONE &&
	    pmap_enter(&m->pmap, trunc_page(va), vm_page_phys(pg), map_prot) != 0)
		return KERN_RESOURCE_SHORTAGE;
	if (access & VM_PROT_WRITE)
		pg->flags |= VM_PAGE_DIRTY;
	pg->flags |= VM_PAGE_REFERENCED;
	*out = pg;
	return KERN_SUCCESS;
}

kern_return_t vm_fault(struct vm_map *m, uint64_t va, vm_prot_t access)
{
	struct vm_page *pg;
	return vm_fault_page(m, va, access, false, &pg);
}
