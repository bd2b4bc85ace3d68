/*
 * space.c — name-space tables (see space.h).
 */
#include <ipc/space.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/panic.h>
#include <vm/kmem.h>
#include <arch/x86_64/layout.h>

#define TOP_BITS IPC_SPACE_TOP_BITS
#define MID_BITS IPC_SPACE_MID_BITS
#define LEAF_BITS IPC_SPACE_LEAF_BITS
#define LEAF_ENTRIES (1u << LEAF_BITS)
#define MID_ENTRIES (1u << MID_BITS)
#define TOP_ENTRIES (1u << TOP_BITS)
#define INDEX_MAX 0xffffffu

_Static_assert(TOP_BITS + MID_BITS + LEAF_BITS == 24, "the table covers the 24-bit index");

/* Never written: every pointer of the empty mid level is the empty leaf, every entry of
 * the empty leaf is free (index 0's key MACH_PORT_DEAD, see struct ipc_entry). Filled in
 * at the first ipc_space_create. */
struct ipc_space_mid ipc_space_empty_mid;
struct ipc_space_leaf ipc_space_empty_leaf;

static bool empty_mid(const struct ipc_space_mid *m) { return m == &ipc_space_empty_mid; }
static bool empty_leaf(const struct ipc_space_leaf *l) { return l == &ipc_space_empty_leaf; }

_Static_assert(sizeof(struct ipc_space_leaf) <= PAGE_SIZE, "a leaf is one page");
_Static_assert(TOP_ENTRIES * sizeof(void *) <= PAGE_SIZE, "the top level is one page");

static struct zone space_zone;
static bool zone_ready;

struct ipc_space *ipc_space_create(void)
{
	if (!zone_ready) {
		zone_init(&space_zone, "ipc.space", sizeof(struct ipc_space), &kernel_zone_source);
		for (uint32_t j = 0; j < MID_ENTRIES; j++)
			ipc_space_empty_mid.leaves[j] = &ipc_space_empty_leaf;
		ipc_space_empty_leaf.entries[0].name = MACH_PORT_DEAD;
		zone_ready = true;
	}
	struct ipc_space *s = zalloc(&space_zone);
	void *top = kernel_page_alloc();
	if (!s || !top) {
		if (s)
			zfree(&space_zone, s);
		if (top)
			kernel_page_free(top);
		return NULL;
	}
	memset(s, 0, sizeof(*s));
	s->top = top;
	for (uint32_t t = 0; t < TOP_ENTRIES; t++)
		s->top[t] = &ipc_space_empty_mid;
	s->mid0 = &ipc_space_empty_mid;
	s->active = true;
	s->lowest_free = 1;
	return s;
}

/* The entry slot for index i, allocating the levels it needs (NULL without memory). */
static struct ipc_entry *slot_create(struct ipc_space *s, uint32_t i)
{
	struct ipc_space_mid **mp = &s->top[i >> (MID_BITS + LEAF_BITS)];
	if (empty_mid(*mp)) {
		struct ipc_space_mid *m = kernel_page_alloc();
		if (!m)
			return NULL;
		for (uint32_t j = 0; j < MID_ENTRIES; j++)
			m->leaves[j] = &ipc_space_empty_leaf;
		*mp = m;
		if (mp == &s->top[0])
			s->mid0 = m;
	}
	struct ipc_space_leaf **lp = &(*mp)->leaves[(i >> LEAF_BITS) & (MID_ENTRIES - 1)];
	if (empty_leaf(*lp)) {
		struct ipc_space_leaf *l = kernel_page_alloc();
		if (!l)
			return NULL;             /* zeroed: every entry free */
		if (i < LEAF_ENTRIES)
			l->entries[0].name = MACH_PORT_DEAD;   /* index 0: never matches */
		*lp = l;
	}
	return &(*lp)->entries[i & (LEAF_ENTRIES - 1)];
}

struct ipc_entry *ipc_entry_lookup_far(struct ipc_space *s, mach_port_name_t name)
{
	uint32_t i = IPC_NAME_INDEX(name);
	if (!s->active)
		return NULL;
	struct ipc_entry *e = &s->top[i >> (MID_BITS + LEAF_BITS)]
				       ->leaves[(i >> LEAF_BITS) & (MID_ENTRIES - 1)]
				       ->entries[i & (LEAF_ENTRIES - 1)];
	return e->name == name ? e : NULL;
}

kern_return_t ipc_entry_alloc_slow(struct ipc_space *s, mach_port_name_t *name,
				   struct ipc_entry **out)
{
	for (uint32_t i = s->lowest_free; i < INDEX_MAX; i++) {
		struct ipc_space_leaf *l = s->top[i >> (MID_BITS + LEAF_BITS)]
						->leaves[(i >> LEAF_BITS) & (MID_ENTRIES - 1)];
		struct ipc_entry *e = &l->entries[i & (LEAF_ENTRIES - 1)];
		if (e->type)
			continue;
		if (empty_leaf(l) && !(e = slot_create(s, i)))
			return KERN_RESOURCE_SHORTAGE;
		ipc_space_hint_next(s, i, e);
		s->nentries++;
		*name = e->name = IPC_NAME(i, e->gen);
		*out = e;
		return KERN_SUCCESS;
	}
	return KERN_NO_SPACE;
}

kern_return_t ipc_entry_alloc_name(struct ipc_space *s, mach_port_name_t name, struct ipc_entry **out)
{
	uint32_t i = IPC_NAME_INDEX(name);
	if (i == 0 || name == MACH_PORT_DEAD)
		return KERN_INVALID_VALUE;
	struct ipc_entry *e = slot_create(s, i);
	if (!e)
		return KERN_RESOURCE_SHORTAGE;
	if (e->type)
		return KERN_NAME_EXISTS;
	e->gen = (uint8_t)IPC_NAME_GEN(name);
	e->name = name;
	s->nentries++;
	*out = e;
	return KERN_SUCCESS;
}

void ipc_space_foreach(struct ipc_space *s,
		       void (*fn)(struct ipc_space *, mach_port_name_t, struct ipc_entry *, void *),
		       void *arg)
{
	for (uint32_t t = 0; t < TOP_ENTRIES; t++) {
		struct ipc_space_mid *m = s->top[t];
		if (empty_mid(m))
			continue;
		for (uint32_t j = 0; j < MID_ENTRIES; j++) {
			struct ipc_space_leaf *l = m->leaves[j];
			if (empty_leaf(l))
				continue;
			for (uint32_t k = 0; k < LEAF_ENTRIES; k++) {
				struct ipc_entry *e = &l->entries[k];
				if (e->type)
					fn(s, e->name, e, arg);
			}
		}
	}
}

/* ---- reverse map: object -> name, open addressing with linear probing ---- */

static uint32_t hash_ptr(const void *p, uint32_t size)
{
	uint64_t x = (uint64_t)p >> 4;
	x *= 0x9e3779b97f4a7c15ull;
	return (uint32_t)(x >> 32) & (size - 1);
}

/* Reverse tables are direct-mapped, zeroed, power-of-two-page buffers (vm/kmem.h). */
static void *alloc_slots(uint32_t n)
{
	return kmem_alloc((uint64_t)n * sizeof(struct ipc_reverse_slot));
}

static void free_slots(void *va, uint32_t n)
{
	kmem_free(va, (uint64_t)n * sizeof(struct ipc_reverse_slot));
}

static void reverse_put(struct ipc_reverse_slot *t, uint32_t size, void *object, mach_port_name_t name)
{
	uint32_t h = hash_ptr(object, size);
	while (t[h].object)
		h = (h + 1) & (size - 1);
	t[h].object = object;
	t[h].name = name;
}

static kern_return_t reverse_grow(struct ipc_space *s)
{
	uint32_t nsize = s->reverse_size ? s->reverse_size * 2 : 256;
	struct ipc_reverse_slot *n = alloc_slots(nsize);
	if (!n)
		return KERN_RESOURCE_SHORTAGE;
	for (uint32_t i = 0; i < s->reverse_size; i++)
		if (s->reverse[i].object)
			reverse_put(n, nsize, s->reverse[i].object, s->reverse[i].name);
	if (s->reverse)
		free_slots(s->reverse, s->reverse_size);
	s->reverse = n;
	s->reverse_size = nsize;
	return KERN_SUCCESS;
}

/* Room for one more member or reservation. The table stays at most half full,
 * reservations counted, so probes stay short and a reservation always has its slot. */
static kern_return_t reverse_room(struct ipc_space *s)
{
	if ((s->reverse_used + s->reverse_reserved + 1) * 2 > s->reverse_size)
		return reverse_grow(s);
	return KERN_SUCCESS;
}

kern_return_t ipc_space_reverse_insert(struct ipc_space *s, void *object, mach_port_name_t name)
{
	if (reverse_room(s) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	reverse_put(s->reverse, s->reverse_size, object, name);
	s->reverse_used++;
	return KERN_SUCCESS;
}

kern_return_t ipc_space_reverse_reserve_grow(struct ipc_space *s)
{
	if (reverse_room(s) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	s->reverse_reserved++;
	return KERN_SUCCESS;
}

void ipc_space_reverse_insert_reserved(struct ipc_space *s, void *object, mach_port_name_t name)
{
	assert(s->reverse_reserved > 0);
	s->reverse_reserved--;
	reverse_put(s->reverse, s->reverse_size, object, name);
	s->reverse_used++;
}

mach_port_name_t ipc_space_reverse_lookup(struct ipc_space *s, const void *object)
{
	if (!s->reverse_used)
		return MACH_PORT_NULL;
	for (uint32_t h = hash_ptr(object, s->reverse_size);; h = (h + 1) & (s->reverse_size - 1)) {
		if (!s->reverse[h].object)
			return MACH_PORT_NULL;
		if (s->reverse[h].object == object)
			return s->reverse[h].name;
	}
}

void ipc_space_reverse_remove(struct ipc_space *s, const void *object)
{
	uint32_t size = s->reverse_size, h;
	if (!s->reverse_used)
		return;
	for (h = hash_ptr(object, size); s->reverse[h].object != object; h = (h + 1) & (size - 1))
		if (!s->reverse[h].object)
			return;
	/* Backward-shift deletion: move later members of the probe run into the hole so
	 * no lookup stops early at it. */
	uint32_t hole = h;
	for (uint32_t j = (h + 1) & (size - 1); s->reverse[j].object; j = (j + 1) & (size - 1)) {
		uint32_t home = hash_ptr(s->reverse[j].object, size);
		bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
		if (movable) {
			s->reverse[hole] = s->reverse[j];
			hole = j;
		}
	}
	s->reverse[hole].object = NULL;
	s->reverse_used--;
}

static void free_tables(struct ipc_space *s)
{
	for (uint32_t t = 0; t < TOP_ENTRIES; t++) {
		struct ipc_space_mid *m = s->top[t];
		if (empty_mid(m))
			continue;
		for (uint32_t j = 0; j < MID_ENTRIES; j++)
			if (!empty_leaf(m->leaves[j]))
				kernel_page_free(m->leaves[j]);
		kernel_page_free(m);
	}
	kernel_page_free(s->top);
	s->top = NULL;
	s->mid0 = &ipc_space_empty_mid;
	s->free_hint = NULL;
	if (s->reverse)
		free_slots(s->reverse, s->reverse_size);
	s->reverse = NULL;
	s->reverse_size = s->reverse_used = s->reverse_reserved = 0;
}

void ipc_right_destroy_entry(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e);

static void destroy_one(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e, void *arg)
{
	(void)arg;
	ipc_right_destroy_entry(s, name, e);
}

void ipc_space_destroy(struct ipc_space *s)
{
	if (!s->active)
		return;
	ipc_space_foreach(s, destroy_one, NULL);
	s->active = false;
	free_tables(s);
}

void ipc_space_free(struct ipc_space *s)
{
	assert(!s->active);
	zfree(&space_zone, s);
}
