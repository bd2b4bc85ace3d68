/*
 * fault.c — page faults resolved from the map (see fault.h and map.h).
 *
 * Copy-on-write in one place: a write to an entry that `needs_copy` first puts a fresh
 * shadow object in front of the shared one; a write that finds its page below the first
 * object of the chain copies it up into the first object. Pages seen through a shadow
 * are mapped read-only, so the next write comes back here.
 *
 * A page missing from a chain that ends in an external object is asked of its pager;
 * the fault then sleeps (vm/pager.c) and, woken, starts again from the map lookup: the
 * map, the entry and the chain may all have changed meanwhile.
 */
#include <vm/fault.h>
#include <vm/map.h>
#include <vm/object.h>
#include <vm/pager.h>
#include <kern/string.h>
#include <arch/x86_64/layout.h>

/* The first page of the chain from `first` at offset, or NULL when none has one; then
 * *ext is the chain's external object (whose pager must supply the page, at *ext_off)
 * or NULL (zero-fill). */
static struct vm_page *chain_find(struct vm_object *first, uint64_t offset,
				  struct vm_object **ext, uint64_t *ext_off)
{
	vm_counts.lookups++;
	*ext = NULL;
	for (struct vm_object *o = first; o; o = o->shadow) {
		if (offset >= o->size)
			return NULL;
		struct vm_page *pg = vm_object_page_lookup(o, offset);
		if (pg) {
			vm_counts.hits++;
			return pg;
		}
		if (o->pager) {
			*ext = o;
			*ext_off = offset;
			return NULL;
		}
		offset += o->shadow_offset;
	}
	return NULL;
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

/* The entry's object, made at the first touch, with copy-on-write resolved for a write. */
static kern_return_t entry_object(struct vm_map_entry *e, vm_prot_t access)
{
	if (!e->object) {
		e->object = vm_object_create(e->end - e->start);
		if (!e->object)
			return KERN_RESOURCE_SHORTAGE;
		e->offset = 0;
	}
	if ((access & VM_PROT_WRITE) && vm_map_entry_shadow(e) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	if (e->object->shadow)
		vm_object_collapse(e->object);
	return KERN_SUCCESS;
}

/* What to ask pg's pager to unlock before this access may use it, or VM_PROT_NONE. A
 * write that copies the page up only reads it; on x86 a mapped page is always readable,
 * so a lock on reading stops every access. */
static vm_prot_t locked_against(const struct vm_page *pg, const struct vm_object *first,
				vm_prot_t access)
{
	vm_prot_t lock = pg->object->pager ? vm_page_lock(pg) : VM_PROT_NONE;
	if (!lock)
		return VM_PROT_NONE;
	vm_prot_t uses = pg->object == first ? access : VM_PROT_READ;
	if (lock & VM_PROT_READ)
		uses |= VM_PROT_READ;
	return (lock & uses) ? uses : VM_PROT_NONE;
}

/* Maps pg at va for the entry's protection (writable only when it is first's own page,
 * not copy-on-write, and not locked against writing). */
static kern_return_t map_page(struct vm_map *m, struct vm_map_entry *e, uint64_t va,
			      struct vm_page *pg, bool own, vm_prot_t access)
{
	bool writable = own && (e->protection & VM_PROT_WRITE) && !e->needs_copy &&
			!(vm_page_lock(pg) & VM_PROT_WRITE);
	/* The entry's own protection, not a forced one (x86 pages are always readable). */
	vm_prot_t map_prot = (e->protection & VM_PROT_EXECUTE) | VM_PROT_READ |
			     (writable ? VM_PROT_WRITE : 0);
	e->pmapped = true;                 /* before any pmap_enter: see map.h */
	if (e->protection != VM_PROT_NONE &&
	    pmap_enter(&m->pmap, trunc_page(va), vm_page_phys(pg), map_prot) != 0)
		return KERN_RESOURCE_SHORTAGE;
	if (access & VM_PROT_WRITE)
		pg->flags |= VM_PAGE_DIRTY;
	pg->flags |= VM_PAGE_REFERENCED;
	return KERN_SUCCESS;
}

/* One attempt. KERN_SUCCESS with *out NULL: a pager was waited for, look again. With
 * !may_wait, KERN_MEMORY_ERROR where it would have waited. */
static kern_return_t fault_once(struct vm_map *m, uint64_t va, vm_prot_t access, bool force,
				bool may_wait, struct vm_page **out)
{
	*out = NULL;
	struct vm_map_entry *e = vm_map_lookup_entry(m, va);
	if (!e)
		return KERN_INVALID_ADDRESS;
	vm_prot_t prot = e->protection | (force ? access : 0);
	if ((prot & access) != access)
		return KERN_PROTECTION_FAILURE;
	kern_return_t kr = entry_object(e, access);
	if (kr != KERN_SUCCESS)
		return kr;
	struct vm_object *first = e->object, *ext;
	uint64_t offset = e->offset + (trunc_page(va) - e->start), ext_off;
	struct vm_page *pg = chain_find(first, offset, &ext, &ext_off);
	if (!pg && ext)
		return may_wait ? vm_pager_wait_page(ext, ext_off, access) : KERN_MEMORY_ERROR;
	if (pg) {
		vm_prot_t locked = locked_against(pg, first, access);
		if (locked)
			return may_wait ? vm_pager_wait_unlock(pg, locked) : KERN_MEMORY_ERROR;
	}
	if (!pg) {
		pg = vm_page_grab(true);
		if (!pg)
			return KERN_RESOURCE_SHORTAGE;
		vm_object_page_insert(first, pg, offset);
		vm_counts.zero_fills++;
	} else if (pg->object != first && (access & VM_PROT_WRITE)) {
		pg = copy_up(first, offset, pg);
		if (!pg)
			return KERN_RESOURCE_SHORTAGE;
	}
	kr = map_page(m, e, va, pg, pg->object == first, access);
	if (kr == KERN_SUCCESS)
		*out = pg;
	return kr;
}

kern_return_t vm_fault_page(struct vm_map *m, uint64_t va, vm_prot_t access, bool force,
			    struct vm_page **out)
{
	vm_counts.faults++;
	for (;;) {
		kern_return_t kr = fault_once(m, va, access, force, true, out);
		if (kr != KERN_SUCCESS || *out)
			return kr;
	}
}

kern_return_t vm_fault_page_nowait(struct vm_map *m, uint64_t va, vm_prot_t access,
				   struct vm_page **out)
{
	vm_counts.faults++;
	return fault_once(m, va, access, false, false, out);
}

kern_return_t vm_fault(struct vm_map *m, uint64_t va, vm_prot_t access)
{
	struct vm_page *pg;
	return vm_fault_page(m, va, access, false, &pg);
}
