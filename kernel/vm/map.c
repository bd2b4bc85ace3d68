/*
 * map.c — address maps: entries in a gap-augmented red-black tree (see map.h).
 *
 * Invariants: entries are disjoint, page-aligned and inside [min, max); gap_before of an
 * entry is the free space between it and its predecessor (or min); max_gap of a node is
 * the largest gap_before in its subtree (kept by augment_entry on every tree change).
 */
#include <vm/map.h>
#include <vm/object.h>
#include <vm/fault.h>
#include <vm/kmem.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/panic.h>
#include <arch/x86_64/layout.h>
#include <stddef.h>

static struct zone map_zone, entry_zone;

void vm_map_init(void)
{
	zone_init(&map_zone, "vm_map", sizeof(struct vm_map), &kernel_zone_source);
	zone_init(&entry_zone, "vm_map_entry", sizeof(struct vm_map_entry), &kernel_zone_source);
}

static struct vm_map_entry *entry_of(struct rb_node *n)
{
	return n ? rb_entry(n, struct vm_map_entry, node) : NULL;
}

static void augment_entry(struct rb_node *n)
{
	struct vm_map_entry *e = entry_of(n);
	uint64_t g = e->gap_before;
	if (n->left && entry_of(n->left)->max_gap > g)
		g = entry_of(n->left)->max_gap;
	if (n->right && entry_of(n->right)->max_gap > g)
		g = entry_of(n->right)->max_gap;
	e->max_gap = g;
}

struct vm_map *vm_map_create(uint64_t min, uint64_t max)
{
	struct vm_map *m = zalloc(&map_zone);
	if (!m)
		return NULL;
	memset(m, 0, sizeof(*m));
	if (pmap_create(&m->pmap) != 0) {
		zfree(&map_zone, m);
		return NULL;
	}
	m->refs = 1;
	m->entries.augment = augment_entry;
	m->min = min;
	m->max = max;
	m->size_limit = m->size_max = max - min;
	return m;
}

void vm_map_reference(struct vm_map *m)
{
	m->refs++;
}

void vm_map_deallocate(struct vm_map *m)
{
	if (!m)
		return;                 /* MIG destructors see failed conversions */
	assert(m->refs > 0);
	if (--m->refs > 0)
		return;
	vm_map_terminate(m);
	pmap_deactivate(&m->pmap);
	pmap_destroy(&m->pmap);
	zfree(&map_zone, m);
}

void vm_map_terminate(struct vm_map *m)
{
	vm_map_remove(m, m->min, m->max);
	pmap_collect(&m->pmap);
}

struct vm_map *vm_map_current(void)
{
	struct pmap *p = pmap_active();
	return p ? (struct vm_map *)((char *)p - offsetof(struct vm_map, pmap)) : NULL;
}

struct vm_map_entry *vm_map_entry_alloc(void)
{
	struct vm_map_entry *e = zalloc(&entry_zone);
	if (e)
		memset(e, 0, sizeof(*e));
	return e;
}

void vm_map_entry_free(struct vm_map_entry *e)
{
	zfree(&entry_zone, e);
}

struct vm_map_entry *vm_map_entry_next(struct vm_map_entry *e)
{
	return entry_of(rb_next(&e->node));
}

struct vm_map_entry *vm_map_first_entry(struct vm_map *m)
{
	return entry_of(rb_first(&m->entries));
}

struct vm_map_entry *vm_map_lookup_entry(struct vm_map *m, uint64_t addr)
{
	struct vm_map_entry *h = m->hint;
	if (h && addr >= h->start && addr < h->end)
		return h;
	struct rb_node *n = m->entries.root;
	while (n) {
		struct vm_map_entry *e = entry_of(n);
		if (addr < e->start)
			n = n->left;
		else if (addr >= e->end)
			n = n->right;
		else
			return m->hint = e;
	}
	return NULL;
}

/* The first entry whose end is above addr, or NULL. */
static struct vm_map_entry *lookup_ceiling(struct vm_map *m, uint64_t addr)
{
	struct rb_node *n = m->entries.root;
	struct vm_map_entry *best = NULL;
	while (n) {
		struct vm_map_entry *e = entry_of(n);
		if (e->end > addr) {
			best = e;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

/* After e's gap_before changed in a tree otherwise up to date: max_gap again from e up,
 * stopping at the first node whose value comes out the same (its ancestors see e's
 * change only through that value). */
static void gap_changed(struct vm_map_entry *e)
{
	for (struct rb_node *n = &e->node; n; n = n->parent) {
		uint64_t old = entry_of(n)->max_gap;
		augment_entry(n);
		if (entry_of(n)->max_gap == old)
			return;
	}
}

static void set_gap(struct vm_map *m, struct vm_map_entry *e)
{
	struct vm_map_entry *prev = entry_of(rb_prev(&e->node));
	e->gap_before = e->start - (prev ? prev->end : m->min);
	gap_changed(e);
}

void vm_map_entry_link(struct vm_map *m, struct vm_map_entry *e)
{
	/* The search passes e's neighbours: the last node it went right from is the
	 * predecessor, the last it went left from the successor. Both are ancestors of
	 * the leaf e becomes, so setting their gaps first lets rb_link's augmentation
	 * from e up (through the successor) bring every max_gap up to date. */
	struct rb_node **link = &m->entries.root, *parent = NULL;
	struct vm_map_entry *prev = NULL, *next = NULL;
	while (*link) {
		parent = *link;
		if (e->start < entry_of(parent)->start) {
			next = entry_of(parent);
			link = &parent->left;
		} else {
			prev = entry_of(parent);
			link = &parent->right;
		}
	}
	e->gap_before = e->start - (prev ? prev->end : m->min);
	if (next)
		next->gap_before = next->start - e->end;
	rb_link(&m->entries, &e->node, parent, link);
	m->nentries++;
	m->size += e->end - e->start;
}

void vm_map_entry_unlink(struct vm_map *m, struct vm_map_entry *e)
{
	struct vm_map_entry *next = vm_map_entry_next(e);
	rb_erase(&m->entries, &e->node);
	if (next) {
		/* The successor's gap now reaches back to e's predecessor. */
		next->gap_before += e->gap_before + (e->end - e->start);
		gap_changed(next);
	}
	if (m->hint == e)
		m->hint = NULL;
	m->nentries--;
	m->size -= e->end - e->start;
}

/* Splits e at addr; the lower part becomes a new entry. Both halves name the object. */
void vm_map_clip_start(struct vm_map *m, struct vm_map_entry *e, uint64_t addr)
{
	if (addr <= e->start || addr >= e->end)
		return;
	struct vm_map_entry *lo = vm_map_entry_alloc();
	if (!lo)
		panic("vm_map: no memory to split an entry");
	*lo = *e;
	lo->end = addr;
	m->size -= addr - e->start;            /* vm_map_entry_link adds it back */
	e->offset += addr - e->start;
	e->start = addr;
	if (e->object)
		vm_object_reference(e->object);
	vm_map_entry_link(m, lo);
}

void vm_map_clip_end(struct vm_map *m, struct vm_map_entry *e, uint64_t addr)
{
	if (addr <= e->start || addr >= e->end)
		return;
	struct vm_map_entry *hi = vm_map_entry_alloc();
	if (!hi)
		panic("vm_map: no memory to split an entry");
	*hi = *e;
	hi->start = addr;
	hi->offset += addr - e->start;
	m->size -= e->end - addr;
	e->end = addr;
	if (e->object)
		vm_object_reference(e->object);
	vm_map_entry_link(m, hi);
}

/* Whether b continues a exactly (so that one entry can describe both). */
static bool mergeable(const struct vm_map_entry *a, const struct vm_map_entry *b)
{
	if (a->end != b->start || a->protection != b->protection ||
	    a->max_protection != b->max_protection || a->inheritance != b->inheritance ||
	    a->needs_copy != b->needs_copy || a->is_shared != b->is_shared ||
	    a->wired_count != b->wired_count)
		return false;
	if (!a->object && !b->object)
		return true;
	return a->object == b->object && a->offset + (a->end - a->start) == b->offset;
}

/* Folds `gone` (which follows `keep` and continues it) into keep. */
static void merge_into(struct vm_map *m, struct vm_map_entry *keep, struct vm_map_entry *gone)
{
	uint64_t end = gone->end;
	vm_map_entry_unlink(m, gone);
	if (gone->object)
		vm_object_deallocate(gone->object);
	keep->pmapped |= gone->pmapped;
	vm_map_entry_free(gone);
	m->size += end - keep->end;
	keep->end = end;
	struct vm_map_entry *next = vm_map_entry_next(keep);
	if (next)
		set_gap(m, next);
}

/* Merges e with its neighbours where they continue each other; returns the survivor. */
static struct vm_map_entry *simplify(struct vm_map *m, struct vm_map_entry *e)
{
	struct vm_map_entry *prev = entry_of(rb_prev(&e->node));
	if (prev && mergeable(prev, e)) {
		merge_into(m, prev, e);
		e = prev;
	}
	struct vm_map_entry *next = vm_map_entry_next(e);
	if (next && mergeable(e, next))
		merge_into(m, e, next);
	return e;
}

/* Lowest aligned start >= from with [start, start+size) inside [from, limit), or 0. */
static uint64_t fit(uint64_t from, uint64_t limit, uint64_t size, uint64_t mask)
{
	uint64_t a = (from + mask) & ~mask;
	if (a < from || a > limit || limit - a < size)
		return 0;
	return a;
}

/* In-order search of the subtree at n for the first gap that fits; prunes subtrees
 * whose largest gap is too small and gaps wholly below the hint. */
static uint64_t find_in(struct vm_map *m, struct rb_node *n, uint64_t hint, uint64_t size,
			uint64_t mask)
{
	while (n) {
		struct vm_map_entry *e = entry_of(n);
		if (e->max_gap < size)
			return 0;
		/* The left subtree only when something there could fit: no call for nothing. */
		if (n->left && entry_of(n->left)->max_gap >= size && e->start > hint) {
			uint64_t a = find_in(m, n->left, hint, size, mask);
			if (a)
				return a;
		}
		uint64_t gap_start = e->start - e->gap_before;
		if (e->gap_before >= size && e->start > hint) {
			uint64_t a = fit(gap_start > hint ? gap_start : hint, e->start, size, mask);
			if (a)
				return a;
		}
		n = n->right;
	}
	return 0;
}

/* find_in when neither a hint above min nor an alignment beyond the page's narrows the
 * search: then every gap of `size` fits (entries and min are page-aligned), and the
 * first in address order is found going down the tree without coming back up. At each
 * step n's subtree holds such a gap: its left subtree's if that has one, else n's own,
 * else (n's max_gap says so) its right subtree's. */
static uint64_t first_gap(struct rb_node *n, uint64_t size)
{
	if (!n || entry_of(n)->max_gap < size)
		return 0;
	for (;;) {
		struct vm_map_entry *e = entry_of(n);
		if (n->left && entry_of(n->left)->max_gap >= size)
			n = n->left;
		else if (e->gap_before >= size)
			return e->start - e->gap_before;
		else
			n = n->right;
	}
}

uint64_t vm_map_find_space(struct vm_map *m, uint64_t hint, uint64_t size, uint64_t mask)
{
	if (hint < m->min)
		hint = m->min;
	uint64_t a = hint == m->min && mask == PAGE_MASK ? first_gap(m->entries.root, size) :
		     find_in(m, m->entries.root, hint, size, mask);
	if (a)
		return a;
	struct vm_map_entry *last = entry_of(rb_last(&m->entries));
	uint64_t from = last && last->end > hint ? last->end : hint;
	return fit(from, m->max, size, mask);
}

/* Whether [start, end) is free of entries. */
static bool range_free(struct vm_map *m, uint64_t start, uint64_t end)
{
	struct vm_map_entry *e = lookup_ceiling(m, start);
	return !e || e->start >= end;
}

/* Grows the object of prev (which ends at addr) to take [addr, addr+size) too, when it is
 * a plain anonymous object nobody else sees: then the new range is just more of prev. */
static bool coalesce(struct vm_map_entry *prev, uint64_t addr, uint64_t size)
{
	struct vm_object *o = prev->object;
	if (!o || prev->end != addr || o->refs != 1 || o->shadow || !o->internal ||
	    o->shadowed || prev->offset + (prev->end - prev->start) != o->size)
		return false;
	o->size += size;
	return true;
}

kern_return_t vm_map_enter(struct vm_map *m, uint64_t *addr, uint64_t size, uint64_t mask,
			   bool anywhere, struct vm_object *object, uint64_t offset,
			   bool needs_copy, vm_prot_t cur, vm_prot_t max, vm_inherit_t inh)
{
	uint64_t start = *addr;
	if (size == 0 || size > m->max - m->min)
		return KERN_NO_SPACE;
	if (m->size + size > m->size_limit || m->size + size < m->size)
		return KERN_NO_SPACE;
	if (anywhere) {
		start = vm_map_find_space(m, start, size, mask);
		if (!start)
			return KERN_NO_SPACE;
	} else if (start & mask) {
		return KERN_NO_SPACE;
	} else if (start < m->min || start > m->max || m->max - start < size) {
		return KERN_INVALID_ADDRESS;
	} else if (!range_free(m, start, start + size)) {
		return KERN_NO_SPACE;
	}
	struct vm_map_entry *prev = lookup_ceiling(m, start);
	prev = prev ? entry_of(rb_prev(&prev->node)) : entry_of(rb_last(&m->entries));
	struct vm_map_entry *e = vm_map_entry_alloc();
	if (!e)
		return KERN_RESOURCE_SHORTAGE;
	e->start = start;
	e->end = start + size;
	e->object = object;
	e->offset = offset;
	e->needs_copy = needs_copy;
	e->protection = cur;
	e->max_protection = max;
	e->inheritance = inh;
	if (!object && prev && prev->protection == cur && prev->max_protection == max &&
	    prev->inheritance == inh && !prev->needs_copy && !prev->is_shared &&
	    !prev->wired_count && coalesce(prev, start, size)) {
		vm_object_reference(prev->object);
		e->object = prev->object;
		e->offset = prev->offset + (prev->end - prev->start);
	}
	vm_map_entry_link(m, e);
	e = simplify(m, e);
	*addr = start;
	if (m->wire_future && cur != VM_PROT_NONE)
		vm_map_wire(m, start, start + size, cur);
	return KERN_SUCCESS;
}

/* Clips the entries overlapping [start, end) to it; returns the first, or NULL. */
struct vm_map_entry *vm_map_clip_range(struct vm_map *m, uint64_t start, uint64_t end)
{
	struct vm_map_entry *e = lookup_ceiling(m, start);
	if (!e || e->start >= end)
		return NULL;
	vm_map_clip_start(m, e, start);
	struct vm_map_entry *last = lookup_ceiling(m, end - 1);
	if (last && last->start < end)
		vm_map_clip_end(m, last, end);
	return e;
}

static void unwire_entry(struct vm_map *m, struct vm_map_entry *e);

/* Whether o's references are e's and its neighbours' in this map only (an object split
 * by clipping, or grown by coalescing): then the pages under e's range can be seen by
 * nobody once e goes, and are freed now rather than with the object. */
static bool only_neighbours_see(struct vm_map_entry *e, unsigned extra)
{
	struct vm_object *o = e->object;
	if (!o || o->shadowed || !o->internal)
		return false;
	unsigned refs = 1 + extra;
	struct vm_map_entry *prev = entry_of(rb_prev(&e->node)), *next = vm_map_entry_next(e);
	refs += prev && prev->object == o;
	refs += next && next->object == o;
	return o->refs == refs && refs > 1;
}

void vm_map_entry_release_pages(struct vm_map *m, struct vm_map_entry *e, unsigned extra)
{
	(void)m;
	if (only_neighbours_see(e, extra))
		vm_object_page_remove(e->object, e->offset, e->offset + (e->end - e->start));
}

kern_return_t vm_map_remove(struct vm_map *m, uint64_t start, uint64_t end)
{
	struct vm_map_entry *e = vm_map_clip_range(m, start, end);
	while (e && e->start < end) {
		struct vm_map_entry *next = vm_map_entry_next(e);
		while (e->wired_count)
			unwire_entry(m, e);
		if (e->pmapped)
			pmap_remove(&m->pmap, e->start, e->end);
		vm_map_entry_release_pages(m, e, 0);
		vm_map_entry_unlink(m, e);
		if (e->object)
			vm_object_deallocate(e->object);
		vm_map_entry_free(e);
		e = next;
	}
	return KERN_SUCCESS;
}

kern_return_t vm_map_protect(struct vm_map *m, uint64_t start, uint64_t end, vm_prot_t prot,
			     bool set_max)
{
	/* All or nothing: check every entry before changing any. */
	for (struct vm_map_entry *e = lookup_ceiling(m, start); e && e->start < end;
	     e = vm_map_entry_next(e))
		if (prot & ~e->max_protection)
			return KERN_PROTECTION_FAILURE;
	struct vm_map_entry *e = vm_map_clip_range(m, start, end), *last = NULL;
	for (; e && e->start < end; e = vm_map_entry_next(e)) {
		vm_prot_t old = e->protection;
		if (set_max) {
			e->max_protection = prot;
			e->protection &= prot;
		} else {
			e->protection = prot;
		}
		if (e->protection != old && e->pmapped)
			pmap_protect(&m->pmap, e->start, e->end,
				     e->protection & ~(e->needs_copy ? VM_PROT_WRITE : 0));
		last = e;
	}
	if (last) {
		struct vm_map_entry *first = lookup_ceiling(m, start);
		simplify(m, last);
		if (first && first != last)
			simplify(m, lookup_ceiling(m, start));
	}
	return KERN_SUCCESS;
}

kern_return_t vm_map_inherit(struct vm_map *m, uint64_t start, uint64_t end, vm_inherit_t inh)
{
	struct vm_map_entry *e = vm_map_clip_range(m, start, end), *last = NULL;
	for (; e && e->start < end; e = vm_map_entry_next(e)) {
		e->inheritance = inh;
		last = e;
	}
	if (last) {
		simplify(m, last);
		simplify(m, lookup_ceiling(m, start));
	}
	return KERN_SUCCESS;
}

bool vm_map_range_allows(struct vm_map *m, uint64_t start, uint64_t end, vm_prot_t prot)
{
	uint64_t at = start;
	for (struct vm_map_entry *e = lookup_ceiling(m, start); at < end; e = vm_map_entry_next(e)) {
		if (!e || e->start > at || (e->protection & prot) != prot)
			return false;
		at = e->end;
	}
	return true;
}

kern_return_t vm_map_region(struct vm_map *m, uint64_t *addr, uint64_t *size,
			    struct vm_map_entry *out)
{
	struct vm_map_entry *e = lookup_ceiling(m, *addr);
	if (!e)
		return KERN_NO_SPACE;
	*out = *e;
	*addr = e->start;
	*size = e->end - e->start;
	return KERN_SUCCESS;
}

kern_return_t vm_map_entry_prepare_copy(struct vm_map *m, struct vm_map_entry *e)
{
	if (!e->object) {
		e->object = vm_object_create(e->end - e->start);
		if (!e->object)
			return KERN_RESOURCE_SHORTAGE;
		e->offset = 0;
	}
	if (!e->needs_copy) {
		e->needs_copy = true;
		if (e->pmapped)
			pmap_protect(&m->pmap, e->start, e->end, e->protection & ~VM_PROT_WRITE);
	}
	return KERN_SUCCESS;
}

/* Gives e its own object shadowing the one it shares copy-on-write (before sharing it
 * writable with another map, which must see the same object from then on). */
static kern_return_t resolve_needs_copy(struct vm_map *m, struct vm_map_entry *e)
{
	if (!e->object) {
		e->object = vm_object_create(e->end - e->start);
		e->offset = 0;
		return e->object ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
	}
	if (!e->needs_copy)
		return KERN_SUCCESS;
	kern_return_t kr = vm_map_entry_shadow(e);
	if (kr == KERN_SUCCESS && e->pmapped) {
		pmap_remove(&m->pmap, e->start, e->end);  /* pages now come through the shadow */
		e->pmapped = false;
	}
	return kr;
}

kern_return_t vm_map_entry_shadow(struct vm_map_entry *e)
{
	if (!e->needs_copy)
		return KERN_SUCCESS;
	struct vm_object *s = vm_object_shadow(e->object, e->offset, e->end - e->start);
	if (!s)
		return KERN_RESOURCE_SHORTAGE;
	e->object = s;
	e->offset = 0;
	e->needs_copy = false;
	return KERN_SUCCESS;
}

static struct vm_map_entry *fork_entry(struct vm_map *parent, struct vm_map_entry *e)
{
	struct vm_map_entry *c = vm_map_entry_alloc();
	if (!c)
		return NULL;
	*c = *e;
	c->wired_count = 0;
	c->pmapped = false;                   /* the child's page tables are empty */
	if (e->inheritance == VM_INHERIT_SHARE) {
		if (resolve_needs_copy(parent, e) != KERN_SUCCESS)
			goto fail;
		e->is_shared = c->is_shared = true;
		c->object = e->object;
		c->offset = e->offset;
		c->needs_copy = false;
		vm_object_reference(c->object);
	} else if (!e->object) {
		c->object = NULL;             /* untouched zero-fill: nothing to share */
	} else if (e->is_shared || e->wired_count) {
		c->object = vm_object_copy_now(e->object, e->offset, e->end - e->start);
		if (!c->object)
			goto fail;
		c->offset = 0;
		c->needs_copy = false;
		c->is_shared = false;
	} else {
		if (vm_map_entry_prepare_copy(parent, e) != KERN_SUCCESS)
			goto fail;
		vm_object_reference(e->object);
		c->needs_copy = true;
	}
	return c;
fail:
	vm_map_entry_free(c);
	return NULL;
}

struct vm_map *vm_map_fork(struct vm_map *parent)
{
	struct vm_map *child = vm_map_create(parent->min, parent->max);
	if (!child)
		return NULL;
	child->size_limit = parent->size_limit;
	child->size_max = parent->size_max;
	for (struct vm_map_entry *e = vm_map_first_entry(parent); e; e = vm_map_entry_next(e)) {
		if (e->inheritance == VM_INHERIT_NONE)
			continue;
		struct vm_map_entry *c = fork_entry(parent, e);
		if (!c) {
			vm_map_deallocate(child);
			return NULL;
		}
		vm_map_entry_link(child, c);
	}
	return child;
}

/* Adds or drops one wiring of the page visible at va of e. */
static void wire_page(struct vm_page *pg, int delta)
{
	if (delta > 0 && pg->wire_count++ == 0)
		vm_counts.wired++;
	else if (delta < 0 && pg->wire_count > 0 && --pg->wire_count == 0)
		vm_counts.wired--;
}

static void unwire_entry(struct vm_map *m, struct vm_map_entry *e)
{
	for (uint64_t va = e->start; va < e->end; va += PAGE_SIZE) {
		struct vm_page *pg = e->object ?
			vm_object_chain_lookup(e->object, e->offset + (va - e->start)) : NULL;
		if (pg)
			wire_page(pg, -1);
	}
	e->wired_count--;
	m->wired_size -= e->end - e->start;
}

kern_return_t vm_map_wire(struct vm_map *m, uint64_t start, uint64_t end, vm_prot_t prot)
{
	if (prot == VM_PROT_NONE) {
		if (!vm_map_range_allows(m, start, end, VM_PROT_NONE))
			return KERN_INVALID_ADDRESS;
		for (struct vm_map_entry *e = lookup_ceiling(m, start); e && e->start < end;
		     e = vm_map_entry_next(e))
			if (!e->wired_count)
				return KERN_INVALID_ARGUMENT;
		struct vm_map_entry *e = vm_map_clip_range(m, start, end);
		for (; e && e->start < end; e = vm_map_entry_next(e))
			unwire_entry(m, e);
		return KERN_SUCCESS;
	}
	if (!vm_map_range_allows(m, start, end, VM_PROT_NONE))
		return KERN_INVALID_ADDRESS;
	if (!vm_map_range_allows(m, start, end, prot))
		return KERN_PROTECTION_FAILURE;
	/* Bring every page in first: a fault may wait for a pager, and no entry pointer
	 * may be held across that. The second pass then finds them resident (unless a
	 * pager flushed one meanwhile, which makes it wait again: then it is an error). */
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		struct vm_page *pg;
		kern_return_t kr = vm_fault_page(m, va, prot, false, &pg);
		if (kr != KERN_SUCCESS)
			return kr;
	}
	if (!vm_map_range_allows(m, start, end, prot))
		return KERN_INVALID_ADDRESS;      /* the map changed while we waited */
	struct vm_map_entry *e = vm_map_clip_range(m, start, end);
	for (; e && e->start < end; e = vm_map_entry_next(e)) {
		for (uint64_t va = e->start; va < e->end; va += PAGE_SIZE) {
			struct vm_page *pg;
			kern_return_t kr = vm_fault_page_nowait(m, va, prot, &pg);
			if (kr != KERN_SUCCESS)
				return kr;
			wire_page(pg, +1);
		}
		e->wired_count++;
		m->wired_size += e->end - e->start;
	}
	return KERN_SUCCESS;
}

static kern_return_t kernel_access(struct vm_map *m, uint64_t addr, void *buf, uint64_t len,
				   bool write, bool force)
{
	if (!user_range_ok(addr, len))
		return KERN_INVALID_ADDRESS;
	uint8_t *p = buf;
	while (len > 0) {
		uint64_t in_page = PAGE_SIZE - (addr & PAGE_MASK);
		uint64_t n = len < in_page ? len : in_page;
		struct vm_page *pg;
		kern_return_t kr = vm_fault_page(m, trunc_page(addr),
						 write ? VM_PROT_WRITE : VM_PROT_READ, force, &pg);
		if (kr != KERN_SUCCESS)
			return kr;
		uint8_t *kva = (uint8_t *)vm_page_kva(pg) + (addr & PAGE_MASK);
		if (write) {
			memcpy(kva, p, n);
			pg->flags |= VM_PAGE_DIRTY;
		} else {
			memcpy(p, kva, n);
		}
		p += n;
		addr += n;
		len -= n;
	}
	return KERN_SUCCESS;
}

kern_return_t vm_map_write_kernel(struct vm_map *m, uint64_t addr, const void *src,
				  uint64_t len, bool force)
{
	return kernel_access(m, addr, (void *)src, len, true, force);
}

kern_return_t vm_map_read_kernel(struct vm_map *m, uint64_t addr, void *dst, uint64_t len)
{
	return kernel_access(m, addr, dst, len, false, false);
}
