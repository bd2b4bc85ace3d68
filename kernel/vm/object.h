/*
 * object.h — VM objects: the memory behind address-map entries.
 *
 * An object is a sparse array of resident pages indexed by byte offset (a red-black tree
 * of struct vm_page, so lookup and range walks stay logarithmic as objects grow). An
 * internal (anonymous) object fills a missing page with zeros. A shadow object is a
 * copy-on-write layer over another (its `shadow`, at `shadow_offset`): a page it lacks
 * is read through to the object below; a write copies the page up first (vm/fault.c).
 *
 * References (`refs`): one per map entry or copy entry naming the object, one per object
 * shadowing it, one per kernel holder. The last reference frees every resident page and
 * drops the reference on the shadow. A page belongs to exactly one object; pmaps map it
 * read-only wherever it is seen through a shadow, writable only from its own object's
 * entries (the invariant copy-on-write rests on).
 *
 * Locking: none yet (one CPU, interrupts off in the kernel). With a second CPU each
 * object needs a lock, taken top-down along shadow chains.
 */
#ifndef VM_OBJECT_H
#define VM_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kern/rbtree.h>
#include <vm/page_alloc.h>

struct vm_object {
	unsigned refs;
	uint64_t size;                /* bytes, a whole number of pages */
	struct rb_tree pages;         /* resident pages by offset */
	size_t resident;
	struct vm_object *shadow;     /* copy-on-write source, referenced; or NULL */
	uint64_t shadow_offset;       /* where this object's offset 0 lies in the shadow */
	bool internal;                /* anonymous: missing pages are zero-filled */
	unsigned shadowed;            /* objects that shadow this one (collapse needs 0 others) */
	struct vm_pager *pager;       /* external objects: the pager's state (vm/pager.h) */
};

/* The kernel's page counts, for vm_statistics. */
struct vm_counts {
	uint64_t zero_fills, cow_faults, faults, pageins, lookups, hits, collapses;
	uint64_t object_pages;        /* pages held by objects now */
	uint64_t wired;               /* wired pages now */
};
extern struct vm_counts vm_counts;

void vm_object_init(void);

/* An empty internal object of `size` bytes, with one reference; NULL if out of memory. */
struct vm_object *vm_object_create(uint64_t size);
void vm_object_reference(struct vm_object *o);
void vm_object_deallocate(struct vm_object *o);

/* A new internal object of `size` shadowing `src` at `offset`; consumes the caller's
 * reference on src (the shadow holds it now). NULL if out of memory (src untouched). */
struct vm_object *vm_object_shadow(struct vm_object *src, uint64_t offset, uint64_t size);

/* Absorbs o's shadow into o while nobody else can see the shadow (one reference, from o),
 * repeatedly down the chain. Pages o already has win; the shadow's others move up. */
void vm_object_collapse(struct vm_object *o);

struct vm_page *vm_object_page_lookup(const struct vm_object *o, uint64_t offset);
/* The page at offset as seen through o's shadow chain, or NULL where no object of the
 * chain has one (zero-fill for internal objects). */
struct vm_page *vm_object_chain_lookup(struct vm_object *o, uint64_t offset);
/* Inserts a page that belongs to no object at `offset` (nothing resident there). */
void vm_object_page_insert(struct vm_object *o, struct vm_page *pg, uint64_t offset);
/* Takes pg out of its object and frees it (pg must not be mapped anywhere). */
void vm_object_page_free(struct vm_page *pg);
/* Moves pg (resident in some object, mapped nowhere) to `offset` of o. */
void vm_object_page_rename(struct vm_page *pg, struct vm_object *o, uint64_t offset);
/* The first resident page of o at or after offset, or NULL. */
struct vm_page *vm_object_page_next(const struct vm_object *o, uint64_t offset);
/* Frees the unwired resident pages in [start, end) of o, removing first whatever
 * mappings of them any pmap still has. */
void vm_object_page_remove(struct vm_object *o, uint64_t start, uint64_t end);

/* A fresh page (not in any object), zeroed when `zero`; NULL when memory is exhausted. */
struct vm_page *vm_page_grab(bool zero);
uint64_t vm_page_phys(const struct vm_page *pg);
void *vm_page_kva(const struct vm_page *pg);

/* A new internal object holding a private copy of [offset, offset+size) of `src` as seen
 * through its shadow chain: resident pages are copied now (for sources others may write
 * behind a copy-on-write's back); missing ones stay zero-fill. NULL if out of memory. */
struct vm_object *vm_object_copy_now(struct vm_object *src, uint64_t offset, uint64_t size);

#endif
