/*
 * map.h — address maps: a task's address space as a sorted set of entries, each a range
 * of pages with protections and inheritance, backed by a VM object at an offset.
 *
 * Entries live in a red-black tree ordered by address and augmented with the largest
 * free gap in each subtree, so that lookup, insertion, removal and finding free space are
 * all logarithmic in the number of entries. Neighbouring entries that continue each
 * other (same object at contiguous offsets, same attributes) are merged.
 *
 * The pmap (page tables) is a cache of the map: any page may be missing from it and is
 * then brought in by vm_fault. Mappings are removed or write-protected whenever the map
 * shrinks or lowers a protection, or an entry becomes copy-on-write — unless the entry
 * was never faulted in since it was linked (`pmapped` clear: vm_fault_page is the only
 * way into a user pmap), which is the usual case for memory just received out of line
 * and sent on.
 *
 * Copy-on-write (symmetric, as in Mach): copying a range makes source and copy name the
 * same object with `needs_copy` set and write-protects the source's pages; the first
 * write on either side puts a shadow object in front (vm_fault). An entry shared with
 * another map (VM_INHERIT_SHARE: `is_shared`) cannot be copied that way — the sharer
 * writes the object in place — so its copies are taken at once (vm_object_copy_now).
 *
 * References: a map is held by its task and by each kernel caller that converted a task
 * port to it (vm_map_reference / vm_map_deallocate); the last reference frees it. Each
 * entry holds one reference on its object (NULL object: zero-fill not yet touched).
 *
 * Locking: none yet (one CPU, interrupts off in the kernel); the fault path may block
 * (external pagers) and re-looks the entry up afterwards.
 */
#ifndef VM_MAP_H
#define VM_MAP_H

#include <stdbool.h>
#include <stdint.h>
#include <kern/rbtree.h>
#include <arch/x86_64/pmap.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>

struct vm_object;

struct vm_map_entry {
	struct rb_node node;          /* in the map's tree; `next` links copy entries */
	uint64_t start, end;          /* page-aligned, start < end */
	uint64_t gap_before;          /* free space between the previous entry (or min) and start */
	uint64_t max_gap;             /* largest gap_before in this subtree */
	struct vm_object *object;     /* referenced; NULL until first touched */
	uint64_t offset;              /* of start in the object */
	vm_prot_t protection, max_protection;
	vm_inherit_t inheritance;
	bool needs_copy;              /* object shared copy-on-write: shadow before writing */
	bool is_shared;               /* object shared writable with another map */
	unsigned wired_count;         /* vm_wire / vm_wire_all holds on the range */
	bool pmapped;                 /* a fault entered one of its pages in the pmap since
				       * it was linked: false means the range has no
				       * mappings, and removing or protecting them skips the
				       * page-table walk */
	struct vm_map_entry *next;    /* in a vm_map_copy's list */
};

struct vm_map {
	unsigned refs;
	struct pmap pmap;
	struct rb_tree entries;
	uint64_t min, max;            /* the range entries may occupy */
	unsigned nentries;
	uint64_t size;                /* bytes mapped */
	uint64_t size_limit, size_max; /* vm_set_size_limit: current and hard limit */
	uint64_t wired_size;          /* bytes wired by vm_wire (the host port's limit) */
	bool wire_future;             /* vm_wire_all(VM_WIRE_FUTURE): new memory comes wired */
	struct vm_map_entry *hint;    /* the last entry found: faults come in runs */
};

void vm_map_init(void);

/* A map over [min, max) with fresh page tables and one reference; NULL when out of memory. */
struct vm_map *vm_map_create(uint64_t min, uint64_t max);
void vm_map_reference(struct vm_map *m);
void vm_map_deallocate(struct vm_map *m);
/* Removes every entry (the task is gone); the map itself lives until its last reference. */
void vm_map_terminate(struct vm_map *m);

/* The entry containing addr, or NULL. */
struct vm_map_entry *vm_map_lookup_entry(struct vm_map *m, uint64_t addr);

/* Maps [*addr, *addr+size) (anywhere: the lowest free range at or above *addr whose
 * start is aligned to mask+1) to `object` at `offset` (NULL: zero-fill). Consumes the
 * caller's reference on object on success only. Size and addresses page-aligned. */
kern_return_t vm_map_enter(struct vm_map *m, uint64_t *addr, uint64_t size, uint64_t mask,
			   bool anywhere, struct vm_object *object, uint64_t offset,
			   bool needs_copy, vm_prot_t cur, vm_prot_t max, vm_inherit_t inh);
/* Unmaps [start, end); holes are fine. */
kern_return_t vm_map_remove(struct vm_map *m, uint64_t start, uint64_t end);
kern_return_t vm_map_protect(struct vm_map *m, uint64_t start, uint64_t end, vm_prot_t prot,
			     bool set_max);
kern_return_t vm_map_inherit(struct vm_map *m, uint64_t start, uint64_t end, vm_inherit_t inh);
/* vm_wire semantics: prot VM_PROT_NONE unwires, otherwise faults in and wires. */
kern_return_t vm_map_wire(struct vm_map *m, uint64_t start, uint64_t end, vm_prot_t prot);
/* The first entry ending above *addr: its range and attributes. KERN_NO_SPACE if none. */
kern_return_t vm_map_region(struct vm_map *m, uint64_t *addr, uint64_t *size,
			    struct vm_map_entry *out);
/* A new map for a child task: each entry inherited as its inheritance says. */
struct vm_map *vm_map_fork(struct vm_map *parent);

/* Whole range [start, end) mapped, without holes, each entry allowing `prot`. */
bool vm_map_range_allows(struct vm_map *m, uint64_t start, uint64_t end, vm_prot_t prot);

/* Kernel access to a map's memory through the direct map, faulting pages in as the
 * access needs (writes ignore the entries' protections when `force`: the loader). */
kern_return_t vm_map_write_kernel(struct vm_map *m, uint64_t addr, const void *src,
				  uint64_t len, bool force);
kern_return_t vm_map_read_kernel(struct vm_map *m, uint64_t addr, void *dst, uint64_t len);

/* The map whose page tables are loaded (the current task's), or NULL. */
struct vm_map *vm_map_current(void);

/* Internal to vm/: entry surgery shared by map.c and map_copy.c. */
struct vm_map_entry *vm_map_entry_alloc(void);
void vm_map_entry_free(struct vm_map_entry *e);
void vm_map_clip_start(struct vm_map *m, struct vm_map_entry *e, uint64_t addr);
void vm_map_clip_end(struct vm_map *m, struct vm_map_entry *e, uint64_t addr);
void vm_map_entry_link(struct vm_map *m, struct vm_map_entry *e);
void vm_map_entry_unlink(struct vm_map *m, struct vm_map_entry *e);
struct vm_map_entry *vm_map_entry_next(struct vm_map_entry *e);
/* Clips the entries overlapping [start, end) to it; returns the first, or NULL. */
struct vm_map_entry *vm_map_clip_range(struct vm_map *m, uint64_t start, uint64_t end);
struct vm_map_entry *vm_map_first_entry(struct vm_map *m);
/* The lowest address >= hint where `size` bytes aligned to mask+1 are free, or 0. */
uint64_t vm_map_find_space(struct vm_map *m, uint64_t hint, uint64_t size, uint64_t mask);
/* Makes the entry's range copy-on-write with another holder of its object: gives it an
 * object if it has none and write-protects its pages. */
kern_return_t vm_map_entry_prepare_copy(struct vm_map *m, struct vm_map_entry *e);

/* Frees the pages under e's range when nobody else can see them (e is about to drop its
 * object); its mappings must be gone. `extra`: references the caller knows of that do
 * not see that range (a copy in hand made from a neighbour). */
void vm_map_entry_release_pages(struct vm_map *m, struct vm_map_entry *e, unsigned extra);

/* Puts a fresh shadow object in front of the object e shares copy-on-write (if it does),
 * so that e can write: the first write's work. */
kern_return_t vm_map_entry_shadow(struct vm_map_entry *e);

#endif
