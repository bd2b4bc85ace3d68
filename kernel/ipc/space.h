/*
 * space.h — IPC name spaces: each task's table from port names to the rights it holds.
 *
 * Entry points: ipc_space_create / ipc_space_destroy, ipc_entry_lookup,
 * ipc_entry_alloc (the lowest free name), ipc_entry_alloc_name (a chosen name),
 * ipc_entry_free, ipc_space_reverse_lookup/insert/remove (the name under which a space
 * holds send rights for a port whose receive right is elsewhere, so that rights to one
 * port coalesce under one name as Mach requires; a port the space receives on has its
 * name in port->receiver_name: see ipc_right_reverse), ipc_space_foreach.
 *
 * Names: the low 24 bits are a slot index, the top 8 bits the slot's generation. A
 * fresh slot has generation 0, so the first names handed out are 1, 2, 3 ...; each time
 * a slot is freed its generation advances, so a stale name for a reused slot is not
 * mistaken for the new right. Index 0 is never used (MACH_PORT_NULL), nor is the name
 * MACH_PORT_DEAD.
 *
 * The table is three levels (512 x 256 x 128 entries), allocated as used, so a name
 * chosen anywhere in the 24-bit range costs two pages, not a 16 M-entry array.
 *
 * Lifetime: a space belongs to its task; ipc_space_destroy (task termination) releases
 * every right and leaves the struct inactive until the task frees it. Locking: see
 * kern/thread.h.
 */
#ifndef IPC_SPACE_H
#define IPC_SPACE_H

#include <ipc/port.h>
#include <mach/kern_return.h>

#define IPC_NAME_INDEX(n) ((n) & 0xffffffu)
#define IPC_NAME_GEN(n) ((n) >> 24)
#define IPC_NAME(index, gen) (((uint32_t)(gen) << 24) | (index))
#define IPC_ENTRY_UREFS_MAX 0xffffu      /* as GNU Mach's MACH_PORT_UREFS_MAX */

struct ipc_entry {
	struct ipc_object *object;   /* port or set; NULL for dead names and free slots */
	mach_port_type_t type;       /* MACH_PORT_TYPE_* held here; 0: free slot */
	uint32_t urefs;              /* user references (send rights, dead names) */
	struct ipc_dnrequest *dnrequest;  /* armed dead-name request, or NULL */
	/* The lookup key: the name the slot is in use under, 0 while it is free. Index 0's
	 * slot (in the first real leaf and in the empty leaf) holds MACH_PORT_DEAD for good,
	 * so that no name, MACH_PORT_NULL included, matches a free or unusable slot: a
	 * lookup is one compare. */
	mach_port_name_t name;
	uint8_t gen;                 /* generation of the slot's current or next name */
};

/* The three levels of the table. Levels not allocated yet point at shared read-only
 * empty ones (ipc_space_empty_mid/leaf: every entry free), so a lookup follows three
 * pointers without testing for NULL; only allocation replaces them. */
#define IPC_SPACE_TOP_BITS 9
#define IPC_SPACE_MID_BITS 8
#define IPC_SPACE_LEAF_BITS 7

struct ipc_space_leaf {
	struct ipc_entry entries[1u << IPC_SPACE_LEAF_BITS];
};
struct ipc_space_mid {
	struct ipc_space_leaf *leaves[1u << IPC_SPACE_MID_BITS];
};
extern struct ipc_space_mid ipc_space_empty_mid;
extern struct ipc_space_leaf ipc_space_empty_leaf;

struct ipc_reverse_slot {
	struct ipc_object *object;   /* NULL: empty */
	mach_port_name_t name;
};

struct ipc_space {
	bool active;
	/* top[0], the indices below 2^15 (every name most tasks use), reached in one step
	 * less; the empty mid level once the space is destroyed. */
	struct ipc_space_mid *mid0;
	struct ipc_space_mid **top;  /* 512 pointers (one page) */
	uint32_t lowest_free;        /* no free index below this */
	struct ipc_entry *free_hint; /* the entry of index lowest_free, or NULL if not known */
	uint32_t nentries;
	struct ipc_reverse_slot *reverse;
	uint32_t reverse_size, reverse_used;
	/* Entries with a receive right: not in the reverse map, but each has a slot
	 * reserved there (counted in the map's load), so that it can stay behind as a send
	 * right alone (ipc_space_reverse_insert_reserved) without an allocation that
	 * could fail. */
	uint32_t reverse_reserved;
};

struct ipc_space *ipc_space_create(void);
/* Releases every right in s (ports it receives die). */
void ipc_space_destroy(struct ipc_space *s);
/* Frees an already destroyed space. */
void ipc_space_free(struct ipc_space *s);

/* The entry a name denotes, or NULL (free slot, stale generation, dead space). Inline:
 * every message looks up two or three names. Names of index below 2^15 take two levels
 * from mid0 and one compare of the slot's key (see struct ipc_entry); the others, and
 * every name once the space is destroyed, take ipc_entry_lookup_far. */
struct ipc_entry *ipc_entry_lookup_far(struct ipc_space *s, mach_port_name_t name);
static inline struct ipc_entry *ipc_entry_lookup(struct ipc_space *s, mach_port_name_t name)
{
	uint32_t i = IPC_NAME_INDEX(name);
	if (__builtin_expect(i >> (IPC_SPACE_MID_BITS + IPC_SPACE_LEAF_BITS), 0))
		return ipc_entry_lookup_far(s, name);
	struct ipc_entry *e = &s->mid0->leaves[i >> IPC_SPACE_LEAF_BITS]
				       ->entries[i & ((1u << IPC_SPACE_LEAF_BITS) - 1)];
	return e->name == name ? e : NULL;
}
/* The lowest free name: KERN_NO_SPACE when the name space is full,
 * KERN_RESOURCE_SHORTAGE without memory. Inline when the entry of the lowest free index
 * is known and free (the usual case: RPCs free and take the same name over and over). */
kern_return_t ipc_entry_alloc_slow(struct ipc_space *s, mach_port_name_t *name,
				   struct ipc_entry **e);
/* After index i (entry e) is taken: the next index's entry, when it is in e's leaf and
 * is not MACH_PORT_DEAD's slot. */
static inline void ipc_space_hint_next(struct ipc_space *s, uint32_t i, struct ipc_entry *e)
{
	uint32_t n = i + 1;
	s->lowest_free = n;
	s->free_hint = (n & ((1u << IPC_SPACE_LEAF_BITS) - 1)) && n < 0xffffffu ? e + 1 : NULL;
}
/* The entry of the lowest free name, taken, when the hint has it at hand (the usual
 * case); its name is e->name. NULL: ipc_entry_alloc_slow finds one. */
static inline struct ipc_entry *ipc_entry_alloc_hinted(struct ipc_space *s)
{
	struct ipc_entry *e = s->free_hint;
	if (!e || e->type)
		return NULL;
	uint32_t i = s->lowest_free;
	ipc_space_hint_next(s, i, e);
	s->nentries++;
	e->name = IPC_NAME(i, e->gen);
	return e;
}
static inline __attribute__((always_inline)) kern_return_t
ipc_entry_alloc(struct ipc_space *s, mach_port_name_t *name, struct ipc_entry **out)
{
	struct ipc_entry *e = ipc_entry_alloc_hinted(s);
	if (!e)
		return ipc_entry_alloc_slow(s, name, out);
	*name = e->name;
	*out = e;
	return KERN_SUCCESS;
}
/* KERN_NAME_EXISTS if in use (or its slot is), KERN_INVALID_VALUE for an unusable name. */
kern_return_t ipc_entry_alloc_name(struct ipc_space *s, mach_port_name_t name, struct ipc_entry **e);
/* The entry must hold no right any more. Inline: an RPC's reply right is an entry made
 * and freed each time. */
static inline void ipc_entry_free(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e)
{
	uint32_t i = IPC_NAME_INDEX(name);
	assert(e->object == NULL && e->dnrequest == NULL);
	/* The next name for this slot differs from every recent one; never MACH_PORT_DEAD
	 * (the name after IPC_NAME(0xffffff, 0xfe) skips generation 0xff). */
	e->gen = (uint8_t)(e->gen + 1 + (e->name == IPC_NAME(0xffffffu, 0xfeu)));
	e->type = 0;
	e->urefs = 0;
	e->name = 0;
	s->nentries--;
	if (i <= s->lowest_free) {
		s->lowest_free = i;
		s->free_hint = i < 0xffffffu ? e : NULL;
	}
}

mach_port_name_t ipc_space_reverse_lookup(struct ipc_space *s, const void *object);
kern_return_t ipc_space_reverse_insert(struct ipc_space *s, void *object, mach_port_name_t name);
void ipc_space_reverse_remove(struct ipc_space *s, const void *object);
/* A receive right's reservation: taken (KERN_RESOURCE_SHORTAGE without memory for the
 * map to grow), given back, or turned into the entry's slot once it holds the send
 * right alone. */
kern_return_t ipc_space_reverse_reserve_grow(struct ipc_space *s);
static inline kern_return_t ipc_space_reverse_reserve(struct ipc_space *s)
{
	/* Inline while the map has room (it is kept at most half full). */
	if ((s->reverse_used + s->reverse_reserved + 1) * 2 > s->reverse_size)
		return ipc_space_reverse_reserve_grow(s);
	s->reverse_reserved++;
	return KERN_SUCCESS;
}
static inline void ipc_space_reverse_unreserve(struct ipc_space *s)
{
	s->reverse_reserved--;
}
void ipc_space_reverse_insert_reserved(struct ipc_space *s, void *object, mach_port_name_t name);

/* Calls fn for every entry in use, in name order. fn may free the entry it is given. */
void ipc_space_foreach(struct ipc_space *s,
		       void (*fn)(struct ipc_space *, mach_port_name_t, struct ipc_entry *, void *),
		       void *arg);

#endif
